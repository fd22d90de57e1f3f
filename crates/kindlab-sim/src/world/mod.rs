//! The world: docker's containers, the kind clusters inside them, the host filesystem and the
//! HAProxy engines, on one virtual clock. `advance_to` is event driven: it jumps from one
//! component's wake-up to the next (kubelet start-ups, the node controller's deadlines, pod
//! start-ups and terminations, evictions) and drives every HAProxy engine up to each instant at
//! which the network may change, so its health checks always see the current network.

use crate::docker::{Container, ContainerRole, Mount, PortMap, State};
use crate::fs::Fs;
use crate::haproxy::{self, Haproxy, LogStyle};
use crate::k8s::storage::Storage;
use crate::k8s::{
    rand_suffix, spec_for, App, Cluster, CondStatus, Deployment, K8sRng, K8sVersion, Node, Owner,
    Phase, Pod, RuntimeContainer, CP_TAINT,
};
use crate::kind::{self, PlannedNode, Role};
use crate::net::{Endpoint, HttpReply, Listener, Network};
use crate::time::Millis;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

mod build;
mod cluster;
mod containers;
mod net;
mod networks;

pub(crate) use containers::NewContainer;
pub(crate) use net::NetView;
pub(crate) use networks::DockerNet;
pub use networks::KindEra;

/// The chapter's HAProxy configuration (kept once, in `content/lab/`).
pub const CHAPTER_HAPROXY_CFG: &str = include_str!("../../../../content/lab/haproxy.cfg");
/// Where the chapter's files live on the simulated host.
pub const HAPROXY_DIR: &str = "/root/haproxy";
/// The chapter's haproxy.cfg on the simulated host (mounted into the HAProxy container).
pub const HAPROXY_CFG_PATH: &str = "/root/haproxy/haproxy.cfg";
/// The chapter's kind config on the simulated host.
pub const KIND_CFG_PATH: &str = "/root/cluster01.yaml";
/// The chapter's HAProxy container.
pub const HAPROXY_NAME: &str = "HAProxy-workers-lb";
/// The ingress controller's Deployment (the chapter-era name) and namespace.
pub const INGRESS_DEPLOYMENT: &str = "nginx-ingress-controller";
/// The namespace of the ingress controller.
pub const INGRESS_NS: &str = "ingress-nginx";
/// The chapter's ReplicaSet hash and pod name (used with the default seed).
pub const CHAPTER_INGRESS_HASH: &str = "7d6bf88c86";
/// The chapter's ingress controller pod (its name with the default seed).
pub const CHAPTER_INGRESS_POD: &str = "nginx-ingress-controller-7d6bf88c86-r7ztq";

/// Independent random streams, one per purpose, all derived from the session seed, so one
/// feature's draws never shift another's.
#[derive(Clone)]
pub(crate) struct Rngs {
    pub(crate) ids: ChaCha8Rng,
    pub(crate) names: ChaCha8Rng,
    pub(crate) sched: ChaCha8Rng,
    pub(crate) kubelet: ChaCha8Rng,
    pub(crate) ports: ChaCha8Rng,
    pub(crate) lb: ChaCha8Rng,
    pub(crate) misc: ChaCha8Rng,
    /// Storage: UIDs, provisioning and cleanup timings.
    pub(crate) storage: ChaCha8Rng,
    /// Choices made when a world is built from a custom topology.
    pub(crate) topology: ChaCha8Rng,
}

fn sub_rng(seed: u64, purpose: u64) -> ChaCha8Rng {
    let mut z = seed ^ purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ChaCha8Rng::seed_from_u64(z ^ (z >> 31))
}

impl Rngs {
    pub(crate) fn new(seed: u64) -> Rngs {
        Rngs {
            ids: sub_rng(seed, 1),
            names: sub_rng(seed, 2),
            sched: sub_rng(seed, 3),
            kubelet: sub_rng(seed, 4),
            ports: sub_rng(seed, 5),
            lb: sub_rng(seed, 6),
            misc: sub_rng(seed, 7),
            storage: sub_rng(seed, 8),
            topology: sub_rng(seed, 9),
        }
    }
}

/// A running HAProxy engine and the container it runs in.
#[derive(Clone)]
pub(crate) struct LbProc {
    pub(crate) container_id: String,
    pub(crate) engine: Haproxy,
}

