//! Property tests over random command sequences: no panic, no request routed to a DOWN server,
//! no DOWN before `fall` failed checks, determinism (same seed + script = same output); for
//! storage, no Bound claim without its volume, whatever is applied, deleted or stopped, and the
//! same state however time is cut.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::sim::haproxy::{Route, ServerState};
use kindlab::sim::k8s::storage::{PvPhase, PvcPhase};
use kindlab::sim::{Session, SessionOptions};
use proptest::prelude::*;
use std::collections::BTreeMap;

const NODES: [&str; 6] = [
    "cluster01-control-plane",
    "cluster01-control-plane2",
    "cluster01-control-plane3",
    "cluster01-worker",
    "cluster01-worker2",
    "cluster01-worker3",
];

fn worker() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => (3..6usize).prop_map(|i| NODES[i]),
        1 => (0..3usize).prop_map(|i| NODES[i]),
    ]
}

fn command() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => worker().prop_map(|n| format!("docker exec {n} systemctl stop kubelet")),
        4 => worker().prop_map(|n| format!("docker exec {n} systemctl start kubelet")),
        2 => worker().prop_map(|n| format!("docker stop {n}")),
        2 => worker().prop_map(|n| format!("docker start {n}")),
        3 => Just("kubectl delete $(kubectl get pods -n ingress-nginx -o name) -n ingress-nginx".to_string()),
        1 => Just("kubectl delete $(kubectl get pods -n ingress-nginx -o name) -n ingress-nginx --grace-period=30".to_string()),
        1 => Just("kubectl delete $(kubectl get pods -n ingress-nginx -o name) -n ingress-nginx --force --grace-period=0".to_string()),
        1 => Just("kubectl delete $(kubectl get pods -o name) --grace-period=5".to_string()),
        2 => (0..4u32).prop_map(|r| format!("kubectl scale deployment nginx-ingress-controller --replicas={r} -n ingress-nginx")),
        2 => worker().prop_map(|n| format!("kubectl cordon {n}")),
        2 => worker().prop_map(|n| format!("kubectl uncordon {n}")),
        8 => (1..90u32).prop_map(|s| format!("sleep {s}s")),
        1 => (1..12u32).prop_map(|m| format!("sleep {m}m")),
        3 => prop_oneof![
            Just("curl http://localhost/"),
            Just("curl -s http://localhost/echo"),
            Just("curl -k https://localhost/"),
            Just("curl https://localhost/"),
            Just("curl -I http://localhost/"),
            Just("curl http://localhost:8080/"),
        ]
        .prop_map(|s| s.to_string()),
        2 => prop_oneof![
            Just("kubectl get pods -A -o wide"),
            Just("kubectl get nodes -o wide"),
            Just("kubectl get deployments -A"),
            Just("kubectl describe node cluster01-worker2"),
            Just("docker ps -a"),
            Just("docker logs -t --since 1m HAProxy-workers-lb"),
            Just("docker exec cluster01-worker3 systemctl status kubelet"),
        ]
        .prop_map(|s| s.to_string()),
        1 => prop_oneof![
            Just("docker stop HAProxy-workers-lb"),
            Just("docker start HAProxy-workers-lb"),
            Just("docker restart HAProxy-workers-lb"),
        ]
        .prop_map(|s| s.to_string()),
        2 => "\\PC{0,24}",
        2 => prop_oneof![
            Just("kubectl get pods --bogus"),
            Just("kubectl get nodes."),
            Just("docker ps -z"),
            Just("kind delete cluster --name nope"),
            Just("docker exec cluster01-worker2 systemctl explode kubelet"),
            Just("kubectl delete pod nope -n ingress-nginx"),
            Just("curl --nope http://localhost/"),
            Just("sleep forever"),
            Just("cat ~/haproxy/haproxy.cfg | grep server"),
            Just("kubectl scale deployment nginx-ingress-controller -n ingress-nginx"),
            Just("echo $(kubectl get nodes -o name"),
            Just("cat <<EOF"),
            Just("kubectl delete $(kubectl get pods -o name) --grace-period=99999999999999"),
            Just("docker logs --since 99999999h --tail 3 HAProxy-workers-lb"),
            Just("kubectl scale deployment echo --replicas=99999999999"),
            Just("curl http://localhost:99999/"),
            Just("docker exec cluster01-worker2 crictl ps | wc -l"),
        ]
        .prop_map(|s| s.to_string()),
        1 => Just("kind delete cluster --name cluster01".to_string()),
        1 => Just("kind create cluster --name cluster01 --config ~/cluster01.yaml".to_string()),
    ]
}

