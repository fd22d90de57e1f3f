//! The `kindlab` binary's command-line front, through the real binary: help, version, errors,
//! and no window (so no panic) when there is no display.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use std::process::{Command, Output};

fn kindlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kindlab"))
        .args(args)
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the kindlab binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn help_lists_every_subcommand_without_a_display() {
    for flag in ["--help", "-h"] {
        let o = Command::new(env!("CARGO_BIN_EXE_kindlab"))
            .arg(flag)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{flag}");
        let out = text(&o.stdout);
        assert!(out.starts_with("usage: kindlab"), "{out}");
        for sub in ["sim", "check", "challenge"] {
            assert!(
                out.lines().any(|l| l.trim_start().starts_with(sub)),
                "{sub} missing from {out}"
            );
        }
        assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    }
}

#[test]
fn version_prints_the_package_version() {
    for flag in ["--version", "-V"] {
        let o = kindlab(&[flag]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            text(&o.stdout),
            format!("kindlab {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn an_unknown_subcommand_or_flag_is_one_line_and_exit_2() {
    for (args, says) in [
        (&["frobnicate"][..], "unknown command 'frobnicate'"),
        (&["--frobnicate"][..], "invalid option '--frobnicate'"),
        (&["-x"][..], "invalid option '-x'"),
    ] {
        let o = kindlab(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = text(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn no_display_is_one_line_and_exit_1_not_a_panic() {
    let o = Command::new(env!("CARGO_BIN_EXE_kindlab"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        "kindlab: cannot open a window: no display (DISPLAY/WAYLAND_DISPLAY unset); try kindlab sim\n"
    );
}

#[test]
fn a_display_that_cannot_be_opened_is_one_line_and_exit_1() {
    // a display number nobody serves
    let o = Command::new(env!("CARGO_BIN_EXE_kindlab"))
        .env("DISPLAY", ":987")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.lines().any(|l| l
            .starts_with("kindlab: cannot open a window: GTK could not open the display \":987\"")),
        "{err}"
    );
}

#[test]
fn sim_keeps_its_own_flags_and_help() {
    let o = kindlab(&["sim", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).starts_with("usage: kindlab sim"));
    let o = kindlab(&["sim", "--seed", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("kindlab sim: invalid --seed: x"));
}

#[test]
fn sim_takes_the_kind_era() {
    let help = text(&kindlab(&["sim", "--help"]).stdout);
    assert!(help.contains("  --kind-era ERA "), "{help}");
    let script = std::env::temp_dir().join(format!("kindlab-era-{}.txt", std::process::id()));
    std::fs::write(&script, "sleep 10s\ndocker logs HAProxy-workers-lb\n").unwrap();
    let path = script.to_str().unwrap();
    let current = kindlab(&["sim", "--kind-era", "current", path]);
    let chapter = kindlab(&["sim", "--kind-era=chapter", path]);
    let default = kindlab(&["sim", path]);
    std::fs::remove_file(&script).unwrap();
    assert_eq!(current.status.code(), Some(0));
    assert_eq!(text(&current.stdout).matches("Layer4 timeout").count(), 6);
    assert_eq!(text(&chapter.stdout), text(&default.stdout));
    assert_eq!(text(&chapter.stdout).matches("Layer4 timeout").count(), 0);
    let o = kindlab(&["sim", "--kind-era", "v0.8"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("kindlab sim: invalid --kind-era: v0.8"));
}
