//! Kubernetes inside a kind cluster: nodes and their kubelets, the node lifecycle controller,
//! the scheduler, Deployments/ReplicaSets, DaemonSet and static pods, pod lifecycles; storage
//! (classes, volumes, claims, their controllers) in [`storage`], quantities in [`quantity`].
//!
//! Facts followed (see `shared/notes/kubernetes-behaviour.md`): node-monitor-period 5 s; grace
//! period 40 s (<= 1.31) / 50 s (>= 1.32); Ready -> Unknown ("Kubelet stopped posting node
//! status."); the unreachable taints; eviction 300 s after the NoExecute taint (default
//! tolerations; DaemonSet and static pods stay); containers keep running while the kubelet is
//! stopped; grace-0 deletion removes the object at once and leaves the container running until
//! the kubelet returns and kills it (its stale hostPort rule then black-holes the port).
//!
//! The parts follow Kubernetes' own packages: the API objects in [`api`], the kubelet in
//! [`kubelet`], the node lifecycle controller in [`nodelifecycle`], the scheduler in
//! [`scheduler`], the ReplicaSet and DaemonSet controllers in [`controller`], pod deletion and
//! status in [`pods`].

pub mod apply;
pub mod quantity;
pub mod storage;

mod api;
mod controller;
mod kubelet;
mod nodelifecycle;
mod pods;
mod scheduler;

pub use api::{
    event_source, spec_for, App, CondStatus, Deletion, Deployment, Event, Node, Owner, Phase, Pod,
    PodSpec, RuntimeContainer, Taint, Toleration, Tolerations,
};

use crate::time::Millis;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// Kubernetes' alphabet for generated name suffixes (`k8s.io/apimachinery/pkg/util/rand`).
pub const SUFFIX_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `n` random characters of [`SUFFIX_ALPHABET`] (a ReplicaSet's pod names, a DaemonSet's).
pub fn rand_suffix(rng: &mut ChaCha8Rng, n: usize) -> String {
    (0..n)
        .map(|_| SUFFIX_ALPHABET[rng.random_range(0..SUFFIX_ALPHABET.len())] as char)
        .collect()
}

/// The node lifecycle controller's monitor period (`--node-monitor-period`).
pub const MONITOR_PERIOD: Millis = 5_000;
/// How often a kubelet renews its node lease.
pub const LEASE_RENEW: Millis = 10_000;
/// How long pods tolerate `unreachable`/`not-ready` by default (DefaultTolerationSeconds, 300 s).
pub const EVICTION_TOLERATION: Millis = 300_000;
/// The taint the node controller puts on a node whose kubelet stopped posting status.
pub const UNREACHABLE: &str = "node.kubernetes.io/unreachable";
/// The taint a cordoned node carries.
pub const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
/// The control-plane nodes' taint key (`NoSchedule`; kind sets it when there are workers).
pub const CP_TAINT: &str = "node-role.kubernetes.io/control-plane";

/// A Kubernetes version as `1.<minor>.<patch>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct K8sVersion {
    /// The minor version (`31` in `1.31.4`).
    pub minor: u32,
    /// The patch version (`4` in `1.31.4`).
    pub patch: u32,
}

impl K8sVersion {
    /// Accepts `1.31`, `v1.31`, `1.31.4`.
    pub fn parse(s: &str) -> Option<K8sVersion> {
        let s = s.strip_prefix('v').unwrap_or(s);
        let mut it = s.split('.');
        if it.next()? != "1" {
            return None;
        }
        let minor: u32 = it.next()?.parse().ok()?;
        if !(20..=40).contains(&minor) {
            return None;
        }
        let patch = match it.next() {
            Some(p) => p.parse().ok()?,
            None => {
                let img = crate::kind::node_image_patch(minor);
                img.rsplit('.').next()?.parse().ok()?
            }
        };
        if it.next().is_some() {
            return None;
        }
        Some(K8sVersion { minor, patch })
    }
    /// The image tag (`v1.31.4`), as kind's node images and the control plane's images carry it.
    pub fn tag(&self) -> String {
        format!("v1.{}.{}", self.minor, self.patch)
    }
    /// node-monitor-grace-period: 40 s up to 1.31, 50 s since 1.32.
    pub fn grace_period(&self) -> Millis {
        if self.minor <= 31 {
            40_000
        } else {
            50_000
        }
    }
}

/// Events live one hour (the API server's default event TTL).
pub const EVENT_TTL: Millis = 3_600_000;

