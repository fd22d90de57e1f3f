//! The typed document model lessons and quizzes are turned into (mdBook's idea: the book is
//! parsed once into a model, renderers only read it). Built by `build.rs` when the app is
//! compiled, serialised into the binary, read back once at start-up; `src/ui/` turns it into RSX.
//!
//! Nothing here is HTML: raw HTML found in a source is kept as [`Inline::Html`] /
//! [`Block::Html`] and shown as text. Links are already classified ([`Href`]); an unsafe one never
//! becomes a link.

pub use crate::challenge::Challenge;
use serde::{Deserialize, Serialize};

/// Everything the app shows from `content/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// The reading order: lesson slugs as listed in `SUMMARY.md`.
    pub order: Vec<String>,
    /// Every lesson in both languages, in reading order (en and zh twins side by side).
    pub lessons: Vec<Lesson>,
    /// Every quiz, in file-name order.
    pub quizzes: Vec<Quiz>,
    /// The guided labs' texts (`content/guides/ID.toml`; their rules are the app's).
    pub guides: Vec<Guide>,
    /// The break-fix challenges' texts (`content/challenges/ID.toml`; their rules are the
    /// app's).
    #[serde(default)]
    pub challenges: Vec<crate::challenge::Challenge>,
    /// Problems found while building, `file:line:col: message` (shown by the app where they
    /// matter; `kindlab check` fails on them).
    pub problems: Vec<String>,
    /// Things worth knowing that are not errors (skipped quiz questions).
    pub notices: Vec<String>,
    /// The glossary, the command sheet and the "before you begin" page (`glossary.toml`).
    pub glossary: crate::glossary::Glossary,
    /// The lessons' texts lower-cased for search, made on the first search (not shipped).
    #[serde(skip)]
    pub search_cache: crate::query::SearchCache,
}

/// A language of kindlab: the one content is written in and the one the interface speaks (the
/// settings save it, as `"en"` or `"zh"`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];
    /// The folder under `content/`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
    /// The BCP 47 tag of the interface's messages in this language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Zh => "zh-CN",
        }
    }
    /// The other language (the switch goes there).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// One lesson in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    /// The file name without `.md`: the lesson's URL (`/lesson/<slug>`), the same in both languages.
    pub slug: String,
    /// The language it is written in.
    pub lang: Lang,
    /// Path relative to the content folder, e.g. `en/01-kind-ha.md` (for messages).
    pub file: String,
    /// The title (front matter).
    pub title: String,
    /// One sentence: what the lesson is about.
    pub summary: String,
    /// About how long it takes to read, in minutes.
    pub minutes: u32,
    /// What the learner will be able to do afterwards.
    pub objectives: Vec<Vec<Inline>>,
    /// `##` and `###` headings, for the in-page table of contents.
    pub toc: Vec<TocEntry>,
    /// The text (empty in the web's index packs: see `partial`).
    pub blocks: Vec<Block>,
    /// Its footnotes, numbered in order of first reference.
    pub footnotes: Vec<Footnote>,
    /// The lesson's text (blocks, footnotes) is not here: the web's index packs carry only what
    /// the navigation and the home page show; the lesson's own pack brings the rest.
    pub partial: bool,
    /// The upstream documentation the lesson draws on (front matter `sources`), shown as
    /// "Further reading" at its end.
    pub sources: Vec<Source>,
    /// Plain text per section, for search: derived from the blocks when the bundle is read
    /// (not shipped: it would double the text the app carries).
    #[serde(skip)]
    pub sections: Vec<Section>,
}

/// A page the lesson draws on, with its title in the lesson's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// What the page is.
    pub title: String,
    /// Where it is (`https://`).
    pub url: String,
}

/// A heading in the in-page table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    /// Its anchor.
    pub id: String,
    /// Its text, plain.
    pub text: String,
}

/// The plain text under one heading (the part before the first heading has an empty `id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading's anchor (empty for the part before the first heading).
    pub id: String,
    /// The heading's text (empty for the part before the first heading).
    pub heading: String,
    /// The section's plain text.
    pub text: String,
}

