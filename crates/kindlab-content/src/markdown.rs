//! Markdown (pulldown-cmark) -> the document model, with every problem at its exact position.
//!
//! Used when the app is built (`build.rs`) and by `kindlab check`. Raw HTML never becomes markup:
//! it is reported and kept as text. Links are classified and unsafe ones are reported and kept
//! as their text only.

use crate::diag::{LineIndex, Problem};
use crate::model::*;
use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};
use std::collections::BTreeMap;
use std::ops::Range;

/// The widget names a ```` ```kindlab-NAME ```` block may use.
pub const WIDGETS: &[&str] = &["kindlab-topology", "kindlab-lab", "kindlab-quiz"];

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
    pub line: u32,
    pub col: u32,
    pub item: T,
}

/// The result of parsing a lesson's body.
#[derive(Debug, Default)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    pub toc: Vec<TocEntry>,
    pub sections: Vec<Section>,
    pub links: Vec<Found<Href>>,
    pub widgets: Vec<Found<Widget>>,
    /// Console blocks' commands (for the checker: the lab must accept them).
    pub consoles: Vec<Found<String>>,
    pub problems: Vec<Problem>,
}

/// Front matter fields every lesson has.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub minutes: u32,
    pub objectives: Vec<String>,
}

/// Splits `---` front matter off a lesson. Returns (yaml, body, number of lines before the body).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, u32)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..at];
            let body = &rest[at + line.len()..];
            let lines = 2 + yaml.matches('\n').count() as u32;
            return Some((yaml, body, lines));
        }
        at += line.len();
    }
    None
}

/// Parses the front matter YAML; errors carry the file's line numbers (the YAML starts on line
/// 2, after the opening `---`).
pub fn parse_front_matter(file: &str, yaml: &str) -> Result<FrontMatter, Problem> {
    match serde_yaml_ng::from_str::<FrontMatter>(yaml) {
        Ok(fm) => {
            let mut bad = None;
            if fm.title.trim().is_empty() {
                bad = Some("front matter: `title` is empty");
            } else if fm.summary.trim().is_empty() {
                bad = Some("front matter: `summary` is empty");
            } else if fm.minutes == 0 {
                bad = Some("front matter: `minutes` must be a whole number above 0");
            } else if fm.objectives.is_empty() || fm.objectives.iter().any(|o| o.trim().is_empty())
            {
                bad = Some("front matter: `objectives` must be a list of non-empty items");
            }
            match bad {
                Some(m) => Err(Problem {
                    file: file.into(),
                    line: 2,
                    col: 1,
                    message: m.into(),
                }),
                None => Ok(fm),
            }
        }
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line() as u32 + 1, l.column() as u32))
                .unwrap_or((2, 1));
            let msg = e.to_string();
            // serde_yaml_ng appends " at line N column M": the position is given separately
            let msg = msg
                .split(" at line ")
                .next()
                .unwrap_or(&msg)
                .trim_end_matches('.');
            Err(Problem {
                file: file.into(),
                line,
                col: col.max(1),
                message: format!("front matter: {msg}"),
            })
        }
    }
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
}

