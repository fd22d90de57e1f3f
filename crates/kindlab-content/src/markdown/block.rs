//! The block walk: paragraphs, headings and their anchors, lists and items, quotes and
//! admonitions, tables, footnote definitions, rules.

use super::inline::is_inline_event;
use super::*;

impl<'a, 'e> Builder<'a, 'e> {
    /// Block-level content until `end` (or the end of input).
    pub(super) fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
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
                    if self.too_deep(range.start) {
                        continue;
                    }
                    self.depth += 1;
                    let b = self.block(tag, range);
                    self.depth -= 1;
                    if let Some(b) = b {
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
    pub(super) fn inlines_loose(&mut self, end: Option<TagEnd>) -> (Option<bool>, Vec<Inline>) {
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

    pub(super) fn block(&mut self, tag: Tag<'a>, range: Range<usize>) -> Option<Block> {
        self.reported_open_tags.clear();
        match tag {
            Tag::Paragraph => {
                let inl = self.inlines(TagEnd::Paragraph);
                Some(Block::Paragraph(inl))
            }
            Tag::Heading { level, id, .. } => Some(self.heading(level, id, range)),
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
            Tag::CodeBlock(kind) => Some(self.code_fence(kind, range)),
            Tag::HtmlBlock => Some(self.html_block(range)),
            Tag::List(start) => Some(self.list(start)),
            Tag::FootnoteDefinition(label) => {
                let blocks = self.blocks(Some(TagEnd::FootnoteDefinition));
                self.out.footnotes.push(Footnote {
                    label: label.to_string(),
                    n: 0,
                    blocks,
                });
                None
            }
            Tag::Table(aligns) => Some(self.table(&aligns)),
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

    /// A heading: its anchor (given or made from its text, once per page) and, for `##` and `###`, its place in the page's table of contents.
    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<pulldown_cmark::CowStr<'a>>,
        range: Range<usize>,
    ) -> Block {
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
            let msg = format!("heading anchor #{id} is used twice (first at line {l}, col {c})");
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
        Block::Heading {
            level: lvl,
            id,
            content,
        }
    }

    /// A fenced or indented code block (see `code_block`: widgets, console blocks, highlighting).
    fn code_fence(&mut self, kind: CodeBlockKind<'a>, range: Range<usize>) -> Block {
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
        self.code_block(&info, text, range)
    }

    /// Raw HTML at block level (reported: the app shows it as text).
    fn html_block(&mut self, range: Range<usize>) -> Block {
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
        Block::Html(html)
    }

    /// A list, numbered from `start` when it is ordered.
    fn list(&mut self, start: Option<u64>) -> Block {
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
        Block::List { start, items }
    }

    /// A table: its columns' alignment, the head row and the body rows.
    fn table(&mut self, aligns: &[Alignment]) -> Block {
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
        Block::Table { align, head, rows }
    }

    pub(super) fn skip_to(&mut self, end: TagEnd) {
        while self.at < self.events.len() {
            let (ev, _) = &self.events[self.at];
            self.at += 1;
            if matches!(ev, Event::End(e) if *e == end) {
                break;
            }
        }
    }

    /// A list item's content (its task marker, if any, and blocks).
    pub(super) fn item(&mut self) -> (Option<bool>, Vec<Block>) {
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
}
