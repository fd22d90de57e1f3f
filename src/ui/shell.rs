use super::i18n::t;
use super::icons::{Glyph, Icon};
use super::routes::{href, lang_path, LangHistory, Route};
use super::search::SearchBox;
use super::state::AppState;
use crate::content;
use dioxus::prelude::*;
use std::collections::BTreeSet;
use std::rc::Rc;

/// A sidebar link: a real `<a href>` (so the web build has proper URLs) that navigates
/// client-side, with `data-testid="nav-<route>"`.
#[component]
fn NavLink(
    to: Route,
    label: String,
    #[props(default)] nested: bool,
    #[props(default)] done: bool,
) -> Element {
    let current: Route = use_route();
    let nav = navigator();
    let active = current == to;
    let testid = format!("nav-{}", to.test_name());
    let href = href(&to);
    let target = to.clone();
    rsx! {
        a {
            class: if nested { "nav-link nested" } else { "nav-link" },
            class: if active { "active" },
            class: if done { "done" },
            href: "{href}",
            "data-testid": "{testid}",
            "aria-current": if active { "page" },
            onclick: move |evt: MouseEvent| {
                evt.prevent_default();
                nav.push(target.clone());
            },
            if done {
                span { class: "done-mark", "aria-label": t!("lesson-read"), "✓" }
            }
            "{label}"
        }
    }
}

/// The frame around every page: top bar (title, language and theme switches), sidebar, content.
#[component]
pub fn Shell() -> Element {
    let mut state = use_context::<AppState>();
    let theme = state.settings.read().theme;
    let lang = *state.lang.read();
    let route: Route = use_route();
    let route_name = route.test_name();
    let history = use_context::<Rc<LangHistory>>();
    // the drawer (small screens): closed on every new page, so a choice in it closes it
    let mut nav_open = use_signal(|| false);
    let page_now = route.clone();
    use_effect(use_reactive!(|page_now| {
        let _ = page_now;
        if *nav_open.peek() {
            nav_open.set(false);
        }
    }));

    // back and forward can cross into the other language: the URL says which one is shown
    let url_lang = history.lang();
    let h = history.clone();
    use_effect(use_reactive!(|url_lang| {
        let now: Route = dioxus::router::router().current();
        state.follow_url(url_lang, h.clone(), now)
    }));
    // the document follows the page: its language and title (the browser's tab, history)
    let title = super::pages::title_of(&route, lang);
    super::web::note_title(&title);
    super::web::note_description(&t!("app-tagline"));
    // the first page stays "first" until the learner goes elsewhere
    let initial = use_hook(|| route.clone());
    if route != initial && *state.first_page.peek() {
        state.first_page.set(false);
    }
    // the web: the app has rendered its first page, the loader swaps it in
    use_effect(super::web::rendered);
    // another tab saved the learner's record: take it in (the browser's `storage` event)
    use_future(move || async move {
        if super::web::retired() {
            return;
        }
        let mut e = document::eval(
            "window.addEventListener('storage', (ev) => { if (ev.key === 'kindlab.progress') dioxus.send(true); }); await new Promise(() => {});",
        );
        while e.recv::<bool>().await.is_ok() {
            state.reload_progress();
        }
    });
    let page_path = route.to_string();
    use_effect(use_reactive!(|title, lang, page_path| {
        let path = page_path.split('#').next().unwrap_or_default();
        super::web::set_document(
            lang.tag(),
            &title,
            &lang_path(crate::store::Lang::En, path),
            &lang_path(crate::store::Lang::Zh, path),
        )
    }));

    // desktop: KINDLAB_START_ROUTE opens the app on a page (screenshots, end-to-end tests)
    #[cfg(not(target_arch = "wasm32"))]
    use_hook(|| {
        if let Some(r) = std::env::var("KINDLAB_START_ROUTE")
            .ok()
            .and_then(|p| p.parse::<Route>().ok())
        {
            navigator().replace(r);
        }
    });

    #[cfg(not(target_arch = "wasm32"))]
    write_state_marker(&route_name, lang.tag(), theme.as_str());
    #[cfg(not(target_arch = "wasm32"))]
    super::probe::use_probe();

    let notice = notices(state);
    let read = state.progress.read().lessons_read.clone();

    rsx! {
        div {
            class: "app",
            "data-theme": theme.as_str(),
            lang: lang.tag(),
            {top_bar(state, nav_open, history, route.clone(), theme, lang)}
            if let Some(msg) = notice {
                {notice_bar(state, msg)}
            }
            div { class: "body",
                if nav_open() {
                    div {
                        class: "nav-backdrop",
                        "aria-hidden": "true",
                        onclick: move |_| nav_open.set(false),
                    }
                }
                {site_nav(nav_open, lang, read)}
                main { class: "page", id: "page", "data-testid": "page", "data-route": "{route_name}",
                    Outlet::<Route> {}
                }
            }
        }
    }
}

/// What went wrong loading the saved files, and the app's notice, as one message.
fn notices(state: AppState) -> Option<String> {
    let mut notices: Vec<String> = state
        .load_problems
        .read()
        .iter()
        .map(|p| match p.restored {
            None => t!("settings-load-error", detail: format!("{}: {}", p.location, p.detail), backup: p.backup.clone()),
            Some(restored) => format!(
                "{} {}",
                t!("progress-load-problem", location: p.location.clone(), detail: p.detail.clone(), backup: p.backup.clone()),
                if restored { t!("progress-load-restored") } else { t!("progress-load-fresh") }
            ),
        })
        .collect();
    notices.extend(state.notice.read().clone());
    (!notices.is_empty()).then(|| notices.join("\n"))
}

