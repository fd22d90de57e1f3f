//! Front matter: splitting `---` YAML off a lesson and reading its fields.

use crate::diag::Problem;

/// Front matter fields every lesson has.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The lesson's title.
    pub title: String,
    /// One sentence: what the lesson is about (the home page and the list show it).
    pub summary: String,
    /// About how long it takes to read, in minutes.
    pub minutes: u32,
    /// What the learner will be able to do afterwards (Markdown, one per item).
    pub objectives: Vec<String>,
    /// Optional: the upstream documentation the lesson draws on, shown as "Further reading"
    /// at its end (`- title: …` / `url: https://…`, titles in the lesson's language).
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
}

/// One entry of the front matter's `sources`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// What the page is, in the lesson's language.
    pub title: String,
    /// Its address (`https://`).
    pub url: String,
}

/// Splits `---` front matter off a lesson. Returns (yaml, body, number of lines before the body).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, u32)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..at];
            let body = &rest[at + line.len()..];
            let lines = 2 + yaml.matches('\n').count() as u32;
            return Some((yaml, body, lines));
        }
        at += line.len();
    }
    None
}

/// Parses the front matter YAML; errors carry the file's line numbers (the YAML starts on line
/// 2, after the opening `---`).
pub fn parse_front_matter(file: &str, yaml: &str) -> Result<FrontMatter, Problem> {
    match serde_yaml_ng::from_str::<FrontMatter>(yaml) {
        Ok(fm) => {
            let mut bad = None;
            if fm.title.trim().is_empty() {
                bad = Some("front matter: `title` is empty");
            } else if fm.summary.trim().is_empty() {
                bad = Some("front matter: `summary` is empty");
            } else if fm.minutes == 0 {
                bad = Some("front matter: `minutes` must be a whole number above 0");
            } else if fm.objectives.is_empty() || fm.objectives.iter().any(|o| o.trim().is_empty())
            {
                bad = Some("front matter: `objectives` must be a list of non-empty items");
            } else if fm
                .sources
                .iter()
                .any(|s| s.title.trim().is_empty() || !s.url.starts_with("https://"))
            {
                bad =
                    Some("front matter: each of `sources` needs a `title` and an `https://` `url`");
            }
            match bad {
                Some(m) => Err(Problem {
                    file: file.into(),
                    line: 2,
                    col: 1,
                    message: m.into(),
                }),
                None => Ok(fm),
            }
        }
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line() as u32 + 1, l.column() as u32))
                .unwrap_or((2, 1));
            let msg = e.to_string();
            // serde_yaml_ng appends " at line N column M": the position is given separately
            let msg = msg
                .split(" at line ")
                .next()
                .unwrap_or(&msg)
                .trim_end_matches('.');
            Err(Problem {
                file: file.into(),
                line,
                col: col.max(1),
                message: format!("front matter: {msg}"),
            })
        }
    }
}
