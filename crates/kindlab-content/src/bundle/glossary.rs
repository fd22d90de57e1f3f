//! The folder's glossary: `glossary.toml` read ([`crate::glossaryfile`]), checked against the
//! lessons (the lessons and headings it names exist, every form it matches occurs somewhere),
//! and the lessons' first uses of its terms linked ([`crate::termlinks`]); and the lessons'
//! `sources` matched between twins.

use super::{mistranslations, problem, read_text, Loader};
use crate::glossaryfile::{self, FILE};
use crate::markdown::Found;
use crate::model::{Href, Lang};
use crate::termlinks;
use std::collections::BTreeSet;

impl Loader<'_> {
    /// Reads `glossary.toml` (a folder without one has no glossary), links the lessons' first
    /// uses of its terms; returns the commands it says the lab accepts.
    pub(super) fn glossary(&mut self) -> Vec<Found<String>> {
        let path = self.dir.join(FILE);
        if !path.is_file() {
            return vec![];
        }
        self.files += 1;
        let text = match read_text(&path, FILE) {
            Ok(t) => t,
            Err(p) => {
                self.problems.push(p);
                return vec![];
            }
        };
        mistranslations(FILE, &text, &mut self.problems);
        let mut g = glossaryfile::load(&text, self.highlight);
        self.problems.append(&mut g.problems);
        let anchors = self.anchors();
        for f in &g.lessons {
            let (slug, anchor) = &f.item;
            let pos = (f.line, f.col);
            if !self.slugs.contains_key(slug) {
                self.problems.push(problem(
                    FILE,
                    pos,
                    format!("`lesson = \"{slug}\"` names no lesson in SUMMARY.md"),
                ));
                continue;
            }
            if let Some(a) = anchor {
                for lang in Lang::ALL {
                    let has = anchors
                        .get(&(slug.clone(), lang))
                        .is_some_and(|s| s.contains(a));
                    if !has {
                        self.problems.push(problem(
                            FILE,
                            pos,
                            format!("no heading #{a} in the {} lesson `{slug}`", lang.dir()),
                        ));
                    }
                }
            }
        }
        for l in &g.links {
            let bad = match &l.item {
                Href::Lesson { slug, .. } if !self.slugs.contains_key(slug) => {
                    Some(format!("link to a lesson that does not exist: `{slug}`"))
                }
                Href::App(path) => {
                    let p = path.split('#').next().unwrap_or(path);
                    let ok = super::APP_PAGES.contains(&p)
                        || p.strip_prefix("/lesson/")
                            .is_some_and(|s| self.slugs.contains_key(s));
                    (!ok).then(|| format!("`{path}` is not a page of the app"))
                }
                Href::Anchor(a) => Some(format!("`#{a}`: this page has no such heading")),
                _ => None,
            };
            if let Some(message) = bad {
                self.problems.push(problem(FILE, (l.line, l.col), message));
            }
        }
        // the lessons' first uses, and which forms occur at all
        let mut used: BTreeSet<(usize, Lang, usize)> = BTreeSet::new();
        for lesson in &mut self.bundle.lessons {
            let lang = lesson.lang;
            let linked = termlinks::link_lesson(&mut lesson.blocks, lang, &g.glossary, &g.forms);
            used.extend(linked.into_iter().map(|(t, f)| (t, lang, f)));
        }
        for (ti, forms) in g.forms.iter().enumerate() {
            for lang in Lang::ALL {
                for (fi, f) in forms.get(lang).iter().enumerate() {
                    if used.contains(&(ti, lang, fi)) || self.occurs(lang, &f.item) {
                        continue;
                    }
                    self.notices.push(format!(
                        "{FILE}:{}:{}: term `{}`: the form `{}` occurs in no {} lesson's text",
                        f.line,
                        f.col,
                        forms.id,
                        f.item,
                        match lang {
                            Lang::En => "English",
                            Lang::Zh => "Chinese",
                        }
                    ));
                }
            }
        }
        self.bundle.glossary = g.glossary;
        g.lab_commands
    }

    /// Whether `form` occurs in the running text of a lesson in `lang` (a later use than the
    /// one linked, or one beside a longer form's link).
    fn occurs(&self, lang: Lang, form: &str) -> bool {
        self.bundle
            .lessons
            .iter()
            .filter(|l| l.lang == lang)
            .flat_map(|l| l.sections.iter())
            .any(|s| termlinks::find_form(&s.text, form).is_some())
    }

    /// Both twins of a lesson name the same upstream pages (titles in their own language).
    pub(super) fn twins_sources(&mut self) {
        for slug in self.bundle.order.clone() {
            let (Some(en), Some(zh)) = (
                self.bundle.lesson(&slug, Lang::En),
                self.bundle.lesson(&slug, Lang::Zh),
            ) else {
                continue;
            };
            let urls = |l: &crate::model::Lesson| -> Vec<String> {
                l.sources.iter().map(|s| s.url.clone()).collect()
            };
            if urls(en) != urls(zh) {
                self.problems.push(problem(
                    &zh.file,
                    (2, 1),
                    format!(
                        "front matter: `sources` names other pages than {} (the same urls, in the same order)",
                        en.file
                    ),
                ));
            }
        }
    }
}
