//! The API objects (core/v1, apps/v1, events): nodes, pods and their specs, Deployments,
//! Events, and the pod specs of the chapter's apps.

use super::*;
use crate::kind::Role;
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

/// The status of a node condition (`Ready`): `True`, `False` or `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CondStatus {
    /// The condition holds.
    True,
    /// The condition does not hold (the kubelet says so).
    False,
    /// Nobody knows: the kubelet stopped posting status (the node controller's verdict).
    Unknown,
}

impl CondStatus {
    /// The status as kubectl prints it.
    pub fn as_str(&self) -> &'static str {
        match self {
            CondStatus::True => "True",
            CondStatus::False => "False",
            CondStatus::Unknown => "Unknown",
        }
    }
}

/// A taint on a node (`kubectl describe node`'s Taints).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taint {
    /// The taint's key (`node.kubernetes.io/unreachable`).
    pub key: String,
    /// Its value (often empty).
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: String,
    /// When it was added (`timeAdded`).
    pub added: Millis,
}

impl Taint {
    /// A taint without a value.
    pub fn new(key: &str, effect: &str, added: Millis) -> Taint {
        Taint {
            key: key.into(),
            value: String::new(),
            effect: effect.into(),
            added,
        }
    }
    /// As kubectl writes it: `key=value:Effect`, or `key:Effect` without a value.
    pub fn spec(&self) -> String {
        if self.value.is_empty() {
            format!("{}:{}", self.key, self.effect)
        } else {
            format!("{}={}:{}", self.key, self.value, self.effect)
        }
    }
    /// Keeps pods off the node (`NoSchedule` or `NoExecute`; `PreferNoSchedule` only hints).
    pub fn repels(&self) -> bool {
        self.effect == "NoSchedule" || self.effect == "NoExecute"
    }
}

/// One of a pod's tolerations (`spec.tolerations[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toleration {
    /// The key it matches (empty with `Exists`: every key).
    pub key: String,
    /// `Equal` (the default) or `Exists`.
    pub operator: String,
    /// The value it matches (with `Equal`).
    pub value: String,
    /// The effect it matches (empty: every effect).
    pub effect: String,
}

impl Toleration {
    /// Tolerates `t`, as the API's `ToleratesTaint` decides.
    pub fn tolerates(&self, t: &Taint) -> bool {
        if !self.effect.is_empty() && self.effect != t.effect {
            return false;
        }
        if !self.key.is_empty() && self.key != t.key {
            return false;
        }
        match self.operator.as_str() {
            "Exists" => true,
            "" | "Equal" => !self.key.is_empty() && self.value == t.value,
            _ => false,
        }
    }
}

/// What runs in a pod; decides image, resources, what listens and how it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum App {
    /// NGINX's ingress controller (the chapter's, `ingress-nginx`).
    IngressNginx,
    /// The echo app behind the ingress.
    Echo,
    /// CoreDNS.
    CoreDns,
    /// kind's local-path-provisioner.
    LocalPath,
    /// kind's CNI, kindnet (a DaemonSet).
    KindNet,
    /// kube-proxy (a DaemonSet).
    KubeProxy,
    /// etcd (a static pod of the control plane).
    Etcd,
    /// kube-apiserver (a static pod of the control plane).
    ApiServer,
    /// kube-controller-manager (a static pod of the control plane).
    ControllerManager,
    /// kube-scheduler (a static pod of the control plane).
    Scheduler,
    /// A pod of the learner's own manifests (any image; it just runs).
    Custom,
}

impl App {
    /// The image its container runs (the control plane's follow the node version).
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
    /// Its container's name (`crictl ps`, `kubectl describe pod`).
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
    pub fn ready_delay(&self) -> Millis {
        match self {
            App::IngressNginx => 10_000,
            App::Echo | App::Custom => 1_000,
            _ => 3_000,
        }
    }
}

/// Which NoExecute taints a pod tolerates, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tolerations {
    /// The DefaultTolerationSeconds admission plugin's not-ready/unreachable NoExecute for 300 s.
    Default,
    /// DaemonSet pods: tolerate unreachable/not-ready/unschedulable without limit.
    DaemonSet,
    /// Static (mirror) pods: tolerate every NoExecute taint.
    Static,
}

