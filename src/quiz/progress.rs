//! What the learner has done, and the rules that change it: lessons opened and read, every quiz
//! answer, scores, the spaced repetition schedule and the quiz runs in progress. `store` only
//! saves and loads it (`store::progress`: the JSON, its schema versions and their migration).

use super::srs::CardState;
use super::Run;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The schema this build writes. Older documents are migrated on load; newer ones are kept
/// aside (a newer kindlab wrote them) and never overwritten.
pub const SCHEMA: u32 = 3;

/// Answers kept in the history (the oldest go first).
pub const HISTORY_LIMIT: usize = 5000;
/// Scores kept per quiz.
pub const SCORES_LIMIT: usize = 50;

/// What the learner has done so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Progress {
    /// The version of this document's layout ([`SCHEMA`]).
    pub schema: u32,
    /// Slugs of the lessons opened at least once.
    pub lessons_opened: BTreeSet<String>,
    /// Slugs of the lessons read to the end (or marked read by the learner).
    pub lessons_read: BTreeSet<String>,
    /// Number of quiz answers recorded.
    pub quiz_answers: u32,
    /// Every answer, oldest first (at most [`HISTORY_LIMIT`]).
    pub history: Vec<AnswerRecord>,
    /// Finished runs per quiz id, oldest first (at most [`SCORES_LIMIT`] each).
    pub scores: BTreeMap<String, Vec<ScoreRecord>>,
    /// Spaced repetition state per question id.
    pub cards: BTreeMap<String, CardState>,
    /// The latest run of each quiz (in progress, or finished and shown with its results); a
    /// lesson's checkpoint question has its own run (`checkpoint/<question id>`).
    pub runs: BTreeMap<String, Run>,
    /// The predictions committed in lessons, by `<lesson slug>/<block id>` (schema 3).
    pub predictions: BTreeMap<String, Prediction>,
    /// Break-fix challenges tried, by id: solved or not, hints used (issue 19).
    pub challenges: BTreeMap<String, ChallengeRecord>,
}

/// A break-fix challenge in the learner's record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChallengeRecord {
    /// Solved at least once.
    pub solved: bool,
    /// The most hints shown in one try.
    pub hints: u8,
    /// The kind of fix of the first solve (the fix's id in the challenge's rules).
    pub fix: Option<String>,
    /// When it was first solved (wall-clock ms).
    pub solved_at: Option<i64>,
}

/// A prediction the learner committed to in a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prediction {
    /// The value of the choice picked.
    pub choice: String,
    /// Whether it matched what the simulator showed.
    pub correct: bool,
    /// When (ms since the Unix epoch).
    pub at: i64,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            schema: SCHEMA,
            lessons_opened: BTreeSet::new(),
            lessons_read: BTreeSet::new(),
            quiz_answers: 0,
            history: vec![],
            scores: BTreeMap::new(),
            cards: BTreeMap::new(),
            runs: BTreeMap::new(),
            challenges: BTreeMap::new(),
            predictions: BTreeMap::new(),
        }
    }
}

/// One answer in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// The question's id.
    pub question: String,
    /// The quiz it was asked in.
    pub quiz: String,
    /// Whether it was right.
    pub correct: bool,
    /// ms since the Unix epoch.
    pub at: i64,
}

/// A finished run's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRecord {
    /// When the run finished (ms since the Unix epoch).
    pub at: i64,
    /// Questions answered right.
    pub correct: usize,
    /// Questions asked.
    pub total: usize,
    /// Practice or exam.
    pub mode: super::Mode,
    /// How long the run took.
    pub duration_ms: i64,
}

/// The learner's record in numbers (the home and progress pages show them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Lessons of the chapter opened / marked read.
    pub opened: usize,
    /// Lessons marked read.
    pub read: usize,
    /// Questions answered, and answered right.
    pub answered: u32,
    /// Answers that were right.
    pub right: usize,
    /// Questions due for review now.
    pub due: usize,
    /// Where to go on: the first lesson not read yet (`None`: all are).
    pub next_unread: Option<String>,
}

impl Progress {
    /// The record in numbers, over the chapter's lessons in `order`, at `now`.
    pub fn summary(&self, order: &[String], now: i64) -> Summary {
        Summary {
            opened: order
                .iter()
                .filter(|s| self.lessons_opened.contains(*s))
                .count(),
            read: order
                .iter()
                .filter(|s| self.lessons_read.contains(*s))
                .count(),
            answered: self.quiz_answers,
            right: self.history.iter().filter(|a| a.correct).count(),
            due: super::srs::due(&self.cards, now).len(),
            next_unread: order
                .iter()
                .find(|s| !self.lessons_read.contains(*s))
                .cloned(),
        }
    }
}

