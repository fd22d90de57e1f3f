//! Break-fix challenges through the lab layer (issue 19): each challenge's broken world is not
//! solved as set up, stays unsolved after a non-fix, and is solved by two different real fixes,
//! each recognised as what it was. Also: hints one at a time, the progress saved with the lab
//! and in the learner's record, and a reset that breaks the world again.

use kindlab::content::Lang;
use kindlab::lab::challenge::{self, CHALLENGES};
use kindlab::lab::{Command, Lab};
use kindlab::sim::verbs::Verb;
use kindlab::sim::world::CHAPTER_HAPROXY_CFG;
use kindlab::sim::DEFAULT_SEED;

fn lab(id: &str) -> Lab {
    Lab::for_challenge(id, DEFAULT_SEED).unwrap_or_else(|| panic!("no challenge {id}"))
}

/// Runs `lines` one by one (as typed blocks), then lets the clock run `wait` ms.
fn act(lab: &mut Lab, lines: &[&str], wait: i64) {
    for l in lines {
        let out = lab.apply(Command::Run(l.to_string()));
        assert!(
            out.entries.iter().all(|e| e.ok),
            "`{l}` failed: {:?}",
            out.entries
        );
    }
    lab.apply(Command::Tick(wait));
}

/// The fix the lab's challenge was solved by (`None`: not solved), with why it is not if not.
fn fix(lab: &Lab) -> Option<String> {
    lab.doc
        .challenge
        .as_ref()
        .and_then(|c| c.solved.as_ref())
        .map(|s| s.fix.clone())
}

fn why_not(lab: &Lab) -> String {
    let p = lab.doc.challenge.as_ref().unwrap();
    challenge::view(p, &lab.session, Lang::En).unwrap().why
}

fn assert_unsolved(lab: &Lab, what: &str) {
    assert_eq!(fix(lab), None, "{what} solved it");
    assert!(!why_not(lab).is_empty(), "{what}: no reason given");
}

#[test]
fn every_challenge_starts_broken_with_its_texts() {
    for id in CHALLENGES {
        let mut l = lab(id);
        l.apply(Command::Tick(1));
        assert_unsolved(&l, &format!("setting {id} up"));
        let v = challenge::view(l.doc.challenge.as_ref().unwrap(), &l.session, Lang::Zh).unwrap();
        assert!(
            !v.title.is_empty() && !v.goal.is_empty() && !v.era.is_empty(),
            "{id}"
        );
        assert!(v.hints_total >= 2, "{id} has {} hints", v.hints_total);
    }
}

/// The chapter's haproxy.cfg with the https backend's checks made TCP connects to 443.
fn tcp_checks_cfg() -> String {
    CHAPTER_HAPROXY_CFG
        .replace(
            "backend ingress_https\n  option httpchk GET /healthz\n",
            "backend ingress_https\n",
        )
        .replace(":443 check port 80", ":443 check")
}

#[test]
fn check_port_443_by_the_config_editor_or_a_new_container_without_httpchk() {
    // a non-fix: restarting HAProxy on the same file
    let mut l = lab("check-port-443");
    act(&mut l, &["docker restart HAProxy-workers-lb"], 20_000);
    assert_unsolved(&l, "a restart");
    // the config editor: the chapter's file, HAProxy restarted
    let out = l.apply(Command::Verb(Verb::ApplyHaproxyConfig(
        CHAPTER_HAPROXY_CFG.into(),
    )));
    assert!(out.solved.is_none(), "solved before any check ran");
    act(&mut l, &[], 20_000);
    assert_eq!(fix(&l).as_deref(), Some("check-port-80"));
    // another way: a new container whose https backend checks with plain TCP connects
    let mut l = lab("check-port-443");
    let write = format!(
        "cat > ~/haproxy/haproxy.cfg <<'EOF'\n{}EOF",
        tcp_checks_cfg()
    );
    act(
        &mut l,
        &[
            "docker rm -f HAProxy-workers-lb",
            &write,
            "docker run --name HAProxy-workers-lb -d -p 80:80 -p 443:443 -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg",
        ],
        20_000,
    );
    assert_eq!(fix(&l).as_deref(), Some("tcp-check"));
    let v = challenge::view(l.doc.challenge.as_ref().unwrap(), &l.session, Lang::En).unwrap();
    assert!(v.fix.contains("ingress_https"), "{}", v.fix);
    assert!(!v.cause.is_empty());
}

