//! The progress page: what is saved, the review queue, scores per quiz, and export / import of
//! the whole progress document as JSON. Importing a bad file changes nothing and says why.

use super::i18n::t;
use super::routes::Route;
use super::state::AppState;
use crate::content::{self, Lang};
use crate::store::{self, progress};
use dioxus::prelude::*;

#[component]
pub fn ProgressPage() -> Element {
    let state = use_context::<AppState>();
    let exported = use_signal(|| None::<String>);
    let import_text = use_signal(String::new);
    let import_result = use_signal(|| None::<(bool, String)>);
    // bumped when a file fills the text box (it is uncontrolled: remounted with the new text)
    let loaded = use_signal(|| 0u32);
    rsx! {
        h1 { {t!("page-progress-heading")} }
        p { class: "lead", {t!("page-progress-intro")} }
        {progress_stats(state)}
        {export_section(state, exported)}
        {import_section(state, import_text, import_result, loaded)}
    }
}

/// What is saved: lessons read, answers, the review queue, the scores per quiz, and where.
fn progress_stats(state: AppState) -> Element {
    let lang: Lang = state.lang();
    let b = content::bundle();
    let p = state.progress.read().clone();
    let now = store::now_ms();
    let sum = p.summary(&b.order, now);
    let (due, right, read) = (sum.due, sum.right, sum.read);
    let solved = p.challenges.values().filter(|r| r.solved).count();
    let location = state.progress_location();
    let scores: Vec<(String, usize, usize, usize)> = p
        .scores
        .iter()
        .filter_map(|(id, v)| {
            let last = v.last()?;
            let best = p.best(id).unwrap_or((0, 0));
            Some((id.clone(), last.correct, last.total, best.0))
        })
        .collect();
    rsx! {
        section { class: "card", "data-testid": "progress-stats",
            h2 { {t!("progress-summary")} }
            ul {
                li { {t!("home-progress-read", read: read, total: b.order.len())} }
                li { {t!("progress-answers", n: p.quiz_answers, right: right)} }
                if !b.challenges.is_empty() {
                    li { "data-testid": "progress-challenges",
                        {t!("progress-challenges", solved: solved, total: b.challenges.len())}
                    }
                }
                li {
                    {t!("quiz-due-count", n: due)}
                    if due > 0 {
                        " — "
                        Link { to: Route::QuizItem { id: crate::quiz::catalog::REVIEW.into() }, {t!("progress-review-now")} }
                    }
                }
            }
            if !scores.is_empty() {
                table { class: "quiz-topics",
                    thead {
                        tr {
                            th { {t!("progress-quiz")} }
                            th { {t!("progress-last")} }
                            th { {t!("progress-best")} }
                        }
                    }
                    tbody {
                        for (id , c , n , best) in scores.iter() {
                            tr {
                                td { "{super::quiz::quiz_title(id, lang)}" }
                                td { "{c} / {n}" }
                                td { "{best} / {n}" }
                            }
                        }
                    }
                }
            }
            p { class: "muted small", {t!("progress-where", location: location)} }
        }
    }
}

/// Export: the whole progress document as a file.
fn export_section(state: AppState, mut exported: Signal<Option<String>>) -> Element {
    rsx! {
        section { class: "card",
            h2 { {t!("progress-export-heading")} }
            p { {t!("progress-export-help")} }
            button {
                class: "button primary",
                "data-testid": "progress-export",
                onclick: move |_| {
                    let text = serde_json::to_string_pretty(&*state.progress.read()).unwrap_or_default();
                    let saved = save_export(&text);
                    exported.set(Some(saved));
                    let _ = &text;
                },
                {t!("progress-export")}
            }
            if let Some(msg) = exported() {
                p { class: "muted", "data-testid": "progress-export-result", "{msg}" }
            }
        }
    }
}

/// Import: a file or pasted JSON replaces the progress document, or changes nothing and says
/// why.
fn import_section(
    mut state: AppState,
    mut import_text: Signal<String>,
    mut import_result: Signal<Option<(bool, String)>>,
    mut loaded: Signal<u32>,
) -> Element {
    rsx! {
        section { class: "card",
            h2 { {t!("progress-import-heading")} }
            p { {t!("progress-import-help")} }
            label { class: "import-file-label", r#for: "progress-import-file", {t!("progress-import-file")} }
            input {
                r#type: "file",
                accept: ".json,application/json",
                id: "progress-import-file",
                "data-testid": "progress-import-file",
                onchange: move |_| {
                    spawn(async move {
                        let mut e = document::eval(
                            "const f = document.getElementById('progress-import-file').files[0]; dioxus.send(f ? await f.text() : '');",
                        );
                        if let Ok(text) = e.recv::<String>().await {
                            import_text.set(text);
                            loaded += 1;
                        }
                    });
                },
            }
            // a key only remounts an element in a list: a list of one, keyed by the loads
            for n in [loaded()] {
                textarea {
                    key: "{n}",
                    class: "import-text",
                    "aria-label": t!("progress-import-paste"),
                    "data-testid": "progress-import-text",
                    rows: "6",
                    placeholder: t!("progress-import-placeholder"),
                    initial_value: "{import_text}",
                    oninput: move |e| import_text.set(e.value()),
                }
            }
            button {
                class: "button primary",
                "data-testid": "progress-import",
                onclick: move |_| {
                    let text = import_text.read().clone();
                    match progress::parse(&text) {
                        Ok(p) => {
                            state.replace_progress(p);
                            import_result.set(Some((true, t!("progress-import-ok"))));
                        }
                        Err(e) => {
                            import_result.set(Some((false, t!("progress-import-bad", why: e.to_string()))));
                        }
                    }
                },
                {t!("progress-import")}
            }
            if let Some((ok, msg)) = import_result() {
                p {
                    class: if ok { "import-result ok" } else { "import-result bad" },
                    role: "status",
                    "data-testid": "progress-import-result",
                    "data-ok": if ok { "true" } else { "false" },
                    "{msg}"
                }
            }
        }
    }
}

/// Saves an export: a download on the web, a file beside the progress document on desktop.
/// Returns what to tell the learner.
fn save_export(text: &str) -> String {
    download(
        &format!("kindlab-progress-{}.json", store::now_ms() / 1000),
        text,
    )
}

/// Offers `text` as a file called `name`: a download on the web, a file in the data folder on
/// desktop. Returns what to tell the learner.
pub(super) fn download(name: &str, text: &str) -> String {
    let name = name.to_string();
    #[cfg(target_arch = "wasm32")]
    {
        let e = document::eval(
            r#"const [name, text] = await dioxus.recv();
const url = URL.createObjectURL(new Blob([text], {type: 'application/octet-stream'}));
const a = document.createElement('a'); a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
setTimeout(() => URL.revokeObjectURL(url), 1000);
window.__kindlabExport = text;"#,
        );
        let _ = e.send((name.clone(), text.to_string()));
        t!("progress-export-downloaded", name: name)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let b = store::PlatformBackend::new();
        let path = b.dir().join(&name);
        let written = std::fs::create_dir_all(b.dir()).and_then(|_| std::fs::write(&path, text));
        match written {
            Ok(()) => t!("progress-export-saved", path: path.display().to_string()),
            Err(e) => t!("progress-export-failed", why: format!("{}: {e}", path.display())),
        }
    }
}
