//! Loads a content folder (`SUMMARY.md`, `en/`, `zh/`, `quizzes/`, `guides/`) into a [`Bundle`], with
//! every problem found on the way. Used by `build.rs` (which serialises the bundle into the app)
//! and by `kindlab check` (which adds the simulator's checks, see `check.rs`).

use crate::diag::{LineIndex, Problem};
use crate::markdown::{self, Env, Found};
use crate::model::*;
use crate::{challengefile, guidefile, quizfile};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

mod glossary;

/// What the checker needs to know about a lesson beyond the model.
#[derive(Debug)]
pub struct LessonInfo {
    /// The lesson's file name without `.md` (the same in both languages).
    pub slug: String,
    /// The language of this twin.
    pub lang: Lang,
    /// Its path under the content folder (`en/01-kind-ha.md`).
    pub file: String,
    /// Every link, where it is (the checker resolves them).
    pub links: Vec<Found<Href>>,
    /// Every `kindlab-*` widget, where it is.
    pub widgets: Vec<Found<Widget>>,
    /// Every console block's commands, where the block is (the simulator must accept them).
    pub consoles: Vec<Found<String>>,
}

/// What the checker needs to know about a guide file beyond the model: where its texts are.
#[derive(Debug)]
pub struct GuideInfo {
    /// The guided lab's id (the file name without `.toml`).
    pub id: String,
    /// Its path under the content folder (`guides/chapter.toml`).
    pub file: String,
    /// Where each text is, for messages.
    pub positions: guidefile::Positions,
}

/// What the checker needs to know about a challenge file beyond the model: where its texts are.
#[derive(Debug)]
pub struct ChallengeInfo {
    /// The challenge's id (the file name without `.toml`).
    pub id: String,
    /// Its path under the content folder (`challenges/pvc-pending.toml`).
    pub file: String,
    /// Where each text is, for messages.
    pub positions: challengefile::Positions,
}

/// A loaded content folder.
pub struct Loaded {
    /// The content, as the app uses it.
    pub bundle: Bundle,
    /// Errors: `kindlab check` fails on them (the app shows them where they matter).
    pub problems: Vec<Problem>,
    /// Things worth knowing that are not errors (skipped quiz questions, quizzes in English
    /// only).
    pub notices: Vec<String>,
    /// What the checker needs about each lesson beyond the model.
    pub lessons: Vec<LessonInfo>,
    /// What the checker needs about each guide file beyond the model.
    pub guides: Vec<GuideInfo>,
    /// Whether the folder has a `guides/` folder (a book without one has no guided labs).
    pub has_guides: bool,
    /// What the checker needs about each challenge file beyond the model.
    pub challenges: Vec<ChallengeInfo>,
    /// Whether the folder has a `challenges/` folder (a book without one has no challenges).
    pub has_challenges: bool,
    /// The command sheet's commands that `glossary.toml` says the lab accepts, where (the
    /// checker runs them on the simulator).
    pub lab_commands: Vec<Found<String>>,
    /// How many files were read.
    pub files: usize,
}

/// Words of the source file's machine translation that kindlab must not repeat, and what to
/// write instead (`../shared/seed/README.md`).
pub const MISTRANSLATIONS: &[(&str, &str)] = &[
    ("高速公路", "HAProxy"),
    ("库伯莱", "kubelet"),
    ("聚氯乙烯", "PVC"),
    ("唱片", "磁盘 (Disk)"),
    ("大牧场主", "Rancher"),
    ("消歧义", "CNCF"),
    ("代理服务系统", "代理服务器"),
    ("没有任何东西", "什么都不需要"),
    ("工人 2", "worker2"),
    ("工人2", "worker2"),
    ("真实的", "正确 (True)"),
];

/// The glossary's file under the content folder.
pub const GLOSSARY: &str = crate::glossaryfile::FILE;

