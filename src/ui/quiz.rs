//! Quizzes in the page.

use super::routes::Route;
use crate::content;
use dioxus::prelude::*;
use dioxus_i18n::t;

/// The ```` ```kindlab-quiz ```` widget: a card leading to the quiz.
#[component]
pub fn QuizWidget(id: String) -> Element {
    let state = use_context::<super::state::AppState>();
    let lang: content::Lang = state.settings.read().lang.into();
    let quiz = content::bundle().quiz(&id);
    let title = quiz
        .map(|q| q.title.get(lang).clone())
        .unwrap_or_else(|| id.clone());
    let n = quiz.map(|q| q.questions.len()).unwrap_or(0);
    rsx! {
        div { class: "widget quiz-link", "data-testid": "widget-quiz", "data-quiz": "{id}",
            p { class: "widget-title", "✎ {title}" }
            p { class: "muted", {t!("widget-quiz-count", n: n)} }
            Link { class: "button primary", to: Route::QuizItem { id: id.clone() }, {t!("widget-quiz-open")} }
        }
    }
}
