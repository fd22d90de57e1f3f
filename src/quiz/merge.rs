//! Two records of one learner made at the same time (two tabs, two windows) become one that
//! loses no answer: the rule `store` applies when the saved record changed under it.

use super::progress::{Progress, HISTORY_LIMIT, SCORES_LIMIT};
use super::Run;

impl Progress {
    /// Takes in what `other` holds that this record does not: lessons opened and read, answers
    /// (the answer counter grows by the answers only `other` has), scores, the review schedule
    /// of each question (the later review wins), predictions (the first made stands), break-fix
    /// challenges (the most hints, the first solve) and each quiz's
    /// run (the one started later, or
    /// the same run with more answers). Merging a record into itself, or one this record already holds,
    /// changes nothing.
    pub fn merge(&mut self, other: &Progress) {
        // every field is named, so that a new one cannot be forgotten here
        let Progress {
            schema,
            lessons_opened,
            lessons_read,
            quiz_answers: _,
            history,
            scores,
            cards,
            runs,
            predictions,
            challenges,
        } = other;
        self.schema = self.schema.max(*schema);
        self.lessons_opened.extend(lessons_opened.iter().cloned());
        self.lessons_read.extend(lessons_read.iter().cloned());

        let only_theirs: Vec<_> = history
            .iter()
            .filter(|a| !self.history.contains(a))
            .cloned()
            .collect();
        self.quiz_answers = self.quiz_answers.saturating_add(only_theirs.len() as u32);
        self.history.extend(only_theirs);
        kindlab_content::sort::by_key(&mut self.history, |a| a.at);
        let extra = self.history.len().saturating_sub(HISTORY_LIMIT);
        self.history.drain(..extra);

        for (quiz, theirs) in scores {
            let mine = self.scores.entry(quiz.clone()).or_default();
            for s in theirs {
                if !mine.contains(s) {
                    mine.push(s.clone());
                }
            }
            kindlab_content::sort::by_key(mine, |s| s.at);
            let extra = mine.len().saturating_sub(SCORES_LIMIT);
            mine.drain(..extra);
        }

        for (id, theirs) in cards {
            match self.cards.get(id) {
                Some(mine) if mine.last_review >= theirs.last_review => {}
                _ => {
                    self.cards.insert(id.clone(), theirs.clone());
                }
            }
        }

        // a prediction is committed once: the first one made stands
        for (id, theirs) in predictions {
            match self.predictions.get(id) {
                Some(mine) if mine.at <= theirs.at => {}
                _ => {
                    self.predictions.insert(id.clone(), theirs.clone());
                }
            }
        }

        // a break-fix challenge: the most hints used, and the first solve stands
        for (id, theirs) in challenges {
            let mine = self.challenges.entry(id.clone()).or_default();
            mine.hints = mine.hints.max(theirs.hints);
            let theirs_first = match (mine.solved_at, theirs.solved_at) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(m), Some(t)) => t < m,
            };
            if theirs.solved && (!mine.solved || theirs_first) {
                mine.solved = true;
                mine.fix = theirs.fix.clone();
                mine.solved_at = theirs.solved_at;
            }
        }

        for (quiz, theirs) in runs {
            match self.runs.get(quiz) {
                Some(mine) if !further(theirs, mine) => {}
                _ => {
                    self.runs.insert(quiz.clone(), theirs.clone());
                }
            }
        }
    }
}

/// `a` is further along than `b`: a run started later (a restart replaces a run), or the same
/// run with more answers given.
fn further(a: &Run, b: &Run) -> bool {
    let answered = |r: &Run| r.attempts.iter().filter(|x| x.is_some()).count();
    (a.started, answered(a), a.finished) > (b.started, answered(b), b.finished)
}
