//! Markdown (pulldown-cmark) -> the document model, with every problem at its exact position.
//!
//! Used when the app is built (`build.rs`) and by `kindlab check`. Raw HTML never becomes markup:
//! it is reported and kept as text. Links are classified and unsafe ones are reported and kept
//! as their text only.
//!
//! The parts: front matter in [`front_matter`]; the block walk (paragraphs, headings, lists,
//! tables, quotes, footnotes) in [`block`]; inline content and raw HTML in [`inline`]; fenced
//! code, widgets and console blocks in [`fences`]; links, images and anchors in [`links`].

mod block;
mod fences;
mod front_matter;
mod inline;
mod links;

pub use fences::{console_commands, console_lines, ConsoleLine, PREDICT_KEYS};
pub use front_matter::{parse_front_matter, split_front_matter, FrontMatter, SourceEntry};
pub use links::{classify_link, lesson_slug, slugify};

use crate::diag::{LineIndex, Problem};
use crate::model::*;
use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};
use std::collections::BTreeMap;
use std::ops::Range;

/// The widget names a ```` ```kindlab-NAME ```` block may use.
pub const WIDGETS: &[&str] = &[
    "kindlab-topology",
    "kindlab-lab",
    "kindlab-quiz",
    "kindlab-checkpoint",
    "kindlab-predict",
];

/// Code languages lessons may use (after [`code_lang`] folded the aliases).
pub const CODE_LANGS: &[&str] = &["yaml", "bash", "console", "haproxy", "json", "text"];

/// Folds a fence's language name to one of [`CODE_LANGS`] (or returns it unchanged).
pub fn code_lang(info: &str) -> String {
    match info {
        "" | "txt" | "plain" | "plaintext" => "text".into(),
        "yml" => "yaml".into(),
        "sh" | "shell" | "zsh" => "bash".into(),
        "shell-session" | "sh-session" => "console".into(),
        "haproxy.cfg" | "cfg" => "haproxy".into(),
        other => other.to_string(),
    }
}

/// What the parser needs from its surroundings.
pub struct Env<'a> {
    /// The file name used in messages (`en/01-kind-ha.md`).
    pub file: &'a str,
    /// Highlights `code` written in `lang` (one of [`CODE_LANGS`]) into lines of spans.
    pub highlight: &'a dyn Fn(&str, &str) -> Vec<Vec<Span>>,
    /// Reads an image named by a relative path (relative to the lesson's file) and returns a
    /// `data:` URI, or why it cannot.
    pub image: &'a dyn Fn(&str) -> Result<String, String>,
}

/// A link or widget found in the text, with its position, for the checker.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// What was found.
    pub item: T,
}

/// The result of parsing a lesson's body.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The lesson's blocks.
    pub blocks: Vec<Block>,
    /// Its footnotes, numbered in order of first reference.
    pub footnotes: Vec<Footnote>,
    /// Its `##` and `###` headings.
    pub toc: Vec<TocEntry>,
    /// Its plain text by section (for search).
    pub sections: Vec<Section>,
    /// Every link, where it is.
    pub links: Vec<Found<Href>>,
    /// Every `kindlab-*` widget, where it is.
    pub widgets: Vec<Found<Widget>>,
    /// Console blocks' commands (for the checker: the lab must accept them).
    pub consoles: Vec<Found<String>>,
    /// What was found wrong, at its file, line and column.
    pub problems: Vec<Problem>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Parses a lesson body (`line_offset` = lines before it in the file).
pub fn parse_body(env: &Env, body: &str, line_offset: u32) -> Parsed {
    let index = LineIndex::new(body, line_offset);
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut b = Builder {
        env,
        index: &index,
        events,
        at: 0,
        out: Parsed::default(),
        footnote_numbers: BTreeMap::new(),
        heading_ids: BTreeMap::new(),
        reported_open_tags: vec![],
        depth: 0,
    };
    let blocks = b.blocks(None);
    b.out.blocks = blocks;
    // footnotes in order of first reference; definitions never referenced come last
    let mut defs = std::mem::take(&mut b.out.footnotes);
    for d in &mut defs {
        if let Some(n) = b.footnote_numbers.get(&d.label) {
            d.n = *n;
        }
    }
    let mut next = b.footnote_numbers.len() as u32 + 1;
    for d in &mut defs {
        if d.n == 0 {
            d.n = next;
            next += 1;
        }
    }
    defs.sort_by_key(|d| d.n);
    for (label, _) in b.footnote_numbers.iter() {
        if !defs.iter().any(|d| &d.label == label) {
            b.out.problems.push(Problem {
                file: env.file.into(),
                line: 1,
                col: 1,
                message: format!("footnote [^{label}] is referenced but never defined"),
            });
        }
    }
    b.out.footnotes = defs;
    b.out.sections = crate::model::sections(&b.out.blocks);
    b.out
}

/// Parses a short piece of markdown (a quiz prompt or option) into blocks. HTML and unsafe links
/// are reported like in lessons.
pub fn parse_snippet(env: &Env, text: &str, line: u32) -> (Rich, Vec<Problem>) {
    let p = parse_body(env, text, line.saturating_sub(1));
    let mut problems = p.problems;
    for w in p.widgets {
        problems.push(Problem {
            file: env.file.into(),
            line: w.line,
            col: w.col,
            message: "widgets are not allowed here".into(),
        });
    }
    (p.blocks, problems)
}

struct Builder<'a, 'e> {
    env: &'a Env<'e>,
    index: &'a LineIndex<'a>,
    events: Vec<(Event<'a>, Range<usize>)>,
    at: usize,
    out: Parsed,
    footnote_numbers: BTreeMap<String, u32>,
    heading_ids: BTreeMap<String, (u32, u32)>,
    /// Inline HTML open tags already reported in the current leaf block (paragraph, heading,
    /// table cell, tight list item): their closing tags are part of the same offence, even on a
    /// later line of the block.
    reported_open_tags: Vec<String>,
    /// How many elements (block quotes, lists, emphasis, links...) the walk is inside now.
    depth: usize,
}

/// Elements nested deeper than this (block quotes in block quotes, lists in lists, emphasis in
/// emphasis) are reported and not shown: the model, its renderers and its serialisation are
/// recursive, and no lesson needs more (a 100 000-deep paste would overflow the stack).
pub const MAX_NESTING: usize = 32;

impl<'a, 'e> Builder<'a, 'e> {
    /// At an element's start (already consumed, at byte `at`): `true` when it lies too deep, in
    /// which case it is reported and skipped to its end (without recursion).
    fn too_deep(&mut self, at: usize) -> bool {
        if self.depth < MAX_NESTING {
            return false;
        }
        self.problem(
            at,
            format!("nested more than {MAX_NESTING} levels deep (block quotes, lists, emphasis, links): what lies deeper is left out"),
        );
        let mut open = 1usize;
        while self.at < self.events.len() && open > 0 {
            match &self.events[self.at].0 {
                Event::Start(_) => open += 1,
                Event::End(_) => open -= 1,
                _ => {}
            }
            self.at += 1;
        }
        true
    }

    fn problem(&mut self, at: usize, message: String) {
        let (line, col) = self.index.pos(at);
        self.out.problems.push(Problem {
            file: self.env.file.into(),
            line,
            col,
            message,
        });
    }

    fn pos(&self, at: usize) -> (u32, u32) {
        self.index.pos(at)
    }
}
