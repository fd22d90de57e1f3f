//! The question on screen: its options or text box, the keys, the feedback and the actions.

use super::*;

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

/// The question on screen, its options and (practice, once answered) the feedback. A lesson's
/// checkpoint (`checkpoint`) is a one-question run of its own: its answer goes to the quiz layer
/// as [`Command::Checkpoint`], and it shows no position and nothing to go on to.
#[component]
pub(crate) fn QuizQuestion(
    id: String,
    run: Run,
    inline: bool,
    #[props(default)] checkpoint: bool,
) -> Element {
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
    let question_id = q.id.clone();
    let focus_after = focus_after_answer(&run, &id, &prefix, inline);
    let submit = move || {
        if answered {
            return;
        }
        let Some(response) = response(is_short, typed, picked) else {
            return;
        };
        if checkpoint {
            state.quiz(Command::Checkpoint {
                question: question_id.clone(),
                response,
            });
        } else {
            state.quiz(Command::Answer {
                quiz: quiz_id.clone(),
                response,
            });
        }
        if let Some(target) = &focus_after {
            focus(target);
        }
    };
    let quiz_id2 = id.clone();
    let next = move || {
        // a checkpoint has nothing to go on to (its run stays answered, not finished)
        if checkpoint {
            return;
        }
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
            if !checkpoint {
                {question_progress(i, n, run.mode)}
            }
            div { class: "quiz-prompt", id: "{prefix}-prompt", {doc::blocks(q.prompt.get(lang))} }
            if multiple {
                p { class: "muted quiz-hint", {t!("quiz-select-all")} }
            }
            match &q.kind {
                QuestionKind::Choice(c) => choice_options(&asked, c, &shown, &chosen, lang, toggle),
                QuestionKind::Short(s) => short_answer(&asked, &q, s, attempt.as_ref(), typed, lang),
            }
            div { class: "sr-only", role: "status", "aria-live": "polite", "data-testid": "quiz-announce", "{announce}" }
            if answered && practice {
                {question_feedback(feedback == Some(true), &q, lang)}
            }
            if !(checkpoint && answered) {
                {question_actions(answered, can_submit, last, submit, next)}
            }
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
            span {
                class: "muted",
                "data-testid": "quiz-run-mode",
                "data-mode": if mode == Mode::Exam { "exam" } else { "practice" },
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

/// A short-answer question's text box and (practice, once answered) the accepted answer and,
/// for a common wrong answer, why it is wrong.
fn short_answer(
    asked: &Asked,
    q: &Question,
    s: &Short,
    attempt: Option<&quiz::Attempt>,
    mut typed: Signal<String>,
    lang: Lang,
) -> Element {
    let prefix = &asked.prefix;
    let input_id = format!("{prefix}-input");
    let mistake = attempt.and_then(|a| quiz::mistake(q, &a.response));
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
                if let Some(m) = mistake {
                    div { class: "quiz-mistake", "data-testid": "quiz-mistake",
                        {doc::blocks(m.why.get(lang))}
                    }
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
