//! The web release in headless Chromium, side by side with the reference book
//! (`cargo xtask bench-web [--runs N]`, or [`run`] from `cargo xtask bench`): lesson text
//! painted, the bytes before it, the whole first load, quiz usable and lab ready, on loopback
//! and on slow 4G, cold loads in turns with the book's. The measuring is done by
//! `xtask/bench/web.mjs` (Node with npm's playwright-core driving Debian's Chromium, whose
//! DevTools session sets the network and CPU throttling); this prepares what it needs:
//!
//! - the reference book (mdBook 0.5.4 + mdbook-quiz, [`ANCHOR_BOOK`], or `KINDLAB_ANCHOR_BOOK`)
//!   copied to `<target>/kindlab-bench/mdbook-book/` with `.br` (quality 11) and `.gz` (level 9)
//!   beside every file, as dist/ has them, so that both are served with the same compression;
//!   the copy is made again only when the book changes;
//! - both folders served by [`Server`], each on a free port;
//! - playwright-core, installed into the tools folder when missing.

use crate::serve::Server;
use crate::site::{brotli_bytes, files_under, gzip_bytes};
use crate::{root, run as run_cmd, setup, target_dir, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Cold loads per page and profile.
pub const RUNS: usize = 7;
/// The reference book, beside the repository (override with `KINDLAB_ANCHOR_BOOK`).
pub const ANCHOR_BOOK: &str = "../shared/anchors/mdbook-book";

/// `cargo xtask bench-web [--runs N] [--profiles loopback,slow4g]`: measures the dist/ that
/// is there (no build).
pub fn cmd(args: &[String]) -> Result<()> {
    let usage = "usage: cargo xtask bench-web [--runs N] [--profiles loopback,slow4g]";
    let mut runs = RUNS;
    let mut profiles = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("--runs needs a number above 0")?
            }
            "--profiles" => profiles = Some(it.next().ok_or(usage)?.clone()),
            _ => return Err(usage.into()),
        }
    }
    run_with(&crate::dist_dir(), runs, profiles.as_deref())
}

/// Measures the web release in `dist` against the reference book, `runs` cold loads of each
/// page per profile, and prints the figures with their goals (web.mjs's output, streamed).
pub fn run(dist: &Path, runs: usize) -> Result<()> {
    run_with(dist, runs, None)
}

fn run_with(dist: &Path, runs: usize, profiles: Option<&str>) -> Result<()> {
    if !dist.join("index.html").is_file() || !dist.join("site.json").is_file() {
        return Err(format!(
            "no web release in {} (cargo xtask web --no-serve builds one)",
            dist.display()
        ));
    }
    setup::ensure_apt(&[setup::Need::Web, setup::Need::Browser])?;
    let modules = setup::ensure_playwright()?;
    let book = prepare_book()?;
    let floor = prepare_floor(dist, &book)?;
    let kindlab = Server::start(dist, 0)?;
    let mdbook = Server::start(&book, 0)?;
    let bare = Server::start(&floor, 0)?;
    let script = root().join("xtask/bench/web.mjs");
    let mut node = Command::new("node");
    node.arg(&script);
    if let Some(p) = profiles {
        node.args(["--profiles", p]);
    }
    run_cmd(
        node.arg("--kindlab")
            .arg(kindlab.url(""))
            .arg("--kindlab-dir")
            .arg(dist)
            .arg("--mdbook")
            .arg(mdbook.url(""))
            .arg("--mdbook-dir")
            .arg(&book)
            .arg("--floor")
            .arg(bare.url(""))
            .arg("--floor-dir")
            .arg(&floor)
            .arg("--runs")
            .arg(runs.to_string())
            .arg("--node-modules")
            .arg(&modules)
            .current_dir(root()),
    )
}

/// The lessons the bench compares, as web.mjs's `LESSONS` names them: its key, kindlab's page
/// in dist/, the reference book's chapter.
const LESSON_PAGES: [(&str, &str, &str); 2] = [
    ("en", "lesson/haproxy-workers.html", "ch01-haproxy.html"),
    ("zh", "zh/lesson/kind-ha.html", "ch03-zh.html"),
];

