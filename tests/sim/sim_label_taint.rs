//! `kubectl label`, `kubectl taint` and `kubectl drain`: kubectl's output and errors, and
//! what they change for the scheduler (a Pending pod placed after a label or an untaint, a
//! drained node's pods evicted and placed elsewhere).

use kindlab::sim::{Session, SessionOptions};

fn session() -> Session {
    Session::new(SessionOptions::default())
}

/// What a command prints and whether it succeeded.
fn run(s: &mut Session, line: &str) -> (String, bool) {
    s.run_status(line)
}

fn pods_of(s: &Session, prefix: &str) -> Vec<kindlab::sim::PodView> {
    s.pods()
        .into_iter()
        .filter(|p| p.name.starts_with(prefix))
        .collect()
}

const NGINX: &str = "nginx-ingress-controller-";
const CP_TAINT: &str = "node-role.kubernetes.io/control-plane:NoSchedule";

#[test]
fn label_prints_what_kubectl_prints() {
    let mut s = session();
    let w = "cluster01-worker";
    for (line, want, ok) in [
        (format!("kubectl label nodes {w} disk=ssd"), format!("node/{w} labeled\n"), true),
        (
            format!("kubectl label node {w} disk=hdd"),
            "error: 'disk' already has a value (ssd), and --overwrite is false\n".into(),
            false,
        ),
        (format!("kubectl label no {w} disk=hdd --overwrite"), format!("node/{w} labeled\n"), true),
        (format!("kubectl label nodes {w} disk=hdd --overwrite"), format!("node/{w} not labeled\n"), true),
        (format!("kubectl label nodes {w} disk-"), format!("node/{w} unlabeled\n"), true),
        (
            format!("kubectl label nodes {w} disk-"),
            format!("label \"disk\" not found.\nnode/{w} not labeled\n"),
            true,
        ),
        (format!("kubectl label nodes node/{w} a=1 b=2"), format!("node/{w} labeled\n"), true),
        (
            "kubectl label nodes ingress-ready=true".into(),
            "error: resource(s) were provided, but no name was specified\n".into(),
            false,
        ),
        (
            format!("kubectl label nodes {w}"),
            "error: at least one label update is required\n".into(),
            false,
        ),
        (
            "kubectl label disk=ssd".into(),
            "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n".into(),
            false,
        ),
        (
            "kubectl label nodes nope a=b".into(),
            "Error from server (NotFound): nodes \"nope\" not found\n".into(),
            false,
        ),
        (
            format!("kubectl label nodes {w} a=1 a-"),
            "error: can not both modify and remove a label in the same command\n".into(),
            false,
        ),
        (
            format!("kubectl label nodes {w} x=1 {w}"),
            format!("error: all resources must be specified before label changes: {w}\n"),
            false,
        ),
    ] {
        let (out, success) = run(&mut s, &line);
        assert_eq!((out.as_str(), success), (want.as_str(), ok), "{line}");
    }
    let shown = s.run(&format!("kubectl get node {w} --show-labels"));
    assert!(shown.contains("a=1,b=2"), "{shown}");
    assert!(!shown.contains("disk="), "{shown}");
    // pods, in their namespace
    let pod = pods_of(&s, NGINX).remove(0).name;
    let (out, ok) = run(
        &mut s,
        &format!("kubectl label pods {pod} -n ingress-nginx tier=edge"),
    );
    assert_eq!((out, ok), (format!("pod/{pod} labeled\n"), true));
    let (out, ok) = run(&mut s, &format!("kubectl label pod {pod} tier=edge"));
    assert_eq!(
        (out, ok),
        (
            format!("Error from server (NotFound): pods \"{pod}\" not found\n"),
            false
        )
    );
}

#[test]
fn a_pending_ingress_pod_schedules_once_a_worker_is_labelled() {
    let mut s = session();
    for w in ["cluster01-worker", "cluster01-worker2", "cluster01-worker3"] {
        assert!(run(&mut s, &format!("kubectl label nodes {w} ingress-ready-")).1);
    }
    let old = pods_of(&s, NGINX).remove(0).name;
    s.run(&format!("kubectl delete pod {old} -n ingress-nginx"));
    s.advance(5_000);
    let pending = pods_of(&s, NGINX);
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(
        (pending[0].status.as_str(), pending[0].node.as_deref()),
        ("Pending", None)
    );
    let events = s.run("kubectl get events -n ingress-nginx");
    assert!(
        events.contains("6 node(s) didn't match Pod's node affinity/selector"),
        "the ingress controller tolerates the control plane's taint: {events}"
    );
    // the fix: label one worker; the scheduler places the pod there at once
    assert!(
        run(
            &mut s,
            "kubectl label nodes cluster01-worker3 ingress-ready=true"
        )
        .1
    );
    let placed = pods_of(&s, NGINX).remove(0);
    assert_eq!(placed.node.as_deref(), Some("cluster01-worker3"));
    s.advance(15_000);
    assert_eq!(pods_of(&s, NGINX).remove(0).status, "Running");
}

