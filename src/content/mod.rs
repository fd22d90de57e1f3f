//! The app's content: the content model and its parsing live in their own crate,
//! `crates/kindlab-content` (re-exported here); this module holds the content in use.
//!
//! The pipeline (mdBook's split of book / preprocess / renderer):
//! - `build.rs` runs [`bundle::load`] over `content/` when the app is compiled: `markdown`
//!   (pulldown-cmark), `quizfile` and `guidefile` (TOML) build the [`model`], `highlight` (syntect) colours
//!   code; the model is serialised into the binary.
//! - At start-up [`bundle()`] reads it back once; the UI (`src/ui/`) renders the model to RSX.
//!   The web editions install per-language packs ([`Part`]) instead.
//! - `kindlab check` (`crate::check`, outside this module) loads a folder the same way and adds
//!   the simulator's checks.

#[cfg(not(target_arch = "wasm32"))]
pub use kindlab_content::{bundle, diag, glossaryfile, guidefile, markdown, quizfile, termlinks};
pub use kindlab_content::{glossary, model, query};
pub use kindlab_content::{Bundle, Hit, Lang, Lesson, Part, Quiz};
use std::sync::Mutex;

/// The bundle built from `content/` when the app was compiled (native builds: the desktop app,
/// the command line, the pre-renderer). The web editions carry no content: they install the
/// per-language packs the pre-renderer wrote ([`install_pack`]).
#[cfg(not(target_arch = "wasm32"))]
const BUNDLE_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/content.bin"));

/// The content in use. Each installed version is leaked (there are at most three in a run: the
/// first language's pack, then both), so readers can hold `&'static` references.
static CURRENT: Mutex<Option<&'static Bundle>> = Mutex::new(None);

fn current() -> Option<&'static Bundle> {
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner())
}

fn set_current(b: Bundle) -> &'static Bundle {
    let b: &'static Bundle = Box::leak(Box::new(b));
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = Some(b);
    b
}

/// Decodes a bundle or pack (postcard) and derives what is not shipped (search sections).
pub fn decode(bytes: &[u8]) -> Result<Bundle, String> {
    let mut b: Bundle = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
    for l in &mut b.lessons {
        l.sections = model::sections(&l.blocks);
    }
    Ok(b)
}

/// A fresh copy of the content compiled into this binary.
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin() -> Bundle {
    decode(BUNDLE_BIN).unwrap_or_else(|e| Bundle {
        problems: vec![format!("the built-in content could not be read: {e}")],
        ..Bundle::default()
    })
}

/// Uses `b` instead of the built-in content (tests that render hostile lessons through the
/// whole app, the pre-renderer). Must run before anything reads the content; `Err` gives `b`
/// back otherwise.
#[doc(hidden)]
pub fn install_bundle_for_test(b: Bundle) -> Result<(), Box<Bundle>> {
    let mut cur = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    if cur.is_some() {
        return Err(Box::new(b));
    }
    *cur = Some(Box::leak(Box::new(b)));
    Ok(())
}

/// The packs installed so far (natively: all of them, compiled in).
static LOADED: Mutex<Option<std::collections::BTreeSet<String>>> = Mutex::new(None);

/// Whether the pack of `part` in `lang` is in.
pub fn has(part: &Part, lang: Lang) -> bool {
    if cfg!(not(target_arch = "wasm32")) {
        return true;
    }
    let loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    let has = |p: &Part| loaded.as_ref().is_some_and(|l| l.contains(&p.name(lang)));
    has(part) || (matches!(part, Part::Quiz(_)) && has(&Part::Quizzes))
}

/// The names of the packs among `parts` (in `lang`) that are not in yet.
pub fn missing(parts: &[Part], lang: Lang) -> Vec<String> {
    parts
        .iter()
        .filter(|p| !has(p, lang))
        .map(|p| p.name(lang))
        .collect()
}

/// Those of the pack names that are not in yet.
pub fn missing_names(names: &[String]) -> Vec<String> {
    if cfg!(not(target_arch = "wasm32")) {
        return vec![];
    }
    let loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    names
        .iter()
        .filter(|n| !loaded.as_ref().is_some_and(|l| l.contains(*n)))
        .cloned()
        .collect()
}