/// The floors (`<target>/kindlab-bench/floor/`, compressed like the rest): a bare page, what
/// any page costs (the English lesson's heading and its first paragraph, no style, no script);
/// kindlab's frame (`frame.html`: the lesson's page without its body and its loader); and each
/// compared lesson's content alone in a bare page, kindlab's (`content-<key>.html`: the page's
/// `<article>`, with only the stylesheet's rule that leaves the blocks off the screen unrendered)
/// and the book's (`book-<key>.html`: its chapter's `<main>`, unstyled): what the text itself
/// costs to parse, lay out and paint without any page around it.
fn prepare_floor(dist: &Path, book: &Path) -> Result<PathBuf> {
    let out = target_dir().join("kindlab-bench/floor");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let page = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
        <title>A HAProxy load balancer for the workers</title>\n</head>\n<body>\n<main>\n\
        <h1>A HAProxy load balancer for the workers</h1>\n\
        <p>Why kind's API load balancer does not carry application traffic, how the chapter's \
        haproxy.cfg sends ports 80 and 443 to the three workers, and how to run HAProxy on the \
        kind network.</p>\n</main>\n</body>\n</html>\n";
    // kindlab's own frame: the English lesson's page as built, without the lesson's body and
    // without the loader (the top bar, the navigation, the heading and the lead, styled)
    let lesson = dist.join("lesson/haproxy-workers.html");
    let full =
        std::fs::read_to_string(&lesson).map_err(|e| format!("{}: {e}", lesson.display()))?;
    let frame = match (
        full.find("<div class=\"lesson-intro\">"),
        full.find("</article>"),
    ) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &full[..a], &full[b..]),
        _ => return Err(format!("{}: no lesson body to leave out", lesson.display())),
    };
    let frame = match (
        frame.find("<script>window.kindlab="),
        frame.rfind("</script>"),
    ) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &frame[..a], &frame[b + 9..]),
        _ => frame,
    };
    let bare = |lang: &str, head: &str, inner: &str| {
        format!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>floor</title>\n{head}</head>\n<body>\n{inner}\n</body>\n</html>\n"
        )
    };
    // the one rule of the stylesheet a lesson's text needs to be cheap: the body's blocks off
    // the screen are not laid out or painted (kindlab.css, `.prerendered .lesson-body > *`)
    let skip = "<style>.lesson-body > * { content-visibility: auto; \
                contain-intrinsic-size: auto 120px; }</style>\n";
    let mut pages = vec![
        ("index.html".to_string(), page.to_string()),
        ("frame.html".to_string(), frame),
    ];
    let read =
        |f: PathBuf| std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()));
    let between = |text: &str, file: &str, open: &str, close: &str| -> Result<String> {
        match (text.find(open), text.find(close)) {
            (Some(a), Some(b)) if a < b => Ok(text[a..b + close.len()].to_string()),
            _ => Err(format!("{file}: no {open}...{close} in it")),
        }
    };
    for (key, ours, theirs) in LESSON_PAGES {
        let page = read(dist.join(ours))?;
        let article = between(&page, ours, "<article", "</article>")?;
        let inner = format!("<main>{article}</main>");
        pages.push((format!("content-{key}.html"), bare(key, skip, &inner)));
        let chapter = read(book.join(theirs))?;
        let main = between(&chapter, theirs, "<main>", "</main>")?;
        pages.push((format!("book-{key}.html"), bare(key, "", &main)));
    }
    for (name, text) in pages {
        for (file, bytes) in [
            (name.to_string(), text.as_bytes().to_vec()),
            (format!("{name}.br"), brotli_bytes(text.as_bytes())),
            (format!("{name}.gz"), gzip_bytes(text.as_bytes())),
        ] {
            let f = out.join(file);
            std::fs::write(&f, bytes).map_err(|e| format!("{}: {e}", f.display()))?;
        }
    }
    Ok(out)
}

/// The reference book's folder.
fn anchor_book() -> PathBuf {
    std::env::var_os("KINDLAB_ANCHOR_BOOK")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(ANCHOR_BOOK))
}

/// Copies the reference book to `<target>/kindlab-bench/mdbook-book/` with `.br` and `.gz`
/// beside every file, unless the copy there was made from the same files (a hash of their
/// paths and contents, kept beside the folder). Returns the copy's folder.
fn prepare_book() -> Result<PathBuf> {
    let src = anchor_book();
    if !src.join("index.html").is_file() {
        return Err(format!(
            "the reference book is not in {} (set KINDLAB_ANCHOR_BOOK to its folder)",
            src.display()
        ));
    }
    let out = target_dir().join("kindlab-bench/mdbook-book");
    let stamp = out.with_extension("source");
    let files: Vec<(PathBuf, Vec<u8>)> = files_under(&src)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            let rel = f.strip_prefix(&src).unwrap_or(&f).to_path_buf();
            Ok((rel, bytes))
        })
        .collect::<Result<_>>()?;
    let mut hash = Sha256::new();
    for (rel, bytes) in &files {
        hash.update(rel.to_string_lossy().as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let fingerprint: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    if out.is_dir() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&fingerprint) {
        return Ok(out);
    }
    eprintln!(
        "xtask: copying the reference book to {} (with .br and .gz copies)",
        out.display()
    );
    let _ = std::fs::remove_file(&stamp);
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    // written, not copied: the book's files are read-only, the copy must stay removable
    let write = |path: &Path, bytes: &[u8]| -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    // brotli at quality 11 is slow on the quiz's 1.4 MB bundle: the files shared among threads
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let files = &files;
                let out = &out;
                s.spawn(move || -> Result<()> {
                    for (rel, bytes) in files.iter().skip(t).step_by(threads) {
                        let file = out.join(rel);
                        let name = file
                            .file_name()
                            .and_then(|n| n.to_str())
                            .unwrap_or_default();
                        write(
                            &file.with_file_name(format!("{name}.br")),
                            &brotli_bytes(bytes),
                        )?;
                        write(
                            &file.with_file_name(format!("{name}.gz")),
                            &gzip_bytes(bytes),
                        )?;
                        write(&file, bytes)?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err("a compressing thread panicked".into()))
        })
    })?;
    write(&stamp, fingerprint.as_bytes())?;
    Ok(out)
}
