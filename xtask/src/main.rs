//! `cargo xtask <command>`: kindlab's set-up and tooling.
//!
//!   run               open the desktop app (installs what it needs first)
//!   test              run the whole test suite, end-to-end tests included
//!   web [--no-serve] [--port N]
//!                     build the web release into dist/ and serve it on 127.0.0.1:8080
//!   serve [--port N]  serve the dist/ that is there (no build)
//!   bench             web transfer size and load times (lesson, quiz) against their goals,
//!                     then the simulator benchmarks
//!   bench-lab [--no-build]
//!                     the lab's figures in headless Chromium
//!   bench-web [--runs N]
//!                     the dist/ that is there in headless Chromium beside the reference book
//!                     (lesson text, bytes, quiz, lab; loopback and slow 4G; no build)

use std::process::{Command, ExitCode};
use xtask::{root, run, setup, web, Result};

const USAGE: &str = "usage: cargo xtask <run | test | web [--no-serve] [--port N] | \
                     serve [--port N] | bench | bench-lab [--no-build] | bench-web [--runs N]>";

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
    let dist = web::build()?;
    eprintln!("xtask: web release built in {}", dist.display());
    let mut cmd = cargo();
    cmd.env("KINDLAB_DIST", &dist)
        .args(["test", "--workspace"])
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
    use std::io::Write;
    use std::time::Duration;
    use xtask::browser::{wait_for, Browser};

    /// Loads measured per page (after one warm-up load that is not counted).
    const LOADS: usize = 11;
    /// The goals (issues 6 and 7).
    const GOAL_LESSON_MS: f64 = 200.0;
    const GOAL_QUIZ_MS: f64 = 250.0;
    const GOAL_TRANSFER_KB: f64 = 400.0;
    const LESSON: &str = "/lesson/kubelet-failure";
    const QUIZ: &str = "/quiz/chapter";

    fn gzip_len(bytes: &[u8]) -> usize {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = enc.write_all(bytes);
        enc.finish().map(|v| v.len()).unwrap_or(0)
    }

    fn kb(n: usize) -> String {
        format!("{:.1} KB", n as f64 / 1024.0)
    }

    fn median(v: &[f64]) -> f64 {
        let mut s = v.to_vec();
        s.sort_by(|a, b| a.total_cmp(b));
        s[s.len() / 2]
    }

    fn list(v: &[f64]) -> String {
        v.iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn verdict(value: f64, goal: f64) -> String {
        if value <= goal {
            "PASS".to_string()
        } else {
            format!("OVER GOAL by {:.0}%", (value / goal - 1.0) * 100.0)
        }
    }

    pub fn run() -> Result<()> {
        setup::for_tests()?;
        let dist = web::build()?;
        println!("== web release sizes ({})", dist.display());
        println!("{:<18} {:>12} {:>12}", "file", "raw", "gzip -9");
        let mut total_gz = 0;
        for f in ["kindlab_bg.wasm", "kindlab.js", "kindlab.css", "index.html"] {
            let bytes = std::fs::read(dist.join(f)).map_err(|e| format!("{f}: {e}"))?;
            let gz = gzip_len(&bytes);
            if f != "index.html" {
                total_gz += gz;
            }
            println!("{:<18} {:>12} {:>12}", f, kb(bytes.len()), kb(gz));
        }
        println!(
            "{:<18} {:>12} {:>12}   (goal <= {GOAL_TRANSFER_KB:.0} KB, every lesson included)",
            "wasm+js+css",
            "",
            kb(total_gz)
        );

        let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
        let (lesson, quiz) = rt.block_on(load_times(&dist))?;
        println!(
            "== headless Chromium, {LOADS} fresh navigations per page, the pages in turn \
             (ms from navigation start; the server sends Cache-Control: no-cache and no \
             validators, so each load fetches and compiles everything again)"
        );
        let first: Vec<f64> = lesson.iter().map(|l| l.0).collect();
        let title: Vec<f64> = lesson.iter().map(|l| l.1).collect();
        let quiz_first: Vec<f64> = quiz.iter().map(|l| l.0).collect();
        let quiz_shown: Vec<f64> = quiz.iter().map(|l| l.1).collect();
        println!("{LESSON} first render (page in the DOM): {}", list(&first));
        println!("{LESSON} lesson h1 in the DOM:           {}", list(&title));
        println!(
            "{QUIZ} first render:                      {}",
            list(&quiz_first)
        );
        println!(
            "{QUIZ} start panel or question in the DOM: {}",
            list(&quiz_shown)
        );

        let transfer_kb = total_gz as f64 / 1024.0;
        let rows = [
            (
                format!("navigation -> lesson h1 visible ({LESSON}), median"),
                format!("{:.0} ms", median(&title)),
                format!("<= {GOAL_LESSON_MS:.0} ms"),
                verdict(median(&title), GOAL_LESSON_MS),
            ),
            (
                "web transfer, all lessons: wasm+js+css gzip -9".to_string(),
                format!("{transfer_kb:.1} KB"),
                format!("<= {GOAL_TRANSFER_KB:.0} KB"),
                verdict(transfer_kb, GOAL_TRANSFER_KB),
            ),
            (
                format!("navigation -> quiz visible ({QUIZ}), median"),
                format!("{:.0} ms", median(&quiz_shown)),
                format!("<= {GOAL_QUIZ_MS:.0} ms"),
                verdict(median(&quiz_shown), GOAL_QUIZ_MS),
            ),
        ];
        println!("== goals (issues 6 and 7)");
        println!("{:<62} {:>10} {:>11}  result", "measure", "value", "goal");
        for (what, value, goal, result) in rows {
            println!("{what:<62} {value:>10} {goal:>11}  {result}");
        }

        // the lab's figures (issue 8): command -> redrawn diagram, frames while the clock runs
        xtask::bench_lab::run(&dist)?;

        if root().join("tests/bench/sim.rs").exists() {
            println!("== simulator");
            // the simulator needs no UI: skip the desktop feature (and its WebKit build)
            super::run(cargo().args([
                "bench",
                "--package",
                "kindlab",
                "--no-default-features",
                "--bench",
                "sim",
            ]))?;
        }
        Ok(())
    }

    /// Per load of each page: (first render, the page's own mark) in ms.
    type Loads = Vec<(f64, f64)>;

    async fn load_times(dist: &std::path::Path) -> Result<(Loads, Loads)> {
        let server = xtask::serve::Server::start(dist, 0)?;
        let browser = Browser::start().await?;
        let c = browser.client.clone();
        let pages = [
            (LESSON, "__kindlabLessonTitle"),
            (QUIZ, "__kindlabQuizVisible"),
        ];
        let mut out = vec![vec![]; pages.len()];
        // the pages take turns, so that whatever else the machine does weighs on both alike
        for i in 0..=LOADS {
            for (k, (path, mark)) in pages.iter().enumerate() {
                // leave the page first, so that every load is a new document; round 0 is a
                // warm-up that is not counted (Chromium's own start-up stays out of the figures)
                c.goto("about:blank").await.map_err(|e| e.to_string())?;
                c.goto(&server.url(path)).await.map_err(|e| e.to_string())?;
                let script = format!(
                    "return (window.{mark} !== undefined && window.__kindlabFirstRender !== undefined) \
                     ? [window.__kindlabFirstRender, window.{mark}] : null;"
                );
                let t = wait_for(
                    &format!("{mark} on {path}"),
                    Duration::from_secs(30),
                    || {
                        let c = c.clone();
                        let script = script.clone();
                        async move {
                            let v = c.execute(&script, vec![]).await.ok()?;
                            Some((v.get(0)?.as_f64()?, v.get(1)?.as_f64()?))
                        }
                    },
                )
                .await?;
                if i > 0 {
                    out[k].push(t);
                }
            }
        }
        browser.close().await;
        drop(server);
        let quiz = out.pop().unwrap_or_default();
        let lesson = out.pop().unwrap_or_default();
        Ok((lesson, quiz))
    }
}
