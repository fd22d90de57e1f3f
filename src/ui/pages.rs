use super::i18n::t;
use super::routes::Route;
use super::state::AppState;
use crate::content::{self, Lang};
use dioxus::prelude::*;

#[component]
pub fn Home() -> Element {
    let state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let b = content::bundle();
    let lessons = b.lessons_in(lang);
    let total = lessons.len();
    let progress = state.progress.read();
    let sum = progress.summary(&b.order, crate::store::now_ms());
    let (opened, read, answered, due) = (sum.opened, sum.read, sum.answered, sum.due);
    // where to go on: the first lesson not read yet
    let next = sum
        .next_unread
        .or_else(|| lessons.first().map(|l| l.slug.clone()));
    let pct = (read * 100).checked_div(total).unwrap_or(0);
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
        p { class: "home-begin", "data-testid": "home-begin",
            Link { to: Route::Start {}, "data-testid": "home-start-page", {t!("home-before-begin")} }
            Link { to: Route::Glossary {}, "data-testid": "home-glossary", {t!("home-glossary")} }
        }
        section {
            class: "card",
            "data-testid": "progress-summary",
            "data-lessons-opened": "{opened}",
            "data-lessons-read": "{read}",
            h2 { {t!("home-progress-heading")} }
            div {
                class: "progress-bar",
                role: "progressbar",
                "aria-label": t!("home-progress-heading"),
                "aria-valuemin": "0",
                "aria-valuemax": "{total}",
                "aria-valuenow": "{read}",
                div { class: "progress-fill", style: "width: {pct}%" }
            }
            p { {t!("home-progress-read", read: read, total: total)} }
            p { class: "muted", {t!("home-progress-lessons", done: opened, total: total)} }
            p { class: "muted", {t!("home-progress-quiz", answered: answered)} }
        }
        Link {
            class: if due > 0 { "quiz-card due home-review" } else { "quiz-card home-review" },
            to: Route::QuizItem { id: crate::quiz::catalog::REVIEW.into() },
            "data-testid": "home-review",
            "data-due": "{due}",
            span { class: "quiz-card-title", "↻ " {t!("quiz-review-title")} }
            span { class: "quiz-card-meta", {t!("quiz-due-count", n: due)} }
        }
        super::challenges::ChallengeList {}
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
    #[cfg(has_lab)]
    if super::Edition::current().has_lab() {
        return rsx! {
            super::lab::LabPage {}
        };
    }
    rsx! {
        super::widgets::LabLoading {}
    }
}

/// `/challenge/ID`: a break-fix challenge beside its own lab (the web's full edition).
#[component]
pub fn ChallengeItem(id: String) -> Element {
    #[cfg(has_lab)]
    if super::Edition::current().has_lab() {
        return rsx! {
            super::lab::ChallengePage { key: "{id}", id: id.clone() }
        };
    }
    rsx! {
        super::widgets::LabLoading {}
    }
}