impl Progress {
    /// Records one answer: history, counter and the question's review schedule.
    pub fn record_answer(&mut self, quiz: &str, question: &str, correct: bool, now: i64) {
        self.quiz_answers += 1;
        self.history.push(AnswerRecord {
            question: question.into(),
            quiz: quiz.into(),
            correct,
            at: now,
        });
        if self.history.len() > HISTORY_LIMIT {
            let extra = self.history.len() - HISTORY_LIMIT;
            self.history.drain(..extra);
        }
        // generated questions are one-offs: they are not scheduled for review
        if !question.starts_with("gen-") {
            let card = crate::quiz::srs::review(self.cards.get(question), correct, now);
            self.cards.insert(question.into(), card);
        }
    }

    /// Records a finished run's score.
    pub fn record_score(&mut self, quiz: &str, s: ScoreRecord) {
        let v = self.scores.entry(quiz.into()).or_default();
        v.push(s);
        if v.len() > SCORES_LIMIT {
            v.remove(0);
        }
    }

    /// The best score of a quiz, as (correct, total).
    pub fn best(&self, quiz: &str) -> Option<(usize, usize)> {
        self.scores
            .get(quiz)?
            .iter()
            .map(|s| (s.correct, s.total))
            .max_by(|a, b| (a.0 * b.1).cmp(&(b.0 * a.1)).then(a.1.cmp(&b.1)))
    }
}

impl Progress {
    /// Records a challenge's state: `hints` shown in the current try (the most is kept) and,
    /// when `fix` is given, that it got solved that way (the first solve is kept). Returns
    /// whether the record changed.
    pub fn record_challenge(&mut self, id: &str, hints: u8, fix: Option<&str>, now: i64) -> bool {
        let cur = self.challenges.get(id).cloned().unwrap_or_default();
        match cur.updated(hints, fix, now) {
            Some(next) => {
                self.challenges.insert(id.to_string(), next);
                true
            }
            None => false,
        }
    }
}

impl ChallengeRecord {
    /// This record after a try with `hints` shown and, if given, solved by `fix` at `now`;
    /// `None` when nothing changes (the most hints and the first solve are kept).
    pub fn updated(&self, hints: u8, fix: Option<&str>, now: i64) -> Option<ChallengeRecord> {
        let mut r = self.clone();
        r.hints = r.hints.max(hints);
        if let (Some(f), false) = (fix, r.solved) {
            r.solved = true;
            r.fix = Some(f.to_string());
            r.solved_at = Some(now);
        }
        (r != *self).then_some(r)
    }
}

impl Progress {
    /// Starts (or restarts) a run of `quiz`.
    pub fn start_run(&mut self, run: Run) {
        self.runs.insert(run.quiz.clone(), run);
    }

    /// Answers the question on screen in `quiz`'s run: records the attempt, the history, the
    /// review schedule and, when that finished the run, its score. `None` if there is no such
    /// question on screen (or it was answered already).
    pub fn answer(
        &mut self,
        bundle: &crate::content::Bundle,
        quiz: &str,
        q: &crate::content::model::Question,
        response: super::Response,
        now: i64,
    ) -> Option<bool> {
        let run = self.runs.get_mut(quiz)?;
        let correct = run.answer(q, response, now)?;
        let finished = run.is_finished();
        self.record_answer(quiz, &q.id, correct, now);
        if finished {
            self.finish(bundle, quiz);
        }
        Some(correct)
    }

    /// Moves `quiz`'s run to its next question (after practice feedback).
    pub fn advance(&mut self, bundle: &crate::content::Bundle, quiz: &str, now: i64) {
        let Some(run) = self.runs.get_mut(quiz) else {
            return;
        };
        let was = run.is_finished();
        run.advance(now);
        if !was && run.is_finished() {
            self.finish(bundle, quiz);
        }
    }

    fn finish(&mut self, bundle: &crate::content::Bundle, quiz: &str) {
        let Some(run) = self.runs.get(quiz) else {
            return;
        };
        let r = run.results(bundle);
        let rec = ScoreRecord {
            at: run.finished.unwrap_or(run.started),
            correct: r.correct,
            total: r.total,
            mode: run.mode,
            duration_ms: r.duration_ms,
        };
        self.record_score(quiz, rec);
    }
}