/// Routing a connection right now never picks a server that is not UP.
fn assert_routes_to_up(s: &Session) {
    let Some(engine) = s.haproxy() else {
        return;
    };
    let servers = engine.servers();
    let mut e = engine.clone();
    for port in [80u16, 443, 80, 443] {
        if let Route::Server {
            backend, server, ..
        } = e.route(port)
        {
            let v = servers
                .iter()
                .find(|v| v.backend == backend && v.name == server)
                .expect("routed server exists");
            assert_eq!(
                v.state,
                ServerState::Up,
                "routed to {backend}/{server}, which is {:?}",
                v.state
            );
        }
    }
}

fn transcript(seed: u64, cmds: &[String], check: bool) -> String {
    let mut s = Session::new(SessionOptions {
        seed,
        ..SessionOptions::default()
    });
    let mut out = String::new();
    for c in cmds {
        // feed line by line, as the CLI does (an unterminated heredoc swallows the rest)
        for line in c.lines() {
            if let Some((e, o)) = s.feed_line(line) {
                out.push_str(&e);
                out.push_str(&o);
            }
        }
        if check {
            assert_routes_to_up(&s);
        }
    }
    if let Some((e, o)) = s.finish() {
        out.push_str(&e);
        out.push_str(&o);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_sessions_never_panic_route_to_up_servers_and_are_deterministic(
        seed in 0u64..1_000_000,
        cmds in prop::collection::vec(command(), 1..28),
    ) {
        let a = transcript(seed, &cmds, true);
        let b = transcript(seed, &cmds, false);
        prop_assert_eq!(a, b);
    }
}

/// A configuration that logs every health-check result, with a backend using its own
/// fall/rise, so the DOWN lines can be checked against the failures before them.
const LOGGED_CFG: &str = "global
  log stdout format raw local0
defaults
  log global
  mode tcp
  timeout connect 5000
  timeout client 50000
  timeout server 50000
frontend workers_https
  bind *:443
  use_backend ingress_https
backend ingress_https
  option httpchk GET /healthz
  option log-health-checks
  server worker $worker1:443 check port 80
  server worker2 $worker2:443 check port 80
  server worker3 $worker3:443 check port 80
frontend workers_http
  bind *:80
  use_backend ingress_http
backend ingress_http
  mode http
  option httpchk GET /healthz
  option log-health-checks
  server worker $worker1:80 check port 80 inter 1s fall 2 rise 3
  server worker2 $worker2:80 check port 80 inter 1s fall 2 rise 3
  server worker3 $worker3:80 check port 80 inter 1s fall 2 rise 3
";

fn fall_of(be: &str) -> u32 {
    if be == "ingress_http" {
        2
    } else {
        3
    }
}

/// Walks HAProxy's log: every `is DOWN` line of a server that has passed a check since the
/// engine started follows at least `fall` consecutive failed checks.
fn check_down_after_fall(logs: &str) {
    #[derive(Default)]
    struct St {
        passed_once: bool,
        fails: u32,
    }
    let mut st: BTreeMap<String, St> = BTreeMap::new();
    for l in logs.lines() {
        if l.contains("forked") {
            st.clear();
            continue;
        }
        let Some(rest) = l.split(" : ").nth(1) else {
            continue;
        };
        if let Some(r) = rest.strip_prefix("Health check for server ") {
            let key = r.split(' ').next().unwrap_or("").to_string();
            let e = st.entry(key).or_default();
            if r.contains(" succeeded,") {
                e.passed_once = true;
                e.fails = 0;
            } else if r.contains(" failed,") {
                e.fails += 1;
            }
        } else if let Some(r) = rest.strip_prefix("Server ") {
            let key = r.split(' ').next().unwrap_or("").to_string();
            if r.contains(" is DOWN,") {
                let be = key.split('/').next().unwrap_or("");
                let e = st.entry(key.clone()).or_default();
                assert!(
                    !e.passed_once || e.fails >= fall_of(be),
                    "{key} DOWN after {} failed checks (fall {}):\n{logs}",
                    e.fails,
                    fall_of(be)
                );
                e.fails = 0;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn down_never_before_fall_failures(
        seed in 0u64..1_000_000,
        cmds in prop::collection::vec(command(), 1..24),
    ) {
        let mut s = Session::new(SessionOptions { seed, ..SessionOptions::default() });
        let setup = format!(
            "docker rm -f HAProxy-workers-lb\ncat <<'EOF' > ~/haproxy/haproxy.cfg\n{LOGGED_CFG}EOF\ndocker run --name HAProxy-workers-lb -d -p 80:80 -p 443:443 -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg"
        );
        let out = s.run(&setup);
        prop_assert!(out.lines().last().is_some_and(|l| l.len() == 64), "{}", out);
        for c in &cmds {
            s.run(c);
            assert_routes_to_up(&s);
        }
        s.run("sleep 30s");
        let logs = s.run("docker logs HAProxy-workers-lb");
        check_down_after_fall(&logs);
    }
}

/// Splits every `sleep Ns` into `parts` smaller sleeps (as a UI's fast clock advancing in small
/// steps would).
fn split_sleeps(cmds: &[String], parts: u32) -> Vec<String> {
    let mut out = vec![];
    for c in cmds {
        let secs = c
            .strip_prefix("sleep ")
            .and_then(|d| d.strip_suffix('s'))
            .and_then(|n| n.parse::<u32>().ok());
        match secs {
            Some(n) if n > 0 => {
                let ms = n * 1000;
                let step = ms / parts;
                for _ in 1..parts {
                    out.push(format!("sleep {step}ms"));
                }
                out.push(format!("sleep {}ms", ms - step * (parts - 1)));
            }
            _ => out.push(c.clone()),
        }
    }
    out
}

fn final_state(seed: u64, cmds: &[String]) -> String {
    let mut s = Session::new(SessionOptions {
        seed,
        ..SessionOptions::default()
    });
    for c in cmds {
        s.run(c);
    }
    s.run("docker logs -t HAProxy-workers-lb\nkubectl get pods -A -o wide\nkubectl get nodes\nkubectl get events -A")
}

fn story_command() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => worker().prop_map(|n| format!("docker exec {n} systemctl stop kubelet")),
        2 => worker().prop_map(|n| format!("docker exec {n} systemctl start kubelet")),
        1 => worker().prop_map(|n| format!("docker stop {n}")),
        1 => worker().prop_map(|n| format!("docker start {n}")),
        2 => Just("kubectl delete $(kubectl get pods -n ingress-nginx -o name) -n ingress-nginx".to_string()),
        1 => (0..3u32).prop_map(|r| format!("kubectl scale deployment nginx-ingress-controller --replicas={r} -n ingress-nginx")),
        6 => (1..120u32).prop_map(|s| format!("sleep {s}s")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, max_shrink_iters: 100, ..ProptestConfig::default() })]

    /// The world does not depend on how time is cut: one `sleep 60s` or many small steps give
    /// the same logs, pods, nodes and events.
    #[test]
    fn same_story_however_time_is_cut(
        seed in 0u64..1_000_000,
        cmds in prop::collection::vec(story_command(), 1..16),
        parts in 2u32..7,
    ) {
        let whole = final_state(seed, &cmds);
        let cut = final_state(seed, &split_sleeps(&cmds, parts));
        prop_assert_eq!(whole, cut);
    }
}

// ---- storage ----

const CLAIMS: [&str; 3] = ["data", "logs", "cache"];
const WORKERS: [&str; 3] = ["cluster01-worker", "cluster01-worker2", "cluster01-worker3"];

fn claim_manifest(name: &str, class: &str, size: &str, modes: &str) -> String {
    let class = match class {
        "-" => String::new(),
        c => format!("  storageClassName: \"{c}\"\n"),
    };
    format!("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {name}\nspec:\n{class}  accessModes: [{modes}]\n  resources:\n    requests:\n      storage: {size}\n")
}

fn pod_manifest(name: &str, claim: &str, node: Option<&str>) -> String {
    let sel = node
        .map(|n| format!("  nodeSelector:\n    kubernetes.io/hostname: {n}\n"))
        .unwrap_or_default();
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{sel}  containers:\n  - name: app\n    image: busybox\n    volumeMounts:\n    - name: v\n      mountPath: /data\n  volumes:\n  - name: v\n    persistentVolumeClaim:\n      claimName: {claim}\n")
}

fn applied(manifest: String) -> String {
    format!("kubectl apply -f - <<EOF\n{manifest}EOF")
}

fn storage_command() -> impl Strategy<Value = String> {
    let claim = (0..3usize).prop_map(|i| CLAIMS[i]);
    let class = prop_oneof![
        3 => Just("-"),
        2 => Just(""),
        1 => Just("standard"),
        1 => Just("keep"),
        1 => Just("ebs"),
        1 => Just("now"),
        1 => Just("nope"),
    ];
    let size = prop_oneof![Just("100Mi"), Just("1Gi"), Just("2Gi"), Just("5Gi")];
    let modes = prop_oneof![
        3 => Just("ReadWriteOnce"),
        1 => Just("ReadWriteMany"),
        1 => Just("ReadWriteOnce, ReadWriteMany"),
        1 => Just("ReadOnlyMany"),
    ];
    let node = prop_oneof![
        3 => Just(None),
        1 => (0..3usize).prop_map(|i| Some(WORKERS[i])),
    ];
    prop_oneof![
        4 => (claim.clone(), class.clone(), size.clone(), modes.clone())
            .prop_map(|(n, c, s, m)| applied(claim_manifest(n, c, s, m))),
        2 => ((0..3usize), prop_oneof![Just(""), Just("standard"), Just("keep")], size.clone(), modes, prop_oneof![Just("Retain"), Just("Delete")], node.clone())
            .prop_map(|(i, c, s, m, r, n)| {
                let aff = n.map(|n| format!("  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - key: kubernetes.io/hostname\n          operator: In\n          values: [{n}]\n")).unwrap_or_default();
                applied(format!("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv{i}\nspec:\n  storageClassName: \"{c}\"\n  persistentVolumeReclaimPolicy: {r}\n  capacity:\n    storage: {s}\n  accessModes: [{m}]\n{aff}  hostPath:\n    path: /tmp/pv{i}\n"))
            }),
        4 => ((0..3usize), claim.clone(), node).prop_map(|(i, c, n)| applied(pod_manifest(&format!("p{i}"), c, n))),
        1 => (claim.clone(), 0..3u32).prop_map(|(c, r)| applied(format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: {r}\n  selector:\n    matchLabels: {{app: app}}\n  template:\n    metadata:\n      labels: {{app: app}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        volumeMounts:\n        - {{name: v, mountPath: /d}}\n      volumes:\n      - name: v\n        persistentVolumeClaim: {{claimName: {c}}}\n"))),
        1 => prop_oneof![
            Just("keep\n  reclaimPolicy: Retain\n  volumeBindingMode: WaitForFirstConsumer"),
            Just("ebs"),
            Just("now\n  volumeBindingMode: Immediate"),
        ].prop_map(|c| {
            let (name, rest) = c.split_once('\n').unwrap_or((c, ""));
            let prov = if name == "ebs" { "ebs.csi.aws.com" } else { "rancher.io/local-path" };
            let rest = rest.replace("  ", "");
            applied(format!("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: {name}\nprovisioner: {prov}\n{rest}{}", if rest.is_empty() { "" } else { "\n" }))
        }),
        3 => claim.clone().prop_map(|c| format!("kubectl delete pvc {c}")),
        1 => (0..3usize).prop_map(|i| format!("kubectl delete pv pv{i}")),
        1 => Just("kubectl delete pv --all".to_string()),
        2 => (0..3usize).prop_map(|i| format!("kubectl delete pod p{i}")),
        1 => (0..3usize).prop_map(|i| format!("kubectl delete pod p{i} --force --grace-period=0")),
        1 => Just("kubectl delete deployment app".to_string()),
        1 => Just("kubectl delete sc keep".to_string()),
        2 => (0..3usize).prop_map(|i| format!("docker exec {} systemctl stop kubelet", WORKERS[i])),
        2 => (0..3usize).prop_map(|i| format!("docker exec {} systemctl start kubelet", WORKERS[i])),
        1 => (0..3usize).prop_map(|i| format!("docker stop {}", WORKERS[i])),
        1 => (0..3usize).prop_map(|i| format!("docker start {}", WORKERS[i])),
        1 => (0..2u32).prop_map(|r| format!("kubectl scale deployment local-path-provisioner -n local-path-storage --replicas={r}")),
        6 => (1..40u32).prop_map(|s| format!("sleep {s}s")),
        1 => (1..8u32).prop_map(|m| format!("sleep {m}m")),
        2 => prop_oneof![
            Just("kubectl get sc,pv,pvc -A"),
            Just("kubectl describe pvc"),
            Just("kubectl describe pv"),
            Just("kubectl get events"),
            Just("kubectl get pods -o wide"),
        ].prop_map(|s| s.to_string()),
        1 => "\\PC{0,24}".prop_map(|s| applied(format!("apiVersion: v1\nkind: PersistentVolumeClaim\n{s}\n"))),
    ]
}

/// No claim is Bound without its volume (which is Bound to it), and the other way round.
fn assert_bindings_hold(s: &Session) {
    for cl in s.clusters() {
        let st = &cl.storage;
        for c in st.pvcs.iter().filter(|c| c.phase == PvcPhase::Bound) {
            let name = c
                .volume_name
                .as_deref()
                .expect("a Bound claim names its volume");
            let v =
                st.pvs.iter().find(|v| v.name == name).unwrap_or_else(|| {
                    panic!("claim {} is Bound to {name}, which is gone", c.name)
                });
            assert_eq!(v.phase, PvPhase::Bound, "{name} of Bound claim {}", c.name);
            let r = v.claim_ref.as_ref().expect("claimRef");
            assert_eq!(
                (&r.namespace, &r.name, &r.uid),
                (&c.namespace, &c.name, &c.uid)
            );
        }
        for v in st.pvs.iter().filter(|v| v.phase == PvPhase::Bound) {
            let r = v
                .claim_ref
                .as_ref()
                .expect("a Bound volume names its claim");
            let c =
                st.pvcs.iter().find(|c| c.uid == r.uid).unwrap_or_else(|| {
                    panic!("volume {} is Bound to a claim that is gone", v.name)
                });
            assert_eq!(c.volume_name.as_deref(), Some(v.name.as_str()));
        }
    }
}

fn storage_transcript(seed: u64, cmds: &[String], check: bool) -> String {
    let mut s = Session::new(SessionOptions {
        seed,
        ..SessionOptions::default()
    });
    let mut out = String::new();
    for c in cmds {
        out.push_str(&s.run_transcript(c));
        if check {
            assert_bindings_hold(&s);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, max_shrink_iters: 200, ..ProptestConfig::default() })]

    /// Random apply/delete/advance sequences never panic, never leave a Bound claim without its
    /// volume, and give the same transcript twice.
    #[test]
    fn storage_sessions_keep_their_bindings_and_are_deterministic(
        seed in 0u64..1_000_000,
        cmds in prop::collection::vec(storage_command(), 1..30),
    ) {
        let a = storage_transcript(seed, &cmds, true);
        let b = storage_transcript(seed, &cmds, false);
        prop_assert_eq!(a, b);
    }
}

fn storage_final_state(seed: u64, cmds: &[String]) -> String {
    let mut s = Session::new(SessionOptions {
        seed,
        ..SessionOptions::default()
    });
    for c in cmds {
        s.run(c);
    }
    s.run("kubectl get sc,pv,pvc -A\nkubectl describe pvc\nkubectl describe pv\nkubectl get pods -A -o wide\nkubectl get events -A")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, max_shrink_iters: 100, ..ProptestConfig::default() })]

    /// Storage does not depend on how time is cut either (provisioning, binding polls, repeated
    /// events, cleanup).
    #[test]
    fn storage_is_the_same_however_time_is_cut(
        seed in 0u64..1_000_000,
        cmds in prop::collection::vec(storage_command(), 1..20),
        parts in 2u32..7,
    ) {
        let whole = storage_final_state(seed, &cmds);
        let cut = storage_final_state(seed, &split_sleeps(&cmds, parts));
        prop_assert_eq!(whole, cut);
    }
}

