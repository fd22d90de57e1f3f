//! The lab's topology settings: the kind config and haproxy.cfg its world is built from.

use crate::lab::{self, Command, Topo};
use crate::ui::i18n::t;
use crate::ui::state::AppState;
use dioxus::prelude::*;

/// The lab's topology: the kind config and haproxy.cfg the world is built from. A bad file is
/// refused with kind's or HAProxy's message and line; the current world stays.
#[component]
pub(super) fn TopologySettings(on_done: EventHandler<()>) -> Element {
    let mut state = use_context::<AppState>();
    let current = state
        .lab
        .read()
        .as_ref()
        .map(|l| l.topo())
        .unwrap_or_else(Topo::chapter);
    let mut kind = use_signal(|| current.kind_config.clone());
    let mut haproxy = use_signal(|| current.haproxy_cfg.clone());
    let mut error = use_signal(|| None::<String>);
    // bumped when a preset fills the editors (uncontrolled: they remount with the new text)
    let mut version = use_signal(|| 0u32);
    rsx! {
        div { class: "card topology-settings", "data-testid": "topology-settings",
            div { class: "node-actions-head",
                strong { {t!("lab-topology-heading")} }
                button { class: "dismiss", "aria-label": t!("notice-dismiss"), onclick: move |_| on_done.call(()), "×" }
            }
            p { class: "muted", {t!("lab-topology-help")} }
            div { class: "quiz-actions",
                label { {t!("lab-topology-preset")} " "
                    select {
                        "data-testid": "topology-preset",
                        onchange: move |e| {
                            if let Some(t) = Topo::preset(&e.value()) {
                                kind.set(t.kind_config);
                                haproxy.set(t.haproxy_cfg);
                                version += 1;
                            }
                        },
                        option { value: "", {t!("lab-topology-choose")} }
                        for (id , cp , w) in lab::PRESETS.iter() {
                            option { value: "{id}", {t!("lab-topology-preset-n", cp: *cp, workers: *w)} }
                        }
                    }
                }
            }
            div { class: "config-grid",
                label { class: "stack",
                    span { "cluster01.yaml (kind)" }
                    // a key only remounts an element in a list: a list of one, keyed by version
                    for v in [version()] {
                        textarea {
                            key: "k{v}",
                            class: "config-editor",
                            "data-testid": "topology-kind",
                            spellcheck: "false",
                            rows: "14",
                            initial_value: "{kind}",
                            oninput: move |e| kind.set(e.value()),
                        }
                    }
                }
                label { class: "stack",
                    span { "haproxy.cfg" }
                    for v in [version()] {
                        textarea {
                            key: "h{v}",
                            class: "config-editor",
                            "data-testid": "topology-haproxy",
                            spellcheck: "false",
                            rows: "14",
                            initial_value: "{haproxy}",
                            oninput: move |e| haproxy.set(e.value()),
                        }
                    }
                }
            }
            if let Some(e) = error() {
                p { class: "cfg-msg alert", role: "alert", "data-testid": "topology-error", "{e}" }
            }
            div { class: "quiz-actions",
                button {
                    class: "button primary",
                    "data-testid": "topology-apply",
                    onclick: move |_| {
                        let topo = Topo { kind_config: kind.read().clone(), haproxy_cfg: haproxy.read().clone() };
                        match state.dispatch(Command::Rebuild(topo)).error {
                            None => {
                                error.set(None);
                                on_done.call(());
                            }
                            Some(e) => error.set(Some(e)),
                        }
                    },
                    {t!("lab-topology-apply")}
                }
            }
        }
    }
}
