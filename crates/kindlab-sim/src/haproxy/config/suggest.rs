//! Suggestions: HAProxy 2.4+'s "did you mean 'x' maybe ?" for unknown keywords.

use rapidfuzz::distance::levenshtein::{Args, BatchComparator};

/// The edit distance between `a` and `b` when it is at most `limit` (`None` beyond it).
#[cfg(test)]
fn levenshtein_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    BatchComparator::new(a.chars())
        .distance_with_args(b.chars(), &Args::default().score_cutoff(limit))
}

/// The closest candidate within a third of the word's length (at least 1 edit), as HAProxy
/// 2.4+ suggests one; the first of equals. Only candidates of a length within reach are
/// compared (a pasted line of a megabyte meets every keyword list in microseconds), with
/// rapidfuzz's bit-parallel distance, which stops past the limit.
pub(super) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let n = word.chars().count();
    let limit = (n / 3).max(1);
    let mut measured: Option<BatchComparator<char>> = None;
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
        // the closest so far bounds the rest: only a nearer one can replace it
        let reach = match best {
            Some((0, _)) => break,
            Some((d, _)) => d - 1,
            None => limit,
        };
        let word = measured.get_or_insert_with(|| BatchComparator::new(word.chars()));
        if let Some(d) = word.distance_with_args(c.chars(), &Args::default().score_cutoff(reach)) {
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

    /// The suggestion as the textbook would make it: the first candidate at the least
    /// distance, if that is within a third of the word's length (at least 1).
    fn plain_suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let limit = (word.chars().count() / 3).max(1);
        let mut best: Option<(usize, &'a str)> = None;
        for c in candidates {
            let d = plain(word, c);
            if d <= limit && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }

    #[test]
    fn the_suggestion_is_the_textbook_one() {
        let words = [
            "",
            "a",
            "chek",
            "check",
            "checks",
            "inter",
            "intr",
            "rise",
            "fall",
            "maxconn",
            "maxcon",
            "balance",
            "balanse",
            "roundrobin",
            "roundrobn",
            "默认",
            "默认后端",
            "xyzzy",
            "checkk",
            "hcekc",
            "ab",
            "ba",
            "abc",
            "acb",
            "timeout",
            "timeuot",
            "timeouts",
        ];
        for w in words {
            for n in 1..=words.len() {
                // every prefix of the list, and the list turned round, as candidates
                let list = &words[..n];
                let back: Vec<&str> = list.iter().rev().copied().collect();
                assert_eq!(
                    suggest(w, list),
                    plain_suggest(w, list),
                    "{w:?} in {list:?}"
                );
                assert_eq!(
                    suggest(w, &back),
                    plain_suggest(w, &back),
                    "{w:?} in {back:?}"
                );
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