#[test]
fn a_pending_pod_schedules_once_the_control_plane_taint_is_removed() {
    let mut s = session();
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: on-cp\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: cluster01-control-plane\n  containers:\n  - name: app\n    image: busybox\n";
    s.run(&format!("kubectl apply -f - <<EOF\n{manifest}EOF"));
    s.advance(2_000);
    let p = pods_of(&s, "on-cp").remove(0);
    assert_eq!((p.status.as_str(), p.node.as_deref()), ("Pending", None));
    let events = s.run("kubectl get events");
    assert!(
        events.contains("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"),
        "{events}"
    );
    let cp = "cluster01-control-plane";
    assert_eq!(
        run(&mut s, &format!("kubectl taint nodes {cp} {CP_TAINT}-")),
        (format!("node/{cp} untainted\n"), true)
    );
    assert_eq!(pods_of(&s, "on-cp").remove(0).node.as_deref(), Some(cp));
    let taints = s.run(&format!("kubectl describe node {cp}"));
    assert!(taints.contains("Taints:             <none>"), "{taints}");
}

#[test]
fn taint_prints_what_kubectl_prints() {
    let mut s = session();
    let w = "cluster01-worker";
    for (line, want, ok) in [
        (format!("kubectl taint nodes {w} dedicated=lb:NoSchedule"), format!("node/{w} tainted\n"), true),
        (
            format!("kubectl taint nodes {w} dedicated=x:NoSchedule"),
            format!("error: node {w} already has dedicated taint(s) with same effect(s) and --overwrite is false\n"),
            false,
        ),
        (format!("kubectl taint nodes {w} dedicated=x:NoSchedule --overwrite"), format!("node/{w} modified\n"), true),
        (format!("kubectl taint node {w} soft:PreferNoSchedule"), format!("node/{w} tainted\n"), true),
        (format!("kubectl taint nodes {w} dedicated-"), format!("node/{w} untainted\n"), true),
        (
            format!("kubectl taint nodes {w} dedicated:NoSchedule-"),
            "error: taint \"dedicated:NoSchedule\" not found\n".into(),
            false,
        ),
        (
            format!("kubectl taint nodes {w} a=b:Sometimes"),
            "error: invalid taint effect: Sometimes, unsupported taint effect\n".into(),
            false,
        ),
        (
            format!("kubectl taint nodes {w}"),
            "error: at least one taint update is required\n".into(),
            false,
        ),
        (
            format!("kubectl taint nodes {CP_TAINT}-"),
            "error: at least one resource name must be specified since 'all' parameter is not set\n".into(),
            false,
        ),
        (
            format!("kubectl taint pods x {CP_TAINT}-"),
            "error: invalid resource type pods, only [\"node\" \"nodes\"] are supported\n".into(),
            false,
        ),
        (
            "kubectl taint nodes nope a=b:NoSchedule".into(),
            "Error from server (NotFound): nodes \"nope\" not found\n".into(),
            false,
        ),
    ] {
        let (out, success) = run(&mut s, &line);
        assert_eq!((out.as_str(), success), (want.as_str(), ok), "{line}");
    }
    let d = s.run(&format!("kubectl describe node {w}"));
    assert!(
        d.contains("Taints:             soft:PreferNoSchedule\n"),
        "{d}"
    );
}

#[test]
fn a_noexecute_taint_evicts_what_does_not_tolerate_it_and_a_toleration_lets_a_pod_in() {
    let mut s = session();
    let w2 = "cluster01-worker2";
    let before = pods_of(&s, NGINX).remove(0);
    assert_eq!(before.node.as_deref(), Some(w2));
    assert!(
        run(
            &mut s,
            &format!("kubectl taint nodes {w2} maintenance=now:NoExecute")
        )
        .1
    );
    let events = s.run("kubectl get events -n ingress-nginx");
    assert!(events.contains("TaintManagerEviction"), "{events}");
    s.advance(5_000);
    let after = pods_of(&s, NGINX);
    assert!(after.iter().all(|p| p.name != before.name), "{after:?}");
    assert!(
        after.iter().all(|p| p.node.as_deref() != Some(w2)),
        "{after:?}"
    );
    // a pod that tolerates the taint (Equal, with its value) may go there
    let manifest = format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: tolerant\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: {w2}\n  tolerations:\n  - key: maintenance\n    operator: Equal\n    value: now\n    effect: NoExecute\n  containers:\n  - name: app\n    image: busybox\n");
    s.run(&format!("kubectl apply -f - <<EOF\n{manifest}EOF"));
    assert_eq!(pods_of(&s, "tolerant").remove(0).node.as_deref(), Some(w2));
    // a wrong value does not tolerate it
    let wrong = manifest
        .replace("tolerant", "intolerant")
        .replace("value: now", "value: later");
    s.run(&format!("kubectl apply -f - <<EOF\n{wrong}EOF"));
    assert_eq!(pods_of(&s, "intolerant").remove(0).node, None);
}

