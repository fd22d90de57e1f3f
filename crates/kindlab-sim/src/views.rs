//! Plain pictures of the world's parts, as the real tools list them: what views and tests read.

/// A node as the topology view draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeView {
    pub cluster: String,
    pub name: String,
    pub role: String,
    pub ip: String,
    /// `Ready`, `NotReady`, `Ready,SchedulingDisabled`...
    pub status: String,
    pub container_running: bool,
    pub kubelet_running: bool,
    pub taints: Vec<String>,
    /// Containers running in the node's containerd: (namespace/pod, hostPorts).
    pub runtime: Vec<(String, Vec<u16>)>,
}

/// A pod as `kubectl get pods -A -o wide` would show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodView {
    pub namespace: String,
    pub name: String,
    pub node: Option<String>,
    pub status: String,
    pub ready: bool,
    pub ip: Option<String>,
}

/// A PersistentVolumeClaim as `kubectl get pvc` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PvcView {
    pub cluster: String,
    pub namespace: String,
    pub name: String,
    /// `Pending`, `Bound`, `Lost`, or `Terminating` (deleted, kept by pvc-protection).
    pub status: String,
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
    pub cluster: String,
    pub name: String,
    pub capacity: String,
    pub access_modes: String,
    /// `Delete`, `Retain`, `Recycle`.
    pub reclaim_policy: String,
    /// `Available`, `Bound`, `Released`, `Failed`, or `Terminating`.
    pub status: String,
    /// `namespace/name` of the claim it is (or was) bound to.
    pub claim: Option<String>,
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
    pub cluster: String,
    pub name: String,
    pub provisioner: String,
    pub reclaim_policy: String,
    /// `Immediate` or `WaitForFirstConsumer`.
    pub binding_mode: String,
    pub allow_expansion: bool,
    /// Marked default (`storageclass.kubernetes.io/is-default-class: "true"`).
    pub is_default: bool,
}

/// A docker container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerView {
    pub name: String,
    pub image: String,
    pub running: bool,
    pub ip: String,
}