/// Adds a content pack (see [`Part`]) to the content in use. A pack that cannot be read
/// changes nothing and says why.
pub fn install_pack(name: &str, bytes: &[u8]) -> Result<(), String> {
    let pack = decode(bytes)?;
    let mut merged = current().cloned().unwrap_or_default();
    merged.merge(pack);
    set_current(merged);
    LOADED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get_or_insert_with(Default::default)
        .insert(name.to_string());
    Ok(())
}

/// Whether the lessons of `lang` are loaded (always, natively; on the web once its index is in).
pub fn has_lang(lang: Lang) -> bool {
    has(&Part::Index, lang)
}

/// The app's content.
pub fn bundle() -> &'static Bundle {
    if let Some(b) = current() {
        return b;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let b = builtin();
    // the web: nothing until a pack is installed
    #[cfg(target_arch = "wasm32")]
    let b = Bundle::default();
    set_current(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_bundle_loads_and_has_every_lesson_in_both_languages() {
        let b = bundle();
        assert!(!b.order.is_empty(), "{:?}", b.problems);
        for slug in &b.order {
            for lang in Lang::ALL {
                assert!(b.lesson(slug, lang).is_some(), "{slug} {lang:?}");
            }
        }
    }

    #[test]
    fn the_packs_of_both_languages_merge_back_into_the_whole_content() {
        let whole = builtin();
        let mut merged = Bundle::default();
        // in the order a web visit might load them: an index first, lessons, quizzes, the rest
        for lang in [Lang::Zh, Lang::En] {
            for part in whole.parts() {
                let bytes = postcard::to_allocvec(&whole.pack(&part, lang)).unwrap();
                merged.merge(decode(&bytes).unwrap());
            }
        }
        assert_eq!(merged.order, whole.order);
        for l in &whole.lessons {
            let m = merged.lesson(&l.slug, l.lang).expect("every lesson");
            assert!(!m.partial);
            assert_eq!(m.blocks, l.blocks, "{} {:?}", l.slug, l.lang);
            assert_eq!(m.title, l.title);
            assert_eq!((&m.objectives, &m.toc), (&l.objectives, &l.toc));
        }
        assert_eq!(merged.quizzes, whole.quizzes);
        assert_eq!(merged.challenges, whole.challenges);
        assert!(!whole.challenges.is_empty());
        assert_eq!(merged.guides, whole.guides);
        assert!(!whole.guides.is_empty());
        assert_eq!(merged.glossary, whole.glossary);
        assert!(!whole.glossary.terms.is_empty());
        // a glossary pack holds one language; lessons' sources come with the lesson's pack
        let g = whole.pack(&Part::Glossary, Lang::En);
        assert!(g
            .glossary
            .terms
            .iter()
            .all(|t| t.def.zh.is_empty() && !t.def.en.is_empty()));
        assert!(whole
            .pack(&Part::Index, Lang::En)
            .lessons
            .iter()
            .all(|l| l.sources.is_empty()));
        // a guides pack holds one language
        let g = whole.pack(&Part::Guides, Lang::Zh);
        assert!(g
            .guides
            .iter()
            .all(|g| g.title.en.is_empty() && !g.title.zh.is_empty()));
        // an index alone has every lesson's title but no text
        let index = whole.pack(&Part::Index, Lang::Zh);
        assert_eq!(index.lessons.len(), whole.order.len());
        assert!(index
            .lessons
            .iter()
            .all(|l| l.partial && l.blocks.is_empty() && l.lang == Lang::Zh));
        // nor its objectives and contents (the lesson's own page shows them, from its pack)
        assert!(index
            .lessons
            .iter()
            .all(|l| l.objectives.is_empty() && l.toc.is_empty() && !l.summary.is_empty()));
        // a quiz pack holds one language
        let q = whole.pack(&Part::Quizzes, Lang::En);
        assert!(q
            .quizzes
            .iter()
            .all(|q| q.title.zh.is_empty() && !q.title.en.is_empty()));
        // an index has each quiz's title and question count, nothing more
        let en = whole.pack(&Part::Index, Lang::En);
        for (stub, q) in en.quizzes.iter().zip(&whole.quizzes) {
            assert!(stub.partial && stub.title.en == q.title.en && stub.title.zh.is_empty());
            assert_eq!(stub.questions.len(), q.questions.len());
        }
        // an index, one quiz in Chinese, then the English index: that quiz complete in
        // Chinese with both titles, the others still stand-ins
        let mut m = Bundle::default();
        for (part, lang) in [
            (Part::Index, Lang::Zh),
            (Part::Quiz("storage".into()), Lang::Zh),
            (Part::Index, Lang::En),
        ] {
            m.merge(whole.pack(&part, lang));
        }
        let storage = m.quiz("storage").unwrap();
        let full = whole.quiz("storage").unwrap();
        assert!(!storage.partial);
        assert_eq!(storage.title, full.title);
        assert_eq!(storage.questions[0].prompt.zh, full.questions[0].prompt.zh);
        assert!(m.quiz("chapter").unwrap().partial);
        // an index has each challenge's title and lessons in its language, none of its texts;
        // the challenges' pack completes them, in the order the app may load them
        for (stub, c) in en.challenges.iter().zip(&whole.challenges) {
            assert_eq!((&stub.id, &stub.lessons), (&c.id, &c.lessons));
            assert!(stub.title.en == c.title.en && stub.title.zh.is_empty());
            assert!(stub.goal.en.is_empty() && stub.hints.is_empty() && stub.why.is_empty());
        }
        assert!(!whole
            .challenges
            .iter()
            .all(|c| c.hints.is_empty() || c.why.is_empty()));
        for order in [
            [
                (Part::Index, Lang::En),
                (Part::Challenges, Lang::En),
                (Part::Challenges, Lang::Zh),
            ],
            [
                (Part::Challenges, Lang::Zh),
                (Part::Index, Lang::En),
                (Part::Challenges, Lang::En),
            ],
            [
                (Part::Index, Lang::Zh),
                (Part::Index, Lang::En),
                (Part::Challenges, Lang::En),
            ],
        ] {
            let mut m = Bundle::default();
            for (part, lang) in &order {
                m.merge(whole.pack(part, *lang));
            }
            let has_zh = order
                .iter()
                .any(|(p, l)| *p == Part::Challenges && *l == Lang::Zh);
            for (c, w) in m.challenges.iter().zip(&whole.challenges) {
                assert_eq!(c.hints.len(), w.hints.len(), "{order:?}");
                assert_eq!(c.why.len(), w.why.len());
                assert_eq!(c.goal.en, w.goal.en);
                assert_eq!(c.title, w.title);
                if has_zh {
                    assert_eq!(c, w, "{order:?}");
                } else {
                    assert!(c.goal.zh.is_empty());
                }
            }
        }
    }

    #[test]
    fn pages_name_the_parts_they_show() {
        assert_eq!(Part::for_path("/"), vec![Part::Index]);
        assert_eq!(
            Part::for_path("/lesson/kind-ha#create-cluster"),
            vec![Part::Index, Part::Lesson("kind-ha".into())]
        );
        assert_eq!(
            Part::for_path("/quiz/chapter"),
            vec![Part::Index, Part::Quiz("chapter".into())]
        );
        assert_eq!(
            Part::for_path("/quiz/review"),
            vec![Part::Index, Part::Quizzes]
        );
        assert_eq!(Part::for_path("/quiz/generated"), vec![Part::Index]);
        assert_eq!(Part::for_path("/quiz"), vec![Part::Index]);
        assert_eq!(Part::for_path("/lab"), vec![Part::Index, Part::Guides]);
        assert_eq!(
            Part::for_path("/glossary#taint"),
            vec![Part::Index, Part::Glossary]
        );
        assert_eq!(Part::for_path("/start"), vec![Part::Index, Part::Glossary]);
        assert_eq!(
            Part::for_path("/challenge/pvc-pending"),
            vec![Part::Index, Part::Challenges]
        );
        assert_eq!(Part::Challenges.name(Lang::En), "en/challenges");
        assert_eq!(Part::Guides.name(Lang::Zh), "zh/guides");
        assert_eq!(Part::Lesson("x".into()).name(Lang::Zh), "zh/lesson/x");
    }
}
