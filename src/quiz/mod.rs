//! Quizzes: how a question is shown (option order), scoring, a quiz run (practice or exam, with
//! "retry only the ones I missed"), results with a per-topic breakdown, spaced repetition
//! ([`srs`]), the learner's record and its rules ([`progress`]) and questions generated from the
//! simulator ([`generate`]). Pure: the caller passes the time (`now`, ms since the Unix epoch)
//! and the seeds.

pub mod catalog;
mod command;
#[cfg(has_lab)]
pub mod generate;
mod merge;
pub mod predict;
pub mod progress;
pub mod srs;

pub use catalog::Catalog;
pub use command::{Command, Outcome};

use crate::content::model::{normalize_answer, Bundle, Mistake, Question, QuestionKind};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Practice: feedback and the explanation right after each answer. Exam: feedback at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Feedback and the explanation after each answer.
    Practice,
    /// Feedback at the end only.
    Exam,
}

/// One option as shown: a right answer or a distractor, by its index in the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptKey {
    /// A right answer (else a distractor).
    pub answer: bool,
    /// Its index among the question's answers (or distractors).
    pub index: usize,
}

/// How a question is shown in a run: its id and, for multiple choice, the option order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    /// The question's id.
    pub question: String,
    /// Its options in the order shown (empty for a short answer).
    pub options: Vec<OptKey>,
}

/// What the learner answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// Positions (0-based, in the shown order) of the options picked.
    Choice(Vec<usize>),
    /// The text typed (a short answer).
    Text(String),
}

/// One answer given in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// What was answered.
    pub response: Response,
    /// Whether it was right.
    pub correct: bool,
    /// When (ms since the Unix epoch).
    pub at: i64,
}

/// A quiz being taken (or just finished). Saved after every answer, so a reload loses nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// The quiz id (`chapter`, `storage`, ... or `review`, `generated`).
    pub quiz: String,
    /// Practice or exam.
    pub mode: Mode,
    /// The seed the options (and questions) were shuffled with.
    pub seed: u64,
    /// The questions, in the order asked.
    pub items: Vec<Shown>,
    /// The answer to each question, once given.
    pub attempts: Vec<Option<Attempt>>,
    /// Index of the question on screen (`items.len()` once finished).
    pub current: usize,
    /// When the run started (ms since the Unix epoch).
    pub started: i64,
    /// When its last question was answered (or moved past).
    pub finished: Option<i64>,
}

/// Looks questions up by id: the bundle's quizzes, then the generated ones (recreated from the
/// seed in their id).
pub fn find_question<'a>(bundle: &'a Bundle, id: &str) -> Option<Cow<'a, Question>> {
    // (a quiz the web has only listed so far has stand-ins, not its questions)
    if let Some(q) = bundle
        .quizzes
        .iter()
        .filter(|q| !q.partial)
        .flat_map(|q| q.questions.iter())
        .find(|q| q.id == id)
    {
        return Some(Cow::Borrowed(q));
    }
    #[cfg(has_lab)]
    return generate::by_id(id).map(Cow::Owned);
    #[cfg(not(has_lab))]
    None
}

fn mix(seed: u64, id: &str) -> u64 {
    // FNV-1a of the id, mixed with the seed: each question shuffles on its own
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ seed.rotate_left(17)
}

/// The option order of a question: as the file fixes it (`answerIndex`: distractors in order,
/// the answer at that index, or the answers there in their order, as mdbook-quiz does), sorted
/// (`sortAnswers`), or shuffled with the seed.
pub fn option_order(q: &Question, seed: u64) -> Vec<OptKey> {
    let QuestionKind::Choice(c) = &q.kind else {
        return vec![];
    };
    let answers = (0..c.answers.len()).map(|index| OptKey {
        answer: true,
        index,
    });
    let distractors = (0..c.distractors.len()).map(|index| OptKey {
        answer: false,
        index,
    });
    if let Some(at) = c.answer_index {
        let mut v: Vec<OptKey> = distractors.collect();
        let at = at.min(v.len());
        v.splice(at..at, answers);
        return v;
    }
    let mut v: Vec<OptKey> = answers.chain(distractors).collect();
    if c.sort {
        let key = |k: &OptKey| {
            if k.answer {
                c.answers[k.index].key.clone()
            } else {
                c.distractors[k.index].key.clone()
            }
        };
        kindlab_content::sort::by_key(&mut v, key);
    } else {
        v.shuffle(&mut ChaCha8Rng::seed_from_u64(mix(seed, &q.id)));
    }
    v
}

/// Whether a response is right: exactly the right options picked; or the typed text, trimmed
/// and ignoring case, is an accepted answer.
pub fn is_correct(q: &Question, shown: &Shown, r: &Response) -> bool {
    match (&q.kind, r) {
        (QuestionKind::Choice(c), Response::Choice(picked)) => {
            let mut picked: Vec<usize> = picked.clone();
            kindlab_content::sort::ord(&mut picked);
            picked.dedup();
            let right: Vec<usize> = shown
                .options
                .iter()
                .enumerate()
                .filter(|(_, k)| k.answer)
                .map(|(i, _)| i)
                .collect();
            !picked.is_empty() && picked == right && right.len() == c.answers.len()
        }
        (QuestionKind::Short(s), Response::Text(t)) => {
            let t = normalize_answer(t);
            !t.is_empty() && s.accepted.contains(&t)
        }
        _ => false,
    }
}

