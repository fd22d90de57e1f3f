use super::routes::Route;
use super::state::AppState;
use crate::content::{lesson, LESSONS};
use dioxus::prelude::*;
use dioxus_i18n::t;

#[component]
pub fn Home() -> Element {
    let first = Route::Lesson {
        slug: LESSONS[0].slug.to_string(),
    };
    let total = LESSONS.len();
    let state = use_context::<AppState>();
    let progress = state.progress.read();
    let done = LESSONS
        .iter()
        .filter(|l| progress.lessons_opened.contains(l.slug))
        .count();
    let answered = progress.quiz_answers;
    rsx! {
        h1 { {t!("home-heading")} }
        p { class: "lead", {t!("home-intro")} }
        section { class: "card",
            h2 { {t!("home-what-you-do")} }
            ol {
                li { {t!("home-step-read")} }
                li { {t!("home-step-break")} }
                li { {t!("home-step-test")} }
            }
            Link { class: "button primary", to: first, {t!("home-start")} }
        }
        section {
            class: "card",
            "data-testid": "progress-summary",
            "data-lessons-opened": "{done}",
            h2 { {t!("home-progress-heading")} }
            p { {t!("home-progress-lessons", done: done, total: total)} }
            p { {t!("home-progress-quiz", answered: answered)} }
        }
    }
}

#[component]
pub fn Lesson(slug: String) -> Element {
    let mut state = use_context::<AppState>();
    let opened = slug.clone();
    use_effect(use_reactive!(|opened| if lesson(&opened).is_some() {
        state.mark_lesson_opened(&opened)
    }));
    match lesson(&slug) {
        Some(meta) => rsx! {
            p { class: "eyebrow", {t!("page-lesson-heading")} }
            h1 { {t!(meta.title_key)} }
            p { class: "muted", {t!("page-lesson-soon")} }
        },
        None => rsx! {
            h1 { {t!("page-notfound-heading")} }
            p { {t!("page-lesson-missing", slug: slug.clone())} }
            Link { to: Route::Home {}, {t!("page-notfound-home")} }
        },
    }
}

#[component]
pub fn Lab() -> Element {
    rsx! {
        h1 { {t!("page-lab-heading")} }
        p { class: "lead", {t!("page-lab-intro")} }
    }
}

#[component]
pub fn QuizIndex() -> Element {
    rsx! {
        h1 { {t!("page-quiz-heading")} }
        p { class: "lead", {t!("page-quiz-intro")} }
    }
}

#[component]
pub fn QuizItem(id: String) -> Element {
    rsx! {
        h1 { {t!("page-quiz-item-heading", id: id.clone())} }
    }
}

#[component]
pub fn Progress() -> Element {
    rsx! {
        h1 { {t!("page-progress-heading")} }
        p { class: "lead", {t!("page-progress-intro")} }
    }
}

#[component]
pub fn NotFound(segments: Vec<String>) -> Element {
    rsx! {
        h1 { {t!("page-notfound-heading")} }
        p { {t!("page-notfound-body")} }
        Link { to: Route::Home {}, {t!("page-notfound-home")} }
    }
}
