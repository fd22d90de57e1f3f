//! Every parser that reads what a learner types or a file holds answers a 1 MB adversarial
//! input (deep nesting, one long line, many aliases, huge counts) with a result or a clear
//! error, and soon: the shell and its heredocs, kubectl's manifests, kind configs, haproxy.cfg.
//!
//! The figures (≤ 100 ms natively, in release) are `cargo xtask bench`'s; these tests hold a
//! ceiling far above them ([`CEILING`], for a debug build on a loaded machine), so that what
//! they catch is an answer that never comes or comes quadratically late (a 1 MB input that is
//! quadratic takes minutes), not a slow machine.

use kindlab::sim::{Session, SessionOptions};
use std::time::Duration;

/// An input this size is what each test feeds.
const MB: usize = 1 << 20;
/// Far above what any of these takes (debug build, busy machine); see the module's docs.
const CEILING: Duration = Duration::from_secs(30);

/// Runs `f` and fails if it took the ceiling or more (see [`kindlab_testkit::bounds`]).
fn answered<T>(what: &str, f: impl FnOnce() -> T) -> T {
    kindlab_testkit::bounds::answered(what, CEILING, f)
}

fn session() -> Session {
    Session::new(SessionOptions::default())
}

#[test]
fn a_one_megabyte_command_line_is_answered() {
    let line = format!("echo {}", "a".repeat(MB));
    let out = answered("echo 1 MB", || session().run(&line));
    assert_eq!(out.trim_end().len(), MB);
    let junk = format!("kubectl get {}", "x".repeat(MB));
    let out = answered("kubectl get <1 MB name>", || session().run(&junk));
    assert!(
        out.contains("error: the server doesn't have a resource type"),
        "{}",
        &out[..200]
    );
}

#[test]
fn a_one_megabyte_heredoc_nested_deep_is_refused_with_yamls_message() {
    let doc = format!(
        "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata: {}\nEOF",
        "[".repeat(MB)
    );
    let out = answered("kubectl apply, 1 MB of '['", || session().run(&doc));
    assert!(
        out.contains("recursion limit exceeded"),
        "{}",
        &out[..out.len().min(300)]
    );
    // the same depth as block sequences on one line
    let doc = format!(
        "kubectl apply -f - <<EOF\nmetadata:\n{}x\nEOF",
        "- ".repeat(MB / 2)
    );
    let out = answered("kubectl apply, 1 MB of '- '", || session().run(&doc));
    assert!(
        out.contains("recursion limit exceeded"),
        "{}",
        &out[..out.len().min(300)]
    );
}

#[test]
fn a_manifest_of_aliases_that_expand_exponentially_is_refused() {
    // a billion laughs: each level repeats the one before ten times
    let mut y = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n");
    y.push_str(
        "  a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        y.push_str(&format!("  a{i}: &a{i} [{}]\n", vec![prev; 10].join(",")));
    }
    let cmd = format!("kubectl apply -f - <<EOF\n{y}EOF");
    let out = answered("kubectl apply, a billion laughs", || session().run(&cmd));
    assert!(out.contains("error"), "{out}");
    // and a 1 MB manifest of plain repeated keys and one long value is read (no blow-up)
    let mut big = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n");
    let mut i = 0;
    while big.len() < MB {
        big.push_str(&format!("  k{i}: \"{}\"\n", "v".repeat(40)));
        i += 1;
    }
    let cmd = format!("kubectl apply -f - <<EOF\n{big}EOF");
    let out = answered("kubectl apply, a 1 MB ConfigMap", || session().run(&cmd));
    assert!(
        out.contains("configmap/big created") || out.contains("error"),
        "{}",
        &out[..out.len().min(300)]
    );
}

