//! The storage objects: StorageClasses, PersistentVolumes, PersistentVolumeClaims and their
//! parts (access modes, phases, node affinity), and the cluster's storage state.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reclaim {
    Delete,
    Retain,
    Recycle,
}

impl Reclaim {
    pub fn parse(s: &str) -> Option<Reclaim> {
        match s {
            "Delete" => Some(Reclaim::Delete),
            "Retain" => Some(Reclaim::Retain),
            "Recycle" => Some(Reclaim::Recycle),
            _ => None,
        }
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            Reclaim::Delete => "Delete",
            Reclaim::Retain => "Retain",
            Reclaim::Recycle => "Recycle",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingMode {
    Immediate,
    WaitForFirstConsumer,
}

impl BindingMode {
    pub fn parse(s: &str) -> Option<BindingMode> {
        match s {
            "Immediate" => Some(BindingMode::Immediate),
            "WaitForFirstConsumer" => Some(BindingMode::WaitForFirstConsumer),
            _ => None,
        }
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            BindingMode::Immediate => "Immediate",
            BindingMode::WaitForFirstConsumer => "WaitForFirstConsumer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessMode {
    ReadWriteOnce,
    ReadOnlyMany,
    ReadWriteMany,
    ReadWriteOncePod,
}

impl AccessMode {
    pub const ALL: [AccessMode; 4] = [
        AccessMode::ReadWriteOnce,
        AccessMode::ReadOnlyMany,
        AccessMode::ReadWriteMany,
        AccessMode::ReadWriteOncePod,
    ];
    pub fn parse(s: &str) -> Option<AccessMode> {
        AccessMode::ALL.into_iter().find(|m| m.as_str() == s)
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            AccessMode::ReadWriteOnce => "ReadWriteOnce",
            AccessMode::ReadOnlyMany => "ReadOnlyMany",
            AccessMode::ReadWriteMany => "ReadWriteMany",
            AccessMode::ReadWriteOncePod => "ReadWriteOncePod",
        }
    }
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageClass {
    pub name: String,
    pub uid: String,
    pub provisioner: String,
    pub reclaim: Reclaim,
    pub binding: BindingMode,
    pub allow_expansion: Option<bool>,
    pub parameters: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub mount_options: Vec<String>,
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
        path: String,
        kind: String,
    },
    Local {
        path: String,
    },
    Csi {
        driver: String,
        handle: String,
    },
    /// Another volume plugin (`nfs`, `iscsi`, ...), by its field name.
    Other(String),
}

/// One `matchExpressions` entry of a node selector term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchExpr {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

impl MatchExpr {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PvPhase {
    Pending,
    Available,
    Bound,
    Released,
    Failed,
}

impl PvPhase {
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRef {
    pub namespace: String,
    pub name: String,
    /// Empty for a PV pre-bound by name in its manifest.
    pub uid: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersistentVolume {
    pub name: String,
    pub uid: String,
    pub capacity: Quantity,
    pub modes: Vec<AccessMode>,
    pub reclaim: Reclaim,
    /// `""`: no class.
    pub class: String,
    pub volume_mode: String,
    pub claim_ref: Option<ClaimRef>,
    pub phase: PvPhase,
    pub source: PvSource,
    /// `spec.nodeAffinity.required.nodeSelectorTerms` (empty: none).
    pub affinity: Vec<Vec<MatchExpr>>,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub created: Millis,
    /// `kubectl delete pv` asked (pv-protection keeps a Bound PV).
    pub deletion: Option<Millis>,
    /// local-path's helper pod will have cleaned the directory (Released, Delete).
    pub delete_at: Option<Millis>,
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
    pub fn path(&self) -> Option<&str> {
        match &self.source {
            PvSource::HostPath { path, .. } | PvSource::Local { path } => Some(path),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PvcPhase {
    Pending,
    Bound,
    Lost,
}

impl PvcPhase {
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
    pub reason: String,
    pub message: String,
    pub warning: bool,
    pub source: String,
    pub first: Millis,
    /// The event's count when the repeat started.
    pub base: u32,
    /// Resyncs already counted into the event.
    pub ticks: i64,
}

/// A claim being provisioned for a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provisioning {
    pub node: String,
    /// The provisioner picks the claim up (`Provisioning` event).
    pub pick_at: Option<Millis>,
    /// Its helper pod has made the directory: the PV is created.
    pub done_at: Option<Millis>,
    /// The helper pod could not run (its node's kubelet is away): `ProvisioningFailed` then.
    pub fail_at: Option<Millis>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersistentVolumeClaim {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    /// After admission: `Some("standard")` for a claim without a class when a default exists,
    /// `Some("")` for "no class", `None` when no class was given and there was no default.
    pub class: Option<String>,
    pub request: Quantity,
    pub modes: Vec<AccessMode>,
    pub volume_mode: String,
    /// `spec.volumeName` (given in the manifest or set on binding).
    pub volume_name: Option<String>,
    pub selector: BTreeMap<String, String>,
    pub phase: PvcPhase,
    pub capacity: Option<Quantity>,
    pub bound_modes: Vec<AccessMode>,
    pub labels: BTreeMap<String, String>,
    /// Annotations the controllers set (bind-completed, selected-node, storage-provisioner).
    pub annotations: BTreeMap<String, String>,
    pub created: Millis,
    pub deletion: Option<Millis>,
    /// A static PV the scheduler chose for the selected node.
    pub static_pick: Option<String>,
    pub prov: Option<Provisioning>,
    pub repeats: Vec<Repeat>,
}

impl PersistentVolumeClaim {
    pub fn class_name(&self) -> &str {
        self.class.as_deref().unwrap_or("")
    }
    pub fn selected_node(&self) -> Option<&str> {
        self.annotations.get(SELECTED_NODE).map(|s| s.as_str())
    }
    pub fn object(&self) -> String {
        format!("persistentvolumeclaim/{}", self.name)
    }
}

/// A pod the scheduler has placed, waiting in PreBind for its volumes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeWait {
    pub node: String,
    pub since: Millis,
    /// The PreBind poll that will find the claims bound.
    pub bind_at: Option<Millis>,
}

/// The storage objects of a cluster.
#[derive(Debug, Clone, Default)]
pub struct Storage {
    pub classes: Vec<StorageClass>,
    pub pvs: Vec<PersistentVolume>,
    pub pvcs: Vec<PersistentVolumeClaim>,
    /// local-path-provisioner's identity (`<pod>_<uuid>`) per provisioner pod uid.
    pub provisioner_ids: BTreeMap<u64, String>,
    /// What local-path's helper pods left under `/var/local-path-provisioner` on each node (the
    /// directory itself exists once a volume was made there).
    pub dirs: BTreeMap<String, std::collections::BTreeSet<String>>,
}
