use super::pages::{
    ChallengeItem, Glossary, Home, Lab, Lesson, NotFound, Progress, QuizIndex, QuizItem, Start,
};
use super::shell::Shell;
use dioxus::prelude::*;

/// Every page of the app. On the web these are real URLs (deep links and back/forward work).
#[derive(Routable, Clone, PartialEq, Debug)]
#[rustfmt::skip]
pub enum Route {
    #[layout(Shell)]
        /// `/`: the home page.
        #[route("/")]
        Home {},
        /// `/lesson/SLUG`: a lesson.
        #[route("/lesson/:slug")]
        Lesson {
            /// The lesson's file name without `.md` (`04-kubelet-failure`).
            slug: String,
        },
        /// `/lab`: the lab.
        #[route("/lab")]
        Lab {},
        /// `/challenge/ID`: a break-fix challenge with its own lab.
        #[route("/challenge/:id")]
        ChallengeItem {
            /// The challenge's id (its file name in `content/challenges/`).
            id: String,
        },
        /// `/quiz`: the quizzes.
        #[route("/quiz")]
        QuizIndex {},
        /// `/quiz/ID`: a quiz (`review`, `generated` or a quiz file's id).
        #[route("/quiz/:id")]
        QuizItem {
            /// The quiz's id.
            id: String,
        },
        /// `/progress`: the learner's record, export and import.
        #[route("/progress")]
        Progress {},
        /// `/glossary`: the terms the lessons use and the commands they run.
        #[route("/glossary")]
        Glossary {},
        /// `/start`: before you begin (what to know, which versions).
        #[route("/start")]
        Start {},
        /// Any other path: the page says so.
        #[route("/:..segments")]
        NotFound {
            /// The path's segments.
            segments: Vec<String>,
        },
}