/// App pages a lesson may link to (besides `/quiz/<id>` and `/lesson/<slug>`).
const APP_PAGES: &[&str] = &["/", "/lab", "/quiz", "/progress", "/glossary", "/start"];

fn problem(file: &str, (line, col): (u32, u32), message: impl Into<String>) -> Problem {
    Problem {
        file: file.into(),
        line,
        col,
        message: message.into(),
    }
}

/// The largest content file read (a lesson, a quiz, a guide): the chapter's longest is under
/// 30 KB, and a file of this size is read in well under 100 ms, where a megabyte of Markdown
/// built for it (a million emphasis marks, say) takes some hundreds.
pub const MAX_FILE_BYTES: u64 = 256 * 1024;

/// Reads a file as UTF-8; an invalid byte is reported at its line and column, a file over
/// [`MAX_FILE_BYTES`] at its start (without reading it).
fn read_text(path: &Path, name: &str) -> Result<String, Problem> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(problem(
            name,
            (1, 1),
            format!(
                "this file is {} KB; a content file is at most {} KB (split it)",
                size.div_ceil(1024),
                MAX_FILE_BYTES / 1024
            ),
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| problem(name, (1, 1), format!("cannot read: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes[..good]).into_owned();
            let pos = LineIndex::new(&text, 0).pos(text.len());
            Err(problem(name, pos, "not valid UTF-8"))
        }
    }
}

/// One entry of `SUMMARY.md`: the file it names and where.
struct Entry {
    file: String,
    line: u32,
    col: u32,
}

/// Parses `SUMMARY.md`: list items of the form `1. [Title](NN-slug.md)` or `- [Title](f.md)`.
fn summary(text: &str, problems: &mut Vec<Problem>) -> Vec<Entry> {
    let mut out = vec![];
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let item = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| {
                let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
                (digits > 0)
                    .then(|| t[digits..].strip_prefix(". "))
                    .flatten()
            });
        let Some(item) = item else {
            if !t.is_empty() && !t.starts_with('#') {
                problems.push(problem(
                    "SUMMARY.md",
                    (i as u32 + 1, indent as u32 + 1),
                    "expected a list item `1. [Title](NN-slug.md)` or a `#` heading",
                ));
            }
            continue;
        };
        let target = item
            .find("](")
            .and_then(|a| item[a + 2..].find(')').map(|b| (a + 2, a + 2 + b)));
        match target {
            Some((a, b)) if item.starts_with('[') => {
                let col = (line.len() - item.len() + a) as u32 + 1;
                out.push(Entry {
                    file: item[a..b].trim().to_string(),
                    line: i as u32 + 1,
                    col,
                });
            }
            _ => problems.push(problem(
                "SUMMARY.md",
                (i as u32 + 1, indent as u32 + 1),
                "a list item must be a link to a lesson file: `[Title](NN-slug.md)`",
            )),
        }
    }
    out
}

fn md_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".md"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A `data:` URI of an image in an `assets/` folder, named relative to the lesson's folder.
fn image_uri(lesson_dir: &Path, rel: &str) -> Result<String, String> {
    let path = lesson_dir.join(rel);
    let mut norm = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                norm.pop();
            }
            Component::CurDir => {}
            other => norm.push(other.as_os_str()),
        }
    }
    if !norm.components().any(|c| c.as_os_str() == "assets") {
        return Err(format!("`{rel}` is not in the assets/ folder"));
    }
    let bytes = std::fs::read(&norm).map_err(|e| format!("`{rel}`: {e}"))?;
    let lower = rel.to_ascii_lowercase();
    let mime = if lower.ends_with(".svg") {
        "image/svg+xml"
    } else if lower.ends_with(".png") {
        "image/png"
    } else if lower.ends_with(".gif") {
        "image/gif"
    } else if lower.ends_with(".webp") {
        "image/webp"
    } else {
        "image/jpeg"
    };
    use base64::Engine as _;
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// Every occurrence of the seed's mistranslations in `text`.
fn mistranslations(file: &str, text: &str, out: &mut Vec<Problem>) {
    let ix = LineIndex::new(text, 0);
    for (wrong, right) in MISTRANSLATIONS {
        for (at, _) in text.match_indices(wrong) {
            out.push(problem(
                file,
                ix.pos(at),
                format!("`{wrong}` is a mistranslation from the source file: write {right}"),
            ));
        }
    }
}

