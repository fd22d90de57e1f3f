//! Questions the app asks of the content model: a lesson, the lessons of a language, a
//! lesson's neighbours, search, and the packs the web edition loads one by one ([`Part`]).

use crate::model::{self, Bundle, Guide, Lang, Lesson, Quiz};
use std::sync::OnceLock;

/// The most words of a query that are looked for (the rest are ignored).
pub const MAX_QUERY_WORDS: usize = 16;
/// The longest word looked for, in characters (a longer one is cut).
pub const MAX_WORD_CHARS: usize = 64;

/// The lessons' searchable texts lower-cased, one entry per lesson of the bundle (same index),
/// made on the first search: the search box asks once a keystroke, and lower-casing the whole
/// chapter each time was most of a query's cost. A clone starts empty (a changed bundle makes
/// its own), and it never makes two bundles unequal.
#[derive(Debug, Default)]
pub struct SearchCache(OnceLock<Vec<Folded>>);

/// One lesson's texts lower-cased: its title, then each section's heading and text.
#[derive(Debug)]
pub struct Folded {
    title: String,
    sections: Vec<(String, String)>,
}

impl Clone for SearchCache {
    fn clone(&self) -> Self {
        SearchCache::default()
    }
}

impl PartialEq for SearchCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A part of the content the web loads on its own: per language, an index (the lessons'
/// titles and summaries, the quizzes' and challenges' titles: what the navigation, the home
/// page and the lists show), each lesson's text, the quizzes, the guided labs' texts (the
/// lab's), and the challenges' texts (their pages'). Natively everything is compiled in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The index: the lessons' titles, summaries and reading times, the quizzes' titles and
    /// question counts, the challenges' titles (the navigation, the home page, the lists).
    Index,
    /// One lesson's text (by slug), in the pack's language.
    Lesson(String),
    /// One quiz's questions.
    Quiz(String),
    /// Every quiz's questions (the review queue draws from all of them).
    Quizzes,
    /// The guided labs' texts (only the lab shows them: its page, a lesson's lab widget).
    Guides,
    /// The glossary, the command sheet and the "before you begin" page (`/glossary`,
    /// `/start`; a lesson's links to the glossary carry their definitions themselves).
    Glossary,
    /// The break-fix challenges' texts: goal, era, hints, cause and messages (`/challenge/ID`;
    /// the index has their titles, for the lists at the lessons' ends and on the home page).
    Challenges,
}

impl Part {
    /// The pack's name: `en/index`, `zh/lesson/kind-ha`, `en/quizzes`.
    pub fn name(&self, lang: Lang) -> String {
        match self {
            Part::Index => format!("{}/index", lang.dir()),
            Part::Lesson(slug) => format!("{}/lesson/{slug}", lang.dir()),
            Part::Quiz(id) => format!("{}/quiz/{id}", lang.dir()),
            Part::Quizzes => format!("{}/quizzes", lang.dir()),
            Part::Guides => format!("{}/guides", lang.dir()),
            Part::Glossary => format!("{}/glossary", lang.dir()),
            Part::Challenges => format!("{}/challenges", lang.dir()),
        }
    }