/// The common wrong answer a typed response is, with why it is wrong (`None` for a right
/// answer, an answer nobody foresaw, or a choice).
pub fn mistake<'q>(q: &'q Question, r: &Response) -> Option<&'q Mistake> {
    match (&q.kind, r) {
        (QuestionKind::Short(s), Response::Text(t)) => s.mistake(t),
        _ => None,
    }
}

/// Score of a finished (or partly answered) run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// Questions answered right.
    pub correct: usize,
    /// Questions asked.
    pub total: usize,
    /// (topic, right, asked), in the order topics first appear.
    pub by_topic: Vec<(String, usize, usize)>,
    /// From the start to the last answer.
    pub duration_ms: i64,
}

impl Run {
    /// A new run over `questions`. Options are shuffled per question with `seed` unless the file
    /// fixes their order; questions keep the file's order unless `shuffle_questions`.
    pub fn new(
        quiz: &str,
        questions: &[&Question],
        mode: Mode,
        shuffle_questions: bool,
        seed: u64,
        now: i64,
    ) -> Run {
        let mut items: Vec<Shown> = questions
            .iter()
            .map(|q| Shown {
                question: q.id.clone(),
                options: option_order(q, seed),
            })
            .collect();
        if shuffle_questions {
            items.shuffle(&mut ChaCha8Rng::seed_from_u64(mix(seed, quiz)));
        }
        Run {
            quiz: quiz.into(),
            mode,
            seed,
            attempts: vec![None; items.len()],
            items,
            current: 0,
            started: now,
            finished: None,
        }
    }

    /// Every question has been answered (and, in practice, moved past).
    pub fn is_finished(&self) -> bool {
        self.finished.is_some()
    }

    /// The question on screen, if any.
    pub fn shown(&self) -> Option<&Shown> {
        self.items.get(self.current)
    }

    /// Whether the question on screen was answered (practice mode shows its feedback then).
    pub fn answered(&self) -> bool {
        self.attempts.get(self.current).is_some_and(|a| a.is_some())
    }

    /// Records the answer to the question on screen; returns whether it was right. An answer
    /// already given is kept (no second try inside a run).
    pub fn answer(&mut self, q: &Question, r: Response, now: i64) -> Option<bool> {
        let shown = self.items.get(self.current)?;
        if shown.question != q.id || self.attempts[self.current].is_some() {
            return None;
        }
        let correct = is_correct(q, shown, &r);
        self.attempts[self.current] = Some(Attempt {
            response: r,
            correct,
            at: now,
        });
        if self.mode == Mode::Exam {
            self.advance(now);
        }
        Some(correct)
    }

    /// Moves on (practice: after the feedback); finishes after the last question.
    pub fn advance(&mut self, now: i64) {
        if self.current < self.items.len() {
            self.current += 1;
        }
        if self.current >= self.items.len() && self.finished.is_none() {
            self.finished = Some(now);
        }
    }

    /// The score, by topic too, and the time taken.
    pub fn results(&self, bundle: &Bundle) -> Results {
        let mut by_topic: Vec<(String, usize, usize)> = vec![];
        let mut correct = 0;
        for (shown, a) in self.items.iter().zip(&self.attempts) {
            let topic = find_question(bundle, &shown.question)
                .map(|q| q.topic.clone())
                .unwrap_or_else(|| "general".into());
            let right = a.as_ref().is_some_and(|a| a.correct);
            correct += right as usize;
            match by_topic.iter_mut().find(|(t, _, _)| *t == topic) {
                Some(e) => {
                    e.1 += right as usize;
                    e.2 += 1;
                }
                None => by_topic.push((topic, right as usize, 1)),
            }
        }
        Results {
            correct,
            total: self.items.len(),
            by_topic,
            duration_ms: self.finished.unwrap_or(self.started) - self.started,
        }
    }

    /// Ids of the questions answered wrong (or not answered).
    pub fn missed(&self) -> Vec<String> {
        self.items
            .iter()
            .zip(&self.attempts)
            .filter(|(_, a)| !a.as_ref().is_some_and(|a| a.correct))
            .map(|(s, _)| s.question.clone())
            .collect()
    }

    /// A new run over the questions this one missed, same mode, options shuffled anew.
    pub fn retry_missed(&self, bundle: &Bundle, now: i64) -> Option<Run> {
        let ids = self.missed();
        let owned: Vec<Cow<Question>> = ids
            .iter()
            .filter_map(|id| find_question(bundle, id))
            .collect();
        if owned.is_empty() {
            return None;
        }
        let qs: Vec<&Question> = owned.iter().map(|c| c.as_ref()).collect();
        Some(Run::new(
            &self.quiz,
            &qs,
            self.mode,
            false,
            self.seed.wrapping_add(1),
            now,
        ))
    }
}

/// The run key of a lesson's checkpoint question (its answers are recorded under this quiz id).
pub fn checkpoint_key(question: &str) -> String {
    format!("{CHECKPOINT_PREFIX}{question}")
}

/// What the run key of a checkpoint question starts with.
pub const CHECKPOINT_PREFIX: &str = "checkpoint/";

/// A checkpoint question as asked in a lesson: a one-question practice run with a fixed option
/// order (the same before and after the answer, so positions mean the same options).
pub fn checkpoint_run(q: &Question, now: i64) -> Run {
    Run::new(&checkpoint_key(&q.id), &[q], Mode::Practice, false, 0, now)
}

/// `1m 05s` / `42s`: how long a run took.
pub fn duration_text(ms: i64) -> String {
    let s = (ms.max(0) + 500) / 1000;
    if s >= 60 {
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}