/// A footnote's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    /// Its label as written (`[^label]`).
    pub label: String,
    /// 1-based number, in order of first reference.
    pub n: u32,
    /// What it says.
    pub blocks: Vec<Block>,
}

/// A block of a lesson (or of a quiz's text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A heading, with the anchor links point at.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Its anchor: given (`{#id}`) or made from its text.
        id: String,
        /// Its text.
        content: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A list, bulleted or numbered.
    List {
        /// The first number of an ordered list; `None` for bullets.
        start: Option<u64>,
        /// Its items.
        items: Vec<ListItem>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A GitHub-style callout (`> [!NOTE]`).
    Admonition {
        /// Which kind.
        kind: Admonition,
        /// What it says.
        blocks: Vec<Block>,
    },
    /// A code block (highlighted at build time).
    Code(CodeBlock),
    /// A table.
    Table {
        /// Each column's alignment.
        align: Vec<Align>,
        /// The head row's cells.
        head: Vec<Vec<Inline>>,
        /// The body rows' cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A thematic break (`---`).
    Rule,
    /// A live component (`kindlab-topology`, `kindlab-lab`, `kindlab-quiz`, `kindlab-checkpoint`,
    /// `kindlab-predict`).
    Widget(Widget),
    /// Raw HTML that reached the model anyway: rendered as text, never as markup.
    Html(String),
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// `Some(done)` for a task-list item.
    pub task: Option<bool>,
    /// What it says.
    pub blocks: Vec<Block>,
}

/// The five GitHub callouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Admonition {
    /// `> [!NOTE]`: useful to know.
    Note,
    /// `> [!TIP]`: a better way.
    Tip,
    /// `> [!IMPORTANT]`: needed to succeed.
    Important,
    /// `> [!WARNING]`: needs attention at once.
    Warning,
    /// `> [!CAUTION]`: what could go wrong.
    Caution,
}

impl Admonition {
    /// Its name in CSS classes and labels (`note`, `tip`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Admonition::Note => "note",
            Admonition::Tip => "tip",
            Admonition::Important => "important",
            Admonition::Warning => "warning",
            Admonition::Caution => "caution",
        }
    }
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    /// As the reader's default.
    None,
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A fenced code block, highlighted when the app was built.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CodeBlock {
    /// The fence's language (`yaml`, `console`, ...), empty when none was given.
    pub lang: String,
    /// The code as written (what the copy button copies).
    pub text: String,
    /// One entry per line: highlighted spans.
    pub lines: Vec<Vec<Span>>,
    /// For `console` blocks: the commands (lines after `$ `, heredoc bodies included) that the
    /// "try in the lab" button hands to the lab. Empty when there are none.
    pub commands: String,
}

/// A piece of highlighted text; `class` is a short token class (see `highlight.rs`), empty for
/// plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// The highlighter's class for the span (empty: plain).
    pub class: String,
    /// The text.
    pub text: String,
}

/// A live component embedded by a ```` ```kindlab-NAME ```` block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Widget {
    /// The cluster after running `commands` on a fresh simulator session.
    Topology {
        /// The figure's caption (empty: none).
        caption: String,
        /// The commands run before drawing, one per item.
        commands: Vec<String>,
        /// The diagram as drawn when the web site was built (SVG markup from the app's own
        /// diagram component, in the lesson's language); empty until then (the desktop app and
        /// the checker run the simulator instead).
        drawn: String,
    },
    /// The lab, with commands ready or a guided lab.
    Lab {
        /// The widget's title (empty: the default).
        caption: String,
        /// Commands offered to run, one per line.
        commands: String,
        /// A guided lab to offer, by id.
        guide: Option<String>,
    },
    /// A quiz, by id.
    Quiz {
        /// The quiz's id (its file name without `.toml`).
        id: String,
    },
    /// Questions of the quizzes asked right where the lesson explains their idea, by id.
    Checkpoint {
        /// The questions' ids (each in one of `quizzes/*.toml`).
        questions: Vec<String>,
    },
    /// A prediction: the learner picks what they expect, then sees what the simulator shows.
    Predict(Box<Predict>),
}