#[test]
fn wrong_backend_port_is_not_fixed_by_moving_the_checks() {
    let cfg = |port: &str| {
        CHAPTER_HAPROXY_CFG.replace(":80 check port 80", &format!("{port} check port 80"))
    };
    // a non-fix: the checks follow the wrong port (every server DOWN now)
    let mut l = lab("wrong-backend-port");
    l.apply(Command::Verb(Verb::ApplyHaproxyConfig(
        CHAPTER_HAPROXY_CFG.replace(":80 check port 80", ":8080 check port 8080"),
    )));
    act(&mut l, &[], 20_000);
    assert_unsolved(&l, "checking port 8080");
    // the servers on port 80
    l.apply(Command::Verb(Verb::ApplyHaproxyConfig(cfg(":80"))));
    act(&mut l, &[], 20_000);
    assert_eq!(fix(&l).as_deref(), Some("port-80"));
    // the servers without a port: the client's port is used
    let mut l = lab("wrong-backend-port");
    l.apply(Command::Verb(Verb::ApplyHaproxyConfig(cfg(""))));
    act(&mut l, &[], 20_000);
    assert_eq!(fix(&l).as_deref(), Some("no-port"));
}

#[test]
fn node_stopped_by_starting_the_node_or_moving_the_pod() {
    // a non-fix: the kubelet of a stopped node cannot be started
    let mut l = lab("node-stopped");
    l.apply(Command::Run(
        "docker exec cluster01-worker2 systemctl start kubelet".into(),
    ));
    act(&mut l, &[], 30_000);
    assert_unsolved(&l, "starting a kubelet in a stopped container");
    // the node action: start the node again
    l.apply(Command::Verb(Verb::StartNode("cluster01-worker2".into())));
    act(&mut l, &[], 60_000);
    assert_eq!(fix(&l).as_deref(), Some("node-started"));
    // deleting the stuck pod: its Deployment starts one on a Ready worker
    let mut l = lab("node-stopped");
    let pod = l
        .session
        .pods()
        .into_iter()
        .find(|p| p.namespace == "ingress-nginx")
        .unwrap();
    l.apply(Command::Verb(Verb::DeletePod {
        namespace: pod.namespace,
        pod: pod.name,
    }));
    act(&mut l, &[], 90_000);
    assert_eq!(fix(&l).as_deref(), Some("pod-moved"));
    let v = challenge::view(l.doc.challenge.as_ref().unwrap(), &l.session, Lang::En).unwrap();
    assert!(v.fix.contains("cluster01-worker"), "{}", v.fix);
}

const FAST_CLASS: &str = "kubectl apply -f - <<EOF\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\nreclaimPolicy: Delete\nEOF";

const CLAIM_STANDARD: &str = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: standard\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\nEOF";

const WRITER: &str = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: writer\nspec:\n  containers:\n  - name: writer\n    image: busybox\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\nEOF";

#[test]
fn pvc_pending_by_creating_the_class_or_recreating_the_claim() {
    // a non-fix: deleting the waiting pod leaves nothing to run
    let mut l = lab("pvc-pending");
    act(&mut l, &["kubectl delete pod writer"], 30_000);
    assert_unsolved(&l, "deleting the pod");
    // create the class the claim names
    let mut l = lab("pvc-pending");
    act(&mut l, &[FAST_CLASS], 30_000);
    assert_eq!(fix(&l).as_deref(), Some("created-class"));
    let v = challenge::view(l.doc.challenge.as_ref().unwrap(), &l.session, Lang::En).unwrap();
    assert!(v.fix.contains("rancher.io/local-path"), "{}", v.fix);
    // re-create the claim (and the pod that keeps it in use) on the class that exists
    let mut l = lab("pvc-pending");
    act(
        &mut l,
        &[
            "kubectl delete pod writer",
            "kubectl delete pvc data",
            CLAIM_STANDARD,
            WRITER,
        ],
        30_000,
    );
    assert_eq!(fix(&l).as_deref(), Some("claim-standard"));
}

