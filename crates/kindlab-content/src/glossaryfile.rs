//! `content/glossary.toml` -> the glossary model ([`Glossary`]): the terms, the command sheet and
//! the "before you begin" page, with what only the build needs: the forms each term is matched
//! against in the lessons (see [`crate::termlinks`]) and where every entry is, for messages.
//!
//! ```toml
//! [[terms]]
//! id = "taint"                       # the anchor: /glossary#taint
//! api = "taint"                      # optional: the API name (default: the English term)
//! lesson = "kubelet-failure"         # the lesson that explains it
//! anchor = "taints"                  # optional: a heading there
//! en.term = "taint"
//! en.def = "A mark on a node that keeps pods away unless they tolerate it."
//! en.match = ["taint", "taints"]     # forms linked in the English lessons
//! zh.term = "污点"
//! zh.def = "…"
//! zh.match = ["污点"]
//!
//! [[commands]]
//! id = "get-nodes"                   # the anchor: /glossary#cmd-get-nodes
//! tool = "kubectl"
//! line = "kubectl get nodes"
//! lab = true                         # the lab's shell accepts it: "try in the lab"
//! lesson = "kubelet-failure"         # optional
//! output = """NAME   STATUS …"""     # a sample of what it prints
//! does.en = "…"
//! does.zh = "…"
//!
//! [[start]]                          # a section of the "before you begin" page (/start)
//! id = "versions"
//! title.en = "…"
//! title.zh = "…"
//! body.en = """Markdown"""
//! body.zh = """Markdown"""
//! ```
//!
//! Own checks here: TOML of this shape, both languages of every text, ids unique (terms and
//! commands share the page's anchors), each language's terms sort apart. The folder's checks
//! (lessons and anchors exist, every form occurs in a lesson) are in [`crate::bundle`]; the
//! lab's (a `lab = true` command is accepted) in the app's `kindlab check`.

use crate::diag::{LineIndex, Problem};
use crate::glossary::{CommandEntry, Glossary, StartSection, Term};
use crate::markdown::{self, Env, Found};
use crate::model::{CodeBlock, Href, Lang, Span, Text2};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The file's name under the content folder.
pub const FILE: &str = "glossary.toml";