fn is_inline_event(e: &Event) -> bool {
    match e {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineMath(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        _ => false,
    }
}

impl<'a, 'e> Builder<'a, 'e> {
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

    /// Block-level content until `end` (or the end of input).
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        let mut out = vec![];
        while self.at < self.events.len() {
            let (ev, range) = self.events[self.at].clone();
            if let Event::End(e) = &ev {
                if Some(*e) == end {
                    self.at += 1;
                    return out;
                }
            }
            if is_inline_event(&ev) {
                // a tight list item: inline content straight inside the item
                let (task, inl) = self.inlines_loose(end);
                if let Some(t) = task {
                    out.push(Block::Paragraph(vec![Inline::Text(
                        if t { "\u{2611} " } else { "\u{2610} " }.into(),
                    )]));
                }
                if !inl.is_empty() {
                    out.push(Block::Paragraph(inl));
                }
                continue;
            }
            self.at += 1;
            match ev {
                Event::Start(tag) => {
                    if let Some(b) = self.block(tag, range) {
                        out.push(b);
                    }
                }
                Event::Rule => out.push(Block::Rule),
                Event::Html(h) => {
                    // only reached outside an HtmlBlock (should not happen): still text
                    self.report_html(range.start, &h);
                    out.push(Block::Html(h.to_string()));
                }
                Event::DisplayMath(m) => out.push(Block::Paragraph(vec![Inline::Text(m.into())])),
                Event::End(_) => {} // an unbalanced end: ignore
                _ => {}
            }
        }
        out
    }

    /// Inline events at block level (tight list items), up to the next block-level event.
    fn inlines_loose(&mut self, end: Option<TagEnd>) -> (Option<bool>, Vec<Inline>) {
        self.reported_open_tags.clear();
        let mut task = None;
        let mut out = vec![];
        while self.at < self.events.len() {
            let (ev, _) = &self.events[self.at];
            if let Event::End(e) = ev {
                if Some(*e) == end {
                    break;
                }
            }
            if !is_inline_event(ev) {
                break;
            }
            if let Event::TaskListMarker(done) = ev {
                task = Some(*done);
                self.at += 1;
                continue;
            }
            if let Some(i) = self.inline() {
                out.push(i);
            }
        }
        (task, out)
    }

    fn block(&mut self, tag: Tag<'a>, range: Range<usize>) -> Option<Block> {
        self.reported_open_tags.clear();
        match tag {
            Tag::Paragraph => {
                let inl = self.inlines(TagEnd::Paragraph);
                Some(Block::Paragraph(inl))
            }
            Tag::Heading { level, id, .. } => {
                let lvl = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                let content = self.inlines(TagEnd::Heading(level));
                let text = plain_text(&content).trim().to_string();
                let id = match id {
                    Some(id) => id.to_string(),
                    None => slugify(&text),
                };
                let (line, col) = self.pos(range.start);
                if let Some((l, c)) = self.heading_ids.get(&id) {
                    let msg =
                        format!("heading anchor #{id} is used twice (first at line {l}, col {c})");
                    self.problem(range.start, msg);
                } else {
                    self.heading_ids.insert(id.clone(), (line, col));
                }
                if lvl == 2 || lvl == 3 {
                    self.out.toc.push(TocEntry {
                        level: lvl,
                        id: id.clone(),
                        text,
                    });
                }
                Some(Block::Heading {
                    level: lvl,
                    id,
                    content,
                })
            }
            Tag::BlockQuote(kind) => {
                let blocks = self.blocks(Some(TagEnd::BlockQuote(kind)));
                Some(match kind {
                    None => Block::Quote(blocks),
                    Some(k) => Block::Admonition {
                        kind: match k {
                            BlockQuoteKind::Note => Admonition::Note,
                            BlockQuoteKind::Tip => Admonition::Tip,
                            BlockQuoteKind::Important => Admonition::Important,
                            BlockQuoteKind::Warning => Admonition::Warning,
                            BlockQuoteKind::Caution => Admonition::Caution,
                        },
                        blocks,
                    },
                })
            }
            Tag::CodeBlock(kind) => {
                let mut text = String::new();
                while self.at < self.events.len() {
                    let (ev, _) = &self.events[self.at];
                    self.at += 1;
                    match ev {
                        Event::Text(t) => text.push_str(t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                Some(self.code_block(&info, text, range))
            }
            Tag::HtmlBlock => {
                let mut html = String::new();
                while self.at < self.events.len() {
                    let (ev, _) = &self.events[self.at];
                    self.at += 1;
                    match ev {
                        Event::Html(h) | Event::Text(h) => html.push_str(h),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                self.report_html(range.start, &html);
                Some(Block::Html(html))
            }
            Tag::List(start) => {
                let mut items = vec![];
                while self.at < self.events.len() {
                    let (ev, r) = self.events[self.at].clone();
                    self.at += 1;
                    match ev {
                        Event::Start(Tag::Item) => {
                            let _ = r;
                            let (task, blocks) = self.item();
                            items.push(ListItem { task, blocks });
                        }
                        Event::End(TagEnd::List(_)) => break,
                        _ => {}
                    }
                }
                Some(Block::List { start, items })
            }
            Tag::FootnoteDefinition(label) => {
                let blocks = self.blocks(Some(TagEnd::FootnoteDefinition));
                self.out.footnotes.push(Footnote {
                    label: label.to_string(),
                    n: 0,
                    blocks,
                });
                None
            }
            Tag::Table(aligns) => {
                let align = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::None => Align::None,
                        Alignment::Left => Align::Left,
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                    })
                    .collect();
                let mut head = vec![];
                let mut rows = vec![];
                let mut row: Vec<Vec<Inline>> = vec![];
                while self.at < self.events.len() {
                    let (ev, _) = self.events[self.at].clone();
                    self.at += 1;
                    match ev {
                        Event::Start(Tag::TableCell) => {
                            self.reported_open_tags.clear();
                            row.push(self.inlines(TagEnd::TableCell));
                        }
                        Event::End(TagEnd::TableHead) => head = std::mem::take(&mut row),
                        Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
                        Event::End(TagEnd::Table) => break,
                        _ => {}
                    }
                }
                Some(Block::Table { align, head, rows })
            }
            Tag::MetadataBlock(_) => {
                self.skip_to(TagEnd::MetadataBlock(
                    pulldown_cmark::MetadataBlockKind::YamlStyle,
                ));
                None
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Item
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell => {
                // not enabled / handled by their parents: keep the text
                let end = tag.to_end();
                let blocks = self.blocks(Some(end));
                Some(Block::Quote(blocks))
            }
            other => {
                // an inline tag at block level is handled by inlines_loose; anything else: skip
                self.skip_to(other.to_end());
                None
            }
        }
    }

    fn skip_to(&mut self, end: TagEnd) {
        while self.at < self.events.len() {
            let (ev, _) = &self.events[self.at];
            self.at += 1;
            if matches!(ev, Event::End(e) if *e == end) {
                break;
            }
        }
    }

    /// A list item's content (its task marker, if any, and blocks).
    fn item(&mut self) -> (Option<bool>, Vec<Block>) {
        let mut task = None;
        if let Some((Event::TaskListMarker(done), _)) = self.events.get(self.at) {
            task = Some(*done);
            self.at += 1;
        }
        // a loose task item: Paragraph, then the marker inside it
        if task.is_none() {
            if let (Some((Event::Start(Tag::Paragraph), _)), Some((Event::TaskListMarker(d), _))) =
                (self.events.get(self.at), self.events.get(self.at + 1))
            {
                task = Some(*d);
                self.events.remove(self.at + 1);
            }
        }
        let blocks = self.blocks(Some(TagEnd::Item));
        (task, blocks)
    }

    /// Inline content until `end`.
    fn inlines(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut out = vec![];
        while self.at < self.events.len() {
            if let (Event::End(e), _) = &self.events[self.at] {
                if *e == end {
                    self.at += 1;
                    return out;
                }
            }
            if !is_inline_event(&self.events[self.at].0) {
                // a block inside inline context (should not happen): stop here
                if matches!(self.events[self.at].0, Event::End(_)) {
                    self.at += 1;
                    continue;
                }
                return out;
            }
            if let Some(i) = self.inline() {
                out.push(i);
            }
        }
        out
    }

    /// One inline element at `self.at` (advances past it).
    fn inline(&mut self) -> Option<Inline> {
        let (ev, range) = self.events[self.at].clone();
        self.at += 1;
        Some(match ev {
            Event::Text(t) => Inline::Text(t.to_string()),
            Event::Code(t) => Inline::Code(t.to_string()),
            Event::InlineMath(t) => Inline::Text(t.to_string()),
            Event::SoftBreak => Inline::SoftBreak,
            Event::HardBreak => Inline::HardBreak,
            Event::TaskListMarker(done) => {
                Inline::Text(if done { "\u{2611} " } else { "\u{2610} " }.into())
            }
            Event::InlineHtml(h) => {
                self.report_html(range.start, &h);
                Inline::Html(h.to_string())
            }
            Event::FootnoteReference(label) => {
                let next = self.footnote_numbers.len() as u32 + 1;
                let n = *self
                    .footnote_numbers
                    .entry(label.to_string())
                    .or_insert(next);
                Inline::FootnoteRef {
                    label: label.to_string(),
                    n,
                }
            }
            Event::Start(Tag::Emphasis) => Inline::Emph(self.inlines(TagEnd::Emphasis)),
            Event::Start(Tag::Strong) => Inline::Strong(self.inlines(TagEnd::Strong)),
            Event::Start(Tag::Strikethrough) => Inline::Strike(self.inlines(TagEnd::Strikethrough)),
            Event::Start(Tag::Superscript) => Inline::Emph(self.inlines(TagEnd::Superscript)),
            Event::Start(Tag::Subscript) => Inline::Emph(self.inlines(TagEnd::Subscript)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let content = self.inlines(TagEnd::Link);
                let href = if matches!(link_type, LinkType::Email) {
                    Ok(Href::External(format!("mailto:{dest_url}")))
                } else {
                    classify_link(&dest_url)
                };
                match href {
                    Ok(href) => {
                        let (line, col) = self.pos(range.start);
                        self.out.links.push(Found {
                            line,
                            col,
                            item: href.clone(),
                        });
                        Inline::Link {
                            href,
                            title: title.to_string(),
                            content,
                        }
                    }
                    Err(why) => {
                        self.problem(range.start, format!("link refused: {why}"));
                        // keep what the reader sees, without the link
                        Inline::Plain(content)
                    }
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let alt_inl = self.inlines(TagEnd::Image);
                let alt = plain_text(&alt_inl);
                match classify_image(&dest_url).and_then(|p| (self.env.image)(&p)) {
                    Ok(src) => Inline::Image { src, alt },
                    Err(why) => {
                        self.problem(range.start, format!("image refused: {why}"));
                        Inline::Text(alt)
                    }
                }
            }
            Event::Start(other) => {
                let end = other.to_end();
                Inline::Emph(self.inlines(end))
            }
            _ => return None,
        })
    }

    fn report_html(&mut self, at: usize, html: &str) {
        let t = html.trim();
        if let Some(name) = t.strip_prefix("</") {
            let name = tag_name(name);
            // the closing tag of an opening tag reported in this block: same offence
            if let Some(i) = self.reported_open_tags.iter().rposition(|n| *n == name) {
                self.reported_open_tags.remove(i);
                return;
            }
        } else if let Some(name) = t.strip_prefix('<') {
            if !t.starts_with("<!") && !t.ends_with("/>") {
                self.reported_open_tags.push(tag_name(name));
            }
        }
        let shown: String = t.chars().take(60).collect();
        let shown = shown.lines().next().unwrap_or("").to_string();
        let what = if t.starts_with("<!--") {
            "an HTML comment".to_string()
        } else if let Some(attr) = event_handler(t) {
            format!("an event-handler attribute `{attr}`")
        } else if t.to_ascii_lowercase().contains("<script") {
            "a script tag".to_string()
        } else {
            "an HTML tag".to_string()
        };
        self.problem(
            at,
            format!("raw HTML is not allowed ({what}): `{shown}`; write Markdown instead"),
        );
    }

    fn code_block(&mut self, info: &str, text: String, range: Range<usize>) -> Block {
        let info = info.trim();
        let (name, rest) = match info.split_once(char::is_whitespace) {
            Some((n, r)) => (n, r.trim()),
            None => (info, ""),
        };
        let (line, col) = self.pos(range.start);
        if let Some(widget) = name.strip_prefix("kindlab-") {
            let w = match widget {
                "topology" => Widget::Topology {
                    caption: rest.to_string(),
                    commands: text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(str::to_string)
                        .collect(),
                    drawn: String::new(),
                },
                "lab" => {
                    let guide = text
                        .lines()
                        .find_map(|l| l.trim().strip_prefix("guide:"))
                        .map(|g| g.trim().to_string());
                    Widget::Lab {
                        caption: rest.to_string(),
                        commands: if guide.is_some() {
                            String::new()
                        } else {
                            text.trim_end().to_string()
                        },
                        guide,
                    }
                }
                "quiz" => {
                    let id = text.trim().to_string();
                    if id.is_empty() || id.contains(char::is_whitespace) {
                        self.problem(
                            range.start,
                            "a kindlab-quiz block holds one quiz id (a file name in quizzes/)"
                                .into(),
                        );
                    }
                    Widget::Quiz { id }
                }
                _ => {
                    self.problem(
                        range.start,
                        format!("unknown widget `{name}` (known: {})", WIDGETS.join(", ")),
                    );
                    return Block::Code(CodeBlock {
                        lang: "text".into(),
                        lines: (self.env.highlight)("text", &text),
                        text,
                        commands: String::new(),
                    });
                }
            };
            self.out.widgets.push(Found {
                line,
                col,
                item: w.clone(),
            });
            return Block::Widget(w);
        }
        let lang = code_lang(name);
        if !CODE_LANGS.contains(&lang.as_str()) {
            self.problem(
                range.start,
                format!(
                    "unknown code language `{name}` (use {})",
                    CODE_LANGS.join(", ")
                ),
            );
        }
        let lang = if CODE_LANGS.contains(&lang.as_str()) {
            lang
        } else {
            "text".into()
        };
        let commands = if lang == "console" {
            console_commands(&text)
        } else {
            String::new()
        };
        if !commands.is_empty() {
            self.out.consoles.push(Found {
                line,
                col,
                item: commands.clone(),
            });
        }
        Block::Code(CodeBlock {
            lines: (self.env.highlight)(&lang, &text),
            lang,
            text,
            commands,
        })
    }
}

fn tag_name(after_lt: &str) -> String {
    after_lt
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The first `on...=` attribute of a tag, if any.
fn event_handler(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(p) = lower[i..].find("on") {
        let s = i + p;
        let before_ok = s > 0 && matches!(bytes[s - 1], b' ' | b'\t' | b'\n' | b'/' | b'"' | b'\'');
        let name: String = lower[s..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let after = lower[s + name.len()..].trim_start();
        if before_ok && name.len() > 2 && after.starts_with('=') {
            return Some(name);
        }
        i = s + 2;
    }
    None
}

/// Lines of a `console` block that are commands (after `$ `), with their heredoc bodies.
pub fn console_commands(text: &str) -> String {
    let mut out = vec![];
    let mut heredoc: Option<String> = None;
    for line in text.lines() {
        if let Some(delim) = &heredoc {
            out.push(line.to_string());
            if line.trim() == delim {
                heredoc = None;
            }
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(cmd.to_string());
            heredoc = heredoc_word(cmd);
        }
    }
    out.join("\n")
}

/// Which lines of a console block are commands (`$ `), heredoc bodies, or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleLine {
    Command,
    Heredoc,
    Output,
}

pub fn console_lines(text: &str) -> Vec<ConsoleLine> {
    let mut out = vec![];
    let mut heredoc: Option<String> = None;
    for line in text.lines() {
        if let Some(delim) = &heredoc {
            out.push(ConsoleLine::Heredoc);
            if line.trim() == delim {
                heredoc = None;
            }
        } else if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(ConsoleLine::Command);
            heredoc = heredoc_word(cmd);
        } else {
            out.push(ConsoleLine::Output);
        }
    }
    out
}

/// The delimiter of a heredoc opened on this command line (`<<EOF`, `<<'EOF'`, `<<-EOF`).
fn heredoc_word(cmd: &str) -> Option<String> {
    let i = cmd.find("<<")?;
    let rest = cmd[i + 2..].trim_start_matches('-').trim_start();
    let word: String = rest
        .trim_start_matches(['\'', '"'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty()).then_some(word)
}

/// A heading's automatic anchor: lower-case letters and digits (any script), `-` for the rest.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !s.ends_with('-') && !s.is_empty()
        {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Removes what browsers ignore in a URL (spaces, tabs, newlines, control characters), so that
/// `java\tscript:` is seen as the scheme it is.
fn cleaned(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

/// The scheme of a URL (`javascript` in `JavaScript:x`), lower-cased, if it has one.
fn scheme(url: &str) -> Option<String> {
    let c = url.find(':')?;
    let s = &url[..c];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| s.to_ascii_lowercase())
}

/// Classifies a link target; `Err` says why it is refused.
pub fn classify_link(url: &str) -> Result<Href, String> {
    let u = cleaned(url);
    if u.is_empty() {
        return Err("the link has no target".into());
    }
    if let Some(s) = scheme(&u) {
        return match s.as_str() {
            "http" | "https" | "mailto" => Ok(Href::External(url.trim().to_string())),
            other => Err(format!(
                "the `{other}:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)"
            )),
        };
    }
    if u.starts_with("//") || u.starts_with("\\\\") || u.starts_with("/\\") {
        return Err("protocol-relative links are not allowed: write https://".into());
    }
    if let Some(a) = u.strip_prefix('#') {
        return Ok(Href::Anchor(a.to_string()));
    }
    if u.starts_with('/') {
        return Ok(Href::App(u));
    }
    let (path, anchor) = match u.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (u.as_str(), None),
    };
    let file = path.rsplit('/').next().unwrap_or(path);
    match file.strip_suffix(".md") {
        Some(stem) => Ok(Href::Lesson {
            slug: lesson_slug(stem).to_string(),
            anchor,
        }),
        None => Err(format!(
            "`{url}` is neither a lesson file (NN-slug.md), an app page (/lab) nor http(s)"
        )),
    }
}

/// `01-kind-ha` -> `kind-ha` (a lesson file's stem without its order number).
pub fn lesson_slug(stem: &str) -> &str {
    match stem.split_once('-') {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => stem,
    }
}

/// Image targets are relative paths to files in `assets/` (png, svg, jpg, gif, webp).
fn classify_image(url: &str) -> Result<String, String> {
    let u = cleaned(url);
    if let Some(s) = scheme(&u) {
        return Err(format!(
            "the `{s}:` scheme is not allowed for images (use a file in assets/)"
        ));
    }
    if u.starts_with('/') || u.starts_with('\\') {
        return Err("image paths are relative to the lesson file (../../assets/img/x.svg)".into());
    }
    let lower = u.to_ascii_lowercase();
    if ![".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Err(format!("`{url}` is not a png, svg, jpg, gif or webp image"));
    }
    Ok(u)
}
