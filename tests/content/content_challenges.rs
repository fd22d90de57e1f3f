//! `kindlab check` on break-fix challenges' texts (issue 19), through the real binary: a
//! challenge file that lacks a language, names a message its rules do not have (and so lacks
//! one they have), uses a placeholder its check does not fill in, names an unknown lesson, and a
//! challenge without its file: each reported at its position, exit status 1.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn a_broken_challenge_file_is_named_with_the_line_of_each_problem() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"));
    let o = Command::new(env!("CARGO_BIN_EXE_kindlab"))
        .args(["check", "content-challenges"])
        .current_dir(root.join("tests/fixtures"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the kindlab binary runs");
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    let got: Vec<&str> = out.lines().collect();
    let at = "content-challenges/challenges";
    assert_eq!(
        got,
        vec![
            format!("{at}/node-stopped.toml:1:1: the challenge `node-stopped` has no texts: this file is missing"),
            format!("{at}/pvc-pending.toml:1:1: its check can say `no-claim`, which has no text: add `why.no-claim.en` and `why.no-claim.zh`"),
            format!("{at}/pvc-pending.toml:6:1: `goal` has no Chinese text (`goal.zh = \"…\"`)"),
            format!("{at}/pvc-pending.toml:9:23: `lessons` names `nope`, which is not a lesson of SUMMARY.md"),
            format!("{at}/pvc-pending.toml:14:5: `why.claim-lost`: the challenge's rules have no `claim-lost` (they have: no-writer, no-claim, claim-pending, writer-waiting)"),
            format!("{at}/pvc-pending.toml:17:24: `why.claim-pending` uses {{claim}}, but it may use only {{class}}"),
        ]
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("content-challenges: 6 problems"), "{err}");
}
