//! Answering through the progress document (what the quiz page does): each answer goes to the
//! run, the history, the counter and the review schedule; finishing a run records its score;
//! generated questions are never scheduled; the best score; the history and score limits.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::content::model::{Bundle, Question, QuestionKind};
use kindlab::quiz::{self, generate, srs, Mode, Response, Run, Shown};
use kindlab::store::progress::{ScoreRecord, HISTORY_LIMIT, SCORES_LIMIT};
use kindlab::store::Progress;

const T0: i64 = 1_780_000_000_000;
const MIN: i64 = 60_000;

fn chapter(b: &Bundle) -> Vec<&Question> {
    b.quiz("chapter")
        .expect("the chapter quiz")
        .questions
        .iter()
        .collect()
}

fn right(q: &Question, s: &Shown) -> Response {
    match &q.kind {
        QuestionKind::Choice(_) => Response::Choice(
            s.options
                .iter()
                .enumerate()
                .filter(|(_, k)| k.answer)
                .map(|(i, _)| i)
                .collect(),
        ),
        QuestionKind::Short(sh) => Response::Text(sh.answer.en.clone()),
    }
}

fn wrong(q: &Question, s: &Shown) -> Response {
    match &q.kind {
        QuestionKind::Choice(_) => Response::Choice(vec![s
            .options
            .iter()
            .position(|k| !k.answer)
            .expect("a distractor")]),
        QuestionKind::Short(_) => Response::Text("no idea".into()),
    }
}

#[test]
fn an_exam_answer_is_recorded_everywhere_and_the_last_one_records_the_score() {
    let b = kindlab::content::bundle();
    let qs = chapter(b);
    assert_eq!(qs.len(), 4);
    let mut p = Progress::default();
    p.start_run(Run::new("chapter", &qs, Mode::Exam, false, 9, T0));
    for (i, q) in qs.iter().enumerate() {
        let now = T0 + (i as i64 + 1) * MIN;
        let s = p.runs["chapter"].shown().unwrap().clone();
        assert_eq!(s.question, q.id);
        let r = if i == 1 { wrong(q, &s) } else { right(q, &s) };
        assert_eq!(p.answer(b, "chapter", q, r, now), Some(i != 1));
        // history, counter and schedule after every answer
        assert_eq!(p.quiz_answers as usize, i + 1);
        let h = p.history.last().unwrap();
        assert_eq!(
            (h.question.as_str(), h.quiz.as_str(), h.correct, h.at),
            (q.id.as_str(), "chapter", i != 1, now)
        );
        let card = &p.cards[&q.id];
        assert_eq!(
            (card.last_review, card.last_correct, card.reps),
            (now, i != 1, 1)
        );
        assert!(card.due > now);
        // the score only once the run is over
        let done = i == qs.len() - 1;
        assert_eq!(p.runs["chapter"].is_finished(), done);
        assert_eq!(p.scores.get("chapter").map(Vec::len), done.then_some(1));
    }
    let s = &p.scores["chapter"][0];
    assert_eq!(
        (s.correct, s.total, s.mode, s.at, s.duration_ms),
        (3, 4, Mode::Exam, T0 + 4 * MIN, 4 * MIN)
    );
    assert_eq!(p.best("chapter"), Some((3, 4)));
    // the wrong one waits in the review queue, the right ones are not due yet
    assert_eq!(srs::due(&p.cards, T0 + 5 * MIN), vec![qs[1].id.clone()]);
    // a finished run takes no more answers
    let q = qs[0];
    let s = Shown {
        question: q.id.clone(),
        options: quiz::option_order(q, 9),
    };
    assert_eq!(p.answer(b, "chapter", q, right(q, &s), T0 + 10 * MIN), None);
    assert_eq!(p.quiz_answers, 4);
}

