//! The storage objects: StorageClasses, PersistentVolumes, PersistentVolumeClaims and their
//! parts (access modes, phases, node affinity), and the cluster's storage state.

use super::*;

/// What happens to a PersistentVolume once its claim is gone (`persistentVolumeReclaimPolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reclaim {
    /// The volume is deleted (by its provisioner; local-path cleans the directory first).
    Delete,
    /// The volume is kept, `Released`, with its data.
    Retain,
    /// Deprecated scrubbing; kept here like `Retain`.
    Recycle,
}

impl Reclaim {
    /// Reads a policy as written in a manifest (`Delete`, `Retain`, `Recycle`).
    pub fn parse(s: &str) -> Option<Reclaim> {
        match s {
            "Delete" => Some(Reclaim::Delete),
            "Retain" => Some(Reclaim::Retain),
            "Recycle" => Some(Reclaim::Recycle),
            _ => None,
        }
    }
    /// The policy as the API server prints it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Reclaim::Delete => "Delete",
            Reclaim::Retain => "Retain",
            Reclaim::Recycle => "Recycle",
        }
    }
}

/// When a StorageClass's claims are bound (`volumeBindingMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingMode {
    /// At once, to any matching volume (or by provisioning without a node).
    Immediate,
    /// Only once the scheduler has placed a pod that uses the claim, on that pod's node.
    WaitForFirstConsumer,
}

impl BindingMode {
    /// Reads a binding mode as written in a manifest.
    pub fn parse(s: &str) -> Option<BindingMode> {
        match s {
            "Immediate" => Some(BindingMode::Immediate),
            "WaitForFirstConsumer" => Some(BindingMode::WaitForFirstConsumer),
            _ => None,
        }
    }
    /// The binding mode as the API server prints it.
    pub fn as_str(&self) -> &'static str {
        match self {
            BindingMode::Immediate => "Immediate",
            BindingMode::WaitForFirstConsumer => "WaitForFirstConsumer",
        }
    }
}

/// How a volume may be mounted (`accessModes`), in kubectl's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessMode {
    /// `RWO`: read-write by the pods of one node.
    ReadWriteOnce,
    /// `ROX`: read-only by many nodes.
    ReadOnlyMany,
    /// `RWX`: read-write by many nodes.
    ReadWriteMany,
    /// `RWOP`: read-write by one pod (not enforced across pods here).
    ReadWriteOncePod,
}

impl AccessMode {
    /// Every access mode, in the order kubectl prints them.
    pub const ALL: [AccessMode; 4] = [
        AccessMode::ReadWriteOnce,
        AccessMode::ReadOnlyMany,
        AccessMode::ReadWriteMany,
        AccessMode::ReadWriteOncePod,
    ];
    /// Reads an access mode as written in a manifest (`ReadWriteOnce`).
    pub fn parse(s: &str) -> Option<AccessMode> {
        AccessMode::ALL.into_iter().find(|m| m.as_str() == s)
    }
    /// The full name (`ReadWriteOnce`).
    pub fn as_str(&self) -> &'static str {
        match self {
            AccessMode::ReadWriteOnce => "ReadWriteOnce",
            AccessMode::ReadOnlyMany => "ReadOnlyMany",
            AccessMode::ReadWriteMany => "ReadWriteMany",
            AccessMode::ReadWriteOncePod => "ReadWriteOncePod",
        }
    }
    /// The short form of `kubectl get pv/pvc` (`RWO`).
    pub fn short(&self) -> &'static str {
        match self {
            AccessMode::ReadWriteOnce => "RWO",
            AccessMode::ReadOnlyMany => "ROX",
            AccessMode::ReadWriteMany => "RWX",
            AccessMode::ReadWriteOncePod => "RWOP",
        }
    }
}

/// `RWO,ROX`: kubectl's `GetAccessModesAsString` (fixed order, each once).
pub fn modes_str(modes: &[AccessMode]) -> String {
    AccessMode::ALL
        .iter()
        .filter(|m| modes.contains(m))
        .map(|m| m.short())
        .collect::<Vec<_>>()
        .join(",")
}

