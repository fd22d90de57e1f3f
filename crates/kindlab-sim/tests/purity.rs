//! The simulator's purity is part of the design, so it is checked: its sources reach no I/O,
//! no wall clock and no unseeded randomness, and its manifest names only the dependencies a
//! pure model needs (no UI, no JSON, no web bindings).

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_sources_reach_no_io_no_clock_and_no_unseeded_randomness() {
    // `std::net` is allowed for its address types only (Ipv4Addr): no socket type is named
    let forbidden = [
        "std::fs",
        "std::io::stdin",
        "std::io::stdout",
        "fs::File",
        "TcpStream",
        "UdpSocket",
        "TcpListener",
        "SystemTime",
        "Instant::",
        "std::env",
        "std::process",
        "std::thread",
        "thread_rng",
        "rand::rng()",
        "from_entropy",
        "from_os_rng",
        "OsRng",
        "println!",
        "eprintln!",
        "dbg!",
    ];
    let mut files = Vec::new();
    sources(&crate_dir().join("src"), &mut files);
    assert!(files.len() > 20, "the simulator's sources were not found");
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for w in forbidden {
                if code.contains(w) {
                    found.push(format!("{}:{}: {w}", f.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the simulator must stay pure:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_manifest_names_only_the_dependencies_of_a_pure_model() {
    let manifest = std::fs::read_to_string(crate_dir().join("Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("a [dependencies] table")
        .split("\n[")
        .next()
        .unwrap();
    let names: Vec<&str> = deps
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split(['=', ' ']).next())
        .collect();
    let allowed = [
        // how command lines and heredocs are read: a leaf crate without dependencies
        "kindlab-lines",
        "rand",
        "rand_chacha",
        // edit distances for HAProxy's "did you mean": a leaf crate without dependencies
        "rapidfuzz",
        "serde",
        "serde_yaml_ng",
        "shell-words",
    ];
    for n in &names {
        assert!(
            allowed.contains(n),
            "the simulator may not depend on `{n}` (allowed: {allowed:?}); a UI, I/O or JSON \
             crate belongs in the app"
        );
    }
    assert!(names.contains(&"rand_chacha"), "parsed: {names:?}");
}
