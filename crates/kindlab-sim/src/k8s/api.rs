//! The API objects (core/v1, apps/v1, events): nodes, pods and their specs, Deployments,
//! Events, and the pod specs of the chapter's apps.

use super::*;
use crate::kind::Role;
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

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
    pub added: Millis,
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
    pub fn ready_delay(&self) -> Millis {
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
    pub requested: Millis,
    pub grace_s: i64,
    /// When the kubelet will have killed the container and confirmed (None: kubelet away).
    pub kill_at: Option<Millis>,
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
    pub created: Millis,
    pub phase: Phase,
    /// The kubelet will start the container at this time.
    pub start_at: Option<Millis>,
    pub started_at: Option<Millis>,
    /// The readiness probe will pass at this time.
    pub ready_at: Option<Millis>,
    /// The READY column (container statuses, written by the kubelet only).
    pub container_ready: bool,
    /// The pod's Ready condition (endpoints, Deployment availability).
    pub ready_cond: bool,
    pub restarts: u32,
    pub last_restart: Option<Millis>,
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
    pub started: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub role: Role,
    pub ip: Ipv4Addr,
    pub index: u8,
    pub created: Millis,
    pub labels: BTreeMap<String, String>,
    pub unschedulable: bool,
    pub taints: Vec<Taint>,
    pub ready: CondStatus,
    pub ready_since: Millis,
    pub last_heartbeat: Millis,
    /// The node container runs (docker start/stop).
    pub container_up: bool,
    /// `systemctl start|stop kubelet` state.
    pub kubelet_active: bool,
    /// The kubelet process started at (for `systemctl status`).
    pub kubelet_since: Millis,
    pub kubelet_pid: u32,
    /// The kubelet has registered and posts status (lease renewals from `lease_base` on).
    pub kubelet_booted: bool,
    pub boot_at: Option<Millis>,
    pub lease_base: Millis,
    /// The last lease renewal before the kubelet went away.
    pub last_renew: Millis,
    /// When the node controller will clear the unreachable taints.
    pub taint_clear_at: Option<Millis>,
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
    pub created: Millis,
    /// `kubectl get deployments -o wide`'s SELECTOR (`app.kubernetes.io/name=...`).
    pub selector: String,
}

/// A Kubernetes Event (what `kubectl get events` lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub first: Millis,
    pub last: Millis,
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