/// Loads everything under `dir`. `highlight` colours code blocks (the build passes syntect; the
/// checker a plain one).
pub fn load(dir: &Path, highlight: &dyn Fn(&str, &str) -> Vec<Vec<Span>>) -> Loaded {
    let mut l = Loader {
        dir,
        highlight,
        problems: vec![],
        notices: vec![],
        files: 0,
        bundle: Bundle::default(),
        infos: vec![],
        slugs: BTreeMap::new(),
    };
    l.lessons();
    let quiz_lessons = l.quizzes();
    let guides = l.guides();
    let challenges = l.challenges();
    l.quiz_lessons(quiz_lessons);
    l.links_and_widgets();
    let widget_problems = crate::lessonwidgets::problems(&l.bundle, &l.infos);
    l.problems.extend(widget_problems);
    l.twins_sources();
    let lab_commands = l.glossary();
    let Loader {
        mut problems,
        notices,
        mut bundle,
        infos,
        files,
        ..
    } = l;
    problems.sort();
    problems.dedup();
    bundle.problems = problems.iter().map(|p| p.to_string()).collect();
    bundle.notices = notices.clone();
    Loaded {
        bundle,
        problems,
        notices,
        lessons: infos,
        guides,
        has_guides: dir.join("guides").is_dir(),
        challenges,
        has_challenges: dir.join("challenges").is_dir(),
        lab_commands,
        files,
    }
}

/// A content folder being read: what was read so far and what was found wrong.
struct Loader<'a> {
    dir: &'a Path,
    highlight: &'a dyn Fn(&str, &str) -> Vec<Vec<Span>>,
    problems: Vec<Problem>,
    notices: Vec<String>,
    /// Files read.
    files: usize,
    bundle: Bundle,
    infos: Vec<LessonInfo>,
    /// Lessons listed in SUMMARY.md, with where.
    slugs: BTreeMap<String, (u32, u32)>,
}

/// A quiz question's `lesson` key: (file, slug, line, col).
type QuizLesson = (String, String, u32, u32);

