//! Helpers shared by the XSS tests: the whole app rendered with dioxus-ssr at a path, and what
//! "inert" means for the HTML it produces.
#![allow(dead_code)]

use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;
use kindlab::store::{self, MemoryBackend, Settings};
use kindlab::ui::{App, StoreBackend};
use std::rc::Rc;

// ---------------------------------------------------------------------------------------------
// rendering the app

#[derive(Props, Clone, PartialEq)]
pub(crate) struct PageProps {
    backend: StoreBackend,
    path: String,
}

/// The app at `path`, with a store the test filled.
#[allow(non_snake_case)]
pub(crate) fn Page(props: PageProps) -> Element {
    use_context_provider(|| props.backend.clone());
    use_context_provider(|| {
        Rc::new(MemoryHistory::with_initial_path(props.path.clone())) as Rc<dyn History>
    });
    rsx! { App {} }
}

pub(crate) fn render(backend: Rc<MemoryBackend>, path: &str) -> String {
    let mut dom = VirtualDom::new_with_props(
        Page,
        PageProps {
            backend: StoreBackend(backend),
            path: path.to_string(),
        },
    );
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

pub(crate) fn backend_in(lang: store::Lang) -> Rc<MemoryBackend> {
    let b = Rc::new(MemoryBackend::default());
    store::save(
        &*b,
        "settings",
        &Settings {
            lang: Some(lang),
            ..Settings::default()
        },
    )
    .unwrap();
    b
}

// ---------------------------------------------------------------------------------------------
// what "inert" means for rendered HTML

#[derive(Debug)]
pub(crate) struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The opening tags of `html` (dioxus-ssr escapes text and attribute values, so every `<` it
/// writes starts markup, and `>` inside a quoted value is not the end of a tag).
pub(crate) fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let s = i + p;
        let mut j = s + 1;
        let mut quote: Option<u8> = None;
        while j < b.len() {
            let c = b[j];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            j += 1;
        }
        let inner = &html[s + 1..j.min(html.len())];
        i = (j + 1).min(html.len());
        if inner.starts_with('/') || inner.starts_with('!') {
            continue;
        }
        out.push(parse_tag(inner.trim_end_matches('/')));
    }
    out
}

pub(crate) fn parse_tag(inner: &str) -> Tag {
    let chars: Vec<char> = inner.chars().collect();
    let mut k = 0;
    let mut name = String::new();
    while k < chars.len() && !chars[k].is_whitespace() {
        name.push(chars[k]);
        k += 1;
    }
    let mut attrs = vec![];
    loop {
        while k < chars.len() && chars[k].is_whitespace() {
            k += 1;
        }
        if k >= chars.len() {
            break;
        }
        let mut an = String::new();
        while k < chars.len() && !chars[k].is_whitespace() && chars[k] != '=' {
            an.push(chars[k]);
            k += 1;
        }
        let mut value = String::new();
        if k < chars.len() && chars[k] == '=' {
            k += 1;
            if k < chars.len() && (chars[k] == '"' || chars[k] == '\'') {
                let q = chars[k];
                k += 1;
                while k < chars.len() && chars[k] != q {
                    value.push(chars[k]);
                    k += 1;
                }
                k += 1;
            } else {
                while k < chars.len() && !chars[k].is_whitespace() {
                    value.push(chars[k]);
                    k += 1;
                }
            }
        }
        if an.is_empty() {
            k += 1;
            continue;
        }
        attrs.push((an.to_ascii_lowercase(), value));
    }
    Tag {
        name: name.to_ascii_lowercase(),
        attrs,
    }
}

/// An attribute value as the browser sees it: character references decoded (one level, as the
/// HTML parser does), then what URL parsing ignores (whitespace, control characters) removed,
/// lower-cased.
pub(crate) fn as_browser_sees(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(';').map(|e| e + 1);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "nbsp" => Some('\u{a0}'),
                e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                e if e.starts_with('#') => e[1..].parse::<u32>().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

pub(crate) const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "meta",
    "link",
    "noscript",
    "template",
    "portal",
    "animate",
    "set",
    "foreignobject",
    "use",
    "handler",
    "listener",
];

