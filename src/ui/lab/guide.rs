//! Guided labs in the lab: the picker, the starter button of a lesson's widget, the panel of
//! steps with why a step is not done yet, its question and help.

use crate::content::model::{Lang, Text2};
use crate::lab::{guide, Command};
use crate::ui::i18n::t;
use crate::ui::state::AppState;
use dioxus::prelude::*;

/// Whether the guided labs' texts are in (the web loads them as a pack of their own; natively
/// they always are). False until they are: the component renders again then.
fn use_guide_texts() -> bool {
    crate::ui::state::use_content(vec![crate::content::Part::Guides])
}

/// A button that opens a guided lab in place.
#[component]
pub(super) fn GuideStarter(id: String) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let texts = use_guide_texts();
    let Some(def) = guide::find(&id).filter(|_| texts) else {
        return rsx! {};
    };
    let open = state
        .lab
        .read()
        .as_ref()
        .and_then(|l| l.doc.guide.clone())
        .as_deref()
        == Some(def.id);
    if open {
        return rsx! {};
    }
    rsx! {
        button {
            class: "button primary",
            "data-testid": "guide-start-{id}",
            onclick: move |_| {
                state.dispatch(Command::OpenGuide(id.clone()));
                crate::ui::doc::focus_first("#guide-heading");
            },
            "▶ "
            {def.title(lang)}
        }
    }
}

/// The guided labs to choose from.
#[component]
pub(super) fn GuidePicker() -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    if !use_guide_texts() {
        return rsx! {};
    }
    rsx! {
        div { class: "guide-picker",
            span { class: "muted", {t!("lab-guides")} " " }
            for id in guide::GUIDES.iter() {
                if let Some(def) = guide::find(id) {
                    button {
                        class: "button",
                        "data-testid": "guide-start-{id}",
                        onclick: move |_| {
                            state.dispatch(Command::OpenGuide(id.to_string()));
                            // the button goes away: the keyboard moves to the guide
                            crate::ui::doc::focus_first("#guide-heading");
                        },
                        "▶ "
                        {def.title(lang)}
                    }
                }
            }
        }
    }
}