    /// The parts a page at this app path shows: the index, and a lesson's text, a quiz's
    /// questions, every quiz's (the review queue), or the guided labs' texts (the lab). A
    /// lesson's quiz widgets ask for their quiz themselves (the pre-renderer lists them for the
    /// page's loader too), its lab widget for the guides.
    pub fn for_path(path: &str) -> Vec<Part> {
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or(path)
            .trim_end_matches('/');
        let mut parts = vec![Part::Index];
        if path == "/lab" {
            parts.push(Part::Guides);
        } else if path == "/glossary" || path == "/start" {
            parts.push(Part::Glossary);
        } else if path.starts_with("/challenge/") {
            parts.push(Part::Challenges);
        } else if let Some(slug) = path.strip_prefix("/lesson/") {
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

    /// The quiz with this id, if the content has it.
    pub fn quiz(&self, id: &str) -> Option<&Quiz> {
        self.quizzes.iter().find(|q| q.id == id)
    }

    /// The texts of the break-fix challenge `id`.
    pub fn challenge(&self, id: &str) -> Option<&crate::challenge::Challenge> {
        self.challenges.iter().find(|c| c.id == id)
    }

    /// The challenges a lesson lists at its end (their files' `lessons` name it).
    pub fn challenges_for(&self, slug: &str) -> Vec<&crate::challenge::Challenge> {
        self.challenges
            .iter()
            .filter(|c| c.lessons.iter().any(|l| l == slug))
            .collect()
    }

    /// The texts of the guided lab `id`.
    pub fn guide(&self, id: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.id == id)
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
    /// (written without spaces) is found too. The first [`MAX_QUERY_WORDS`] distinct words count,
    /// each cut to [`MAX_WORD_CHARS`] characters.
    pub fn search(&self, lang: Lang, query: &str, limit: usize) -> Vec<Hit> {
        // the first few distinct words: a search box's query is a few words, and each one is
        // looked for in every section (a pasted megabyte of words would take minutes)
        let mut words: Vec<String> = vec![];
        for w in query.split_whitespace().take(MAX_QUERY_WORDS * 4) {
            let w: String = w
                .chars()
                .take(MAX_WORD_CHARS)
                .collect::<String>()
                .to_lowercase();
            if !words.contains(&w) {
                words.push(w);
            }
            if words.len() == MAX_QUERY_WORDS {
                break;
            }
        }
        if words.is_empty() {
            return vec![];
        }
        let folded = self.search_cache.0.get_or_init(|| {
            self.lessons
                .iter()
                .map(|l| Folded {
                    title: l.title.to_lowercase(),
                    sections: l
                        .sections
                        .iter()
                        .map(|s| (s.heading.to_lowercase(), s.text.to_lowercase()))
                        .collect(),
                })
                .collect()
        });
        // (score, lesson, section) of every section that has all the words
        let mut found_in: Vec<(u32, usize, usize)> = vec![];
        for slug in &self.order {
            let Some(i) = self
                .lessons
                .iter()
                .position(|l| l.lang == lang && &l.slug == slug)
            else {
                continue;
            };
            let f = &folded[i];
            let title = &f.title;
            for (si, (heading, text)) in f.sections.iter().enumerate() {
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
                found_in.push((score, i, si));
            }
        }
        // the best first (a stable sort: reading order among equals), and only the shown ones
        // get a snippet (a one-letter query matches nearly every section)
        crate::sort::by_key(&mut found_in, |&(score, _, _)| std::cmp::Reverse(score));
        found_in.truncate(limit);
        found_in
            .into_iter()
            .map(|(score, i, si)| {
                let (l, s) = (&self.lessons[i], &self.lessons[i].sections[si]);
                Hit {
                    slug: l.slug.clone(),
                    lesson_title: l.title.clone(),
                    anchor: s.id.clone(),
                    heading: if s.heading.is_empty() {
                        l.title.clone()
                    } else {
                        s.heading.clone()
                    },
                    snippet: snippet(&s.text, &folded[i].sections[si].1, &words[0], 40),
                    score,
                }
            })
            .collect()
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
                        sources: vec![],
                        // only the lesson's own page shows these, from its own pack
                        objectives: vec![],
                        toc: vec![],
                        ..l.clone()
                    })
                    .collect();
                b.quizzes = self.quizzes.iter().map(|q| q.stub(lang)).collect();
                // the challenges' titles (the lists at the lessons' ends, the home page);
                // their texts are the challenge pages' own pack
                b.challenges = self.challenges.iter().map(|c| c.stub(lang)).collect();
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
            Part::Guides => {
                b.guides = self.guides.clone();
                for g in &mut b.guides {
                    g.keep_only(lang);
                }
            }
            Part::Glossary => {
                b.glossary = self.glossary.clone();
                b.glossary.keep_only(lang);
            }
            Part::Challenges => {
                b.challenges = self.challenges.clone();
                for c in &mut b.challenges {
                    c.keep_only(lang);
                }
            }
        }
        b
    }

    /// Every pack of a language.
    pub fn parts(&self) -> Vec<Part> {
        let mut v = vec![
            Part::Index,
            Part::Quizzes,
            Part::Guides,
            Part::Glossary,
            Part::Challenges,
        ];
        v.extend(self.order.iter().map(|s| Part::Lesson(s.clone())));
        v.extend(self.quizzes.iter().map(|q| Part::Quiz(q.id.clone())));
        v
    }

    /// The quizzes a lesson embeds (its ```` ```kindlab-quiz ```` widgets) and those its
    /// checkpoints ask from (each once, in order of first use).
    pub fn quizzes_in(&self, slug: &str, lang: Lang) -> Vec<String> {
        fn walk(b: &Bundle, bs: &[model::Block], out: &mut Vec<String>) {
            for x in bs {
                match x {
                    model::Block::Widget(model::Widget::Quiz { id }) => out.push(id.clone()),
                    model::Block::Widget(model::Widget::Checkpoint { questions }) => out.extend(
                        questions
                            .iter()
                            .filter_map(|q| b.quiz_of(q))
                            .map(String::from),
                    ),
                    model::Block::Quote(bs) | model::Block::Admonition { blocks: bs, .. } => {
                        walk(b, bs, out)
                    }
                    model::Block::List { items, .. } => {
                        for i in items {
                            walk(b, &i.blocks, out)
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut out: Vec<String> = vec![];
        if let Some(l) = self.lesson(slug, lang) {
            walk(self, &l.blocks, &mut out);
        }
        let mut seen = std::collections::BTreeSet::new();
        out.retain(|id| seen.insert(id.clone()));
        out
    }

    /// The id of the quiz that holds the question `question` (an index pack's stand-ins say
    /// it too).
    pub fn quiz_of(&self, question: &str) -> Option<&str> {
        self.quizzes
            .iter()
            .find(|q| q.questions.iter().any(|x| x.id == question))
            .map(|q| q.id.as_str())
    }

    /// Adds what `other` has and this bundle lacks: its lessons (by slug and language), its
    /// quizzes, and the texts of quizzes both have that are empty here (the other language's
    /// side of a pack).
    pub fn merge(&mut self, other: Bundle) {
        self.search_cache = SearchCache::default();
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
        for g in other.guides {
            match self.guides.iter_mut().find(|x| x.id == g.id) {
                None => self.guides.push(g),
                // the other language's texts
                Some(mine) => mine.fill_from(g),
            }
        }
        for c in other.challenges {
            match self.challenges.iter_mut().find(|x| x.id == c.id) {
                None => self.challenges.push(c),
                Some(mine) => mine.fill_from(c),
            }
        }
        if self.glossary.is_empty() {
            self.glossary = other.glossary;
        } else {
            self.glossary.fill_from(other.glossary);
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
                        mistakes: vec![],
                    }),
                    context: model::Text2::default(),
                })
                .collect(),
            skipped: vec![],
            partial: true,
            english_only: self.english_only,
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
            model::QuestionKind::Short(s) => {
                s.answer.keep_only(lang);
                for m in &mut s.mistakes {
                    m.why.keep_only(lang);
                }
            }
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
                s.answer.fill_from(o.answer);
                for (m, t) in s.mistakes.iter_mut().zip(o.mistakes) {
                    m.why.fill_from(t.why);
                }
            }
            _ => {}
        }
    }
}

