//! Dioxus components. They read state and send commands; no domain logic lives here.

mod challenges;
mod doc;
mod glossary;
pub(crate) mod i18n;
mod icons;
#[cfg(has_lab)]
mod lab;
mod learn;
mod lesson;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
mod probe;
mod progress;
mod quiz;
mod routes;
mod search;
mod shell;
mod state;
#[cfg(has_lab)]
mod terminal;
#[cfg(has_lab)]
mod topology;
pub mod web;
mod widgets;

pub use i18n::{use_ui_lang, UiLang};
pub use pages::title_of;
pub use routes::{lang_path, split_lang, LangHistory, Route};
pub use state::{AppState, PreferredLang, StoreBackend};
#[cfg(has_lab)]
pub use topology::{topology_after, TopologyFigure};
pub use widgets::Edition;

use crate::content;
use dioxus::prelude::*;
use std::rc::Rc;

/// The one stylesheet, compiled into the binary (no dx CLI, no runtime asset lookup).
pub const STYLE: &str = include_str!("../../assets/kindlab.css");

/// The root component: the language in the URL, settings, i18n and the router.
#[component]
pub fn App() -> Element {
    // the platform's history (the browser's, the desktop app's, a test's), seen through the
    // language prefix; the router below finds this one
    let history = use_hook(|| Rc::new(LangHistory::new(dioxus::history::history())));
    use_context_provider(|| history.clone());
    use_context_provider(|| history.clone() as Rc<dyn dioxus::history::History>);
    let mut state = state::use_app_state_provider(history.clone());
    let lang = *state.lang.peek();
    // the messages follow the language shown
    use_context_provider(|| i18n::UiLang(state.lang));
    // the web: what the reader edition asked the lab for before handing over
    use_hook(move || {
        if let Some(intent) = web::take_intent() {
            if intent.lab_commands.is_some() {
                state.lab_commands.set(intent.lab_commands);
            }
            if intent.lab_guide.is_some() {
                state.lab_guide.set(intent.lab_guide);
            }
        }
    });
    // the web: the page's content may not be loaded yet (a page whose loader guessed another
    // language, or that has no pre-rendered page of its own); it is fetched, and the page follows
    let start_path = dioxus::history::History::current_route(&*history);
    let mut content_ready =
        use_signal(|| content::missing(&content::Part::for_path(&start_path), lang).is_empty());
    use_hook(move || {
        if !*content_ready.peek() {
            let missing = content::missing(&content::Part::for_path(&start_path), lang);
            spawn(async move {
                if let Err(e) = web::load_packs(missing).await {
                    state.notice.set(Some(e));
                }
                content_ready.set(true);
            });
        }
    });
    if !content_ready() {
        return rsx! {};
    }
    rsx! {
        Router::<Route> {}
    }
}

/// Opens the desktop window (feature `desktop`) or mounts into `#main` (feature `web`).
pub fn launch() {
    #[cfg(feature = "desktop")]
    {
        use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
        let head =
            format!("<meta name=\"color-scheme\" content=\"light dark\"><style>{STYLE}</style>");
        let window = WindowBuilder::new()
            .with_title("kindlab")
            .with_inner_size(LogicalSize::new(1200.0, 800.0));
        let cfg = Config::new()
            .with_custom_head(head)
            .with_menu(None)
            .with_window(window);
        // A display that is set but cannot be opened makes tao panic while it starts GTK: say
        // so in one line instead of a backtrace. Other panics keep the default report.
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !panic_text(info.payload()).contains("gtk") {
                default_hook(info);
            }
        }));
        // a first run follows the system's language
        let preferred = PreferredLang::from_tags(
            sys_locale::get_locales()
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        );
        let started = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            dioxus::LaunchBuilder::desktop()
                .with_cfg(cfg)
                .with_context(preferred)
                .launch(App)
        }));
        if let Err(payload) = started {
            let text = panic_text(&*payload);
            if text.contains("gtk") {
                let display = std::env::var("DISPLAY").unwrap_or_default();
                eprintln!(
                    "kindlab: cannot open a window: GTK could not open the display {display:?}; try kindlab sim"
                );
                std::process::exit(1);
            }
            std::panic::resume_unwind(payload);
        }
    }
    #[cfg(all(feature = "web", not(feature = "desktop")))]
    {
        // the loader fetched this language's content pack before starting the app
        let problems = web::install_loaded_packs();
        let mut cfg = dioxus::web::Config::new();
        if let Some(root) = web::mount_point() {
            cfg = cfg.rootelement(root);
        }
        let langs = web::browser_languages();
        let preferred = PreferredLang::from_tags(langs.iter().map(String::as_str));
        for p in problems {
            web_sys::console::error_1(&p.into());
        }
        dioxus::LaunchBuilder::web()
            .with_cfg(cfg)
            .with_context(preferred)
            .launch(App);
    }
    #[cfg(not(any(feature = "desktop", feature = "web")))]
    {
        eprintln!(
            "kindlab: this build has no window (it was built without the `desktop` feature); try kindlab sim"
        );
        std::process::exit(1);
    }
}

#[cfg(feature = "desktop")]
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}
