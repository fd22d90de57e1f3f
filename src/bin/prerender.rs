//! `prerender OUT_DIR`: the web site's fixed parts, rendered at build time by the app's own
//! components (dioxus-ssr), for `cargo xtask web` to assemble into `dist/`:
//!
//! - `packs/<lang>/{index,quizzes,lesson/<slug>}.bin` (listed in `packs.json`): the content
//!   per language in parts (postcard, see `content::Part`), with every lesson diagram already
//!   drawn and every prediction's result read, so the web editions carry no content and the
//!   reader edition no simulator;
//! - `pages.json`: every page with fixed content in both languages (home, the lessons, the quiz
//!   index and each quiz's start panel, progress, the glossary, "before you begin", the lab's
//!   first screen, not-found): its path,
//!   file, language, title, description, the edition it loads, and its body as HTML.
//!
//! Each page is the whole app rendered at that URL with nothing saved yet, so what a browser
//! shows before the app starts is what the app shows once it has. A quiz's start page also
//! carries, hidden, its first question as a practice run started with [`PREVIEW_SEED`] shows
//! it: a tap on Start before the app is live shows it, and the app, once live, starts the same
//! run and takes the learner's picks over (`assets/web/head.js`, `loader.js`).

use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;
use kindlab::content::model::{Block, ListItem, Widget};
use kindlab::content::{self, Bundle, Lang};
use kindlab::quiz::catalog::{GENERATED, REVIEW};
use kindlab::quiz::progress::Progress;
use kindlab::quiz::{self, Command, Mode};
use kindlab::store::{self, Backend};
use kindlab::ui::{self, App, Edition, StoreBackend};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::rc::Rc;

fn main() {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender OUT_DIR");
        std::process::exit(2);
    };
    if let Err(e) = run(&out) {
        eprintln!("prerender: {e}");
        std::process::exit(1);
    }
}

