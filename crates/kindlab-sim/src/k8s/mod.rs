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

pub mod apply;
pub mod quantity;
pub mod storage;

use crate::fmt::Ts;
use crate::kind::Role;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

/// Kubernetes' alphabet for generated name suffixes (`k8s.io/apimachinery/pkg/util/rand`).
pub const SUFFIX_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

pub fn rand_suffix(rng: &mut ChaCha8Rng, n: usize) -> String {
    (0..n)
        .map(|_| SUFFIX_ALPHABET[rng.random_range(0..SUFFIX_ALPHABET.len())] as char)
        .collect()
}

pub const MONITOR_PERIOD: Ts = 5_000;
pub const LEASE_RENEW: Ts = 10_000;
pub const EVICTION_TOLERATION: Ts = 300_000;
pub const UNREACHABLE: &str = "node.kubernetes.io/unreachable";
pub const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
pub const CP_TAINT: &str = "node-role.kubernetes.io/control-plane";

/// A Kubernetes version as `1.<minor>.<patch>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct K8sVersion {
    pub minor: u32,
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
    pub fn tag(&self) -> String {
        format!("v1.{}.{}", self.minor, self.patch)
    }
    /// node-monitor-grace-period: 40 s up to 1.31, 50 s since 1.32.
    pub fn grace_period(&self) -> Ts {
        if self.minor <= 31 {
            40_000
        } else {
            50_000
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CondStatus {
    True,
    False,
    Unknown,
}

impl CondStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            CondStatus::True => "True",
            CondStatus::False => "False",
            CondStatus::Unknown => "Unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taint {
    pub key: String,
    pub effect: String,
    pub added: Ts,
}

/// What runs in a pod; decides image, resources, what listens and how it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum App {
    IngressNginx,
    Echo,
    CoreDns,
    LocalPath,
    KindNet,
    KubeProxy,
    Etcd,
    ApiServer,
    ControllerManager,
    Scheduler,
    /// A pod of the learner's own manifests (any image; it just runs).
    Custom,
}

