//! Taking a quiz: the start panel (practice or exam, shuffle), one question at a time, feedback
//! (practice) or results and review (exam), "retry only the ones I missed". Keyboard: 1–9 pick
//! an option, ↑/↓ move between options, Enter submits and continues. Results are announced in a
//! live region. The run lives in the progress document and is saved after every answer.

use crate::content::model::{Choice, Lang, Question, QuestionKind, Short};
use crate::content::{self};
use crate::quiz::{self, Command, Mode, Response, Run};
use crate::store::now_ms;
use crate::ui::doc;
use crate::ui::i18n::t;
use crate::ui::icons::{Glyph, Icon};
use crate::ui::routes::Route;
use crate::ui::state::AppState;
use dioxus::prelude::*;
use std::rc::Rc;

use crate::quiz::catalog::{GENERATED, REVIEW};

mod question;
mod results;

pub(crate) use question::QuizQuestion;
use results::QuizResults;

/// The question with this id (from the content, or generated from the simulator).
pub(super) fn question(id: &str) -> Option<Rc<Question>> {
    consume_context::<AppState>().quizzes.read().question(id)
}

/// The title of a quiz id in `lang`.
pub(super) fn quiz_title(id: &str, lang: Lang) -> String {
    match id {
        REVIEW => t!("quiz-review-title"),
        GENERATED => t!("quiz-generated-title"),
        _ => content::bundle()
            .quiz(id)
            .map(|q| q.title.get(lang).clone())
            .unwrap_or_else(|| id.to_string()),
    }
}

/// The `kindlab-quiz` widget: the quiz inline, in practice mode.
#[component]
pub fn QuizWidget(id: String) -> Element {
    // the web loads the quiz's questions with the lesson's page (or now, when they are not in)
    if !super::state::use_content(vec![content::Part::Quiz(id.clone())]) {
        return rsx! {
            div { class: "widget quiz-widget", "data-testid": "widget-quiz", "data-quiz": "{id}", "aria-busy": "true",
                p { class: "muted", {t!("content-loading")} }
            }
        };
    }
    rsx! {
        div { class: "widget quiz-widget", "data-testid": "widget-quiz", "data-quiz": "{id}",
            QuizRunner { id: id.clone(), inline: true }
        }
    }
}

/// A whole quiz: start panel, questions, results.
#[component]
pub fn QuizRunner(id: String, #[props(default)] inline: bool) -> Element {
    let state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let run = state.progress.read().runs.get(&id).cloned();
    let title = quiz_title(&id, lang);
    // a plain mdbook-quiz file has no Chinese text: say so on the Chinese side
    let english_only = lang == Lang::Zh
        && !matches!(id.as_str(), REVIEW | GENERATED)
        && content::bundle().quiz(&id).is_some_and(|q| q.english_only);
    rsx! {
        section {
            class: if inline { "quiz inline" } else { "quiz" },
            "data-testid": "quiz",
            "data-quiz": "{id}",
            if inline {
                p { class: "widget-title", Glyph { icon: Icon::Pencil } " {title}" }
            }
            if english_only {
                p { class: "muted quiz-english-only", "data-testid": "quiz-english-only",
                    {t!("quiz-english-only")}
                }
            }
            match run {
                None => rsx! {
                    QuizStart { id: id.clone(), inline }
                },
                Some(run) if run.is_finished() => rsx! {
                    QuizResults { id: id.clone(), run, inline }
                },
                Some(run) => rsx! {
                    QuizQuestion { id: id.clone(), run, inline }
                },
            }
        }
    }
}

/// Choose practice or exam, and whether to shuffle the questions.
#[component]
fn QuizStart(id: String, inline: bool) -> Element {
    let mut state = use_context::<AppState>();
    let mut mode = use_signal(|| Mode::Practice);
    let mut shuffle = use_signal(|| false);
    let mut empty = use_signal(|| false);
    let count = state
        .quizzes
        .read()
        .count(&id, &state.progress.read().cards, now_ms());
    let best = state.progress.read().best(&id);
    let start_id = id.clone();
    let start = move |_| {
        let out = state.quiz(Command::Start {
            quiz: start_id.clone(),
            mode: mode(),
            shuffle: shuffle(),
            // the run a pre-rendered page previewed, when the learner started it there
            seed: crate::ui::web::preview_seed().unwrap_or_else(|| now_ms() as u64),
        });
        empty.set(out.nothing_to_ask);
    };
    rsx! {
        div { class: "quiz-start",
            p { class: "muted",
                {t!("quiz-count", n: count)}
                if let Some((c, n)) = best {
                    " · "
                    {t!("quiz-best", correct: c, total: n)}
                }
            }
            if id == REVIEW && count == 0 {
                p { "data-testid": "quiz-review-empty", {t!("quiz-review-none")} }
            } else {
                if !inline {
                    fieldset { class: "quiz-modes",
                        legend { {t!("quiz-mode")} }
                        label {
                            input {
                                r#type: "radio",
                                name: "mode-{id}",
                                "data-testid": "quiz-mode-practice",
                                checked: mode() == Mode::Practice,
                                onchange: move |_| mode.set(Mode::Practice),
                            }
                            " "
                            strong { {t!("quiz-practice")} }
                            " — "
                            {t!("quiz-practice-help")}
                        }
                        label {
                            input {
                                r#type: "radio",
                                name: "mode-{id}",
                                "data-testid": "quiz-mode-exam",
                                checked: mode() == Mode::Exam,
                                onchange: move |_| mode.set(Mode::Exam),
                            }
                            " "
                            strong { {t!("quiz-exam")} }
                            " — "
                            {t!("quiz-exam-help")}
                        }
                        label {
                            input {
                                r#type: "checkbox",
                                "data-testid": "quiz-shuffle",
                                checked: shuffle(),
                                onchange: move |e| shuffle.set(e.checked()),
                            }
                            " "
                            {t!("quiz-shuffle")}
                        }
                    }
                }
                button {
                    class: "button primary",
                    "data-testid": "quiz-start",
                    onclick: start,
                    {t!("quiz-start")}
                }
                if empty() {
                    p { class: "muted", {t!("quiz-review-none")} }
                }
            }
        }
    }
}

/// Moves keyboard focus to an element by id (waiting a few frames for it to be rendered).
pub(super) fn focus(id: &str) {
    let e = document::eval(
        "const id = await dioxus.recv(); for (let i = 0; i < 30; i++) { const el = document.getElementById(id); if (el) { el.focus(); return; } await new Promise(r => requestAnimationFrame(r)); }",
    );
    let _ = e.send(id.to_string());
}

/// A topic id in words.
pub(super) fn topic_name(topic: &str) -> String {
    match topic {
        "kind" => t!("topic-kind"),
        "haproxy-config" => t!("topic-haproxy-config"),
        "traffic" => t!("topic-traffic"),
        "health-checks" => t!("topic-health-checks"),
        "kubelet-failure" => t!("topic-kubelet-failure"),
        "cleanup" => t!("topic-cleanup"),
        "storage" => t!("topic-storage"),
        other => other.to_string(),
    }
}
