//! Topologies of your own: a kind config and a haproxy.cfg build the chapter's flow on another
//! cluster (`Session::with_topology`, `kindlab sim --kind-config --haproxy-config`), with kind's
//! and HAProxy's messages (and their lines) when a file is refused; and `kindlab sim` reading
//! scripts as bytes.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::sim::haproxy::ServerState;
use kindlab::sim::{Session, SessionOptions, TopologyFile};
use std::process::{Command, Stdio};

const FIVE: &str = "kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  extraPortMappings:
  - containerPort: 30080
    hostPort: 8080
- role: worker
  labels:
    ingress-ready: \"true\"
- role: worker
- role: worker
- role: worker
- role: worker
  labels:
    disk: ssd
";

fn haproxy_for(workers: usize) -> String {
    let mut s = String::from("defaults\n  mode tcp\n  timeout connect 5000\n  timeout client 50000\n  timeout server 50000\nfrontend workers_http\n  bind *:80\n  default_backend ingress_http\nbackend ingress_http\n  option httpchk GET /healthz\n");
    for k in 1..=workers {
        s.push_str(&format!("  server worker{k} $worker{k}:80 check port 80\n"));
    }
    s
}

fn kind_for(workers: usize) -> String {
    let mut s = String::from(
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n",
    );
    for k in 1..=workers {
        if k == 1 {
            s.push_str("- role: worker\n  labels:\n    ingress-ready: \"true\"\n");
        } else {
            s.push_str("- role: worker\n");
        }
    }
    s
}

#[test]
fn one_control_plane_and_five_workers() {
    let mut s = Session::with_topology(SessionOptions::default(), FIVE, &haproxy_for(5))
        .expect("a valid topology");
    let nodes = s.nodes();
    assert_eq!(nodes.len(), 6);
    assert_eq!(nodes[0].name, "cluster01-control-plane");
    assert_eq!(
        nodes.iter().filter(|n| n.role == "<none>").count(),
        5,
        "five workers"
    );
    // one control plane: no external load balancer, the API port is on the node itself
    let names: Vec<String> = s.containers().into_iter().map(|c| c.name).collect();
    assert!(
        !names.iter().any(|n| n.ends_with("external-load-balancer")),
        "{names:?}"
    );
    let ps = s.run("docker ps");
    let cp = ps
        .lines()
        .find(|l| l.ends_with("cluster01-control-plane"))
        .unwrap();
    assert!(
        cp.contains("0.0.0.0:8080->30080/tcp") && cp.contains("->6443/tcp"),
        "{cp}"
    );
    // NGINX runs on the only node labelled ingress-ready=true
    let ingress = s
        .pods()
        .into_iter()
        .find(|p| p.namespace == "ingress-nginx")
        .expect("ingress pod");
    assert_eq!(ingress.node.as_deref(), Some("cluster01-worker"));
    assert!(s
        .run("kubectl get nodes --show-labels")
        .lines()
        .any(|l| l.starts_with("cluster01-worker5 ") && l.contains("disk=ssd")));
    // $worker1..$worker5 are the workers' addresses; only worker1 answers on port 80
    s.run("sleep 10s");
    let servers = s.haproxy_servers();
    assert_eq!(servers.len(), 5);
    for v in &servers {
        let node = if v.name == "worker1" {
            "cluster01-worker".to_string()
        } else {
            format!("cluster01-{}", v.name)
        };
        let ip = nodes.iter().find(|n| n.name == node).unwrap().ip.clone();
        assert_eq!(v.addr.to_string(), ip, "{}", v.name);
        let up = v.name == "worker1";
        assert_eq!(v.state == ServerState::Up, up, "{}", v.name);
    }
    assert!(s
        .run("curl -s http://localhost/echo")
        .contains("Hostname: echo-"));
    // storage works the same
    assert_eq!(s.storage_classes()[0].name, "standard");
    assert!(s.run("cat ~/cluster01.yaml").contains("disk: ssd"));
}

#[test]
fn a_named_cluster_without_ingress_labels() {
    let cfg = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: lab\nnodes:\n- role: control-plane\n- role: control-plane\n- role: control-plane\n- role: worker\n";
    let mut s = Session::with_topology(SessionOptions::default(), cfg, &haproxy_for(1)).unwrap();
    assert!(s.nodes().iter().all(|n| n.cluster == "lab"));
    // three control planes: kind's own load balancer is there
    assert!(s
        .containers()
        .iter()
        .any(|c| c.name == "lab-external-load-balancer"));
    assert!(s.pods().iter().all(|p| p.namespace != "ingress-nginx"));
    assert_eq!(s.run("ls ~"), "haproxy  lab.yaml\n");
    assert_eq!(s.run("kind get clusters"), "lab\n");
}

#[test]
fn a_single_node_cluster_runs_workloads_on_its_control_plane() {
    let cfg = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n";
    let s = Session::with_topology(SessionOptions::default(), cfg, "defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 5s\n  timeout server 5s\nfrontend f\n  bind *:80\n  default_backend b\nbackend b\n").unwrap();
    let n = &s.nodes()[0];
    assert_eq!(s.nodes().len(), 1);
    // kind removes the control-plane taint when there are no workers
    assert!(n.taints.is_empty(), "{:?}", n.taints);
    let echo = s
        .pods()
        .into_iter()
        .find(|p| p.name.starts_with("echo-"))
        .unwrap();
    assert_eq!(echo.node.as_deref(), Some("cluster01-control-plane"));
}