fn run(out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut bundle = content::builtin();
    for p in &bundle.problems {
        eprintln!("prerender: warning: content/{p}");
    }
    draw_diagrams(&mut bundle);
    let mut names = vec![];
    for lang in Lang::ALL {
        for part in bundle.parts() {
            let name = part.name(lang);
            let pack =
                postcard::to_allocvec(&bundle.pack(&part, lang)).map_err(|e| e.to_string())?;
            write(&out.join("packs").join(format!("{name}.bin")), &pack)?;
            names.push(name);
        }
    }
    let list = serde_json::to_string_pretty(&names).map_err(|e| e.to_string())?;
    write(&out.join("packs.json"), list.as_bytes())?;
    let slugs = bundle.order.clone();
    let quizzes: Vec<String> = bundle.quizzes.iter().map(|q| q.id.clone()).collect();
    let challenges: Vec<String> = bundle.challenges.iter().map(|c| c.id.clone()).collect();
    content::install_bundle_for_test(bundle)
        .map_err(|_| "the content was read before the pre-renderer set it".to_string())?;

    let mut pages = vec![];
    for lang in [Lang::En, Lang::Zh] {
        for (path, edition) in app_paths(&slugs, &quizzes, &challenges) {
            pages.push(render_page(lang, &path, edition));
        }
    }
    let json = serde_json::to_string_pretty(&pages).map_err(|e| e.to_string())?;
    write(&out.join("pages.json"), json.as_bytes())?;
    eprintln!(
        "prerender: {} pages, {} content packs in {}",
        pages.len(),
        names.len(),
        out.display()
    );
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The pages with fixed content (app paths, language-free) and the edition each one loads:
/// the lab, the challenges and the generated quiz need the simulator.
fn app_paths(
    slugs: &[String],
    quizzes: &[String],
    challenges: &[String],
) -> Vec<(String, Edition)> {
    let mut v = vec![("/".to_string(), Edition::Reader)];
    v.extend(
        slugs
            .iter()
            .map(|s| (format!("/lesson/{s}"), Edition::Reader)),
    );
    v.push(("/lab".into(), Edition::Full));
    v.extend(
        challenges
            .iter()
            .map(|id| (format!("/challenge/{id}"), Edition::Full)),
    );
    v.push(("/quiz".into(), Edition::Reader));
    for id in quizzes.iter().map(String::as_str).chain(["review"]) {
        v.push((format!("/quiz/{id}"), Edition::Reader));
    }
    v.push(("/quiz/generated".into(), Edition::Full));
    v.push(("/progress".into(), Edition::Reader));
    v.push(("/glossary".into(), Edition::Reader));
    v.push(("/start".into(), Edition::Reader));
    // the not-found page (served for any path that has no page)
    v.push((NOT_FOUND.into(), Edition::Reader));
    v
}

/// The app path rendered for `404.html`.
const NOT_FOUND: &str = "/404";

#[derive(Serialize)]
struct Page {
    /// The URL path (`/zh/lesson/kind-ha`).
    path: String,
    /// The file under dist/ (`zh/lesson/kind-ha.html`).
    file: String,
    /// `en` or `zh` (the content pack), and the BCP 47 tag for `<html lang>`.
    code: &'static str,
    lang: &'static str,
    /// `reader` or `full`: the edition the page loads.
    edition: &'static str,
    title: String,
    description: String,
    /// The same page in each language (`hreflang` alternates, the language switch).
    en: String,
    zh: String,
    /// A page made for doing (the lab, a quiz): its edition starts at once, not after the
    /// first paint as a reading page's does.
    eager: bool,
    /// The content packs the page shows (see `content::Part`).
    packs: Vec<String>,
    /// What goes inside `<div id="main">`.
    body: String,
}

fn render_page(lang: Lang, app_path: &str, edition: Edition) -> Page {
    let path = ui::lang_path(lang, app_path);
    let mut body = render_at(&path, edition, None);
    if let Some(id) = app_path.strip_prefix("/quiz/") {
        if let Some(preview) = quiz_preview(&path, edition, id) {
            body = with_preview(&body, &preview).unwrap_or(body);
        }
    }
    let file = if app_path == NOT_FOUND {
        match lang {
            Lang::En => "404.html".to_string(),
            Lang::Zh => "zh/404.html".to_string(),
        }
    } else if app_path == "/" {
        match lang {
            Lang::En => "index.html".to_string(),
            Lang::Zh => "zh/index.html".to_string(),
        }
    } else {
        format!("{}.html", path.trim_start_matches('/'))
    };
    let (code, tag) = match lang {
        Lang::En => ("en", "en-US"),
        Lang::Zh => ("zh", "zh-CN"),
    };
    Page {
        path,
        file,
        code,
        lang: tag,
        edition: match edition {
            Edition::Full => "full",
            Edition::Reader => "reader",
        },
        title: ui::web::last_title(),
        description: ui::web::last_description(),
        en: ui::lang_path(Lang::En, app_path),
        zh: ui::lang_path(Lang::Zh, app_path),
        eager: app_path == "/lab"
            || app_path.starts_with("/quiz/")
            || app_path.starts_with("/challenge/"),
        packs: page_parts(app_path, lang)
            .iter()
            .map(|p| p.name(lang))
            .collect(),
        body,
    }
}

/// The app at `path` (`saved`: the progress record it finds saved, else nothing) as HTML.
fn render_at(path: &str, edition: Edition, saved: Option<String>) -> String {
    let mut dom = VirtualDom::new_with_props(
        Root,
        RootProps {
            path: path.to_string(),
            edition,
            saved,
        },
    );
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

/// The seed of the practice run a quiz's start page previews (the app starts the same run
/// when the preview was used: `data-kindlab-preview` on `<html>`).
const PREVIEW_SEED: u64 = 1;

/// A file quiz's first question as a new practice run in the file's order shows it (none for
/// the review and the generated quiz, whose questions depend on the learner and the simulator).
fn quiz_preview(path: &str, edition: Edition, id: &str) -> Option<String> {
    if matches!(id, REVIEW | GENERATED) || content::bundle().quiz(id).is_none() {
        return None;
    }
    let mut progress = Progress::default();
    let start = Command::Start {
        quiz: id.to_string(),
        mode: Mode::Practice,
        shuffle: false,
        seed: PREVIEW_SEED,
    };
    if !progress.apply(start, &quiz::Catalog::default(), 0).changed {
        return None;
    }
    let saved = serde_json::to_string(&progress).ok()?;
    let page = render_at(path, edition, Some(saved));
    let question = element(&page, "data-testid=\"quiz-question\"")?;
    Some(format!(
        "<div class=\"quiz-preview\" data-testid=\"quiz-preview\" data-seed=\"{PREVIEW_SEED}\" \
         hidden>{question}</div>"
    ))
}

/// `body` with `preview` as the last child of its quiz's section.
fn with_preview(body: &str, preview: &str) -> Option<String> {
    let section = element(body, "data-testid=\"quiz\"")?;
    let start = body.find(section)?;
    let at = start + section.len() - "</section>".len();
    Some(format!("{}{preview}{}", &body[..at], &body[at..]))
}

/// The whole element (start tag to its end tag) whose start tag holds `attr`, in HTML as
/// dioxus-ssr writes it (every element closed; void elements without an end tag).
fn element<'a>(html: &'a str, attr: &str) -> Option<&'a str> {
    let at = html.find(attr)?;
    let open = html[..at].rfind('<')?;
    let name: String = html[open + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let (open_tag, close_tag) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0usize;
    let mut i = open;
    loop {
        let next_open = html[i..].find(&open_tag).map(|k| i + k);
        let next_close = html[i..].find(&close_tag).map(|k| i + k)?;
        match next_open {
            // a start tag of the same name (not a longer name that begins with it)
            Some(o)
                if o < next_close && html[o + open_tag.len()..].starts_with([' ', '>', '/']) =>
            {
                depth += 1;
                i = o + open_tag.len();
            }
            Some(o) if o < next_close => i = o + open_tag.len(),
            _ => {
                depth = depth.checked_sub(1)?;
                i = next_close + close_tag.len();
                if depth == 0 {
                    return Some(&html[open..i]);
                }
            }
        }
    }
}

/// The content packs a page shows: its path's parts, and a lesson's quizzes.
fn page_parts(app_path: &str, lang: Lang) -> Vec<content::Part> {
    let mut parts = content::Part::for_path(app_path);
    if let Some(slug) = app_path.strip_prefix("/lesson/") {
        for id in content::bundle().quizzes_in(slug, lang) {
            parts.push(content::Part::Quiz(id));
        }
    }
    parts
}

#[derive(Props, Clone, PartialEq)]
struct RootProps {
    path: String,
    edition: Edition,
    saved: Option<String>,
}

/// The app at `path`, with nothing saved (a first visit) or only `saved` as the progress
/// record, and the edition the page loads.
#[allow(non_snake_case)]
fn Root(props: RootProps) -> Element {
    let progress = props.saved.clone();
    use_context_provider(|| StoreBackend(Rc::new(Blank { progress })));
    use_context_provider(|| {
        Rc::new(MemoryHistory::with_initial_path(props.path.clone())) as Rc<dyn History>
    });
    use_context_provider(|| props.edition);
    rsx! {
        App {}
    }
}

/// Nothing saved yet but, for a quiz's preview, its progress record; places named as the web
/// build names them.
struct Blank {
    progress: Option<String>,
}

impl Backend for Blank {
    fn read(&self, key: &str) -> Option<String> {
        self.progress.clone().filter(|_| key == "progress")
    }
    fn write(&self, _key: &str, _text: &str) -> Result<(), String> {
        Ok(())
    }
    fn read_backup(&self, _key: &str) -> Option<String> {
        None
    }
    fn remove(&self, _key: &str) {}
    fn preserve(&self, key: &str, _text: &str) -> String {
        key.to_string()
    }
    fn location(&self, key: &str) -> String {
        store::web_location(key)
    }
}

// ---------------------------------------------------------------------------------------------
// lesson diagrams, drawn once

/// Runs every topology widget's commands on a fresh simulator and keeps the diagram as the app
/// draws it, in the lesson's language; reads every prediction's result the same way.
fn draw_diagrams(bundle: &mut Bundle) {
    for lesson in &mut bundle.lessons {
        let lang = lesson.lang;
        for b in &mut lesson.blocks {
            draw_in(b, lang);
        }
    }
}

fn draw_in(b: &mut Block, lang: Lang) {
    match b {
        Block::Widget(Widget::Topology {
            caption,
            commands,
            drawn,
        }) => {
            *drawn = draw(lang, commands, caption);
        }
        // the reader edition has no simulator: a prediction's result is read now
        Block::Widget(Widget::Predict(p)) => {
            p.observed = kindlab::lab::predict::observe(&p.run, &p.observe).ok();
        }
        Block::Quote(bs) | Block::Admonition { blocks: bs, .. } => {
            for b in bs {
                draw_in(b, lang);
            }
        }
        Block::List { items, .. } => {
            for ListItem { blocks, .. } in items {
                for b in blocks {
                    draw_in(b, lang);
                }
            }
        }
        _ => {}
    }
}

fn draw(lang: Lang, commands: &[String], caption: &str) -> String {
    let mut dom = VirtualDom::new_with_props(
        Drawing,
        DrawingProps {
            lang,
            commands: commands.to_vec(),
            caption: caption.to_string(),
        },
    );
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

#[derive(Props, Clone, PartialEq)]
struct DrawingProps {
    lang: Lang,
    commands: Vec<String>,
    caption: String,
}

#[allow(non_snake_case)]
fn Drawing(props: DrawingProps) -> Element {
    let lang = props.lang;
    ui::use_ui_lang(lang);
    let topo = use_hook(|| ui::topology_after(&props.commands));
    rsx! {
        ui::TopologyFigure { topo, caption: props.caption.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_element_ends_at_its_own_end_tag_past_nested_ones_of_its_name() {
        let html = "<div a><div data-x=\"1\"><div>in</div><divx></divx><br/></div>after</div>";
        assert_eq!(
            element(html, "data-x=\"1\""),
            Some("<div data-x=\"1\"><div>in</div><divx></divx><br/></div>")
        );
        assert_eq!(element(html, "data-y"), None);
        assert_eq!(element("<p data-x=\"1\">never closed", "data-x"), None);
    }

    #[test]
    fn the_preview_is_the_last_child_of_the_quiz_section() {
        let body = "<main><section data-testid=\"quiz\"><section>inner</section><div>start</div>\
                    </section><p>after</p></main>";
        assert_eq!(
            with_preview(body, "<div hidden>q</div>").as_deref(),
            Some(
                "<main><section data-testid=\"quiz\"><section>inner</section><div>start</div>\
                 <div hidden>q</div></section><p>after</p></main>"
            )
        );
        assert_eq!(with_preview("<main></main>", "x"), None);
    }

    #[test]
    fn a_file_quiz_start_page_previews_its_first_question_and_the_review_none() {
        // (natively the content is the built-in bundle)
        let page = render_page(Lang::En, "/quiz/chapter", Edition::Reader);
        let preview = element(&page.body, "data-testid=\"quiz-preview\"").expect("a preview");
        assert!(preview.contains(" hidden>"), "{preview}");
        assert!(preview.contains(&format!("data-seed=\"{PREVIEW_SEED}\"")));
        assert!(preview.contains("data-question=\"chapter-1\""), "{preview}");
        assert!(
            preview.contains("data-testid=\"quiz-option-1\""),
            "{preview}"
        );
        // the start panel is there as before, the preview after it
        let start = page.body.find("data-testid=\"quiz-start\"").unwrap();
        assert!(start < page.body.find("quiz-preview").unwrap());
        let review = render_page(Lang::En, "/quiz/review", Edition::Reader);
        assert!(!review.body.contains("quiz-preview"));
    }
}
