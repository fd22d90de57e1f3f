//! The glossary and command sheet (`/glossary`) and the "before you begin" page (`/start`),
//! rendered from the content's glossary (`content/glossary.toml`, the web's glossary pack).
//! Each term and command has its anchor (`/glossary#taint`, `/glossary#cmd-get-nodes`); a
//! lesson's link to a term lands on it.

use super::doc::{self, scroll_to, scroll_top, CodeView};
use super::i18n::t;
use super::routes::Route;
use super::state::AppState;
use crate::content::{self, Lang, Part};
use dioxus::prelude::*;

/// Once the glossary pack is in: scroll to the entry a link asked for, else to the top (a
/// pre-rendered first page stays where the browser put it).
fn use_landing(ready: bool) {
    let mut state = use_context::<AppState>();
    use_effect(use_reactive!(|ready| {
        if !ready || *state.first_page.peek() {
            return;
        }
        match state.scroll_to.take() {
            Some(id) => scroll_to(&id),
            None => scroll_top(),
        }
    }));
}

/// `/glossary`: every term, sorted as this language reads, then the command sheet.
#[component]
pub fn GlossaryPage() -> Element {
    let state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let ready = super::state::use_content(vec![Part::Glossary]);
    use_landing(ready);
    if !ready {
        return rsx! {
            p { class: "muted", "aria-busy": "true", {t!("content-loading")} }
        };
    }
    let b = content::bundle();
    let g = &b.glossary;
    super::web::note_description(&t!("page-glossary-intro"));
    rsx! {
        article { class: "glossary", "data-testid": "glossary",
            h1 { {t!("page-glossary-heading")} }
            p { class: "lead", {t!("page-glossary-intro")} }
            nav { class: "glossary-jump",
                a { href: "#terms", {t!("glossary-terms")} }
                " · "
                a { href: "#commands", {t!("glossary-commands")} }
            }
            h2 { id: "terms", class: "heading", {t!("glossary-terms")} }
            dl { class: "terms", "data-testid": "glossary-terms",
                for term in g.sorted(lang) {
                    div {
                        key: "{term.id}",
                        class: "term",
                        id: "{term.id}",
                        "data-testid": "glossary-term",
                        "data-term": "{term.id}",
                        dt { "{term.shown(lang)}" }
                        dd {
                            p { "{term.def.get(lang)}" }
                            {lesson_link(lang, &term.lesson, term.anchor.clone(), t!("glossary-explained-in"))}
                        }
                    }
                }
            }
            h2 { id: "commands", class: "heading", {t!("glossary-commands")} }
            div { class: "commands", "data-testid": "glossary-commands",
                for c in g.commands.iter() {
                    section {
                        key: "{c.id}",
                        class: "command",
                        id: "{c.id}",
                        "data-testid": "glossary-command",
                        "data-tool": "{c.tool}",
                        h3 { code { "{c.line}" } }
                        p { "{c.does.get(lang)}" }
                        CodeView { code: c.sample.clone() }
                        if let Some(slug) = &c.lesson {
                            {lesson_link(lang, slug, None, t!("glossary-used-in"))}
                        }
                    }
                }
            }
        }
    }
}

/// "Explained in: <lesson>" (at its heading, when one is named).
fn lesson_link(lang: Lang, slug: &str, anchor: Option<String>, label: String) -> Element {
    let mut state = use_context::<AppState>();
    let nav = navigator();
    let b = content::bundle();
    let Some(lesson) = b.lesson(slug, lang) else {
        return rsx! {};
    };
    let route = Route::Lesson {
        slug: slug.to_string(),
    };
    let href = match &anchor {
        Some(a) => format!("{}#{a}", super::routes::href(&route)),
        None => super::routes::href(&route),
    };
    rsx! {
        p { class: "muted term-lesson",
            "{label} "
            a {
                href: "{href}",
                "data-testid": "glossary-lesson",
                onclick: move |e: MouseEvent| {
                    e.prevent_default();
                    state.scroll_to.set(anchor.clone());
                    nav.push(route.clone());
                },
                "{lesson.title}"
            }
        }
    }
}

/// `/start`: what to know beforehand, which versions, where the lessons draw from.
#[component]
pub fn StartPage() -> Element {
    let ready = super::state::use_content(vec![Part::Glossary]);
    use_landing(ready);
    let state = use_context::<AppState>();
    let lang: Lang = state.lang();
    if !ready {
        return rsx! {
            p { class: "muted", "aria-busy": "true", {t!("content-loading")} }
        };
    }
    let b = content::bundle();
    super::web::note_description(&t!("page-start-intro"));
    rsx! {
        article { class: "start", "data-testid": "start",
            h1 { {t!("page-start-heading")} }
            p { class: "lead", {t!("page-start-intro")} }
            for s in b.glossary.start.iter() {
                section { key: "{s.id}", class: "start-section", "data-testid": "start-section",
                    h2 { id: "{s.id}", class: "heading", "{s.title.get(lang)}" }
                    {doc::blocks(s.body.get(lang))}
                }
            }
            p { class: "card",
                Link { to: Route::Glossary {}, "data-testid": "start-glossary", {t!("page-start-glossary")} }
            }
        }
    }
}