/// Everything Kubernetes knows in one kind cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// The cluster's name (`cluster01`).
    pub name: String,
    /// The Kubernetes version of its nodes.
    pub version: K8sVersion,
    /// When `kind create cluster` made it.
    pub created: Millis,
    /// Its nodes.
    pub nodes: Vec<Node>,
    /// Its pods, in creation order.
    pub pods: Vec<Pod>,
    /// Its Deployments.
    pub deployments: Vec<Deployment>,
    /// The node controller's monitor passes happen at `monitor_phase + k * 5 s`.
    pub monitor_phase: Millis,
    /// The next pod UID to give.
    pub next_uid: u64,
    /// Ingress objects: (namespace, name, path prefix, backend deployment).
    pub ingresses: Vec<(String, String, String, String)>,
    /// Node name -> index in `nodes` (see [`Cluster::index_nodes`]).
    pub node_pos: BTreeMap<String, usize>,
    /// Recent events, oldest first.
    pub events: Vec<Event>,
    /// StorageClasses, PersistentVolumes, PersistentVolumeClaims.
    pub storage: storage::Storage,
    /// `kubectl apply`'s last-applied configuration (JSON) per object (`kind/ns/name`).
    pub applied: BTreeMap<String, String>,
}

/// Randomness the cluster draws on (each purpose its own stream).
pub struct K8sRng<'a> {
    /// Generated names (pod suffixes).
    pub names: &'a mut ChaCha8Rng,
    /// The scheduler's choices among equal nodes.
    pub sched: &'a mut ChaCha8Rng,
    /// The kubelet's timings (container starts, probes).
    pub kubelet: &'a mut ChaCha8Rng,
    /// UIDs and timings of storage (a stream of its own: storage never shifts the others).
    pub storage: &'a mut ChaCha8Rng,
}

impl Cluster {
    /// Records an event (a repeat of the last identical one only bumps its count).
    pub fn event(
        &mut self,
        at: Millis,
        ns: &str,
        warning: bool,
        reason: &str,
        object: &str,
        message: &str,
    ) {
        // repeated storage events are counted up to now before old events are dropped
        self.storage_refresh(at);
        self.events.retain(|e| e.last > at - EVENT_TTL);
        if let Some(e) = self.events.iter_mut().rev().find(|e| {
            e.namespace == ns && e.reason == reason && e.object == object && e.message == message
        }) {
            e.count += 1;
            e.last = at;
            return;
        }
        self.events.push(Event {
            first: at,
            last: at,
            count: 1,
            namespace: ns.into(),
            warning,
            reason: reason.into(),
            object: object.into(),
            message: message.into(),
            source: event_source(reason, object).into(),
        });
    }

