//! The quiz's command layer: what a learner does to a quiz, as a value. A component turns an
//! event into a [`Command`]; [`Progress::apply`] (through `AppState::quiz`, which also saves)
//! changes the record by the quiz's rules and says what happened in an [`Outcome`].

use super::catalog::Catalog;
use super::progress::Progress;
use super::{Mode, Response, Run};
use crate::content::model::Question;

/// Something the learner did to a quiz (`quiz`: its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A new run: its questions, in practice or exam mode, shuffled or in the file's order;
    /// `seed` orders the options (and makes the generated questions).
    Start {
        /// The quiz's id.
        quiz: String,
        /// Practice or exam.
        mode: Mode,
        /// Ask the questions in a shuffled order (else the file's).
        shuffle: bool,
        /// Orders the options (and makes the generated questions).
        seed: u64,
    },
    /// The answer to the question on screen.
    Answer {
        /// The quiz's id.
        quiz: String,
        /// What the learner picked or typed.
        response: Response,
    },
    /// On to the next question (after practice feedback).
    Next {
        /// The quiz's id.
        quiz: String,
    },
    /// A new run over the questions the last one missed.
    RetryMissed {
        /// The quiz's id.
        quiz: String,
    },
    /// The run is dropped: the quiz's start panel again.
    Restart {
        /// The quiz's id.
        quiz: String,
    },
    /// The answer to a lesson's checkpoint question (its own one-question practice run, made
    /// now: see [`super::checkpoint_run`]). A question already answered there keeps its answer.
    Checkpoint {
        /// The question's id.
        question: String,
        /// What the learner picked or typed (positions in the checkpoint run's order).
        response: Response,
    },
    /// The learner commits to a prediction (once: a later commit changes nothing).
    Predict {
        /// Where: [`super::predict::key`] of the lesson and the block's id.
        key: String,
        /// The value of the choice picked.
        choice: String,
        /// The value the simulator showed (the block's observation).
        observed: String,
    },
}

/// What a command did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The answer was right (`None`: the command answered nothing).
    pub correct: Option<bool>,
    /// A run started with nothing to ask (say, a review with nothing due): no run was made.
    pub nothing_to_ask: bool,
    /// Whether the record changed (and is to be saved).
    pub changed: bool,
}

