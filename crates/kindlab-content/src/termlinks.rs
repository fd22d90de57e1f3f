//! The pass that links a lesson's first use of each glossary term to its entry: over the
//! lesson's blocks in reading order, the first occurrence of one of a term's forms in running
//! text (paragraphs, lists, quotes, callouts, table cells; not headings, code blocks, links or
//! widgets) becomes a link to `/glossary#id`, titled with the term's short definition. Later
//! uses stay text. Inline code counts only when it is a form exactly (`` `hostPort` ``,
//! `` `WaitForFirstConsumer` ``: API names are mostly written so); the link then wraps the
//! code, and code that only contains a form (`` `kubectl taint nodes` ``) stays as it is.
//!
//! Matching: a form with a capital letter matches exactly (`Ingress`, `PV`); an all-lower-case
//! form also matches with its first letter capitalised (`taint`, `Taint`). A form that starts
//! or ends with an ASCII letter or digit matches only where no such character touches it
//! (`PV` is not found in `PVC`); Chinese forms match anywhere. Where several forms match at one
//! place the longest wins (`ingress controller` before `Ingress`).

use crate::glossary::Glossary;
use crate::glossaryfile::Forms;
use crate::model::{Block, Href, Inline, Lang, ListItem};
use std::collections::BTreeSet;

/// What one lesson's pass linked: (term index, form index) pairs.
pub type Linked = Vec<(usize, usize)>;

/// Links the first use of each term in `blocks` (a lesson in `lang`); returns which term and
/// which of its forms each link used.
pub fn link_lesson(
    blocks: &mut [Block],
    lang: Lang,
    glossary: &Glossary,
    forms: &[Forms],
) -> Linked {
    let mut pass = Pass {
        lang,
        glossary,
        forms,
        done: BTreeSet::new(),
        linked: vec![],
    };
    pass.blocks(blocks);
    pass.linked
}

struct Pass<'a> {
    lang: Lang,
    glossary: &'a Glossary,
    forms: &'a [Forms],
    /// Terms already linked in this lesson.
    done: BTreeSet<usize>,
    linked: Linked,
}

impl Pass<'_> {
    fn blocks(&mut self, blocks: &mut [Block]) {
        for b in blocks {
            match b {
                Block::Paragraph(i) => self.inlines(i),
                Block::List { items, .. } => {
                    for ListItem { blocks, .. } in items {
                        self.blocks(blocks);
                    }
                }
                Block::Quote(bs) | Block::Admonition { blocks: bs, .. } => self.blocks(bs),
                Block::Table { head, rows, .. } => {
                    for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                        self.inlines(cell);
                    }
                }
                Block::Heading { .. }
                | Block::Code(_)
                | Block::Rule
                | Block::Widget(_)
                | Block::Html(_) => {}
            }
        }
    }

    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        let mut out = Vec::with_capacity(inlines.len());
        for i in std::mem::take(inlines) {
            match i {
                Inline::Text(t) => self.text(t, &mut out),
                Inline::Emph(mut c) => {
                    self.inlines(&mut c);
                    out.push(Inline::Emph(c));
                }
                Inline::Strong(mut c) => {
                    self.inlines(&mut c);
                    out.push(Inline::Strong(c));
                }
                Inline::Code(c) => match self.whole_code(&c) {
                    Some((term, form)) => {
                        let t = &self.glossary.terms[term];
                        out.push(Inline::Link {
                            href: Href::Glossary(t.id.clone()),
                            title: t.def.get(self.lang).clone(),
                            content: vec![Inline::Code(c)],
                        });
                        self.done.insert(term);
                        self.linked.push((term, form));
                    }
                    None => out.push(Inline::Code(c)),
                },
                other => out.push(other),
            }
        }
        *inlines = out;
    }

    /// Splits a text at the first uses of terms not linked yet.
    fn text(&mut self, text: String, out: &mut Vec<Inline>) {
        let mut rest = text.as_str();
        while let Some((at, len, term, form)) = self.first_match(rest) {
            if at > 0 {
                out.push(Inline::Text(rest[..at].to_string()));
            }
            let t = &self.glossary.terms[term];
            out.push(Inline::Link {
                href: Href::Glossary(t.id.clone()),
                title: t.def.get(self.lang).clone(),
                content: vec![Inline::Text(rest[at..at + len].to_string())],
            });
            self.done.insert(term);
            self.linked.push((term, form));
            rest = &rest[at + len..];
        }
        if !rest.is_empty() {
            out.push(Inline::Text(rest.to_string()));
        }
    }

    /// The term not linked yet that this code span is exactly a form of.
    fn whole_code(&self, code: &str) -> Option<(usize, usize)> {
        let code = code.trim();
        self.forms.iter().enumerate().find_map(|(ti, f)| {
            if self.done.contains(&ti) || ti >= self.glossary.terms.len() {
                return None;
            }
            f.get(self.lang)
                .iter()
                .position(|form| form.item == code)
                .map(|fi| (ti, fi))
        })
    }

    /// The earliest (then longest) use in `s` of a term not linked yet: (byte offset, length,
    /// term, form).
    fn first_match(&self, s: &str) -> Option<(usize, usize, usize, usize)> {
        let mut best: Option<(usize, usize, usize, usize)> = None;
        for (ti, f) in self.forms.iter().enumerate() {
            if self.done.contains(&ti) || ti >= self.glossary.terms.len() {
                continue;
            }
            for (fi, form) in f.get(self.lang).iter().enumerate() {
                if let Some(at) = find_form(s, &form.item) {
                    let len = form.item.len();
                    let better = match best {
                        None => true,
                        Some((b_at, b_len, _, _)) => at < b_at || (at == b_at && len > b_len),
                    };
                    if better {
                        best = Some((at, len, ti, fi));
                    }
                }
            }
        }
        best
    }
}

/// Where `form` first occurs in `s` as a whole word (see the module's matching rules).
pub fn find_form(s: &str, form: &str) -> Option<usize> {
    if form.is_empty() {
        return None;
    }
    let mut variants = vec![form.to_string()];
    if !form.chars().any(char::is_uppercase) {
        let mut c = form.chars();
        if let Some(first) = c.next() {
            let capital: String = first.to_uppercase().chain(c).collect();
            if capital != form && capital.len() == form.len() {
                variants.push(capital);
            }
        }
    }
    variants
        .iter()
        .filter_map(|v| {
            s.match_indices(v.as_str())
                .map(|(at, _)| at)
                .find(|&at| whole(s, at, v.len()))
        })
        .min()
}

/// No ASCII letter or digit touches the match where the match itself has one at its edge.
fn whole(s: &str, at: usize, len: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric();
    let m = &s[at..at + len];
    let starts = m.chars().next().is_some_and(word);
    let ends = m.chars().next_back().is_some_and(word);
    let before = s[..at].chars().next_back().is_some_and(word);
    let after = s[at + len..].chars().next().is_some_and(word);
    !((starts && before) || (ends && after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_match_whole_words_and_capitalised_at_most_at_the_first_letter() {
        assert_eq!(find_form("a PVC and a PV", "PV"), Some(12));
        assert_eq!(find_form("Taints repel pods", "taints"), Some(0));
        assert_eq!(find_form("an ingress rule", "Ingress"), None);
        assert_eq!(find_form("删除污点后", "污点"), Some(6));
        assert_eq!(find_form("release it", "lease"), None);
        assert_eq!(find_form("the kubelet's status", "kubelet"), Some(4));
    }
}
