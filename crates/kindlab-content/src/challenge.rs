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

    /// What a web index keeps of a challenge: its id, file, lessons and title in `lang`; the
    /// rest (goal, era, hints, cause, the messages) comes with the challenges' own pack, which
    /// only the challenge pages load.
    pub fn stub(&self, lang: Lang) -> Challenge {
        let mut stub = Challenge {
            id: self.id.clone(),
            file: self.file.clone(),
            title: self.title.clone(),
            lessons: self.lessons.clone(),
            ..Challenge::default()
        };
        stub.keep_only(lang);
        stub
    }

    /// Fills what is empty here from `other` (the same challenge from another pack: the other
    /// language's, or the full texts after an index's stand-in): the empty sides of its texts,
    /// and the hints and messages a stand-in lacks.
    pub fn fill_from(&mut self, other: Challenge) {
        fn sides(mine: &mut Text2<String>, theirs: Text2<String>) {
            if mine.en.is_empty() {
                mine.en = theirs.en;
            }
            if mine.zh.is_empty() {
                mine.zh = theirs.zh;
            }
        }
        // a list a stand-in lacks comes whole; otherwise each entry's empty sides are filled
        // from the same entry (the same place for hints, the same id for messages)
        fn messages(mine: &mut Vec<(String, Text2<String>)>, theirs: Vec<(String, Text2<String>)>) {
            if mine.is_empty() {
                *mine = theirs;
                return;
            }
            for (id, t) in theirs {
                if let Some((_, m)) = mine.iter_mut().find(|(k, _)| *k == id) {
                    sides(m, t);
                }
            }
        }
        let Challenge {
            title,
            goal,
            era,
            lessons,
            hints,
            cause,
            why,
            fixes,
            ..
        } = other;
        sides(&mut self.title, title);
        sides(&mut self.goal, goal);
        sides(&mut self.era, era);
        sides(&mut self.cause, cause);
        if self.lessons.is_empty() {
            self.lessons = lessons;
        }
        if self.hints.is_empty() {
            self.hints = hints;
        } else {
            for (m, t) in self.hints.iter_mut().zip(hints) {
                sides(m, t);
            }
        }
        messages(&mut self.why, why);
        messages(&mut self.fixes, fixes);
    }
}
