//! Lessons and quizzes: loading, validating and rendering-to-model.
//!
//! The pipeline (mdBook's split of book / preprocess / renderer):
//! - `build.rs` runs [`bundle::load`] over `content/` when the app is compiled: `markdown`
//!   (pulldown-cmark) and `quizfile` (TOML) build the [`model`], `highlight` (syntect) colours
//!   code; the model is serialised into the binary.
//! - At start-up [`bundle()`] reads it back once; the UI (`src/ui/`) renders the model to RSX.
//! - `kindlab check` ([`check`]) loads a folder the same way and adds the simulator's checks.

pub mod model;

#[cfg(not(target_arch = "wasm32"))]
pub mod bundle;
#[cfg(not(target_arch = "wasm32"))]
pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod diag;
#[cfg(test)]
pub mod highlight;
#[cfg(not(target_arch = "wasm32"))]
pub mod markdown;
#[cfg(not(target_arch = "wasm32"))]
pub mod quizfile;

pub use model::{Bundle, Lang, Lesson, Quiz};
use std::sync::OnceLock;

impl From<crate::store::Lang> for Lang {
    fn from(l: crate::store::Lang) -> Lang {
        match l {
            crate::store::Lang::En => Lang::En,
            crate::store::Lang::Zh => Lang::Zh,
        }
    }
}

/// The bundle built from `content/` when the app was compiled.
const BUNDLE_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/content.bin"));

static BUNDLE: OnceLock<Bundle> = OnceLock::new();

/// Uses `b` instead of the built-in content (tests that render hostile lessons through the
/// whole app). Must run before anything reads the content; `Err` gives `b` back otherwise.
#[doc(hidden)]
pub fn install_bundle_for_test(b: Bundle) -> Result<(), Bundle> {
    BUNDLE.set(b)
}

/// The app's content, deserialised once.
pub fn bundle() -> &'static Bundle {
    BUNDLE.get_or_init(|| {
        let mut b: Bundle = postcard::from_bytes(BUNDLE_BIN).unwrap_or_else(|e| Bundle {
            problems: vec![format!("the built-in content could not be read: {e}")],
            ..Bundle::default()
        });
        for l in &mut b.lessons {
            l.sections = model::sections(&l.blocks);
        }
        b
    })
}

impl Bundle {
    /// The lesson `slug` in `lang`.
    pub fn lesson(&self, slug: &str, lang: Lang) -> Option<&Lesson> {
        self.lessons
            .iter()
            .find(|l| l.slug == slug && l.lang == lang)
    }

    /// Lessons in reading order, in one language.
    pub fn lessons_in(&self, lang: Lang) -> Vec<&Lesson> {
        self.order
            .iter()
            .filter_map(|s| self.lesson(s, lang))
            .collect()
    }

    /// 0-based place of `slug` in the reading order.
    pub fn position(&self, slug: &str) -> Option<usize> {
        self.order.iter().position(|s| s == slug)
    }

    /// The lessons before and after `slug` in reading order.
    pub fn neighbours(&self, slug: &str) -> (Option<&str>, Option<&str>) {
        let Some(i) = self.position(slug) else {
            return (None, None);
        };
        let prev = i.checked_sub(1).map(|j| self.order[j].as_str());
        let next = self.order.get(i + 1).map(String::as_str);
        (prev, next)
    }

    pub fn quiz(&self, id: &str) -> Option<&Quiz> {
        self.quizzes.iter().find(|q| q.id == id)
    }

    /// Problems recorded for one file (shown on its page).
    pub fn problems_in(&self, file: &str) -> Vec<&str> {
        let prefix = format!("{file}:");
        self.problems
            .iter()
            .filter(|p| p.starts_with(&prefix))
            .map(String::as_str)
            .collect()
    }

    /// Searches the lessons of one language: every word of `query` must occur (ignoring case)
    /// in a section's heading or text, or in the lesson's title. Substring matching, so Chinese
    /// (written without spaces) is found too.
    pub fn search(&self, lang: Lang, query: &str, limit: usize) -> Vec<Hit> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return vec![];
        }
        let mut hits = vec![];
        for l in self.lessons_in(lang) {
            let title = l.title.to_lowercase();
            for s in &l.sections {
                let heading = s.heading.to_lowercase();
                let text = s.text.to_lowercase();
                let found = words
                    .iter()
                    .all(|w| text.contains(w) || heading.contains(w) || title.contains(w));
                if !found {
                    continue;
                }
                // rank: a word in the heading or title counts more than one in the text
                let score = words
                    .iter()
                    .map(|w| {
                        (heading.contains(w) as u32) * 3
                            + (title.contains(w) as u32) * 2
                            + text.contains(w) as u32
                    })
                    .sum::<u32>();
                hits.push(Hit {
                    slug: l.slug.clone(),
                    lesson_title: l.title.clone(),
                    anchor: s.id.clone(),
                    heading: if s.heading.is_empty() {
                        l.title.clone()
                    } else {
                        s.heading.clone()
                    },
                    snippet: snippet(&s.text, &words[0], 40),
                    score,
                });
            }
        }
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(limit);
        hits
    }
}

/// A search result: a section of a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub slug: String,
    pub lesson_title: String,
    /// The heading's anchor (empty: the top of the lesson).
    pub anchor: String,
    pub heading: String,
    /// Text around the first match.
    pub snippet: String,
    pub score: u32,
}

/// About `around` characters either side of the first occurrence of `word` (lower-case).
fn snippet(text: &str, word: &str, around: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let w: Vec<char> = word.chars().collect();
    // lower-casing can change lengths (rare); fall back to the start then
    let at = if lower.len() == chars.len() && !w.is_empty() {
        (0..lower.len().saturating_sub(w.len() - 1))
            .find(|&i| lower[i..].starts_with(&w))
            .unwrap_or(0)
    } else {
        0
    };
    let start = at.saturating_sub(around);
    let end = (at + w.len() + around).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    if start > 0 {
        s = format!("…{s}");
    }
    if end < chars.len() {
        s.push('…');
    }
    s
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
    fn snippets_cut_around_the_match() {
        assert_eq!(snippet("abcdefghij", "e", 2), "…cdefg…");
        assert_eq!(snippet("节点状态变为未就绪", "未就绪", 2), "…变为未就绪");
    }
}