#[test]
fn a_practice_run_records_its_score_when_advanced_past_the_last_question_once() {
    let b = kindlab::content::bundle();
    let qs = chapter(b);
    let mut p = Progress::default();
    p.start_run(Run::new("chapter", &qs, Mode::Practice, false, 1, T0));
    for (i, q) in qs.iter().enumerate() {
        let s = p.runs["chapter"].shown().unwrap().clone();
        let now = T0 + i as i64 * 1000;
        assert_eq!(p.answer(b, "chapter", q, right(q, &s), now), Some(true));
        // answered twice: refused, nothing recorded twice
        assert_eq!(p.answer(b, "chapter", q, wrong(q, &s), now + 1), None);
        assert_eq!(p.history.len(), i + 1);
        assert!(p.scores.is_empty(), "no score before the run is over");
        p.advance(b, "chapter", now + 500);
    }
    assert!(p.runs["chapter"].is_finished());
    assert_eq!(p.scores["chapter"].len(), 1);
    assert_eq!(
        (p.scores["chapter"][0].correct, p.scores["chapter"][0].mode),
        (4, Mode::Practice)
    );
    p.advance(b, "chapter", T0 + 99_000);
    assert_eq!(
        p.scores["chapter"].len(),
        1,
        "advancing a finished run records nothing"
    );
    // no run of that quiz: nothing happens
    let q = qs[0];
    let s = Shown {
        question: q.id.clone(),
        options: quiz::option_order(q, 1),
    };
    assert_eq!(p.answer(b, "storage", q, right(q, &s), T0), None);
    p.advance(b, "storage", T0);
    assert_eq!(p.history.len(), 4);
}

#[test]
fn starting_a_run_replaces_the_previous_one_of_that_quiz() {
    let b = kindlab::content::bundle();
    let qs = chapter(b);
    let mut p = Progress::default();
    p.start_run(Run::new("chapter", &qs, Mode::Exam, false, 1, T0));
    let q = qs[0];
    let s = p.runs["chapter"].shown().unwrap().clone();
    p.answer(b, "chapter", q, right(q, &s), T0).unwrap();
    p.start_run(Run::new(
        "chapter",
        &qs[2..],
        Mode::Practice,
        false,
        2,
        T0 + 1,
    ));
    let r = &p.runs["chapter"];
    assert_eq!((r.items.len(), r.current, r.mode), (2, 0, Mode::Practice));
    assert!(r.attempts.iter().all(|a| a.is_none()));
    // what was answered stays answered
    assert_eq!(p.history.len(), 1);
}

#[test]
fn generated_questions_are_recorded_but_never_scheduled() {
    let b = kindlab::content::bundle();
    let owned = generate::set(2026, 6);
    assert_eq!(owned.len(), 6);
    let qs: Vec<&Question> = owned.iter().collect();
    let mut p = Progress::default();
    p.start_run(Run::new("generated", &qs, Mode::Exam, false, 3, T0));
    for (i, q) in qs.iter().enumerate() {
        assert!(q.id.starts_with("gen-"), "{}", q.id);
        let s = p.runs["generated"].shown().unwrap().clone();
        let r = if i % 2 == 0 {
            right(q, &s)
        } else {
            wrong(q, &s)
        };
        assert_eq!(
            p.answer(b, "generated", q, r, T0 + i as i64),
            Some(i % 2 == 0)
        );
    }
    assert_eq!(p.history.len(), 6);
    assert!(p.cards.is_empty(), "{:?}", p.cards.keys());
    assert!(srs::due(&p.cards, T0 + 10 * MIN).is_empty());
    // the run's results find the generated questions again by id: their topics
    let res = p.runs["generated"].results(b);
    assert_eq!((res.correct, res.total), (3, 6));
    let topics: Vec<&str> = res.by_topic.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(topics, vec!["traffic", "health-checks", "kubelet-failure"]);
    assert!(!topics.contains(&"general"));
    assert_eq!(p.best("generated"), Some((3, 6)));
    // and a retry of the missed ones is made of generated questions too
    let retry = p.runs["generated"].retry_missed(b, T0).unwrap();
    assert_eq!(retry.items.len(), 3);
    assert!(retry.items.iter().all(|s| s.question.starts_with("gen-")));
}