#[test]
fn the_chapters_own_config_gives_the_chapters_world() {
    let kind = include_str!("../../content/lab/cluster01.yaml");
    let haproxy = include_str!("../../content/lab/haproxy.cfg");
    let mut a = Session::with_topology(SessionOptions::default(), kind, haproxy).unwrap();
    let mut b = Session::new(SessionOptions::default());
    let script = "sleep 5s\nkubectl get pods -A -o wide\ndocker logs HAProxy-workers-lb\ndocker ps";
    assert_eq!(a.run(script), b.run(script));
}

#[test]
fn refused_configs_name_their_line() {
    let h = haproxy_for(3);
    let e = Session::from_topology(
        SessionOptions::default(),
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- rol: worker\n",
        &h,
    )
    .err()
    .expect("refused");
    assert_eq!(e.file, TopologyFile::KindConfig);
    assert_eq!(e.line, Some(5));
    assert_eq!(e.message, "ERROR: failed to create cluster: unable to decode config: yaml: unmarshal errors:\n  line 5: field rol not found in type v1alpha4.Node");
    assert_eq!(e.to_string(), format!("kind config:5: {}", e.message));
    let e = Session::with_topology(
        SessionOptions::default(),
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 80\n",
        &h,
    )
    .err()
    .expect("port 80 taken");
    assert!(
        e.contains("Bind for 0.0.0.0:80 failed: port is already allocated"),
        "{e}"
    );
    let e = Session::from_topology(
        SessionOptions::default(),
        FIVE,
        "frontend f\n  bind *:80\n  default_backend b\nbackend b\n  server w $worker9:80 check\n",
    )
    .err()
    .expect("no worker 9");
    assert_eq!(e.file, TopologyFile::HaproxyConfig);
    assert_eq!(e.line, Some(5));
    assert!(
        e.message.contains("could not resolve address '$worker9'"),
        "{}",
        e.message
    );
    let e = Session::from_topology(SessionOptions::default(), "kind: Cluster\n  bad: [\n", &h)
        .err()
        .expect("bad YAML");
    assert!(e.message.starts_with("ERROR: failed to create cluster: could not determine kind / apiVersion for config: yaml: line "), "{}", e.message);
}

#[test]
fn fifty_workers_build_and_advance() {
    // facts only: how long it takes is `cargo xtask bench`'s (the simulator's benchmark builds
    // the same fifty workers from a kind config and runs them for an hour)
    let mut s = Session::with_topology(SessionOptions::default(), &kind_for(50), &haproxy_for(50))
        .expect("50 workers");
    s.advance(3_600_000);
    assert_eq!(s.nodes().len(), 51);
    assert_eq!(s.haproxy_servers().len(), 50);
    assert_eq!(
        s.haproxy_servers()
            .iter()
            .filter(|v| v.state == ServerState::Up)
            .count(),
        1
    );
}

fn sim(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kindlab"))
        .arg("sim")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kindlab");
    // kindlab may exit (a refused config) before it reads its stdin: a broken pipe is fine
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    let o = child.wait_with_output().expect("wait");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("kindlab-topology-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p.to_string_lossy().into_owned()
}

#[test]
fn the_cli_builds_topologies_and_refuses_bad_files() {
    let k = temp_file("five.yaml", FIVE.as_bytes());
    let h = temp_file("five.cfg", haproxy_for(5).as_bytes());
    let (code, out, err) = sim(
        &["--kind-config", &k, "--haproxy-config", &h],
        b"kubectl get nodes -o name | wc -l\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "$ kubectl get nodes -o name | wc -l\n6\n");
    let bad = temp_file("bad.yaml", b"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- rol: worker\n");
    let (code, out, err) = sim(&["--kind-config", &bad], b"echo hi\n");
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(err, format!("kindlab sim: {bad}:5: ERROR: failed to create cluster: unable to decode config: yaml: unmarshal errors:\n  line 5: field rol not found in type v1alpha4.Node\n"));
    let badh = temp_file("bad.cfg", b"frontend f\n  bind *:80\n  default_backend b\nbackend b\n  server w $worker1:80 check fall banana\n");
    let (code, _, err) = sim(&["--haproxy-config", &badh], b"");
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("kindlab sim: {badh}:5: [ALERT]")),
        "{err}"
    );
    let (code, _, err) = sim(&["--kind-config", "/nonexistent/k.yaml"], b"");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("kindlab sim: cannot read /nonexistent/k.yaml: "),
        "{err}"
    );
    let (code, _, err) = sim(&["--haproxy-config"], b"");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("kindlab sim: option --haproxy-config needs a value"),
        "{err}"
    );
    let (code, out, _) = sim(&["--help"], b"");
    assert_eq!(code, 0);
    assert!(out.contains("--kind-config FILE") && out.contains("--haproxy-config FILE"));
}

#[test]
fn invalid_utf8_lines_are_reported_and_skipped() {
    let script: &[u8] = b"echo one\n\xff\xfe oops\necho three\r\n\xc3\n";
    let (code, out, err) = sim(&[], script);
    assert_eq!(code, 0, "{err}");
    let want =
        "$ echo one\none\nline 2: not valid UTF-8\n$ echo three\nthree\nline 4: not valid UTF-8\n";
    assert_eq!(out, want);
    // a SCRIPT file reads the same
    let f = temp_file("bad.script", script);
    let (code, out2, _) = sim(&[&f], b"");
    assert_eq!(code, 0);
    assert_eq!(out2, want);
    // inside a heredoc the line is left out of the body
    let (_, out, _) = sim(&[], b"cat <<EOF\na\n\xff\nb\nEOF\n");
    assert_eq!(
        out,
        "line 3: not valid UTF-8\n$ cat <<EOF\n> a\n> b\n> EOF\na\nb\n"
    );
}