    /// Rebuilds the name -> index map (after the node list changed).
    pub fn index_nodes(&mut self) {
        self.node_pos = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.clone(), i))
            .collect();
    }
    /// The node named `name`.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.node_index(name).map(|i| &self.nodes[i])
    }
    /// The node named `name`, to change.
    pub fn node_mut(&mut self, name: &str) -> Option<&mut Node> {
        self.node_index(name).map(|i| &mut self.nodes[i])
    }
    /// The index in `nodes` of the node named `name`.
    pub fn node_index(&self, name: &str) -> Option<usize> {
        match self.node_pos.get(name) {
            Some(&i) if self.nodes.get(i).is_some_and(|n| n.name == name) => Some(i),
            _ => self.nodes.iter().position(|n| n.name == name),
        }
    }
    /// The node-monitor grace period of its version (see [`K8sVersion::grace_period`]).
    pub fn grace(&self) -> Millis {
        self.version.grace_period()
    }

    /// The earliest instant at which something in this cluster changes by itself.
    pub fn next_event(&self) -> Option<Millis> {
        let mut best: Option<Millis> = None;
        let mut put = |t: Millis| {
            best = Some(best.map_or(t, |b: Millis| b.min(t)));
        };
        for n in &self.nodes {
            if let Some(t) = n.boot_at {
                if n.container_up && n.kubelet_active {
                    put(t);
                }
            }
            if let Some(t) = self.unknown_deadline(n) {
                put(t);
            }
            if let Some(t) = n.taint_clear_at {
                put(t);
            }
        }
        // only pods with a timer need their node looked up (most pods just run)
        let any_unreachable = self.nodes.iter().any(|n| n.has_unreachable());
        for p in &self.pods {
            let timer = match &p.deletion {
                Some(d) => d.kill_at.is_some(),
                None => p.start_at.is_some() || p.ready_at.is_some(),
            };
            let alive = timer
                && p.node
                    .as_deref()
                    .and_then(|nn| self.node(nn))
                    .is_some_and(|n| n.kubelet_alive());
            if alive {
                if let Some(d) = &p.deletion {
                    if let Some(t) = d.kill_at {
                        put(t);
                    }
                    continue;
                }
                if let Some(t) = p.start_at {
                    put(t);
                }
                if let Some(t) = p.ready_at {
                    put(t);
                }
            }
            if any_unreachable {
                if let Some(t) = self.eviction_at(p) {
                    put(t);
                }
            }
        }
        if let Some(t) = self.storage_next_event() {
            put(t);
        }
        best
    }

    /// Processes everything due at or before `now`; returns true if anything happened.
    pub fn process_due(&mut self, now: Millis, rng: &mut K8sRng) -> bool {
        let mut did = false;
        // kubelets coming up
        for i in 0..self.nodes.len() {
            let n = &self.nodes[i];
            if n.container_up && n.kubelet_active && n.boot_at.is_some_and(|t| t <= now) {
                self.kubelet_boot(i, now, rng);
                did = true;
            }
        }
        did |= self.monitor_nodes(now);
        // pods
        let mut evict = Vec::new();
        let mut finished = Vec::new();
        let any_unreachable = self.nodes.iter().any(|n| n.has_unreachable());
        for pi in 0..self.pods.len() {
            if any_unreachable && self.eviction_at(&self.pods[pi]).is_some_and(|t| t <= now) {
                evict.push(self.pods[pi].uid);
            }
            // only a timer that is due makes this pod's node worth looking up
            let p = &self.pods[pi];
            let due = match &p.deletion {
                Some(d) => d.kill_at.is_some_and(|t| t <= now),
                None => {
                    p.start_at.is_some_and(|t| t <= now) || p.ready_at.is_some_and(|t| t <= now)
                }
            };
            if !due {
                continue;
            }
            let Some(ni) = self.pods[pi]
                .node
                .as_deref()
                .and_then(|n| self.node_index(n))
            else {
                continue;
            };
            if !self.nodes[ni].kubelet_alive() {
                continue;
            }
            if let Some(d) = &self.pods[pi].deletion {
                if d.kill_at.is_some_and(|t| t <= now) {
                    finished.push(self.pods[pi].uid);
                }
                continue;
            }
            if self.pods[pi].start_at.is_some_and(|t| t <= now) {
                self.start_container(pi, ni, now);
                did = true;
            }
            let p = &mut self.pods[pi];
            if p.ready_at.is_some_and(|t| t <= now) {
                p.ready_at = None;
                p.container_ready = true;
                p.ready_cond = true;
                did = true;
            }
        }
        for uid in finished {
            self.finish_deletion(uid);
            did = true;
        }
        did |= self.storage_process_due(now, rng);
        for uid in evict {
            if let Some(p) = self.pods.iter().find(|p| p.uid == uid) {
                let (ns, name) = (p.namespace.clone(), p.name.clone());
                self.event(
                    now,
                    &ns,
                    false,
                    "TaintManagerEviction",
                    &format!("pod/{name}"),
                    &format!("Marking for deletion Pod {ns}/{name}"),
                );
                let _ = self.delete_pod(&ns, &name, None, false, now, rng);
                did = true;
            }
        }
        if did {
            self.reconcile(now, rng);
        }
        did
    }
}

#[cfg(test)]
mod tests {
    use super::nodelifecycle::tick_ge;
    use super::*;

    #[test]
    fn versions() {
        let v = K8sVersion::parse("1.31").unwrap();
        assert_eq!(v.tag(), "v1.31.12");
        assert_eq!(v.grace_period(), 40_000);
        let v = K8sVersion::parse("v1.32").unwrap();
        assert_eq!(v.grace_period(), 50_000);
        assert_eq!(K8sVersion::parse("1.33.2").unwrap().tag(), "v1.33.2");
        assert!(K8sVersion::parse("2.1").is_none());
        assert!(K8sVersion::parse("1.x").is_none());
        assert!(K8sVersion::parse("").is_none());
    }

    #[test]
    fn monitor_ticks() {
        assert_eq!(tick_ge(1_000, 1_000), 1_000);
        assert_eq!(tick_ge(1_000, 1_001), 6_000);
        assert_eq!(tick_ge(1_000, -3_000), 1_000);
        assert_eq!(tick_ge(1_000, -4_000), -4_000);
        assert_eq!(tick_ge(1_000, 5_999), 6_000);
    }

    #[test]
    fn suffixes_use_the_alphabet() {
        use rand::SeedableRng;
        let mut r = ChaCha8Rng::seed_from_u64(1);
        let s = rand_suffix(&mut r, 5);
        assert_eq!(s.len(), 5);
        assert!(s.bytes().all(|b| SUFFIX_ALPHABET.contains(&b)));
    }
}
