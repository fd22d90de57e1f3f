//! How long the content's parsers take over adversarial input, in release (`cargo xtask bench`
//! prints these; goal: 100 ms each): a lesson or a quiz file as large as a content file may be
//! (`MAX_FILE_BYTES`, 256 KB: a larger one is refused before it is read), a 1 MB query in the
//! search box, a 1 MB typed answer. `tests/app/bounds.rs` feeds 1 MB to each, to a ceiling.

use kindlab_content::markdown::{parse_body, Env};
use kindlab_content::model::{normalize_answer, Lang};
use std::path::Path;
use std::time::Instant;

const MB: usize = 1 << 20;
/// The largest content file.
const FILE: usize = kindlab_content::bundle::MAX_FILE_BYTES as usize;

/// The best of three runs of `f`, in ms.
fn ms(f: impl Fn()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn nested(open: &str, close: &str) -> String {
    let n = FILE / 2 / open.len();
    format!("{}{}", open.repeat(n), close.repeat(n))
}

fn main() {
    let highlight = kindlab_content::bundle::plain;
    let image = |_: &str| -> Result<String, String> { Err("no images".into()) };
    let lesson = Env {
        file: "en/99-huge.md",
        highlight: &highlight,
        image: &image,
    };
    let quiz = Env {
        file: "quizzes/huge.toml",
        ..lesson
    };
    println!(
        "the content's parsers (goal <= 100 ms each; a content file is at most {} KB):",
        FILE / 1024
    );
    let lessons = [
        ("'>'", format!("{}text\n", "> ".repeat(FILE / 2))),
        ("'- '", format!("{}item\n", "- ".repeat(FILE / 2))),
        ("'['", "[".repeat(FILE)),
        ("'*a'", "*a".repeat(FILE / 2)),
        ("'<div>'", "<div>".repeat(FILE / 5)),
    ];
    for (what, body) in &lessons {
        let t = ms(|| drop(parse_body(&lesson, body, 0)));
        println!("  a lesson of 256 KB of {what}: {t:.1} ms");
    }
    let quizzes = [
        ("'['", format!("a = {}", nested("[", "]"))),
        ("'{a='", format!("a = {}", nested("{a=", "}"))),
        ("tables", "[[questions]]\n".repeat(FILE / 14)),
    ];
    for (what, text) in &quizzes {
        let t = ms(|| drop(kindlab_content::quizfile::load(&quiz, "huge", text)));
        println!("  a quiz file of 256 KB of {what}: {t:.1} ms");
    }
    let typed = format!("{} {}", "a ".repeat(MB / 4), "ß".repeat(MB / 4));
    let t = ms(|| drop(normalize_answer(&typed)));
    println!("  a typed answer of 1 MB, normalised: {t:.1} ms");
    // the search box over the chapter's lessons
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut bundle = kindlab_content::bundle::load(&content, &highlight).bundle;
    for l in &mut bundle.lessons {
        l.sections = kindlab_content::model::sections(&l.blocks);
    }
    let hits = bundle.search(Lang::En, "kubelet", 100).len();
    assert!(hits > 0, "the chapter mentions the kubelet");
    for (what, q) in [
        ("a search for 1 MB of one word", "kubelet".repeat(MB / 7)),
        ("a search for 1 MB of words", "node ".repeat(MB / 5)),
        ("a search for 1 MB of Chinese", "节点".repeat(MB / 6)),
        ("a search for 'kubelet' (typed)", "kubelet".to_string()),
    ] {
        let t = ms(|| {
            for lang in [Lang::En, Lang::Zh] {
                drop(bundle.search(lang, &q, 20));
            }
        });
        println!("  {what}, both languages: {t:.2} ms");
    }
}
