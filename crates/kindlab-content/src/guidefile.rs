//! Guided-lab files: `content/guides/ID.toml` -> the guide model ([`Guide`]): the texts a
//! learner reads (title, intro, and per step its title, hint, question, answers' labels and "why
//! not yet" messages). The steps' rules are the app's (`src/lab/guide/`); `kindlab check`
//! matches the two (`src/check.rs`): here only the file's own shape is checked.
//!
//! ```toml
//! title.en = "…"
//! title.zh = "…"
//! intro.en = "…"
//! intro.zh = "…"
//!
//! [[steps]]
//! id = "stop-kubelet"
//! title.en = "…"                     # may use {node} {pod} {inter} {fall}
//! title.zh = "…"
//! hint.en = "…"
//! hint.zh = "…"
//! ask.en = "…"                       # the step's question, if it asks one
//! ask.zh = "…"
//! options.VALUE.en = "…"             # the label of each answer, by its value
//! options.VALUE.zh = "…"
//! why.MESSAGE.en = "{node}'s kubelet is still running."
//! why.MESSAGE.zh = "{node} 上的 kubelet 仍在运行。"
//! ```
//!
//! Every text has both languages; `x = { en = "…", zh = "…" }` is the same thing written inline.

use crate::diag::{LineIndex, Problem};
use crate::model::{Guide, GuideStep, Text2};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGuide {
    title: Option<Spanned<RawText>>,
    intro: Option<Spanned<RawText>>,
    #[serde(default)]
    steps: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Option<Spanned<String>>,
    title: Option<Spanned<RawText>>,
    hint: Option<Spanned<RawText>>,
    ask: Option<Spanned<RawText>>,
    #[serde(default)]
    options: BTreeMap<String, Spanned<RawText>>,
    #[serde(default)]
    why: BTreeMap<String, Spanned<RawText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    en: Option<Spanned<String>>,
    zh: Option<Spanned<String>>,
}

/// Where a text of the file is, by its key (`title`, `steps.stop-kubelet.why.still-up`) and
/// language: the checker's positions.
pub type Positions = BTreeMap<(String, Option<crate::Lang>), (u32, u32)>;

/// A loaded guide file and what was found wrong with it.
pub struct Loaded {
    /// The guide's texts (what could be read of them).
    pub guide: Guide,
    /// Errors (`kindlab check` fails on them).
    pub problems: Vec<Problem>,
    /// Each text's position (its `en`/`zh` string; `None`: the key itself), for the checker.
    pub positions: Positions,
    /// The file is TOML of the right shape (else `guide` is empty: nothing to match).
    pub parsed: bool,
}

/// Loads guide `id` from `text` (the file `file`).
pub fn load(file: &str, id: &str, text: &str) -> Loaded {
    let ix = LineIndex::new(text, 0);
    let mut out = Loaded {
        guide: Guide {
            id: id.into(),
            file: file.into(),
            ..Guide::default()
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
    let raw: RawGuide = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let pos = e.span().map(|s| ix.pos(s.start)).unwrap_or((1, 1));
            out.problems
                .push(problem(pos, format!("TOML: {}", e.message().trim())));
            return out;
        }
    };
    out.parsed = true;
    // a text in both languages; a missing or empty side is an error (kindlab's own files are
    // bilingual)
    let text2 = |key: String, raw: &Spanned<RawText>, out: &mut Loaded| -> Text2<String> {
        let at = ix.pos(raw.span().start);
        out.positions.insert((key.clone(), None), at);
        let mut side = |lang: crate::Lang, v: &Option<Spanned<String>>| match v {
            Some(s) if !s.get_ref().trim().is_empty() => {
                out.positions
                    .insert((key.clone(), Some(lang)), ix.pos(s.span().start));
                s.get_ref().clone()
            }
            Some(s) => {
                let at = ix.pos(s.span().start);
                out.positions.insert((key.clone(), Some(lang)), at);
                let (step, local) = describe(&key);
                out.problems.push(problem(
                    at,
                    format!("{step}`{local}.{}` is empty", lang.dir()),
                ));
                String::new()
            }
            None => {
                let (name, other) = match lang {
                    crate::Lang::En => ("English", "en"),
                    crate::Lang::Zh => ("Chinese", "zh"),
                };
                let (step, local) = describe(&key);
                out.problems.push(problem(
                    at,
                    format!("{step}`{local}` has no {name} text (`{local}.{other} = \"…\"`)"),
                ));
                String::new()
            }
        };
        let en = side(crate::Lang::En, &raw.get_ref().en);
        let zh = side(crate::Lang::Zh, &raw.get_ref().zh);
        Text2 { en, zh }
    };
    match &raw.title {
        Some(t) => out.guide.title = text2("title".into(), t, &mut out),
        None => out
            .problems
            .push(problem((1, 1), "the guide has no `title`".into())),
    }
    match &raw.intro {
        Some(t) => out.guide.intro = text2("intro".into(), t, &mut out),
        None => out
            .problems
            .push(problem((1, 1), "the guide has no `intro`".into())),
    }
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (n, step) in raw.steps.iter().enumerate() {
        let at = ix.pos(step.span().start);
        let s = step.get_ref();
        let Some(sid) = &s.id else {
            out.problems.push(problem(
                at,
                format!(
                    "step {} has no `id` (the id its rules have in the app)",
                    n + 1
                ),
            ));
            continue;
        };
        let id_at = ix.pos(sid.span().start);
        let sid = sid.get_ref().clone();
        if sid.is_empty() || !sid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            out.problems.push(problem(
                id_at,
                format!("step id `{sid}`: use letters, digits and `-` only"),
            ));
            continue;
        }
        if let Some(first) = seen.get(&sid) {
            out.problems.push(problem(
                id_at,
                format!("step `{sid}` is given twice (first at line {first})"),
            ));
            continue;
        }
        seen.insert(sid.clone(), id_at.0);
        out.positions.insert((format!("steps.{sid}"), None), id_at);
        let key = |k: &str| format!("steps.{sid}.{k}");
        let required = |name: &str, t: &Option<Spanned<RawText>>, out: &mut Loaded| match t {
            Some(t) => text2(key(name), t, out),
            None => {
                out.problems
                    .push(problem(id_at, format!("step `{sid}` has no `{name}`")));
                Text2::default()
            }
        };
        let title = required("title", &s.title, &mut out);
        let hint = required("hint", &s.hint, &mut out);
        let ask = s.ask.as_ref().map(|a| text2(key("ask"), a, &mut out));
        let options = s
            .options
            .iter()
            .map(|(v, t)| (v.clone(), text2(key(&format!("options.{v}")), t, &mut out)))
            .collect();
        let why = s
            .why
            .iter()
            .map(|(m, t)| (m.clone(), text2(key(&format!("why.{m}")), t, &mut out)))
            .collect();
        out.guide.steps.push(GuideStep {
            id: sid.clone(),
            line: id_at.0,
            title,
            hint,
            ask,
            options,
            why,
        });
    }
    out
}

