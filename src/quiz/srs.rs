//! Spaced repetition with FSRS (`rs-fsrs`): a wrong answer rates the question Again, a right one
//! Good. A card's state is kept in the progress document as plain numbers (times in ms since
//! the Unix epoch), so it survives restarts and exports.

use chrono::{DateTime, TimeZone, Utc};
use rs_fsrs::{Card, Rating, State, FSRS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The saved FSRS state of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    /// When the question is due again (ms since the Unix epoch).
    pub due: i64,
    /// FSRS stability: days until recall drops to 90 %.
    pub stability: f64,
    /// FSRS difficulty (1 easy to 10 hard).
    pub difficulty: f64,
    /// Days between the last two reviews.
    pub elapsed_days: i64,
    /// Days the last review scheduled.
    pub scheduled_days: i64,
    /// How many times it was reviewed.
    pub reps: i32,
    /// How many times it was forgotten (answered wrong after being learnt).
    pub lapses: i32,
    /// 0 new, 1 learning, 2 review, 3 relearning.
    pub state: u8,
    /// When it was last reviewed (ms since the Unix epoch).
    pub last_review: i64,
    /// Whether the last answer was right.
    pub last_correct: bool,
}

fn time(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_else(|| Utc.timestamp_millis_opt(0).single().expect("epoch"))
}

fn to_card(c: &CardState) -> Card {
    Card {
        due: time(c.due),
        stability: c.stability,
        difficulty: c.difficulty,
        elapsed_days: c.elapsed_days,
        scheduled_days: c.scheduled_days,
        reps: c.reps,
        lapses: c.lapses,
        state: match c.state {
            1 => State::Learning,
            2 => State::Review,
            3 => State::Relearning,
            _ => State::New,
        },
        last_review: time(c.last_review),
    }
}

/// The state after answering (`card` is `None` for a question never answered before).
pub fn review(card: Option<&CardState>, correct: bool, now: i64) -> CardState {
    let fsrs = FSRS::default();
    let before = match card {
        Some(c) => to_card(c),
        // built by hand: `Card::new()` reads the system clock, which the web build has not
        None => Card {
            due: time(now),
            last_review: time(now),
            ..Card::default()
        },
    };
    let rating = if correct { Rating::Good } else { Rating::Again };
    let after = fsrs.next(before, time(now), rating).card;
    CardState {
        due: after.due.timestamp_millis(),
        stability: after.stability,
        difficulty: after.difficulty,
        elapsed_days: after.elapsed_days,
        scheduled_days: after.scheduled_days,
        reps: after.reps,
        lapses: after.lapses,
        state: after.state as u8,
        last_review: after.last_review.timestamp_millis(),
        last_correct: correct,
    }
}

/// The review queue: questions due now, and those whose last answer was wrong (they stay until
/// answered right), soonest first.
pub fn due(cards: &BTreeMap<String, CardState>, now: i64) -> Vec<String> {
    let mut v: Vec<(&String, &CardState)> = cards
        .iter()
        .filter(|(_, c)| c.due <= now || !c.last_correct)
        .collect();
    kindlab_content::sort::by_key(&mut v, |(id, c)| (c.due, (*id).clone()));
    v.into_iter().map(|(id, _)| id.clone()).collect()
}

/// When the next card falls due, if none is due now.
pub fn next_due(cards: &BTreeMap<String, CardState>, now: i64) -> Option<i64> {
    cards.values().map(|c| c.due).filter(|d| *d > now).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_780_000_000_000;
    const MIN: i64 = 60_000;
    const DAY: i64 = 86_400_000;

    #[test]
    fn a_wrong_answer_is_due_again_within_minutes_and_stays_queued() {
        let c = review(None, false, T0);
        assert!(c.due > T0 && c.due <= T0 + 10 * MIN, "{c:?}");
        assert!(!c.last_correct);
        let mut cards = BTreeMap::new();
        cards.insert("q".to_string(), c);
        assert_eq!(due(&cards, T0), vec!["q".to_string()]);
    }

    #[test]
    fn right_answers_push_the_next_review_further_out() {
        let c1 = review(None, true, T0);
        assert!(c1.due > T0);
        let c2 = review(Some(&c1), true, c1.due);
        let c3 = review(Some(&c2), true, c2.due);
        let gaps = [c1.due - T0, c2.due - c1.due, c3.due - c2.due];
        assert!(gaps[0] < gaps[1] && gaps[1] < gaps[2], "{gaps:?}");
        assert!(c3.due - c2.due >= DAY, "{gaps:?}");
        assert_eq!(c3.reps, 3);
        let mut cards = BTreeMap::new();
        cards.insert("q".to_string(), c3.clone());
        assert!(due(&cards, c2.due).is_empty());
        assert_eq!(due(&cards, c3.due), vec!["q".to_string()]);
        assert_eq!(next_due(&cards, c2.due), Some(c3.due));
    }

    #[test]
    fn a_lapse_is_counted_and_shortens_the_interval() {
        let mut c = review(None, true, T0);
        for _ in 0..3 {
            c = review(Some(&c), true, c.due);
        }
        let long = c.due - c.last_review;
        let lapsed = review(Some(&c), false, c.due);
        assert_eq!(lapsed.lapses, c.lapses + 1);
        assert!(lapsed.due - lapsed.last_review < long);
    }
}
