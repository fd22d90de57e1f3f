//! Simulator benchmarks (divan, `harness = false`):
//! - 24 h of virtual time for the chapter's cluster (goal <= 20 ms);
//! - 1 000 workers behind one HAProxy backend for 1 h (goal <= 1 s, memory flat);
//! - the same 1 000 workers loaded through the kind-config path (`Session::from_topology`, as the
//!   UI's topology editor and `kindlab sim --kind-config` load them): building it, and 1 h of it;
//! - storage at that scale: 100 claims and their pods, provisioned and bound;
//! - 1 MB adversarial inputs to the shell, kubectl apply, kind configs and haproxy.cfg, each
//!   answered (goal <= 100 ms).
//!
//! Besides divan's timings it prints the figures that show the memory stays flat: HAProxy's log
//! length and the world's object counts before and after the run.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab_sim::{Session, SessionOptions};
use std::time::Instant;

const HOUR: i64 = 3_600_000;

/// The chapter's options: the default seed, HAProxy's chapter-era log lines, Kubernetes 1.31.
fn opts() -> SessionOptions {
    SessionOptions::default()
}

/// One backend with `n` workers, checked on port 80 like the chapter's.
fn big_config(n: usize) -> String {
    let mut s = String::from(
        "defaults\n  log global\n  mode tcp\n  timeout connect 5000\n  timeout client 50000\n  timeout server 50000\nfrontend workers_http\n  bind *:80\n  use_backend ingress_http\nbackend ingress_http\n  mode http\n  option httpchk GET /healthz\n",
    );
    for k in 1..=n {
        s.push_str(&format!("  server worker{k} $worker{k}:80 check port 80\n"));
    }
    s
}

/// 1 000 workers, NGINX on every tenth.
fn big_world() -> Session {
    let on: Vec<usize> = (1..=1000).step_by(10).collect();
    Session::build(opts(), 1000, &on, &big_config(1000))
}

/// A kind config with one control plane and `n` workers (the first ten labelled ingress-ready).
fn big_kind_config(n: usize) -> String {
    let mut s = String::from(
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n",
    );
    for k in 1..=n {
        if k <= 10 {
            s.push_str("- role: worker\n  labels:\n    ingress-ready: \"true\"\n");
        } else {
            s.push_str("- role: worker\n");
        }
    }
    s
}

/// 1 000 workers from a kind config, HAProxy checking all of them.
fn big_topology() -> Session {
    Session::from_topology(opts(), &big_kind_config(1000), &big_config(1000))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `n` claims on the default class and a pod using each.
fn claims_and_pods(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!("---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c{i}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  containers:\n  - name: app\n    image: busybox\n  volumes:\n  - name: v\n    persistentVolumeClaim:\n      claimName: c{i}\n"));
    }
    s
}

fn apply(s: &mut Session, manifests: &str) {
    s.run(&format!("kubectl apply -f - <<EOF\n{manifests}EOF"));
}

/// HAProxy's log: (lines, bytes).
fn log_len(s: &Session) -> (usize, usize) {
    let logs = s.haproxy().expect("haproxy").logs();
    (logs.len(), logs.iter().map(|l| l.text.len()).sum())
}

/// HAProxy's servers that are UP.
fn servers_up(s: &Session) -> usize {
    s.haproxy_servers()
        .iter()
        .filter(|v| v.state == kindlab_sim::haproxy::ServerState::Up)
        .count()
}

#[divan::bench(sample_count = 20)]
fn chapter_cluster_24h(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| Session::new(opts()))
        .bench_local_values(|mut w| {
            w.advance(24 * HOUR);
            w
        });
}

#[divan::bench(sample_count = 3)]
fn thousand_workers_1h(bencher: divan::Bencher) {
    bencher.with_inputs(big_world).bench_local_values(|mut w| {
        w.advance(HOUR);
        w
    });
}

