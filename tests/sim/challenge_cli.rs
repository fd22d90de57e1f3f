//! `kindlab challenge list` and `kindlab challenge run ID [SCRIPT|-]` through the real binary
//! (issue 19): the list, a script that fixes a challenge (`solved`, exit 0), one that does not
//! (`not solved: <why>`, exit 1), the commands printed as `kindlab sim` prints them, and the
//! errors (exit 2).

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn kindlab(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kindlab"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kindlab binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("the script is written");
    child.wait_with_output().expect("kindlab ends")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn challenge_list_names_every_challenge_with_its_title() {
    let o = kindlab(&["challenge", "list"], "");
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    let ids: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or_default())
        .collect();
    for id in [
        "haproxy-off-network",
        "check-port-443",
        "ingress-no-node",
        "pvc-pending",
    ] {
        assert!(ids.contains(&id), "{id} missing from {out}");
    }
    assert!(ids.len() >= 6, "at least two challenges of our own: {out}");
    assert!(
        out.lines().all(|l| l
            .split_once("  ")
            .is_some_and(|(_, t)| !t.trim().is_empty())),
        "every line has a title: {out}"
    );
}

#[test]
fn challenge_run_says_solved_or_why_not() {
    // a fix: the StorageClass the claim names, and time for the provisioner
    let fix = "kubectl apply -f - <<EOF\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\nEOF\nsleep 30s\nkubectl get pvc data\n";
    let o = kindlab(&["challenge", "run", "pvc-pending", "-"], fix);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.starts_with("$ kubectl apply -f - <<EOF\n"), "{out}");
    assert!(
        out.contains("storageclass.storage.k8s.io/fast created"),
        "{out}"
    );
    assert!(out.contains("$ kubectl get pvc data\n"), "{out}");
    assert!(out.contains("Bound"), "{out}");
    assert_eq!(out.lines().last(), Some("solved"));
    // the same commands as `kindlab sim` prints them, before the verdict
    let look = "cat ~/haproxy/haproxy.cfg\nkubectl get nodez\n";
    let sim = kindlab(&["sim", "-"], look);
    let ch = kindlab(&["challenge", "run", "pvc-pending"], look);
    let ch_out = text(&ch.stdout);
    assert!(ch_out.starts_with(&text(&sim.stdout)), "{ch_out}");
    // a non-fix: the script looks around only
    assert_eq!(ch.status.code(), Some(1));
    assert_eq!(
        ch_out.lines().last(),
        Some("not solved: The claim data (class fast) is not Bound yet: kubectl describe pvc data shows why.")
    );
    // a script from a file
    let path = std::env::temp_dir().join(format!("kindlab-challenge-{}.sh", std::process::id()));
    std::fs::write(&path, "docker restart HAProxy-workers-lb\n").unwrap();
    let o = kindlab(
        &["challenge", "run", "check-port-443", path.to_str().unwrap()],
        "",
    );
    let _ = std::fs::remove_file(&path);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.starts_with("$ docker restart HAProxy-workers-lb\n"),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with("not solved: ")),
        "{out}"
    );
}

#[test]
fn challenge_errors_exit_2_with_a_message() {
    let o = kindlab(&["challenge", "run", "no-such"], "");
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("no challenge `no-such`") && err.contains("pvc-pending"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
    let o = kindlab(&["challenge", "run", "pvc-pending", "/no/such/script"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("cannot read script /no/such/script"));
    let o = kindlab(&["challenge"], "");
    assert_eq!(o.status.code(), Some(2));
    let o = kindlab(&["challenge", "--help"], "");
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).starts_with("usage: kindlab challenge"));
}