/// A ```` ```kindlab-predict ID ```` block: a question, its choices, and how the simulator
/// answers it (commands run on a fresh session, then a rule of the lab reads the result).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Predict {
    /// The prediction's id, unique in its lesson and the same in both languages.
    pub id: String,
    /// What the learner is asked to predict (the lesson's language).
    pub ask: Rich,
    /// The choices, in the order shown.
    pub choices: Vec<PredictChoice>,
    /// The commands run on a fresh simulated cluster before the rule looks (one per item; a
    /// heredoc's lines are items too).
    pub run: Vec<String>,
    /// The line of each of `run`'s items in the lesson's file (for messages; not shipped).
    #[serde(skip)]
    pub run_at: Vec<u32>,
    /// The lab's rule that reads the observation, with its arguments (`up-servers ingress_http`).
    pub observe: String,
    /// Shown once the learner has committed: why the result is what it is.
    pub explain: Rich,
    /// What the simulator showed, computed when the web site was built (the reader edition has
    /// no simulator); `None` until then (the desktop app and the checker run the simulator).
    pub observed: Option<Observed>,
}

/// One choice of a prediction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictChoice {
    /// The value it stands for, as the rule reports it: a word (`worker2`), a list
    /// (`worker2,worker3`), `-` for none, a number (`7`) or a range of numbers (`30..60`:
    /// from 30 up to, not including, 60).
    pub value: String,
    /// What the learner reads.
    pub label: Rich,
}

/// What the simulator showed for a prediction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observed {
    /// The value the rule read (compared with the choices' values).
    pub value: String,
    /// The simulator's lines that show it (output of the tools, as printed).
    pub lines: Vec<String>,
}

/// Text inside a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `code`.
    Code(String),
    /// *Emphasis*.
    Emph(Vec<Inline>),
    /// **Strong** text.
    Strong(Vec<Inline>),
    /// ~~Struck-through~~ text.
    Strike(Vec<Inline>),
    /// Inlines shown as they are (the text of a refused link).
    Plain(Vec<Inline>),
    /// A link, already checked.
    Link {
        /// Where it goes.
        href: Href,
        /// Its title (shown on hover).
        title: String,
        /// Its text.
        content: Vec<Inline>,
    },
    /// `src` is a `data:` URI made at build time from a file in `assets/`.
    Image {
        /// The image's data.
        src: String,
        /// Its text alternative.
        alt: String,
    },
    /// A reference to a footnote.
    FootnoteRef {
        /// The footnote's label.
        label: String,
        /// The footnote's number.
        n: u32,
    },
    /// A line break in the source (a space on the page).
    SoftBreak,
    /// A hard line break.
    HardBreak,
    /// Raw HTML that reached the model anyway: rendered as text.
    Html(String),
}

/// Where a link goes, already checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Href {
    /// `http(s):` or `mailto:`.
    External(String),
    /// Another lesson (by slug), optionally at a heading.
    Lesson {
        /// The lesson's slug.
        slug: String,
        /// A heading's anchor in it.
        anchor: Option<String>,
    },
    /// A heading in the same lesson.
    Anchor(String),
    /// A page of the app: `/lab`, `/quiz`, `/quiz/<id>`, `/progress`, `/`.
    App(String),
    /// A term of the glossary, by its anchor (`/glossary#taint`): the first use of a term in
    /// a lesson links there.
    Glossary(String),
}

/// Plain text of inlines (for the table of contents, search, alt text).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    push_plain(inlines, &mut s);
    s
}

fn push_plain(inlines: &[Inline], s: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => s.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Plain(c) => {
                push_plain(c, s)
            }
            Inline::Link { content, .. } => push_plain(content, s),
            Inline::Image { alt, .. } => s.push_str(alt),
            Inline::FootnoteRef { .. } => {}
            Inline::SoftBreak | Inline::HardBreak => s.push(' '),
        }
    }
}

