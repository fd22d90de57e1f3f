//! Dioxus components. They read state and send commands; no domain logic lives here.

mod i18n;
mod pages;
mod routes;
mod shell;
mod state;

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
        dioxus::LaunchBuilder::desktop().with_cfg(cfg).launch(App);
    }
    #[cfg(all(feature = "web", not(feature = "desktop")))]
    {
        dioxus::LaunchBuilder::web().launch(App);
    }
}