#[component]
pub fn QuizIndex() -> Element {
    let state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let b = content::bundle();
    let progress = state.progress.read();
    let due = progress.summary(&b.order, crate::store::now_ms()).due;
    // the chapter's quiz first, then the others in lesson order
    let mut quizzes: Vec<&content::Quiz> = b.quizzes.iter().collect();
    let rank = |q: &content::Quiz| {
        if q.id == "chapter" {
            0
        } else {
            b.position(&q.id).map(|i| i + 1).unwrap_or(usize::MAX)
        }
    };
    kindlab_content::sort::by_key(&mut quizzes, |q| (rank(q), q.id.clone()));
    rsx! {
        h1 { {t!("page-quiz-heading")} }
        p { class: "lead", {t!("page-quiz-intro")} }
        div { class: "quiz-cards",
            Link {
                class: if due > 0 { "quiz-card due" } else { "quiz-card" },
                to: Route::QuizItem { id: crate::quiz::catalog::REVIEW.into() },
                "data-testid": "quiz-card-review",
                "data-due": "{due}",
                span { class: "quiz-card-title", "↻ " {t!("quiz-review-title")} }
                span { class: "quiz-card-meta", {t!("quiz-due-count", n: due)} }
            }
            Link {
                class: "quiz-card",
                to: Route::QuizItem { id: crate::quiz::catalog::GENERATED.into() },
                "data-testid": "quiz-card-generated",
                span { class: "quiz-card-title", "⚙ " {t!("quiz-generated-title")} }
                span { class: "quiz-card-meta", {t!("quiz-generated-help")} }
            }
            for q in quizzes.iter() {
                {
                    let best = progress.best(&q.id);
                    let running = progress.runs.get(&q.id).is_some_and(|r| !r.is_finished());
                    rsx! {
                        Link {
                            key: "{q.id}",
                            class: "quiz-card",
                            to: Route::QuizItem { id: q.id.clone() },
                            "data-testid": "quiz-card-{q.id}",
                            span { class: "quiz-card-title", "{q.title.get(lang)}" }
                            span { class: "quiz-card-meta",
                                {t!("quiz-count", n: q.questions.len())}
                                if let Some((c, n)) = best {
                                    " · "
                                    {t!("quiz-best", correct: c, total: n)}
                                }
                                if running {
                                    " · "
                                    {t!("quiz-in-progress")}
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[component]
pub fn QuizItem(id: String) -> Element {
    let state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let parts = match id.as_str() {
        crate::quiz::catalog::REVIEW => vec![content::Part::Quizzes],
        crate::quiz::catalog::GENERATED => vec![],
        _ => vec![content::Part::Quiz(id.clone())],
    };
    if !super::state::use_content(parts) {
        return rsx! {
            p { class: "muted", "aria-busy": "true", {t!("content-loading")} }
        };
    }

    let special = id == crate::quiz::catalog::REVIEW || id == crate::quiz::catalog::GENERATED;
    if !special && content::bundle().quiz(&id).is_none() {
        return rsx! {
            h1 { {t!("page-notfound-heading")} }
            p { {t!("quiz-missing", id: id.clone())} }
            Link { to: Route::QuizIndex {}, {t!("quiz-back")} }
        };
    }
    // generated questions come from the simulator: the reader edition hands over for them
    if id == crate::quiz::catalog::GENERATED && !super::Edition::current().has_lab() {
        return rsx! {
            QuizLoading {}
        };
    }
    let title = super::quiz::quiz_title(&id, lang);
    rsx! {
        p { class: "eyebrow", Link { to: Route::QuizIndex {}, {t!("page-quiz-heading")} } }
        h1 { "{title}" }
        {
            rsx! {
                super::quiz::QuizRunner { key: "{id}", id: id.clone() }
            }
        }
    }
}

/// The generated quiz in the reader edition: the full edition is on its way.
#[component]
fn QuizLoading() -> Element {
    use_effect(|| {
        super::web::upgrade(&super::web::Intent::default());
    });
    rsx! {
        p { class: "eyebrow", Link { to: Route::QuizIndex {}, {t!("page-quiz-heading")} } }
        h1 { {t!("quiz-generated-title")} }
        p { class: "muted", "data-testid": "quiz-loading", role: "status", {t!("lab-loading")} }
    }
}

/// The document title of a page (the browser's tab, history, search results).
pub fn title_of(route: &Route, lang: crate::store::Lang) -> String {
    let b = content::bundle();
    let page = match route {
        Route::Home {} => None,
        Route::Lesson { slug } => Some(
            b.lesson(slug, lang)
                .map(|l| l.title.clone())
                .unwrap_or_else(|| t!("page-notfound-heading")),
        ),
        Route::Lab {} => Some(t!("page-lab-heading")),
        Route::ChallengeItem { id } => Some(format!(
            "{} · {}",
            b.challenge(id)
                .map(|c| c.title.get(lang).clone())
                .unwrap_or_else(|| id.clone()),
            t!("challenge-label")
        )),
        Route::QuizIndex {} => Some(t!("page-quiz-heading")),
        Route::QuizItem { id } => Some(format!(
            "{} · {}",
            super::quiz::quiz_title(id, lang),
            t!("page-quiz-heading")
        )),
        Route::Progress {} => Some(t!("page-progress-heading")),
        Route::Glossary {} => Some(t!("page-glossary-heading")),
        Route::Start {} => Some(t!("page-start-heading")),
        Route::NotFound { .. } => Some(t!("page-notfound-heading")),
    };
    match page {
        Some(p) => format!("{p} · {}", t!("app-title")),
        None => format!("{} · {}", t!("app-title"), t!("app-tagline")),
    }
}

#[component]
pub fn Progress() -> Element {
    rsx! {
        super::progress::ProgressPage {}
    }
}

#[component]
pub fn Glossary() -> Element {
    rsx! {
        super::glossary::GlossaryPage {}
    }
}

#[component]
pub fn Start() -> Element {
    rsx! {
        super::glossary::StartPage {}
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