/// A StorageClass: who provisions its volumes, how they are reclaimed and when claims bind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageClass {
    /// The class's name (what `storageClassName` refers to).
    pub name: String,
    /// The UID the API server gave it.
    pub uid: String,
    /// The provisioner that makes its volumes (`rancher.io/local-path`, `kubernetes.io/no-provisioner`).
    pub provisioner: String,
    /// The reclaim policy of the volumes it provisions.
    pub reclaim: Reclaim,
    /// When its claims bind.
    pub binding: BindingMode,
    /// `allowVolumeExpansion` (`None` when not set).
    pub allow_expansion: Option<bool>,
    /// `parameters`, passed to the provisioner (immutable).
    pub parameters: BTreeMap<String, String>,
    /// The class's labels.
    pub labels: BTreeMap<String, String>,
    /// The class's annotations (the default-class one, kubectl's last-applied configuration).
    pub annotations: BTreeMap<String, String>,
    /// `mountOptions` of the volumes it provisions.
    pub mount_options: Vec<String>,
    /// When it was created.
    pub created: Millis,
}

impl StorageClass {
    /// Carries the default-class annotation (or its beta form) set to `true`.
    pub fn is_default(&self) -> bool {
        [DEFAULT_CLASS_ANN, BETA_DEFAULT_CLASS_ANN]
            .iter()
            .any(|k| self.annotations.get(*k).map(|v| v.as_str()) == Some("true"))
    }
}

/// Where a PV's data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PvSource {
    /// `hostPath` (local-path's PVs are of this kind); `kind` is `hostPath.type`.
    HostPath {
        /// The directory on the node.
        path: String,
        /// `hostPath.type` (`DirectoryOrCreate`; empty when not given).
        kind: String,
    },
    /// `local`: a disk or directory of one node (needs node affinity).
    Local {
        /// The path on the node.
        path: String,
    },
    /// `csi`: a volume of a CSI driver.
    Csi {
        /// The driver's name.
        driver: String,
        /// `volumeHandle`, the driver's identifier of the volume.
        handle: String,
    },
    /// Another volume plugin (`nfs`, `iscsi`, ...), by its field name.
    Other(String),
}

/// One `matchExpressions` entry of a node selector term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchExpr {
    /// The node label it looks at.
    pub key: String,
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.
    pub operator: String,
    /// The values `In`/`NotIn` compare with (one integer for `Gt`/`Lt`).
    pub values: Vec<String>,
}

impl MatchExpr {
    /// The expression holds for a node with these labels.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let v = labels.get(&self.key);
        match self.operator.as_str() {
            "In" => v.is_some_and(|v| self.values.contains(v)),
            "NotIn" => !v.is_some_and(|v| self.values.contains(v)),
            "Exists" => v.is_some(),
            "DoesNotExist" => v.is_none(),
            "Gt" | "Lt" => {
                let (Some(v), Some(x)) = (
                    v.and_then(|v| v.parse::<i64>().ok()),
                    self.values.first().and_then(|x| x.parse::<i64>().ok()),
                ) else {
                    return false;
                };
                if self.operator == "Gt" {
                    v > x
                } else {
                    v < x
                }
            }
            _ => false,
        }
    }
}

/// Node selector terms: any term may match; all expressions of a term must.
pub fn terms_match(terms: &[Vec<MatchExpr>], labels: &BTreeMap<String, String>) -> bool {
    terms.is_empty() || terms.iter().any(|t| t.iter().all(|e| e.matches(labels)))
}

/// A PersistentVolume's phase (`STATUS` in `kubectl get pv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PvPhase {
    /// Not yet available.
    Pending,
    /// Free: a claim may bind it.
    Available,
    /// Bound to a claim.
    Bound,
    /// Its claim is gone; kept (`Retain`) or about to be deleted.
    Released,
    /// Its reclaim failed (a hostPath deleter outside `/tmp/`).
    Failed,
}