#[test]
fn drain_refuses_daemonset_pods_then_evicts_and_the_pod_lands_elsewhere() {
    let mut s = session();
    let w2 = "cluster01-worker2";
    let nginx = pods_of(&s, NGINX).remove(0).name;
    let daemons: Vec<String> = s
        .pods()
        .into_iter()
        .filter(|p| p.node.as_deref() == Some(w2) && p.namespace == "kube-system")
        .map(|p| format!("kube-system/{}", p.name))
        .collect();
    assert_eq!(daemons.len(), 2, "kindnet and kube-proxy: {daemons:?}");
    let list = daemons.join(", ");
    let (out, ok) = run(&mut s, &format!("kubectl drain {w2}"));
    assert!(!ok);
    assert_eq!(
        out,
        format!("node/{w2} cordoned\nerror: unable to drain node \"{w2}\" due to error:cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {list}, continuing command...\nThere are pending nodes to be drained:\n {w2}\ncannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {list}\n")
    );
    assert_eq!(
        pods_of(&s, NGINX).remove(0).name,
        nginx,
        "nothing was evicted"
    );
    assert!(s
        .run("kubectl get nodes")
        .contains("Ready,SchedulingDisabled"));
    let (out, ok) = run(
        &mut s,
        &format!("kubectl drain {w2} --ignore-daemonsets --delete-emptydir-data"),
    );
    assert!(ok, "{out}");
    assert_eq!(
        out,
        format!("node/{w2} already cordoned\nWarning: ignoring DaemonSet-managed Pods: {list}\nevicting pod ingress-nginx/{nginx}\npod/{nginx} evicted\nnode/{w2} drained\n")
    );
    s.advance(20_000);
    let now = pods_of(&s, NGINX);
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now[0].name, nginx);
    assert_ne!(now[0].node.as_deref(), Some(w2));
    assert!(now[0].node.is_some(), "{now:?}");
    assert_eq!(now[0].status, "Running");
    // the DaemonSet pods stay
    assert_eq!(
        s.pods()
            .iter()
            .filter(|p| p.node.as_deref() == Some(w2))
            .count(),
        2
    );
}

#[test]
fn drain_needs_force_for_a_pod_without_a_controller() {
    let mut s = session();
    let w = "cluster01-worker";
    let manifest = format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: lonely\nspec:\n  nodeName: {w}\n  containers:\n  - name: app\n    image: busybox\n");
    s.run(&format!("kubectl apply -f - <<EOF\n{manifest}EOF"));
    assert_eq!(pods_of(&s, "lonely").remove(0).node.as_deref(), Some(w));
    let (out, ok) = run(&mut s, &format!("kubectl drain {w} --ignore-daemonsets"));
    assert!(!ok);
    assert!(
        out.contains(&format!("error: unable to drain node \"{w}\" due to error:cannot delete Pods declare no controller (use --force to override): default/lonely, continuing command...")),
        "{out}"
    );
    let (out, ok) = run(
        &mut s,
        &format!("kubectl drain {w} --ignore-daemonsets --force"),
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("Warning: deleting Pods that declare no controller: default/lonely\n"),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("pod/lonely evicted\nnode/{w} drained\n")),
        "{out}"
    );
    s.advance(40_000);
    assert!(
        pods_of(&s, "lonely").is_empty(),
        "a bare pod is gone for good"
    );
    let (out, ok) = run(&mut s, "kubectl drain");
    assert!(!ok);
    assert!(out.starts_with("error: USAGE: drain NODE"), "{out}");
}

#[test]
fn completion_knows_the_new_verbs() {
    let s = session();
    for (line, want) in [
        ("kubectl la", vec!["label"]),
        ("kubectl ta", vec!["taint"]),
        ("kubectl dr", vec!["drain"]),
        ("kubectl drain cluster01-worker3", vec!["cluster01-worker3"]),
        (
            "kubectl taint nodes cluster01-control-plane node-role",
            vec!["node-role.kubernetes.io/control-plane:NoSchedule-"],
        ),
        (
            "kubectl label nodes cluster01-worker ingr",
            vec!["ingress-ready=true"],
        ),
        (
            "kubectl drain cluster01-worker --ignore",
            vec!["--ignore-daemonsets"],
        ),
        ("docker netw", vec!["network"]),
        ("docker network c", vec!["connect"]),
        ("docker network connect ki", vec!["kind"]),
        (
            "docker network connect kind HAProxy",
            vec!["HAProxy-workers-lb"],
        ),
    ] {
        assert_eq!(s.complete(line).candidates, want, "{line}");
    }
}