#[test]
fn a_one_megabyte_kind_config_is_answered() {
    let cfg = |body: &str| format!("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n{body}");
    let chapter_cfg = include_str!("../../content/lab/haproxy.cfg");
    let mut nodes = String::from("nodes:\n- role: control-plane\n");
    while nodes.len() < MB {
        nodes.push_str("- role: worker\n");
    }
    let e = answered("kind config, 1 MB of nodes", || {
        Session::with_topology(SessionOptions::default(), &cfg(&nodes), chapter_cfg)
    })
    .err()
    .unwrap();
    assert!(e.contains("kindlab simulates at most 1024 nodes"), "{e}");
    let deep = cfg(&format!("nodes: {}", "[".repeat(MB)));
    let e = answered("kind config, 1 MB of '['", || {
        Session::with_topology(SessionOptions::default(), &deep, chapter_cfg)
    })
    .err()
    .unwrap();
    assert!(e.contains("recursion limit exceeded"), "{e}");
}

#[test]
fn a_one_megabyte_haproxy_cfg_is_answered() {
    let kind = include_str!("../../content/lab/cluster01.yaml");
    let mut cfg = String::from(
        "defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 5s\n  timeout server 5s\nbackend b\n",
    );
    let mut i = 0u32;
    while cfg.len() < MB {
        cfg.push_str(&format!(
            "  server s{i} 10.0.{}.{}:80 check\n",
            i / 250 % 250,
            i % 250
        ));
        i += 1;
    }
    let e = answered("haproxy.cfg, 1 MB of servers", || {
        Session::with_topology(SessionOptions::default(), kind, &cfg)
    })
    .err()
    .unwrap();
    assert!(e.contains("kindlab simulates at most 2048 servers"), "{e}");
    // one line of 1 MB
    let long = format!("global\n  log {}\n", "x".repeat(MB));
    let r = answered("haproxy.cfg, a 1 MB line", || {
        Session::with_topology(SessionOptions::default(), kind, &long)
    });
    assert!(
        r.is_err(),
        "a config without a frontend or a valid log line is refused"
    );
}

#[test]
fn a_one_megabyte_haproxy_cfg_of_misspellings_is_answered() {
    // every line an unknown keyword HAProxy 2.4+ suggests a fix for: the suggestions are
    // edit distances, which must not cost a megabyte times the keyword lists
    let mut cfg = String::from("defaults\n  mode tcp\nbackend b\n");
    let mut i = 0u32;
    while cfg.len() < MB {
        cfg.push_str(&format!("  server s{i} 10.0.0.1:80 chek intr 2s\n"));
        i += 1;
    }
    let vars = |_: &str| None;
    let report = answered("haproxy.cfg, 1 MB of misspelled keywords", || {
        kindlab::sim::haproxy::config::parse_config("haproxy.cfg", &cfg, &vars)
    });
    assert!(!report.is_ok());
    assert!(
        report
            .alerts()
            .iter()
            .any(|a| a.contains("did you mean 'check'")),
        "{:?}",
        report.alerts().first()
    );
    // one unknown keyword a megabyte long
    let long = format!("global\n  {}\n", "k".repeat(MB));
    let report = answered("haproxy.cfg, a 1 MB keyword", || {
        kindlab::sim::haproxy::config::parse_config("haproxy.cfg", &long, &vars)
    });
    assert!(!report.is_ok());
}

#[test]
fn a_paste_of_thousands_of_day_long_sleeps_stops_at_the_clocks_horizon() {
    // 64 KB (the lab's largest paste) of `sleep 24h`: each would cost a day of simulation;
    // the clock stops at its horizon, so the whole paste costs at most that
    let paste = "sleep 24h\n".repeat(64 * 1024 / 10);
    let mut s = session();
    let out = answered("6553 x sleep 24h", || s.run(&paste));
    assert_eq!(s.now(), kindlab::sim::time::HORIZON);
    assert!(
        out.contains("kindlab's simulated clock stops 7 days after HAProxy started"),
        "{}",
        &out[..out.len().min(300)]
    );
    // one sleep past the horizon says so and changes nothing
    let out = s.run("sleep 1 && echo still");
    assert!(
        out.contains("clock stops") && out.ends_with("still\n"),
        "{out}"
    );
    assert_eq!(s.now(), kindlab::sim::time::HORIZON);
    // and a sleep within it is silent, as sleep is
    let mut s = session();
    assert_eq!(s.run("sleep 36h"), "");
}
