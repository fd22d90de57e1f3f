//! The app's parts depend on each other one way only (ARCHITECTURE.md draws it): this reads
//! every `crate::<part>` path in each part's sources and fails on an arrow the design does not
//! allow, naming the file and line, so a cycle cannot creep back in unnoticed.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
}

fn sources(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_file() {
        out.push(p.to_path_buf());
        return;
    }
    for e in std::fs::read_dir(p).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

const PARTS: [&str; 9] = [
    "content", "sim", "quiz", "lab", "store", "check", "cli", "ui", "fuzzing",
];

/// What each part may use (besides itself).
fn allowed() -> BTreeMap<&'static str, Vec<&'static str>> {
    BTreeMap::from([
        ("content", vec![]),
        ("quiz", vec!["content", "sim"]),
        ("lab", vec!["content", "sim"]),
        ("store", vec!["content", "quiz"]),
        ("check", vec!["content", "lab", "sim"]),
        ("cli", vec!["check", "content", "lab", "sim"]),
        ("ui", vec!["content", "sim", "quiz", "lab", "store"]),
        // test support: the parsers the fuzz targets feed
        ("fuzzing", vec!["content", "sim", "quiz", "lab", "store"]),
    ])
}

#[test]
fn the_parts_depend_on_each_other_one_way() {
    let src = root().join("src");
    let mut wrong = Vec::new();
    let mut seen = 0;
    for (part, may) in allowed() {
        // a part is a folder, a file, or a file with its submodules' folder (`check.rs`,
        // `check/`)
        let dir = src.join(part);
        let file = src.join(format!("{part}.rs"));
        let path = if dir.is_dir() {
            dir.clone()
        } else {
            file.clone()
        };
        let mut files = Vec::new();
        sources(&path, &mut files);
        if dir.is_dir() && file.is_file() {
            sources(&file, &mut files);
        }
        assert!(
            !files.is_empty(),
            "no sources for `{part}` at {}",
            path.display()
        );
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for (i, _) in code.match_indices("crate::") {
                    let rest = &code[i + "crate::".len()..];
                    let used: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !PARTS.contains(&used.as_str()) {
                        continue;
                    }
                    seen += 1;
                    if used != part && !may.contains(&used.as_str()) {
                        wrong.push(format!(
                            "{}:{}: `{part}` uses `crate::{used}` (it may use: {may:?})",
                            f.strip_prefix(root()).unwrap_or(&f).display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        seen > 50,
        "too few paths found ({seen}): is the scan still reading the sources?"
    );
    assert!(
        wrong.is_empty(),
        "arrows the design does not allow (ARCHITECTURE.md):\n{}",
        wrong.join("\n")
    );
}
