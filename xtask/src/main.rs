//! `cargo xtask <command>`: kindlab's set-up and tooling.
//!
//!   run               open the desktop app (installs what it needs first)
//!   test              run the whole test suite, end-to-end tests included
//!   web [--no-serve] [--port N]
//!                     build the web release into dist/ and serve it on 127.0.0.1:8080
//!   bench             print web sizes and first-render time, then the simulator benchmarks

use std::process::{Command, ExitCode};
use xtask::{root, run, setup, web, Result};

const USAGE: &str = "usage: cargo xtask <run | test | web [--no-serve] [--port N] | bench>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => cmd_run(&args[1..]),
        Some("test") => cmd_test(&args[1..]),
        Some("web") => cmd_web(&args[1..]),
        Some("bench") => bench::run(),
        Some("bench-lab") => xtask::bench_lab::cmd(&args[1..]),
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

    fn gzip_len(bytes: &[u8]) -> usize {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = enc.write_all(bytes);
        enc.finish().map(|v| v.len()).unwrap_or(0)
    }

    fn kb(n: usize) -> String {
        format!("{:.1} KB", n as f64 / 1024.0)
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
            "{:<18} {:>12} {:>12}   (budget 350 KB)",
            "wasm+js+css",
            "",
            kb(total_gz)
        );

        let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
        let times = rt.block_on(first_render_times(&dist, 5))?;
        let mut sorted = times.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        println!(
            "== first render in headless Chromium (navigation start -> page content in the DOM)"
        );
        println!(
            "loads: {}",
            times
                .iter()
                .map(|t| format!("{t:.0} ms"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!("median: {:.0} ms", sorted[sorted.len() / 2]);

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

    async fn first_render_times(dist: &std::path::Path, loads: usize) -> Result<Vec<f64>> {
        let server = xtask::serve::Server::start(dist, 0)?;
        let browser = Browser::start().await?;
        let c = browser.client.clone();
        let mut out = Vec::new();
        for i in 0..=loads {
            // a fresh navigation each time (the server sends Cache-Control: no-cache); load 0 is a
            // warm-up that is not counted, so Chromium's own start-up stays out of the figures
            c.goto(&server.url("/lesson/kind-ha"))
                .await
                .map_err(|e| e.to_string())?;
            let t = wait_for("first render", Duration::from_secs(30), || {
                let c = c.clone();
                async move {
                    let v = c
                        .execute("return window.__kindlabFirstRender || null;", vec![])
                        .await
                        .ok()?;
                    v.as_f64()
                }
            })
            .await?;
            if i > 0 {
                out.push(t);
            }
        }
        browser.close().await;
        drop(server);
        Ok(out)
    }
}