/// What lives at an IP address on the simulated docker networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Node { cluster: usize, node: usize },
    Container(usize),
}

/// The simulated world's state.
#[derive(Clone)]
pub(crate) struct World {
    pub(crate) now: Millis,
    pub(crate) style: LogStyle,
    pub(crate) version: K8sVersion,
    pub(crate) fs: Fs,
    pub(crate) containers: Vec<Container>,
    pub(crate) clusters: Vec<Cluster>,
    /// kubectl's current context (`kind-<cluster>`), by cluster name.
    pub(crate) context: Option<String>,
    pub(crate) lbs: Vec<LbProc>,
    /// Where HAProxy sent the last request made with curl (for the UI to animate).
    pub(crate) last_route: Option<haproxy::Route>,
    pub(crate) rng: Rngs,
    ip_index: BTreeMap<Ipv4Addr, Target>,
    /// The docker network each address is on.
    ip_net: BTreeMap<Ipv4Addr, String>,
    /// docker's networks (`bridge`, `host`, `none`, and `kind` once kind made it).
    pub(crate) networks: Vec<DockerNet>,
    /// Which kind the world imitates (who reaches whom across docker's networks).
    pub(crate) era: KindEra,
}

/// Options a world is made with.
#[derive(Debug, Clone)]
pub(crate) struct WorldOptions {
    pub(crate) seed: u64,
    pub(crate) log_style: LogStyle,
    pub(crate) k8s_version: K8sVersion,
    pub(crate) era: KindEra,
}

/// Which file of a custom topology was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopologyFile {
    /// The kind cluster config.
    KindConfig,
    /// The haproxy.cfg.
    HaproxyConfig,
}

/// Why a topology could not be built: kind's, docker's or HAProxy's message, and the line of
/// the file it points at (when it names one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopologyError {
    /// The file refused.
    pub file: TopologyFile,
    /// The line the message points at, when it names one.
    pub line: Option<usize>,
    /// The message, as the tool prints it.
    pub message: String,
}

impl TopologyError {
    /// `name:line: message` (or `name: message`), with the file called `name`.
    pub fn describe(&self, name: &str) -> String {
        match self.line {
            Some(l) => format!("{name}:{l}: {}", self.message),
            None => format!("{name}: {}", self.message),
        }
    }
}

impl std::fmt::Display for TopologyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.file {
            TopologyFile::KindConfig => "kind config",
            TopologyFile::HaproxyConfig => "haproxy.cfg",
        };
        f.write_str(&self.describe(name))
    }
}

impl World {
    pub(crate) fn now(&self) -> Millis {
        self.now
    }
    pub(crate) fn log_style(&self) -> LogStyle {
        self.style
    }
    pub(crate) fn k8s_version(&self) -> K8sVersion {
        self.version
    }

    pub(crate) fn reindex(&mut self) {
        self.ip_index.clear();
        self.ip_net.clear();
        for (i, c) in self.containers.iter().enumerate() {
            let t = match &c.role {
                ContainerRole::KindNode { cluster, node } => {
                    match self.clusters.iter().position(|cl| &cl.name == cluster) {
                        Some(ci) => match self.clusters[ci].node_index(node) {
                            Some(ni) => Target::Node {
                                cluster: ci,
                                node: ni,
                            },
                            None => Target::Container(i),
                        },
                        None => Target::Container(i),
                    }
                }
                _ => Target::Container(i),
            };
            for a in &c.nets {
                if let Some(ip) = a.ip {
                    self.ip_index.insert(ip, t);
                    self.ip_net.insert(ip, a.network.clone());
                }
            }
        }
    }

