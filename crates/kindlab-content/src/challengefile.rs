//! Challenge files: `content/challenges/ID.toml` -> the challenge model ([`Challenge`]): the
//! texts a learner reads. The rules (the broken world, the check, the kinds of fix) are the
//! app's (`src/lab/challenge/`); `kindlab check` matches the two (`src/check.rs`): here only the
//! file's own shape is checked.
//!
//! ```toml
//! title.en = "…"
//! title.zh = "…"
//! goal.en = "…"                      # what to reach: no steps
//! goal.zh = "…"
//! era.en = "…"                       # which kind / Kubernetes / HAProxy it imitates
//! era.zh = "…"
//! lessons = ["storage"]              # lesson slugs that list the challenge at their end
//! cause.en = "…"                     # shown once solved
//! cause.zh = "…"
//! why.MESSAGE.en = "Claim {claim} is still {status}."   # not solved yet (placeholders: the rules')
//! why.MESSAGE.zh = "…"
//! fix.FIX.en = "You created StorageClass {class}: …"   # what the learner's fix did
//! fix.FIX.zh = "…"
//!
//! [[hints]]                          # shown one at a time, in this order
//! en = "…"
//! zh = "…"
//! ```
//!
//! Every text has both languages; `x = { en = "…", zh = "…" }` is the same thing written inline.

pub use crate::challenge::Challenge;
use crate::diag::{LineIndex, Problem};
use crate::model::Text2;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChallenge {
    title: Option<Spanned<RawText>>,
    goal: Option<Spanned<RawText>>,
    era: Option<Spanned<RawText>>,
    cause: Option<Spanned<RawText>>,
    #[serde(default)]
    lessons: Vec<Spanned<String>>,
    #[serde(default)]
    hints: Vec<Spanned<RawText>>,
    #[serde(default)]
    why: BTreeMap<String, Spanned<RawText>>,
    #[serde(default)]
    fix: BTreeMap<String, Spanned<RawText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    en: Option<Spanned<String>>,
    zh: Option<Spanned<String>>,
}

/// Where a text of the file is, by its key (`title`, `why.claim-pending`, `lessons.0`) and
/// language (`None`: the key itself): the checker's positions.
pub type Positions = BTreeMap<(String, Option<crate::Lang>), (u32, u32)>;

/// A loaded challenge file and what was found wrong with it.
pub struct Loaded {
    /// The challenge's texts (what could be read of them).
    pub challenge: Challenge,
    /// Errors (`kindlab check` fails on them).
    pub problems: Vec<Problem>,
    /// Each text's position, for the checker.
    pub positions: Positions,
    /// The file is TOML of the right shape (else `challenge` is empty: nothing to match).
    pub parsed: bool,
}

