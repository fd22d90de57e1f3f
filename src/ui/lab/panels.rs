//! The lab's panels: HAProxy's log, nodes and pods (live or at a snapshot), the timeline to
//! scrub back through, the export.

use crate::lab;
use crate::sim::time;
use crate::ui::doc::copy_text;
use crate::ui::i18n::t;
use crate::ui::state::AppState;
use dioxus::prelude::*;

/// HAProxy's log, `kubectl get nodes`, `kubectl get pods -A -o wide`, live (or at a snapshot).
#[component]
pub(super) fn LivePanel(which: String, snapshot: Option<usize>) -> Element {
    let state = use_context::<AppState>();
    let (cmd, testid) = match which.as_str() {
        "nodes" => ("kubectl get nodes", "panel-nodes"),
        "pods" => ("kubectl get pods -A -o wide", "panel-pods"),
        _ => ("docker logs HAProxy-workers-lb", "panel-log"),
    };
    // the output is worked out as the world changes; the panel is redrawn only when it differs
    let out = use_memo(use_reactive!(|(cmd, snapshot)| {
        let guard = state.lab.read();
        let lab = guard.as_ref()?;
        let s = match snapshot.and_then(|i| lab.snapshots.get(i)) {
            Some((_, s)) => s,
            None => &lab.session,
        };
        // read-only: looking changes nothing and copies nothing
        s.show(cmd)
    }));
    let Some(out) = out() else {
        return rsx! {};
    };
    rsx! {
        div { class: "panel", "data-testid": "{testid}",
            p { class: "panel-cmd", code { "$ {cmd}" } }
            pre { class: "panel-out", tabindex: "0", "{out}" }
        }
    }
}

/// Every command and change, newest first; choosing one shows the world just after it.
#[component]
pub(super) fn Timeline(viewing: Option<usize>, on_view: EventHandler<Option<usize>>) -> Element {
    let state = use_context::<AppState>();
    // redrawn when an event is added, not on every step of the clock
    let revision = use_memo(move || state.lab.read().as_ref().map(|l| l.revisions().timeline));
    let _ = revision();
    let guard = state.lab.peek();
    let Some(lab) = guard.as_ref() else {
        return rsx! {};
    };
    let events: Vec<lab::Event> = lab.events.iter().rev().take(200).cloned().collect();
    let last = lab.snapshots.len().saturating_sub(1);
    drop(guard);
    rsx! {
        div { class: "panel timeline", "data-testid": "panel-timeline",
            if events.is_empty() {
                p { class: "muted", {t!("lab-timeline-empty")} }
            }
            input {
                r#type: "range",
                min: "0",
                max: "{last}",
                value: "{viewing.unwrap_or(last)}",
                "aria-label": t!("lab-timeline-scrub"),
                "data-testid": "timeline-scrub",
                oninput: move |e| {
                    if let Ok(i) = e.value().parse::<usize>() {
                        on_view.call(if i >= last { None } else { Some(i) });
                    }
                },
            }
            ol { class: "events",
                for e in events.into_iter() {
                    li {
                        class: if viewing == Some(e.snapshot) { "event active" } else if e.command { "event command" } else { "event change" },
                        button {
                            class: "event-button",
                            "data-testid": "timeline-event",
                            onclick: move |_| on_view.call(Some(e.snapshot)),
                            span { class: "event-time", "{time::clock(e.at.max(0))}" }
                            if e.command {
                                code { "$ {e.text}" }
                            } else {
                                span { "{e.text}" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The export: the script, to copy or download.
#[component]
pub(super) fn ExportPanel(script: String, on_close: EventHandler<()>) -> Element {
    let s2 = script.clone();
    let s3 = script.clone();
    rsx! {
        div { class: "export card", "data-testid": "lab-export-panel",
            div { class: "node-actions-head",
                strong { {t!("lab-export-heading")} }
                button { class: "dismiss", "aria-label": t!("notice-dismiss"), onclick: move |_| on_close.call(()), "×" }
            }
            p { class: "muted", {t!("lab-export-help")} }
            div { class: "quiz-actions",
                button { class: "button", "data-testid": "lab-export-copy", onclick: move |_| copy_text(&s2), {t!("code-copy")} }
                button { class: "button", "data-testid": "lab-export-save", onclick: move |_| { crate::ui::progress::download("kindlab-lab.sh", &s3); }, {t!("lab-export-save")} }
            }
            pre { class: "export-script", "data-testid": "lab-export-script", tabindex: "0", "{script}" }
        }
    }
}
