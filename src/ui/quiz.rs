//! Taking a quiz: the start panel (practice or exam, shuffle), one question at a time, feedback
//! (practice) or results and review (exam), "retry only the ones I missed". Keyboard: 1–9 pick
//! an option, ↑/↓ move between options, Enter submits and continues. Results are announced in a
//! live region. The run lives in the progress document and is saved after every answer.

use super::doc;
use super::i18n::t;
use super::icons::{Glyph, Icon};
use super::routes::Route;
use super::state::AppState;
use crate::content::model::{Choice, Lang, Question, QuestionKind, Short};
use crate::content::{self};
use crate::quiz::{self, Command, Mode, Response, Run};
use crate::store::now_ms;
use dioxus::prelude::*;
use std::rc::Rc;

use crate::quiz::catalog::{GENERATED, REVIEW};

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
    rsx! {
        section {
            class: if inline { "quiz inline" } else { "quiz" },
            "data-testid": "quiz",
            "data-quiz": "{id}",
            if inline {
                p { class: "widget-title", Glyph { icon: Icon::Pencil } " {title}" }
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
            seed: now_ms() as u64,
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
fn focus(id: &str) {
    let e = document::eval(
        "const id = await dioxus.recv(); for (let i = 0; i < 30; i++) { const el = document.getElementById(id); if (el) { el.focus(); return; } await new Promise(r => requestAnimationFrame(r)); }",
    );
    let _ = e.send(id.to_string());
}

/// A question on screen, as its parts (options, keys, text box) need it.
#[derive(Clone)]
struct Asked {
    /// `q<i>-<question id>`: the question's element id, and the start of its parts' ids.
    prefix: String,
    multiple: bool,
    is_short: bool,
    /// How many options are shown.
    nopts: usize,
    answered: bool,
    /// Practice mode: once answered, the right answer and why are shown.
    practice: bool,
}

/// The question on screen, its options and (practice, once answered) the feedback.
#[component]
fn QuizQuestion(id: String, run: Run, inline: bool) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let mut picked = use_signal(Vec::<usize>::new);
    let mut typed = use_signal(String::new);
    let mut shown_for = use_signal(|| usize::MAX);
    // a new question on screen: clear the selection
    if shown_for() != run.current {
        shown_for.set(run.current);
        picked.set(vec![]);
        typed.set(String::new());
    }
    let Some(shown) = run.shown().cloned() else {
        return rsx! {};
    };
    let Some(q) = question(&shown.question) else {
        return missing_question(state, id, &shown.question);
    };
    let n = run.items.len();
    let i = run.current;
    let attempt = run.attempts.get(i).cloned().flatten();
    let answered = attempt.is_some();
    let asked = Asked {
        prefix: format!("q{}-{}", i, q.id),
        multiple: matches!(&q.kind, QuestionKind::Choice(c) if c.multiple),
        is_short: matches!(q.kind, QuestionKind::Short(_)),
        nopts: shown.options.len(),
        answered,
        practice: run.mode == Mode::Practice,
    };
    let (is_short, multiple, nopts, practice) =
        (asked.is_short, asked.multiple, asked.nopts, asked.practice);
    let prefix = asked.prefix.clone();

    let quiz_id = id.clone();
    let focus_after = focus_after_answer(&run, &id, &prefix, inline);
    let submit = move || {
        if answered {
            return;
        }
        let Some(response) = response(is_short, typed, picked) else {
            return;
        };
        state.quiz(Command::Answer {
            quiz: quiz_id.clone(),
            response,
        });
        if let Some(target) = &focus_after {
            focus(target);
        }
    };
    let quiz_id2 = id.clone();
    let next = move || {
        state.quiz(Command::Next {
            quiz: quiz_id2.clone(),
        });
    };
    let toggle = move |k: usize| {
        if !answered && k < nopts {
            toggle_pick(picked, multiple, k);
        }
    };
    let keys = asked.clone();
    let (mut submit_k, mut next_k) = (submit.clone(), next.clone());
    let onkeydown =
        move |e: KeyboardEvent| question_key(e, &keys, picked, toggle, &mut submit_k, &mut next_k);

    let feedback = attempt.as_ref().map(|a| a.correct);
    let announce = match feedback {
        Some(true) => t!("quiz-correct"),
        Some(false) => t!("quiz-wrong"),
        None => String::new(),
    };
    let sel = picked.read().clone();
    let chosen: Vec<usize> = match attempt.as_ref().map(|a| &a.response) {
        Some(Response::Choice(c)) => c.clone(),
        _ => sel.clone(),
    };
    let can_submit = if is_short {
        !typed.read().trim().is_empty()
    } else {
        !sel.is_empty()
    };
    let last = i + 1 == n;
    let focus_first = (!inline).then(|| first_focus(&asked));
    rsx! {
        div {
            key: "{prefix}",
            id: "{prefix}",
            class: "quiz-question",
            "data-testid": "quiz-question",
            "data-question": "{q.id}",
            "data-answered": if answered { "true" } else { "false" },
            tabindex: "-1",
            onkeydown,
            onmounted: move |_| {
                if let Some(target) = &focus_first {
                    focus(target);
                }
            },
            {question_progress(i, n, run.mode)}
            div { class: "quiz-prompt", id: "{prefix}-prompt", {doc::blocks(q.prompt.get(lang))} }
            if multiple {
                p { class: "muted quiz-hint", {t!("quiz-select-all")} }
            }
            match &q.kind {
                QuestionKind::Choice(c) => choice_options(&asked, c, &shown, &chosen, lang, toggle),
                QuestionKind::Short(s) => short_answer(&asked, s, attempt.as_ref(), typed, lang),
            }
            div { class: "sr-only", role: "status", "aria-live": "polite", "data-testid": "quiz-announce", "{announce}" }
            if answered && practice {
                {question_feedback(feedback == Some(true), &q, lang)}
            }
            {question_actions(answered, can_submit, last, submit, next)}
        }
    }
}

/// Where the keyboard focus goes once the question on screen is answered. Answering disables
/// the focused option (or the text box), which drops the focus to the page: in practice mode it
/// goes to the question itself, so that Enter can continue; an exam moves on at once, so there
/// (on its own page) the next question or the results take it.
fn focus_after_answer(run: &Run, id: &str, prefix: &str, inline: bool) -> Option<String> {
    if run.mode == Mode::Practice {
        return Some(prefix.to_string());
    }
    if inline {
        return None;
    }
    let i = run.current;
    Some(match run.items.get(i + 1) {
        Some(next) => format!("q{}-{}", i + 1, next.question),
        None => format!("quiz-score-{id}"),
    })
}

/// Where the keyboard focus goes when a question is shown (on a quiz's own page): the first
/// option or the text box; once answered (a run reloaded after an answer), its options are
/// disabled, so the question itself.
fn first_focus(asked: &Asked) -> String {
    let prefix = &asked.prefix;
    if asked.answered {
        prefix.clone()
    } else if asked.is_short {
        format!("{prefix}-input")
    } else {
        format!("{prefix}-opt-0")
    }
}

/// A run's question that is no longer in the content: say so, offer to start again.
fn missing_question(mut state: AppState, id: String, question: &str) -> Element {
    rsx! {
        p { class: "muted", {t!("quiz-question-missing", id: question.to_string())} }
        button {
            class: "button",
            onclick: move |_| {
                state.quiz(Command::Restart { quiz: id.clone() });
            },
            {t!("quiz-restart")}
        }
    }
}

/// What was typed or picked, as an answer (`None`: nothing yet).
fn response(is_short: bool, typed: Signal<String>, picked: Signal<Vec<usize>>) -> Option<Response> {
    if is_short {
        let t = typed.read().trim().to_string();
        if t.is_empty() {
            return None;
        }
        Some(Response::Text(t))
    } else {
        let p = picked.read().clone();
        if p.is_empty() {
            return None;
        }
        Some(Response::Choice(p))
    }
}

/// Picks option `k` (several, or only it) or, when picked among several, unpicks it.
fn toggle_pick(mut picked: Signal<Vec<usize>>, multiple: bool, k: usize) {
    let mut p = picked.write();
    if multiple {
        if let Some(at) = p.iter().position(|x| *x == k) {
            p.remove(at);
        } else {
            p.push(k);
        }
    } else {
        *p = vec![k];
    }
}

/// A key on the question: 1–9 pick an option, ↑/↓ move between options, Enter submits and
/// continues.
fn question_key(
    e: KeyboardEvent,
    asked: &Asked,
    picked: Signal<Vec<usize>>,
    toggle: impl Fn(usize),
    submit: &mut impl FnMut(),
    next: &mut impl FnMut(),
) {
    let (nopts, focus_prefix) = (asked.nopts, &asked.prefix);
    let key = e.key();
    match key {
        Key::Character(c) if !asked.is_short => {
            if let Some(d) = c.chars().next().and_then(|ch| ch.to_digit(10)) {
                if (1..=9).contains(&d) && (d as usize) <= nopts {
                    e.prevent_default();
                    toggle(d as usize - 1);
                    focus(&format!("{focus_prefix}-opt-{}", d - 1));
                }
            }
        }
        Key::ArrowDown | Key::ArrowUp if !asked.is_short && nopts > 0 => {
            e.prevent_default();
            let cur = picked.read().last().copied();
            let k = match (key == Key::ArrowDown, cur) {
                (true, Some(c)) => (c + 1) % nopts,
                (false, Some(c)) => (c + nopts - 1) % nopts,
                (true, None) => 0,
                (false, None) => nopts - 1,
            };
            if !asked.multiple {
                toggle(k);
            }
            focus(&format!("{focus_prefix}-opt-{k}"));
        }
        Key::Enter => {
            e.prevent_default();
            if asked.answered {
                next();
            } else {
                submit();
            }
        }
        _ => {}
    }
}

/// Where the run is (question i+1 of n, the mode) and its bar.
fn question_progress(i: usize, n: usize, mode: Mode) -> Element {
    rsx! {
        div { class: "quiz-progress",
            span { "data-testid": "quiz-position", {t!("quiz-position", n: i + 1, total: n)} }
            span { class: "muted",
                if mode == Mode::Exam {
                    {t!("quiz-exam")}
                } else {
                    {t!("quiz-practice")}
                }
            }
        }
        div { class: "progress-bar",
            div { class: "progress-fill", style: "width: {(i * 100) / n.max(1)}%" }
        }
    }
}

/// A choice question's options: what is picked, and (practice, once answered) which are right,
/// which wrong and why.
fn choice_options(
    asked: &Asked,
    c: &Choice,
    shown: &quiz::Shown,
    chosen: &[usize],
    lang: Lang,
    toggle: impl Fn(usize) + Copy + 'static,
) -> Element {
    let Asked {
        prefix,
        multiple,
        answered,
        practice,
        ..
    } = asked.clone();
    rsx! {
        div {
            class: "quiz-options",
            role: if multiple { "group" } else { "radiogroup" },
            "aria-labelledby": "{prefix}-prompt",
            for (k , key) in shown.options.iter().enumerate() {
                {
                    let opt = if key.answer { &c.answers[key.index] } else { &c.distractors[key.index] };
                    let is_picked = chosen.contains(&k);
                    let state_attr = match (answered && practice, key.answer, is_picked) {
                        (true, true, _) => "right",
                        (true, false, true) => "wrong",
                        (false, _, true) => "picked",
                        _ => "",
                    };
                    let why = opt.why.get(lang).clone();
                    rsx! {
                        label {
                            class: "quiz-option {state_attr}",
                            "data-testid": "quiz-option-{k + 1}",
                            "data-state": "{state_attr}",
                            input {
                                r#type: if multiple { "checkbox" } else { "radio" },
                                id: "{prefix}-opt-{k}",
                                name: "{prefix}",
                                checked: is_picked,
                                disabled: answered,
                                onchange: move |_| toggle(k),
                            }
                            span { class: "opt-key", "aria-hidden": "true", "{k + 1}" }
                            span { class: "opt-text", {doc::blocks(opt.text.get(lang))} }
                            if answered && practice {
                                span { class: "opt-mark",
                                    if key.answer {
                                        "✓"
                                    } else if is_picked {
                                        "✗"
                                    }
                                }
                            }
                            if answered && practice && !key.answer && is_picked && !why.is_empty() {
                                div { class: "opt-why", {doc::blocks(&why)} }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A short-answer question's text box and (practice, once answered) the accepted answer.
fn short_answer(
    asked: &Asked,
    s: &Short,
    attempt: Option<&quiz::Attempt>,
    mut typed: Signal<String>,
    lang: Lang,
) -> Element {
    let prefix = &asked.prefix;
    let input_id = format!("{prefix}-input");
    rsx! {
        div { class: "quiz-short",
            input {
                r#type: "text",
                id: "{input_id}",
                class: "quiz-input",
                "data-testid": "quiz-input",
                "aria-labelledby": "{prefix}-prompt",
                autocomplete: "off",
                spellcheck: "false",
                disabled: asked.answered,
                initial_value: match attempt.map(|a| &a.response) {
                    Some(Response::Text(t)) => t.clone(),
                    _ => String::new(),
                },
                oninput: move |e| typed.set(e.value()),
            }
            if asked.answered && asked.practice {
                p { class: "quiz-accepted",
                    {t!("quiz-answer-is")}
                    " "
                    code { "{s.answer.get(lang)}" }
                }
            }
        }
    }
}

/// Right or wrong, and the question's explanation (practice, once answered).
fn question_feedback(correct: bool, q: &Question, lang: Lang) -> Element {
    rsx! {
        div {
            class: if correct { "quiz-feedback ok" } else { "quiz-feedback bad" },
            "data-testid": "quiz-feedback",
            "data-correct": if correct { "true" } else { "false" },
            p { class: "verdict",
                if correct {
                    "✓ "
                    {t!("quiz-correct")}
                } else {
                    "✗ "
                    {t!("quiz-wrong")}
                }
            }
            {doc::blocks(q.context.get(lang))}
        }
    }
}

/// Submit (with the keys' hint) before the answer, then next (or see the results).
fn question_actions(
    answered: bool,
    can_submit: bool,
    last: bool,
    mut submit: impl FnMut() + 'static,
    mut next: impl FnMut() + 'static,
) -> Element {
    rsx! {
        div { class: "quiz-actions",
            if !answered {
                button {
                    class: "button primary",
                    "data-testid": "quiz-submit",
                    disabled: !can_submit,
                    onclick: move |_| submit(),
                    {t!("quiz-submit")}
                }
                span { class: "muted kbd-hint", {t!("quiz-keys")} }
            } else {
                button {
                    class: "button primary",
                    "data-testid": "quiz-next",
                    onclick: move |_| next(),
                    if last {
                        {t!("quiz-see-results")}
                    } else {
                        {t!("quiz-next")}
                    }
                }
            }
        }
    }
}

/// Score, per-topic breakdown, time taken and a review of every question.
#[component]
fn QuizResults(id: String, run: Run, inline: bool) -> Element {
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
                div { class: "review-why", {doc::blocks(q.context.get(lang))} }
            }
        }
    }
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