/// A pod's spec as far as the simulation uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodSpec {
    /// What runs in it.
    pub app: App,
    /// `nodeSelector`: labels a node must carry.
    pub node_selector: BTreeMap<String, String>,
    /// The host ports its container publishes (`hostPort`): two pods with one cannot share a node.
    pub host_ports: Vec<u16>,
    /// `terminationGracePeriodSeconds`.
    pub grace_s: i64,
    /// Which NoExecute taints it tolerates.
    pub tolerations: Tolerations,
    /// Tolerates `node-role.kubernetes.io/control-plane:NoSchedule`.
    pub tolerate_control_plane: bool,
    /// Its tolerations as a manifest gives them (the scheduler and the taint manager read them
    /// beside the two flags above).
    pub toleration_list: Vec<Toleration>,
    /// `hostNetwork`: the pod has its node's address.
    pub host_network: bool,
    /// The PersistentVolumeClaims the pod's volumes name (`persistentVolumeClaim.claimName`).
    pub claims: Vec<String>,
    /// The names of those volumes (as `kubectl describe pod` lists them), in the same order.
    pub claim_volumes: Vec<String>,
    /// The first container's image and name when they are not the app's own (manifests).
    pub image: Option<String>,
    /// The first container's name when it is not the app's own.
    pub container: Option<String>,
    /// Number of containers (the READY column's total).
    pub containers: u32,
}

impl PodSpec {
    /// Tolerates taint `t` (for scheduling): the control-plane flag or one of its tolerations.
    pub fn tolerates(&self, t: &Taint) -> bool {
        (t.key == CP_TAINT && self.tolerate_control_plane)
            || self.toleration_list.iter().any(|x| x.tolerates(t))
    }
    /// The image its first container runs.
    pub fn image(&self, v: &K8sVersion) -> String {
        self.image.clone().unwrap_or_else(|| self.app.image(v))
    }
    /// Its first container's name.
    pub fn container_name(&self) -> String {
        self.container
            .clone()
            .unwrap_or_else(|| self.app.container_name().to_string())
    }
}

/// Who made a pod (its controller, `kubectl describe pod`'s Controlled By).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A ReplicaSet of a Deployment.
    ReplicaSet {
        /// The Deployment's name.
        deployment: String,
        /// The ReplicaSet's name (`<deployment>-<pod-template hash>`).
        rs: String,
    },
    /// A DaemonSet, by name.
    DaemonSet(String),
    /// The node itself: a static (mirror) pod of that node.
    Node(String),
    /// A pod of its own (from a manifest).
    Bare,
}

/// A pod's phase, as far as the simulation goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not running yet (unscheduled, waiting for its volumes, or its container not started).
    Pending,
    /// Its container was started.
    Running,
}

/// A pod's deletion under way (`deletionTimestamp`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    /// When the deletion was asked.
    pub requested: Millis,
    /// The grace period it was given, in seconds.
    pub grace_s: i64,
    /// When the kubelet will have killed the container and confirmed (None: kubelet away).
    pub kill_at: Option<Millis>,
}

/// A pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pod {
    /// The pod's UID, unique in the cluster.
    pub uid: u64,
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's name, unique in its namespace.
    pub name: String,
    /// Who made it.
    pub owner: Owner,
    /// Its labels as `kubectl label` set them (beyond those its controller gives it).
    pub labels: BTreeMap<String, String>,
    /// What it runs, and where it may run.
    pub spec: PodSpec,
    /// The node it is bound to (`None` until scheduled).
    pub node: Option<String>,
    /// Its address (from its node's pod CIDR, or the node's own with `hostNetwork`), once started.
    pub ip: Option<Ipv4Addr>,
    /// When it was created.
    pub created: Millis,
    /// Its phase.
    pub phase: Phase,
    /// The kubelet will start the container at this time.
    pub start_at: Option<Millis>,
    /// When its container last started.
    pub started_at: Option<Millis>,
    /// The readiness probe will pass at this time.
    pub ready_at: Option<Millis>,
    /// The READY column (container statuses, written by the kubelet only).
    pub container_ready: bool,
    /// The pod's Ready condition (endpoints, Deployment availability).
    pub ready_cond: bool,
    /// How many times its container restarted (the RESTARTS column).
    pub restarts: u32,
    /// When it last restarted.
    pub last_restart: Option<Millis>,
    /// Its deletion, once asked for.
    pub deletion: Option<Deletion>,
    /// Placed by the scheduler, waiting in PreBind for its volumes to be bound.
    pub volume_wait: Option<storage::VolumeWait>,
}

/// A container the node's containerd runs (it survives the kubelet stopping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeContainer {
    /// The UID of the pod it belongs to.
    pub pod_uid: u64,
    /// That pod's namespace.
    pub namespace: String,
    /// That pod's name.
    pub pod_name: String,
    /// What runs in it.
    pub app: App,
    /// The container's name (`crictl ps`).
    pub container: String,
    /// The host ports it publishes.
    pub host_ports: Vec<u16>,
    /// The pod's address.
    pub ip: Ipv4Addr,
    /// When it started.
    pub started: Millis,
}

