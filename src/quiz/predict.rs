//! Predictions' rule: a committed guess is right when its choice stands for what the simulator
//! showed (`content::query::choice_matches`: a word, a list, a range of numbers). What the
//! simulator showed is read by the lab's rules (`lab::predict`), or was read when the web site
//! was built.

use crate::content::query::choice_matches;

/// The key a prediction is recorded under: the lesson's slug and the block's id.
pub fn key(slug: &str, id: &str) -> String {
    format!("{slug}/{id}")
}

/// Whether the choice with value `choice` stands for the observed value.
pub fn matches(choice: &str, observed: &str) -> bool {
    choice_matches(choice, observed)
}

/// The positions of the choices (by value) that stand for the observed value.
pub fn matching<'a>(choices: impl IntoIterator<Item = &'a str>, observed: &str) -> Vec<usize> {
    choices
        .into_iter()
        .enumerate()
        .filter(|(_, c)| matches(c, observed))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_lists_and_ranges() {
        assert!(matches("worker2", "worker2"));
        assert!(!matches("worker2", "worker2,worker3"));
        assert!(matches("30..60", "46"));
        assert!(!matches("30..60", "60"));
        assert!(matches("60..", "300"));
        assert!(matches("..30", "0"));
        assert!(!matches("..30", "many"));
        assert_eq!(matching(["..30", "30..60", "60.."], "46"), vec![1]);
    }
}