/// Loads challenge `id` from `text` (the file `file`).
pub fn load(file: &str, id: &str, text: &str) -> Loaded {
    let ix = LineIndex::new(text, 0);
    let mut out = Loaded {
        challenge: Challenge {
            id: id.into(),
            file: file.into(),
            ..Challenge::default()
        },
        problems: vec![],
        positions: Positions::new(),
        parsed: false,
    };
    let problem = |pos: (u32, u32), message: String| Problem {
        file: file.into(),
        line: pos.0,
        col: pos.1,
        message,
    };
    let raw: RawChallenge = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let pos = e.span().map(|s| ix.pos(s.start)).unwrap_or((1, 1));
            out.problems
                .push(problem(pos, format!("TOML: {}", e.message().trim())));
            return out;
        }
    };
    out.parsed = true;
    // a text in both languages; a missing or empty side is an error
    let text2 = |key: String, raw: &Spanned<RawText>, out: &mut Loaded| -> Text2<String> {
        out.positions
            .insert((key.clone(), None), ix.pos(raw.span().start));
        let mut side = |lang: crate::Lang, v: &Option<Spanned<String>>| match v {
            Some(s) if !s.get_ref().trim().is_empty() => {
                out.positions
                    .insert((key.clone(), Some(lang)), ix.pos(s.span().start));
                s.get_ref().clone()
            }
            Some(s) => {
                out.problems.push(problem(
                    ix.pos(s.span().start),
                    format!("`{key}.{}` is empty", lang.dir()),
                ));
                String::new()
            }
            None => {
                let name = match lang {
                    crate::Lang::En => "English",
                    crate::Lang::Zh => "Chinese",
                };
                out.problems.push(problem(
                    ix.pos(raw.span().start),
                    format!(
                        "`{key}` has no {name} text (`{key}.{} = \"…\"`)",
                        lang.dir()
                    ),
                ));
                String::new()
            }
        };
        let en = side(crate::Lang::En, &raw.get_ref().en);
        let zh = side(crate::Lang::Zh, &raw.get_ref().zh);
        Text2 { en, zh }
    };
    let required = |name: &str, t: &Option<Spanned<RawText>>, out: &mut Loaded| match t {
        Some(t) => text2(name.into(), t, out),
        None => {
            out.problems.push(problem(
                (1, 1),
                format!("the challenge has no `{name}` (`{name}.en` and `{name}.zh`)"),
            ));
            Text2::default()
        }
    };
    out.challenge.title = required("title", &raw.title, &mut out);
    out.challenge.goal = required("goal", &raw.goal, &mut out);
    out.challenge.era = required("era", &raw.era, &mut out);
    out.challenge.cause = required("cause", &raw.cause, &mut out);
    if raw.hints.is_empty() {
        out.problems.push(problem(
            (1, 1),
            "the challenge has no hints (add `[[hints]]` with `en` and `zh`)".into(),
        ));
    }
    for (n, h) in raw.hints.iter().enumerate() {
        let t = text2(format!("hints.{}", n + 1), h, &mut out);
        out.challenge.hints.push(t);
    }
    for (n, l) in raw.lessons.iter().enumerate() {
        out.positions
            .insert((format!("lessons.{n}"), None), ix.pos(l.span().start));
        out.challenge.lessons.push(l.get_ref().clone());
    }
    for (m, t) in &raw.why {
        let t = text2(format!("why.{m}"), t, &mut out);
        out.challenge.why.push((m.clone(), t));
    }
    for (f, t) in &raw.fix {
        let t = text2(format!("fix.{f}"), t, &mut out);
        out.challenge.fixes.push((f.clone(), t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"title = { en = "T", zh = "标题" }
goal = { en = "G", zh = "目标" }
era = { en = "E", zh = "版本" }
cause = { en = "C", zh = "原因" }
lessons = ["storage"]
why.pending.en = "Claim {claim} is Pending."
why.pending.zh = "申领 {claim} 仍是 Pending。"
fix.created.en = "You created {class}."
fix.created.zh = "你创建了 {class}。"

[[hints]]
en = "H1"
zh = "提示一"

[[hints]]
en = "H2"
zh = "提示二"
"#;

    #[test]
    fn a_challenge_file_loads_with_its_positions() {
        let l = load("challenges/c.toml", "c", GOOD);
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        let c = &l.challenge;
        assert_eq!(c.hints.len(), 2);
        assert_eq!(c.hints[1].zh, "提示二");
        assert_eq!(c.lessons, vec!["storage"]);
        assert_eq!(c.why("pending").unwrap().en, "Claim {claim} is Pending.");
        assert_eq!(c.fix("created").unwrap().zh, "你创建了 {class}。");
        assert_eq!(
            l.positions[&("why.pending".to_string(), Some(crate::Lang::Zh))],
            (7, 18)
        );
        assert_eq!(l.positions[&("lessons.0".to_string(), None)], (5, 12));
    }

    #[test]
    fn a_broken_challenge_file_says_what_and_where() {
        let broken = GOOD
            .replace("zh = \"提示二\"\n", "")
            .replace("goal = { en = \"G\", zh = \"目标\" }\n", "");
        let l = load("challenges/c.toml", "c", &broken);
        let got: Vec<String> = l.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            vec![
                "challenges/c.toml:1:1: the challenge has no `goal` (`goal.en` and `goal.zh`)",
                "challenges/c.toml:14:1: `hints.2` has no Chinese text (`hints.2.zh = \"…\"`)",
            ]
        );
        let l = load("challenges/c.toml", "c", "titel = 1\n");
        assert!(l.problems[0]
            .message
            .starts_with("TOML: unknown field `titel`"));
    }
}
