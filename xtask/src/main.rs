//! `cargo xtask <command>`: kindlab's set-up and tooling.
//!
//!   run               open the desktop app (installs what it needs first)
//!   test              run the whole test suite, end-to-end tests included
//!   web [--no-serve] [--port N]
//!                     build the web release into dist/ and serve it on 127.0.0.1:8080
//!   serve [--port N]  serve the dist/ that is there (no build)
//!   bench             the web release's sizes, its cold loads side by side with the mdBook
//!                     reference (loopback and slow 4G) against their goals, the lab's
//!                     figures, the simulator benchmarks
//!   bench-lab [--no-build]
//!                     the lab's figures in headless Chromium
//!   bench-web [--runs N]
//!                     the dist/ that is there in headless Chromium beside the reference book
//!                     (lesson text, bytes, quiz, lab; loopback and slow 4G; no build)
//!   fuzz [TARGET...] [--seconds N] [--no-build]
//!                     coverage-guided fuzzing of the parsers (crates/kindlab-fuzz), N seconds
//!                     per target (60), with executions and findings per target

use std::process::{Command, ExitCode};
use xtask::{root, run, setup, web, Result};

const USAGE: &str = "usage: cargo xtask <run | test | web [--no-serve] [--port N] | \
                     serve [--port N] | bench | bench-lab [--no-build] | bench-web [--runs N] | \
                     fuzz [TARGET...] [--seconds N] [--no-build]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => cmd_run(&args[1..]),
        Some("test") => cmd_test(&args[1..]),
        Some("web") => cmd_web(&args[1..]),
        Some("serve") => cmd_serve(&args[1..]),
        Some("bench") => bench::run(),
        Some("bench-lab") => xtask::bench_lab::cmd(&args[1..]),
        Some("bench-web") => xtask::bench_web::cmd(&args[1..]),
        Some("fuzz") => xtask::fuzz::cmd(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cargo() -> Command {
    let mut c = Command::new(env!("CARGO"));
    c.current_dir(root());
    c
}

fn cmd_run(extra: &[String]) -> Result<()> {
    setup::for_desktop()?;
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "xtask: no DISPLAY is set, so the window has nowhere to open. Start one \
             (e.g. `Xvfb :99 & export DISPLAY=:99`), or try the simulator headless: \
             `cargo run -- sim`"
        );
    }
    run(cargo()
        .args(["run", "--package", "kindlab", "--bin", "kindlab", "--"])
        .args(extra))
}

fn cmd_test(extra: &[String]) -> Result<()> {
    setup::for_tests()?;
    // the code's layout is rustfmt's: a diff here fails the suite before anything is built
    run(cargo().args(["fmt", "--all", "--check"]))
        .map_err(|e| format!("{e} (cargo fmt --all puts it right)"))?;
    // and every lint clippy raises is an error
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        // the pre-renderer too (a binary that only builds with this feature)
        "--features",
        "kindlab/prerender",
        "--",
        "-D",
        "warnings",
    ]))?;
    let dist = web::build()?;
    eprintln!("xtask: web release built in {}", dist.display());
    let mut cmd = cargo();
    // every test binary runs even when one fails, so that one failure hides no other
    cmd.env("KINDLAB_DIST", &dist)
        .args(["test", "--workspace", "--no-fail-fast"])
        // the pre-renderer's own tests too (a binary that only builds with this feature)
        .args(["--features", "kindlab/prerender"])
        .args(extra)
        .args(["--", "--include-ignored"]);
    let (ok, totals) = run_tallied(&mut cmd)?;
    // one closing line for the whole suite (cargo's own last line is only its last binary's)
    println!(
        "kindlab: {} passed, {} failed, {} skipped",
        totals[0], totals[1], totals[2]
    );
    if ok {
        Ok(())
    } else {
        Err("the test suite failed".into())
    }
}

/// Runs `cargo test`, echoing its output, and adds up its `test result:` lines:
/// [passed, failed, ignored].
fn run_tallied(cmd: &mut Command) -> Result<(bool, [u64; 3])> {
    use std::io::{BufRead, BufReader};
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start cargo test: {e}"))?;
    let mut totals = [0u64; 3];
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(|l| l.ok()) {
            println!("{line}");
            if let Some(rest) = line.strip_prefix("test result: ") {
                for part in rest.split([';', '.']) {
                    let mut words = part.split_whitespace();
                    let (Some(n), Some(what)) = (words.next(), words.next()) else {
                        continue;
                    };
                    let Ok(n) = n.parse::<u64>() else { continue };
                    match what {
                        "passed" => totals[0] += n,
                        "failed" => totals[1] += n,
                        "ignored" => totals[2] += n,
                        _ => {}
                    }
                }
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok((status.success(), totals))
}

/// Serves the dist/ that is there, without building it again.
fn cmd_serve(args: &[String]) -> Result<()> {
    let port = match args {
        [] => 8080,
        [flag, n] if flag == "--port" => n.parse().map_err(|_| "--port needs a number")?,
        _ => return Err(format!("usage: cargo xtask serve [--port N]\n{USAGE}")),
    };
    let dist = xtask::dist_dir();
    if !dist.join("index.html").is_file() {
        return Err(format!(
            "no web release in {} (cargo xtask web --no-serve builds one)",
            dist.display()
        ));
    }
    let server = xtask::serve::Server::start(&dist, port)?;
    println!(
        "serving {} on {}; Ctrl-C to stop",
        dist.display(),
        server.url("/")
    );
    server.wait();
    Ok(())
}

fn cmd_web(args: &[String]) -> Result<()> {
    let mut serve = true;
    let mut port: u16 = 8080;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-serve" => serve = false,
            "--port" => {
                port = it
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a number")?
            }
            other => return Err(format!("unknown option `{other}` for web\n{USAGE}")),
        }
    }
    let dist = web::build()?;
    println!("web release in {}", dist.display());
    if serve {
        let server = xtask::serve::Server::start(&dist, port)?;
        println!(
            "serving on {} (deep links fall back to index.html); Ctrl-C to stop",
            server.url("/")
        );
        server.wait();
    }
    Ok(())
}