/// A guided lab's steps: done ones ticked, the current one with why it is not done yet, its
/// question, and help (a hint, then the exact command).
#[component]
pub(super) fn GuidePanel(id: String, on_run: EventHandler<Command>) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let texts = use_guide_texts();
    // what the panel shows, worked out as the world changes (and when the guides' texts come
    // in: the answers' labels are theirs); redrawn only when it differs
    let shown = id.clone();
    let view = use_memo(use_reactive!(|(shown, texts)| {
        let id = shown;
        let def = guide::find(&id).filter(|_| texts)?;
        let guard = state.lab.read();
        let lab = guard.as_ref()?;
        let p = lab.doc.guides.get(&id).cloned()?;
        let s = &lab.session;
        // only the current step shows its command and answers
        let current = def.steps.get(p.done);
        Some(GuideView {
            why: p.why_not(def, s),
            command: current
                .map(|st| st.command_in(&p.facts, s))
                .unwrap_or_default(),
            options: def.options(p.done, s),
            tuning: guide::tuning_result(&p, s).filter(|_| id == "tuning"),
            p,
        })
    }));
    let Some(def) = guide::find(&id).filter(|_| texts) else {
        return rsx! {};
    };
    let Some(GuideView {
        p,
        why,
        command,
        options,
        tuning,
    }) = view()
    else {
        return rsx! {};
    };
    let finished = p.finished(def);
    rsx! {
        section { class: "guide card", "data-testid": "guide", "data-guide": "{id}", "data-done": "{p.done}",
            div { class: "node-actions-head",
                h2 { id: "guide-heading", tabindex: "-1", {def.title(lang)} }
                button {
                    class: "dismiss",
                    "aria-label": t!("lab-guide-close"),
                    title: t!("lab-guide-close"),
                    onclick: move |_| {
                        state.dispatch(Command::CloseGuide);
                    },
                    "×"
                }
            }
            p { class: "muted", {def.intro(lang)} }
            ol { class: "guide-steps",
                for (i , step) in def.steps.iter().enumerate() {
                    {
                        let done = i < p.done;
                        let current = i == p.done;
                        let hints = p.hints.get(&i).copied().unwrap_or(0);
                        let cmd = command.clone();
                        rsx! {
                            li {
                                class: if done { "guide-step done" } else if current { "guide-step current" } else { "guide-step" },
                                "data-testid": "lab-step-{i + 1}",
                                id: if current { "guide-current" },
                                tabindex: if current { "-1" },
                                "data-done": if done { "true" } else { "false" },
                                span { class: "step-mark", "aria-hidden": "true", if done { "✓" } else if current { "▸" } else { "○" } }
                                span { class: "step-title", "{def.step_title(i, &p.facts, lang)}" }
                                if done {
                                    span { class: "sr-only", {t!("lab-step-done")} }
                                }
                                if current {
                                    div { class: "step-body",
                                        if let Some(w) = why.as_ref() {
                                            p { class: "step-why", "data-testid": "lab-why", "{def.why_text(i, w, lang)}" }
                                        }
                                        if step.ask.is_some() {
                                            StepAsk { id: id.clone(), step: i, answer: p.answers.get(&i).cloned(), options: options.clone() }
                                        }
                                        StepHelp { step: i, hints, command: cmd.clone(), hint: def.hint(i, lang), has_command: !step.command.is_empty(), on_run }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if finished {
                p { class: "ok", "data-testid": "guide-finished", "✓ " {t!("lab-guide-finished")} }
            }
            if let Some(r) = tuning {
                TuningResult { r }
            }
        }
    }
}

/// The current step's question: a number to type, or answers to choose from.
#[component]
fn StepAsk(
    id: String,
    step: usize,
    answer: Option<String>,
    options: Vec<(String, Text2<String>)>,
) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let Some(def) = guide::find(&id) else {
        return rsx! {};
    };
    let i = step;
    if options.is_empty() {
        return rsx! {
            div { class: "step-ask",
                label {
                    strong { {def.prompt(i, lang)} }
                    " "
                    input {
                        r#type: "number",
                        step: "0.1",
                        min: "0",
                        class: "quiz-input predict",
                        "data-testid": "lab-predict",
                        initial_value: answer.clone().unwrap_or_default(),
                        onchange: move |e| {
                            state.dispatch(Command::Answer { step: i, answer: e.value() });
                        },
                    }
                }
            }
        };
    }
    rsx! {
        div { class: "step-ask", role: "radiogroup", "aria-label": def.prompt(i, lang),
            p { strong { {def.prompt(i, lang)} } }
            for (value , label) in options {
                label {
                    class: "ask-option",
                    input {
                        r#type: "radio",
                        name: "ask-{id}-{i}",
                        "data-testid": "lab-answer-{value}",
                        checked: answer.as_ref() == Some(&value),
                        onchange: {
                            let value = value.clone();
                            move |_| {
                                let out = state.dispatch(Command::Answer { step: i, answer: value.clone() });
                                // a done step's answers go away: the
                                // keyboard moves on with the guide
                                if out.steps_done.contains(&i) {
                                    crate::ui::doc::focus_first_of(&["#guide-current", "#guide-heading"]);
                                }
                            }
                        },
                    }
                    " {label.get(lang)}"
                }
            }
        }
    }
}

/// Help on the current step: first the hint, then the exact command (with a button to run it).
#[component]
fn StepHelp(
    step: usize,
    hints: u8,
    command: String,
    hint: String,
    has_command: bool,
    on_run: EventHandler<Command>,
) -> Element {
    let mut state = use_context::<AppState>();
    let i = step;
    let cmd = command.clone();
    rsx! {
        div { class: "quiz-actions",
            if hints < 2 && has_command {
                button {
                    class: "button",
                    "data-testid": "lab-hint",
                    onclick: move |_| {
                        state.dispatch(Command::Hint { step: i });
                    },
                    if hints == 0 { {t!("lab-hint")} } else { {t!("lab-hint-command")} }
                }
            }
        }
        if hints >= 1 {
            p { class: "step-hint", "data-testid": "lab-hint-text", {hint} }
        }
        if hints >= 2 {
            p { class: "step-command",
                code { "data-testid": "lab-hint-command", "$ {command}" }
                " "
                button {
                    class: "button",
                    "data-testid": "lab-run-hint",
                    onclick: move |_| on_run.call(Command::Run(cmd.clone())),
                    {t!("lab-run-it")}
                }
            }
        }
    }
}

/// What the tuning lab measured against what the learner predicted and what the rule says.
#[component]
fn TuningResult(r: guide::Tuning) -> Element {
    let mut state = use_context::<AppState>();
    rsx! {
        div { class: "tuning-result", "data-testid": "tuning-result", "data-measured-ms": "{r.measured_ms}",
            table { class: "quiz-topics",
                tbody {
                    tr {
                        td { {t!("tuning-predicted")} }
                        td { "data-testid": "tuning-predicted",
                            {r.predicted_s.map(|v| format!("{v:.1} s")).unwrap_or_else(|| "—".into())}
                        }
                    }
                    tr {
                        td { {t!("tuning-measured")} }
                        td { "data-testid": "tuning-measured", "{r.measured_ms as f64 / 1000.0:.1} s" }
                    }
                    tr {
                        td { {t!("tuning-rule", inter: r.inter_s, fall: r.fall)} }
                        td { "{r.rule_ms as f64 / 1000.0:.1} s + " {t!("tuning-wait", inter: r.inter_s)} }
                    }
                }
            }
            p { class: "muted", {t!("tuning-explain")} }
            button {
                class: "button",
                "data-testid": "tuning-again",
                onclick: move |_| {
                    state.dispatch(Command::RedrawTuning);
                },
                {t!("tuning-again")}
            }
        }
    }
}

/// What a guided lab's panel shows (see [`GuidePanel`]).
#[derive(Clone, PartialEq)]
pub(super) struct GuideView {
    p: guide::GuideProgress,
    why: Option<guide::Why>,
    /// The current step's exact command, for the second request for help.
    command: String,
    /// The current step's answers to choose from (empty: none, or a number to type).
    options: Vec<(String, Text2<String>)>,
    tuning: Option<guide::Tuning>,
}