#[divan::bench(sample_count = 3)]
fn thousand_workers_from_kind_config_build(bencher: divan::Bencher) {
    bencher.bench_local(big_topology);
}

#[divan::bench(sample_count = 3)]
fn thousand_workers_from_kind_config_1h(bencher: divan::Bencher) {
    bencher
        .with_inputs(big_topology)
        .bench_local_values(|mut w| {
            w.advance(HOUR);
            w
        });
}

#[divan::bench(sample_count = 3)]
fn hundred_claims_on_thousand_workers(bencher: divan::Bencher) {
    let manifests = claims_and_pods(100);
    bencher
        .with_inputs(big_topology)
        .bench_local_values(|mut w| {
            apply(&mut w, &manifests);
            w.advance(60_000);
            w
        });
}

fn main() {
    // The figures, measured once outside divan as well, so they are printed as plain text.
    let mut w = Session::new(opts());
    let before = log_len(&w);
    let t = Instant::now();
    w.advance(24 * HOUR);
    let el = t.elapsed();
    let after = log_len(&w);
    println!(
        "chapter cluster, 24 h virtual: {:.2} ms wall; HAProxy log {} lines/{} bytes at start -> {} lines/{} bytes after",
        el.as_secs_f64() * 1e3,
        before.0,
        before.1,
        after.0,
        after.1
    );

    let t = Instant::now();
    let mut w = big_world();
    let built = t.elapsed();
    let before = log_len(&w);
    w.advance(60_000);
    let after_1m = log_len(&w);
    let t = Instant::now();
    w.advance(HOUR);
    let el = t.elapsed();
    let after = log_len(&w);
    println!(
        "1000 workers behind one backend, 1 h virtual: {:.1} ms wall (world built in {:.1} ms); {} of 1000 servers UP; HAProxy log {} lines at start, {} after 1 min, {} after 1 h more ({} bytes); {} pods, {} containers",
        el.as_secs_f64() * 1e3,
        built.as_secs_f64() * 1e3,
        servers_up(&w),
        before.0,
        after_1m.0,
        after.0,
        after.1,
        w.clusters()[0].pods.len(),
        w.containers().len(),
    );
    // the same with ten kubelets failing at once: node controller, evictions, rescheduling
    let mut w = big_world();
    let mut s = String::new();
    for k in (1..=100).step_by(10) {
        s.push_str(&format!(
            "docker exec cluster01-worker{} systemctl stop kubelet\n",
            k.max(2)
        ));
    }
    for line in s.lines() {
        w.run(line);
    }
    let t = Instant::now();
    w.advance(HOUR);
    let el = t.elapsed();
    println!(
        "1000 workers, 10 kubelets stopped, 1 h virtual (NotReady, evictions after 300 s, rescheduling): {:.1} ms wall; {} of 1000 servers UP",
        el.as_secs_f64() * 1e3,
        servers_up(&w)
    );
    // the UI's size: 50 workers from a kind config
    let t = Instant::now();
    let mut w = Session::from_topology(opts(), &big_kind_config(50), &big_config(50))
        .unwrap_or_else(|e| panic!("{e}"));
    let built = t.elapsed();
    let t = Instant::now();
    w.advance(HOUR);
    println!(
        "50 workers from a kind config: built in {:.2} ms, 1 h virtual in {:.2} ms wall",
        built.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3
    );
    // the kind-config path
    let t = Instant::now();
    let mut w = big_topology();
    let built = t.elapsed();
    let t = Instant::now();
    w.advance(HOUR);
    let el = t.elapsed();
    println!(
        "1000 workers from a kind config (1 control plane): built in {:.1} ms, 1 h virtual in {:.1} ms wall; {} of 1000 servers UP; {} pods, {} containers",
        built.as_secs_f64() * 1e3,
        el.as_secs_f64() * 1e3,
        servers_up(&w),
        w.clusters()[0].pods.len(),
        w.containers().len(),
    );
    // storage at that scale
    let manifests = claims_and_pods(100);
    let t = Instant::now();
    apply(&mut w, &manifests);
    let applied = t.elapsed();
    let t = Instant::now();
    w.advance(60_000);
    let el = t.elapsed();
    let bound = w.clusters()[0]
        .storage
        .pvcs
        .iter()
        .filter(|c| c.phase == kindlab_sim::k8s::storage::PvcPhase::Bound)
        .count();
    println!(
        "100 claims + 100 pods on 1000 workers: applied in {:.1} ms, 1 min virtual in {:.1} ms wall; {bound} of 100 claims Bound, {} volumes",
        applied.as_secs_f64() * 1e3,
        el.as_secs_f64() * 1e3,
        w.clusters()[0].storage.pvs.len(),
    );
    one_megabyte_inputs();
    divan::main();
}