mod bench {
    use super::*;
    use xtask::site::{brotli_bytes, gzip_bytes};

    /// Cold loads per page and profile (issue 16 asks for a median of at least 7).
    const RUNS: usize = 7;

    fn kb(n: usize) -> String {
        format!("{:.1} KB", n as f64 / 1024.0)
    }

    /// (raw, gzip -9, brotli 11) of the files at these dist/ URLs.
    fn sizes(dist: &std::path::Path, urls: &[&str]) -> Result<(usize, usize, usize)> {
        let mut t = (0, 0, 0);
        for u in urls {
            let f = dist.join(u.trim_start_matches('/'));
            let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            t.0 += bytes.len();
            t.1 += gzip_bytes(&bytes).len();
            t.2 += brotli_bytes(&bytes).len();
        }
        Ok(t)
    }

    pub(crate) fn run() -> Result<()> {
        setup::for_tests()?;
        let dist = web::build()?;
        let site: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dist.join("site.json")).map_err(|e| format!("site.json: {e}"))?,
        )
        .map_err(|e| format!("site.json: {e}"))?;
        println!("== web release sizes ({})", dist.display());
        println!(
            "{:<44} {:>10} {:>10} {:>10}",
            "files", "raw", "gzip -9", "brotli 11"
        );
        let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
        for edition in ["reader", "full"] {
            let e = &site["editions"][edition];
            let (js, wasm) = (s(&e["js"]), s(&e["wasm"]));
            for (what, urls) in [
                (format!("{edition} edition wasm"), vec![wasm.clone()]),
                (format!("{edition} edition js (glue)"), vec![js.clone()]),
            ] {
                let refs: Vec<&str> = urls.iter().map(String::as_str).collect();
                let (r, g, b) = sizes(&dist, &refs)?;
                println!("{what:<44} {:>10} {:>10} {:>10}", kb(r), kb(g), kb(b));
            }
        }
        let snippets: Vec<String> = site["editions"]["reader"]["snippets"]
            .as_array()
            .into_iter()
            .flatten()
            .map(s)
            .collect();
        let refs: Vec<&str> = snippets.iter().map(String::as_str).collect();
        let (r, g, b) = sizes(&dist, &refs)?;
        println!(
            "{:<44} {:>10} {:>10} {:>10}",
            "their js snippets",
            kb(r),
            kb(g),
            kb(b)
        );
        for (label, pack) in [
            ("content: English index", "en/index"),
            (
                "content: a lesson (en/lesson/kubelet-failure)",
                "en/lesson/kubelet-failure",
            ),
            ("content: a quiz (en/quiz/chapter)", "en/quiz/chapter"),
            ("content: every quiz (en/quizzes, the review)", "en/quizzes"),
            ("content: the guided labs (en/guides, the lab)", "en/guides"),
        ] {
            let url = s(&site["packs"][pack]);
            let (r, g, b) = sizes(&dist, &[url.as_str()])?;
            println!("{label:<44} {:>10} {:>10} {:>10}", kb(r), kb(g), kb(b));
        }
        for (label, page) in [
            (
                "page: /lesson/kubelet-failure",
                "lesson/kubelet-failure.html",
            ),
            ("page: /quiz/chapter", "quiz/chapter.html"),
            ("page: /lab", "lab.html"),
        ] {
            let (r, g, b) = sizes(&dist, &[page])?;
            println!("{label:<44} {:>10} {:>10} {:>10}", kb(r), kb(g), kb(b));
        }

        // cold loads side by side with the mdBook reference, loopback and slow 4G (issue 16)
        xtask::bench_web::run(&dist, RUNS)?;

        // the lab's figures (issue 8): command -> redrawn diagram, frames while the clock runs
        xtask::bench_lab::run(&dist)?;

        println!("== simulator");
        // the simulator's own crate: no UI to build
        super::run(cargo().args(["bench", "--package", "kindlab-sim", "--bench", "sim"]))?;

        println!("== content parsers");
        // the largest lesson and quiz files, 1 MB queries and typed answers (issue 20)
        super::run(cargo().args([
            "bench",
            "--package",
            "kindlab-content",
            "--features",
            "parse",
            "--bench",
            "parsers",
        ]))?;
        Ok(())
    }
}
