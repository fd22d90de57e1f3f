//! `cargo xtask fuzz [TARGET] [--seconds N]`: coverage-guided fuzzing of every parser that
//! reads what a learner types or a file holds (`crates/kindlab-fuzz`: libFuzzer through
//! libfuzzer-sys, on stable Rust, without sanitizers).
//!
//! The targets are built with LLVM's coverage instrumentation (`-C passes=sancov-module` and
//! its options, as cargo-fuzz sets them) for the host triple only, so build scripts and proc
//! macros stay plain. Each runs `--seconds` (default 60) on its corpus, kept outside the clone
//! in `<target dir>/fuzz/corpus/<target>` so it grows from run to run, started from seeds out
//! of the repository (the lessons, quizzes, the chapter's files and scripts, the fixtures). An
//! input that crashes, or takes longer than 2 s (a slow input is a finding), is kept in
//! `<target dir>/fuzz/findings/<target>/`; copied to `tests/fixtures/fuzz/<target>/`, it is a
//! regression test (`tests/app/fuzz_findings.rs` replays every one) and a seed. What each
//! target does with its input is `kindlab::fuzzing::exercise`, shared with that replay. The
//! closing table gives executions, speed, corpus size and findings per target, and the
//! executions of every run so far (kept in `<target dir>/fuzz/ledger.tsv`, one line a run).
//!
//! Each target has a longest input fitted to what it reads (a search query or a typed answer is
//! a line; a lesson or a saved state is a file); the 1 MB inputs are the bounds tests' job
//! (tests/sim/bounds.rs, tests/app/bounds.rs).

use crate::{root, target_dir, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every target, with the repository files its corpus starts from.
pub const TARGETS: &[(&str, &[&str])] = &[
    (
        "shell",
        &["tests/golden/*.script", "tests/fixtures/**/*.script"],
    ),
    (
        "session",
        &["tests/golden/*.script", "tests/fixtures/**/*.script"],
    ),
    ("lines", &["tests/golden/*.script"]),
    (
        "manifest",
        &["tests/fixtures/**/*.yaml", "content/lab/*.yaml"],
    ),
    (
        "kind_config",
        &["content/lab/cluster01.yaml", "tests/fixtures/**/*.yaml"],
    ),
    (
        "haproxy_cfg",
        &["content/lab/haproxy.cfg", "tests/fixtures/**/*.cfg"],
    ),
    ("lab_state", &["tests/fixtures/**/*.json"]),
    ("progress", &["tests/fixtures/**/*.json"]),
    ("settings", &["tests/fixtures/**/*.json"]),
    ("search", &["content/SUMMARY.md"]),
    ("typed_answer", &["content/quizzes/*.toml"]),
    (
        "lesson",
        &[
            "content/en/*.md",
            "content/zh/*.md",
            "tests/fixtures/**/*.md",
        ],
    ),
    (
        "quiz_toml",
        &["content/quizzes/*.toml", "tests/fixtures/**/*.toml"],
    ),
];

/// The longest input libFuzzer makes for a target (bytes).
fn max_len(target: &str) -> usize {
    match target {
        // one line typed into a box
        "search" | "typed_answer" => 1024,
        // command lines and what a learner pastes into the terminal or an editor
        "shell" | "session" | "manifest" | "kind_config" | "haproxy_cfg" => 8192,
        // a lesson or a quiz file
        "lesson" | "quiz_toml" => 4096,
        _ => 65536,
    }
}

/// The coverage flags (what cargo-fuzz passes, minus the sanitizer).
const RUSTFLAGS: &str = "-Cpasses=sancov-module \
    -Cllvm-args=-sanitizer-coverage-level=4 \
    -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
    -Cllvm-args=-sanitizer-coverage-pc-table \
    -Cllvm-args=-sanitizer-coverage-trace-compares \
    --cfg fuzzing -Cdebug-assertions -Coverflow-checks";

/// One target's run, as libFuzzer reported it.
struct Figures {
    target: String,
    execs: u64,
    seconds: u64,
    corpus: usize,
    findings: Vec<PathBuf>,
}

/// `cargo xtask fuzz [TARGET...] [--seconds N] [--no-build]`.
pub fn cmd(args: &[String]) -> Result<()> {
    let mut seconds = 60u64;
    let mut only: Vec<String> = vec![];
    let mut build_first = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            // the binaries as last built (a campaign running while the sources change)
            "--no-build" => build_first = false,
            "--seconds" => {
                seconds = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--seconds needs a number")?;
            }
            t if TARGETS.iter().any(|(n, _)| *n == t) => only.push(t.to_string()),
            other => {
                let names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown fuzz target `{other}` (targets: {})",
                    names.join(", ")
                ));
            }
        }
    }
    let bin_dir = if build_first {
        build()?
    } else {
        target_dir()
            .join("fuzz")
            .join(host_triple()?)
            .join("release")
    };
    let mut all = vec![];
    for (name, seeds) in TARGETS {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        all.push(run_target(&bin_dir, name, seeds, seconds)?);
    }
    let totals = ledger_totals();
    println!("\nfuzz: target            executions   per second   corpus   findings   all runs");
    for f in &all {
        println!(
            "fuzz: {:<16} {:>12} {:>12} {:>8} {:>10} {:>10}",
            f.target,
            f.execs,
            f.execs / f.seconds.max(1),
            f.corpus,
            f.findings.len(),
            totals.get(&f.target).copied().unwrap_or(f.execs)
        );
        for p in &f.findings {
            println!("fuzz:   finding: {}", p.display());
        }
    }
    if all.iter().any(|f| !f.findings.is_empty()) {
        return Err(
            "the fuzzers found inputs that crash or hang (see above): mend the code, \
             then copy each to tests/fixtures/fuzz/<target>/ (the suite replays them)"
                .into(),
        );
    }
    Ok(())
}

