//! The `/challenge/ID` page: the goal, what it imitates, hints on request, where the learner
//! stands, and the lab (terminal, diagram with its node actions, clock, panels) on the
//! challenge's broken world. Everything shown comes from `crate::lab::challenge::view`.

use super::LabView;
use crate::lab::{challenge, Command};
use crate::ui::i18n::t;
use crate::ui::state::AppState;
use dioxus::prelude::*;

/// A challenge's page (keyed by its id: another challenge is another page).
#[component]
pub fn ChallengePage(id: String) -> Element {
    let mut state = use_context::<AppState>();
    let wanted = id.clone();
    let known = use_hook(move || state.open_challenge(&wanted));
    // the web: the challenges' texts are their own pack (the index has their titles)
    let texts = crate::ui::state::use_content(vec![crate::content::Part::Challenges]);
    if !known {
        return rsx! {
            h1 { {t!("challenge-not-found")} }
            Link { to: crate::ui::routes::Route::Home {}, {t!("page-notfound-home")} }
        };
    }
    let _ = (state.content_rev)();
    let lang = state.lang();
    let guard = state.lab.read();
    let view = guard
        .as_ref()
        .and_then(|l| Some((l.doc.challenge.as_ref()?, &l.session)))
        .filter(|(p, _)| p.id == id)
        .and_then(|(p, s)| challenge::view(p, s, lang));
    drop(guard);
    let Some(v) = view.filter(|_| texts) else {
        return rsx! {
            p { class: "muted", {t!("lab-loading")} }
        };
    };
    let solved_before = state
        .progress
        .read()
        .challenges
        .get(&id)
        .is_some_and(|r| r.solved);
    let more = v.hints.len() < v.hints_total;
    rsx! {
        p { class: "eyebrow muted", {t!("challenge-label")} }
        h1 { "{v.title}" }
        section { class: "card challenge-brief",
            h2 { {t!("challenge-goal")} }
            p { "data-testid": "challenge-goal", "{v.goal}" }
            p { class: "muted small", "data-testid": "challenge-era",
                strong { {t!("challenge-era")} " " }
                "{v.era}"
            }
        }
        div {
            class: if v.solved { "challenge-status solved" } else { "challenge-status" },
            role: "status",
            "aria-live": "polite",
            "data-testid": "challenge-status",
            "data-solved": if v.solved { "true" } else { "false" },
            if v.solved {
                strong { "✓ " {t!("challenge-status-solved")} }
            } else {
                strong { {t!("challenge-status-open")} }
                if !v.why.is_empty() {
                    " "
                    span { class: "challenge-why", "{v.why}" }
                }
                if solved_before {
                    " "
                    span { class: "muted", {t!("challenge-solved-before")} }
                }
            }
        }
        if v.solved {
            section { class: "card challenge-explanation", "data-testid": "challenge-explanation",
                h2 { {t!("challenge-cause")} }
                p { "{v.cause}" }
                h2 { {t!("challenge-your-fix")} }
                p { "data-testid": "challenge-fix", "{v.fix}" }
            }
        }
        section { class: "challenge-help",
            if !v.hints.is_empty() {
                ol { class: "challenge-hints", "data-testid": "challenge-hints",
                    for (i , h) in v.hints.iter().enumerate() {
                        li { key: "{i}", "{h}" }
                    }
                }
            }
            div { class: "challenge-actions",
                button {
                    class: "button",
                    "data-testid": "challenge-hint",
                    // how many hints are shown (what the page says, for tests and tools)
                    "data-shown": "{v.hints.len()}",
                    disabled: !more,
                    onclick: move |_| {
                        state.dispatch(Command::ChallengeHint);
                    },
                    if v.hints.is_empty() {
                        {t!("challenge-hint")}
                    } else if more {
                        {t!("challenge-hint-next", n: v.hints.len() + 1, total: v.hints_total)}
                    } else {
                        {t!("challenge-hint-none")}
                    }
                }
                button {
                    class: "button",
                    "data-testid": "challenge-reset",
                    onclick: move |_| {
                        state.dispatch(Command::Reset);
                    },
                    "↺ "
                    {t!("challenge-reset")}
                }
            }
        }
        LabView { compact: false }
    }
}
