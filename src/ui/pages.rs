use super::routes::Route;
use super::state::AppState;
use crate::content::{self, Lang};
use dioxus::prelude::*;
use dioxus_i18n::t;

#[component]
pub fn Home() -> Element {
    let state = use_context::<AppState>();
    let lang: Lang = state.settings.read().lang.into();
    let b = content::bundle();
    let lessons = b.lessons_in(lang);
    let total = lessons.len();
    let progress = state.progress.read();
    let opened = b
        .order
        .iter()
        .filter(|s| progress.lessons_opened.contains(*s))
        .count();
    let read = b
        .order
        .iter()
        .filter(|s| progress.lessons_read.contains(*s))
        .count();
    let answered = progress.quiz_answers;
    // where to go on: the first lesson not read yet
    let next = lessons
        .iter()
        .find(|l| !progress.lessons_read.contains(&l.slug))
        .or(lessons.first())
        .map(|l| l.slug.clone());
    let pct = if total == 0 { 0 } else { read * 100 / total };
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
            if let Some(slug) = next {
                Link { class: "button primary", to: Route::Lesson { slug }, "data-testid": "home-continue",
                    if read == 0 { {t!("home-start")} } else { {t!("home-continue")} }
                }
            }
        }
        section {
            class: "card",
            "data-testid": "progress-summary",
            "data-lessons-opened": "{opened}",
            "data-lessons-read": "{read}",
            h2 { {t!("home-progress-heading")} }
            div { class: "progress-bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "{total}", "aria-valuenow": "{read}",
                div { class: "progress-fill", style: "width: {pct}%" }
            }
            p { {t!("home-progress-read", read: read, total: total)} }
            p { class: "muted", {t!("home-progress-lessons", done: opened, total: total)} }
            p { class: "muted", {t!("home-progress-quiz", answered: answered)} }
        }
        section { class: "lesson-cards",
            for (i , l) in lessons.iter().enumerate() {
                Link {
                    key: "{l.slug}",
                    class: if progress.lessons_read.contains(&l.slug) { "lesson-card read" } else { "lesson-card" },
                    to: Route::Lesson { slug: l.slug.clone() },
                    "data-testid": "home-lesson-{l.slug}",
                    span { class: "lesson-num", "{i + 1}" }
                    span { class: "lesson-card-body",
                        span { class: "lesson-card-title", "{l.title}" }
                        span { class: "lesson-card-summary", "{l.summary}" }
                        span { class: "lesson-card-meta",
                            {t!("lesson-minutes", minutes: l.minutes)}
                            if progress.lessons_read.contains(&l.slug) {
                                " · ✓ "
                                {t!("lesson-read")}
                            }
                        }
                    }
                }
            }
        }
    }
}

#[component]
pub fn Lesson(slug: String) -> Element {
    rsx! {
        super::lesson::LessonPage { slug }
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