fn ledger() -> PathBuf {
    target_dir().join("fuzz").join("ledger.tsv")
}

/// Adds a run to the ledger: `target<TAB>executions<TAB>seconds<TAB>findings`.
fn record(f: &Figures) {
    use std::io::Write;
    let line = format!(
        "{}\t{}\t{}\t{}\n",
        f.target,
        f.execs,
        f.seconds,
        f.findings.len()
    );
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(ledger());
    if let Ok(mut file) = file {
        let _ = file.write_all(line.as_bytes());
    }
}

/// Executions per target over every run in the ledger.
fn ledger_totals() -> std::collections::BTreeMap<String, u64> {
    let mut totals = std::collections::BTreeMap::new();
    let text = std::fs::read_to_string(ledger()).unwrap_or_default();
    for line in text.lines() {
        let mut cols = line.split('\t');
        if let (Some(t), Some(n)) = (cols.next(), cols.next().and_then(|n| n.parse::<u64>().ok())) {
            *totals.entry(t.to_string()).or_insert(0) += n;
        }
    }
    totals
}

fn host_triple() -> Result<String> {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .map_err(|e| format!("rustc -vV: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .ok_or_else(|| "rustc -vV names no host".to_string())
}

/// Builds every target with coverage; returns the folder of the binaries.
fn build() -> Result<PathBuf> {
    let triple = host_triple()?;
    let dir = target_dir().join("fuzz");
    crate::run(
        Command::new(env!("CARGO"))
            .current_dir(root().join("crates/kindlab-fuzz"))
            .env("RUSTFLAGS", RUSTFLAGS)
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .args(["build", "--release", "--bins", "--target", &triple])
            .arg("--target-dir")
            .arg(&dir),
    )?;
    Ok(dir.join(&triple).join("release"))
}

/// The files matching a pattern with `*` (in the name) or `**/` (any folders) under the root.
fn matching(pattern: &str) -> Vec<PathBuf> {
    let root = root();
    let (dir, name, deep) = match pattern.split_once("/**/") {
        Some((d, n)) => (root.join(d), n.to_string(), true),
        None => {
            let p = Path::new(pattern);
            let d = p.parent().map(|d| root.join(d)).unwrap_or(root.clone());
            let n = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (d, n.unwrap_or_default(), false)
        }
    };
    let suffix = name.trim_start_matches('*').to_string();
    let exact = !name.starts_with('*');
    let mut out = vec![];
    let files = if deep {
        crate::files_under(&dir)
    } else {
        std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default()
    };
    for f in files {
        let fname = f.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(fname) = fname else { continue };
        let hit = if exact {
            fname == name
        } else {
            fname.ends_with(&suffix)
        };
        if hit && f.is_file() {
            out.push(f);
        }
    }
    out.sort();
    out
}

fn run_target(bin_dir: &Path, name: &str, seeds: &[&str], seconds: u64) -> Result<Figures> {
    let base = target_dir().join("fuzz");
    let corpus = base.join("corpus").join(name);
    let seed_dir = base.join("seeds").join(name);
    let findings = base.join("findings").join(name);
    for d in [&corpus, &seed_dir, &findings] {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let found_before = format!("tests/fixtures/fuzz/{name}/*");
    for pattern in seeds.iter().copied().chain([found_before.as_str()]) {
        for f in matching(pattern) {
            let to = seed_dir.join(f.to_string_lossy().replace(['/', '\\'], "_"));
            let _ = std::fs::copy(&f, to);
        }
    }
    let before: Vec<PathBuf> = crate::files_under(&findings);
    eprintln!("fuzz: {name} for {seconds} s");
    let out = Command::new(bin_dir.join(name))
        .arg(&corpus)
        .arg(&seed_dir)
        .arg(format!("-max_total_time={seconds}"))
        // a slow input is a finding
        .arg("-timeout=2")
        .arg("-rss_limit_mb=2048")
        .arg(format!("-max_len={}", max_len(name)))
        .arg("-print_final_stats=1")
        .arg(format!("-artifact_prefix={}/", findings.display()))
        .output()
        .map_err(|e| format!("{name}: {e}"))?;
    let log = String::from_utf8_lossy(&out.stderr);
    let execs = log
        .lines()
        .find_map(|l| l.strip_prefix("stat::number_of_executed_units:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let new: Vec<PathBuf> = crate::files_under(&findings)
        .into_iter()
        .filter(|f| !before.contains(f))
        .collect();
    if !out.status.success() && new.is_empty() {
        let tail: Vec<&str> = log.lines().rev().take(30).collect();
        eprintln!(
            "fuzz: {name} stopped:\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    let figures = Figures {
        target: name.to_string(),
        execs,
        seconds,
        corpus: crate::files_under(&corpus).len(),
        findings: crate::files_under(&findings),
    };
    record(&figures);
    Ok(figures)
}