/// Both languages of a piece of text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Text2<T> {
    /// The English text.
    pub en: T,
    /// The Chinese text.
    pub zh: T,
}

impl<T> Text2<T> {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// Markdown rendered to the model: a few blocks (prompts, options, explanations).
pub type Rich = Vec<Block>;

/// A quiz file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    /// The file name without `.toml`: `/quiz/<id>`.
    pub id: String,
    /// Its path under the content folder (`quizzes/chapter.toml`).
    pub file: String,
    /// Its title.
    pub title: Text2<String>,
    /// The questions kindlab runs, in the file's order.
    pub questions: Vec<Question>,
    /// Questions of types kindlab does not run, skipped with a notice.
    pub skipped: Vec<String>,
    /// Only the title and one stand-in per question (the web's index packs: what the quiz
    /// list shows); the quiz's own pack brings the questions.
    pub partial: bool,
    /// A plain mdbook-quiz file without any Chinese text: shown in English in both languages,
    /// with a notice on the Chinese side.
    #[serde(default)]
    pub english_only: bool,
}

/// A quiz question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Unique across all quizzes (`<quiz>-<n>` when the file gives none).
    pub id: String,
    /// Its topic (the results break the score down by topic).
    pub topic: String,
    /// The lesson it is about, by slug (results link to it).
    pub lesson: Option<String>,
    /// Line in the source file (for messages).
    pub line: u32,
    /// The question.
    pub prompt: Text2<Rich>,
    /// Multiple choice or short answer.
    pub kind: QuestionKind,
    /// Shown after answering: why the answer is right.
    pub context: Text2<Rich>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Options to pick from.
    Choice(Choice),
    /// A short text to type.
    Short(Short),
}

/// A multiple-choice question: one or several right options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// The right options.
    pub answers: Vec<Opt>,
    /// The wrong ones.
    pub distractors: Vec<Opt>,
    /// Several answers are right (check boxes rather than radio buttons).
    pub multiple: bool,
    /// Fixed order: the distractors as written, the answer (or the answers, in their order) at
    /// this index.
    pub answer_index: Option<usize>,
    /// Sort options alphabetically instead of shuffling.
    pub sort: bool,
}

/// One option of a multiple-choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opt {
    /// What the option says.
    pub text: Text2<Rich>,
    /// Sort key (plain text, English).
    pub key: String,
    /// Why this option is wrong (distractors); empty when the file gives none.
    pub why: Text2<Rich>,
}

/// A short-answer question: typed text, matched after trimming, case-insensitively.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Short {
    /// The answer as shown after answering.
    pub answer: Text2<String>,
    /// Every accepted answer (both languages), already trimmed and lower-cased.
    pub accepted: Vec<String>,
    /// Common wrong answers, each with why it is wrong (shown when the learner types one).
    #[serde(default)]
    pub mistakes: Vec<Mistake>,
}

/// A common wrong answer to a short-answer question and why it is wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mistake {
    /// The spellings it covers (both languages), normalised as accepted answers are.
    pub typed: Vec<String>,
    /// Why it is wrong.
    pub why: Text2<Rich>,
}

impl Short {
    /// The common wrong answer `typed` is, if it is one (compared as accepted answers are).
    pub fn mistake(&self, typed: &str) -> Option<&Mistake> {
        let t = normalize_answer(typed);
        if t.is_empty() {
            return None;
        }
        self.mistakes.iter().find(|m| m.typed.contains(&t))
    }
}

/// A guided lab's texts, from `content/guides/ID.toml`: what the learner reads. Its steps'
/// rules (the checks against the simulator, the commands, the answers' values) are the app's
/// (`src/lab/guide/`), which finds a step's texts here by its id and a "why not yet" message by
/// its id, filling in the `{placeholders}` the check provides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    /// The file name without `.toml`: the guided lab's id (`guide: ID` in a `kindlab-lab`
    /// block).
    pub id: String,
    /// Its path under the content folder (`guides/chapter.toml`).
    pub file: String,
    /// Its title.
    pub title: Text2<String>,
    /// What it is about, shown above its steps.
    pub intro: Text2<String>,
    /// Its steps' texts, in order.
    pub steps: Vec<GuideStep>,
}