impl App {
    pub fn image(&self, v: &K8sVersion) -> String {
        match self {
            App::IngressNginx => {
                "quay.io/kubernetes-ingress-controller/nginx-ingress-controller:0.30.0".into()
            }
            App::Echo => "registry.k8s.io/echoserver:1.10".into(),
            App::CoreDns => "registry.k8s.io/coredns/coredns:v1.11.3".into(),
            App::LocalPath => "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a".into(),
            App::KindNet => "docker.io/kindest/kindnetd:v20250512-df8de77b".into(),
            App::KubeProxy => format!("registry.k8s.io/kube-proxy:{}", v.tag()),
            App::Etcd => "registry.k8s.io/etcd:3.5.15-0".into(),
            App::ApiServer => format!("registry.k8s.io/kube-apiserver:{}", v.tag()),
            App::ControllerManager => {
                format!("registry.k8s.io/kube-controller-manager:{}", v.tag())
            }
            App::Scheduler => format!("registry.k8s.io/kube-scheduler:{}", v.tag()),
            App::Custom => "busybox".into(),
        }
    }
    pub fn container_name(&self) -> &'static str {
        match self {
            App::IngressNginx => "nginx-ingress-controller",
            App::Echo => "echo",
            App::CoreDns => "coredns",
            App::LocalPath => "local-path-provisioner",
            App::KindNet => "kindnet-cni",
            App::KubeProxy => "kube-proxy",
            App::Etcd => "etcd",
            App::ApiServer => "kube-apiserver",
            App::ControllerManager => "kube-controller-manager",
            App::Scheduler => "kube-scheduler",
            App::Custom => "app",
        }
    }
    /// (cpu request m, cpu limit m, memory request Mi, memory limit Mi)
    pub fn resources(&self) -> (u32, u32, u32, u32) {
        match self {
            App::IngressNginx => (100, 0, 90, 0),
            App::Echo => (0, 0, 0, 0),
            App::CoreDns => (100, 0, 70, 170),
            App::LocalPath => (0, 0, 0, 0),
            App::KindNet => (100, 100, 50, 50),
            App::KubeProxy => (0, 0, 0, 0),
            App::Etcd => (100, 0, 100, 0),
            App::ApiServer => (250, 0, 0, 0),
            App::ControllerManager => (200, 0, 0, 0),
            App::Scheduler => (100, 0, 0, 0),
            App::Custom => (0, 0, 0, 0),
        }
    }
    /// Time from container start to passing its readiness probe.
    pub fn ready_delay(&self) -> Ts {
        match self {
            App::IngressNginx => 10_000,
            App::Echo | App::Custom => 1_000,
            _ => 3_000,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tolerations {
    /// The DefaultTolerationSeconds admission plugin's not-ready/unreachable NoExecute for 300 s.
    Default,
    /// DaemonSet pods: tolerate unreachable/not-ready/unschedulable without limit.
    DaemonSet,
    /// Static (mirror) pods: tolerate every NoExecute taint.
    Static,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodSpec {
    pub app: App,
    pub node_selector: BTreeMap<String, String>,
    pub host_ports: Vec<u16>,
    pub grace_s: i64,
    pub tolerations: Tolerations,
    /// Tolerates `node-role.kubernetes.io/control-plane:NoSchedule`.
    pub tolerate_control_plane: bool,
    pub host_network: bool,
    /// The PersistentVolumeClaims the pod's volumes name (`persistentVolumeClaim.claimName`).
    pub claims: Vec<String>,
    /// The names of those volumes (as `kubectl describe pod` lists them), in the same order.
    pub claim_volumes: Vec<String>,
    /// The first container's image and name when they are not the app's own (manifests).
    pub image: Option<String>,
    pub container: Option<String>,
    /// Number of containers (the READY column's total).
    pub containers: u32,
}

impl PodSpec {
    pub fn image(&self, v: &K8sVersion) -> String {
        self.image.clone().unwrap_or_else(|| self.app.image(v))
    }
    pub fn container_name(&self) -> String {
        self.container
            .clone()
            .unwrap_or_else(|| self.app.container_name().to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    ReplicaSet {
        deployment: String,
        rs: String,
    },
    DaemonSet(String),
    Node(String),
    /// A pod of its own (from a manifest).
    Bare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Pending,
    Running,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    pub requested: Ts,
    pub grace_s: i64,
    /// When the kubelet will have killed the container and confirmed (None: kubelet away).
    pub kill_at: Option<Ts>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pod {
    pub uid: u64,
    pub namespace: String,
    pub name: String,
    pub owner: Owner,
    pub spec: PodSpec,
    pub node: Option<String>,
    pub ip: Option<Ipv4Addr>,
    pub created: Ts,
    pub phase: Phase,
    /// The kubelet will start the container at this time.
    pub start_at: Option<Ts>,
    pub started_at: Option<Ts>,
    /// The readiness probe will pass at this time.
    pub ready_at: Option<Ts>,
    /// The READY column (container statuses, written by the kubelet only).
    pub container_ready: bool,
    /// The pod's Ready condition (endpoints, Deployment availability).
    pub ready_cond: bool,
    pub restarts: u32,
    pub last_restart: Option<Ts>,
    pub deletion: Option<Deletion>,
    /// Placed by the scheduler, waiting in PreBind for its volumes to be bound.
    pub volume_wait: Option<storage::VolumeWait>,
}

/// A container the node's containerd runs (it survives the kubelet stopping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeContainer {
    pub pod_uid: u64,
    pub namespace: String,
    pub pod_name: String,
    pub app: App,
    /// The container's name (`crictl ps`).
    pub container: String,
    pub host_ports: Vec<u16>,
    pub ip: Ipv4Addr,
    pub started: Ts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub role: Role,
    pub ip: Ipv4Addr,
    pub index: u8,
    pub created: Ts,
    pub labels: BTreeMap<String, String>,
    pub unschedulable: bool,
    pub taints: Vec<Taint>,
    pub ready: CondStatus,
    pub ready_since: Ts,
    pub last_heartbeat: Ts,
    /// The node container runs (docker start/stop).
    pub container_up: bool,
    /// `systemctl start|stop kubelet` state.
    pub kubelet_active: bool,
    /// The kubelet process started at (for `systemctl status`).
    pub kubelet_since: Ts,
    pub kubelet_pid: u32,
    /// The kubelet has registered and posts status (lease renewals from `lease_base` on).
    pub kubelet_booted: bool,
    pub boot_at: Option<Ts>,
    pub lease_base: Ts,
    /// The last lease renewal before the kubelet went away.
    pub last_renew: Ts,
    /// When the node controller will clear the unreachable taints.
    pub taint_clear_at: Option<Ts>,
    pub runtime: Vec<RuntimeContainer>,
    /// hostPorts whose DNAT rules outlived their container (killed orphan): SYNs go nowhere.
    pub stale_hostports: BTreeSet<u16>,
    pub next_pod_ip: u8,
}

impl Node {
    pub fn kubelet_alive(&self) -> bool {
        self.container_up && self.kubelet_active && self.kubelet_booted
    }
    pub fn pod_cidr(&self) -> String {
        format!("10.244.{}.0/24", self.index)
    }
    pub fn has_unreachable(&self) -> bool {
        self.taints.iter().any(|t| t.key == UNREACHABLE)
    }
    pub fn role_str(&self) -> &'static str {
        match self.role {
            Role::ControlPlane => "control-plane",
            Role::Worker => "<none>",
        }
    }
    /// `kubectl get nodes` STATUS.
    pub fn status_str(&self) -> String {
        let mut s = if self.ready == CondStatus::True {
            "Ready".to_string()
        } else {
            "NotReady".to_string()
        };
        if self.unschedulable {
            s.push_str(",SchedulingDisabled");
        }
        s
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    pub namespace: String,
    pub name: String,
    pub replicas: u32,
    pub rs_hash: String,
    pub spec: PodSpec,
    pub created: Ts,
    /// `kubectl get deployments -o wide`'s SELECTOR (`app.kubernetes.io/name=...`).
    pub selector: String,
}

/// A Kubernetes Event (what `kubectl get events` lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub first: Ts,
    pub last: Ts,
    pub count: u32,
    pub namespace: String,
    pub warning: bool,
    pub reason: String,
    /// `node/cluster01-worker2`, `pod/...`, `replicaset/...`
    pub object: String,
    pub message: String,
    /// The component that reported it (`kubectl describe`'s From column).
    pub source: String,
}

/// The component that reports an event of this reason about this object.
pub fn event_source(reason: &str, object: &str) -> &'static str {
    match reason {
        "Scheduled" | "FailedScheduling" => "default-scheduler",
        "SuccessfulCreate" | "SuccessfulDelete" if object.starts_with("daemonset/") => {
            "daemonset-controller"
        }
        "SuccessfulCreate" | "SuccessfulDelete" => "replicaset-controller",
        "ScalingReplicaSet" => "deployment-controller",
        "NodeNotReady" => "node-controller",
        "TaintManagerEviction" => "taint-eviction-controller",
        _ => "kubelet",
    }
}

/// Events live one hour (the API server's default event TTL).
pub const EVENT_TTL: Ts = 3_600_000;

/// Everything Kubernetes knows in one kind cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub name: String,
    pub version: K8sVersion,
    pub created: Ts,
    pub nodes: Vec<Node>,
    pub pods: Vec<Pod>,
    pub deployments: Vec<Deployment>,
    /// The node controller's monitor passes happen at `monitor_phase + k * 5 s`.
    pub monitor_phase: Ts,
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
    pub names: &'a mut ChaCha8Rng,
    pub sched: &'a mut ChaCha8Rng,
    pub kubelet: &'a mut ChaCha8Rng,
    /// UIDs and timings of storage (a stream of its own: storage never shifts the others).
    pub storage: &'a mut ChaCha8Rng,
}

fn tick_ge(phase: Ts, t: Ts) -> Ts {
    phase
        + (t - phase).div_euclid(MONITOR_PERIOD) * MONITOR_PERIOD
        + if (t - phase).rem_euclid(MONITOR_PERIOD) == 0 {
            0
        } else {
            MONITOR_PERIOD
        }
}

impl Cluster {
    /// Records an event (a repeat of the last identical one only bumps its count).
    pub fn event(
        &mut self,
        at: Ts,
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
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.node_index(name).map(|i| &self.nodes[i])
    }
    pub fn node_mut(&mut self, name: &str) -> Option<&mut Node> {
        self.node_index(name).map(|i| &mut self.nodes[i])
    }
    pub fn node_index(&self, name: &str) -> Option<usize> {
        match self.node_pos.get(name) {
            Some(&i) if self.nodes.get(i).is_some_and(|n| n.name == name) => Some(i),
            _ => self.nodes.iter().position(|n| n.name == name),
        }
    }
    pub fn grace(&self) -> Ts {
        self.version.grace_period()
    }

    /// Last lease renewal at or before `t` of a kubelet posting since `base`.
    fn renew_before(base: Ts, t: Ts) -> Ts {
        if t < base {
            return base;
        }
        base + (t - base) / LEASE_RENEW * LEASE_RENEW
    }

    /// When the node controller will declare the node's Ready condition Unknown.
    pub fn unknown_deadline(&self, n: &Node) -> Option<Ts> {
        if n.ready != CondStatus::True || n.kubelet_alive() {
            return None;
        }
        // The controller saw the last renewal at its next pass (probe timestamp), and acts at
        // the first pass strictly after probe + grace.
        let probe = tick_ge(self.monitor_phase, n.last_renew);
        Some(tick_ge(self.monitor_phase, probe + self.grace() + 1))
    }

    /// The kubelet of node `i` stops (systemctl stop, or its container stops).
    pub fn kubelet_down(&mut self, i: usize, now: Ts) {
        let n = &mut self.nodes[i];
        if n.kubelet_booted {
            n.last_renew = Cluster::renew_before(n.lease_base, now);
            n.last_heartbeat = n.last_renew;
        }
        n.kubelet_booted = false;
        n.boot_at = None;
    }

    /// The earliest instant at which something in this cluster changes by itself.
    pub fn next_event(&self) -> Option<Ts> {
        let mut best: Option<Ts> = None;
        let mut put = |t: Ts| {
            best = Some(best.map_or(t, |b: Ts| b.min(t)));
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

    /// When the taint manager evicts `p` (its node carries the unreachable NoExecute taint).
    pub fn eviction_at(&self, p: &Pod) -> Option<Ts> {
        if p.deletion.is_some() || p.spec.tolerations != Tolerations::Default {
            return None;
        }
        let n = self.node(p.node.as_deref()?)?;
        let t = n
            .taints
            .iter()
            .find(|t| t.key == UNREACHABLE && t.effect == "NoExecute")?;
        Some(t.added + EVICTION_TOLERATION)
    }

    /// Processes everything due at or before `now`; returns true if anything happened.
    pub fn process_due(&mut self, now: Ts, rng: &mut K8sRng) -> bool {
        let mut did = false;
        // kubelets coming up
        for i in 0..self.nodes.len() {
            let n = &self.nodes[i];
            if n.container_up && n.kubelet_active && n.boot_at.is_some_and(|t| t <= now) {
                self.kubelet_boot(i, now, rng);
                did = true;
            }
        }
        // node controller
        for i in 0..self.nodes.len() {
            if self
                .unknown_deadline(&self.nodes[i])
                .is_some_and(|t| t <= now)
            {
                let n = &mut self.nodes[i];
                n.ready = CondStatus::Unknown;
                let nn = n.name.clone();
                self.event(
                    now,
                    "default",
                    false,
                    "NodeNotReady",
                    &format!("node/{nn}"),
                    &format!("Node {nn} status is now: NodeNotReady"),
                );
                let n = &mut self.nodes[i];
                n.ready_since = now;
                for eff in ["NoSchedule", "NoExecute"] {
                    if !n
                        .taints
                        .iter()
                        .any(|t| t.key == UNREACHABLE && t.effect == eff)
                    {
                        n.taints.push(Taint {
                            key: UNREACHABLE.into(),
                            effect: eff.into(),
                            added: now,
                        });
                    }
                }
                let name = n.name.clone();
                for p in self.pods.iter_mut() {
                    if p.node.as_deref() == Some(name.as_str()) {
                        p.ready_cond = false;
                    }
                }
                did = true;
            }
            let n = &mut self.nodes[i];
            if n.taint_clear_at.is_some_and(|t| t <= now) {
                n.taint_clear_at = None;
                if n.ready == CondStatus::True {
                    n.taints.retain(|t| t.key != UNREACHABLE);
                }
                did = true;
            }
        }
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

    fn start_container(&mut self, pi: usize, ni: usize, now: Ts) {
        let node = &mut self.nodes[ni];
        let p = &mut self.pods[pi];
        p.start_at = None;
        if p.ip.is_none() {
            p.ip = Some(if p.spec.host_network {
                node.ip
            } else {
                node.next_pod_ip = node.next_pod_ip.wrapping_add(1).max(2);
                Ipv4Addr::new(10, 244, node.index, node.next_pod_ip)
            });
        }
        if p.started_at.is_some() {
            p.restarts += 1;
            p.last_restart = Some(now);
        }
        p.started_at = Some(now);
        p.phase = Phase::Running;
        p.container_ready = false;
        p.ready_cond = false;
        p.ready_at = Some(now + p.spec.app.ready_delay());
        // a new listener on a hostPort replaces any stale rule
        for hp in &p.spec.host_ports {
            node.stale_hostports.remove(hp);
        }
        node.runtime.retain(|c| c.pod_uid != p.uid);
        node.runtime.push(RuntimeContainer {
            pod_uid: p.uid,
            namespace: p.namespace.clone(),
            pod_name: p.name.clone(),
            app: p.spec.app,
            container: p.spec.container_name(),
            host_ports: p.spec.host_ports.clone(),
            ip: p.ip.unwrap_or(node.ip),
            started: now,
        });
        let (ns, name) = (p.namespace.clone(), p.name.clone());
        let (obj, c, image) = (
            format!("pod/{name}"),
            p.spec.container_name(),
            p.spec.image(&self.version),
        );
        self.event(
            now,
            &ns,
            false,
            "Pulled",
            &obj,
            &format!("Container image \"{image}\" already present on machine"),
        );
        self.event(
            now,
            &ns,
            false,
            "Created",
            &obj,
            &format!("Created container: {c}"),
        );
        self.event(
            now,
            &ns,
            false,
            "Started",
            &obj,
            &format!("Started container {c}"),
        );
    }

    /// The kubelet of node `i` has started: it posts Ready, cleans up orphans and confirms
    /// pending deletions, and (re)starts the containers of its pods.
    fn kubelet_boot(&mut self, i: usize, now: Ts, rng: &mut K8sRng) {
        let name = self.nodes[i].name.clone();
        {
            let n = &mut self.nodes[i];
            n.boot_at = None;
            n.kubelet_booted = true;
            n.lease_base = now;
            n.last_heartbeat = now;
            if n.ready != CondStatus::True {
                n.ready = CondStatus::True;
                n.ready_since = now;
            }
            if n.has_unreachable() {
                n.taint_clear_at = Some(tick_ge(self.monitor_phase, now));
            }
        }
        let obj = format!("node/{name}");
        self.event(now, "default", false, "Starting", &obj, "Starting kubelet.");
        if self.nodes[i].ready_since == now {
            self.event(
                now,
                "default",
                false,
                "NodeReady",
                &obj,
                &format!("Node {name} status is now: NodeReady"),
            );
        }
        // orphans: containers whose pod object is gone
        let live: BTreeSet<u64> = self
            .pods
            .iter()
            .filter(|p| p.node.as_deref() == Some(name.as_str()))
            .map(|p| p.uid)
            .collect();
        let n = &mut self.nodes[i];
        let mut stale = Vec::new();
        n.runtime.retain(|c| {
            if live.contains(&c.pod_uid) {
                true
            } else {
                stale.extend(c.host_ports.iter().copied());
                false
            }
        });
        n.stale_hostports.extend(stale);
        // pods bound here
        let running: BTreeSet<u64> = n.runtime.iter().map(|c| c.pod_uid).collect();
        let mut confirm = Vec::new();
        for p in self.pods.iter_mut() {
            if p.node.as_deref() != Some(name.as_str()) {
                continue;
            }
            if let Some(d) = &mut p.deletion {
                d.kill_at = Some(now + 500);
                confirm.push((p.namespace.clone(), p.name.clone(), p.spec.container_name()));
                continue;
            }
            if running.contains(&p.uid) {
                // readiness probe passes again shortly
                if !p.ready_cond && p.start_at.is_none() {
                    p.ready_at = Some(now + 1_000 + rng.kubelet.random_range(0..2_000));
                }
            } else if p.start_at.is_none() {
                p.start_at = Some(now + 1_500 + rng.kubelet.random_range(0..1_000));
            }
        }
        for (ns, pod, c) in confirm {
            self.event(
                now,
                &ns,
                false,
                "Killing",
                &format!("pod/{pod}"),
                &format!("Stopping container {c}"),
            );
        }
    }

    /// Removes a pod object whose container the kubelet has killed.
    fn finish_deletion(&mut self, uid: u64) {
        if let Some(pi) = self.pods.iter().position(|p| p.uid == uid) {
            let p = self.pods.remove(pi);
            if let Some(n) = p.node.as_deref().and_then(|nn| self.node_mut(nn)) {
                n.runtime.retain(|c| c.pod_uid != uid);
            }
        }
    }

    /// `kubectl delete pod`: `grace` None = the pod's own terminationGracePeriodSeconds.
    /// Returns the effective grace period.
    pub fn delete_pod(
        &mut self,
        ns: &str,
        name: &str,
        grace: Option<i64>,
        _force: bool,
        now: Ts,
        rng: &mut K8sRng,
    ) -> Result<i64, String> {
        let pi = self
            .pods
            .iter()
            .position(|p| p.namespace == ns && p.name == name)
            .ok_or_else(|| format!("Error from server (NotFound): pods \"{name}\" not found"))?;
        let p = &self.pods[pi];
        let mut g = grace.unwrap_or(p.spec.grace_s);
        if p.node.is_none() {
            g = 0;
        }
        let ni = p.node.as_deref().and_then(|n| self.node_index(n));
        let alive = ni.is_some_and(|i| self.nodes[i].kubelet_alive());
        if matches!(p.owner, Owner::Node(_)) {
            // a mirror pod: deleting it does not stop the static pod; the kubelet posts it again
            if alive {
                let uid = self.take_uid();
                let p = &mut self.pods[pi];
                p.created = now;
                p.uid = uid;
                if let Some(i) = ni {
                    let uid = self.pods[pi].uid;
                    let name = self.pods[pi].name.clone();
                    if let Some(c) = self.nodes[i]
                        .runtime
                        .iter_mut()
                        .find(|c| c.pod_name == name)
                    {
                        c.pod_uid = uid;
                    }
                }
            }
            return Ok(0);
        }
        if let Some(d) = &p.deletion {
            // already terminating: a shorter grace period (or force) may finish it
            if g == 0 {
                let uid = p.uid;
                self.pods.remove(pi);
                if alive {
                    if let Some(i) = ni {
                        self.nodes[i].runtime.retain(|c| c.pod_uid != uid);
                    }
                }
            } else if g < d.grace_s {
                if let Some(d) = self.pods[pi].deletion.as_mut() {
                    d.grace_s = g;
                }
            }
            self.reconcile(now, rng);
            return Ok(g);
        }
        if alive {
            let (ns, pod, c) = (p.namespace.clone(), p.name.clone(), p.spec.container_name());
            self.event(
                now,
                &ns,
                false,
                "Killing",
                &format!("pod/{pod}"),
                &format!("Stopping container {c}"),
            );
        }
        let p = &self.pods[pi];
        if g == 0 {
            let uid = p.uid;
            self.pods.remove(pi);
            if alive {
                if let Some(i) = ni {
                    self.nodes[i].runtime.retain(|c| c.pod_uid != uid);
                }
            }
        } else {
            let kill_at = if alive {
                Some(now + g.saturating_mul(1000).min(1_000))
            } else {
                None
            };
            let p = &mut self.pods[pi];
            p.deletion = Some(Deletion {
                requested: now,
                grace_s: g,
                kill_at,
            });
            p.ready_cond = false;
        }
        self.reconcile(now, rng);
        Ok(g)
    }

    /// Can `spec` be scheduled on node `n` (not counting host port conflicts)?
    fn feasible(
        &self,
        ns: &str,
        spec: &PodSpec,
        n: &Node,
        used_ports: &BTreeSet<(String, u16)>,
    ) -> bool {
        if n.ready != CondStatus::True || n.unschedulable {
            return false;
        }
        for t in &n.taints {
            if t.effect == "NoSchedule" || t.effect == "NoExecute" {
                if t.key == CP_TAINT && spec.tolerate_control_plane {
                    continue;
                }
                return false;
            }
        }
        if !spec
            .node_selector
            .iter()
            .all(|(k, v)| n.labels.get(k) == Some(v))
        {
            return false;
        }
        if spec
            .host_ports
            .iter()
            .any(|hp| used_ports.contains(&(n.name.clone(), *hp)))
        {
            return false;
        }
        spec.claims.is_empty() || self.volume_reasons(ns, spec, n).is_empty()
    }

    /// ReplicaSet controller + scheduler.
    pub fn reconcile(&mut self, now: Ts, rng: &mut K8sRng) {
        // ReplicaSets keep their replica counts
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
                    self.new_pod(&d.namespace, &name, owner, spec, None, now, None);
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
        // DaemonSets (kindnet, kube-proxy): one pod per node; static pods: the kubelet
        // recreates a deleted mirror pod
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
            self.new_pod(
                "kube-system",
                &name,
                Owner::DaemonSet(ds.into()),
                spec_for(app),
                Some(&node),
                now,
                alive.then_some(start),
            );
        }
        self.schedule(now, rng, false);
        // the storage controllers react; what they bound may let pods with claims schedule now
        for _ in 0..3 {
            if !self.storage_sync(now, rng) {
                break;
            }
            self.schedule(now, rng, true);
        }
    }

    /// The scheduler: pending pods without a node, oldest first (`only_claims`: those with
    /// PersistentVolumeClaims only).
    fn schedule(&mut self, now: Ts, rng: &mut K8sRng, only_claims: bool) {
        let mut pending: Vec<(Ts, u64)> = self
            .pods
            .iter()
            .filter(|p| {
                p.node.is_none()
                    && p.deletion.is_none()
                    && p.volume_wait.is_none()
                    && (!only_claims || !p.spec.claims.is_empty())
            })
            .map(|p| (p.created, p.uid))
            .collect();
        pending.sort();
        if pending.is_empty() {
            return;
        }
        // hostPorts taken on each node (terminating pods included), kept up to date below
        let mut used_ports: BTreeSet<(String, u16)> = self
            .pods
            .iter()
            .filter_map(|p| {
                p.node
                    .as_ref()
                    .or(p.volume_wait.as_ref().map(|w| &w.node))
                    .map(|n| (n, &p.spec.host_ports))
            })
            .flat_map(|(n, hps)| hps.iter().map(move |hp| (n.clone(), *hp)))
            .collect();
        for (_, uid) in pending {
            let Some(pi) = self.pods.iter().position(|p| p.uid == uid) else {
                continue;
            };
            let spec = self.pods[pi].spec.clone();
            let (ns, name) = (self.pods[pi].namespace.clone(), self.pods[pi].name.clone());
            // VolumeBinding's PreFilter fails for every node at once
            if !spec.claims.is_empty() {
                if let Err(m) = self.volume_prefilter(&ns, &spec) {
                    let total = self.nodes.len();
                    let msg = format!("0/{total} nodes are available: {m}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling..");
                    self.event(
                        now,
                        &ns,
                        true,
                        "FailedScheduling",
                        &format!("pod/{name}"),
                        &msg,
                    );
                    continue;
                }
            }
            let cands: Vec<usize> = (0..self.nodes.len())
                .filter(|&i| self.feasible(&ns, &spec, &self.nodes[i], &used_ports))
                .collect();
            if cands.is_empty() {
                let msg = self.unschedulable_message(&ns, &spec, &used_ports);
                self.event(
                    now,
                    &ns,
                    true,
                    "FailedScheduling",
                    &format!("pod/{name}"),
                    &msg,
                );
                continue;
            }
            // all feasible nodes score alike here; the scheduler breaks ties at random
            let pick = cands[rng.sched.random_range(0..cands.len())];
            let node = self.nodes[pick].name.clone();
            for hp in &spec.host_ports {
                used_ports.insert((node.clone(), *hp));
            }
            if !spec.claims.is_empty() && self.needs_volume_binding(&ns, &spec) {
                // PreBind: the claims are bound (or provisioned) for this node first
                self.reserve_volumes(pi, &node, now);
                continue;
            }
            let alive = self.nodes[pick].kubelet_alive();
            let start = now + 1_500 + rng.kubelet.random_range(0..1_000);
            let p = &mut self.pods[pi];
            p.node = Some(node.clone());
            if alive {
                p.start_at = Some(start);
            }
            self.event(
                now,
                &ns,
                false,
                "Scheduled",
                &format!("pod/{name}"),
                &format!("Successfully assigned {ns}/{name} to {node}"),
            );
        }
    }

    /// The scheduler's explanation when no node fits, as `kubectl get events` shows it (the
    /// filters in kube-scheduler's order, one reason per node; the "count reason" strings sorted
    /// as Go's `sort.Strings` sorts them; then the preemption plugin's verdict):
    /// `0/6 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable:
    /// }, 2 node(s) had volume node affinity conflict, 3 node(s) had untolerated taint
    /// {node-role.kubernetes.io/control-plane: }. preemption: 0/6 nodes are available: 6
    /// Preemption is not helpful for scheduling..`
    fn unschedulable_message(
        &self,
        ns: &str,
        spec: &PodSpec,
        used_ports: &BTreeSet<(String, u16)>,
    ) -> String {
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        // nodes where evicting lower-priority pods could help (a port conflict): none of the
        // lab's pods has a lower priority than another, so preemption finds no victims there
        let mut resolvable = 0;
        for n in &self.nodes {
            let rs: Vec<String> = if n.unschedulable {
                vec!["node(s) were unschedulable".to_string()]
            } else if let Some(t) = n.taints.iter().find(|t| {
                (t.effect == "NoSchedule" || t.effect == "NoExecute")
                    && !(t.key == CP_TAINT && spec.tolerate_control_plane)
            }) {
                vec![format!("node(s) had untolerated taint {{{}: }}", t.key)]
            } else if n.ready != CondStatus::True {
                vec!["node(s) were not ready".to_string()]
            } else if !spec
                .node_selector
                .iter()
                .all(|(k, v)| n.labels.get(k) == Some(v))
            {
                vec!["node(s) didn't match Pod's node affinity/selector".to_string()]
            } else if spec
                .host_ports
                .iter()
                .any(|hp| used_ports.contains(&(n.name.clone(), *hp)))
            {
                resolvable += 1;
                vec!["node(s) didn't have free ports for the requested pod ports".to_string()]
            } else if !spec.claims.is_empty() {
                self.volume_reasons(ns, spec, n)
                    .into_iter()
                    .map(|r| r.to_string())
                    .collect()
            } else {
                vec![]
            };
            for r in rs {
                *reasons.entry(r).or_default() += 1;
            }
        }
        let mut parts: Vec<String> = reasons.iter().map(|(r, c)| format!("{c} {r}")).collect();
        parts.sort();
        let total = self.nodes.len();
        let mut pre = vec![];
        if resolvable > 0 {
            pre.push(format!(
                "{resolvable} No preemption victims found for incoming pod"
            ));
        }
        if total > resolvable {
            pre.push(format!(
                "{} Preemption is not helpful for scheduling",
                total - resolvable
            ));
        }
        pre.sort();
        format!(
            "0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {}..",
            parts.join(", "),
            pre.join(", ")
        )
    }

    /// A fresh pod UID.
    pub(crate) fn take_uid(&mut self) -> u64 {
        self.next_uid += 1;
        self.next_uid - 1
    }

    /// Adds a pod object (Pending; bound to `node` when given).
    #[allow(clippy::too_many_arguments)]
    fn new_pod(
        &mut self,
        ns: &str,
        name: &str,
        owner: Owner,
        spec: PodSpec,
        node: Option<&str>,
        now: Ts,
        start_at: Option<Ts>,
    ) {
        let uid = self.take_uid();
        self.pods.push(Pod {
            uid,
            namespace: ns.into(),
            name: name.into(),
            owner,
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

    /// Pods sorted as kubectl lists them (namespace, then name).
    pub fn sorted_pods(&self) -> Vec<&Pod> {
        let mut v: Vec<&Pod> = self.pods.iter().collect();
        v.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
        v
    }

    /// Ready endpoints of a deployment's pods (pod IPs).
    pub fn endpoints(&self, ns: &str, deployment: &str) -> Vec<&Pod> {
        self.sorted_pods()
            .into_iter()
            .filter(|p| {
                p.namespace == ns
                    && matches!(&p.owner, Owner::ReplicaSet { deployment: d, .. } if d == deployment)
                    && p.ready_cond
                    && p.deletion.is_none()
            })
            .collect()
    }

    /// `kubectl get pods` STATUS of a pod.
    pub fn pod_status(&self, p: &Pod) -> &'static str {
        if p.deletion.is_some() {
            return "Terminating";
        }
        match p.phase {
            Phase::Running => "Running",
            Phase::Pending => {
                let alive = p
                    .node
                    .as_deref()
                    .and_then(|n| self.node(n))
                    .is_some_and(|n| n.kubelet_alive());
                if p.node.is_some() && alive {
                    "ContainerCreating"
                } else {
                    "Pending"
                }
            }
        }
    }
}

/// Builds a pod spec for an app as the chapter's manifests define it.
pub fn spec_for(app: App) -> PodSpec {
    let mut s = PodSpec {
        app,
        node_selector: BTreeMap::new(),
        host_ports: vec![],
        grace_s: 30,
        tolerations: Tolerations::Default,
        tolerate_control_plane: false,
        host_network: false,
        claims: vec![],
        claim_volumes: vec![],
        image: None,
        container: None,
        containers: 1,
    };
    match app {
        App::IngressNginx => {
            s.node_selector
                .insert("ingress-ready".into(), "true".into());
            s.host_ports = vec![80, 443];
            s.grace_s = 0;
            s.tolerate_control_plane = true;
        }
        App::CoreDns | App::LocalPath => {
            s.tolerate_control_plane = true;
        }
        App::KindNet | App::KubeProxy => {
            s.tolerations = Tolerations::DaemonSet;
            s.tolerate_control_plane = true;
            s.host_network = true;
        }
        App::Etcd | App::ApiServer | App::ControllerManager | App::Scheduler => {
            s.tolerations = Tolerations::Static;
            s.tolerate_control_plane = true;
            s.host_network = true;
        }
        App::Echo | App::Custom => {}
    }
    s
}

#[cfg(test)]
mod tests {
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