impl Sides for Guide {
    fn keep_only(&mut self, lang: Lang) {
        self.title.keep_only(lang);
        self.intro.keep_only(lang);
        for s in &mut self.steps {
            s.title.keep_only(lang);
            s.hint.keep_only(lang);
            if let Some(a) = &mut s.ask {
                a.keep_only(lang);
            }
            for (_, t) in s.options.iter_mut().chain(s.why.iter_mut()) {
                t.keep_only(lang);
            }
        }
    }
    fn fill_from(&mut self, other: Self) {
        self.title.fill_from(other.title);
        self.intro.fill_from(other.intro);
        for (mine, theirs) in self.steps.iter_mut().zip(other.steps) {
            mine.title.fill_from(theirs.title);
            mine.hint.fill_from(theirs.hint);
            if let (Some(a), Some(b)) = (&mut mine.ask, theirs.ask) {
                a.fill_from(b);
            }
            let mine_texts = mine.options.iter_mut().chain(mine.why.iter_mut());
            for ((_, m), (_, t)) in mine_texts.zip(theirs.options.into_iter().chain(theirs.why)) {
                m.fill_from(t);
            }
        }
    }
}

impl Sides for crate::glossary::Glossary {
    fn keep_only(&mut self, lang: Lang) {
        for t in &mut self.terms {
            t.term.keep_only(lang);
            t.def.keep_only(lang);
            t.sort.keep_only(lang);
        }
        for c in &mut self.commands {
            c.does.keep_only(lang);
        }
        for s in &mut self.start {
            s.title.keep_only(lang);
            s.body.keep_only(lang);
        }
    }
    fn fill_from(&mut self, other: Self) {
        for (mine, theirs) in self.terms.iter_mut().zip(other.terms) {
            mine.term.fill_from(theirs.term);
            mine.def.fill_from(theirs.def);
            mine.sort.fill_from(theirs.sort);
        }
        for (mine, theirs) in self.commands.iter_mut().zip(other.commands) {
            mine.does.fill_from(theirs.does);
        }
        for (mine, theirs) in self.start.iter_mut().zip(other.start) {
            mine.title.fill_from(theirs.title);
            mine.body.fill_from(theirs.body);
        }
    }
}

