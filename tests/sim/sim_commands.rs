//! The command layer: output layouts and error messages of kubectl, docker, kind, curl and the
//! shell, through the Session API the UI uses.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::sim::{Session, SessionOptions};

fn session() -> Session {
    Session::new(SessionOptions::default())
}

/// Column starts of a header line (kubectl/docker tables: 3 spaces between columns).
fn columns(header: &str) -> Vec<(String, usize)> {
    let mut out = vec![];
    let mut start = None;
    let b = header.as_bytes();
    for i in 0..=b.len() {
        let gap = i == b.len() || (b[i] == b' ' && (i + 1 >= b.len() || b[i + 1] == b' '));
        match (start, gap) {
            (None, false) if b[i] != b' ' => start = Some(i),
            (Some(s), true) => {
                out.push((header[s..i].to_string(), s));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn kubectl_get_nodes_layout() {
    let mut s = session();
    let out = s.run("kubectl get nodes");
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    let cols = columns(header);
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]);
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 6);
    assert!(rows[0].starts_with("cluster01-control-plane "));
    assert!(rows[3].contains("<none>"));
    for r in &rows {
        // every cell starts where its header starts
        for (_, at) in &cols[1..] {
            assert_ne!(r.as_bytes()[*at], b' ', "{r}");
            assert_eq!(&r[at - 3..*at], "   ", "{r}");
        }
        assert!(r.ends_with("v1.31.12"));
    }
    let wide = s.run("kubectl get nodes -o wide");
    assert!(wide.lines().next().unwrap().ends_with(
        "INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME"
    ));
    assert!(wide.contains("172.18.0."));
}

#[test]
fn kubectl_get_pods_layouts() {
    let mut s = session();
    let out = s.run("kubectl get pods -n ingress-nginx");
    let header = out.lines().next().unwrap();
    let names: Vec<String> = columns(header).into_iter().map(|c| c.0).collect();
    assert_eq!(names, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    let row = out.lines().nth(1).unwrap();
    assert!(row.starts_with("nginx-ingress-controller-"));
    let name = row.split_whitespace().next().unwrap();
    // <deployment>-<hash>-<5 chars>, from kubernetes' alphabet
    let parts: Vec<&str> = name.rsplitn(3, '-').collect();
    assert_eq!(parts[0].len(), 5);
    assert!(parts[0]
        .chars()
        .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
    assert!(row.contains("1/1     Running   0"));
    assert!(row.ends_with("4m9s"), "{row}");

    let all = s.run("kubectl get pods -A");
    assert!(all.starts_with("NAMESPACE            NAME"));
    assert!(all.contains("kube-system          kube-proxy-"));
    assert!(all.contains("kube-system          kindnet-"));
    assert!(all.contains("etcd-cluster01-control-plane2"));
    assert_eq!(all.lines().filter(|l| l.contains("kube-proxy-")).count(), 6);
    let wide = s.run("kubectl get pods -n ingress-nginx -o wide");
    assert!(wide
        .lines()
        .next()
        .unwrap()
        .ends_with("IP           NODE                NOMINATED NODE   READINESS GATES"));
    assert!(wide.contains("cluster01-worker2   <none>           <none>"));
    assert_eq!(
        s.run("kubectl get pods"),
        "NAME                    READY   STATUS    RESTARTS   AGE\n".to_string()
            + &s.run("kubectl get pods")
                .lines()
                .skip(1)
                .map(|l| format!("{l}\n"))
                .collect::<String>()
    );
    assert_eq!(
        s.run("kubectl get pods -n nowhere"),
        "No resources found in nowhere namespace.\n"
    );
}

#[test]
fn kubectl_errors() {
    let mut s = session();
    assert_eq!(
        s.run("kubectl get pods --foo"),
        "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"
    );
    assert_eq!(
        s.run("kubectl delete pod x -n ingress-nginx"),
        "Error from server (NotFound): pods \"x\" not found\n"
    );
    assert_eq!(
        s.run("kubectl get nodes."),
        "error: the server doesn't have a resource type \"nodes.\"\n"
    );
    assert_eq!(
        s.run("kubectl describe node nope"),
        "Error from server (NotFound): nodes \"nope\" not found\n"
    );
    assert!(s
        .run("kubectl scale deployment nginx-ingress-controller -n ingress-nginx")
        .contains("required flag(s) \"replicas\" not set"));
    assert!(s.run("kubectl").contains("kubectl controls"));
}

#[test]
fn kubectl_delete_variants() {
    let mut s = session();
    let echo = s
        .pods()
        .into_iter()
        .find(|p| p.namespace == "default")
        .unwrap();
    // the echo pod has a 30 s grace period: with its kubelet away it stays Terminating
    s.run(&format!(
        "docker exec {} systemctl stop kubelet",
        echo.node.clone().unwrap()
    ));
    assert_eq!(
        s.run(&format!("kubectl delete pod {}", echo.name)),
        format!("pod \"{}\" deleted\n", echo.name)
    );
    let pods = s.run("kubectl get pods");
    assert!(
        pods.contains(&format!("{}   1/1     Terminating", echo.name)),
        "{pods}"
    );
    s.run("sleep 2m");
    assert!(s.run("kubectl get pods").contains("Terminating"));
    // force deletion removes the object at once
    let out = s.run(&format!(
        "kubectl delete pod {} --force --grace-period=0",
        echo.name
    ));
    assert!(out.starts_with("Warning: Immediate deletion does not wait for confirmation"));
    assert!(out.ends_with(&format!("pod \"{}\" force deleted\n", echo.name)));
    assert!(!s.run("kubectl get pods").contains(&echo.name));
    // the replacement runs (on a Ready worker)
    s.run("sleep 10s");
    assert!(s.run("kubectl get pods").contains("1/1     Running"));
}

#[test]
fn scale_and_cordon() {
    let mut s = session();
    assert_eq!(
        s.run("kubectl cordon cluster01-worker3"),
        "node/cluster01-worker3 cordoned\n"
    );
    assert_eq!(
        s.run("kubectl cordon cluster01-worker3"),
        "node/cluster01-worker3 already cordoned\n"
    );
    assert!(s
        .run("kubectl get nodes")
        .contains("Ready,SchedulingDisabled"));
    assert!(s
        .run("kubectl describe node cluster01-worker3")
        .contains("node.kubernetes.io/unschedulable:NoSchedule"));
    assert_eq!(
        s.run("kubectl scale deployment nginx-ingress-controller --replicas=3 -n ingress-nginx"),
        "deployment.apps/nginx-ingress-controller scaled\n"
    );
    s.run("sleep 20s");
    let pods = s.pods();
    let ingress: Vec<_> = pods
        .iter()
        .filter(|p| p.namespace == "ingress-nginx")
        .collect();
    assert_eq!(ingress.len(), 3);
    // hostPort 80/443 fit once per node; worker3 is cordoned: one pod stays Pending
    assert_eq!(ingress.iter().filter(|p| p.status == "Pending").count(), 1);
    assert!(!ingress
        .iter()
        .any(|p| p.node.as_deref() == Some("cluster01-worker3")));
    assert!(s
        .run("kubectl get deployments -n ingress-nginx")
        .contains("nginx-ingress-controller   2/3     3            2"));
    s.run("kubectl uncordon cluster01-worker3");
    s.run("sleep 20s");
    assert!(s
        .pods()
        .iter()
        .any(|p| p.node.as_deref() == Some("cluster01-worker3") && p.namespace == "ingress-nginx"));
    s.run("kubectl scale deployment nginx-ingress-controller --replicas=1 -n ingress-nginx");
    assert_eq!(
        s.pods()
            .iter()
            .filter(|p| p.namespace == "ingress-nginx")
            .count(),
        1
    );
}

#[test]
fn docker_commands() {
    let mut s = session();
    let ps = s.run("docker ps");
    let header = ps.lines().next().unwrap();
    let names: Vec<String> = columns(header).into_iter().map(|c| c.0).collect();
    assert_eq!(
        names,
        [
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "CREATED",
            "STATUS",
            "PORTS",
            "NAMES"
        ]
    );
    assert_eq!(
        ps.lines().count(),
        1 + 8,
        "6 nodes + kind's LB + HAProxy-workers-lb"
    );
    assert!(ps.contains("\"docker-entrypoint.s…\""));
    assert!(ps.contains("0.0.0.0:80->80/tcp, [::]:80->80/tcp, 0.0.0.0:443->443/tcp, [::]:443->443/tcp   HAProxy-workers-lb"));
    let lb = ps
        .lines()
        .find(|l| l.ends_with("cluster01-external-load-balancer"))
        .unwrap();
    assert!(
        lb.contains("127.0.0.1:") && lb.contains("->6443/tcp"),
        "{lb}"
    );
    let id = ps
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(id.len(), 12);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(s.run("docker stop cluster01-worker"), "cluster01-worker\n");
    assert!(s
        .run("docker ps -a")
        .contains("Exited (137) Less than a second ago"));
    assert_eq!(
        s.run("docker ps -z"),
        "unknown shorthand flag: 'z' in -z\nSee 'docker ps --help'.\n"
    );
    assert_eq!(
        s.run("docker logs nope"),
        "Error response from daemon: No such container: nope\n"
    );
    assert!(s
        .run("docker exec cluster01-worker systemctl status kubelet")
        .starts_with("Error response from daemon: container "));
    assert_eq!(s.run("docker start cluster01-worker"), "cluster01-worker\n");
    let st = s.run("docker exec cluster01-worker2 systemctl status kubelet");
    assert!(st.starts_with("● kubelet.service - kubelet: The Kubernetes Node Agent"));
    assert!(st.contains("Active: active (running) since"));
    s.run("docker exec cluster01-worker2 systemctl stop kubelet");
    let st = s.run("docker exec cluster01-worker2 systemctl status kubelet");
    assert!(st.starts_with("○ kubelet.service"));
    assert!(st.contains("Active: inactive (dead) since Thu 2026-01-01 00:00:00 UTC"));
    // docker logs -t: RFC 3339 nanoseconds of virtual time
    s.run("sleep 3s");
    let logs = s.run("docker logs -t HAProxy-workers-lb");
    let first = logs.lines().next().unwrap();
    assert!(
        first.starts_with("2026-01-01T00:00:00.000000000Z [NOTICE]"),
        "{first}"
    );
    let since = s.run("docker logs --since 1s HAProxy-workers-lb");
    assert!(since.lines().count() < logs.lines().count());
    // the chapter's en dash is read as --force
    assert_eq!(
        s.run("docker rm HAProxy-workers-lb –force"),
        "HAProxy-workers-lb\n"
    );
    assert_eq!(
        s.run("curl http://localhost/"),
        "curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server\n"
    );
}

#[test]
fn docker_run_reads_the_config_from_the_host() {
    let mut s = session();
    s.run("docker rm -f HAProxy-workers-lb");
    // the chapter's capitalised image name is rejected like docker does
    assert!(s
        .run("docker run --name HAProxy-workers-lb -d -p 80:80 -p 443:443 -v ~/HAProxy:/usr/local/etc/HAProxy:ro HAProxy -f /usr/local/etc/HAProxy/HAProxy.cfg")
        .starts_with("docker: invalid reference format: repository name (library/HAProxy) must be lowercase."));
    // a broken configuration: the container exits, its log has the alert with the line
    s.run("mkdir -p ~/broken");
    s.run("cat <<'EOF' > ~/broken/haproxy.cfg\nfrontend f\n  bind *:80\n  default_backend b\nbackend b\n  server w $worker1:80 check fall banana\nEOF");
    let id = s.run("docker run --name HAProxy-workers-lb -d -p 80:80 -v ~/broken:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg");
    assert_eq!(id.trim().len(), 64);
    assert!(s.run("docker ps -a").contains("Exited (1)"));
    let logs = s.run("docker logs HAProxy-workers-lb");
    assert!(logs.contains("[ALERT]"), "{logs}");
    // named as HAProxy names it: the path given with -f
    assert!(
        logs.contains("parsing [/usr/local/etc/haproxy/haproxy.cfg:5]"),
        "{logs}"
    );
    assert!(s
        .run("docker run --name HAProxy-workers-lb -d haproxy")
        .contains("is already in use by container"));
    s.run("docker rm HAProxy-workers-lb");
    // the chapter's configuration again, written with tee and a quoted heredoc
    let cfg = s.run("cat ~/haproxy/haproxy.cfg");
    s.run(&format!("tee ~/haproxy/haproxy.cfg <<'EOF'\n{cfg}EOF"));
    let id = s.run("docker run --name HAProxy-workers-lb -d -p 80:80 -p 443:443 -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg");
    assert_eq!(id.trim().len(), 64);
    s.run("sleep 6s");
    assert_eq!(s.haproxy_servers().len(), 6);
    assert!(s.run("curl http://localhost/").contains("404 Not Found"));
}

#[test]
fn curl_variants() {
    let mut s = session();
    s.run("sleep 6s");
    let head = s.run("curl -I http://localhost/");
    assert!(head.starts_with("HTTP/1.1 404 Not Found\n"));
    assert!(head.contains("Content-Length: 146\n"));
    let cert = s.run("curl https://localhost/");
    assert!(cert.starts_with("curl: (60) SSL certificate problem: self-signed certificate"));
    assert!(s
        .run("curl -k https://localhost/")
        .contains("<center><h1>404 Not Found</h1></center>"));
    let echo = s.run("curl -s http://localhost/echo");
    assert!(echo.contains("Hostname: echo-"));
    assert!(echo.contains("client_address=10.244."));
    assert!(s
        .run("curl --nope http://localhost/")
        .starts_with("curl: option --nope: is unknown"));
    // no NGINX anywhere: http mode answers 503, tcp mode closes the connection
    s.run("kubectl scale deployment nginx-ingress-controller --replicas=0 -n ingress-nginx");
    s.run("sleep 15s");
    let r = s.run("curl -i http://localhost/");
    assert!(r.starts_with("HTTP/1.1 503 Service Unavailable\n"), "{r}");
    assert!(r.contains("No server is available to handle this request."));
    assert!(s
        .run("curl -k https://localhost/")
        .starts_with("curl: (35)"));
    assert_eq!(s.run("curl -s -k https://localhost/"), "");
}

#[test]
fn shell_files_heredocs_and_errors() {
    let mut s = session();
    assert_eq!(s.run("ls ~"), "cluster01.yaml  haproxy\n");
    assert_eq!(s.run("ls ~/haproxy"), "haproxy.cfg\n");
    assert!(s
        .run("cat ~/haproxy/haproxy.cfg")
        .contains("server worker2 $worker2:443 check port 80"));
    assert!(s
        .run("cat ~/cluster01.yaml")
        .contains("ingress-ready: \"true\""));
    assert_eq!(
        s.run("frobnicate --now"),
        "bash: frobnicate: command not found\n"
    );
    assert_eq!(
        s.run("mkdir ~/a/b"),
        "mkdir: cannot create directory '/root/a/b': No such file or directory\n"
    );
    s.run("mkdir -p ~/a/b");
    // heredoc through the line-feeding API (as the CLI and a terminal use it)
    assert!(s.feed_line("cat <<EOF > ~/a/b/f").is_none());
    assert!(s.needs_more_input());
    assert!(s.feed_line("  indented $worker1").is_none());
    assert!(s.feed_line("").is_none());
    let (echo, out) = s.feed_line("EOF").unwrap();
    assert_eq!(
        echo,
        "$ cat <<EOF > ~/a/b/f\n>   indented $worker1\n> \n> EOF\n"
    );
    assert_eq!(out, "");
    assert_eq!(s.run("cat ~/a/b/f"), "  indented $worker1\n\n");
    // tee prints what it writes
    assert_eq!(s.run("tee ~/a/t <<'EOF'\nx\nEOF"), "x\n");
    assert_eq!(s.run("cat ~/a/t | grep x"), "x\n");
    assert_eq!(
        s.run("sleep banana"),
        "sleep: invalid time interval ‘banana’\nTry 'sleep --help' for more information.\n"
    );
    let t = s.now();
    s.run("sleep 2m");
    assert_eq!(s.now() - t, 120_000);
    assert_eq!(
        s.run("echo $(kubectl get nodes -o name | head -n 1)"),
        "node/cluster01-control-plane\n"
    );
}

#[test]
fn kind_commands() {
    let mut s = session();
    assert_eq!(s.run("kind get clusters"), "cluster01\n");
    let out = s.run("kind delete cluster --name cluster01");
    assert!(out.starts_with(
        "Deleting cluster \"cluster01\" ...\nDeleted nodes: [\"cluster01-control-plane\""
    ));
    // kind does not remove the chapter's HAProxy
    assert!(s.run("docker ps").contains("HAProxy-workers-lb"));
    assert_eq!(
        s.run("kubectl get nodes"),
        "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n"
    );
    let out = s.run("kind create cluster --name cluster01 --config ~/cluster01.yaml");
    assert!(out.starts_with(
        "Creating cluster \"cluster01\" ...\n ✓ Ensuring node image (kindest/node:v1.31.12) 🖼\n"
    ));
    assert!(out.contains(" ✓ Configuring the external load balancer ⚖️"));
    assert!(out.contains(" ✓ Joining worker nodes 🚜"));
    assert_eq!(
        s.run("kubectl get nodes")
            .lines()
            .filter(|l| l.contains(" Ready "))
            .count(),
        6
    );
    assert!(s
        .run("kind create cluster --name cluster01 --config ~/cluster01.yaml")
        .starts_with("ERROR: failed to create cluster: node(s) already exist for a cluster with the name \"cluster01\""));
    s.run("cat <<EOF > ~/bad.yaml\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: boss\nEOF");
    let e = s.run("kind create cluster --name x --config ~/bad.yaml");
    assert_eq!(
        e,
        "ERROR: failed to create cluster: invalid configuration for node 1: \"boss\" is not a valid node role\n"
    );
    // an unknown field: go-yaml v3's strict decoding, with the line
    s.run("cat <<EOF > ~/bad.yaml\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- rol: worker\nEOF");
    let e = s.run("kind create cluster --name x --config ~/bad.yaml");
    assert_eq!(
        e,
        "ERROR: failed to create cluster: unable to decode config: yaml: unmarshal errors:\n  line 5: field rol not found in type v1alpha4.Node\n"
    );
    assert_eq!(
        s.run("kind frob"),
        "ERROR: unknown command \"frob\" for \"kind\"\n"
    );
}

#[test]
fn node_restart_restarts_its_pods() {
    let mut s = session();
    s.run("docker stop cluster01-worker2");
    s.run("sleep 5s");
    // NGINX is gone with the node container: HAProxy's checks time out
    s.run("sleep 15s");
    assert!(s
        .run("docker logs --since 20s HAProxy-workers-lb")
        .contains("worker2 is DOWN, reason: Layer4 timeout"));
    s.run("docker start cluster01-worker2");
    s.run("sleep 30s");
    let pods = s.run("kubectl get pods -n ingress-nginx");
    assert!(pods.contains("1/1     Running   1 ("), "{pods}");
    assert!(s
        .run("docker logs --since 30s HAProxy-workers-lb")
        .contains("worker2 is UP"));
}

#[test]
fn events_tell_the_story() {
    let mut s = session();
    s.run("docker exec cluster01-worker2 systemctl stop kubelet");
    s.run("sleep 60s");
    let ev = s.run("kubectl get events");
    assert!(ev.starts_with("LAST SEEN   TYPE     REASON"), "{ev}");
    assert!(ev.contains("NodeNotReady   node/cluster01-worker2   Node cluster01-worker2 status is now: NodeNotReady"), "{ev}");
    // nowhere to go: both other workers cordoned
    s.run("kubectl cordon cluster01-worker cluster01-worker3");
    s.run("kubectl delete $(kubectl get pods -n ingress-nginx -o name) -n ingress-nginx");
    let ev = s.run("kubectl get events -n ingress-nginx");
    assert!(ev.contains("FailedScheduling"), "{ev}");
    // kube-scheduler sorts the "count reason" strings; the preemption verdict ends in ".."
    assert!(ev.contains("0/6 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) were unschedulable, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.."), "{ev}");
    s.run("kubectl uncordon cluster01-worker3");
    s.run("sleep 5s");
    let ev = s.run("kubectl get events -n ingress-nginx");
    assert!(ev.contains("to cluster01-worker3"), "{ev}");
    assert!(
        ev.contains("Started container nginx-ingress-controller"),
        "{ev}"
    );
    s.run("docker exec cluster01-worker2 systemctl start kubelet");
    s.run("sleep 5s");
    assert!(s
        .run("kubectl get events")
        .contains("Node cluster01-worker2 status is now: NodeReady"));
    // events expire after an hour
    s.run("sleep 2h");
    assert_eq!(
        s.run("kubectl get events"),
        "No resources found in default namespace.\n"
    );
}

#[test]
fn docker_ps_filters() {
    let mut s = session();
    let out = s.run("docker ps --filter name=worker2");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[1].ends_with("cluster01-worker2"));
    // anchors: only cluster01-worker, not worker2/worker3
    let ids = s.run("docker ps -q -f name=^cluster01-worker$");
    assert_eq!(ids.lines().count(), 1, "{ids}");
    // a status filter sees stopped containers without -a
    s.run("docker stop cluster01-worker3");
    let exited = s.run("docker ps -f status=exited");
    assert!(
        exited.contains("cluster01-worker3") && exited.contains("Exited"),
        "{exited}"
    );
    assert_eq!(exited.lines().count(), 2);
    assert!(!s.run("docker ps").contains("cluster01-worker3"));
    assert_eq!(
        s.run("docker ps --filter foo=bar"),
        "Error response from daemon: invalid filter 'foo'\n"
    );
    assert!(s
        .run("docker ps --filter nameworker")
        .starts_with("invalid argument \"nameworker\" for \"-f, --filter\" flag"));
}
