//! The HAProxy configuration editor: `~/haproxy/haproxy.cfg` with HAProxy's messages by line.

use crate::lab::Command;
use crate::sim::verbs::Verb;
use crate::ui::i18n::t;
use crate::ui::state::AppState;
use dioxus::prelude::*;

/// `~/haproxy/haproxy.cfg`: edit, see HAProxy's messages by line, apply (the container restarts).
#[component]
pub(super) fn ConfigEditor(on_run: EventHandler<Command>) -> Element {
    let state = use_context::<AppState>();
    let initial = state
        .lab
        .peek()
        .as_ref()
        .and_then(|l| l.session.haproxy_config())
        .unwrap_or_default();
    let mut text = use_signal(|| initial);
    // bumped on revert: the editor is uncontrolled and remounts with the file's text
    let mut version = use_signal(|| 0u32);
    // the file, whether the container exists, HAProxy's verdict on the text: worked out as the
    // world or the text changes, redrawn only when one of them differs
    let view = use_memo(move || {
        let guard = state.lab.read();
        let l = guard.as_ref()?;
        Some((
            l.session.haproxy_config().unwrap_or_default(),
            l.session.has_haproxy_container(),
            l.session.check_haproxy_config(&text.read()),
        ))
    });
    let Some((current, has_lb, check)) = view() else {
        return rsx! {};
    };
    let lines: Vec<(usize, String)> = text
        .read()
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect();
    let unchanged = *text.read() == current;
    rsx! {
        div { class: "panel config", "data-testid": "panel-config",
            p { class: "panel-cmd", code { "~/haproxy/haproxy.cfg" } " " span { class: "muted", {t!("lab-config-help")} } }
            div { class: "config-grid",
                // a key only remounts an element in a list: a list of one, keyed by version
                for v in [version()] {
                    textarea {
                        key: "{v}",
                        class: "config-editor",
                        "data-testid": "config-editor",
                        spellcheck: "false",
                        rows: "18",
                        "aria-label": "haproxy.cfg",
                        initial_value: "{text}",
                        oninput: move |e| text.set(e.value()),
                    }
                }
                div { class: "config-lines", "aria-label": t!("lab-config-messages"), role: "region", tabindex: "0",
                    for (n , l) in lines.iter() {
                        {
                            let msgs: Vec<&crate::sim::inspect::ConfigLine> = check.lines.iter().filter(|m| m.line == Some(*n)).collect();
                            let flagged = !msgs.is_empty();
                            rsx! {
                                div { class: if flagged { "cfg-line flagged" } else { "cfg-line" },
                                    span { class: "cfg-n", "{n}" }
                                    code { "{l}" }
                                    for m in msgs {
                                        div {
                                            class: if m.severity == "ALERT" { "cfg-msg alert" } else { "cfg-msg warning" },
                                            "data-testid": "config-message",
                                            "data-line": "{n}",
                                            "data-severity": "{m.severity}",
                                            "{m.text}"
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div { class: "config-status",
                if check.ok {
                    span { class: "ok", "data-testid": "config-ok", "✓ " {t!("lab-config-ok")} }
                } else {
                    span { class: "bad", "data-testid": "config-bad", "✗ " {t!("lab-config-bad")} }
                }
                for m in check.lines.iter().filter(|m| m.line.is_none() && m.severity != "NOTICE") {
                    div { class: "cfg-msg warning", "data-testid": "config-message", "{m.text}" }
                }
            }
            div { class: "quiz-actions",
                button {
                    class: "button primary",
                    "data-testid": "config-apply",
                    disabled: unchanged && has_lb,
                    onclick: move |_| on_run.call(Command::Verb(Verb::ApplyHaproxyConfig(text.read().clone()))),
                    {t!("lab-config-apply")}
                }
                button {
                    class: "button",
                    "data-testid": "config-revert",
                    onclick: move |_| {
                        let cur = state.lab.read().as_ref().and_then(|l| l.session.haproxy_config()).unwrap_or_default();
                        text.set(cur);
                        version += 1;
                    },
                    {t!("lab-config-revert")}
                }
            }
        }
    }
}
