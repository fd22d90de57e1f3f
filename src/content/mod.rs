//! Lessons and quizzes: loading, validating and rendering-to-model.
//!
//! The pipeline (mdBook's split of book / preprocess / renderer):
//! - `build.rs` runs [`bundle::load`] over `content/` when the app is compiled: `markdown`
//!   (pulldown-cmark) and `quizfile` (TOML) build the [`model`], `highlight` (syntect) colours
//!   code; the model is serialised into the binary.
//! - At start-up [`bundle()`] reads it back once; the UI (`src/ui/`) renders the model to RSX.
//! - `kindlab check` (`crate::check`, outside this module) loads a folder the same way and adds
//!   the simulator's checks.

pub mod model;

#[cfg(not(target_arch = "wasm32"))]
pub mod bundle;
#[cfg(not(target_arch = "wasm32"))]
pub mod diag;
#[cfg(test)]
pub mod highlight;
#[cfg(not(target_arch = "wasm32"))]
pub mod markdown;
#[cfg(not(target_arch = "wasm32"))]
pub mod quizfile;

pub use model::{Bundle, Lang, Lesson, Quiz};
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
pub fn install_bundle_for_test(b: Bundle) -> Result<(), Bundle> {
    let mut cur = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    if cur.is_some() {
        return Err(b);
    }
    *cur = Some(Box::leak(Box::new(b)));
    Ok(())
}

/// A part of the content the web loads on its own: per language, an index (the lessons'
/// titles, summaries and tables of contents: what the navigation and the home page show), each
/// lesson's text, and the quizzes. Natively everything is compiled in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Index,
    Lesson(String),
    /// One quiz's questions.
    Quiz(String),
    /// Every quiz's questions (the review queue draws from all of them).
    Quizzes,
}

impl Part {
    /// The pack's name: `en/index`, `zh/lesson/kind-ha`, `en/quizzes`.
    pub fn name(&self, lang: Lang) -> String {
        match self {
            Part::Index => format!("{}/index", lang.dir()),
            Part::Lesson(slug) => format!("{}/lesson/{slug}", lang.dir()),
            Part::Quiz(id) => format!("{}/quiz/{id}", lang.dir()),
            Part::Quizzes => format!("{}/quizzes", lang.dir()),
        }
    }

    /// The parts a page at this app path shows: the index, and a lesson's text, a quiz's
    /// questions, or every quiz's (the review queue). A lesson's quiz widgets ask for
    /// their quiz themselves (the pre-renderer lists them for the page's loader too).
    pub fn for_path(path: &str) -> Vec<Part> {
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or(path)
            .trim_end_matches('/');
        let mut parts = vec![Part::Index];
        if let Some(slug) = path.strip_prefix("/lesson/") {
            parts.push(Part::Lesson(slug.to_string()));
        } else if let Some(id) = path.strip_prefix("/quiz/") {
            match id {
                "review" => parts.push(Part::Quizzes),
                // generated from the simulator: no content to load
                "generated" => {}
                _ => parts.push(Part::Quiz(id.to_string())),
            }
        }
        parts
    }
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

impl Bundle {
    /// The pack of `part` in `lang` (see [`Part`]): the quizzes keep only that language's texts
    /// (the other side left empty), the index keeps the lessons without their text.
    pub fn pack(&self, part: &Part, lang: Lang) -> Bundle {
        let mut b = Bundle::default();
        match part {
            Part::Index => {
                b.order = self.order.clone();
                b.problems = self.problems.clone();
                b.notices = self.notices.clone();
                b.lessons = self
                    .lessons
                    .iter()
                    .filter(|l| l.lang == lang)
                    .map(|l| Lesson {
                        blocks: vec![],
                        footnotes: vec![],
                        partial: true,
                        sections: vec![],
                        ..l.clone()
                    })
                    .collect();
                b.quizzes = self.quizzes.iter().map(|q| q.stub(lang)).collect();
            }
            Part::Lesson(slug) => {
                b.lessons = self.lesson(slug, lang).cloned().into_iter().collect();
            }
            Part::Quiz(id) => {
                b.quizzes = self.quiz(id).cloned().into_iter().collect();
                for q in &mut b.quizzes {
                    q.keep_only(lang);
                }
            }
            Part::Quizzes => {
                b.quizzes = self.quizzes.clone();
                for q in &mut b.quizzes {
                    q.keep_only(lang);
                }
            }
        }
        b
    }

    /// Every pack of a language.
    pub fn parts(&self) -> Vec<Part> {
        let mut v = vec![Part::Index, Part::Quizzes];
        v.extend(self.order.iter().map(|s| Part::Lesson(s.clone())));
        v.extend(self.quizzes.iter().map(|q| Part::Quiz(q.id.clone())));
        v
    }