impl Route {
    /// The stable name used in `data-testid="nav-<name>"` and `data-route`.
    pub fn test_name(&self) -> String {
        match self {
            Route::Home {} => "home".into(),
            Route::Lesson { slug } => format!("lesson-{slug}"),
            Route::Lab {} => "lab".into(),
            Route::ChallengeItem { id } => format!("challenge-{id}"),
            Route::QuizIndex {} => "quiz".into(),
            Route::QuizItem { id } => format!("quiz-{id}"),
            Route::Progress {} => "progress".into(),
            Route::Glossary {} => "glossary".into(),
            Route::Start {} => "start".into(),
            Route::NotFound { .. } => "not-found".into(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The language in the URL: English pages keep their paths, Chinese ones live under `/zh`.

use crate::store::Lang;
use dioxus::history::History;
use std::cell::RefCell;
use std::rc::Rc;

/// The path prefix of Chinese pages.
pub(super) const ZH_PREFIX: &str = "/zh";

/// The language of a URL path and the app's path inside it: `/zh/lesson/x#a` → (Zh,
/// `/lesson/x#a`), `/zh` → (Zh, `/`), `/lesson/x` → (En, `/lesson/x`).
pub fn split_lang(path: &str) -> (Lang, String) {
    if let Some(rest) = path.strip_prefix(ZH_PREFIX) {
        match rest.chars().next() {
            None => return (Lang::Zh, "/".into()),
            Some('/') => return (Lang::Zh, rest.to_string()),
            Some('?' | '#') => return (Lang::Zh, format!("/{rest}")),
            _ => {}
        }
    }
    (Lang::En, path.to_string())
}

/// The URL path of an app path in `lang` (the inverse of [`split_lang`]).
pub fn lang_path(lang: Lang, app_path: &str) -> String {
    match lang {
        Lang::En => app_path.to_string(),
        Lang::Zh if app_path == "/" => format!("{ZH_PREFIX}/"),
        Lang::Zh => format!("{ZH_PREFIX}{app_path}"),
    }
}

/// A language switch waiting for its navigation: the language, and the heading to land on.
#[derive(Clone, Debug, PartialEq)]
struct Switch {
    lang: Lang,
    anchor: Option<String>,
}

/// The platform's history (the browser's, or the desktop app's in memory) seen through the
/// language prefix: the router only ever sees language-free paths (`/lesson/x`), links get the
/// prefix of the page's language, and a language switch is a navigation to the twin page.
pub struct LangHistory {
    inner: Rc<dyn History>,
    switch: RefCell<Option<Switch>>,
}

impl LangHistory {
    /// A history that remembers the language of the path it goes to.
    pub fn new(inner: Rc<dyn History>) -> Self {
        LangHistory {
            inner,
            switch: RefCell::new(None),
        }
    }

    /// The language of the URL shown now.
    pub fn lang(&self) -> Lang {
        split_lang(&self.inner.current_route()).0
    }

    /// Whether the URL names its language (`/zh/...`); English paths have no prefix.
    pub fn prefixed(&self) -> bool {
        self.lang() != Lang::En
    }

    /// Makes the next navigation go to `lang`'s page (at `anchor`, when given).
    pub fn switch_to(&self, lang: Lang, anchor: Option<String>) {
        *self.switch.borrow_mut() = Some(Switch { lang, anchor });
    }

    /// Replaces the URL with the same page in `lang`, without the router (before it starts).
    pub fn replace_lang(&self, lang: Lang) {
        let (_, path) = split_lang(&self.inner.current_route());
        self.inner.replace(lang_path(lang, &path));
    }

    fn target(&self, route: &str) -> String {
        match self.switch.borrow_mut().take() {
            Some(Switch { lang, anchor }) => {
                let path = route.split('#').next().unwrap_or(route);
                match anchor {
                    Some(a) => lang_path(lang, &format!("{path}#{a}")),
                    None => lang_path(lang, path),
                }
            }
            None => lang_path(self.lang(), route),
        }
    }
}

impl History for LangHistory {
    fn current_route(&self) -> String {
        split_lang(&self.inner.current_route()).1
    }
    fn current_prefix(&self) -> Option<String> {
        let inner = self.inner.current_prefix().unwrap_or_default();
        match self.lang() {
            Lang::En => (!inner.is_empty()).then_some(inner),
            Lang::Zh => Some(format!("{inner}{ZH_PREFIX}")),
        }
    }
    fn can_go_back(&self) -> bool {
        self.inner.can_go_back()
    }
    fn go_back(&self) {
        self.inner.go_back()
    }
    fn can_go_forward(&self) -> bool {
        self.inner.can_go_forward()
    }
    fn go_forward(&self) {
        self.inner.go_forward()
    }
    fn push(&self, route: String) {
        let to = self.target(&route);
        self.inner.push(to)
    }
    fn replace(&self, route: String) {
        let to = self.target(&route);
        // the router drops a URL's #fragment (no route has one): keep the URL as it is, so a
        // deep link (`/glossary#taint`, `/lesson/x#heading`) keeps its place; the browser's
        // history would scroll to the top on a replace
        if drops_only_the_fragment(&self.inner.current_route(), &to) {
            return;
        }
        self.inner.replace(to)
    }
    fn external(&self, url: String) -> bool {
        self.inner.external(url)
    }
    fn updater(&self, callback: std::sync::Arc<dyn Fn() + Send + Sync>) {
        // a reader edition that handed the page over to the full edition no longer follows
        // the browser's back and forward buttons (see `ui::web`)
        self.inner.updater(std::sync::Arc::new(move || {
            if !super::web::retired() {
                callback()
            }
        }))
    }
    fn include_prevent_default(&self) -> bool {
        self.inner.include_prevent_default()
    }
}

/// Whether going from URL `now` to `to` only drops `now`'s `#fragment`.
fn drops_only_the_fragment(now: &str, to: &str) -> bool {
    !to.contains('#') && now.split_once('#').is_some_and(|(path, _)| path == to)
}

/// The `href` of a route on the page shown now (with its language prefix).
pub(super) fn href(route: &Route) -> String {
    let prefix = dioxus::router::router().prefix().unwrap_or_default();
    format!("{prefix}{route}")
}

#[cfg(test)]
mod lang_tests {
    use super::*;

    #[test]
    fn paths_split_into_language_and_app_path_and_back() {
        for (url, lang, app) in [
            ("/", Lang::En, "/"),
            ("/lesson/kind-ha", Lang::En, "/lesson/kind-ha"),
            ("/zh", Lang::Zh, "/"),
            ("/zh/", Lang::Zh, "/"),
            (
                "/zh/lesson/kind-ha#create-cluster",
                Lang::Zh,
                "/lesson/kind-ha#create-cluster",
            ),
            ("/zh?x=1", Lang::Zh, "/?x=1"),
            // a page whose name only starts with "zh" is English
            ("/zhx", Lang::En, "/zhx"),
        ] {
            assert_eq!(split_lang(url), (lang, app.to_string()), "{url}");
        }
        assert_eq!(lang_path(Lang::Zh, "/"), "/zh/");
        assert_eq!(lang_path(Lang::Zh, "/quiz/chapter"), "/zh/quiz/chapter");
        assert_eq!(lang_path(Lang::En, "/quiz/chapter"), "/quiz/chapter");
    }

    #[test]
    fn the_history_strips_the_prefix_and_a_switch_goes_to_the_twin_at_the_anchor() {
        let mem: Rc<dyn History> = Rc::new(dioxus::history::MemoryHistory::with_initial_path(
            "/zh/lesson/kind-ha",
        ));
        let h = LangHistory::new(mem.clone());
        assert_eq!(h.lang(), Lang::Zh);
        assert_eq!(h.current_route(), "/lesson/kind-ha");
        assert_eq!(h.current_prefix().as_deref(), Some("/zh"));
        h.push("/lab".into());
        assert_eq!(mem.current_route(), "/zh/lab");
        h.switch_to(Lang::En, Some("what-is-kind".into()));
        h.push("/lesson/kind-ha".into());
        assert_eq!(mem.current_route(), "/lesson/kind-ha#what-is-kind");
        assert_eq!(h.lang(), Lang::En);
        assert_eq!(h.current_prefix(), None);
        // the switch is used once
        h.push("/quiz".into());
        assert_eq!(mem.current_route(), "/quiz");
        h.replace_lang(Lang::Zh);
        assert_eq!(mem.current_route(), "/zh/quiz");
    }

    #[test]
    fn a_replace_that_only_drops_the_fragment_keeps_the_deep_link() {
        let mem: Rc<dyn History> = Rc::new(dioxus::history::MemoryHistory::with_initial_path(
            "/zh/glossary#taint",
        ));
        let h = LangHistory::new(mem.clone());
        h.replace("/glossary".into());
        assert_eq!(mem.current_route(), "/zh/glossary#taint");
        // another page, or the same page at another place, is replaced
        h.replace("/glossary#lease".into());
        assert_eq!(mem.current_route(), "/zh/glossary#lease");
        h.replace("/start".into());
        assert_eq!(mem.current_route(), "/zh/start");
    }
}
