//! What each fuzz target does with its input, in one place: the fuzz targets
//! (`crates/kindlab-fuzz`, built by `cargo xtask fuzz`) call [`exercise`], and so does the
//! suite's replay of every input the fuzzers ever found (`tests/fixtures/fuzz/<target>/`), so a
//! finding stays a regression test of the very code that failed.
//!
//! Native only, test support: nothing of the app calls it.

use crate::content::{self, model::QuestionKind, Lang};
use crate::lab::{Lab, LabDoc};
use crate::quiz::{is_correct, Response, Shown};
use crate::sim::{Session, SessionOptions};
use crate::store::{load, progress, Backend, MemoryBackend, Settings};
use kindlab_content::markdown::Env;
use std::sync::OnceLock;

/// Every target, by name (as `cargo xtask fuzz` lists them).
pub const TARGETS: [&str; 13] = [
    "shell",
    "session",
    "lines",
    "manifest",
    "kind_config",
    "haproxy_cfg",
    "lab_state",
    "progress",
    "settings",
    "search",
    "typed_answer",
    "lesson",
    "quiz_toml",
];

const CHAPTER_CFG: &str = include_str!("../content/lab/haproxy.cfg");
/// The heredoc delimiter the manifest target wraps its input in (a line of it is dropped).
const END: &str = "KINDLAB_FUZZ_END_7F3A";

/// The chapter's world, made once and copied for each input.
fn chapter() -> Session {
    static BASE: OnceLock<Session> = OnceLock::new();
    BASE.get_or_init(|| Session::new(SessionOptions::default()))
        .clone()
}

/// Feeds `data` to the parser `target` reads with, as a learner's text or a file would reach
/// it. Panics on an unknown target, and wherever the code under test does (that is a finding).
pub fn exercise(target: &str, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match target {
        // the shell's parser: blocks (heredocs included), then each line's pipelines
        "shell" => {
            for block in crate::sim::shell::split_blocks(&text) {
                if let Ok(pipelines) = crate::sim::shell::parse_line(&block.line) {
                    for p in &pipelines {
                        for s in p.stages.iter().flatten() {
                            assert!(!s.words.iter().any(|w| w == ">" || w == ">>"));
                        }
                    }
                }
            }
        }
        // the shell at work: the text run at once, and a line at a time as the terminal feeds it
        "session" => {
            let _ = chapter().run(&text);
            let mut t = chapter();
            for line in text.lines() {
                let _ = t.feed_line(line);
            }
            let _ = t.finish();
        }
        // how lines are read: commands, heredocs, blocks (kindlab-lines)
        "lines" => {
            let _ = crate::sim::lines::split_blocks(&text);
            let mut r = crate::sim::lines::LineReader::default();
            for line in text.lines() {
                let _ = crate::sim::lines::heredoc_delimiter(line);
                let _ = r.feed(line);
            }
        }
        // `kubectl apply` of any manifest text on the chapter's world
        "manifest" => {
            let body: Vec<&str> = text.lines().filter(|l| l.trim() != END).collect();
            let cmd = format!(
                "kubectl apply -f - <<'{END}'\n{}\n{END}\nkubectl get all -A",
                body.join("\n")
            );
            let _ = chapter().run(&cmd);
        }
        // a kind config, parsed and built into a world with the chapter's haproxy.cfg
        "kind_config" => {
            let _ = crate::sim::kind::parse_config(&text);
            let _ = Session::with_topology(SessionOptions::default(), &text, CHAPTER_CFG);
        }
        // a haproxy.cfg, parsed and checked, its messages in both HAProxy generations' styles
        "haproxy_cfg" => {
            use crate::sim::haproxy::config::parse_config_with_resolver;
            let vars = |v: &str| (v == "worker1").then(|| "172.18.0.5".to_string());
            let resolve = |h: &str| {
                (h == "cluster01-worker2").then_some(std::net::Ipv4Addr::new(172, 18, 0, 6))
            };
            let report = parse_config_with_resolver("haproxy.cfg", &text, &vars, &resolve);
            for m in &report.messages {
                let _ = m.text_for(crate::sim::LogStyle::Current);
                let _ = m.text_for(crate::sim::LogStyle::Chapter);
            }
            assert_eq!(report.is_ok(), report.result.is_ok());
        }
        // the lab's saved state, read and replayed as the app does on start
        "lab_state" => {
            if let Ok(doc) = serde_json::from_str::<LabDoc>(&text) {
                let _ = Lab::replay(doc);
            }
        }
        // the learner's record: loaded or imported, merged with another tab's, saved again
        "progress" => {
            if let Ok(p) = progress::parse(&text) {
                let mut merged = p.clone();
                merged.merge(&p);
                assert_eq!(merged, p, "merging a record into itself changes nothing");
                let again = serde_json::to_string(&p).map(|t| progress::parse(&t));
                assert!(matches!(again, Ok(Ok(_))), "a record saves and loads back");
            }
        }
        // the saved settings, through the store's loader
        "settings" => {
            let b = MemoryBackend::default();
            let _ = b.write("settings", &text);
            let _ = load::<Settings>(&b, "settings");
        }
        // the search box, both languages
        "search" => {
            let b = content::bundle();
            for lang in [Lang::En, Lang::Zh] {
                let _ = b.search(lang, &text, 20);
            }
        }
        // a typed answer, against every short-answer question of the chapter
        "typed_answer" => {
            for quiz in &content::bundle().quizzes {
                for q in &quiz.questions {
                    if matches!(q.kind, QuestionKind::Short(_)) {
                        let shown = Shown {
                            question: q.id.clone(),
                            options: vec![],
                        };
                        let _ = is_correct(q, &shown, &Response::Text(text.to_string()));
                    }
                }
            }
        }
        // a lesson's Markdown body, read as `kindlab check` reads it
        "lesson" => content_parser("en/99-fuzz.md", &|env| {
            let _ = kindlab_content::markdown::parse_body(env, &text, 0);
        }),
        // a quiz file (mdbook-quiz's TOML plus kindlab's keys)
        "quiz_toml" => content_parser("quizzes/fuzz.toml", &|env| {
            let _ = kindlab_content::quizfile::load(env, "fuzz", &text);
        }),
        other => panic!("no fuzz target `{other}` (targets: {})", TARGETS.join(", ")),
    }
}

/// Runs a content parser as `kindlab check` does, for a file named `file` (code plain, no
/// images).
fn content_parser(file: &str, parse: &dyn Fn(&Env)) {
    let highlight = kindlab_content::bundle::plain;
    let image = |_: &str| -> Result<String, String> { Err("no images here".into()) };
    parse(&Env {
        file,
        highlight: &highlight,
        image: &image,
    });
}