    /// The quizzes a lesson embeds (its ```` ```kindlab-quiz ```` widgets).
    pub fn quizzes_in(&self, slug: &str, lang: Lang) -> Vec<String> {
        fn walk(bs: &[model::Block], out: &mut Vec<String>) {
            for b in bs {
                match b {
                    model::Block::Widget(model::Widget::Quiz { id }) => out.push(id.clone()),
                    model::Block::Quote(bs) | model::Block::Admonition { blocks: bs, .. } => {
                        walk(bs, out)
                    }
                    model::Block::List { items, .. } => {
                        for i in items {
                            walk(&i.blocks, out)
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut out = vec![];
        if let Some(l) = self.lesson(slug, lang) {
            walk(&l.blocks, &mut out);
        }
        out
    }

    /// Adds what `other` has and this bundle lacks: its lessons (by slug and language), its
    /// quizzes, and the texts of quizzes both have that are empty here (the other language's
    /// side of a pack).
    pub fn merge(&mut self, other: Bundle) {
        if self.order.is_empty() {
            self.order = other.order;
        }
        for l in other.lessons {
            match self
                .lessons
                .iter_mut()
                .find(|x| x.slug == l.slug && x.lang == l.lang)
            {
                None => self.lessons.push(l),
                // a lesson's own pack completes what the index had
                Some(mine) if mine.partial && !l.partial => *mine = l,
                Some(_) => {}
            }
        }
        for q in other.quizzes {
            match self.quizzes.iter_mut().find(|x| x.id == q.id) {
                None => self.quizzes.push(q),
                Some(mine) => match (mine.partial, q.partial) {
                    // the quiz's own pack completes what the index had (its title in the
                    // other language stays)
                    (true, false) => {
                        let stub = std::mem::replace(mine, q);
                        mine.title.fill_from(stub.title);
                    }
                    // an index of the other language: only its title is news
                    (false, true) => mine.title.fill_from(q.title),
                    // the other language's texts of the same quiz (or two indexes' titles)
                    _ => mine.fill_from(q),
                },
            }
        }
        for p in other.problems {
            if !self.problems.contains(&p) {
                self.problems.push(p);
            }
        }
        for n in other.notices {
            if !self.notices.contains(&n) {
                self.notices.push(n);
            }
        }
    }
}

/// Both sides of a bilingual text: keep one, or fill the empty ones from another copy.
trait Sides {
    fn keep_only(&mut self, lang: Lang);
    fn fill_from(&mut self, other: Self);
}

impl<T: Default + IsEmpty> Sides for model::Text2<T> {
    fn keep_only(&mut self, lang: Lang) {
        match lang {
            Lang::En => self.zh = T::default(),
            Lang::Zh => self.en = T::default(),
        }
    }
    fn fill_from(&mut self, other: Self) {
        if self.en.is_empty() {
            self.en = other.en;
        }
        if self.zh.is_empty() {
            self.zh = other.zh;
        }
    }
}

trait IsEmpty {
    fn is_empty(&self) -> bool;
}
impl IsEmpty for String {
    fn is_empty(&self) -> bool {
        String::is_empty(self)
    }
}
impl<T> IsEmpty for Vec<T> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl Quiz {
    /// What an index pack keeps of a quiz: its title in `lang`, and one stand-in per question
    /// (the quiz list shows how many there are).
    fn stub(&self, lang: Lang) -> Quiz {
        let mut title = self.title.clone();
        title.keep_only(lang);
        Quiz {
            id: self.id.clone(),
            file: self.file.clone(),
            title,
            questions: self
                .questions
                .iter()
                .map(|q| model::Question {
                    id: q.id.clone(),
                    topic: String::new(),
                    lesson: None,
                    line: q.line,
                    prompt: model::Text2::default(),
                    kind: model::QuestionKind::Short(model::Short {
                        answer: model::Text2::default(),
                        accepted: vec![],
                    }),
                    context: model::Text2::default(),
                })
                .collect(),
            skipped: vec![],
            partial: true,
        }
    }
}

impl Sides for Quiz {
    fn keep_only(&mut self, lang: Lang) {
        self.title.keep_only(lang);
        for q in &mut self.questions {
            q.keep_only(lang);
        }
    }
    fn fill_from(&mut self, other: Self) {
        self.title.fill_from(other.title);
        for (mine, theirs) in self.questions.iter_mut().zip(other.questions) {
            mine.fill_from(theirs);
        }
    }
}

impl Sides for model::Question {
    fn keep_only(&mut self, lang: Lang) {
        self.prompt.keep_only(lang);
        self.context.keep_only(lang);
        match &mut self.kind {
            model::QuestionKind::Choice(c) => {
                for o in c.answers.iter_mut().chain(c.distractors.iter_mut()) {
                    o.text.keep_only(lang);
                    o.why.keep_only(lang);
                }
            }
            model::QuestionKind::Short(s) => s.answer.keep_only(lang),
        }
    }
    fn fill_from(&mut self, other: Self) {
        self.prompt.fill_from(other.prompt);
        self.context.fill_from(other.context);
        match (&mut self.kind, other.kind) {
            (model::QuestionKind::Choice(c), model::QuestionKind::Choice(o)) => {
                let mine = c.answers.iter_mut().chain(c.distractors.iter_mut());
                let theirs = o.answers.into_iter().chain(o.distractors);
                for (m, t) in mine.zip(theirs) {
                    m.text.fill_from(t.text);
                    m.why.fill_from(t.why);
                }
            }
            (model::QuestionKind::Short(s), model::QuestionKind::Short(o)) => {
                s.answer.fill_from(o.answer)
            }
            _ => {}
        }
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
        }
        assert_eq!(merged.quizzes, whole.quizzes);
        // an index alone has every lesson's title but no text
        let index = whole.pack(&Part::Index, Lang::Zh);
        assert_eq!(index.lessons.len(), whole.order.len());
        assert!(index
            .lessons
            .iter()
            .all(|l| l.partial && l.blocks.is_empty() && l.lang == Lang::Zh));
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
        assert_eq!(Part::for_path("/lab"), vec![Part::Index]);
        assert_eq!(Part::Lesson("x".into()).name(Lang::Zh), "zh/lesson/x");
    }

    #[test]
    fn snippets_cut_around_the_match() {
        assert_eq!(snippet("abcdefghij", "e", 2), "…cdefg…");
        assert_eq!(snippet("节点状态变为未就绪", "未就绪", 2), "…变为未就绪");
    }
}
