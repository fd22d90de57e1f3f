//! Suggestions: HAProxy 2.4+'s "did you mean 'x' maybe ?" for unknown keywords.

/// The edit distance between `a` and `b` when it is at most `limit` (`None` beyond it). Cheap
/// for words that cannot be close: a length gap above `limit` answers at once, and a row whose
/// best cell is past `limit` ends the search (a pasted line of a megabyte meets every keyword
/// list in microseconds).
#[cfg(test)]
fn levenshtein_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    within(&a, &b, limit, &mut Rows::default())
}

/// The two rows of the distance table, kept from one candidate to the next.
#[derive(Default)]
struct Rows {
    prev: Vec<usize>,
    cur: Vec<usize>,
}

fn within(a: &[char], b: &[char], limit: usize, rows: &mut Rows) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let nb = b.len();
    let Rows { prev, cur } = rows;
    prev.clear();
    prev.extend(0..=nb);
    cur.clear();
    cur.resize(nb + 1, 0);
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut best = cur[0];
        for j in 1..=nb {
            let cost = usize::from(*ca != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            best = best.min(cur[j]);
        }
        if best > limit {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    Some(prev[nb]).filter(|d| *d <= limit)
}

/// The closest candidate within a third of the word's length (at least 1 edit), as HAProxy
/// 2.4+ suggests one. The word is measured once; only candidates of a length within reach are
/// compared.
pub(super) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let n = word.chars().count();
    let limit = (n / 3).max(1);
    let mut chars: Option<Vec<char>> = None;
    let mut rows = Rows::default();
    let mut cand: Vec<char> = vec![];
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        // a keyword is short: its length in chars is at most its length in bytes
        if c.len() + limit < n {
            continue;
        }
        let cn = if c.is_ascii() {
            c.len()
        } else {
            c.chars().count()
        };
        if cn.abs_diff(n) > limit {
            continue;
        }
        cand.clear();
        cand.extend(c.chars());
        let w = chars.get_or_insert_with(|| word.chars().collect());
        if let Some(d) = within(w, &cand, limit, &mut rows) {
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

pub(super) fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    match suggest(word, candidates) {
        Some(s) => format!("; did you mean '{s}' maybe ?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook distance, to hold the bounded one to.
    fn plain(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn the_bounded_distance_is_the_distance_up_to_its_limit() {
        let words = [
            "",
            "a",
            "chek",
            "check",
            "inter",
            "intr",
            "rise",
            "fall",
            "maxconn",
            "balance",
            "roundrobin",
            "默认",
            "默认后端",
            "xyzzy",
            "checkk",
            "hcekc",
        ];
        for a in words {
            for b in words {
                let d = plain(a, b);
                for limit in 0..8 {
                    let want = (d <= limit).then_some(d);
                    assert_eq!(levenshtein_within(a, b, limit), want, "{a:?} {b:?} {limit}");
                }
            }
        }
    }

    #[test]
    fn suggestions_and_a_megabyte_word() {
        assert_eq!(suggest("chek", &["check", "inter", "rise"]), Some("check"));
        assert_eq!(suggest("intr", &["check", "inter", "rise"]), Some("inter"));
        assert_eq!(suggest("xyzzy", &["check", "inter", "rise"]), None);
        // a megabyte-long word meets no keyword (its time is tests/sim/bounds.rs's)
        let long = "k".repeat(1 << 20);
        assert_eq!(suggest(&long, &["check", "inter", "rise"]), None);
    }
}
