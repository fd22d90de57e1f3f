//! Plain pictures of the world's parts, as the real tools list them: what views and tests read.

/// A node as the topology view draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeView {
    /// The kind cluster it belongs to.
    pub cluster: String,
    /// The node's name (`cluster01-worker2`).
    pub name: String,
    /// The ROLES column of `kubectl get nodes`: `control-plane` or `<none>`.
    pub role: String,
    /// Its address on the docker network `kind`.
    pub ip: String,
    /// `Ready`, `NotReady`, `Ready,SchedulingDisabled`...
    pub status: String,
    /// The node container runs.
    pub container_running: bool,
    /// The kubelet runs.
    pub kubelet_running: bool,
    /// Its taints, as `key:effect`.
    pub taints: Vec<String>,
    /// Containers running in the node's containerd: (namespace/pod, hostPorts).
    pub runtime: Vec<(String, Vec<u16>)>,
}

/// A pod as `kubectl get pods -A -o wide` would show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodView {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's name, unique in its namespace.
    pub name: String,
    /// The node it is bound to (`None` while unscheduled).
    pub node: Option<String>,
    /// The STATUS column (`Running`, `Pending`, `Terminating`, `ContainerCreating`...).
    pub status: String,
    /// Its containers are ready.
    pub ready: bool,
    /// Its address, once it has one.
    pub ip: Option<String>,
}

/// A PersistentVolumeClaim as `kubectl get pvc` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PvcView {
    /// The kind cluster it belongs to.
    pub cluster: String,
    /// The claim's namespace.
    pub namespace: String,
    /// The claim's name, unique in its namespace.
    pub name: String,
    /// `Pending`, `Bound`, `Lost`, or `Terminating` (deleted, kept by pvc-protection).
    pub status: String,
    /// The volume it is bound to.
    pub volume: Option<String>,
    /// The bound volume's capacity (`1Gi`), when bound.
    pub capacity: Option<String>,
    /// What the claim asks for (`1Gi`).
    pub request: String,
    /// `RWO`, `RWO,RWX`...: the claim's own access modes.
    pub access_modes: String,
    /// `None`: no class (`storageClassName: ""`, or no default class existed).
    pub storage_class: Option<String>,
    /// The node the scheduler chose for its first consumer (`volume.kubernetes.io/selected-node`).
    pub selected_node: Option<String>,
    /// Pods whose volumes name the claim.
    pub used_by: Vec<String>,
}

/// A PersistentVolume as `kubectl get pv` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PvView {
    /// The kind cluster it belongs to.
    pub cluster: String,
    /// The volume's name.
    pub name: String,
    /// Its size (`1Gi`).
    pub capacity: String,
    /// `RWO`, `RWO,RWX`...: its access modes.
    pub access_modes: String,
    /// `Delete`, `Retain`, `Recycle`.
    pub reclaim_policy: String,
    /// `Available`, `Bound`, `Released`, `Failed`, or `Terminating`.
    pub status: String,
    /// `namespace/name` of the claim it is (or was) bound to.
    pub claim: Option<String>,
    /// Its class (`None`: no class).
    pub storage_class: Option<String>,
    /// The node its node affinity ties it to (local-path's volumes), if any.
    pub node: Option<String>,
    /// Its directory (`hostPath`/`local` path).
    pub path: Option<String>,
    /// Made by a provisioner (local-path), not by hand.
    pub dynamic: bool,
}

/// A StorageClass as `kubectl get sc` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageClassView {
    /// The kind cluster it belongs to.
    pub cluster: String,
    /// The class's name.
    pub name: String,
    /// The provisioner that makes its volumes (`rancher.io/local-path`).
    pub provisioner: String,
    /// `Delete`, `Retain`.
    pub reclaim_policy: String,
    /// `Immediate` or `WaitForFirstConsumer`.
    pub binding_mode: String,
    /// `allowVolumeExpansion` is true.
    pub allow_expansion: bool,
    /// Marked default (`storageclass.kubernetes.io/is-default-class: "true"`).
    pub is_default: bool,
}

/// A docker container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerView {
    /// The container's name.
    pub name: String,
    /// Its image.
    pub image: String,
    /// It runs.
    pub running: bool,
    /// Its address (empty when it has none): its first network's.
    pub ip: String,
    /// The docker networks it is on, sorted by name, each with its address there (empty on
    /// `host` and `none`).
    pub networks: Vec<(String, String)>,
}