/// One input given to the simulator.
type Answer = Box<dyn Fn()>;

/// A learner's or a file's 1 MB input to each parser, answered (a result or a clear error) in
/// how long (goal: 100 ms; `tests/sim/bounds.rs` holds the same inputs to a ceiling).
fn one_megabyte_inputs() {
    const MB: usize = 1 << 20;
    let kind = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n";
    let chapter_cfg = big_config(3);
    let chapter_kind = big_kind_config(3);
    let mut nodes = format!("{kind}nodes:\n- role: control-plane\n");
    while nodes.len() < MB {
        nodes.push_str("- role: worker\n");
    }
    let mut servers = String::from("defaults\n  mode tcp\nbackend b\n");
    let mut i = 0u32;
    while servers.len() < MB {
        servers.push_str(&format!(
            "  server s{i} 10.0.{}.{}:80 check\n",
            i / 250 % 250,
            i % 250
        ));
        i += 1;
    }
    let mut typos = String::from("defaults\n  mode tcp\nbackend b\n");
    while typos.len() < MB {
        typos.push_str(&format!("  server s{i} 10.0.0.1:80 chek intr 2s\n"));
        i += 1;
    }
    let mut map = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n");
    let mut k = 0;
    while map.len() < MB {
        map.push_str(&format!("  k{k}: \"{}\"\n", "v".repeat(40)));
        k += 1;
    }
    let cases: Vec<(&str, Answer)> = vec![
        (
            "a 1 MB command line",
            Box::new(|| {
                let _ = Session::new(opts()).run(&format!("echo {}", "a".repeat(MB)));
            }),
        ),
        (
            "kubectl apply of 1 MB of '['",
            Box::new(|| {
                let _ = Session::new(opts()).run(&format!(
                    "kubectl apply -f - <<EOF\nmetadata: {}\nEOF",
                    "[".repeat(MB)
                ));
            }),
        ),
        (
            "kubectl apply of a 1 MB ConfigMap",
            Box::new(move || {
                let _ = Session::new(opts()).run(&format!("kubectl apply -f - <<EOF\n{map}EOF"));
            }),
        ),
        (
            "a kind config of 1 MB of nodes",
            Box::new(move || {
                let _ = Session::from_topology(opts(), &nodes, &chapter_cfg);
            }),
        ),
        (
            "a haproxy.cfg of 1 MB of servers",
            Box::new(move || {
                let _ = Session::from_topology(opts(), &chapter_kind, &servers);
            }),
        ),
        (
            "a haproxy.cfg of 1 MB of misspelled keywords",
            Box::new(move || {
                let _ =
                    kindlab_sim::haproxy::config::parse_config("haproxy.cfg", &typos, &|_| None);
            }),
        ),
    ];
    // the chapter's world alone, to take away from the shell's figures
    let t = Instant::now();
    let _ = Session::new(opts());
    let base = t.elapsed();
    println!(
        "1 MB inputs (goal <= 100 ms each; a fresh chapter world takes {:.1} ms of it):",
        base.as_secs_f64() * 1e3
    );
    for (what, f) in &cases {
        let t = Instant::now();
        f();
        println!("  {what}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    }
}
