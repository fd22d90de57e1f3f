//! A lesson page: title, objectives, the in-page table of contents, the body (rendered from the
//! model by `doc`), footnotes, "mark as read" and previous/next. The lesson is marked read when
//! its end scrolls into view or when the learner says so.

use super::doc::{self, scroll_to, scroll_top};
use super::i18n::t;
use super::routes::Route;
use super::state::AppState;
use crate::content::{self, Lang, Lesson};
use dioxus::prelude::*;

#[component]
pub fn LessonPage(slug: String) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let b = content::bundle();
    let exists = b.position(&slug).is_some();

    // the web loads a lesson's text when it is first shown
    let ready = super::state::use_content(vec![content::Part::Lesson(slug.clone())]);

    // record the visit; once the text is there, scroll to the heading a link asked for, else
    // to the top
    let opened = slug.clone();
    use_effect(use_reactive!(|opened, ready| {
        if !ready {
            return;
        }
        if content::bundle().position(&opened).is_some() {
            state.mark_lesson_opened(&opened);
        }
        // the first page was put on screen by the browser (pre-rendered on the web): it
        // stays where the reader is
        if *state.first_page.peek() {
            return;
        }
        match state.scroll_to.take() {
            Some(id) => scroll_to(&id),
            None => scroll_top(),
        }
    }));

    let b = content::bundle();
    if exists && !ready {
        return rsx! {
            article { class: "lesson", "data-testid": "lesson-loading", "aria-busy": "true",
                p { class: "muted", {t!("content-loading")} }
            }
        };
    }
    let Some(lesson) = b.lesson(&slug, lang).filter(|_| exists) else {
        return rsx! {
            h1 { {t!("page-notfound-heading")} }
            p { {t!("page-lesson-missing", slug: slug.clone())} }
            Link { to: Route::Home {}, {t!("page-notfound-home")} }
        };
    };
    super::web::note_description(&lesson.summary);
    let n = b.position(&slug).unwrap_or(0) + 1;
    let total = b.order.len();
    let (prev, next) = b.neighbours(&slug);
    let prev = prev.and_then(|s| b.lesson(s, lang));
    let next = next.and_then(|s| b.lesson(s, lang));
    let read = state.progress.read().lessons_read.contains(&slug);
    let problems = b.problems_in(&lesson.file);
    let minutes = lesson.minutes;
    let slug_end = slug.clone();

    rsx! {
        article {
            class: "lesson",
            "data-testid": "lesson",
            "data-slug": "{slug}",
            "data-read": if read { "true" } else { "false" },
            header { class: "lesson-head",
                p { class: "eyebrow",
                    {t!("lesson-eyebrow", n: n, total: total, minutes: minutes)}
                    if read {
                        span { class: "read-badge", " · ✓ " {t!("lesson-read")} }
                    }
                }
                h1 { "data-testid": "lesson-title", "{lesson.title}" }
                p { class: "lead", "{lesson.summary}" }
            }
            if !problems.is_empty() {
                div { class: "content-problems", role: "alert", "data-testid": "content-problems",
                    p { {t!("lesson-problems")} }
                    ul {
                        for p in problems.iter() {
                            li { code { "{p}" } }
                        }
                    }
                }
            }
            if n == 1 {
                p { class: "before-begin",
                    Link { to: Route::Start {}, "data-testid": "lesson-before-begin", {t!("lesson-before-begin")} }
                }
            }
            {lesson_intro(lesson)}
            div { class: "lesson-body", {doc::blocks(&lesson.blocks)} }
            if !lesson.footnotes.is_empty() {
                {footnotes(lesson)}
            }
            if !lesson.sources.is_empty() {
                {further_reading(lesson)}
            }
            // reaching the end of the lesson marks it read
            div {
                class: "end-sentinel",
                "aria-hidden": "true",
                onvisible: move |e: VisibleEvent| {
                    if e.is_intersecting().unwrap_or(false) {
                        state.set_lesson_read(&slug_end, true);
                    }
                },
            }
            super::challenges::ChallengeList { lesson: Some(slug.clone()) }
            {lesson_end(state, slug.clone(), read, prev, next)}
        }
    }
}

