//! Learning moments inside a lesson: checkpoints (quiz questions asked right after their idea,
//! answered through the quiz layer like any other answer) and predictions (the learner commits
//! to a guess, then sees what the simulator showed beside it). Render and dispatch only: the
//! rules are the quiz layer's (`quiz::Command::Checkpoint`, `quiz::Command::Predict`,
//! `quiz::predict`) and the lab's (`lab::predict`, which runs the simulator).

use super::doc;
use super::i18n::t;
use super::icons::{Glyph, Icon};
use super::quiz::QuizQuestion;
use super::routes::Route;
use super::state::{use_content, AppState};
#[cfg(has_lab)]
use super::widgets::Edition;
use crate::content::model::{Observed, Predict};
use crate::content::{self, Part};
use crate::quiz::{self, Command};
use dioxus::prelude::*;

/// A ```` ```kindlab-checkpoint ```` block: each of its questions, answerable in place.
#[component]
pub fn CheckpointWidget(questions: Vec<String>) -> Element {
    let state = use_context::<AppState>();
    let _rev = state.content_rev.read();
    let b = content::bundle();
    let mut parts: Vec<Part> = vec![];
    for q in &questions {
        if let Some(id) = b.quiz_of(q) {
            let part = Part::Quiz(id.to_string());
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
    }
    // the web loads the questions' quizzes with the lesson's page (or now, when they are not in)
    let ready = use_content(parts);
    rsx! {
        for id in questions {
            div {
                key: "{id}",
                class: "widget checkpoint",
                "data-testid": "checkpoint",
                "data-question": "{id}",
                "aria-busy": if ready { "false" } else { "true" },
                p { class: "widget-title", Glyph { icon: Icon::Pencil } " " {t!("checkpoint-title")} }
                if ready {
                    CheckpointQuestion { id: id.clone() }
                } else {
                    p { class: "muted", {t!("content-loading")} }
                }
            }
        }
    }
}

/// One checkpoint question: its own run once answered, else the run it would start.
#[component]
fn CheckpointQuestion(id: String) -> Element {
    let state = use_context::<AppState>();
    let key = quiz::checkpoint_key(&id);
    let saved = state.progress.read().runs.get(&key).cloned();
    let run = saved.or_else(|| {
        state
            .quizzes
            .read()
            .question(&id)
            .map(|q| quiz::checkpoint_run(&q, 0))
    });
    match run {
        Some(run) => rsx! {
            QuizQuestion { id: key, run, inline: true, checkpoint: true }
        },
        None => rsx! {
            p { class: "muted", {t!("quiz-question-missing", id: id.clone())} }
        },
    }
}

/// The slug of the lesson on screen (predictions are recorded per lesson).
fn lesson_slug() -> String {
    match try_consume_context::<dioxus::router::RouterContext>().map(|r| r.current::<Route>()) {
        Some(Route::Lesson { slug }) => slug,
        _ => String::new(),
    }
}

/// What the simulator shows for `p`: as computed when the site was built, else (where the lab
/// runs) now.
fn observation(p: &Predict) -> Option<Observed> {
    if let Some(o) = &p.observed {
        return Some(o.clone());
    }
    #[cfg(has_lab)]
    if Edition::current().has_lab() {
        return crate::lab::predict::observe(&p.run, &p.observe).ok();
    }
    None
}

/// A ```` ```kindlab-predict ```` block: the question and its choices; once committed, the
/// learner's guess beside what the simulator showed, and why.
#[component]
pub fn PredictWidget(p: Predict) -> Element {
    let mut state = use_context::<AppState>();
    let key = quiz::predict::key(&lesson_slug(), &p.id);
    let committed = state.progress.read().predictions.get(&key).cloned();
    let mut picked = use_signal(|| None::<usize>);
    // a guess saved earlier shows its result at once (read now where the lab runs, else as
    // pre-rendered); a new one reads it when the learner commits
    let was_committed = committed.is_some();
    let first = p.clone();
    let mut observed = use_signal(move || {
        if was_committed {
            observation(&first)
        } else {
            first.observed.clone()
        }
    });
    let prefix = format!("predict-{}", p.id);
    let commit_p = p.clone();
    let commit_key = key.clone();
    let commit = move |_| {
        let Some(i) = picked() else {
            return;
        };
        let Some(choice) = commit_p.choices.get(i) else {
            return;
        };
        let o = observed.peek().clone().or_else(|| observation(&commit_p));
        let Some(o) = o else {
            return;
        };
        state.quiz(Command::Predict {
            key: commit_key.clone(),
            choice: choice.value.clone(),
            observed: o.value.clone(),
        });
        observed.set(Some(o));
    };
    let guess_at = committed
        .as_ref()
        .and_then(|c| p.choices.iter().position(|x| x.value == c.choice));
    let chosen = guess_at.or(picked());
    rsx! {
        div {
            class: "widget predict",
            "data-testid": "predict",
            "data-predict": "{p.id}",
            "data-committed": if committed.is_some() { "true" } else { "false" },
            p { class: "widget-title", Glyph { icon: Icon::Play } " " {t!("predict-title")} }
            div { class: "predict-ask", id: "{prefix}-ask", {doc::blocks(&p.ask)} }
            div { class: "predict-choices", role: "radiogroup", "aria-labelledby": "{prefix}-ask",
                for (k , c) in p.choices.iter().enumerate() {
                    label {
                        key: "{k}",
                        class: if chosen == Some(k) { "predict-choice picked" } else { "predict-choice" },
                        "data-testid": "predict-choice-{k + 1}",
                        input {
                            r#type: "radio",
                            name: "{prefix}",
                            checked: chosen == Some(k),
                            disabled: committed.is_some(),
                            onchange: move |_| picked.set(Some(k)),
                        }
                        span { class: "opt-text", {doc::blocks(&c.label)} }
                    }
                }
            }
            if let Some(c) = committed.as_ref() {
                {predict_result(&p, c, guess_at, observed.read().as_ref())}
            } else {
                div { class: "quiz-actions",
                    button {
                        class: "button primary",
                        "data-testid": "predict-commit",
                        disabled: picked().is_none(),
                        onclick: commit,
                        {t!("predict-commit")}
                    }
                    span { class: "muted", {t!("predict-hint")} }
                }
            }
        }
    }
}

/// The guess beside the simulator's result, right or wrong, and the explanation.
fn predict_result(
    p: &Predict,
    c: &quiz::progress::Prediction,
    guess_at: Option<usize>,
    observed: Option<&Observed>,
) -> Element {
    let guess = guess_at.and_then(|i| p.choices.get(i));
    let shown_at = observed.and_then(|o| {
        quiz::predict::matching(p.choices.iter().map(|c| c.value.as_str()), &o.value)
            .first()
            .copied()
    });
    let shown = shown_at.and_then(|i| p.choices.get(i));
    rsx! {
        div {
            class: if c.correct { "predict-result ok" } else { "predict-result bad" },
            "data-testid": "predict-result",
            "data-correct": if c.correct { "true" } else { "false" },
            role: "status",
            p { class: "verdict",
                if c.correct {
                    "✓ "
                    {t!("predict-right")}
                } else {
                    "✗ "
                    {t!("predict-wrong")}
                }
            }
            div { class: "predict-compare",
                div { class: "predict-side", "data-testid": "predict-guess",
                    p { class: "predict-label", {t!("predict-your-guess")} }
                    if let Some(g) = guess {
                        {doc::blocks(&g.label)}
                    }
                }
                div { class: "predict-side", "data-testid": "predict-observed",
                    p { class: "predict-label", {t!("predict-simulator")} }
                    if let Some(s) = shown {
                        {doc::blocks(&s.label)}
                    } else if observed.is_none() {
                        p { class: "muted", {t!("predict-no-result")} }
                    }
                    if let Some(o) = observed {
                        if !o.lines.is_empty() {
                            pre { class: "predict-lines", tabindex: "0",
                                code {
                                    for l in o.lines.iter() {
                                        "{l}\n"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div { class: "predict-explain", {doc::blocks(&p.explain)} }
        }
    }
}