pub(crate) const URL_ATTRS: &[&str] = &[
    "href",
    "xlink:href",
    "src",
    "srcset",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "codebase",
    "manifest",
    "lowsrc",
    "dynsrc",
];

/// Attributes whose value is only ever text (a script URL in them is inert).
pub(crate) const TEXT_ATTRS: &[&str] = &[
    "class",
    "id",
    "title",
    "alt",
    "value",
    "placeholder",
    "lang",
    "name",
    "role",
    "type",
];

pub(crate) fn href_ok(v: &str) -> bool {
    (v.starts_with('/') && !v.starts_with("//") && !v.starts_with("/\\"))
        || v.starts_with('#')
        || v.starts_with("https://")
        || v.starts_with("http://")
        || v.starts_with("mailto:")
}

pub(crate) fn src_ok(v: &str) -> bool {
    ["png", "svg+xml", "jpeg", "gif", "webp"]
        .iter()
        .any(|t| v.starts_with(&format!("data:image/{t};base64,")))
}

/// Properties an SVG `<animate>` may change without any way to load or run something (the app's
/// own diagram fades its health-check dots); animating `href` and the like stays an offence.
const ANIMATABLE: &[&str] = &["opacity", "fill-opacity", "stroke-opacity", "r", "cx", "cy"];

/// An `<animate>` of one of [`ANIMATABLE`], with no script URL in its values.
fn harmless_animation(t: &Tag) -> bool {
    t.name == "animate"
        && t.attrs
            .iter()
            .any(|(n, v)| n == "attributename" && ANIMATABLE.contains(&as_browser_sees(v).trim()))
        && t.attrs.iter().all(|(_, v)| {
            let seen = as_browser_sees(v);
            !seen.contains("javascript:") && !seen.contains("vbscript:")
        })
}

/// Every reason `html` could run code when loaded by a browser.
pub(crate) fn offences(html: &str) -> Vec<String> {
    let mut v = vec![];
    for t in tags(html) {
        if FORBIDDEN_ELEMENTS.contains(&t.name.as_str()) && !harmless_animation(&t) {
            v.push(format!("a <{}> element: {t:?}", t.name));
        }
        for (name, value) in &t.attrs {
            let seen = as_browser_sees(value);
            if name.starts_with("on") {
                v.push(format!(
                    "an event-handler attribute {name}={value:?} on <{}>",
                    t.name
                ));
            } else if name == "srcdoc" || name == "formaction" || name == "action" {
                v.push(format!("a {name} attribute on <{}>", t.name));
            } else if name == "style"
                && (seen.contains("url(") || seen.contains("expression") || seen.contains("script"))
            {
                v.push(format!("a style attribute that loads something: {value:?}"));
            } else if URL_ATTRS.contains(&name.as_str()) {
                let ok = match name.as_str() {
                    "href" | "xlink:href" => href_ok(&seen),
                    "src" => src_ok(&seen),
                    _ => false,
                };
                if !ok {
                    v.push(format!("an unsafe {name}={value:?} on <{}>", t.name));
                }
            } else if !TEXT_ATTRS.contains(&name.as_str())
                && !name.starts_with("data-")
                && !name.starts_with("aria-")
                && (seen.contains("javascript:") || seen.contains("vbscript:"))
            {
                v.push(format!("a script URL in {name}={value:?} on <{}>", t.name));
            }
        }
    }
    v
}

/// `s` as dioxus-ssr writes text: `<`, `>`, `"`, `'` and `&` as character references.
pub(crate) fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

pub(crate) fn assert_inert(html: &str, what: &str) {
    let off = offences(html);
    assert!(off.is_empty(), "{what}: {off:#?}");
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "{what}: a script tag");
    assert!(!lower.contains("<iframe"), "{what}: an iframe");
}
