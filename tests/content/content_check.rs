//! `kindlab check` through the real binary: the book's content passes with a one-line summary;
//! broken and hostile content folders (tests/fixtures/) fail with exactly the expected
//! `file:line:col: message` lines, one per offence, and never panic.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(super) fn root() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
}

pub(crate) fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// Runs `kindlab ARGS` in `cwd`.
pub(super) fn kindlab(cwd: &Path, args: &[&str]) -> Output {
    let exe = env!("CARGO_BIN_EXE_kindlab");
    let o = Command::new(exe)
        .args(args)
        .current_dir(cwd)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the kindlab binary runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("unknown command 'check'"),
        "{exe} has no `check` subcommand: it was replaced by a build of another checkout that \
         shares CARGO_TARGET_DIR; rebuild this one"
    );
    assert!(
        !err.contains("panicked"),
        "kindlab {args:?} panicked: {err}"
    );
    o
}

pub(super) fn lines(b: &[u8]) -> Vec<String> {
    String::from_utf8(b.to_vec())
        .expect("output is UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// `out` is exactly `want`, in that order (the checker sorts by file, line, column).
pub(crate) fn assert_lines(out: &[String], want: &[&str]) {
    let missing: Vec<&&str> = want
        .iter()
        .filter(|l| !out.iter().any(|o| o == *l))
        .collect();
    let extra: Vec<&String> = out.iter().filter(|l| !want.contains(&l.as_str())).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nunexpected: {extra:#?}"
    );
    assert_eq!(out, want, "same lines, other order");
}

/// Counts of the real content folder, found independently of the checker: lessons from the
/// links in SUMMARY.md (two languages each), quizzes and their `[[questions]]` tables, and the
/// guided labs' and challenges' files (counted among the files read).
fn content_counts() -> (usize, usize, usize, usize) {
    let dir = root().join("content");
    let summary = std::fs::read_to_string(dir.join("SUMMARY.md")).unwrap();
    let lessons = summary.lines().filter(|l| l.contains("](")).count() * 2;
    let mut quizzes = 0;
    let mut questions = 0;
    for e in std::fs::read_dir(dir.join("quizzes")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            quizzes += 1;
            let t = std::fs::read_to_string(&p).unwrap();
            questions += t.lines().filter(|l| l.trim() == "[[questions]]").count();
        }
    }
    let tomls = |sub: &str| {
        std::fs::read_dir(dir.join(sub))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "toml")
            })
            .count()
    };
    // SUMMARY.md, and the glossary
    let files = 1
        + lessons
        + quizzes
        + tomls("guides")
        + tomls("challenges")
        + dir.join("glossary.toml").is_file() as usize;
    (lessons, quizzes, questions, files)
}