impl Loader<'_> {
    /// The lessons in SUMMARY.md's order, both languages of each; the files it does not list.
    fn lessons(&mut self) {
        let entries = match read_text(&self.dir.join("SUMMARY.md"), "SUMMARY.md") {
            Ok(t) => {
                self.files += 1;
                summary(&t, &mut self.problems)
            }
            Err(mut p) => {
                p.message = format!("{} (the order file lists every lesson)", p.message);
                self.problems.push(p);
                vec![]
            }
        };
        let mut listed: BTreeSet<String> = BTreeSet::new();
        for e in &entries {
            let name = e.file.rsplit('/').next().unwrap_or(&e.file).to_string();
            let Some(stem) = name.strip_suffix(".md") else {
                self.problems.push(problem(
                    "SUMMARY.md",
                    (e.line, e.col),
                    format!("`{}` is not a .md file", e.file),
                ));
                continue;
            };
            let slug = markdown::lesson_slug(stem).to_string();
            if let Some((l, _)) = self.slugs.get(&slug) {
                self.problems.push(problem(
                    "SUMMARY.md",
                    (e.line, e.col),
                    format!("lesson `{slug}` is listed twice (first on line {l})"),
                ));
                continue;
            }
            self.slugs.insert(slug.clone(), (e.line, e.col));
            listed.insert(name.clone());
            self.bundle.order.push(slug.clone());
            for lang in Lang::ALL {
                let rel = format!("{}/{name}", lang.dir());
                let path = self.dir.join(&rel);
                if !path.is_file() {
                    let other = match lang {
                        Lang::En => "English",
                        Lang::Zh => "Chinese",
                    };
                    self.problems.push(problem(
                        "SUMMARY.md",
                        (e.line, e.col),
                        format!("the {other} lesson {rel} is missing (every lesson needs its en and zh twins)"),
                    ));
                    continue;
                }
                self.files += 1;
                match lesson(self.dir, &rel, &slug, lang, self.highlight) {
                    Ok((l, info, mut p)) => {
                        self.problems.append(&mut p);
                        self.bundle.lessons.push(l);
                        self.infos.push(info);
                    }
                    Err(p) => self.problems.push(p),
                }
            }
        }
        for lang in Lang::ALL {
            for name in md_files(&self.dir.join(lang.dir())) {
                if !listed.contains(&name) {
                    let twin = Lang::ALL
                        .iter()
                        .find(|l| **l != lang)
                        .map(|l| self.dir.join(l.dir()).join(&name).is_file())
                        .unwrap_or(false);
                    let mut msg = format!("{}/{name} is not listed in SUMMARY.md", lang.dir());
                    if !twin {
                        msg.push_str(" and has no twin in the other language");
                    }
                    self.problems
                        .push(problem(&format!("{}/{name}", lang.dir()), (1, 1), msg));
                }
            }
        }
    }

    /// The `.toml` files of `folder`, read, in file-name order: (id, path under the content
    /// folder, text). A file that cannot be read is reported and left out; every one is counted
    /// and checked for the seed's mistranslations.
    fn toml_folder(&mut self, folder: &str) -> Vec<(String, String, String)> {
        let dir = self.dir.join(folder);
        let mut out = vec![];
        for name in toml_files(&dir) {
            let rel = format!("{folder}/{name}");
            self.files += 1;
            match read_text(&dir.join(&name), &rel) {
                Ok(text) => {
                    mistranslations(&rel, &text, &mut self.problems);
                    let id = name.trim_end_matches(".toml").to_string();
                    out.push((id, rel, text));
                }
                Err(p) => self.problems.push(p),
            }
        }
        out
    }

    /// The quizzes, in file-name order; returns their questions' `lesson` keys.
    fn quizzes(&mut self) -> Vec<QuizLesson> {
        let mut qids: BTreeMap<String, String> = BTreeMap::new();
        let mut quiz_lessons = vec![];
        for (id, rel, text) in self.toml_folder("quizzes") {
            let no_image = |_: &str| -> Result<String, String> {
                Err("images are not allowed in quizzes".into())
            };
            let env = Env {
                file: &rel,
                highlight: self.highlight,
                image: &no_image,
            };
            let mut q = quizfile::load(&env, &id, &text);
            self.problems.append(&mut q.problems);
            self.notices.append(&mut q.notices);
            if q.quiz.english_only && !q.untranslated.is_empty() {
                // a plain mdbook-quiz file: fine, in English on both sides
                self.notices.push(format!(
                    "{rel}:1:1: the quiz has no Chinese text (a plain mdbook-quiz file); it is shown in English in both languages"
                ));
            } else {
                self.problems.append(&mut q.untranslated);
            }
            // (a duplicate inside one file was reported by quizfile::load)
            for (qid, pos) in &q.ids {
                if let Some(first) = qids.get(qid) {
                    self.problems.push(problem(
                        &rel,
                        *pos,
                        format!("question id `{qid}` is also used in {first}"),
                    ));
                } else {
                    qids.insert(qid.clone(), rel.clone());
                }
            }
            for (slug, line, col) in q.lessons {
                quiz_lessons.push((rel.clone(), slug, line, col));
            }
            self.bundle.quizzes.push(q.quiz);
        }
        quiz_lessons
    }

    /// The guided labs' texts, in file-name order.
    fn guides(&mut self) -> Vec<GuideInfo> {
        let mut guides = vec![];
        for (id, rel, text) in self.toml_folder("guides") {
            let mut g = guidefile::load(&rel, &id, &text);
            self.problems.append(&mut g.problems);
            guides.push(GuideInfo {
                id,
                file: rel,
                positions: g.positions,
            });
            if g.parsed {
                self.bundle.guides.push(g.guide);
            }
        }
        guides
    }

    /// The break-fix challenges' texts, in file-name order; each `lessons` entry must name a
    /// lesson of SUMMARY.md.
    fn challenges(&mut self) -> Vec<ChallengeInfo> {
        let mut out = vec![];
        for (id, rel, text) in self.toml_folder("challenges") {
            let mut c = challengefile::load(&rel, &id, &text);
            self.problems.append(&mut c.problems);
            for (n, slug) in c.challenge.lessons.iter().enumerate() {
                if !self.slugs.contains_key(slug) {
                    let at = c.positions.get(&(format!("lessons.{n}"), None));
                    self.problems.push(problem(
                        &rel,
                        at.copied().unwrap_or((1, 1)),
                        format!("`lessons` names `{slug}`, which is not a lesson of SUMMARY.md"),
                    ));
                }
            }
            out.push(ChallengeInfo {
                id,
                file: rel,
                positions: c.positions,
            });
            if c.parsed {
                self.bundle.challenges.push(c.challenge);
            }
        }
        out
    }

    /// A question's `lesson` names a lesson of SUMMARY.md.
    fn quiz_lessons(&mut self, quiz_lessons: Vec<QuizLesson>) {
        for (file, slug, line, col) in quiz_lessons {
            if !self.slugs.contains_key(&slug) {
                self.problems.push(problem(
                    &file,
                    (line, col),
                    format!("`lesson = \"{slug}\"` names no lesson in SUMMARY.md"),
                ));
            }
        }
    }

    /// Every lesson's headings' anchors, by slug and language.
    fn anchors(&self) -> BTreeMap<(String, Lang), BTreeSet<String>> {
        self.bundle
            .lessons
            .iter()
            .map(|l| {
                (
                    (l.slug.clone(), l.lang),
                    l.toc
                        .iter()
                        .map(|t| t.id.clone())
                        .chain(l.blocks.iter().filter_map(|b| match b {
                            Block::Heading { id, .. } => Some(id.clone()),
                            _ => None,
                        }))
                        .collect(),
                )
            })
            .collect()
    }

    /// Links and widgets point at things that exist.
    fn links_and_widgets(&mut self) {
        let anchors = self.anchors();
        let quiz_ids: BTreeSet<&str> = self.bundle.quizzes.iter().map(|q| q.id.as_str()).collect();
        for info in &self.infos {
            let f = &info.file;
            for link in &info.links {
                let pos = (link.line, link.col);
                match &link.item {
                    Href::Anchor(a) => {
                        if !anchors
                            .get(&(info.slug.clone(), info.lang))
                            .is_some_and(|s| s.contains(a))
                        {
                            self.problems.push(problem(
                                f,
                                pos,
                                format!("no heading #{a} in this lesson"),
                            ));
                        }
                    }
                    Href::Lesson { slug, anchor } => {
                        match anchors.get(&(slug.clone(), info.lang)) {
                            None => self.problems.push(problem(
                                f,
                                pos,
                                format!("link to a lesson that does not exist: `{slug}`"),
                            )),
                            Some(set) => {
                                if let Some(a) = anchor {
                                    if !set.contains(a) {
                                        self.problems.push(problem(
                                            f,
                                            pos,
                                            format!(
                                                "no heading #{a} in the {} lesson `{slug}`",
                                                info.lang.dir()
                                            ),
                                        ));
                                    }
                                }
                            }
                        }
                    }
                    Href::App(path) => {
                        let p = path.split('#').next().unwrap_or(path);
                        let ok = APP_PAGES.contains(&p)
                            || p.strip_prefix("/quiz/")
                                .is_some_and(|id| quiz_ids.contains(id) || id == "generated")
                            || p.strip_prefix("/lesson/")
                                .is_some_and(|s| self.slugs.contains_key(s));
                        if !ok {
                            self.problems.push(problem(
                                f,
                                pos,
                                format!("`{path}` is not a page of the app (/, /lab, /quiz, /quiz/<id>, /progress, /glossary, /start, /lesson/<slug>)"),
                            ));
                        }
                    }
                    Href::External(_) | Href::Glossary(_) => {}
                }
            }
            for w in &info.widgets {
                if let Widget::Quiz { id } = &w.item {
                    if !id.is_empty() && !quiz_ids.contains(id.as_str()) {
                        self.problems.push(problem(
                            f,
                            (w.line, w.col),
                            format!("kindlab-quiz: no quiz `{id}` (no file quizzes/{id}.toml)"),
                        ));
                    }
                }
            }
        }
    }
}

