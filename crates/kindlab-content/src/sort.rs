//! One stable sort for the code that runs in the browser (the content queries here, the
//! app's quizzes, progress and messages).
//!
//! Every call of `slice::sort_by` and friends compiles its own copy of the standard library's
//! sorting code, one per element type and comparator: about 4 KB of wasm each, and the reader
//! edition had nine of them. These functions sort a list of positions with a comparator behind
//! one `dyn` type instead, so the whole build holds a single copy; then they move the items
//! into that order. They are stable, as `sort_by` is: equal items keep their order.
//!
//! ```
//! let mut v = vec![("b", 2), ("a", 1), ("c", 1)];
//! kindlab_content::sort::by_key(&mut v, |&(_, n)| n);
//! assert_eq!(v, [("a", 1), ("c", 1), ("b", 2)]);
//! ```

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably.
pub fn by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    positions(&mut order, &|a, b| cmp(&v[a], &v[b]));
    let mut items: Vec<Option<T>> = v.drain(..).map(Some).collect();
    // `order` holds every position once: each item is taken exactly once
    v.extend(order.into_iter().filter_map(|i| items[i].take()));
}

/// Sorts `v` by the key `key` gives each item, stably.
pub fn by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in the items' own order, stably.
pub fn ord<T: Ord>(v: &mut Vec<T>) {
    by(v, |a, b| a.cmp(b));
}

/// The one instance of the standard library's sort: positions, compared through `cmp`.
#[inline(never)]
fn positions(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_sorts_as_the_standard_library_does_and_keeps_equal_items_in_their_order() {
        // pairs with many equal keys: the second field tells the items apart
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for len in [0, 1, 2, 3, 10, 33, 200, 1000] {
            let v: Vec<(u32, usize)> = (0..len).map(|i| (next() % 7, i)).collect();
            let mut ours = v.clone();
            by_key(&mut ours, |&(k, _)| k);
            let mut std = v.clone();
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "length {len}");
            let mut rev = v.clone();
            by(&mut rev, |a, b| b.0.cmp(&a.0));
            let mut std_rev = v;
            std_rev.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(rev, std_rev, "length {len}, reversed");
        }
    }

    #[test]
    fn it_moves_items_that_are_not_copy() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        ord(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    }
}