/// YAML-ish lines made of the manifests' own words, at random depths.
fn manifest_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("apiVersion"),
        Just("kind"),
        Just("metadata"),
        Just("name"),
        Just("namespace"),
        Just("labels"),
        Just("spec"),
        Just("accessModes"),
        Just("resources"),
        Just("requests"),
        Just("storage"),
        Just("storageClassName"),
        Just("volumeName"),
        Just("capacity"),
        Just("hostPath"),
        Just("path"),
        Just("nodeAffinity"),
        Just("required"),
        Just("nodeSelectorTerms"),
        Just("matchExpressions"),
        Just("containers"),
        Just("image"),
        Just("volumes"),
        Just("persistentVolumeClaim"),
        Just("claimName"),
        Just("volumeMounts"),
        Just("selector"),
        Just("matchLabels"),
        Just("template"),
        Just("replicas"),
        Just("provisioner"),
        Just("reclaimPolicy"),
        Just("volumeBindingMode"),
        Just("- name"),
        Just("persistentVolumeReclaimPolicy"),
        Just("nodeSelector"),
        Just("nodeName"),
    ];
    let value = prop_oneof![
        Just(""),
        Just("v1"),
        Just("apps/v1"),
        Just("storage.k8s.io/v1"),
        Just("Pod"),
        Just("PersistentVolumeClaim"),
        Just("PersistentVolume"),
        Just("StorageClass"),
        Just("Deployment"),
        Just("data"),
        Just("[ReadWriteOnce]"),
        Just("[ReadWriteMany, ReadOnlyMany]"),
        Just("1Gi"),
        Just("0"),
        Just("-1"),
        Just("1e40"),
        Just("\"\""),
        Just("{}"),
        Just("[]"),
        Just("true"),
        Just("3"),
        Just("1.5"),
        Just("null"),
        Just("rancher.io/local-path"),
        Just("Retain"),
        Just("Delete"),
        Just("WaitForFirstConsumer"),
        Just("cluster01-worker"),
        Just("[a: b]"),
        Just("*x"),
        Just("&a x"),
        Just("!tag y"),
        Just("'q"),
    ];
    let line =
        ((0..6usize), key, value).prop_map(|(d, k, v)| format!("{}{k}: {v}", "  ".repeat(d)));
    prop::collection::vec(prop_oneof![8 => line, 1 => Just("---".to_string())], 0..40)
        .prop_map(|ls| ls.join("\n") + "\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_shrink_iters: 200, ..ProptestConfig::default() })]

    /// Whatever text `kubectl apply`, `create` and `delete -f` are given, they answer (an object
    /// applied or kubectl's refusal) and the bindings still hold.
    #[test]
    fn any_manifest_text_is_answered(text in manifest_text(), raw in "(\\PC|\n){0,120}", seed in 0u64..1000) {
        let mut s = Session::new(SessionOptions { seed, ..SessionOptions::default() });
        for body in [&text, &raw] {
            s.run(&format!("cat <<'XEOF' > ~/m.yaml\n{body}XEOF"));
            for cmd in ["kubectl apply -f ~/m.yaml", "kubectl create -f ~/m.yaml", "kubectl apply --dry-run=client -f ~/m.yaml", "kubectl delete -f ~/m.yaml"] {
                let out = s.run(cmd);
                prop_assert!(!out.is_empty(), "{} gave nothing for:\n{}", cmd, body);
            }
            s.run("sleep 10s");
            assert_bindings_hold(&s);
        }
    }
}