fn score(correct: usize, total: usize) -> ScoreRecord {
    ScoreRecord {
        at: T0,
        correct,
        total,
        mode: Mode::Exam,
        duration_ms: 0,
    }
}

#[test]
fn the_best_score_is_the_best_ratio_then_the_longer_run() {
    let mut p = Progress::default();
    assert_eq!(p.best("chapter"), None);
    for (c, t) in [(3, 4), (1, 1), (2, 4), (0, 4)] {
        p.record_score("chapter", score(c, t));
    }
    assert_eq!(p.best("chapter"), Some((1, 1)));
    p.record_score("chapter", score(4, 4));
    assert_eq!(
        p.best("chapter"),
        Some((4, 4)),
        "the same ratio over more questions"
    );
    p.record_score("storage", score(0, 5));
    assert_eq!(p.best("storage"), Some((0, 5)));
    assert_eq!(p.best("chapter"), Some((4, 4)));
    // an empty run (0 of 0) never beats a real one
    p.record_score("chapter", score(0, 0));
    assert_eq!(p.best("chapter"), Some((4, 4)));
}

#[test]
fn the_history_and_the_scores_keep_only_the_newest() {
    let mut p = Progress::default();
    for i in 0..HISTORY_LIMIT + 3 {
        p.record_answer("chapter", "gen-nginx-1", i % 2 == 0, i as i64);
    }
    assert_eq!(p.history.len(), HISTORY_LIMIT);
    assert_eq!(p.history[0].at, 3);
    assert_eq!(p.history.last().unwrap().at, (HISTORY_LIMIT + 2) as i64);
    assert_eq!(
        p.quiz_answers as usize,
        HISTORY_LIMIT + 3,
        "the counter counts them all"
    );
    for i in 0..SCORES_LIMIT + 2 {
        p.record_score(
            "chapter",
            ScoreRecord {
                at: i as i64,
                ..score(1, 2)
            },
        );
    }
    let v = &p.scores["chapter"];
    assert_eq!(v.len(), SCORES_LIMIT);
    assert_eq!(
        (v[0].at, v.last().unwrap().at),
        (2, (SCORES_LIMIT + 1) as i64)
    );
}

#[test]
fn a_review_answer_updates_the_same_card() {
    let b = kindlab::content::bundle();
    let qs = chapter(b);
    let q = qs[3];
    let mut p = Progress::default();
    p.start_run(Run::new("chapter", &[q], Mode::Exam, false, 5, T0));
    let s = p.runs["chapter"].shown().unwrap().clone();
    p.answer(b, "chapter", q, wrong(q, &s), T0).unwrap();
    let first = p.cards[&q.id].clone();
    assert_eq!(
        (first.reps, first.lapses, first.last_correct),
        (1, 0, false)
    );
    // the review quiz asks it again when due; a right answer there updates the card
    let due = srs::due(&p.cards, first.due);
    assert_eq!(due, vec![q.id.clone()]);
    p.start_run(Run::new(
        "review",
        &[q],
        Mode::Practice,
        false,
        6,
        first.due,
    ));
    let s = p.runs["review"].shown().unwrap().clone();
    assert_eq!(
        p.answer(b, "review", q, right(q, &s), first.due),
        Some(true)
    );
    let second = &p.cards[&q.id];
    assert_eq!(
        (second.reps, second.last_correct, second.last_review),
        (2, true, first.due)
    );
    assert!(second.due > first.due);
    assert!(srs::due(&p.cards, first.due).is_empty());
    assert_eq!(p.cards.len(), 1);
    // the history names the quiz it was answered in
    let quizzes: Vec<&str> = p.history.iter().map(|h| h.quiz.as_str()).collect();
    assert_eq!(quizzes, vec!["chapter", "review"]);
}