/// The top bar: skip link, the drawer's button, the app's name, the theme and language
/// switches.
fn top_bar(
    mut state: AppState,
    mut nav_open: Signal<bool>,
    history: Rc<LangHistory>,
    switch_route: Route,
    theme: crate::store::Theme,
    lang: crate::store::Lang,
) -> Element {
    // the language switch goes to the twin page: a real link, so it works without JavaScript
    let twin = lang_path(lang.other(), &switch_route.to_string());
    let theme_label = match theme {
        crate::store::Theme::Light => t!("theme-light"),
        crate::store::Theme::Dark => t!("theme-dark"),
        crate::store::Theme::System => t!("theme-system"),
    };
    let theme_icon = match theme {
        crate::store::Theme::Light => Icon::Sun,
        crate::store::Theme::Dark => Icon::Moon,
        crate::store::Theme::System => Icon::Auto,
    };
    rsx! {
        header { class: "topbar",
            a { class: "skip", href: "#page", {t!("skip-to-content")} }
            // small screens: the navigation is a drawer behind this button
            button {
                class: "nav-toggle",
                id: "nav-toggle",
                "data-testid": "nav-toggle",
                "aria-controls": "site-nav",
                "aria-expanded": if nav_open() { "true" } else { "false" },
                onclick: move |_| {
                    let open = !nav_open();
                    nav_open.set(open);
                    if open {
                        super::doc::focus_first("#site-nav .nav-link.active, #site-nav .nav-link");
                    }
                },
                Glyph { icon: if nav_open() { Icon::Close } else { Icon::Menu } }
                span { class: "sr-only", {t!("nav-menu")} }
            }
            div { class: "brand",
                span { class: "logo", Glyph { icon: Icon::Wheel } }
                span { class: "name", {t!("app-title")} }
                span { class: "tagline", {t!("app-tagline")} }
            }
            div { class: "switches",
                button {
                    class: "switch",
                    "data-testid": "theme-switch",
                    "data-theme": theme.as_str(),
                    title: t!("theme-switch-title"),
                    onclick: move |_| state.cycle_theme(),
                    span { class: "icon", Glyph { icon: theme_icon } }
                    // the name a screen reader says holds the word on screen
                    span { class: "sr-only", {t!("theme-label")} ": " }
                    span { class: "switch-label", "{theme_label}" }
                }
                a {
                    class: "switch",
                    href: "{twin}",
                    hreflang: lang.other().tag(),
                    "data-testid": "lang-switch",
                    "data-lang": lang.tag(),
                    title: t!("lang-switch-title"),
                    lang: lang.other().tag(),
                    onclick: move |e: MouseEvent| {
                        e.prevent_default();
                        let history = history.clone();
                        let route = switch_route.clone();
                        spawn(async move {
                            // the section being read: the twin page opens there
                            let anchor = super::doc::heading_in_view().await;
                            state.switch_lang(lang.other(), anchor, history, route);
                        });
                    },
                    {t!("lang-switch-label")}
                }
            }
        }
    }
}

/// The notice under the top bar, with its dismiss button.
fn notice_bar(mut state: AppState, msg: String) -> Element {
    rsx! {
        div { class: "notice", role: "alert", "data-testid": "notice",
            "{msg}"
            button {
                class: "dismiss",
                "aria-label": t!("notice-dismiss"),
                onclick: move |_| {
                    state.notice.set(None);
                    state.load_problems.set(vec![]);
                },
                "×"
            }
        }
    }
}

/// The sidebar (a drawer on small screens): search, home, the lessons (read ones marked), the
/// lab, the quizzes, progress.
fn site_nav(
    mut nav_open: Signal<bool>,
    lang: crate::store::Lang,
    read: BTreeSet<String>,
) -> Element {
    let lessons = content::bundle().lessons_in(lang);
    rsx! {
        nav {
            class: "sidebar",
            id: "site-nav",
            "aria-label": t!("nav-label"),
            "data-open": if nav_open() { "true" } else { "false" },
            // Escape closes the drawer and gives the keyboard back to its button
            onkeydown: move |e: KeyboardEvent| {
                if e.key() == Key::Escape && nav_open() {
                    nav_open.set(false);
                    super::doc::focus_first("#nav-toggle");
                }
            },
            SearchBox {}
            NavLink { to: Route::Home {}, label: t!("nav-home") }
            div { class: "nav-group",
                {t!("nav-lessons")}
                span { class: "nav-count", "data-testid": "nav-read-count",
                    " {read.iter().filter(|s| content::bundle().position(s).is_some()).count()}/{lessons.len()}"
                }
            }
            for (i, lesson) in lessons.iter().enumerate() {
                NavLink {
                    key: "{lesson.slug}",
                    to: Route::Lesson { slug: lesson.slug.clone() },
                    label: format!("{}. {}", i + 1, lesson.title),
                    nested: true,
                    done: read.contains(&lesson.slug),
                }
            }
            NavLink { to: Route::Lab {}, label: t!("nav-lab") }
            NavLink { to: Route::QuizIndex {}, label: t!("nav-quiz") }
            NavLink { to: Route::Glossary {}, label: t!("nav-glossary") }
            NavLink { to: Route::Progress {}, label: t!("nav-progress") }
        }
    }
}

/// For the desktop end-to-end test: when `KINDLAB_ROUTE_MARKER` names a file, the shell writes
/// `<route> <lang> <theme>` there on every render (e.g. `lesson-kind-ha zh-CN dark`).
#[cfg(not(target_arch = "wasm32"))]
fn write_state_marker(route: &str, lang: &str, theme: &str) {
    if let Some(path) = std::env::var_os("KINDLAB_ROUTE_MARKER") {
        let _ = std::fs::write(path, format!("{route} {lang} {theme}"));
    }
}