/// The `.toml` files of a folder, sorted (none when there is no such folder).
fn toml_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Reads and parses one lesson file.
fn lesson(
    dir: &Path,
    rel: &str,
    slug: &str,
    lang: Lang,
    highlight: &dyn Fn(&str, &str) -> Vec<Vec<Span>>,
) -> Result<(Lesson, LessonInfo, Vec<Problem>), Problem> {
    let path = dir.join(rel);
    let text = read_text(&path, rel)?;
    let mut problems = vec![];
    mistranslations(rel, &text, &mut problems);
    let Some((yaml, body, offset)) = markdown::split_front_matter(&text) else {
        return Err(problem(
            rel,
            (1, 1),
            "a lesson starts with front matter: `---`, title, summary, minutes, objectives, `---`",
        ));
    };
    let fm = match markdown::parse_front_matter(rel, yaml) {
        Ok(fm) => fm,
        Err(p) => {
            problems.push(p);
            markdown::FrontMatter {
                title: slug.into(),
                summary: String::new(),
                minutes: 1,
                objectives: vec![],
                sources: vec![],
            }
        }
    };
    let lesson_dir = path.parent().unwrap_or(dir).to_path_buf();
    let image = move |p: &str| image_uri(&lesson_dir, p);
    let env = Env {
        file: rel,
        highlight,
        image: &image,
    };
    let parsed = markdown::parse_body(&env, body, offset);
    problems.extend(parsed.problems);
    let objectives = fm
        .objectives
        .iter()
        .map(|o| {
            let (blocks, p) = markdown::parse_snippet(&env, o, 1);
            problems.extend(p);
            match blocks.into_iter().next() {
                Some(Block::Paragraph(i)) => i,
                _ => vec![Inline::Text(o.clone())],
            }
        })
        .collect();
    let lesson = Lesson {
        slug: slug.into(),
        lang,
        file: rel.into(),
        title: fm.title,
        summary: fm.summary,
        minutes: fm.minutes,
        objectives,
        toc: parsed.toc,
        blocks: parsed.blocks,
        footnotes: parsed.footnotes,
        partial: false,
        sections: parsed.sections,
        sources: fm
            .sources
            .iter()
            .map(|s| Source {
                title: s.title.trim().to_string(),
                url: s.url.trim().to_string(),
            })
            .collect(),
    };
    let info = LessonInfo {
        slug: slug.into(),
        lang,
        file: rel.into(),
        links: parsed.links,
        widgets: parsed.widgets,
        consoles: parsed.consoles,
    };
    Ok((lesson, info, problems))
}

/// A highlighter that colours nothing (for the checker, which only validates).
pub fn plain(_lang: &str, code: &str) -> Vec<Vec<Span>> {
    code.lines()
        .map(|l| {
            vec![Span {
                class: String::new(),
                text: l.to_string(),
            }]
        })
        .collect()
}
