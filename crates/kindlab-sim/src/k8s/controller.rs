//! The controllers: ReplicaSets keep their replica counts, DaemonSets one pod per node; pod
//! objects and UIDs.

use super::*;
use std::collections::BTreeSet;

/// What a new pod object is made of (see [`Cluster::new_pod`]).
pub(super) struct NewPod<'a> {
    pub(super) ns: &'a str,
    pub(super) name: &'a str,
    pub(super) owner: Owner,
    pub(super) spec: PodSpec,
    /// The node it is bound to at once (DaemonSet and static pods), if any.
    pub(super) node: Option<&'a str>,
    /// When its container starts (a live kubelet on `node`).
    pub(super) start_at: Option<Millis>,
}

impl Cluster {
    /// ReplicaSet controller + scheduler.
    pub fn reconcile(&mut self, now: Millis, rng: &mut K8sRng) {
        self.sync_replica_sets(now, rng);
        self.sync_daemon_sets(now, rng);
        self.schedule(now, rng, false);
        // the storage controllers react; what they bound may let pods with claims schedule now
        for _ in 0..3 {
            if !self.storage_sync(now, rng) {
                break;
            }
            self.schedule(now, rng, true);
        }
    }

    /// The ReplicaSet controller: ReplicaSets keep their replica counts.
    fn sync_replica_sets(&mut self, now: Millis, rng: &mut K8sRng) {
        for di in 0..self.deployments.len() {
            let d = self.deployments[di].clone();
            let rs = format!("{}-{}", d.name, d.rs_hash);
            let owned = |p: &Pod| {
                p.namespace == d.namespace
                    && matches!(&p.owner, Owner::ReplicaSet { rs: r, .. } if *r == rs)
                    && p.deletion.is_none()
            };
            let active = self.pods.iter().filter(|p| owned(p)).count() as u32;
            if active < d.replicas {
                for _ in active..d.replicas {
                    let name = loop {
                        let n = format!("{rs}-{}", rand_suffix(rng.names, 5));
                        if !self.pods.iter().any(|p| p.name == n) {
                            break n;
                        }
                    };
                    self.event(
                        now,
                        &d.namespace,
                        false,
                        "SuccessfulCreate",
                        &format!("replicaset/{rs}"),
                        &format!("Created pod: {name}"),
                    );
                    let owner = Owner::ReplicaSet {
                        deployment: d.name.clone(),
                        rs: rs.clone(),
                    };
                    let spec = d.spec.clone();
                    let new = NewPod {
                        ns: &d.namespace,
                        name: &name,
                        owner,
                        spec,
                        node: None,
                        start_at: None,
                    };
                    self.new_pod(new, now);
                }
            } else if active > d.replicas {
                // the ReplicaSet controller deletes unscheduled, then pending, then not-ready,
                // then the newest pods first
                let mut cand: Vec<(u8, u8, u8, i64, String)> = self
                    .pods
                    .iter()
                    .filter(|p| owned(p))
                    .map(|p| {
                        (
                            p.node.is_some() as u8,
                            (p.phase == Phase::Running) as u8,
                            p.ready_cond as u8,
                            -p.created,
                            p.name.clone(),
                        )
                    })
                    .collect();
                cand.sort();
                for c in cand.into_iter().take((active - d.replicas) as usize) {
                    self.event(
                        now,
                        &d.namespace,
                        false,
                        "SuccessfulDelete",
                        &format!("replicaset/{rs}"),
                        &format!("Deleted pod: {}", c.4),
                    );
                    let _ = self.delete_pod(&d.namespace, &c.4, None, false, now, rng);
                }
            }
        }
    }

    /// The DaemonSet controller (kindnet, kube-proxy): one pod per node; static pods: the
    /// kubelet recreates a deleted mirror pod.
    fn sync_daemon_sets(&mut self, now: Millis, rng: &mut K8sRng) {
        // a terminating pod still counts: the replacement comes once it is gone
        // (node, DaemonSet) pairs present, looked up without allocating; there is at most one
        // pod per pair, so with two per node none is missing (the common case: nothing to look up)
        let ds_pods = self
            .pods
            .iter()
            .filter(|p| matches!(p.owner, Owner::DaemonSet(_)) && p.node.is_some())
            .count();
        let mut present: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        if ds_pods < 2 * self.nodes.len() {
            for p in &self.pods {
                if let (Owner::DaemonSet(d), Some(n)) = (&p.owner, &p.node) {
                    present.entry(n.as_str()).or_default().insert(d.as_str());
                }
            }
        }
        let missing: Vec<(usize, &'static str, App)> = (0..self.nodes.len())
            .flat_map(|ni| {
                [("kindnet", App::KindNet), ("kube-proxy", App::KubeProxy)]
                    .into_iter()
                    .map(move |(ds, app)| (ni, ds, app))
            })
            .filter(|(ni, ds, _)| {
                ds_pods < 2 * self.nodes.len()
                    && !present
                        .get(self.nodes[*ni].name.as_str())
                        .is_some_and(|s| s.contains(ds))
            })
            .collect();
        for (ni, ds, app) in missing {
            let node = self.nodes[ni].name.clone();
            let alive = self.nodes[ni].kubelet_alive();
            let name = loop {
                let n = format!("{ds}-{}", rand_suffix(rng.names, 5));
                if !self.pods.iter().any(|p| p.name == n) {
                    break n;
                }
            };
            let start = now + 1_000 + rng.kubelet.random_range(0..1_000);
            self.event(
                now,
                "kube-system",
                false,
                "SuccessfulCreate",
                &format!("daemonset/{ds}"),
                &format!("Created pod: {name}"),
            );
            let new = NewPod {
                ns: "kube-system",
                name: &name,
                owner: Owner::DaemonSet(ds.into()),
                spec: spec_for(app),
                node: Some(&node),
                start_at: alive.then_some(start),
            };
            self.new_pod(new, now);
        }
    }

    /// A fresh pod UID.
    pub(crate) fn take_uid(&mut self) -> u64 {
        self.next_uid += 1;
        self.next_uid - 1
    }

    /// Adds a pod object (Pending; bound to `node` when given).
    pub(super) fn new_pod(&mut self, new: NewPod<'_>, now: Millis) {
        let NewPod {
            ns,
            name,
            owner,
            spec,
            node,
            start_at,
        } = new;
        let uid = self.take_uid();
        self.pods.push(Pod {
            uid,
            namespace: ns.into(),
            name: name.into(),
            owner,
            labels: BTreeMap::new(),
            spec,
            node: node.map(|n| n.to_string()),
            ip: None,
            created: now,
            phase: Phase::Pending,
            start_at,
            started_at: None,
            ready_at: None,
            container_ready: false,
            ready_cond: false,
            restarts: 0,
            last_restart: None,
            deletion: None,
            volume_wait: None,
        });
    }
}
