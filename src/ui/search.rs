//! The search box over every lesson in the current language (substring matching, so Chinese is
//! found too; see `Bundle::search`). Keyboard: ↓/↑ move through the results, Enter opens one,
//! Escape clears.

use super::doc::{scroll_to, set_field};
use super::i18n::t;
use super::routes::Route;
use super::state::AppState;
use crate::content::{self, Hit, Lang};
use dioxus::prelude::*;

#[component]
pub fn SearchBox() -> Element {
    let mut state = use_context::<AppState>();
    let nav = navigator();
    let lang: Lang = state.lang();
    let mut query = use_signal(String::new);
    let active = use_signal(|| 0usize);
    let q = query.read().clone();
    // the web loads every lesson's text for the first search
    let all = if q.trim().is_empty() {
        vec![]
    } else {
        content::bundle()
            .order
            .iter()
            .map(|s| content::Part::Lesson(s.clone()))
            .collect()
    };
    let ready = super::state::use_content(all);
    // no partial results while lessons are still arriving
    let hits = if ready {
        content::bundle().search(lang, &q, 12)
    } else {
        vec![]
    };
    let n = hits.len();
    // the lesson on screen, kept in a signal so that the handlers below stay `Copy`
    let here = match use_route::<Route>() {
        Route::Lesson { slug } => Some(slug),
        _ => None,
    };
    let on_screen = use_signal(|| None::<String>);
    if *on_screen.peek() != here {
        *on_screen.write_unchecked() = here;
    }
    let open_hit = move |slug: String, anchor: String| {
        query.set(String::new());
        set_field("search-input", "");
        if on_screen.peek().as_deref() == Some(slug.as_str()) {
            // the lesson is on screen already: only scroll
            if !anchor.is_empty() {
                scroll_to(&anchor);
            }
            return;
        }
        state.scroll_to.set((!anchor.is_empty()).then_some(anchor));
        nav.push(Route::Lesson { slug });
    };
    let keyed = hits.clone();
    rsx! {
        div { class: "search", role: "search",
            {search_input(query, active, keyed, open_hit)}
            // how many results there are, said by screen readers as it changes
            div { class: "sr-only", role: "status", "aria-live": "polite",
                if !q.trim().is_empty() && ready {
                    {t!("search-count", n: n)}
                }
            }
            if !q.trim().is_empty() {
                {search_results(hits, ready, active, open_hit)}
            }
        }
    }
}

/// The search field: a combobox whose list is the results (`hits`); ↓/↑ move the active one,
/// Enter opens it, Escape clears.
fn search_input(
    mut query: Signal<String>,
    mut active: Signal<usize>,
    hits: Vec<Hit>,
    mut open_hit: impl FnMut(String, String) + 'static,
) -> Element {
    let n = hits.len();
    rsx! {
        input {
            r#type: "search",
            class: "search-input",
            "data-testid": "search-input",
            placeholder: t!("search-placeholder"),
            "aria-label": t!("search-label"),
            // a combobox: the results are its list, ↑/↓ move the active one
            role: "combobox",
            "aria-autocomplete": "list",
            "aria-controls": "search-results",
            "aria-expanded": if n > 0 { "true" } else { "false" },
            "aria-activedescendant": if n > 0 { "search-hit-{active()}" },
            autocomplete: "off",
            id: "search-input",
            initial_value: "",
            oninput: move |e| {
                query.set(e.value());
                active.set(0);
            },
            onkeydown: move |e: KeyboardEvent| match e.key() {
                Key::ArrowDown if n > 0 => {
                    e.prevent_default();
                    active.set((active() + 1) % n);
                }
                Key::ArrowUp if n > 0 => {
                    e.prevent_default();
                    active.set((active() + n - 1) % n);
                }
                Key::Enter => {
                    if let Some(h) = hits.get(active()) {
                        e.prevent_default();
                        open_hit(h.slug.clone(), h.anchor.clone());
                    }
                }
                Key::Escape => {
                    query.set(String::new());
                    set_field("search-input", "");
                }
                _ => {}
            },
        }
    }
}

/// The results: links to the lesson (and the section) where each was found, the active one
/// marked; while lessons load, or when nothing is found, a line that says so.
fn search_results(
    hits: Vec<Hit>,
    ready: bool,
    active: Signal<usize>,
    mut open_hit: impl FnMut(String, String) + Copy + 'static,
) -> Element {
    rsx! {
        div { class: "search-results", id: "search-results", role: "listbox",
            "aria-label": t!("search-label"),
            if !ready {
                p { class: "muted search-none", "data-testid": "search-loading", "aria-busy": "true", {t!("content-loading")} }
            } else if hits.is_empty() {
                p { class: "muted search-none", "data-testid": "search-none", {t!("search-none")} }
            }
            for (i , h) in hits.into_iter().enumerate() {
                {
                    let page = super::routes::href(&Route::Lesson { slug: h.slug.clone() });
                    let href = if h.anchor.is_empty() {
                        page
                    } else {
                        format!("{page}#{}", h.anchor)
                    };
                    let (slug, anchor) = (h.slug.clone(), h.anchor.clone());
                    rsx! {
                        a {
                            class: if i == active() { "search-result active" } else { "search-result" },
                            id: "search-hit-{i}",
                            role: "option",
                            "aria-selected": if i == active() { "true" } else { "false" },
                            "data-testid": "search-result",
                            "data-slug": "{h.slug}",
                            "data-anchor": "{h.anchor}",
                            href: "{href}",
                            onclick: move |e: MouseEvent| {
                                e.prevent_default();
                                open_hit(slug.clone(), anchor.clone());
                            },
                            span { class: "hit-heading", "{h.heading}" }
                            span { class: "hit-lesson", "{h.lesson_title}" }
                            span { class: "hit-snippet", "{h.snippet}" }
                        }
                    }
                }
            }
        }
    }
}
