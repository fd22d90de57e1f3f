use super::pages::{Home, Lab, Lesson, NotFound, Progress, QuizIndex, QuizItem};
use super::shell::Shell;
use dioxus::prelude::*;

/// Every page of the app. On the web these are real URLs (deep links and back/forward work).
#[derive(Routable, Clone, PartialEq, Debug)]
#[rustfmt::skip]
pub enum Route {
    #[layout(Shell)]
        #[route("/")]
        Home {},
        #[route("/lesson/:slug")]
        Lesson { slug: String },
        #[route("/lab")]
        Lab {},
        #[route("/quiz")]
        QuizIndex {},
        #[route("/quiz/:id")]
        QuizItem { id: String },
        #[route("/progress")]
        Progress {},
        #[route("/:..segments")]
        NotFound { segments: Vec<String> },
}

impl Route {
    /// The stable name used in `data-testid="nav-<name>"` and `data-route`.
    pub fn test_name(&self) -> String {
        match self {
            Route::Home {} => "home".into(),
            Route::Lesson { slug } => format!("lesson-{slug}"),
            Route::Lab {} => "lab".into(),
            Route::QuizIndex {} => "quiz".into(),
            Route::QuizItem { id } => format!("quiz-{id}"),
            Route::Progress {} => "progress".into(),
            Route::NotFound { .. } => "not-found".into(),
        }
    }
}