/// The lesson's objectives and its table of contents (links that scroll to their heading).
fn lesson_intro(lesson: &Lesson) -> Element {
    rsx! {
        div { class: "lesson-intro",
            section { class: "objectives card",
                h2 { {t!("lesson-objectives")} }
                ul {
                    for o in lesson.objectives.iter() {
                        li { {doc::inlines(o)} }
                    }
                }
            }
            if !lesson.toc.is_empty() {
                nav {
                    class: "toc card",
                    "data-testid": "lesson-toc",
                    "aria-label": t!("lesson-toc"),
                    h2 { {t!("lesson-toc")} }
                    ol {
                        for e in lesson.toc.iter() {
                            {
                                let id = e.id.clone();
                                rsx! {
                                    li { class: "toc-{e.level}",
                                        a {
                                            href: "#{e.id}",
                                            "data-testid": "toc-{e.id}",
                                            onclick: move |ev: MouseEvent| {
                                                ev.prevent_default();
                                                scroll_to(&id);
                                            },
                                            "{e.text}"
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The upstream pages the lesson draws on (its front matter's `sources`).
fn further_reading(lesson: &Lesson) -> Element {
    rsx! {
        section { class: "further-reading card", "data-testid": "further-reading",
            h2 { id: "further-reading", {t!("lesson-further-reading")} }
            ul {
                for s in lesson.sources.iter() {
                    li {
                        a {
                            class: "external",
                            href: "{s.url}",
                            target: "_blank",
                            rel: "noopener noreferrer",
                            "{s.title}"
                        }
                        " "
                        span { class: "muted url", "{s.url}" }
                    }
                }
            }
        }
    }
}

/// The footnotes, each with a link back to where it is referenced.
fn footnotes(lesson: &Lesson) -> Element {
    rsx! {
        section { class: "footnotes", "aria-label": t!("lesson-footnotes"),
            hr {}
            ol {
                for f in lesson.footnotes.iter() {
                    {
                        let back = format!("fnref-{}", f.label);
                        rsx! {
                            li { id: "fn-{f.label}", value: "{f.n}",
                                {doc::blocks(&f.blocks)}
                                a {
                                    class: "fn-back",
                                    href: "#fnref-{f.label}",
                                    "aria-label": t!("lesson-footnote-back"),
                                    onclick: move |ev: MouseEvent| {
                                        ev.prevent_default();
                                        scroll_to(&back);
                                    },
                                    "↩"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The end: read or not (and the button that changes it), previous and next (after the last
/// lesson: the quizzes).
fn lesson_end(
    mut state: AppState,
    slug: String,
    read: bool,
    prev: Option<&Lesson>,
    next: Option<&Lesson>,
) -> Element {
    rsx! {
        footer { class: "lesson-end",
            div { class: "read-state",
                if read {
                    span { class: "ok", "✓ " {t!("lesson-read-done")} }
                    button {
                        class: "button",
                        "data-testid": "lesson-mark-unread",
                        onclick: move |_| state.set_lesson_read(&slug, false),
                        {t!("lesson-mark-unread")}
                    }
                } else {
                    button {
                        class: "button primary",
                        "data-testid": "lesson-mark-read",
                        onclick: move |_| state.set_lesson_read(&slug, true),
                        {t!("lesson-mark-read")}
                    }
                }
            }
            nav { class: "prev-next", "aria-label": t!("lesson-prev-next"),
                if let Some(p) = prev {
                    Link {
                        class: "button prev",
                        to: Route::Lesson { slug: p.slug.clone() },
                        "data-testid": "lesson-prev",
                        "← {p.title}"
                    }
                } else {
                    span {}
                }
                if let Some(nx) = next {
                    Link {
                        class: "button primary next",
                        to: Route::Lesson { slug: nx.slug.clone() },
                        "data-testid": "lesson-next",
                        "{nx.title} →"
                    }
                } else {
                    Link {
                        class: "button primary next",
                        to: Route::QuizIndex {},
                        "data-testid": "lesson-next",
                        {t!("lesson-next-quiz")}
                        " →"
                    }
                }
            }
        }
    }
}