/// One step's texts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GuideStep {
    /// The step's id, as the app's definition names it (`stop-kubelet`).
    pub id: String,
    /// Line in the source file (for messages).
    pub line: u32,
    /// May use the guide's facts: `{node}`, `{pod}`, `{inter}`, `{fall}`.
    pub title: Text2<String>,
    /// The first help: shown as written.
    pub hint: Text2<String>,
    /// The question the step asks, if it asks one.
    pub ask: Option<Text2<String>>,
    /// The labels of the question's answers, by the answer's value.
    pub options: Vec<(String, Text2<String>)>,
    /// Why the step is not done yet, by message id; `{name}` is an argument of the check.
    pub why: Vec<(String, Text2<String>)>,
}

impl GuideStep {
    /// The label of the answer `value`.
    pub fn option(&self, value: &str) -> Option<&Text2<String>> {
        self.options
            .iter()
            .find(|(v, _)| v == value)
            .map(|(_, t)| t)
    }

    /// The "why not yet" message `id`.
    pub fn why(&self, id: &str) -> Option<&Text2<String>> {
        self.why.iter().find(|(k, _)| k == id).map(|(_, t)| t)
    }
}

impl Guide {
    /// The texts of the step `id`.
    pub fn step(&self, id: &str) -> Option<&GuideStep> {
        self.steps.iter().find(|s| s.id == id)
    }
}

/// The `{name}` placeholders of a text, in order (a `{` not followed by a name and `}` is text).
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].starts_with('}') {
            out.push(&rest[..name_len]);
            rest = &rest[name_len + 1..];
        }
    }
    out
}

/// `text` with each `{name}` of `args` replaced by its value, in one pass (a value is not
/// searched again; a `{name}` not in `args` is left as it is).
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let value = rest[1..].find('}').and_then(|end| {
            let name = &rest[1..1 + end];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, end + 2))
        });
        match value {
            Some((v, len)) => {
                out.push_str(v);
                rest = &rest[len..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How typed short answers are compared: trimmed, inner blanks collapsed, lower-cased.
pub fn normalize_answer(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Plain text per section (split at `##`/`###` headings), for search.
pub fn sections(blocks: &[Block]) -> Vec<Section> {
    let mut out = vec![Section {
        id: String::new(),
        heading: String::new(),
        text: String::new(),
    }];
    for b in blocks {
        if let Block::Heading { level, id, content } = b {
            if *level <= 3 {
                out.push(Section {
                    id: id.clone(),
                    heading: plain_text(content),
                    text: String::new(),
                });
                continue;
            }
        }
        let last = out.last_mut().expect("one section");
        block_text(b, &mut last.text);
    }
    out.retain(|s| !s.text.trim().is_empty() || !s.id.is_empty());
    out
}

fn block_text(b: &Block, s: &mut String) {
    let mut push = |t: &str| {
        if !s.is_empty() && !s.ends_with(' ') {
            s.push(' ');
        }
        s.push_str(t.trim());
    };
    match b {
        Block::Heading { content, .. } | Block::Paragraph(content) => push(&plain_text(content)),
        Block::List { items, .. } => {
            for i in items {
                for b in &i.blocks {
                    block_text(b, s);
                }
            }
        }
        Block::Quote(bs) | Block::Admonition { blocks: bs, .. } => {
            for b in bs {
                block_text(b, s);
            }
        }
        Block::Code(c) => push(&c.text.split_whitespace().collect::<Vec<_>>().join(" ")),
        Block::Table { head, rows, .. } => {
            for c in head.iter().chain(rows.iter().flatten()) {
                push(&plain_text(c));
            }
        }
        Block::Widget(Widget::Topology { caption, .. }) => push(caption),
        Block::Rule | Block::Widget(_) | Block::Html(_) => {}
    }
}
