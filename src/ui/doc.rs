//! Renders the content model (`crate::content::model`) to RSX. Text only ever becomes text nodes
//! and attribute values: there is no `dangerous_inner_html` on this path, raw HTML that reached
//! the model is shown as code, and links were classified (and unsafe ones dropped) when the
//! model was built.

use super::i18n::t;
use super::icons::{Glyph, Icon};
use super::routes::href as route_href;
use super::routes::Route;
use super::state::AppState;
use super::widgets::{LabWidget, TopologyWidget};
use crate::content::model::*;
use dioxus::prelude::*;

/// Blocks in order.
pub(super) fn blocks(bs: &[Block]) -> Element {
    rsx! {
        for b in bs.iter() {
            {block(b)}
        }
    }
}

fn block(b: &Block) -> Element {
    match b {
        Block::Heading { level, id, content } => heading(*level, id, content),
        Block::Paragraph(i) => rsx! {
            p { {inlines(i)} }
        },
        Block::List { start, items } => match start {
            Some(n) => rsx! {
                ol { start: "{n}",
                    for it in items.iter() {
                        {item(it)}
                    }
                }
            },
            None => rsx! {
                ul { class: if items.iter().any(|i| i.task.is_some()) { "tasks" },
                    for it in items.iter() {
                        {item(it)}
                    }
                }
            },
        },
        Block::Quote(bs) => rsx! {
            blockquote { {blocks(bs)} }
        },
        Block::Admonition { kind, blocks: bs } => {
            let title = match kind {
                Admonition::Note => t!("admonition-note"),
                Admonition::Tip => t!("admonition-tip"),
                Admonition::Important => t!("admonition-important"),
                Admonition::Warning => t!("admonition-warning"),
                Admonition::Caution => t!("admonition-caution"),
            };
            let icon = match kind {
                Admonition::Note => "ℹ",
                Admonition::Tip => "✦",
                Admonition::Important => "!",
                Admonition::Warning | Admonition::Caution => "⚠",
            };
            rsx! {
                aside {
                    class: "admonition {kind.as_str()}",
                    role: "note",
                    "data-testid": "admonition-{kind.as_str()}",
                    p { class: "admonition-title",
                        span { class: "admonition-icon", "aria-hidden": "true", "{icon}" }
                        "{title}"
                    }
                    {blocks(bs)}
                }
            }
        }
        Block::Code(c) => rsx! {
            CodeView { code: c.clone() }
        },
        Block::Table { align, head, rows } => {
            let class_of = |i: usize| match align.get(i) {
                Some(Align::Left) => "left",
                Some(Align::Center) => "center",
                Some(Align::Right) => "right",
                _ => "",
            };
            rsx! {
                div { class: "table-wrap",
                    table {
                        thead {
                            tr {
                                for (i , h) in head.iter().enumerate() {
                                    th { class: class_of(i), scope: "col", {inlines(h)} }
                                }
                            }
                        }
                        tbody {
                            for row in rows.iter() {
                                tr {
                                    for (i , c) in row.iter().enumerate() {
                                        td { class: class_of(i), {inlines(c)} }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Block::Rule => rsx! {
            hr {}
        },
        Block::Widget(w) => widget(w),
        Block::Html(h) => rsx! {
            pre { class: "raw-html", code { "{h}" } }
        },
    }
}

fn heading(level: u8, id: &str, content: &[Inline]) -> Element {
    let inner = inlines(content);
    let anchor = rsx! {
        AnchorLink { id: id.to_string() }
    };
    match level {
        1 | 2 => rsx! {
            h2 { id: "{id}", class: "heading", {inner} {anchor} }
        },
        3 => rsx! {
            h3 { id: "{id}", class: "heading", {inner} {anchor} }
        },
        4 => rsx! {
            h4 { id: "{id}", class: "heading", {inner} }
        },
        _ => rsx! {
            h5 { id: "{id}", class: "heading", {inner} }
        },
    }
}

/// The `#` link beside a heading (copy-able address of the section).
#[component]
fn AnchorLink(id: String) -> Element {
    let target = id.clone();
    rsx! {
        a {
            class: "anchor",
            href: "#{id}",
            "aria-label": t!("heading-anchor"),
            onclick: move |e: MouseEvent| {
                e.prevent_default();
                scroll_to(&target);
            },
            "#"
        }
    }
}

fn item(it: &ListItem) -> Element {
    match it.task {
        Some(done) => rsx! {
            li { class: "task",
                input {
                    r#type: "checkbox",
                    checked: done,
                    disabled: true,
                    "aria-label": if done { t!("task-done") } else { t!("task-open") },
                }
                {blocks(&it.blocks)}
            }
        },
        None => rsx! {
            li { {blocks(&it.blocks)} }
        },
    }
}

/// Inline content in order.
pub(super) fn inlines(is: &[Inline]) -> Element {
    rsx! {
        for i in is.iter() {
            {inline(i)}
        }
    }
}

fn inline(i: &Inline) -> Element {
    match i {
        Inline::Text(t) => rsx! { "{t}" },
        Inline::Code(t) => rsx! {
            code { "{t}" }
        },
        Inline::Emph(c) => rsx! {
            em { {inlines(c)} }
        },
        Inline::Strong(c) => rsx! {
            strong { {inlines(c)} }
        },
        Inline::Strike(c) => rsx! {
            del { {inlines(c)} }
        },
        Inline::Plain(c) => rsx! {
            span { {inlines(c)} }
        },
        Inline::Link {
            href,
            title,
            content,
        } => rsx! {
            DocLink { href: href.clone(), title: title.clone(), {inlines(content)} }
        },
        Inline::Image { src, alt } => rsx! {
            img { src: "{src}", alt: "{alt}", loading: "lazy" }
        },
        Inline::FootnoteRef { label, n } => {
            let target = format!("fn-{label}");
            rsx! {
                sup { class: "fnref", id: "fnref-{label}",
                    a {
                        href: "#fn-{label}",
                        onclick: move |e: MouseEvent| {
                            e.prevent_default();
                            scroll_to(&target);
                        },
                        "[{n}]"
                    }
                }
            }
        }
        Inline::SoftBreak => rsx! { " " },
        Inline::HardBreak => rsx! {
            br {}
        },
        Inline::Html(h) => rsx! {
            code { class: "raw-html", "{h}" }
        },
    }
}

/// Scrolls the element with this id into view (below the sticky top bar, see the CSS's
/// `scroll-margin-top`).
pub(super) fn scroll_to(id: &str) {
    if super::web::retired() {
        return;
    }
    // the page may still grow above the heading for a moment (widgets, glossary links and
    // packs arriving): keep the heading at the top for a second, until the reader scrolls
    let e = document::eval(
        r#"const id = await dioxus.recv();
let moved = false;
const stop = () => { moved = true; };
for (const t of ['wheel', 'touchstart', 'keydown', 'mousedown']) addEventListener(t, stop, { once: true, passive: true });
for (let i = 0; i < 20 && !moved; i++) {
  const el = document.getElementById(id);
  if (el) {
    const want = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
    if (Math.abs(el.getBoundingClientRect().top - want) > 4) el.scrollIntoView({ block: 'start' });
  }
  await new Promise(r => setTimeout(r, 50));
}
for (const t of ['wheel', 'touchstart', 'keydown', 'mousedown']) removeEventListener(t, stop);"#,
    );
    let _ = e.send(id.to_string());
}

/// Sets the text of an input or textarea by id. The app's text fields are uncontrolled (their
/// `initial_value` only): writing `value` back on every render can overwrite keys typed in the
/// meantime (seen on desktop, where events cross an IPC), so code changes them through here.
pub(super) fn set_field(id: &str, text: &str) {
    let e = document::eval(
        "const [id, v] = await dioxus.recv(); const el = document.getElementById(id); if (el) { el.value = v; }",
    );
    let _ = e.send((id.to_string(), text.to_string()));
}

/// Waits until the browser has painted what was rendered (a frame, then a task): heavy work
/// started after this does not hold back the page's first paint.
pub(super) async fn after_paint() {
    let _ = document::eval(
        "await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))); return true;",
    )
    .await;
}

/// Gives the keyboard to the first element matching `selector`, once it is rendered and can
/// take it (an element being shown cannot until its styles apply).
pub(super) fn focus_first(selector: &str) {
    focus_first_of(&[selector]);
}

/// Like [`focus_first`], trying the selectors in order: the first that matches an element
/// that takes the focus wins.
pub(super) fn focus_first_of(selectors: &[&str]) {
    focus_with(selectors, false);
}

/// Gives the keyboard back to the control a dialog or menu was opened from, without
/// scrolling: the reader is still where that control is.
#[cfg_attr(not(has_lab), allow(dead_code))]
pub(super) fn focus_back(selector: &str) {
    focus_with(&[selector], true);
}

fn focus_with(selectors: &[&str], prevent_scroll: bool) {
    if super::web::retired() {
        return;
    }
    let e = document::eval(
        "const [sels, preventScroll] = await dioxus.recv(); for (let i = 0; i < 30; i++) { for (const sel of sels) { const el = document.querySelector(sel); if (el) { el.focus({ preventScroll }); if (document.activeElement === el) return; } } await new Promise(r => requestAnimationFrame(r)); }",
    );
    let sels: Vec<String> = selectors.iter().map(|s| s.to_string()).collect();
    let _ = e.send((sels, prevent_scroll));
}

/// Scrolls the window to the top.
pub(super) fn scroll_top() {
    if super::web::retired() {
        return;
    }
    let _ = document::eval("window.scrollTo(0, 0);");
}

/// The id of the lesson heading at the top of the window (the section being read), if any.
pub(super) async fn heading_in_view() -> Option<String> {
    let v = document::eval(
        r#"let id = null;
for (const h of document.querySelectorAll('.lesson-body [id].heading')) {
  if (h.getBoundingClientRect().top > innerHeight * 0.35) break;
  id = h.id;
}
return id;"#,
    )
    .await
    .ok()?;
    v.as_str().map(str::to_string)
}

/// A link from the model: external links open outside the app; lesson, anchor and app links
/// navigate inside it.
#[component]
fn DocLink(href: Href, title: String, children: Element) -> Element {
    let nav = navigator();
    let mut state = use_context::<AppState>();
    let current: Route = use_route();
    let title = (!title.is_empty()).then_some(title);
    match href {
        Href::External(url) => rsx! {
            a {
                class: "external",
                href: "{url}",
                title,
                target: "_blank",
                rel: "noopener noreferrer",
                {children}
            }
        },
        Href::Anchor(a) => {
            let target = a.clone();
            rsx! {
                a {
                    href: "#{a}",
                    title,
                    onclick: move |e: MouseEvent| {
                        e.prevent_default();
                        scroll_to(&target);
                    },
                    {children}
                }
            }
        }
        Href::Lesson { slug, anchor } => {
            let route = Route::Lesson { slug: slug.clone() };
            let here = current == route;
            let shown = match &anchor {
                Some(a) => format!("{}#{a}", route_href(&route)),
                None => route_href(&route),
            };
            rsx! {
                a {
                    href: "{shown}",
                    title,
                    onclick: move |e: MouseEvent| {
                        e.prevent_default();
                        if here {
                            // the lesson on screen: scroll there (or to the top)
                            match &anchor {
                                Some(a) => scroll_to(a),
                                None => scroll_top(),
                            }
                            return;
                        }
                        state.scroll_to.set(anchor.clone());
                        nav.push(route.clone());
                    },
                    {children}
                }
            }
        }
        Href::Glossary(id) => {
            let route = Route::Glossary {};
            let shown = format!("{}#{id}", route_href(&route));
            rsx! {
                a {
                    class: "term-link",
                    href: "{shown}",
                    title,
                    "data-testid": "glossary-link",
                    "data-term": "{id}",
                    onclick: move |e: MouseEvent| {
                        e.prevent_default();
                        state.scroll_to.set(Some(id.clone()));
                        nav.push(route.clone());
                    },
                    {children}
                }
            }
        }
        Href::App(path) => {
            let route = path.parse::<Route>().ok();
            let shown = route.as_ref().map(route_href).unwrap_or(path);
            rsx! {
                a {
                    href: "{shown}",
                    title,
                    onclick: move |e: MouseEvent| {
                        if let Some(r) = &route {
                            e.prevent_default();
                            nav.push(r.clone());
                        }
                    },
                    {children}
                }
            }
        }
    }
}

/// A code block: highlighted lines, a copy button, and for console blocks "try in the lab".
#[component]
pub fn CodeView(code: CodeBlock) -> Element {
    let mut copied = use_signal(|| false);
    let mut state = use_context::<AppState>();
    let nav = navigator();
    let text = code.text.clone();
    let commands = code.commands.clone();
    let lang = code.lang.clone();
    rsx! {
        figure { class: "code", "data-testid": "code-block", "data-lang": "{lang}",
            div { class: "code-bar",
                span { class: "code-lang", "{lang}" }
                span { class: "code-actions",
                    if !commands.is_empty() {
                        button {
                            class: "code-button",
                            "data-testid": "code-try",
                            title: t!("code-try-title"),
                            onclick: move |_| {
                                super::widgets::open_lab(
                                    &mut state,
                                    nav,
                                    super::web::Intent {
                                        lab_commands: Some(commands.clone()),
                                        ..Default::default()
                                    },
                                );
                            },
                            Glyph { icon: Icon::Play }
                            " "
                            {t!("code-try")}
                        }
                    }
                    button {
                        class: "code-button",
                        "data-testid": "code-copy",
                        "data-copied": if copied() { "true" } else { "false" },
                        title: t!("code-copy-title"),
                        onclick: move |_| {
                            copy_text(&text);
                            copied.set(true);
                        },
                        onmouseleave: move |_| copied.set(false),
                        onblur: move |_| copied.set(false),
                        if copied() {
                            "✓ "
                            {t!("code-copied")}
                        } else {
                            {t!("code-copy")}
                        }
                    }
                }
            }
            pre { tabindex: "0",
                code { class: "lang-{lang}",
                    for line in code.lines.iter() {
                        span { class: "line",
                            for s in line.iter() {
                                if s.class.is_empty() {
                                    "{s.text}"
                                } else {
                                    span { class: "tok tok-{s.class}", "{s.text}" }
                                }
                            }
                            "\n"
                        }
                    }
                }
            }
        }
    }
}

/// Copies text to the clipboard (the async Clipboard API, else a hidden textarea and
/// `execCommand`); also leaves it in `window.__kindlabCopied` for the end-to-end tests.
pub(super) fn copy_text(text: &str) {
    let e = document::eval(
        r#"const t = await dioxus.recv();
window.__kindlabCopied = t;
try { await navigator.clipboard.writeText(t); }
catch (_) {
  const ta = document.createElement('textarea');
  ta.value = t; ta.setAttribute('readonly', ''); ta.style.position = 'fixed'; ta.style.opacity = '0';
  document.body.appendChild(ta); ta.select();
  try { document.execCommand('copy'); } catch (_) {}
  ta.remove();
}"#,
    );
    let _ = e.send(text.to_string());
}

fn widget(w: &Widget) -> Element {
    match w {
        Widget::Topology {
            caption,
            commands,
            drawn,
        } => rsx! {
            TopologyWidget { caption: caption.clone(), commands: commands.clone(), drawn: drawn.clone() }
        },
        Widget::Lab {
            caption,
            commands,
            guide,
        } => rsx! {
            LabWidget { caption: caption.clone(), commands: commands.clone(), guide: guide.clone() }
        },
        Widget::Quiz { id } => rsx! {
            super::quiz::QuizWidget { id: id.clone() }
        },
        Widget::Checkpoint { questions } => rsx! {
            super::learn::CheckpointWidget { questions: questions.clone() }
        },
        Widget::Predict(p) => rsx! {
            super::learn::PredictWidget { p: (**p).clone() }
        },
    }
}
