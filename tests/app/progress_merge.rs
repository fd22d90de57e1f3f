//! Two tabs (or windows) of one learner saving their record at once lose no answer: each save
//! merges in what the other saved meanwhile (`store::save_progress`, `Progress::merge`).

use kindlab::store::{load_progress, save_progress, Backend, MemoryBackend, Progress};
use proptest::prelude::*;

const KEY: &str = "progress";
const T0: i64 = 1_780_000_000_000;

/// One open tab: its record in memory and what it last saw saved.
struct Tab {
    progress: Progress,
    seen: Option<String>,
}

impl Tab {
    fn open(b: &dyn Backend) -> Tab {
        let (progress, problem) = load_progress(b, KEY);
        assert!(problem.is_none(), "{problem:?}");
        Tab {
            progress,
            seen: b.read(KEY),
        }
    }
    /// Answers `question` at `at` and saves at once, as the app does.
    fn answer(&mut self, b: &dyn Backend, question: &str, at: i64) -> bool {
        self.progress.record_answer("chapter", question, true, at);
        self.progress.lessons_opened.insert(format!("l-{question}"));
        save_progress(b, KEY, &mut self.progress, &mut self.seen).unwrap()
    }
}

#[test]
fn two_tabs_answering_in_turn_keep_every_answer() {
    let b = MemoryBackend::default();
    let mut first = Tab::open(&b);
    first.answer(&b, "q0", T0);
    let (mut a, mut c) = (Tab::open(&b), Tab::open(&b));
    // neither knows of the other's answers when it saves
    assert!(!a.answer(&b, "qa1", T0 + 10));
    assert!(
        c.answer(&b, "qc1", T0 + 20),
        "the second tab merges the first's answer"
    );
    assert!(a.answer(&b, "qa2", T0 + 30), "and the first the second's");
    let (saved, _) = load_progress(&b, KEY);
    let questions: Vec<&str> = saved.history.iter().map(|h| h.question.as_str()).collect();
    assert_eq!(questions, ["q0", "qa1", "qc1", "qa2"]);
    assert_eq!(saved.quiz_answers, 4);
    assert_eq!(saved.lessons_opened.len(), 4);
    // the tab that merged shows the other's answers too
    assert_eq!(a.progress, saved);
}

#[test]
fn merging_what_a_record_already_holds_changes_nothing() {
    let b = MemoryBackend::default();
    let mut t = Tab::open(&b);
    for i in 0..5 {
        t.answer(&b, &format!("q{i}"), T0 + i);
    }
    let p = t.progress.clone();
    let mut same = p.clone();
    same.merge(&p);
    assert_eq!(same, p);
    let mut older = Progress::default();
    older.record_answer("chapter", "q0", true, T0);
    older.lessons_opened.insert("l-q0".into());
    let mut newer = p.clone();
    newer.merge(&older);
    assert_eq!(newer, p, "an older copy of the same record adds nothing");
}

#[test]
fn a_later_review_of_a_question_wins_the_schedule() {
    let (mut a, mut b) = (Progress::default(), Progress::default());
    a.record_answer("chapter", "q", false, T0);
    b.record_answer("chapter", "q", true, T0 + 60_000);
    let mut m = a.clone();
    m.merge(&b);
    assert_eq!(m.cards["q"], b.cards["q"]);
    let mut m2 = b.clone();
    m2.merge(&a);
    assert_eq!(m2.cards["q"], b.cards["q"]);
    assert_eq!(m.quiz_answers, 2);
    assert_eq!(m2.quiz_answers, 2);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Any interleaving of three tabs' answers: every answer is saved, counted once.
    #[test]
    fn any_interleaving_of_tabs_keeps_every_answer(order in prop::collection::vec(0usize..3, 1..30)) {
        let b = MemoryBackend::default();
        let mut tabs = [Tab::open(&b), Tab::open(&b), Tab::open(&b)];
        for (i, t) in order.iter().enumerate() {
            tabs[*t].answer(&b, &format!("q{i}"), T0 + i as i64);
        }
        let (saved, _) = load_progress(&b, KEY);
        prop_assert_eq!(saved.quiz_answers as usize, order.len());
        let mut got: Vec<String> = saved.history.iter().map(|h| h.question.clone()).collect();
        got.sort();
        let mut want: Vec<String> = (0..order.len()).map(|i| format!("q{i}")).collect();
        want.sort();
        prop_assert_eq!(got, want);
    }
}