    pub(crate) fn container_index(&self, name_or_id: &str) -> Option<usize> {
        let key = name_or_id.trim_start_matches('/');
        self.containers
            .iter()
            .position(|c| c.name == key)
            .or_else(|| {
                if key.len() >= 3 && key.chars().all(|c| c.is_ascii_hexdigit()) {
                    let m: Vec<usize> = self
                        .containers
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.id.starts_with(key))
                        .map(|(i, _)| i)
                        .collect();
                    if m.len() == 1 {
                        return Some(m[0]);
                    }
                }
                None
            })
    }

    pub(crate) fn cluster_index(&self, name: &str) -> Option<usize> {
        self.clusters.iter().position(|c| c.name == name)
    }

    /// The cluster kubectl talks to.
    pub(crate) fn current_cluster(&self) -> Option<usize> {
        self.context.as_deref().and_then(|c| self.cluster_index(c))
    }
    /// The current cluster's worker IPs in order (`$worker1`, `$worker2`, ... in HAProxy's
    /// configuration).
    pub(crate) fn worker_ips(&self) -> Vec<Ipv4Addr> {
        self.current_cluster()
            .map(|ci| {
                let mut ws: Vec<&Node> = self.clusters[ci]
                    .nodes
                    .iter()
                    .filter(|n| n.role == Role::Worker)
                    .collect();
                ws.sort_by_key(|n| worker_number(&n.name));
                ws.iter().map(|n| n.ip).collect()
            })
            .unwrap_or_default()
    }
    /// The next instant at which the world changes by itself (HAProxy engines excluded: they
    /// never change the world, they are driven up to each such instant).
    pub(crate) fn next_wakeup(&self) -> Option<Millis> {
        self.clusters.iter().filter_map(|c| c.next_event()).min()
    }

    fn run_lbs_until(&mut self, t: Millis) {
        if t < 0 {
            return;
        }
        for lb in self.lbs.iter_mut() {
            let nets = self
                .containers
                .iter()
                .find(|c| c.id == lb.container_id)
                .map(|c| c.nets.as_slice())
                .unwrap_or_default();
            let net = NetView {
                clusters: &self.clusters,
                containers: &self.containers,
                index: &self.ip_index,
                ip_net: &self.ip_net,
                from: networks::From::Container(nets),
                era: self.era,
                now: t,
                client: Ipv4Addr::new(172, 17, 0, 1),
                scheme: "http",
                request_id: 0,
            };
            lb.engine.run_until(t, &net);
        }
    }

    /// Advances virtual time to `t`, processing every event on the way in order.
    pub(crate) fn advance_to(&mut self, t: Millis) {
        let mut guard = 0u32;
        while let Some(w) = self.next_wakeup() {
            if w > t {
                break;
            }
            let w = w.max(self.now);
            self.run_lbs_until(w);
            self.now = w;
            let now = self.now;
            let mut did = false;
            for ci in 0..self.clusters.len() {
                let mut r = World::k8s_rng(&mut self.rng);
                did |= self.clusters[ci].process_due(now, &mut r);
            }
            guard += 1;
            if !did || guard > 1_000_000 {
                // nothing was due after all (should not happen): avoid spinning
                break;
            }
        }
        if t > self.now {
            self.run_lbs_until(t);
            self.now = t;
        }
        // repeated storage events are counted lazily, up to now
        let now = self.now;
        for c in self.clusters.iter_mut() {
            c.storage_refresh(now);
        }
    }

    /// Lets `ms` of virtual time pass, up to the clock's [`crate::time::HORIZON`]; returns
    /// the time that passed.
    pub(crate) fn advance(&mut self, ms: Millis) -> Millis {
        let from = self.now;
        let t = from
            .saturating_add(ms.max(0))
            .min(crate::time::HORIZON.max(from));
        self.advance_to(t);
        self.now - from
    }

    /// All console lines of a container (HAProxy engines' included), in time order.
    pub(crate) fn container_logs(&self, idx: usize) -> Vec<(Millis, String)> {
        let c = &self.containers[idx];
        let mut out = c.logs.clone();
        if let Some(lb) = self.lbs.iter().find(|l| l.container_id == c.id) {
            out.extend(
                lb.engine
                    .logs()
                    .iter()
                    .map(|l| (l.at as Millis, l.text.clone())),
            );
        }
        out
    }

    /// The HAProxy engine running in a container, if any.
    pub(crate) fn engine(&self, idx: usize) -> Option<&Haproxy> {
        let id = &self.containers[idx].id;
        self.lbs
            .iter()
            .find(|l| &l.container_id == id)
            .map(|l| &l.engine)
    }
}

/// `cluster01-worker` -> 1, `cluster01-worker3` -> 3.
pub fn worker_number(name: &str) -> usize {
    let tail = name.rsplit("worker").next().unwrap_or("");
    if tail.is_empty() {
        1
    } else {
        tail.parse().unwrap_or(usize::MAX)
    }
}