impl PvPhase {
    /// The phase as kubectl prints it.
    pub fn as_str(&self) -> &'static str {
        match self {
            PvPhase::Pending => "Pending",
            PvPhase::Available => "Available",
            PvPhase::Bound => "Bound",
            PvPhase::Released => "Released",
            PvPhase::Failed => "Failed",
        }
    }
}

/// The claim a PersistentVolume is bound (or pre-bound) to (`spec.claimRef`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRef {
    /// The claim's namespace.
    pub namespace: String,
    /// The claim's name.
    pub name: String,
    /// Empty for a PV pre-bound by name in its manifest.
    pub uid: String,
}

/// A PersistentVolume: static (from a manifest) or made by local-path-provisioner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersistentVolume {
    /// The volume's name (`pvc-<claim uid>` when provisioned).
    pub name: String,
    /// The UID the API server gave it.
    pub uid: String,
    /// Its size (`capacity.storage`).
    pub capacity: Quantity,
    /// The access modes it offers.
    pub modes: Vec<AccessMode>,
    /// What happens to it once its claim is gone.
    pub reclaim: Reclaim,
    /// `""`: no class.
    pub class: String,
    /// `Filesystem` or `Block`.
    pub volume_mode: String,
    /// The claim it is bound to, or pre-bound to by its manifest.
    pub claim_ref: Option<ClaimRef>,
    /// Its phase.
    pub phase: PvPhase,
    /// Where its data lives.
    pub source: PvSource,
    /// `spec.nodeAffinity.required.nodeSelectorTerms` (empty: none).
    pub affinity: Vec<Vec<MatchExpr>>,
    /// The volume's labels (what a claim's selector matches).
    pub labels: BTreeMap<String, String>,
    /// The volume's annotations (`pv.kubernetes.io/provisioned-by`, kubectl's last-applied one).
    pub annotations: BTreeMap<String, String>,
    /// When it was created.
    pub created: Millis,
    /// `kubectl delete pv` asked (pv-protection keeps a Bound PV).
    pub deletion: Option<Millis>,
    /// local-path's helper pod will have cleaned the directory (Released, Delete).
    pub delete_at: Option<Millis>,
    /// Why it failed, as `kubectl describe pv` shows it (empty unless `Failed`).
    pub message: String,
    /// Made by local-path-provisioner.
    pub dynamic: bool,
}

impl PersistentVolume {
    /// The node a local-path PV (or a PV with a hostname affinity) lives on.
    pub fn node(&self) -> Option<&str> {
        self.affinity
            .iter()
            .flatten()
            .find(|e| e.key == "kubernetes.io/hostname" && e.operator == "In")
            .and_then(|e| e.values.first())
            .map(|s| s.as_str())
    }
    /// The directory of a hostPath or local volume.
    pub fn path(&self) -> Option<&str> {
        match &self.source {
            PvSource::HostPath { path, .. } | PvSource::Local { path } => Some(path),
            _ => None,
        }
    }
}

/// A PersistentVolumeClaim's phase (`STATUS` in `kubectl get pvc`; `Terminating` is a deletion, not a phase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PvcPhase {
    /// Not bound yet.
    Pending,
    /// Bound to a volume.
    Bound,
    /// Its volume went away.
    Lost,
}

impl PvcPhase {
    /// The phase as kubectl prints it.
    pub fn as_str(&self) -> &'static str {
        match self {
            PvcPhase::Pending => "Pending",
            PvcPhase::Bound => "Bound",
            PvcPhase::Lost => "Lost",
        }
    }
}

/// An event the PV controller (or a provisioner) repeats at every resync while a claim waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// The event's reason (`WaitForFirstConsumer`, `ExternalProvisioning`).
    pub reason: String,
    /// The event's message.
    pub message: String,
    /// A `Warning` event rather than a `Normal` one.
    pub warning: bool,
    /// Who records it (`persistentvolume-controller`, a provisioner's identity).
    pub source: String,
    /// When the repeat started.
    pub first: Millis,
    /// The event's count when the repeat started.
    pub base: u32,
    /// Resyncs already counted into the event.
    pub ticks: i64,
}