#[test]
fn the_books_content_passes_with_a_one_line_summary() {
    let (lessons, quizzes, questions, files) = content_counts();
    assert_eq!(
        lessons, 14,
        "the chapter has seven lessons in two languages"
    );
    for (args, shown) in [
        (&["check"][..], "content"),
        (&["check", "content"][..], "content"),
    ] {
        let o = kindlab(&root(), args);
        let out = lines(&o.stdout);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {out:#?}\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(
            out,
            vec![format!(
                "kindlab check: {shown}: {lessons} lessons, {quizzes} quizzes ({questions} questions), {files} files: no problems"
            )]
        );
        assert!(
            o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // an absolute path is named as given
    let abs = root().join("content");
    let o = kindlab(Path::new("/"), &["check", abs.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let out = lines(&o.stdout);
    assert_eq!(out.len(), 1);
    assert!(
        out[0].starts_with(&format!(
            "kindlab check: {}: {lessons} lessons",
            abs.display()
        )),
        "{out:?}"
    );
}

const BROKEN: &[&str] = &[
    // the order file: a listed lesson without its Chinese twin (the column of its file name)
    "content-broken/SUMMARY.md:5:22: the Chinese lesson zh/03-notwin.md is missing (every lesson needs its en and zh twins)",
    // links, images, widgets and code in one English lesson
    "content-broken/en/02-links.md:11:3: link to a lesson that does not exist: `missing`",
    "content-broken/en/02-links.md:11:41: no heading #nope in the en lesson `good`",
    "content-broken/en/02-links.md:13:9: no heading #nowhere in this lesson",
    "content-broken/en/02-links.md:13:41: link refused: the `javascript:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)",
    "content-broken/en/02-links.md:15:1: image refused: the `data:` scheme is not allowed for images (use a file in assets/)",
    "content-broken/en/02-links.md:19:1: unknown widget `kindlab-foo` (known: kindlab-topology, kindlab-lab, kindlab-quiz, kindlab-checkpoint, kindlab-predict)",
    "content-broken/en/02-links.md:25:1: kindlab-topology: the simulator does not accept `frobnicate now`: bash: frobnicate: command not found",
    "content-broken/en/02-links.md:28:1: kindlab-quiz: no quiz `nosuchquiz` (no file quizzes/nosuchquiz.toml)",
    "content-broken/en/02-links.md:32:1: unknown code language `rust` (use yaml, bash, console, haproxy, json, text)",
    // front matter: a missing field, a YAML syntax error at its line and column
    "content-broken/en/04-front.md:2:1: front matter: missing field `minutes`",
    "content-broken/en/05-yaml.md:3:13: front matter: mapping values are not allowed in this context",
    // a lesson file SUMMARY.md does not list
    "content-broken/en/06-orphan.md:1:1: en/06-orphan.md is not listed in SUMMARY.md and has no twin in the other language",
    // quiz rules
    "content-broken/quizzes/rules.toml:14:14: `大牧场主` is a mistranslation from the source file: write Rancher",
    "content-broken/quizzes/rules.toml:17:6: question id `dup` is used twice (first at line 5, col 6)",
    "content-broken/quizzes/rules.toml:20:10: `lesson = \"nolesson\"` names no lesson in SUMMARY.md",
    "content-broken/quizzes/rules.toml:22:23: question `dup`: the answer \"Right\" is also a distractor",
    "content-broken/quizzes/rules.toml:24:23: question `dup`: `explain.distractors` has 1 entries for 2 distractors",
    "content-broken/quizzes/rules.toml:28:14: question `dup`: `zh.explain` has 3 entries for 2 distractors",
    "content-broken/quizzes/rules.toml:32:8: question `untranslated` has no Chinese `zh.context`",
    "content-broken/quizzes/rules.toml:32:8: question `untranslated` has no Chinese `zh.prompt`",
    "content-broken/quizzes/syntax.toml:7:40: TOML: invalid basic string, expected `\"`",
    // an id used in another file: at the second file's `id`
    "content-broken/quizzes/tracing.toml:12:6: question id `good-q` is also used in quizzes/good.toml",
    // the seed's mistranslations, in the front matter and in the body
    "content-broken/zh/02-links.md:2:11: `聚氯乙烯` is a mistranslation from the source file: write PVC",
    "content-broken/zh/02-links.md:11:3: `库伯莱` is a mistranslation from the source file: write kubelet",
];

#[test]
fn a_broken_folder_fails_with_every_problem_at_its_position() {
    let o = kindlab(&fixtures(), &["check", "content-broken"]);
    assert_eq!(o.status.code(), Some(1));
    let out = lines(&o.stdout);
    assert_lines(&out, BROKEN);
    // the skipped Tracing question is a notice on stderr, not a problem
    assert_eq!(
        lines(&o.stderr),
        vec![
            "notice: content-broken/quizzes/tracing.toml:6:8: question `trace-me` is of type Tracing, which kindlab does not run; skipped".to_string(),
            format!("kindlab check: content-broken: {} problems in 14 files", BROKEN.len()),
        ]
    );
    assert!(!out.iter().any(|l| l.contains("trace-me")));
}

#[test]
fn a_folder_whose_only_trouble_is_a_skipped_question_passes() {
    let dir = tempdir("skipped-only");
    copy_dir(
        &fixtures().join("content-broken/en"),
        &dir.join("en"),
        &["01-good.md"],
    );
    copy_dir(
        &fixtures().join("content-broken/zh"),
        &dir.join("zh"),
        &["01-good.md"],
    );
    std::fs::create_dir_all(dir.join("quizzes")).unwrap();
    std::fs::write(
        dir.join("SUMMARY.md"),
        "# Summary\n\n1. [Good](01-good.md)\n",
    )
    .unwrap();
    // good.toml, and the Tracing file without its duplicated id
    std::fs::copy(
        fixtures().join("content-broken/quizzes/good.toml"),
        dir.join("quizzes/good.toml"),
    )
    .unwrap();
    let tracing =
        std::fs::read_to_string(fixtures().join("content-broken/quizzes/tracing.toml")).unwrap();
    std::fs::write(
        dir.join("quizzes/tracing.toml"),
        tracing.replace("id = \"good-q\"", "id = \"tool\""),
    )
    .unwrap();
    let o = kindlab(&dir, &["check", "."]);
    let out = lines(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out:#?}");
    assert_eq!(
        out,
        vec!["kindlab check: .: 2 lessons, 2 quizzes (2 questions), 5 files: no problems"]
    );
    assert_eq!(
        lines(&o.stderr),
        vec!["notice: ./quizzes/tracing.toml:6:8: question `trace-me` is of type Tracing, which kindlab does not run; skipped"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_plain_mdbook_quiz_file_passes_with_a_notice_that_it_is_in_english_only() {
    let dir = tempdir("english-only");
    for lang in ["en", "zh"] {
        copy_dir(
            &fixtures().join("content-broken").join(lang),
            &dir.join(lang),
            &["01-good.md"],
        );
    }
    std::fs::create_dir_all(dir.join("quizzes")).unwrap();
    std::fs::write(
        dir.join("SUMMARY.md"),
        "# Summary\n\n1. [Good](01-good.md)\n",
    )
    .unwrap();
    // mdbook-quiz's own format, not a Chinese word in it (as the quiz the lesson shows)
    std::fs::copy(
        root().join("tests/fixtures/mdbook-quiz/variables.toml"),
        dir.join("quizzes/good.toml"),
    )
    .unwrap();
    let o = kindlab(&dir, &["check", "."]);
    let out = lines(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out:#?}");
    assert_eq!(
        out,
        // (the Tracing question is skipped, not counted)
        vec!["kindlab check: .: 2 lessons, 1 quizzes (6 questions), 4 files: no problems"]
    );
    assert_eq!(
        lines(&o.stderr),
        vec![
            "notice: ./quizzes/good.toml:20:8: question `good-3` is of type Tracing, which kindlab does not run; skipped",
            "notice: ./quizzes/good.toml:1:1: the quiz has no Chinese text (a plain mdbook-quiz file); it is shown in English in both languages",
        ]
    );
    // one Chinese string makes it kindlab's own file: then every missing twin is an error
    let text = std::fs::read_to_string(dir.join("quizzes/good.toml")).unwrap();
    std::fs::write(
        dir.join("quizzes/good.toml"),
        format!("zh.title = \"变量\"\n{text}"),
    )
    .unwrap();
    let o = kindlab(&dir, &["check", "."]);
    assert_eq!(o.status.code(), Some(1));
    let out = lines(&o.stdout);
    assert!(
        out.iter()
            .any(|l| l.ends_with("question `good-1` has no Chinese `zh.prompt`")),
        "{out:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

const HOSTILE: &[&str] = &[
    "content-hostile/en/01-hostile.md:11:1: raw HTML is not allowed (a script tag): `<script>alert(1)</script>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:13:10: raw HTML is not allowed (an event-handler attribute `onerror`): `<img src=x onerror=alert(1)>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:15:7: raw HTML is not allowed (an HTML tag): `<a href=\"javascript:alert(1)\">`; write Markdown instead",
    "content-hostile/en/01-hostile.md:17:1: link refused: the `javascript:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)",
    "content-hostile/en/01-hostile.md:17:34: link refused: the `javascript:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)",
    "content-hostile/en/01-hostile.md:17:67: link refused: the `vbscript:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)",
    "content-hostile/en/01-hostile.md:19:1: link refused: the `data:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)",
    "content-hostile/en/01-hostile.md:19:62: link refused: the `javascript:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)",
    "content-hostile/en/01-hostile.md:23:10: raw HTML is not allowed (an HTML tag): `<b>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:25:12: raw HTML is not allowed (an HTML tag): `<span>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:27:1: raw HTML is not allowed (an HTML comment): `<!-- a comment`; write Markdown instead",
    "content-hostile/en/01-hostile.md:30:11: raw HTML is not allowed (an HTML comment): `<!-- an inline comment -->`; write Markdown instead",
    "content-hostile/en/01-hostile.md:32:1: raw HTML is not allowed (an HTML tag): `<iframe src=\"https://evil.example/\">`; write Markdown instead",
    "content-hostile/en/01-hostile.md:35:1: raw HTML is not allowed (an event-handler attribute `onload`): `<svg onload=alert(1)>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:37:1: raw HTML is not allowed (an HTML tag): `<style>body { display: none }</style>`; write Markdown instead",
    // one offence even when its closing tag is on the paragraph's next line
    "content-hostile/en/01-hostile.md:39:3: raw HTML is not allowed (an HTML tag): `<span>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:42:20: raw HTML is not allowed (an HTML tag): `<kbd>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:46:22: raw HTML is not allowed (an event-handler attribute `onmouseover`): `<u onmouseover=alert(1)>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:48:35: link refused: the `javascript:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)",
    "content-hostile/en/01-hostile.md:50:23: raw HTML is not allowed (an HTML tag): `<em>`; write Markdown instead",
    "content-hostile/en/01-hostile.md:52:1: raw HTML is not allowed (an HTML tag): `<object data=\"x.swf\">`; write Markdown instead",
    "content-hostile/en/01-hostile.md:54:1: raw HTML is not allowed (an HTML tag): `<embed src=\"x.swf\">`; write Markdown instead",
];

#[test]
fn a_hostile_lesson_gets_exactly_one_error_per_offence_and_no_panic() {
    let o = kindlab(&fixtures(), &["check", "content-hostile"]);
    assert_eq!(o.status.code(), Some(1));
    let out = lines(&o.stdout);
    assert_lines(&out, HOSTILE);
    assert_eq!(
        lines(&o.stderr),
        vec![format!(
            "kindlab check: content-hostile: {} problems in 3 files",
            HOSTILE.len()
        )]
    );
}

#[test]
fn help_and_a_missing_folder() {
    for flag in ["--help", "-h"] {
        let o = kindlab(&root(), &["check", flag]);
        assert_eq!(o.status.code(), Some(0));
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.starts_with("usage: kindlab check [DIR]\n"), "{out}");
        assert!(out.contains("file:line:col"), "{out}");
        assert!(o.stderr.is_empty());
    }
    let o = kindlab(&root(), &["check", "no-such-folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert_eq!(
        lines(&o.stderr),
        vec!["kindlab check: no-such-folder is not a folder"]
    );
    // a file is not a folder either; a second DIR and an unknown option are usage errors
    for (args, says) in [
        (
            &["check", "Cargo.toml"][..],
            "kindlab check: Cargo.toml is not a folder",
        ),
        (
            &["check", "content", "content"][..],
            "kindlab check: only one DIR may be given",
        ),
        (
            &["check", "--frobnicate"][..],
            "kindlab check: unknown option --frobnicate (try kindlab check --help)",
        ),
    ] {
        let o = kindlab(&root(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert_eq!(lines(&o.stderr), vec![says.to_string()], "{args:?}");
    }
}

#[test]
fn a_megabyte_lesson_or_quiz_is_refused_at_once_with_its_size() {
    let dir = tempdir("megabyte");
    for lang in ["en", "zh"] {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
        std::fs::write(
            dir.join(lang).join("01-huge.md"),
            // exactly 1 MB: 20 bytes of front matter, then the body
            format!("---\ntitle: Huge\n---\n{}", "*a".repeat((1 << 19) - 10)),
        )
        .unwrap();
    }
    std::fs::create_dir_all(dir.join("quizzes")).unwrap();
    std::fs::write(
        dir.join("quizzes/huge.toml"),
        "[[questions]]\n".repeat((1 << 20) / 14),
    )
    .unwrap();
    std::fs::write(
        dir.join("SUMMARY.md"),
        "# Summary\n\n1. [Huge](01-huge.md)\n",
    )
    .unwrap();
    let t = std::time::Instant::now();
    let o = kindlab(&dir, &["check", "."]);
    let took = t.elapsed();
    let out = lines(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out:#?}");
    for file in ["en/01-huge.md", "zh/01-huge.md", "quizzes/huge.toml"] {
        assert!(
            out.iter().any(|l| l.starts_with(&format!(
                "./{file}:1:1: this file is 1024 KB; a content file is at most 256 KB"
            ))),
            "{file}: {out:#?}"
        );
    }
    // a ceiling far above it (a debug build on a busy machine): the files are not even read
    assert!(took.as_secs() < 30, "{took:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

pub(super) fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kindlab-check-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn copy_dir(from: &Path, to: &Path, only: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for n in only {
        std::fs::copy(from.join(n), to.join(n)).unwrap();
    }
}
