//! A break-fix challenge's texts, from `content/challenges/ID.toml` (issue 19): what the learner
//! reads. The challenge's rules (the broken world it sets up, the check against the simulator,
//! which kind of fix the learner made, the messages' ids) are the app's (`src/lab/challenge/`),
//! which finds a "not solved yet" message and a fix's explanation here by their ids, filling in
//! the `{placeholders}` its check provides.

use crate::model::{Lang, Text2};
use serde::{Deserialize, Serialize};

/// A challenge's texts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Challenge {
    /// The file name without `.toml`: the challenge's id (`/challenge/<id>`).
    pub id: String,
    /// Its path under the content folder (`challenges/pvc-pending.toml`).
    pub file: String,
    /// Its title.
    pub title: Text2<String>,
    /// What the learner must reach (no steps: any real fix counts).
    pub goal: Text2<String>,
    /// Which kind / Kubernetes / HAProxy the broken world imitates.
    pub era: Text2<String>,
    /// The lessons (slugs) that list it at their end.
    pub lessons: Vec<String>,
    /// Hints, shown one at a time on request.
    pub hints: Vec<Text2<String>>,
    /// Why the world was broken, shown once solved.
    pub cause: Text2<String>,
    /// Why it is not solved yet, by message id (`{name}`: an argument of the check).
    pub why: Vec<(String, Text2<String>)>,
    /// What the learner's fix did, by the fix's id (`{name}`: an argument of the check).
    pub fixes: Vec<(String, Text2<String>)>,
}

impl Challenge {
    /// The "not solved yet" message `id`.
    pub fn why(&self, id: &str) -> Option<&Text2<String>> {
        self.why.iter().find(|(k, _)| k == id).map(|(_, t)| t)
    }

    /// The explanation of the fix `id`.
    pub fn fix(&self, id: &str) -> Option<&Text2<String>> {
        self.fixes.iter().find(|(k, _)| k == id).map(|(_, t)| t)
    }

    /// Every text of the challenge, with the key it has in its file (`title`, `hints.2`,
    /// `why.claim-pending`, `fix.created-class`).
    pub fn texts_mut(&mut self) -> Vec<&mut Text2<String>> {
        let mut v = vec![
            &mut self.title,
            &mut self.goal,
            &mut self.era,
            &mut self.cause,
        ];
        v.extend(self.hints.iter_mut());
        v.extend(self.why.iter_mut().map(|(_, t)| t));
        v.extend(self.fixes.iter_mut().map(|(_, t)| t));
        v
    }

    /// Only `lang`'s side of every text (a web pack of one language).
    pub fn keep_only(&mut self, lang: Lang) {
        for t in self.texts_mut() {
            match lang {
                Lang::En => t.zh = String::new(),
                Lang::Zh => t.en = String::new(),
            }
        }
    }

    /// Fills the empty sides of this challenge's texts from `other` (the same challenge from
    /// the other language's pack).
    pub fn fill_from(&mut self, mut other: Challenge) {
        let theirs = other.texts_mut();
        for (mine, theirs) in self.texts_mut().into_iter().zip(theirs) {
            if mine.en.is_empty() {
                mine.en = std::mem::take(&mut theirs.en);
            }
            if mine.zh.is_empty() {
                mine.zh = std::mem::take(&mut theirs.zh);
            }
        }
    }
}