/// A claim being provisioned for a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provisioning {
    /// The node the scheduler selected for the claim (where the directory is made).
    pub node: String,
    /// The provisioner picks the claim up (`Provisioning` event).
    pub pick_at: Option<Millis>,
    /// Its helper pod has made the directory: the PV is created.
    pub done_at: Option<Millis>,
    /// The helper pod could not run (its node's kubelet is away): `ProvisioningFailed` then.
    pub fail_at: Option<Millis>,
}

/// A PersistentVolumeClaim, as admission made it and the controllers moved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersistentVolumeClaim {
    /// The claim's namespace.
    pub namespace: String,
    /// The claim's name, unique in its namespace.
    pub name: String,
    /// The UID the API server gave it (a provisioned volume is named `pvc-<uid>`).
    pub uid: String,
    /// After admission: `Some("standard")` for a claim without a class when a default exists,
    /// `Some("")` for "no class", `None` when no class was given and there was no default.
    pub class: Option<String>,
    /// The size asked for (`resources.requests.storage`).
    pub request: Quantity,
    /// The access modes asked for.
    pub modes: Vec<AccessMode>,
    /// `Filesystem` or `Block`.
    pub volume_mode: String,
    /// `spec.volumeName` (given in the manifest or set on binding).
    pub volume_name: Option<String>,
    /// `selector.matchLabels`: the labels a static volume must carry.
    pub selector: BTreeMap<String, String>,
    /// Its phase.
    pub phase: PvcPhase,
    /// The bound volume's size (`status.capacity`), once bound.
    pub capacity: Option<Quantity>,
    /// The bound volume's access modes (`status.accessModes`), once bound.
    pub bound_modes: Vec<AccessMode>,
    /// The claim's labels.
    pub labels: BTreeMap<String, String>,
    /// Annotations the controllers set (bind-completed, selected-node, storage-provisioner).
    pub annotations: BTreeMap<String, String>,
    /// When it was created.
    pub created: Millis,
    /// When `kubectl delete` asked for it to go (pvc-protection keeps it while a pod uses it).
    pub deletion: Option<Millis>,
    /// A static PV the scheduler chose for the selected node.
    pub static_pick: Option<String>,
    /// The provisioning under way for its selected node, if any.
    pub prov: Option<Provisioning>,
    /// The events repeated at every resync while it waits.
    pub repeats: Vec<Repeat>,
}

impl PersistentVolumeClaim {
    /// The class it names (`""` for none).
    pub fn class_name(&self) -> &str {
        self.class.as_deref().unwrap_or("")
    }
    /// The node the scheduler selected for it (`volume.kubernetes.io/selected-node`).
    pub fn selected_node(&self) -> Option<&str> {
        self.annotations.get(SELECTED_NODE).map(|s| s.as_str())
    }
    /// The object as events name it: `persistentvolumeclaim/<name>`.
    pub fn object(&self) -> String {
        format!("persistentvolumeclaim/{}", self.name)
    }
}

/// A pod the scheduler has placed, waiting in PreBind for its volumes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeWait {
    /// The node it was placed on.
    pub node: String,
    /// When it started waiting.
    pub since: Millis,
    /// The PreBind poll that will find the claims bound.
    pub bind_at: Option<Millis>,
}

/// The storage objects of a cluster.
#[derive(Debug, Clone, Default)]
pub struct Storage {
    /// The StorageClasses.
    pub classes: Vec<StorageClass>,
    /// The PersistentVolumes.
    pub pvs: Vec<PersistentVolume>,
    /// The PersistentVolumeClaims, in creation order.
    pub pvcs: Vec<PersistentVolumeClaim>,
    /// local-path-provisioner's identity (`<pod>_<uuid>`) per provisioner pod uid.
    pub provisioner_ids: BTreeMap<u64, String>,
    /// What local-path's helper pods left under `/var/local-path-provisioner` on each node (the
    /// directory itself exists once a volume was made there).
    pub dirs: BTreeMap<String, std::collections::BTreeSet<String>>,
}
