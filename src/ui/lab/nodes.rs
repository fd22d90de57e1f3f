//! A node's actions, opened by clicking it in the diagram: the simulator's verbs for it.

use crate::lab::Command;
use crate::sim::verbs::{node_verbs, Verb};
use crate::ui::i18n::t;
use crate::ui::state::AppState;
use dioxus::prelude::*;

/// The actions of a node clicked in the diagram: each is the command a learner could type.
#[component]
pub(super) fn NodeActions(
    name: String,
    on_run: EventHandler<Command>,
    on_close: EventHandler<()>,
) -> Element {
    let state = use_context::<AppState>();
    // redrawn when this node changes, not on every step of the clock
    let node = use_memo(use_reactive!(|name| {
        state
            .lab
            .read()
            .as_ref()
            .and_then(|l| l.topology().node(&name).cloned())
    }));
    let Some(n) = node() else {
        return rsx! {};
    };
    // which actions the node offers, and the commands they stand for, are the simulator's
    let actions: Vec<(&'static str, String, String, Option<String>, Verb)> = node_verbs(&n)
        .into_iter()
        .map(|v| {
            let label = match &v {
                Verb::StopKubelet(_) => t!("action-stop-kubelet"),
                Verb::StartKubelet(_) => t!("action-start-kubelet"),
                Verb::StopNode(_) => t!("action-stop-node"),
                Verb::StartNode(_) => t!("action-start-node"),
                Verb::Cordon(_) => t!("action-cordon"),
                Verb::Uncordon(_) => t!("action-uncordon"),
                Verb::DeletePod { pod, .. } => t!("action-delete-pod", pod: pod.clone()),
                Verb::ApplyHaproxyConfig(_) => t!("lab-config-apply"),
                Verb::LabelIngressReady { .. } => t!("action-label-ingress-ready"),
                Verb::Untaint { taint, .. } => t!("action-untaint", taint: taint.clone()),
            };
            let pod = match &v {
                Verb::DeletePod { pod, .. } => Some(pod.clone()),
                _ => None,
            };
            (v.id(), label, v.command_lines().join("\n"), pod, v)
        })
        .collect();
    rsx! {
        div { class: "node-actions", role: "dialog", "aria-label": "{name}", "data-testid": "node-actions",
            div { class: "node-actions-head",
                strong { "{name}" }
                span { class: "muted", " · {n.status} · {n.ip}" }
                button { class: "dismiss", "aria-label": t!("notice-dismiss"), onclick: move |_| on_close.call(()), "×" }
            }
            div { class: "node-actions-list",
                for (i , (id , label , shown , pod , verb)) in actions.into_iter().enumerate() {
                    {
                        rsx! {
                            button {
                                class: "button",
                                "data-testid": "action-{id}",
                                "data-pod": pod,
                                title: "{shown}",
                                // the dialog takes the focus: Enter on a node, then Enter runs its
                                // first action, Tab goes through the others
                                onmounted: move |e: MountedEvent| async move {
                                    if i == 0 {
                                        let _ = e.set_focus(true).await;
                                    }
                                },
                                onclick: move |_| on_run.call(Command::Verb(verb.clone())),
                                "{label}"
                                code { class: "action-cmd", "{shown}" }
                            }
                        }
                    }
                }
            }
        }
    }
}
