//! A finished run: the score, the breakdown by topic, the time taken and the review.

use super::*;

/// Score, per-topic breakdown, time taken and a review of every question.
#[component]
pub(super) fn QuizResults(id: String, run: Run, inline: bool) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let b = content::bundle();
    let r = run.results(b);
    let missed = run.missed().len();
    let retry_id = id.clone();
    let restart_id = id.clone();
    let time = quiz::duration_text(r.duration_ms);
    let announce = t!("quiz-score-text", correct: r.correct, total: r.total);
    rsx! {
        div { class: "quiz-results", "data-testid": "quiz-results",
            div { class: "sr-only", role: "status", "aria-live": "polite", "{announce}" }
            p {
                class: "quiz-score",
                id: "quiz-score-{id}",
                tabindex: "-1",
                "data-testid": "quiz-score",
                "data-correct": "{r.correct}",
                "data-total": "{r.total}",
                {t!("quiz-score-text", correct: r.correct, total: r.total)}
            }
            p { class: "muted", "data-testid": "quiz-time", {t!("quiz-time", time: time)} }
            if !inline || r.by_topic.len() > 1 {
                table { class: "quiz-topics", "data-testid": "quiz-topics",
                    thead {
                        tr {
                            th { {t!("quiz-topic")} }
                            th { {t!("quiz-topic-score")} }
                        }
                    }
                    tbody {
                        for (topic , c , n) in r.by_topic.iter() {
                            tr {
                                td { {topic_name(topic)} }
                                td { "{c} / {n}" }
                            }
                        }
                    }
                }
            }
            div { class: "quiz-actions",
                if missed > 0 {
                    button {
                        class: "button primary",
                        "data-testid": "quiz-retry-wrong",
                        onclick: move |_| {
                            state.quiz(Command::RetryMissed { quiz: retry_id.clone() });
                        },
                        {t!("quiz-retry-wrong", n: missed)}
                    }
                }
                button {
                    class: "button",
                    "data-testid": "quiz-restart",
                    onclick: move |_| {
                        state.quiz(Command::Restart { quiz: restart_id.clone() });
                    },
                    {t!("quiz-restart")}
                }
                if inline {
                    Link { class: "button", to: Route::QuizItem { id: id.clone() }, {t!("quiz-open-page")} }
                }
            }
            details { class: "quiz-review", "data-testid": "quiz-review", open: !inline,
                summary { {t!("quiz-review-heading")} }
                ol {
                    for (k , (shown , attempt)) in run.items.iter().zip(run.attempts.iter()).enumerate() {
                        {
                            let q = question(&shown.question);
                            let right = attempt.as_ref().is_some_and(|a| a.correct);
                            rsx! {
                                li {
                                    class: if right { "review-item ok" } else { "review-item bad" },
                                    "data-testid": "quiz-review-item",
                                    "data-correct": if right { "true" } else { "false" },
                                    "data-question": "{shown.question}",
                                    if let Some(q) = q {
                                        {review_item(k, &q, shown, attempt.as_ref(), lang)}
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

fn review_item(
    _k: usize,
    q: &Question,
    shown: &quiz::Shown,
    attempt: Option<&quiz::Attempt>,
    lang: Lang,
) -> Element {
    let right = attempt.is_some_and(|a| a.correct);
    match &q.kind {
        QuestionKind::Choice(c) => {
            let picked: Vec<usize> = match attempt.map(|a| &a.response) {
                Some(Response::Choice(p)) => p.clone(),
                _ => vec![],
            };
            let opt = |k: &quiz::OptKey| {
                if k.answer {
                    &c.answers[k.index]
                } else {
                    &c.distractors[k.index]
                }
            };
            rsx! {
                div { class: "review-prompt",
                    span { class: "review-mark", if right { "✓" } else { "✗" } }
                    {doc::blocks(q.prompt.get(lang))}
                }
                p { class: "review-label", {t!("quiz-your-answer")} }
                ul { class: "review-answers",
                    if picked.is_empty() {
                        li { class: "muted", {t!("quiz-no-answer")} }
                    }
                    for p in picked.iter() {
                        if let Some(k) = shown.options.get(*p) {
                            li { class: if k.answer { "ok" } else { "bad" },
                                {doc::blocks(opt(k).text.get(lang))}
                                if !k.answer && !opt(k).why.get(lang).is_empty() {
                                    div { class: "opt-why", {doc::blocks(opt(k).why.get(lang))} }
                                }
                            }
                        }
                    }
                }
                if !right {
                    p { class: "review-label", {t!("quiz-right-answer")} }
                    ul { class: "review-answers",
                        for k in shown.options.iter().filter(|k| k.answer) {
                            li { class: "ok", {doc::blocks(opt(k).text.get(lang))} }
                        }
                    }
                }
                div { class: "review-why", {doc::blocks(q.context.get(lang))} }
            }
        }
        QuestionKind::Short(s) => {
            let typed = match attempt.map(|a| &a.response) {
                Some(Response::Text(t)) => t.clone(),
                _ => String::new(),
            };
            rsx! {
                div { class: "review-prompt",
                    span { class: "review-mark", if right { "✓" } else { "✗" } }
                    {doc::blocks(q.prompt.get(lang))}
                }
                p { class: "review-label", {t!("quiz-your-answer")} " "
                    code { class: if right { "ok" } else { "bad" }, "{typed}" }
                }
                if !right {
                    p { class: "review-label", {t!("quiz-right-answer")} " " code { "{s.answer.get(lang)}" } }
                }
                if let Some(m) = attempt.and_then(|a| quiz::mistake(q, &a.response)) {
                    div { class: "opt-why quiz-mistake", "data-testid": "quiz-mistake",
                        {doc::blocks(m.why.get(lang))}
                    }
                }
                div { class: "review-why", {doc::blocks(q.context.get(lang))} }
            }
        }
    }
}