/// A text's key as a writer reads it: `("step `one`: ", "hint")` for `steps.one.hint`.
fn describe(key: &str) -> (String, &str) {
    match key.strip_prefix("steps.").and_then(|k| k.split_once('.')) {
        Some((step, local)) => (format!("step `{step}`: "), local),
        None => (String::new(), key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{fill, placeholders};

    const GOOD: &str = r#"title.en = "T"
title.zh = "标题"
intro = { en = "I", zh = "介绍" }

[[steps]]
id = "one"
title.en = "Step {inter}"
title.zh = "步骤 {inter}"
hint.en = "H"
hint.zh = "提示"
why.still-up.en = "HAProxy still has {server} UP."
why.still-up.zh = "HAProxy 仍把 {server} 视为 UP。"
"#;

    #[test]
    fn a_guide_file_loads_with_its_positions() {
        let l = load("guides/g.toml", "g", GOOD);
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        assert_eq!(l.guide.title.zh, "标题");
        assert_eq!(l.guide.intro.en, "I");
        let step = l.guide.step("one").unwrap();
        assert_eq!(step.line, 6);
        assert_eq!(
            step.why("still-up").unwrap().en,
            "HAProxy still has {server} UP."
        );
        assert_eq!(
            l.positions[&("steps.one.why.still-up".to_string(), Some(crate::Lang::Zh))],
            (12, 19)
        );
    }

    #[test]
    fn a_broken_guide_file_says_what_and_where() {
        let broken = GOOD
            .replace("hint.zh = \"提示\"\n", "")
            .replace("why.still-up.en", "why.still-up.em")
            + "\n[[steps]]\nid = \"one\"\n";
        let l = load("guides/g.toml", "g", &broken);
        let got: Vec<String> = l.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            vec!["guides/g.toml:10:14: TOML: unknown field `em`, expected `en` or `zh`"]
        );
        let broken = GOOD.replace("hint.zh = \"提示\"\n", "") + "\n[[steps]]\nid = \"one\"\n";
        let l = load("guides/g.toml", "g", &broken);
        let got: Vec<String> = l.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            vec![
                "guides/g.toml:9:1: step `one`: `hint` has no Chinese text (`hint.zh = \"…\"`)",
                "guides/g.toml:14:6: step `one` is given twice (first at line 6)",
            ]
        );
    }

    #[test]
    fn placeholders_are_found_and_filled_once() {
        assert_eq!(
            placeholders("{node}'s {x-y} {not a name} {}"),
            vec!["node", "x-y"]
        );
        assert_eq!(
            fill("{a} and {b} {c}", &[("a", "{b}"), ("b", "2")]),
            "{b} and 2 {c}"
        );
    }
}
