//! The glossary, the command sheet and the "before you begin" page, from
//! `content/glossary.toml`: what the `/glossary` and `/start` pages show. Lessons link the first
//! use of each term to its entry ([`crate::model::Href::Glossary`]); the forms a lesson's text is
//! matched against are only needed when the content is built, so they are not part of this model.

use crate::model::{CodeBlock, Lang, Rich, Text2};
use serde::{Deserialize, Serialize};

/// Everything `content/glossary.toml` holds, as the pages show it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Glossary {
    /// The terms, in the file's order (the pages sort them per language by [`Term::sort`]).
    pub terms: Vec<Term>,
    /// The command sheet, in the file's order.
    pub commands: Vec<CommandEntry>,
    /// The "before you begin" page.
    pub start: Vec<StartSection>,
}

/// A term a lesson uses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// Its anchor on the glossary page (`/glossary#taint`), the same in both languages.
    pub id: String,
    /// The name Kubernetes, HAProxy or the tool uses (`taint`, `WaitForFirstConsumer`): shown
    /// beside the Chinese term when that differs, `污点（taint）`.
    pub api: String,
    /// The term as a learner reads it.
    pub term: Text2<String>,
    /// A short definition (plain text: it is also the tooltip of the lessons' links).
    pub def: Text2<String>,
    /// The lesson that explains it, by slug.
    pub lesson: String,
    /// A heading in that lesson, if one explains it.
    pub anchor: Option<String>,
    /// The key the page sorts by in each language (English: the term folded to lower case;
    /// Chinese: its pinyin without tones, Latin letters as they are).
    pub sort: Text2<String>,
}

impl Term {
    /// The term as the page shows it in `lang`: in Chinese, the API name beside a Chinese term
    /// (`污点（taint）`), the name alone when it is the same (`kubelet`).
    pub fn shown(&self, lang: Lang) -> String {
        let t = self.term.get(lang);
        if lang == Lang::Zh && !self.api.is_empty() && !t.contains(&self.api) {
            format!("{t}（{}）", self.api)
        } else {
            t.clone()
        }
    }
}

/// One command of the command sheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommandEntry {
    /// Its anchor on the glossary page (`cmd-` and the file's id).
    pub id: String,
    /// The program (`kind`, `docker`, `kubectl`, `crictl`, `systemctl`, `curl`).
    pub tool: String,
    /// The command line, as a learner types it.
    pub line: String,
    /// What it shows or does.
    pub does: Text2<String>,
    /// The command and a sample of its output, as a `console` block (its `commands` are set
    /// when the lab's shell accepts the command: the block offers "try in the lab").
    pub sample: CodeBlock,
    /// The lesson that uses it, by slug.
    pub lesson: Option<String>,
}

/// A section of the "before you begin" page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartSection {
    /// Its anchor (`/start#versions`).
    pub id: String,
    /// Its heading.
    pub title: Text2<String>,
    /// What it says (Markdown, read when the content was built).
    pub body: Text2<Rich>,
}

impl Glossary {
    /// The terms in the order the page shows them in `lang`.
    pub fn sorted(&self, lang: Lang) -> Vec<&Term> {
        let mut v: Vec<&Term> = self.terms.iter().collect();
        crate::sort::by(&mut v, |a, b| a.sort.get(lang).cmp(b.sort.get(lang)));
        v
    }

    /// The term with this anchor.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    /// Whether there is nothing to show (a content folder without `glossary.toml`, or a pack
    /// not loaded yet).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.commands.is_empty() && self.start.is_empty()
    }
}
