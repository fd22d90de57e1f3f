//! Inline content: text, styles, code, links and images, footnote references, breaks; raw
//! HTML reported (once per offence) and kept as text.

use super::links::classify_image;
use super::*;

pub(super) fn is_inline_event(e: &Event) -> bool {
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
    /// Inline content until `end`.
    pub(super) fn inlines(&mut self, end: TagEnd) -> Vec<Inline> {
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
    pub(super) fn inline(&mut self) -> Option<Inline> {
        let (ev, range) = self.events[self.at].clone();
        self.at += 1;
        if matches!(ev, Event::Start(_)) {
            if self.too_deep(range.start) {
                return None;
            }
            self.depth += 1;
            let i = self.inline_element(ev, range);
            self.depth -= 1;
            return i;
        }
        self.inline_element(ev, range)
    }

    /// One inline element whose first event (`ev`, at `range`) is consumed.
    fn inline_element(&mut self, ev: Event<'a>, range: Range<usize>) -> Option<Inline> {
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

    pub(super) fn report_html(&mut self, at: usize, html: &str) {
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
}

pub(super) fn tag_name(after_lt: &str) -> String {
    after_lt
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The first `on...=` attribute of a tag, if any.
pub(super) fn event_handler(tag: &str) -> Option<String> {
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
