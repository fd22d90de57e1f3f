//! The web page around the app: how an edition starts on a pre-rendered page and takes it over,
//! how the reader edition hands over to the full one (with the lab) when the lab is wanted, and
//! the content packs. The page's own loader (`window.kindlab`, written by `cargo xtask web`,
//! see `xtask/src/site.rs`) fetches the edition's files and the pack; this side talks to it.
//! Off the web every function here is a no-op (or says "nothing to do").

use serde::{Deserialize, Serialize};

/// What the learner asked the lab for in the reader edition, carried over to the full edition
/// when it takes the page over (kept in `sessionStorage` for the one hand-over).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intent {
    /// Commands to run in the lab ("try in the lab", a lesson's lab widget).
    pub lab_commands: Option<String>,
    /// A guided lab to open.
    pub lab_guide: Option<String>,
}

/// The edition compiled here, as the page's loader names it.
#[cfg(target_arch = "wasm32")]
const EDITION: &str = if cfg!(has_lab) { "full" } else { "reader" };

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::{JsCast, JsValue};

    pub(super) fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
        js_sys::Reflect::get(obj, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    /// `window.kindlab`, the page's loader.
    pub(super) fn loader() -> Option<JsValue> {
        get(&js_sys::global(), "kindlab")
    }

    /// Calls `window.kindlab[name](args...)`.
    pub(super) fn call(name: &str, args: &[JsValue]) -> Option<JsValue> {
        let k = loader()?;
        let f: js_sys::Function = get(&k, name)?.dyn_into().ok()?;
        let a = js_sys::Array::new();
        for v in args {
            a.push(v);
        }
        f.apply(&k, &a).ok()
    }
}

/// Whether this edition has handed the page over (to the full edition) and must not touch it
/// any more: its own elements are gone, but the browser's back button and its timers would
/// still reach it.
pub fn retired() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        js::loader()
            .and_then(|k| js::get(&k, "retired"))
            .and_then(|r| js::get(&r, EDITION))
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Installs the content packs the loader fetched before starting the app
/// (`window.kindlab.packs`: pack name → bytes). A pack that cannot be read is reported.
pub fn install_loaded_packs() -> Vec<String> {
    #[allow(unused_mut)]
    let mut problems = vec![];
    #[cfg(target_arch = "wasm32")]
    {
        let Some(packs) = js::loader().and_then(|k| js::get(&k, "packs")) else {
            return vec!["the page did not load the content (window.kindlab.packs)".into()];
        };
        let names = js_sys::Object::keys(&js_sys::Object::from(packs.clone()));
        for name in names.iter().filter_map(|n| n.as_string()) {
            if crate::content::missing_names(std::slice::from_ref(&name)).is_empty() {
                continue;
            }
            if let Some(bytes) = js::get(&packs, &name) {
                let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
                if let Err(e) = crate::content::install_pack(&name, &bytes) {
                    problems.push(format!("content pack {name}: {e}"));
                }
            }
        }
    }
    problems
}

/// Fetches and installs content packs by name (see `content::Part`): the language switch, a
/// lesson opened from another page, the search over every lesson.
pub async fn load_packs(names: Vec<String>) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        for name in names {
            let promise = js::call("pack", &[name.as_str().into()])
                .ok_or("this page has no content loader (window.kindlab.pack)")?;
            let promise: js_sys::Promise = wasm_bindgen::JsCast::dyn_into(promise)
                .map_err(|_| "window.kindlab.pack did not return a promise".to_string())?;
            let bytes = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(|e| format!("the content {name} could not be loaded: {e:?}"))?;
            if crate::content::missing_names(std::slice::from_ref(&name)).is_empty() {
                // another part of the page asked for it too
                continue;
            }
            let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
            crate::content::install_pack(&name, &bytes)
                .map_err(|e| format!("the content {name} could not be read: {e}"))?;
        }
        Ok(())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = names;
        Ok(())
    }
}

/// The element to mount into: the one the loader made (hidden, beside the pre-rendered page),
/// else `#main`.
#[cfg(target_arch = "wasm32")]
pub fn mount_point() -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    js::loader()
        .and_then(|k| js::get(&k, "mount"))
        .and_then(|m| m.dyn_into::<web_sys::Element>().ok())
        .or_else(|| web_sys::window()?.document()?.get_element_by_id("main"))
}

/// The browser's languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let nav = js::get(&js_sys::global(), "navigator");
        let list = nav.as_ref().and_then(|n| js::get(n, "languages"));
        if let Some(list) = list {
            let arr = js_sys::Array::from(&list);
            return arr.iter().filter_map(|v| v.as_string()).collect();
        }
        nav.and_then(|n| js::get(&n, "language"))
            .and_then(|l| l.as_string())
            .into_iter()
            .collect()
    }
    #[cfg(not(target_arch = "wasm32"))]
    vec![]
}

