//! The lab's clock: play/pause, speed, step to the next event, the virtual time.

use crate::lab::Command;
use crate::sim::time;
use crate::ui::i18n::t;
use crate::ui::state::AppState;
use dioxus::prelude::*;

/// Clock speeds offered (virtual seconds per real second).
const SPEEDS: &[u32] = &[1, 10, 60, 600];

/// Clock state shared by the parts of one lab view.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Clock {
    pub(super) playing: Signal<bool>,
    pub(super) speed: Signal<u32>,
}

/// Play/pause, speed, step to the next event, the virtual time.
#[component]
pub(super) fn ClockBar(
    clock: Clock,
    now: i64,
    viewing: Option<usize>,
    on_back: EventHandler<()>,
    compact: bool,
) -> Element {
    let mut state = use_context::<AppState>();
    let mut playing = clock.playing;
    let mut speed = clock.speed;
    let shown = time::clock(now.max(0));
    let stamp = time::rfc3339_secs(now.max(0));
    rsx! {
        div { class: "clock", role: "group", "aria-label": t!("lab-clock"),
            button {
                class: "button",
                "data-testid": "clock-play",
                "data-playing": if playing() { "true" } else { "false" },
                disabled: viewing.is_some(),
                "aria-pressed": if playing() { "true" } else { "false" },
                onclick: move |_| playing.set(!playing()),
                if playing() {
                    "⏸ "
                    {t!("lab-pause")}
                } else {
                    "▶ "
                    {t!("lab-play")}
                }
            }
            label { class: "speed",
                span { class: "sr-only", {t!("lab-speed")} }
                select {
                    "data-testid": "clock-speed",
                    "aria-label": t!("lab-speed"),
                    value: "{speed()}",
                    onchange: move |e| {
                        if let Ok(v) = e.value().parse() {
                            speed.set(v);
                        }
                    },
                    for s in SPEEDS.iter() {
                        option { value: "{s}", selected: speed() == *s, "{s}×" }
                    }
                }
            }
            button {
                class: "button",
                "data-testid": "clock-next",
                disabled: viewing.is_some(),
                title: t!("lab-next-title"),
                onclick: move |_| {
                    state.dispatch(Command::NextEvent);
                },
                "⇥ "
                {t!("lab-next")}
            }
            span { class: "clock-time", "data-testid": "clock-time", "data-ms": "{now}", title: "{stamp}",
                "{shown}"
            }
            if viewing.is_some() {
                span { class: "viewing", "data-testid": "lab-viewing",
                    {t!("lab-viewing")}
                    " "
                    button { class: "button", "data-testid": "lab-back-to-now", onclick: move |_| on_back.call(()), {t!("lab-back-to-now")} }
                }
            }
            if !compact {
                span { class: "muted small", {t!("lab-clock-help")} }
            }
        }
    }
}