/// A search result: a section of a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The lesson's slug.
    pub slug: String,
    /// The lesson's title.
    pub lesson_title: String,
    /// The heading's anchor (empty: the top of the lesson).
    pub anchor: String,
    /// The section's heading (the lesson's title for the part before the first heading).
    pub heading: String,
    /// Text around the first match.
    pub snippet: String,
    /// How well it matches: higher is better.
    pub score: u32,
}

/// Up to `around` characters either side of the first `word` (lower case) in `text`, whose
/// lower-cased copy is `lower`.
fn snippet(text: &str, lower: &str, word: &str, around: usize) -> String {
    let n = text.chars().count();
    // lower-casing can change lengths (rare); fall back to the start then
    let at = match lower.find(word) {
        Some(b) if !word.is_empty() && lower.chars().count() == n => lower[..b].chars().count(),
        _ => 0,
    };
    let start = at.saturating_sub(around);
    let end = (at + word.chars().count() + around).min(n);
    // the byte offsets of the `start`th and `end`th characters
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&text[byte(start)..byte(end)]);
    if end < n {
        s.push('…');
    }
    s
}

/// Whether a prediction's choice value stands for the value the simulator showed: the same
/// word or list, or a range `A..B` (A up to, not including, B; either end may be left open)
/// that holds the observed number. (The format of `choice VALUE:` in `content/README.md`.)
pub fn choice_matches(choice: &str, observed: &str) -> bool {
    if let Some((lo, hi)) = choice.split_once("..") {
        let Ok(v) = observed.trim().parse::<f64>() else {
            return false;
        };
        let lo_ok = lo.is_empty() || lo.parse::<f64>().is_ok_and(|lo| v >= lo);
        let hi_ok = hi.is_empty() || hi.parse::<f64>().is_ok_and(|hi| v < hi);
        return lo_ok && hi_ok;
    }
    choice == observed
}

impl model::Predict {
    /// The positions of the choices that stand for `observed` (a well-made block has one).
    pub fn matching(&self, observed: &str) -> Vec<usize> {
        self.choices
            .iter()
            .enumerate()
            .filter(|(_, c)| choice_matches(&c.value, observed))
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(slug: &str, lang: Lang, heading: &str, text: &str) -> Lesson {
        Lesson {
            slug: slug.into(),
            lang,
            file: format!("{}/{slug}.md", lang.dir()),
            title: format!("Title {slug}"),
            summary: String::new(),
            minutes: 1,
            objectives: vec![],
            toc: vec![],
            blocks: vec![],
            footnotes: vec![],
            partial: false,
            sources: vec![],
            sections: vec![model::Section {
                id: "s".into(),
                heading: heading.into(),
                text: text.into(),
            }],
        }
    }

    #[test]
    fn search_ignores_case_and_sees_packs_installed_later() {
        let mut b = Bundle {
            order: vec!["a".into(), "b".into()],
            lessons: vec![lesson("a", Lang::En, "Kubelet", "The KUBELET stops.")],
            ..Bundle::default()
        };
        let hits = b.search(Lang::En, "kubelet Stops", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].snippet, "The KUBELET stops.");
        assert!(b.search(Lang::En, "haproxy", 10).is_empty());
        assert!(b.search(Lang::Zh, "kubelet", 10).is_empty());
        // a pasted megabyte: the first words count
        let paste = format!("kubelet {}", "stops ".repeat(200_000));
        assert_eq!(b.search(Lang::En, &paste, 10).len(), 1);
        let paste = format!("kubelet {}", "absent ".repeat(16));
        assert!(b.search(Lang::En, &paste, 10).is_empty());
        // a lesson pack arrives after the first search: its text is searched too
        b.merge(Bundle {
            lessons: vec![
                lesson("b", Lang::En, "HAProxy", "Checks every 2 s."),
                lesson("b", Lang::Zh, "负载均衡", "HAProxy 每 2 秒检查一次。"),
            ],
            ..Bundle::default()
        });
        assert_eq!(b.search(Lang::En, "haproxy", 10)[0].slug, "b");
        assert_eq!(b.search(Lang::Zh, "检查", 10)[0].slug, "b");
        // a clone searches its own lessons
        let c = b.clone();
        assert_eq!(c.search(Lang::En, "checks", 10).len(), 1);
        assert_eq!(b, c);
    }

    #[test]
    fn snippets_cut_around_the_match() {
        assert_eq!(snippet("abcdefghij", "abcdefghij", "e", 2), "…cdefg…");
        assert_eq!(
            snippet("节点状态变为未就绪", "节点状态变为未就绪", "未就绪", 2),
            "…变为未就绪"
        );
    }
}