/// The seed of the practice run a quiz's start page showed the first question of, when the
/// learner tapped Start there before the app was live (`data-kindlab-preview` on `<html>`, set
/// by the page's `head.js`): the run the app starts must be that one, for the learner's picks
/// to land on the same options. Read once.
pub fn preview_seed() -> Option<u64> {
    #[cfg(target_arch = "wasm32")]
    {
        let html = web_sys::window()?.document()?.document_element()?;
        let seed = html.get_attribute("data-kindlab-preview")?;
        let _ = html.remove_attribute("data-kindlab-preview");
        seed.parse().ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// Tells the loader that the app has rendered its first page: the loader swaps it in for the
/// pre-rendered one (keeping the reader's place) in one step.
pub fn rendered() {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = js::call("mounted", &[EDITION.into()]);
    }
}

/// The document follows the page shown: its language, its title, and the canonical and
/// `hreflang` links of the pre-rendered page it started as (`en`, `zh`: the page's path in each
/// language; `lang_tag` says which one this is).
pub fn set_document(lang_tag: &str, title: &str, en: &str, zh: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        if retired() {
            return;
        }
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        doc.set_title(title);
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang_tag);
        }
        let here = if lang_tag.starts_with("zh") { zh } else { en };
        for (sel, href) in [
            ("link[rel=canonical]", here),
            ("link[rel=alternate][hreflang=en]", en),
            ("link[rel=alternate][hreflang=zh-CN]", zh),
            ("link[rel=alternate][hreflang=x-default]", en),
        ] {
            if let Ok(Some(link)) = doc.query_selector(sel) {
                let _ = link.set_attribute("href", href);
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (lang_tag, title, en, zh);
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static TITLE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    static DESCRIPTION: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Notes a summary of the page being rendered (its `<meta name="description">`).
pub fn note_description(text: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    DESCRIPTION.with(|t| text.clone_into(&mut t.borrow_mut()));
    #[cfg(target_arch = "wasm32")]
    let _ = text;
}

/// The description noted last in this thread (see [`note_description`]).
pub fn last_description() -> String {
    #[cfg(not(target_arch = "wasm32"))]
    return DESCRIPTION.with(|t| t.borrow().clone());
    #[cfg(target_arch = "wasm32")]
    String::new()
}

/// Notes the title of the page being rendered (the pre-renderer writes it into the page's head).
pub fn note_title(title: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    TITLE.with(|t| title.clone_into(&mut t.borrow_mut()));
    #[cfg(target_arch = "wasm32")]
    let _ = title;
}

/// The title of the page rendered last in this thread (see [`note_title`]).
pub fn last_title() -> String {
    #[cfg(not(target_arch = "wasm32"))]
    return TITLE.with(|t| t.borrow().clone());
    #[cfg(target_arch = "wasm32")]
    String::new()
}

const INTENT_KEY: &str = "kindlab.intent";

/// Keeps `intent` for the full edition (it reads it once when it starts).
pub fn upgrade_later(intent: &Intent) {
    #[cfg(target_arch = "wasm32")]
    {
        if *intent != Intent::default() {
            if let (Some(s), Ok(text)) = (session_storage(), serde_json::to_string(intent)) {
                let _ = s.set_item(INTENT_KEY, &text);
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (intent, INTENT_KEY);
}

/// The reader edition wants the lab: keeps `intent` for the full edition and asks the loader to
/// start it (it takes the page over when ready; the reader keeps the page until then).
/// Returns false when there is no loader (not on the web, or a page without one).
pub fn upgrade(intent: &Intent) -> bool {
    upgrade_later(intent);
    #[cfg(target_arch = "wasm32")]
    return js::call("upgrade", &[]).is_some();
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Like [`upgrade`], from a lesson's lab widget: the page stays where it is, and the widget
/// the learner touched gets the keyboard once the lab is there.
pub fn upgrade_here(intent: &Intent) -> bool {
    upgrade_later(intent);
    #[cfg(target_arch = "wasm32")]
    return js::call("upgrade", &["here".into()]).is_some();
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// What the reader edition asked for before handing over (read once).
pub fn take_intent() -> Option<Intent> {
    #[cfg(target_arch = "wasm32")]
    {
        let s = session_storage()?;
        let text = s.get_item(INTENT_KEY).ok()??;
        let _ = s.remove_item(INTENT_KEY);
        serde_json::from_str(&text).ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

#[cfg(target_arch = "wasm32")]
fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}
