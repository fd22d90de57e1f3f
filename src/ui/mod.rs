//! Dioxus components. They read state and send commands; no domain logic lives here.

mod doc;
pub(crate) mod i18n;
mod lab;
mod lesson;
mod pages;
mod progress;
mod quiz;
mod routes;
mod search;
mod shell;
mod state;
mod terminal;
mod topology;

pub use i18n::{i18n_config, lang_id};
pub use routes::Route;
pub use state::{AppState, StoreBackend};

use dioxus::prelude::*;

/// The one stylesheet, compiled into the binary (no dx CLI, no runtime asset lookup).
pub const STYLE: &str = include_str!("../../assets/kindlab.css");

/// The root component: settings, i18n and the router.
#[component]
pub fn App() -> Element {
    let state = state::use_app_state_provider();
    let lang = state.settings.peek().lang;
    dioxus_i18n::prelude::use_init_i18n(move || i18n_config(lang));
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
        let started = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            dioxus::LaunchBuilder::desktop().with_cfg(cfg).launch(App)
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
        dioxus::LaunchBuilder::web().launch(App);
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
