//! Which questions a quiz asks: the content's quizzes, the review of what is due (spaced
//! repetition) and questions generated from the simulator, looked up by id. Generated questions
//! are made by running the simulator, so each is made once and kept here.

use super::srs::{self, CardState};
use crate::content::model::Question;
use crate::content::{self, Bundle};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The review quiz: the questions due again.
pub const REVIEW: &str = "review";
/// The generated quiz: new scenarios from the simulator.
pub const GENERATED: &str = "generated";
/// How many generated questions a run asks.
pub const GENERATED_COUNT: usize = 6;
/// At most this many due questions in one review run.
pub const REVIEW_MAX: usize = 20;

/// Questions by id, for the app's lifetime (generated ones included).
#[derive(Default)]
pub struct Catalog {
    cache: RefCell<BTreeMap<String, Rc<Question>>>,
}

impl Catalog {
    /// The content in use (the web adds packs to it as they arrive).
    fn bundle(&self) -> &'static Bundle {
        content::bundle()
    }

    /// The question with this id (from the content, or generated from the simulator).
    pub fn question(&self, id: &str) -> Option<Rc<Question>> {
        if let Some(q) = self.cache.borrow().get(id).cloned() {
            return Some(q);
        }
        let q = Rc::new(super::find_question(self.bundle(), id)?.into_owned());
        self.cache.borrow_mut().insert(id.to_string(), q.clone());
        Some(q)
    }

    /// How many questions a new run of `quiz` would ask now.
    pub fn count(&self, quiz: &str, cards: &BTreeMap<String, CardState>, now: i64) -> usize {
        match quiz {
            REVIEW => srs::due(cards, now).len().min(REVIEW_MAX),
            GENERATED => GENERATED_COUNT,
            _ => self
                .bundle()
                .quiz(quiz)
                .map(|q| q.questions.len())
                .unwrap_or(0),
        }
    }

    /// The questions a new run of `quiz` asks: the review's are the ones due at `now`, the
    /// generated ones come from the simulator with `seed`.
    pub fn questions_for(
        &self,
        quiz: &str,
        #[allow(unused_variables)] seed: u64,
        cards: &BTreeMap<String, CardState>,
        now: i64,
    ) -> Vec<Rc<Question>> {
        match quiz {
            REVIEW => srs::due(cards, now)
                .iter()
                .filter_map(|i| self.question(i))
                .take(REVIEW_MAX)
                .collect(),
            #[cfg(has_lab)]
            GENERATED => super::generate::set(seed, GENERATED_COUNT)
                .into_iter()
                .map(|q| {
                    let q = Rc::new(q);
                    self.cache.borrow_mut().insert(q.id.clone(), q.clone());
                    q
                })
                .collect(),
            _ => self
                .bundle()
                .quiz(quiz)
                .map(|q| q.questions.iter().map(|x| Rc::new(x.clone())).collect())
                .unwrap_or_default(),
        }
    }
}