/// A node of a kind cluster (a docker container running kubelet and containerd).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The node's name (`cluster01-worker2`), also its container's.
    pub name: String,
    /// Control plane or worker.
    pub role: Role,
    /// Its address on the docker network `kind`.
    pub ip: Ipv4Addr,
    /// Its number in the cluster (its pod CIDR is `10.244.<index>.0/24`).
    pub index: u8,
    /// When it was created.
    pub created: Millis,
    /// Its labels (`kubernetes.io/hostname`, `ingress-ready`, the role label).
    pub labels: BTreeMap<String, String>,
    /// Cordoned (`kubectl cordon`): no new pods are scheduled there.
    pub unschedulable: bool,
    /// Its taints.
    pub taints: Vec<Taint>,
    /// The status of its `Ready` condition.
    pub ready: CondStatus,
    /// When `Ready` last changed (`lastTransitionTime`).
    pub ready_since: Millis,
    /// When the kubelet last posted status (`lastHeartbeatTime`).
    pub last_heartbeat: Millis,
    /// The node container runs (docker start/stop).
    pub container_up: bool,
    /// `systemctl start|stop kubelet` state.
    pub kubelet_active: bool,
    /// The kubelet process started at (for `systemctl status`).
    pub kubelet_since: Millis,
    /// The kubelet's process id (for `systemctl status`).
    pub kubelet_pid: u32,
    /// The kubelet has registered and posts status (lease renewals from `lease_base` on).
    pub kubelet_booted: bool,
    /// When a starting kubelet will have registered and started posting status.
    pub boot_at: Option<Millis>,
    /// The time lease renewals are counted from (every 10 s).
    pub lease_base: Millis,
    /// The last lease renewal before the kubelet went away.
    pub last_renew: Millis,
    /// When the node controller will clear the unreachable taints.
    pub taint_clear_at: Option<Millis>,
    /// The containers its containerd runs (`crictl ps`).
    pub runtime: Vec<RuntimeContainer>,
    /// hostPorts whose DNAT rules outlived their container (killed orphan): SYNs go nowhere.
    pub stale_hostports: BTreeSet<u16>,
    /// The last octet of the next pod address on this node.
    pub next_pod_ip: u8,
}

impl Node {
    /// The kubelet runs and posts status (container up, kubelet active and booted).
    pub fn kubelet_alive(&self) -> bool {
        self.container_up && self.kubelet_active && self.kubelet_booted
    }
    /// Its pod CIDR (`10.244.<index>.0/24`).
    pub fn pod_cidr(&self) -> String {
        format!("10.244.{}.0/24", self.index)
    }
    /// It carries the `node.kubernetes.io/unreachable` taint.
    pub fn has_unreachable(&self) -> bool {
        self.taints.iter().any(|t| t.key == UNREACHABLE)
    }
    /// The ROLES column of `kubectl get nodes` (`control-plane`, `<none>`).
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

/// A Deployment (its ReplicaSet is implicit: the pods carry its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    /// The Deployment's namespace.
    pub namespace: String,
    /// The Deployment's name, unique in its namespace.
    pub name: String,
    /// The desired number of pods (`spec.replicas`).
    pub replicas: u32,
    /// The pod-template hash of its current ReplicaSet.
    pub rs_hash: String,
    /// The pods' spec.
    pub spec: PodSpec,
    /// When it was created.
    pub created: Millis,
    /// `kubectl get deployments -o wide`'s SELECTOR (`app.kubernetes.io/name=...`).
    pub selector: String,
}

/// A Kubernetes Event (what `kubectl get events` lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When it first happened.
    pub first: Millis,
    /// When it last happened.
    pub last: Millis,
    /// How many times it happened (the events of one object, reason and message are counted).
    pub count: u32,
    /// The namespace it is recorded in.
    pub namespace: String,
    /// A `Warning` event rather than a `Normal` one.
    pub warning: bool,
    /// Its reason (`NodeNotReady`, `Scheduled`, `FailedScheduling`).
    pub reason: String,
    /// `node/cluster01-worker2`, `pod/...`, `replicaset/...`
    pub object: String,
    /// Its message.
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

/// Builds a pod spec for an app as the chapter's manifests define it.
pub fn spec_for(app: App) -> PodSpec {
    let mut s = PodSpec {
        app,
        node_selector: BTreeMap::new(),
        host_ports: vec![],
        grace_s: 30,
        tolerations: Tolerations::Default,
        tolerate_control_plane: false,
        toleration_list: vec![],
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