impl Progress {
    /// Does what the learner did to a quiz at `now` (ms since the Unix epoch) and says what
    /// happened. Every change to a quiz from the UI goes through here.
    pub fn apply(&mut self, cmd: Command, catalog: &Catalog, now: i64) -> Outcome {
        let bundle = crate::content::bundle();
        let mut out = Outcome::default();
        match cmd {
            Command::Start {
                quiz,
                mode,
                shuffle,
                seed,
            } => {
                let qs = catalog.questions_for(&quiz, seed, &self.cards, now);
                if qs.is_empty() {
                    out.nothing_to_ask = true;
                    return out;
                }
                let refs: Vec<&Question> = qs.iter().map(|q| q.as_ref()).collect();
                self.start_run(Run::new(&quiz, &refs, mode, shuffle, seed, now));
                out.changed = true;
            }
            Command::Answer { quiz, response } => {
                let q = self
                    .runs
                    .get(&quiz)
                    .and_then(|r| r.shown())
                    .and_then(|s| catalog.question(&s.question));
                if let Some(q) = q {
                    out.correct = self.answer(bundle, &quiz, &q, response, now);
                    out.changed = out.correct.is_some();
                }
            }
            Command::Next { quiz } => {
                self.advance(bundle, &quiz, now);
                out.changed = true;
            }
            Command::RetryMissed { quiz } => {
                let next = self
                    .runs
                    .get(&quiz)
                    .and_then(|r| r.retry_missed(bundle, now));
                if let Some(next) = next {
                    self.start_run(next);
                    out.changed = true;
                }
            }
            Command::Restart { quiz } => out.changed = self.runs.remove(&quiz).is_some(),
            Command::Checkpoint { question, response } => {
                let key = super::checkpoint_key(&question);
                if self.runs.get(&key).is_some_and(|r| r.answered()) {
                    return out;
                }
                let Some(q) = catalog.question(&question) else {
                    return out;
                };
                self.start_run(super::checkpoint_run(&q, now));
                out.correct = self.answer(bundle, &key, &q, response, now);
                out.changed = true;
            }
            Command::Predict {
                key,
                choice,
                observed,
            } => {
                if self.predictions.contains_key(&key) {
                    return out;
                }
                let correct = super::predict::matches(&choice, &observed);
                self.predictions.insert(
                    key,
                    super::progress::Prediction {
                        choice,
                        correct,
                        at: now,
                    },
                );
                out.correct = Some(correct);
                out.changed = true;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::QuestionKind;
    use crate::quiz::catalog::REVIEW;

    const T0: i64 = 1_780_000_000_000;

    /// The right answer to the question on screen in `quiz`'s run.
    fn right_answer(p: &Progress, c: &Catalog, quiz: &str) -> Response {
        let shown = p.runs[quiz].shown().expect("a question on screen").clone();
        let q = c.question(&shown.question).expect("the question");
        match &q.kind {
            QuestionKind::Choice(_) => Response::Choice(
                (0..shown.options.len())
                    .filter(|i| shown.options[*i].answer)
                    .collect(),
            ),
            QuestionKind::Short(s) => Response::Text(s.answer.en.clone()),
        }
    }

    fn start(quiz: &str, mode: Mode) -> Command {
        Command::Start {
            quiz: quiz.into(),
            mode,
            shuffle: false,
            seed: 7,
        }
    }

    #[test]
    fn an_exam_taken_through_commands_is_scored_and_scheduled() {
        let (mut p, c) = (Progress::default(), Catalog::default());
        let n = c.count("chapter", &p.cards, T0);
        assert!(n > 0);
        assert!(p.apply(start("chapter", Mode::Exam), &c, T0).changed);
        for i in 0..n {
            let response = right_answer(&p, &c, "chapter");
            let out = p.apply(
                Command::Answer {
                    quiz: "chapter".into(),
                    response,
                },
                &c,
                T0 + i as i64,
            );
            assert_eq!(out.correct, Some(true));
        }
        assert!(p.runs["chapter"].is_finished());
        assert_eq!(p.best("chapter"), Some((n, n)));
        assert_eq!(p.cards.len(), n);
        // answering again answers nothing
        let again = Command::Answer {
            quiz: "chapter".into(),
            response: Response::Choice(vec![0]),
        };
        assert_eq!(p.apply(again, &c, T0 + 99), Outcome::default());
    }

    #[test]
    fn a_review_with_nothing_due_makes_no_run_and_restart_drops_a_run() {
        let (mut p, c) = (Progress::default(), Catalog::default());
        let out = p.apply(start(REVIEW, Mode::Practice), &c, T0);
        assert!(out.nothing_to_ask && !out.changed);
        assert!(p.runs.is_empty());
        p.apply(start("storage", Mode::Practice), &c, T0);
        let out = p.apply(
            Command::Restart {
                quiz: "storage".into(),
            },
            &c,
            T0,
        );
        assert!(out.changed);
        assert!(p.runs.is_empty());
    }

    #[test]
    fn retry_missed_asks_only_the_missed_ones() {
        let (mut p, c) = (Progress::default(), Catalog::default());
        p.apply(start("chapter", Mode::Exam), &c, T0);
        let n = p.runs["chapter"].items.len();
        for i in 0..n {
            // the first question wrong, the rest right
            let response = if i == 0 {
                Response::Text("no idea".into())
            } else {
                right_answer(&p, &c, "chapter")
            };
            let shown = p.runs["chapter"].shown().expect("on screen").clone();
            let q = c.question(&shown.question).expect("question");
            let response = match (&q.kind, response) {
                (QuestionKind::Choice(_), Response::Text(_)) => Response::Choice(vec![shown
                    .options
                    .iter()
                    .position(|k| !k.answer)
                    .expect("a distractor")]),
                (_, r) => r,
            };
            p.apply(
                Command::Answer {
                    quiz: "chapter".into(),
                    response,
                },
                &c,
                T0,
            );
        }
        let missed = p.runs["chapter"].items[0].question.clone();
        let out = p.apply(
            Command::RetryMissed {
                quiz: "chapter".into(),
            },
            &c,
            T0 + 1,
        );
        assert!(out.changed);
        let run = &p.runs["chapter"];
        assert_eq!(run.items.len(), 1);
        assert_eq!(run.items[0].question, missed);
    }
}
