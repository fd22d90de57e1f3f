//! Golden transcripts of the chapter's walkthrough, run through the real binary
//! (`kindlab sim --log-style chapter|current tests/golden/chapter.script`) and of the storage
//! walkthrough (`kindlab sim tests/golden/storage.script`), plus the key facts of the stories
//! asserted in plain Rust through the library API.
//!
//! The transcripts are snapshots (snapbox): tests/golden/ holds them byte for byte, and
//! `SNAPSHOTS=overwrite cargo test --test sim sim_golden::` rewrites them from a run.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::sim::haproxy::ServerState;
use kindlab::sim::{K8sVersion, LogStyle, Session, SessionOptions};
use std::path::PathBuf;
use std::process::Command;

fn golden_dir() -> PathBuf {
    // file!() is relative to the package root, in this crate and in the scratch crate alike;
    // this file is tests/sim/sim_golden.rs, the transcripts are in tests/golden
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join(file!())
        .parent()
        .and_then(|sim| sim.parent())
        .expect("tests dir")
        .join("golden")
}

fn run_cli(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kindlab"));
    cmd.arg("sim").args(args);
    cmd.stdin(std::process::Stdio::piped());
    cmd.stdout(std::process::Stdio::piped());
    cmd.stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("run kindlab");
    {
        let mut si = child.stdin.take().expect("stdin");
        if let Some(s) = stdin {
            si.write_all(s.as_bytes()).expect("write stdin");
        }
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_golden(style: &str) {
    check_golden_file(
        "chapter.script",
        &["--log-style", style],
        &format!("chapter.{style}.txt"),
    );
}

/// Runs `script` (in tests/golden) with `args` and compares the transcript with `golden`.
fn check_golden_file(script: &str, args: &[&str], golden: &str) {
    let dir = golden_dir();
    let script = dir.join(script);
    let mut all: Vec<&str> = args.to_vec();
    all.push(script.to_str().expect("path"));
    let (code, out, err) = run_cli(&all, None);
    assert_eq!(code, 0, "stderr: {err}");
    // the file is the snapshot, compared as it is (no filters but newlines); a difference is
    // shown as a diff, and SNAPSHOTS=overwrite writes the run over it
    snapbox::assert_data_eq!(out, snapbox::Data::read_from(&dir.join(golden), None).raw());
}

#[test]
fn golden_chapter_style() {
    check_golden("chapter");
}

#[test]
fn golden_current_style() {
    check_golden("current");
}

#[test]
fn golden_storage_walkthrough() {
    check_golden_file("storage.script", &[], "storage.txt");
}

/// The storage walkthrough's story, fact by fact, through the library API.
#[test]
fn the_storage_story() {
    let script = include_str!("../golden/storage.script");
    let mut s = Session::new(SessionOptions::default());
    // run it up to the kubelet stop, checking on the way
    let (before, _) = script
        .split_once("docker exec cluster01-worker3 systemctl stop kubelet")
        .expect("the script stops a kubelet");
    let (first, _) = before
        .split_once("kubectl apply -f ~/web.yaml")
        .expect("the script applies web.yaml");
    s.run(first);
    let pvc = s
        .pvcs()
        .into_iter()
        .find(|c| c.name == "data")
        .expect("data");
    assert_eq!(pvc.status, "Pending");
    assert_eq!(pvc.storage_class.as_deref(), Some("standard"));
    assert!(s.pvs().is_empty());
    s.run("kubectl apply -f ~/web.yaml");
    // the pod is placed but not bound to its node until the volume exists
    let web = |s: &Session| {
        s.pods()
            .into_iter()
            .find(|p| p.name.starts_with("web-") && p.status != "Terminating")
            .expect("web pod")
    };
    assert_eq!(web(&s).node, None);
    assert_eq!(
        s.pvcs()[0].selected_node.as_deref(),
        Some("cluster01-worker3")
    );
    s.run("sleep 10s");
    let pv = s.pvs().into_iter().next().expect("a volume");
    assert_eq!(pv.status, "Bound");
    assert_eq!(pv.node.as_deref(), Some("cluster01-worker3"));
    assert!(pv.dynamic);
    assert!(pv
        .path
        .as_deref()
        .is_some_and(|p| p.starts_with("/var/local-path-provisioner/pvc-")));
    assert_eq!(s.pvcs()[0].status, "Bound");
    assert_eq!(s.pvcs()[0].volume.as_deref(), Some(pv.name.as_str()));
    assert_eq!(web(&s).node.as_deref(), Some("cluster01-worker3"));
    assert_eq!(web(&s).status, "Running");
    // the node goes NotReady: the replacement pod has nowhere to go
    s.run("docker exec cluster01-worker3 systemctl stop kubelet\nsleep 50s");
    assert_eq!(node_status(&s, "cluster01-worker3"), "NotReady");
    s.run("kubectl delete $(kubectl get pods -o name | grep web)");
    let replacement = web(&s);
    assert_eq!(replacement.status, "Pending");
    assert!(s
        .run("kubectl get events")
        .contains("2 node(s) had volume node affinity conflict"));
    // pvc-protection, then Delete
    s.run("kubectl delete pvc data");
    assert_eq!(s.pvcs()[0].status, "Terminating");
    assert_eq!(s.pvs().len(), 1);
    s.run("docker exec cluster01-worker3 systemctl start kubelet\nsleep 10s");
    assert!(s.pvcs().is_empty());
    assert!(s.pvs().is_empty(), "Delete removed the volume");
}

#[test]
fn same_seed_same_bytes_and_stdin_works() {
    let script = include_str!("../golden/chapter.script");
    let (c1, a, _) = run_cli(&["--seed", "7", "-"], Some(script));
    let (c2, b, _) = run_cli(&["--seed=7"], Some(script));
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(a, b);
    let (_, c, _) = run_cli(&["--seed", "8", "-"], Some(script));
    assert_ne!(a, c, "another seed gives other names and ids");
}

#[test]
fn cli_errors() {
    let (code, _, err) = run_cli(&["/nonexistent/script.txt"], None);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/script.txt"), "{err}");
    let (code, _, err) = run_cli(&["--bogus"], None);
    assert_eq!(code, 2);
    assert!(err.contains("usage: kindlab sim"), "{err}");
    let (code, _, err) = run_cli(&["--log-style", "fancy"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--log-style"), "{err}");
    let (code, _, _) = run_cli(&["--k8s-version", "banana"], None);
    assert_eq!(code, 2);
    let (code, out, _) = run_cli(&[], Some("# nothing\n\nfoo --bar\n"));
    assert_eq!(code, 0);
    assert_eq!(out, "$ foo --bar\nbash: foo: command not found\n");
}

fn ingress_pod(s: &Session) -> kindlab::sim::PodView {
    s.pods()
        .into_iter()
        .find(|p| p.namespace == "ingress-nginx")
        .expect("ingress pod")
}

fn server(s: &Session, be: &str, name: &str) -> kindlab::sim::ServerView {
    s.haproxy_servers()
        .into_iter()
        .find(|v| v.backend == be && v.name == name)
        .expect("server")
}

fn node_status(s: &Session, name: &str) -> String {
    s.nodes()
        .into_iter()
        .find(|n| n.name == name)
        .expect("node")
        .status
}

/// The chapter's story, fact by fact.
#[test]
fn the_chapters_story() {
    let mut s = Session::new(SessionOptions::default());
    // HAProxy starts at time 0 with NGINX on worker2 only
    assert_eq!(s.now(), 0);
    let pod = ingress_pod(&s);
    assert_eq!(pod.node.as_deref(), Some("cluster01-worker2"));
    // with the default seed the pod has the chapter's own name
    assert_eq!(pod.name, "nginx-ingress-controller-7d6bf88c86-r7ztq");
    s.run("sleep 5s");
    for be in ["ingress_http", "ingress_https"] {
        assert_eq!(server(&s, be, "worker").state, ServerState::Down);
        assert_eq!(server(&s, be, "worker2").state, ServerState::Up);
        assert_eq!(server(&s, be, "worker3").state, ServerState::Down);
    }
    let logs = s.run("docker logs HAProxy-workers-lb");
    assert!(logs.contains("Server ingress_https/worker is DOWN"));
    assert!(logs.contains("Server ingress_http/worker3 is DOWN"));
    assert!(logs.contains("1 active and 0 backup servers left"));
    assert!(!logs.contains("worker2 is DOWN"));
    assert!(s.run("curl http://localhost/").contains("404 Not Found"));

    // the kubelet stops: the node stays Ready for the grace period (40 s on 1.31, counted from
    // the kubelet's last lease renewal, which is up to 10 s before the stop)...
    s.run("docker exec cluster01-worker2 systemctl stop kubelet");
    s.advance(30_000);
    assert_eq!(node_status(&s, "cluster01-worker2"), "Ready");
    // ...then NotReady at the node controller's next pass (every 5 s) after the grace period
    s.advance(21_000);
    assert_eq!(node_status(&s, "cluster01-worker2"), "NotReady");
    let d = s.run("kubectl describe node cluster01-worker2");
    assert!(d.contains("node.kubernetes.io/unreachable:NoExecute"));
    assert!(d.contains("node.kubernetes.io/unreachable:NoSchedule"));
    assert!(d.contains("NodeStatusUnknown"));
    assert!(d.contains("Kubelet stopped posting node status."));
    // the pod still shows Running, NGINX still answers: HAProxy still sends traffic to worker2
    let p = s.run("kubectl get pods -n ingress-nginx");
    assert!(p.contains("1/1     Running"), "{p}");
    assert_eq!(server(&s, "ingress_http", "worker2").state, ServerState::Up);

    // delete the pod: its replacement lands on a Ready worker, worker3 with the default seed
    let out = s.run(&format!("kubectl delete pod {} -n ingress-nginx", pod.name));
    assert_eq!(out, format!("pod \"{}\" deleted\n", pod.name));
    let new = ingress_pod(&s);
    assert_ne!(new.name, pod.name);
    assert_eq!(new.node.as_deref(), Some("cluster01-worker3"));
    // the old container keeps running on worker2 (grace period 0: the object is gone at once)
    let w2 = s
        .nodes()
        .into_iter()
        .find(|n| n.name == "cluster01-worker2")
        .expect("w2");
    assert!(w2.runtime.iter().any(|(p, _)| p.contains(&pod.name)));
    s.advance(15_000);
    for be in ["ingress_http", "ingress_https"] {
        assert_eq!(server(&s, be, "worker3").state, ServerState::Up);
        assert_eq!(server(&s, be, "worker2").state, ServerState::Up);
    }
    let logs = s.run("docker logs --since 15s HAProxy-workers-lb");
    assert!(logs.contains("Server ingress_http/worker3 is UP"));
    assert!(logs.contains("Server ingress_https/worker3 is UP"));
    assert!(logs.contains("2 active and 0 backup servers online"));
    // round robin alternates between the two NGINX containers (different ingress pod IPs)
    let a = s.run("curl -s http://localhost/echo | grep client_address");
    let b = s.run("curl -s http://localhost/echo | grep client_address");
    assert_ne!(a, b);

    // the kubelet comes back: it kills the orphaned NGINX; its stale hostPort rule black-holes
    s.run("docker exec cluster01-worker2 systemctl start kubelet");
    s.advance(30_000);
    assert_eq!(node_status(&s, "cluster01-worker2"), "Ready");
    for be in ["ingress_http", "ingress_https"] {
        let v = server(&s, be, "worker2");
        assert_eq!(v.state, ServerState::Down);
        assert!(v
            .last_check
            .expect("checked")
            .reason
            .contains("Layer4 timeout"));
    }
    let logs = s.run("docker logs --since 30s HAProxy-workers-lb");
    assert!(logs.contains("worker2 is DOWN, reason: Layer4 timeout, check duration: 200"));
    assert!(logs.contains("1 active and 0 backup servers left"));

    // kind delete cluster leaves the custom HAProxy; docker rm --force removes it
    s.run("kind delete cluster --name cluster01");
    assert!(s.run("docker ps").contains("HAProxy-workers-lb"));
    assert_eq!(
        s.run("docker rm HAProxy-workers-lb –force"),
        "HAProxy-workers-lb\n"
    );
    assert!(s.containers().is_empty());
}

#[test]
fn grace_period_follows_the_node_version() {
    for (v, grace, seed) in [
        ("1.31", 40_000i64, 1),
        ("1.32", 50_000, 1),
        ("1.31", 40_000, 2),
        ("1.32", 50_000, 3),
        ("1.33", 50_000, 4),
    ] {
        let mut s = Session::new(SessionOptions {
            seed,
            k8s_version: K8sVersion::parse(v).expect("version"),
            ..SessionOptions::default()
        });
        assert!(s.run("kubectl get nodes").contains(&format!("v{v}.")));
        s.run("docker exec cluster01-worker2 systemctl stop kubelet");
        let t0 = s.now();
        let mut went = None;
        for _ in 0..200 {
            s.advance(500);
            if node_status(&s, "cluster01-worker2") == "NotReady" {
                went = Some(s.now() - t0);
                break;
            }
        }
        // grace counts from the last lease renewal (every 10 s) as the node controller saw it
        // at one of its passes (every 5 s)
        let after = went.expect("NotReady");
        assert!(after > grace - 10_000, "{v}: NotReady after {after} ms");
        assert!(after <= grace + 10_500, "{v}: NotReady after {after} ms");
    }
}

#[test]
fn eviction_after_300s_and_daemonsets_stay() {
    let mut s = Session::new(SessionOptions::default());
    s.run("docker exec cluster01-worker2 systemctl stop kubelet");
    s.run("sleep 60s");
    let before = ingress_pod(&s);
    assert_eq!(before.node.as_deref(), Some("cluster01-worker2"));
    s.run("sleep 4m");
    assert_eq!(
        ingress_pod(&s).name,
        before.name,
        "not evicted before 300 s"
    );
    s.run("sleep 70s");
    let after = ingress_pod(&s);
    assert_ne!(after.name, before.name, "evicted after 300 s");
    assert_ne!(after.node.as_deref(), Some("cluster01-worker2"));
    let pods = s.run("kubectl get pods -n kube-system -o wide");
    let on_w2 = pods
        .lines()
        .filter(|l| l.contains("cluster01-worker2"))
        .count();
    assert_eq!(on_w2, 2, "kindnet and kube-proxy stay:\n{pods}");
}

#[test]
fn log_styles_differ_only_in_haproxy_lines() {
    let mut a = Session::new(SessionOptions::default());
    let mut b = Session::new(SessionOptions {
        log_style: LogStyle::Current,
        ..SessionOptions::default()
    });
    let la = a.run("sleep 5s\ndocker logs HAProxy-workers-lb");
    let lb = b.run("sleep 5s\ndocker logs HAProxy-workers-lb");
    assert!(la.contains("[WARNING] 000/0000"));
    assert!(lb.contains("[WARNING]  (6) : "));
    assert_eq!(a.run("kubectl get pods -A"), b.run("kubectl get pods -A"));
}
