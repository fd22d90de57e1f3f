//! `kindlab check` for the break-fix challenges: every file `challenges/ID.toml` against the
//! rules of challenge `ID` (`src/lab/challenge/`): each message its check may return and each
//! fix it recognises has a text in both languages, with only the placeholders the check fills
//! in; no text for a message or fix the rules do not have. (The file's own shape, both
//! languages of every text and the lessons it names are checked when it is loaded.)

use crate::content::bundle::{ChallengeInfo, Loaded};
use crate::content::diag::Problem;
use crate::content::model::{self, Challenge, Lang, Text2};
use crate::lab::challenge::{self, ChallengeDef};

/// The challenge files against the challenges' rules. A folder without `challenges/` has no
/// challenges; with one, every challenge of the app needs its file.
pub(super) fn problems(loaded: &Loaded) -> Vec<Problem> {
    let mut out = vec![];
    for info in &loaded.challenges {
        let Some(texts) = loaded.bundle.challenge(&info.id) else {
            continue;
        };
        match challenge::find(&info.id) {
            Some(def) => Match {
                info,
                out: &mut out,
            }
            .all(def, texts),
            None => out.push(Problem {
                file: info.file.clone(),
                line: 1,
                col: 1,
                message: format!(
                    "no challenge `{}` in the app (known: {})",
                    info.id,
                    challenge::CHALLENGES.join(", ")
                ),
            }),
        }
    }
    if loaded.has_challenges {
        for id in challenge::CHALLENGES {
            if !loaded.challenges.iter().any(|c| c.id == *id) {
                out.push(Problem {
                    file: format!("challenges/{id}.toml"),
                    line: 1,
                    col: 1,
                    message: format!("the challenge `{id}` has no texts: this file is missing"),
                });
            }
        }
    }
    out
}

/// Matching one challenge file: where its texts are, and the problems found.
struct Match<'a> {
    info: &'a ChallengeInfo,
    out: &'a mut Vec<Problem>,
}

impl Match<'_> {
    fn at(&self, key: &str, lang: Option<Lang>) -> (u32, u32) {
        self.info
            .positions
            .get(&(key.to_string(), lang))
            .or_else(|| self.info.positions.get(&(key.to_string(), None)))
            .copied()
            .unwrap_or((1, 1))
    }

    fn problem(&mut self, pos: (u32, u32), message: String) {
        self.out.push(Problem {
            file: self.info.file.clone(),
            line: pos.0,
            col: pos.1,
            message,
        })
    }

    /// Placeholders in `t` (the text at `key`) that are not among `allowed`.
    fn placeholders(&mut self, key: &str, t: &Text2<String>, allowed: &[&str]) {
        for lang in Lang::ALL {
            for p in model::placeholders(t.get(lang)) {
                if !allowed.contains(&p) {
                    let gives = if allowed.is_empty() {
                        "is shown as written: it has no placeholders".to_string()
                    } else {
                        let names: Vec<String> =
                            allowed.iter().map(|a| format!("{{{a}}}")).collect();
                        format!("may use only {}", names.join(", "))
                    };
                    self.problem(
                        self.at(key, Some(lang)),
                        format!("`{key}` uses {{{p}}}, but it {gives}"),
                    );
                }
            }
        }
    }

    fn all(&mut self, def: &ChallengeDef, c: &Challenge) {
        for (key, t) in [
            ("title", &c.title),
            ("goal", &c.goal),
            ("era", &c.era),
            ("cause", &c.cause),
        ] {
            self.placeholders(key, t, &[]);
        }
        for (n, h) in c.hints.iter().enumerate() {
            self.placeholders(&format!("hints.{}", n + 1), h, &[]);
        }
        self.messages("why", "its check can say", def.why, &c.why);
        self.messages("fix", "it recognises the fix", def.fixes, &c.fixes);
    }

    /// Every declared message has a text (with only its placeholders), and every text a
    /// declared message.
    fn messages(
        &mut self,
        kind: &str,
        says: &str,
        declared: &[(&str, &[&str])],
        texts: &[(String, Text2<String>)],
    ) {
        for (m, args) in declared {
            let key = format!("{kind}.{m}");
            match texts.iter().find(|(k, _)| k == m) {
                Some((_, t)) => self.placeholders(&key, t, args),
                None => {
                    let names: Vec<String> = args.iter().map(|a| format!("{{{a}}}")).collect();
                    let with = if names.is_empty() {
                        String::new()
                    } else {
                        format!(" (it may use {})", names.join(", "))
                    };
                    self.problem(
                        (1, 1),
                        format!(
                            "{says} `{m}`, which has no text: add `{key}.en` and `{key}.zh`{with}"
                        ),
                    );
                }
            }
        }
        for (m, _) in texts {
            if !declared.iter().any(|(d, _)| d == m) {
                let known: Vec<&str> = declared.iter().map(|(d, _)| *d).collect();
                let key = format!("{kind}.{m}");
                self.problem(
                    self.at(&key, None),
                    format!(
                        "`{key}`: the challenge's rules have no `{m}` (they have: {})",
                        known.join(", ")
                    ),
                );
            }
        }
    }
}