/// Anchors of the glossary page that are not terms.
pub const RESERVED: &[&str] = &["terms", "commands", "main"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    terms: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    commands: Vec<Spanned<RawCommand>>,
    #[serde(default)]
    start: Vec<Spanned<RawStart>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: Spanned<String>,
    api: Option<String>,
    lesson: Spanned<String>,
    anchor: Option<Spanned<String>>,
    en: Option<Spanned<RawSide>>,
    zh: Option<Spanned<RawSide>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSide {
    term: Option<Spanned<String>>,
    def: Option<Spanned<String>>,
    #[serde(default, rename = "match")]
    forms: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommand {
    id: Spanned<String>,
    tool: String,
    line: Spanned<String>,
    #[serde(default)]
    lab: bool,
    lesson: Option<Spanned<String>>,
    #[serde(default)]
    output: String,
    does: Option<Spanned<RawText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStart {
    id: Spanned<String>,
    title: Option<Spanned<RawText>>,
    body: Option<Spanned<RawText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    en: Option<Spanned<String>>,
    zh: Option<Spanned<String>>,
}

/// The forms of one term a lesson's text is matched against, per language, each with where it
/// is written.
#[derive(Debug, Clone, Default)]
pub struct Forms {
    /// The term's anchor.
    pub id: String,
    /// The English forms.
    pub en: Vec<Found<String>>,
    /// The Chinese forms.
    pub zh: Vec<Found<String>>,
}

impl Forms {
    /// The forms in `lang`.
    pub fn get(&self, lang: Lang) -> &[Found<String>] {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// A loaded glossary file and what was found wrong with it.
#[derive(Default)]
pub struct Loaded {
    /// What the pages show.
    pub glossary: Glossary,
    /// Errors (`kindlab check` fails on them).
    pub problems: Vec<Problem>,
    /// Per term (in the file's order), the forms lessons are matched against.
    pub forms: Vec<Forms>,
    /// Every lesson named (terms' and commands' `lesson`, with a term's `anchor`), where.
    pub lessons: Vec<Found<(String, Option<String>)>>,
    /// The commands the file says the lab accepts, where.
    pub lab_commands: Vec<Found<String>>,
    /// Every link of the "before you begin" page, where.
    pub links: Vec<Found<Href>>,
}

/// Loads `glossary.toml` from `text`; `highlight` colours the command sheet's samples.
pub fn load(text: &str, highlight: &dyn Fn(&str, &str) -> Vec<Vec<Span>>) -> Loaded {
    let ix = LineIndex::new(text, 0);
    let mut out = Loaded::default();
    let raw: RawFile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let pos = e.span().map(|s| ix.pos(s.start)).unwrap_or((1, 1));
            out.problems
                .push(problem(pos, format!("TOML: {}", e.message().trim())));
            return out;
        }
    };
    let mut ids: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut unique = |id: &Spanned<String>, shown: String, out: &mut Loaded| {
        let at = ix.pos(id.span().start);
        let bad = id.get_ref().is_empty()
            || !id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if bad {
            out.problems.push(problem(
                at,
                format!("id `{}`: use lower-case ASCII letters, digits and `-` (it is an anchor in the page's URL)", id.get_ref()),
            ));
        } else if RESERVED.contains(&shown.as_str()) {
            out.problems.push(problem(
                at,
                format!("id `{shown}` is one of the page's own anchors"),
            ));
        } else if let Some((l, c)) = ids.get(&shown) {
            out.problems.push(problem(
                at,
                format!("anchor `{shown}` is used twice (first at line {l}, col {c})"),
            ));
        } else {
            ids.insert(shown, at);
        }
    };
    for t in &raw.terms {
        unique(&t.get_ref().id, t.get_ref().id.get_ref().clone(), &mut out);
        term(&ix, t, &mut out);
    }
    for c in &raw.commands {
        let id = &c.get_ref().id;
        unique(id, format!("cmd-{}", id.get_ref()), &mut out);
        command(&ix, c, highlight, &mut out);
    }
    for s in &raw.start {
        start(&ix, s, highlight, &mut out);
    }
    sorted_apart(&ix, &raw, &mut out);
    out
}

fn problem((line, col): (u32, u32), message: impl Into<String>) -> Problem {
    Problem {
        file: FILE.into(),
        line,
        col,
        message: message.into(),
    }
}

/// Both sides of a text; a missing or empty side is an error at the entry (or its text).
fn text2(
    ix: &LineIndex,
    what: &str,
    at: usize,
    raw: Option<&Spanned<RawText>>,
    out: &mut Loaded,
) -> Text2<String> {
    let mut t = Text2::<String>::default();
    for lang in Lang::ALL {
        let side = raw.and_then(|r| match lang {
            Lang::En => r.get_ref().en.as_ref(),
            Lang::Zh => r.get_ref().zh.as_ref(),
        });
        match side {
            Some(s) if !s.get_ref().trim().is_empty() => match lang {
                Lang::En => t.en = s.get_ref().clone(),
                Lang::Zh => t.zh = s.get_ref().clone(),
            },
            _ => {
                let pos = side.map(|s| s.span().start).unwrap_or(at);
                out.problems.push(problem(
                    ix.pos(pos),
                    format!("{what} has no {} text", name(lang)),
                ));
            }
        }
    }
    t
}

fn name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "Chinese",
    }
}

fn term(ix: &LineIndex, raw: &Spanned<RawTerm>, out: &mut Loaded) {
    let r = raw.get_ref();
    let id = r.id.get_ref().clone();
    let mut t = Term {
        id: id.clone(),
        lesson: r.lesson.get_ref().clone(),
        anchor: r.anchor.as_ref().map(|a| a.get_ref().clone()),
        ..Term::default()
    };
    let mut forms = Forms {
        id: id.clone(),
        ..Forms::default()
    };
    for lang in Lang::ALL {
        let side = match lang {
            Lang::En => r.en.as_ref(),
            Lang::Zh => r.zh.as_ref(),
        };
        let at = side.map(|s| s.span().start).unwrap_or(raw.span().start);
        let s = side.map(|s| s.get_ref());
        let mut field = |v: Option<&Spanned<String>>, what: &str| match v {
            Some(v) if !v.get_ref().trim().is_empty() => v.get_ref().trim().to_string(),
            _ => {
                let pos = v.map(|v| v.span().start).unwrap_or(at);
                out.problems.push(problem(
                    ix.pos(pos),
                    format!("term `{id}` has no {} {what}", name(lang)),
                ));
                String::new()
            }
        };
        let term = field(s.and_then(|s| s.term.as_ref()), "term");
        let def = field(s.and_then(|s| s.def.as_ref()), "definition");
        let mut found = vec![];
        for f in s.map(|s| s.forms.as_slice()).unwrap_or_default() {
            let pos = ix.pos(f.span().start);
            if f.get_ref().trim().is_empty() {
                out.problems
                    .push(problem(pos, format!("term `{id}`: an empty form to match")));
                continue;
            }
            found.push(Found {
                line: pos.0,
                col: pos.1,
                item: f.get_ref().clone(),
            });
        }
        match lang {
            Lang::En => {
                t.term.en = term;
                t.def.en = def;
                forms.en = found;
            }
            Lang::Zh => {
                t.term.zh = term;
                t.def.zh = def;
                forms.zh = found;
            }
        }
    }
    t.api = r.api.clone().unwrap_or_else(|| t.term.en.clone());
    t.sort = Text2 {
        en: sort_key(Lang::En, &t.term.en),
        zh: sort_key(Lang::Zh, &t.term.zh),
    };
    let pos = ix.pos(r.lesson.span().start);
    out.lessons.push(Found {
        line: pos.0,
        col: pos.1,
        item: (t.lesson.clone(), t.anchor.clone()),
    });
    out.glossary.terms.push(t);
    out.forms.push(forms);
}

/// The key a term sorts by in `lang`: lower case; in Chinese each Han character as its pinyin
/// without tones (so `持久卷` files under c beside `CSI`, as a Chinese index does).
pub fn sort_key(lang: Lang, term: &str) -> String {
    let mut key = String::new();
    for c in term.chars() {
        if lang == Lang::Zh {
            use pinyin::ToPinyin;
            if let Some(p) = c.to_pinyin() {
                key.push_str(p.plain());
                key.push(' ');
                continue;
            }
        }
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if !key.ends_with(' ') && !key.is_empty() {
            key.push(' ');
        }
    }
    key.trim_end().to_string()
}

fn command(
    ix: &LineIndex,
    raw: &Spanned<RawCommand>,
    highlight: &dyn Fn(&str, &str) -> Vec<Vec<Span>>,
    out: &mut Loaded,
) {
    let r = raw.get_ref();
    let line = r.line.get_ref().trim().to_string();
    let what = format!("command `{}`", r.id.get_ref());
    let does = text2(ix, &what, raw.span().start, r.does.as_ref(), out);
    let pos = ix.pos(r.line.span().start);
    if line.is_empty() {
        out.problems
            .push(problem(pos, format!("{what} has no `line`")));
    }
    if r.lab {
        out.lab_commands.push(Found {
            line: pos.0,
            col: pos.1,
            item: line.clone(),
        });
    }
    if let Some(l) = &r.lesson {
        let pos = ix.pos(l.span().start);
        out.lessons.push(Found {
            line: pos.0,
            col: pos.1,
            item: (l.get_ref().clone(), None),
        });
    }
    let mut text = format!("$ {line}\n");
    text.push_str(r.output.trim_end_matches('\n'));
    let text = text.trim_end().to_string();
    out.glossary.commands.push(CommandEntry {
        id: format!("cmd-{}", r.id.get_ref()),
        tool: r.tool.clone(),
        line: line.clone(),
        does,
        sample: CodeBlock {
            lang: "console".into(),
            lines: highlight("console", &text),
            text,
            commands: if r.lab { line } else { String::new() },
        },
        lesson: r.lesson.as_ref().map(|l| l.get_ref().clone()),
    });
}

fn start(
    ix: &LineIndex,
    raw: &Spanned<RawStart>,
    highlight: &dyn Fn(&str, &str) -> Vec<Vec<Span>>,
    out: &mut Loaded,
) {
    let r = raw.get_ref();
    let what = format!("section `{}`", r.id.get_ref());
    let title = text2(ix, &what, raw.span().start, r.title.as_ref(), out);
    let body = text2(ix, &what, raw.span().start, r.body.as_ref(), out);
    let no_image =
        |_: &str| -> Result<String, String> { Err("images are not allowed here".into()) };
    let env = Env {
        file: FILE,
        highlight,
        image: &no_image,
    };
    let mut rich = Text2::default();
    for lang in Lang::ALL {
        // the Markdown starts on the line after `body.xx = """`
        let line = r
            .body
            .as_ref()
            .and_then(|b| match lang {
                Lang::En => b.get_ref().en.as_ref(),
                Lang::Zh => b.get_ref().zh.as_ref(),
            })
            .map(|s| ix.pos(s.span().start).0)
            .unwrap_or(1);
        let parsed = markdown::parse_body(&env, body.get(lang), line);
        out.problems.extend(parsed.problems);
        for w in parsed.widgets {
            out.problems.push(Problem {
                file: FILE.into(),
                line: w.line,
                col: w.col,
                message: "widgets are not allowed here".into(),
            });
        }
        out.links.extend(parsed.links);
        match lang {
            Lang::En => rich.en = parsed.blocks,
            Lang::Zh => rich.zh = parsed.blocks,
        }
    }
    out.glossary.start.push(StartSection {
        id: r.id.get_ref().clone(),
        title,
        body: rich,
    });
}

/// In each language, no two terms sort alike (the page would show them in no certain order:
/// most likely the same term twice), and the file lists the terms in the English page's order,
/// so a writer finds a term where a reader does.
fn sorted_apart(ix: &LineIndex, raw: &RawFile, out: &mut Loaded) {
    let terms = &out.glossary.terms;
    let at = |i: usize| ix.pos(raw.terms[i].get_ref().id.span().start);
    let mut found = vec![];
    for lang in Lang::ALL {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, t) in terms.iter().enumerate() {
            let key = t.sort.get(lang).as_str();
            if key.is_empty() {
                continue;
            }
            if let Some(j) = seen.get(key) {
                found.push(problem(
                    at(i),
                    format!(
                        "term `{}` sorts like `{}` in {} (`{key}`): the same term twice?",
                        t.id,
                        terms[*j].id,
                        name(lang)
                    ),
                ));
            } else {
                seen.insert(key, i);
            }
        }
    }
    for (i, w) in terms.windows(2).enumerate() {
        if w[1].sort.en < w[0].sort.en {
            found.push(problem(
                at(i + 1),
                format!(
                    "term `{}` is out of order: the English page shows it before `{}` (keep the file sorted by the English term)",
                    w[1].id, w[0].id
                ),
            ));
        }
    }
    out.problems.extend(found);
}