#[test]
fn hints_come_one_at_a_time_and_the_progress_is_saved_and_recorded() {
    let mut l = lab("pvc-pending");
    let total = challenge::find("pvc-pending").unwrap().hint_count();
    for n in 1..=total + 1 {
        l.apply(Command::ChallengeHint);
        let shown = l.doc.challenge.as_ref().unwrap().hints as usize;
        assert_eq!(shown, n.min(total));
    }
    act(&mut l, &[FAST_CLASS], 30_000);
    // the saved lab comes back solved, on the challenge's world
    let again = Lab::replay(l.doc.clone());
    assert_eq!(fix(&again).as_deref(), Some("created-class"));
    assert_eq!(again.session.now(), l.session.now());
    // the record keeps the first solve and the most hints
    let mut record = kindlab::quiz::progress::Progress::default();
    let p = l.doc.challenge.as_ref().unwrap();
    assert!(record.record_challenge("pvc-pending", p.hints, Some("created-class"), 5));
    assert!(!record.record_challenge("pvc-pending", 1, Some("claim-standard"), 9));
    let r = &record.challenges["pvc-pending"];
    assert!(r.solved);
    assert_eq!(
        (r.hints as usize, r.fix.as_deref()),
        (total, Some("created-class"))
    );
    // exported and imported with the record
    let json = serde_json::to_string(&record).unwrap();
    let back: kindlab::quiz::progress::Progress = serde_json::from_str(&json).unwrap();
    assert_eq!(back.challenges, record.challenges);
    // a reset breaks the world again; the hints shown stay
    l.apply(Command::Reset);
    let c = l.doc.challenge.as_ref().unwrap();
    assert_eq!((c.hints as usize, c.solved.is_none()), (total, true));
    assert_unsolved(&l, "a reset");
}

#[test]
fn a_challenge_lab_refuses_a_rebuild_and_the_default_lab_is_unchanged() {
    let mut l = lab("check-port-443");
    let out = l.apply(Command::Rebuild(kindlab::lab::Topo::chapter()));
    assert!(out.error.is_some());
    assert!(l.doc.challenge.is_some());
    // the learner's own lab is no challenge's
    let own = Lab::new(DEFAULT_SEED);
    assert!(own.doc.challenge.is_none());
}

#[test]
fn haproxy_off_network_by_connecting_the_container_or_running_it_on_kind() {
    // a non-fix: restarting HAProxy where it is
    let mut l = lab("haproxy-off-network");
    act(&mut l, &["docker restart HAProxy-workers-lb"], 20_000);
    assert_unsolved(&l, "a restart on the default bridge");
    // connect the running container to the nodes' network
    act(
        &mut l,
        &["docker network connect kind HAProxy-workers-lb"],
        20_000,
    );
    assert_eq!(fix(&l).as_deref(), Some("connected"));
    // or run it again, on the kind network
    let mut l = lab("haproxy-off-network");
    act(
        &mut l,
        &[
            "docker rm -f HAProxy-workers-lb",
            "docker run --name HAProxy-workers-lb --network kind -d -p 80:80 -p 443:443 -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg",
        ],
        20_000,
    );
    assert_eq!(fix(&l).as_deref(), Some("recreated"));
}

#[test]
fn ingress_no_node_by_labelling_a_worker_or_the_control_plane() {
    // a non-fix: no node was rejected for a taint, so removing one changes nothing
    let mut l = lab("ingress-no-node");
    act(
        &mut l,
        &["kubectl taint nodes cluster01-control-plane node-role.kubernetes.io/control-plane:NoSchedule-"],
        20_000,
    );
    assert_unsolved(&l, "removing the control-plane taint");
    // the node action: label a worker
    l.apply(Command::Verb(Verb::LabelIngressReady {
        node: "cluster01-worker3".into(),
        overwrite: false,
    }));
    act(&mut l, &[], 20_000);
    assert_eq!(fix(&l).as_deref(), Some("labelled-worker"));
    let v = challenge::view(l.doc.challenge.as_ref().unwrap(), &l.session, Lang::En).unwrap();
    assert!(v.fix.contains("cluster01-worker3"), "{}", v.fix);
    // typed: label a control-plane node (the pod tolerates its taint)
    let mut l = lab("ingress-no-node");
    act(
        &mut l,
        &["kubectl label nodes cluster01-control-plane2 ingress-ready=true"],
        20_000,
    );
    assert_eq!(fix(&l).as_deref(), Some("labelled-control-plane"));
}
