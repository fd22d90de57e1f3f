//! The break-fix challenges' lists: on the home page (every challenge) and at the end of a
//! lesson (the challenges whose file names the lesson), each a link to `/challenge/<id>`
//! marked solved from the learner's record.

use super::i18n::t;
use super::routes::Route;
use super::state::AppState;
use crate::content::{self, Lang};
use dioxus::prelude::*;

/// The challenges (all, or those `lesson` lists), as links; nothing when there are none.
#[component]
pub fn ChallengeList(#[props(default)] lesson: Option<String>) -> Element {
    let state = use_context::<AppState>();
    // content packs arrive on the web: read the revision so the list follows
    let _ = (state.content_rev)();
    let lang: Lang = state.lang();
    let b = content::bundle();
    let list: Vec<&content::model::Challenge> = match &lesson {
        Some(slug) => b.challenges_for(slug),
        None => b.challenges.iter().collect(),
    };
    if list.is_empty() {
        return rsx! {};
    }
    let progress = state.progress.read();
    let testid = if lesson.is_some() {
        "lesson-challenges"
    } else {
        "home-challenges"
    };
    rsx! {
        section { class: "card challenge-list", "data-testid": testid,
            h2 { {t!("challenge-list-heading")} }
            p { class: "muted", {t!("challenge-list-intro")} }
            ul {
                for c in list {
                    li { key: "{c.id}",
                        Link {
                            to: Route::ChallengeItem { id: c.id.clone() },
                            "data-testid": "challenge-link-{c.id}",
                            "{c.title.get(lang)}"
                        }
                        if progress.challenges.get(&c.id).is_some_and(|r| r.solved) {
                            span { class: "ok", " ✓ " {t!("challenge-solved")} }
                        }
                    }
                }
            }
        }
    }
}
