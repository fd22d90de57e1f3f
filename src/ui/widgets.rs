//! What a lesson embeds, per edition. The full edition (desktop, the web's lab pages) runs the
//! simulator; the web's reader edition has none: it shows diagrams drawn when the site was
//! built, and its lab widgets load the full edition when the learner starts them.

use super::i18n::t;
use super::icons::{Glyph, Icon};
use super::routes::{href, Route};
use super::state::AppState;
use super::web::{self, Intent};
use dioxus::prelude::*;

/// Which edition of the app is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edition {
    /// Everything: the desktop app, the web's lab pages.
    Full,
    /// The web's reader edition: lessons, quizzes and progress, no simulator.
    Reader,
}

impl Edition {
    /// The edition of this build, unless the tree says otherwise (the pre-renderer renders
    /// reader pages with a full build).
    pub fn current() -> Edition {
        try_consume_context::<Edition>().unwrap_or(if cfg!(has_lab) {
            Edition::Full
        } else {
            Edition::Reader
        })
    }

    /// Whether the simulator and the lab run here.
    pub fn has_lab(self) -> bool {
        cfg!(has_lab) && self == Edition::Full
    }
}

/// Opens the lab with `intent` (commands to run, a guide). In the reader edition the lab page
/// is a placeholder that loads the full edition, which finds the intent.
pub(super) fn open_lab(state: &mut AppState, nav: dioxus::router::Navigator, intent: Intent) {
    if Edition::current().has_lab() {
        if intent.lab_commands.is_some() {
            state.lab_commands.set(intent.lab_commands);
        }
        if intent.lab_guide.is_some() {
            state.lab_guide.set(intent.lab_guide);
        }
    } else {
        web::upgrade_later(&intent);
    }
    nav.push(Route::Lab {});
}

/// A ```` ```kindlab-topology ```` diagram: as drawn when the site was built, else (desktop)
/// computed by the simulator after the lesson has painted.
#[component]
pub fn TopologyWidget(caption: String, commands: Vec<String>, drawn: String) -> Element {
    if !drawn.is_empty() {
        // `drawn` is the app's own diagram component rendered at build time (text escaped by
        // the renderer), not anything a content file wrote
        return rsx! {
            div { class: "drawn", dangerous_inner_html: "{drawn}" }
        };
    }
    #[cfg(has_lab)]
    if Edition::current().has_lab() {
        return rsx! {
            super::topology::LiveTopology { caption, commands }
        };
    }
    let _ = commands;
    rsx! {
        figure { class: "widget topology-widget pending",
            div { class: "topology-placeholder" }
            figcaption { span { class: "caption", "{caption}" } }
        }
    }
}

/// A ```` ```kindlab-lab ```` widget: the lab itself, or (reader edition) its place and a button
/// that loads it here.
#[component]
pub fn LabWidget(caption: String, commands: String, guide: Option<String>) -> Element {
    #[cfg(has_lab)]
    if Edition::current().has_lab() {
        return rsx! {
            super::lab::LabWidget { caption, commands, guide }
        };
    }
    let mut state = use_context::<AppState>();
    let nav = navigator();
    let caption = if caption.is_empty() {
        t!("widget-lab-title")
    } else {
        caption
    };
    let open = Intent {
        lab_commands: (!commands.is_empty()).then(|| commands.clone()),
        lab_guide: guide.clone(),
    };
    rsx! {
        div { class: "widget lab-widget reader", "data-testid": "widget-lab",
            div { class: "widget-head",
                p { class: "widget-title", Glyph { icon: Icon::Keyboard } " {caption}" }
                a {
                    class: "button",
                    href: href(&Route::Lab {}),
                    "data-testid": "widget-lab-open",
                    onclick: move |e: MouseEvent| {
                        e.prevent_default();
                        open_lab(&mut state, nav, open.clone());
                    },
                    {t!("widget-lab-open")}
                }
            }
            div { class: "lab-pending",
                p { class: "muted", {t!("widget-lab-pending")} }
                button {
                    class: "button primary",
                    "data-testid": "widget-lab-start",
                    // the live widget has its commands and guide already
                    onclick: move |_| {
                        web::upgrade_here(&Intent::default());
                    },
                    Glyph { icon: Icon::Play }
                    " "
                    {t!("widget-lab-start")}
                }
            }
        }
    }
}

/// The lab page of the reader edition: the full edition is on its way (the pre-rendered lab
/// page stays on screen while it loads, when the learner came straight here).
#[component]
pub fn LabLoading() -> Element {
    use_effect(|| {
        web::upgrade(&Intent::default());
    });
    rsx! {
        div { class: "lab-loading", "data-testid": "lab-loading", role: "status", "aria-live": "polite",
            h1 { {t!("page-lab-heading")} }
            p { class: "muted", {t!("lab-loading")} }
        }
    }
}
