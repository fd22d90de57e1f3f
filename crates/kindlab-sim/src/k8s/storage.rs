//! Storage in a kind cluster: StorageClasses, PersistentVolumes and PersistentVolumeClaims, and
//! the controllers that move them — the PV controller (binder), kind's local-path provisioner
//! (`rancher.io/local-path`), pvc- and pv-protection, and the scheduler's VolumeBinding plugin.
//!
//! Facts followed (kube-controller-manager's `persistentvolume` package, kube-scheduler's
//! `volumebinding` plugin, sig-storage-lib-external-provisioner, local-path-provisioner):
//! - kind installs the default class `standard` (`rancher.io/local-path`, `Delete`,
//!   `WaitForFirstConsumer`); a claim without `storageClassName` gets the default class at
//!   admission (the newest default if several); `storageClassName: ""` means "no class": such a
//!   claim binds only static PVs without a class.
//! - Immediate claims bind at once to the matching Available PV whose access modes are the
//!   smallest superset of the claim's, then the smallest that is big enough; with no match, a
//!   class's provisioner is asked (`ExternalProvisioning`), or `FailedBinding` without a class.
//! - WaitForFirstConsumer claims wait (`WaitForFirstConsumer`, again at every 15 s resync) until
//!   the scheduler has picked a node for a pod that uses them: it writes
//!   `volume.kubernetes.io/selected-node` and waits in PreBind (polling every second) while a
//!   static PV for that node is bound or the provisioner makes one. local-path runs a helper
//!   pod on that node to create `/var/local-path-provisioner/pvc-<uid>_<ns>_<name>` and creates a
//!   PV with node affinity `kubernetes.io/hostname in [<node>]`. Only then is the pod bound
//!   (`Scheduled`) and started.
//! - A claim in use by a scheduled pod is not removed while the pod exists (pvc-protection); a
//!   Bound PV is not removed while bound (pv-protection). A PV whose claim is gone is `Released`;
//!   `Delete` removes it (local-path: after its helper pod cleaned the directory on the node),
//!   `Retain` keeps it. A static hostPath PV with `Delete` fails outside `/tmp/`
//!   (`host_path deleter only supports /tmp/.+`).
//! - A pod whose volume is bound to a node can only go to that node (`volume node affinity
//!   conflict`).
//!
//! Repeated events (the 15 s resyncs) are counted lazily (see [`Cluster::storage_refresh`]), so
//! a claim pending for a year costs no wake-ups.

use super::quantity::Quantity;
use super::{Cluster, K8sRng, Node, Owner, Phase, Pod, PodSpec};
use crate::fmt::Ts;
use crate::k8s::App;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

pub const LOCAL_PATH: &str = "rancher.io/local-path";
pub const NO_PROVISIONER: &str = "kubernetes.io/no-provisioner";
pub const LOCAL_PATH_DIR: &str = "/var/local-path-provisioner";
pub const DEFAULT_CLASS_ANN: &str = "storageclass.kubernetes.io/is-default-class";
pub const BETA_DEFAULT_CLASS_ANN: &str = "storageclass.beta.kubernetes.io/is-default-class";
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
pub const SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";
/// The PV controller's resync period (`--pvclaimbinder-sync-period`).
pub const RESYNC: Ts = 15_000;
/// The scheduler's PreBind polls the claims every second.
pub const BIND_POLL: Ts = 1_000;
/// local-path-provisioner gives up on a helper pod after two minutes.
pub const HELPER_TIMEOUT: Ts = 120_000;
pub const PV_CONTROLLER: &str = "persistentvolume-controller";

/// kind's StorageClass manifest as kind applies it (the last-applied annotation keeps it).
pub const KIND_STANDARD_LAST_APPLIED: &str = "{\"apiVersion\":\"storage.k8s.io/v1\",\"kind\":\"StorageClass\",\"metadata\":{\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"true\"},\"name\":\"standard\"},\"provisioner\":\"rancher.io/local-path\",\"reclaimPolicy\":\"Delete\",\"volumeBindingMode\":\"WaitForFirstConsumer\"}\n";

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
    pub created: Ts,
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
    pub created: Ts,
    /// `kubectl delete pv` asked (pv-protection keeps a Bound PV).
    pub deletion: Option<Ts>,
    /// local-path's helper pod will have cleaned the directory (Released, Delete).
    pub delete_at: Option<Ts>,
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
    pub first: Ts,
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
    pub pick_at: Option<Ts>,
    /// Its helper pod has made the directory: the PV is created.
    pub done_at: Option<Ts>,
    /// The helper pod could not run (its node's kubelet is away): `ProvisioningFailed` then.
    pub fail_at: Option<Ts>,
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
    pub created: Ts,
    pub deletion: Option<Ts>,
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
    pub since: Ts,
    /// The PreBind poll that will find the claims bound.
    pub bind_at: Option<Ts>,
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

/// A random (version 4) UUID, as the API server gives objects.
pub fn uuid4(rng: &mut ChaCha8Rng) -> String {
    let mut b = [0u8; 16];
    rng.fill(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

impl Storage {
    /// What `kind create cluster` installs: the `standard` class (created at `t`).
    pub fn kind_default(t: Ts, rng: &mut ChaCha8Rng) -> Storage {
        let mut annotations = BTreeMap::new();
        annotations.insert(LAST_APPLIED.into(), KIND_STANDARD_LAST_APPLIED.into());
        annotations.insert(DEFAULT_CLASS_ANN.into(), "true".into());
        Storage {
            classes: vec![StorageClass {
                name: "standard".into(),
                uid: uuid4(rng),
                provisioner: LOCAL_PATH.into(),
                reclaim: Reclaim::Delete,
                binding: BindingMode::WaitForFirstConsumer,
                allow_expansion: None,
                parameters: BTreeMap::new(),
                labels: BTreeMap::new(),
                annotations,
                mount_options: vec![],
                created: t,
            }],
            ..Storage::default()
        }
    }

    pub fn class(&self, name: &str) -> Option<&StorageClass> {
        self.classes.iter().find(|c| c.name == name)
    }
    pub fn pv(&self, name: &str) -> Option<&PersistentVolume> {
        self.pvs.iter().find(|v| v.name == name)
    }
    pub fn pvc(&self, ns: &str, name: &str) -> Option<&PersistentVolumeClaim> {
        self.pvcs
            .iter()
            .find(|c| c.namespace == ns && c.name == name)
    }
    fn pvc_index(&self, ns: &str, name: &str) -> Option<usize> {
        self.pvcs
            .iter()
            .position(|c| c.namespace == ns && c.name == name)
    }

    /// The default class a claim without `storageClassName` gets (the newest if several).
    pub fn default_class(&self) -> Option<&StorageClass> {
        self.classes
            .iter()
            .filter(|c| c.is_default())
            .max_by(|a, b| a.created.cmp(&b.created).then(b.name.cmp(&a.name)))
    }

    /// The claim waits for a consumer (its class exists and says WaitForFirstConsumer).
    pub fn is_delayed(&self, pvc: &PersistentVolumeClaim) -> bool {
        let c = pvc.class_name();
        !c.is_empty()
            && self
                .class(c)
                .is_some_and(|sc| sc.binding == BindingMode::WaitForFirstConsumer)
    }

    /// The PV controller's (and the scheduler's) `FindMatchingVolume`: an Available PV of the
    /// claim's class and volume mode with all its access modes and at least its size (and, for
    /// the scheduler, an affinity that admits `node`). The controller prefers the smallest
    /// superset of access modes, then the smallest size; the scheduler the smallest size.
    pub fn find_matching_pv(
        &self,
        pvc: &PersistentVolumeClaim,
        node: Option<&Node>,
    ) -> Option<usize> {
        let fits = |v: &PersistentVolume| -> bool {
            if let Some(name) = &pvc.volume_name {
                if &v.name != name {
                    return false;
                }
            }
            if let Some(r) = &v.claim_ref {
                // pre-bound to another claim
                if r.namespace != pvc.namespace
                    || r.name != pvc.name
                    || (!r.uid.is_empty() && r.uid != pvc.uid)
                {
                    return false;
                }
            }
            v.phase == PvPhase::Available
                && v.deletion.is_none()
                && v.class == pvc.class_name()
                && v.volume_mode == pvc.volume_mode
                && pvc.modes.iter().all(|m| v.modes.contains(m))
                && v.capacity.value() >= pvc.request.value()
                && pvc
                    .selector
                    .iter()
                    .all(|(k, val)| v.labels.get(k) == Some(val))
                && node.is_none_or(|n| terms_match(&v.affinity, &n.labels))
        };
        let mut cands: Vec<usize> = (0..self.pvs.len())
            .filter(|&i| fits(&self.pvs[i]))
            .collect();
        // a PV pre-bound to this claim wins
        if let Some(&i) = cands.iter().find(|&&i| {
            self.pvs[i]
                .claim_ref
                .as_ref()
                .is_some_and(|r| r.name == pvc.name && r.namespace == pvc.namespace)
        }) {
            return Some(i);
        }
        cands.sort_by(|&a, &b| {
            let (x, y) = (&self.pvs[a], &self.pvs[b]);
            let modes = |v: &PersistentVolume| if node.is_none() { v.modes.len() } else { 0 };
            (modes(x), x.capacity.value(), &x.name).cmp(&(modes(y), y.capacity.value(), &y.name))
        });
        cands.first().copied()
    }
}

/// A claim's volume as the kubelet would see it, for the scheduler.
fn pod_claims(spec: &PodSpec) -> impl Iterator<Item = &String> {
    spec.claims.iter()
}

impl Cluster {
    /// The running local-path-provisioner pod, if any (its container runs: it works even while
    /// its node's kubelet is away).
    pub fn local_path_provisioner(&self) -> Option<&Pod> {
        self.pods.iter().find(|p| {
            p.spec.app == App::LocalPath
                && p.phase == Phase::Running
                && p.deletion.is_none()
                && p.node
                    .as_deref()
                    .and_then(|n| self.node(n))
                    .is_some_and(|n| n.container_up)
        })
    }

    /// The event source local-path-provisioner writes: `rancher.io/local-path_<pod>_<uuid>`.
    fn provisioner_source(&mut self, rng: &mut ChaCha8Rng) -> Option<String> {
        let (uid, name) = {
            let p = self.local_path_provisioner()?;
            (p.uid, p.name.clone())
        };
        let id = self
            .storage
            .provisioner_ids
            .entry(uid)
            .or_insert_with(|| format!("{name}_{}", uuid4(rng)))
            .clone();
        Some(format!("{LOCAL_PATH}_{id}"))
    }

    fn node_alive(&self, name: &str) -> bool {
        self.node(name).is_some_and(|n| n.kubelet_alive())
    }

    /// Records an event with its source (the `From` column of `kubectl describe`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn event_from(
        &mut self,
        at: Ts,
        ns: &str,
        warning: bool,
        reason: &str,
        object: &str,
        message: &str,
        source: &str,
    ) {
        self.event(at, ns, warning, reason, object, message);
        if let Some(e) = self.events.iter_mut().rev().find(|e| {
            e.namespace == ns && e.reason == reason && e.object == object && e.message == message
        }) {
            e.source = source.to_string();
        }
    }

    /// Starts (or keeps) a repeated event on claim `ci`: recorded now, then again at every resync.
    fn repeat(
        &mut self,
        ci: usize,
        now: Ts,
        reason: &str,
        message: &str,
        warning: bool,
        source: &str,
    ) {
        let c = &self.storage.pvcs[ci];
        if c.repeats
            .iter()
            .any(|r| r.reason == reason && r.message == message)
        {
            return;
        }
        let (ns, obj) = (c.namespace.clone(), c.object());
        self.event_from(now, &ns, warning, reason, &obj, message, source);
        let base = self
            .events
            .iter()
            .rev()
            .find(|e| e.object == obj && e.reason == reason && e.message == message)
            .map_or(1, |e| e.count);
        self.storage.pvcs[ci].repeats.push(Repeat {
            reason: reason.into(),
            message: message.into(),
            warning,
            source: source.into(),
            first: now,
            base,
            ticks: 0,
        });
    }

    /// Brings the counts of repeated events up to `now` (every resync since they started).
    pub fn storage_refresh(&mut self, now: Ts) {
        for c in self.storage.pvcs.iter_mut() {
            if c.repeats.is_empty() {
                continue;
            }
            let obj = c.object();
            for r in c.repeats.iter_mut() {
                let ticks = (now - r.first).max(0) / RESYNC;
                if ticks <= r.ticks {
                    // nothing new to count (the common case: no search through the events)
                    continue;
                }
                r.ticks = ticks;
                let count = r.base + ticks as u32;
                let last = r.first + ticks * RESYNC;
                if let Some(e) = self.events.iter_mut().rev().find(|e| {
                    e.namespace == c.namespace
                        && e.object == obj
                        && e.reason == r.reason
                        && e.message == r.message
                }) {
                    if count > e.count {
                        e.count = count;
                        e.last = last;
                    }
                }
            }
        }
    }

    /// Ends claim `ci`'s repeated events at `now` (keeping those in `keep`).
    fn end_repeats(&mut self, ci: usize, now: Ts, keep: &[&str]) {
        self.storage_refresh(now);
        self.storage.pvcs[ci]
            .repeats
            .retain(|r| keep.contains(&r.reason.as_str()));
    }

    /// Scheduled pods (or pods being bound) of `ns` that use claim `name`.
    fn claim_users(&self, ns: &str, name: &str, scheduled_only: bool) -> Vec<&Pod> {
        self.pods
            .iter()
            .filter(|p| {
                p.namespace == ns
                    && p.spec.claims.iter().any(|c| c == name)
                    && (!scheduled_only || p.node.is_some())
            })
            .collect()
    }

    /// Binds claim `ci` to PV `vi` (both Bound, the claim's capacity and modes the PV's).
    fn bind(&mut self, ci: usize, vi: usize) {
        let (ns, name, uid) = {
            let c = &self.storage.pvcs[ci];
            (c.namespace.clone(), c.name.clone(), c.uid.clone())
        };
        let v = &mut self.storage.pvs[vi];
        if v.claim_ref.is_none() {
            v.annotations
                .insert("pv.kubernetes.io/bound-by-controller".into(), "yes".into());
        }
        v.claim_ref = Some(ClaimRef {
            namespace: ns,
            name,
            uid,
        });
        v.phase = PvPhase::Bound;
        let (vname, cap, modes) = (v.name.clone(), v.capacity, v.modes.clone());
        let c = &mut self.storage.pvcs[ci];
        c.volume_name = Some(vname);
        c.phase = PvcPhase::Bound;
        c.capacity = Some(cap);
        c.bound_modes = modes;
        c.static_pick = None;
        c.prov = None;
        c.annotations
            .insert("pv.kubernetes.io/bind-completed".into(), "yes".into());
        c.annotations
            .insert("pv.kubernetes.io/bound-by-controller".into(), "yes".into());
    }

    /// Sets the provisioner annotations on claim `ci`.
    fn mark_provisioner(&mut self, ci: usize, provisioner: &str) {
        let c = &mut self.storage.pvcs[ci];
        for k in [
            "volume.beta.kubernetes.io/storage-provisioner",
            "volume.kubernetes.io/storage-provisioner",
        ] {
            c.annotations.insert(k.into(), provisioner.into());
        }
    }

    fn external_message(provisioner: &str) -> String {
        format!("Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.")
    }

    /// The storage controllers' reaction to the current state: pvc-protection, binding and
    /// provisioning decisions, released volumes, pods waiting for their volumes. Idempotent (run
    /// after every change); draws randomness only when it changes something.
    /// Returns true when claims got bound or went away (pods with claims may schedule now).
    pub(crate) fn storage_sync(&mut self, now: Ts, rng: &mut K8sRng) -> bool {
        if self.storage.pvcs.is_empty() && self.storage.pvs.is_empty() {
            return false;
        }
        let bound = |st: &Storage| {
            (
                st.pvcs.len(),
                st.pvcs
                    .iter()
                    .filter(|c| c.phase == PvcPhase::Bound)
                    .count(),
            )
        };
        let before = bound(&self.storage);
        self.sync_all(now, rng);
        bound(&self.storage) != before
    }

    fn sync_all(&mut self, now: Ts, rng: &mut K8sRng) {
        // pvc-protection: a deleted claim goes once no scheduled pod uses it
        let mut ci = 0;
        while ci < self.storage.pvcs.len() {
            let c = &self.storage.pvcs[ci];
            if c.deletion.is_some() && self.claim_users(&c.namespace, &c.name, true).is_empty() {
                self.end_repeats(ci, now, &[]);
                let c = self.storage.pvcs.remove(ci);
                // pods still waiting to be bound with it go back to the queue
                for p in self.pods.iter_mut() {
                    if p.namespace == c.namespace
                        && p.spec.claims.contains(&c.name)
                        && p.volume_wait.is_some()
                    {
                        p.volume_wait = None;
                    }
                }
                continue;
            }
            ci += 1;
        }
        // claims
        for ci in 0..self.storage.pvcs.len() {
            self.sync_claim(ci, now, rng);
        }
        // volumes
        let mut vi = 0;
        while vi < self.storage.pvs.len() {
            if self.sync_volume(vi, now, rng) {
                self.storage.pvs.remove(vi);
                continue;
            }
            vi += 1;
        }
        // pods waiting in PreBind
        for pi in 0..self.pods.len() {
            let Some(w) = self.pods[pi].volume_wait.clone() else {
                continue;
            };
            if w.bind_at.is_some() {
                continue;
            }
            if self.claims_ready(&self.pods[pi]) {
                let polls = ((now - w.since) + BIND_POLL - 1)
                    .div_euclid(BIND_POLL)
                    .max(1);
                if let Some(v) = self.pods[pi].volume_wait.as_mut() {
                    v.bind_at = Some(w.since + polls * BIND_POLL);
                }
            }
        }
        // pods bound to a node directly (nodeName) start once their claims are bound
        for pi in 0..self.pods.len() {
            let p = &self.pods[pi];
            if p.spec.claims.is_empty()
                || p.phase != Phase::Pending
                || p.start_at.is_some()
                || p.deletion.is_some()
                || !p.node.as_deref().is_some_and(|n| self.node_alive(n))
                || !self.claims_ready(p)
            {
                continue;
            }
            let start = now + 1_500 + rng.kubelet.random_range(0..1_000);
            self.pods[pi].start_at = Some(start);
        }
    }

    fn sync_claim(&mut self, ci: usize, now: Ts, rng: &mut K8sRng) {
        let c = self.storage.pvcs[ci].clone();
        if c.phase != PvcPhase::Pending {
            // a Bound claim whose volume went away is Lost
            if c.phase == PvcPhase::Bound
                && c.volume_name
                    .as_deref()
                    .is_none_or(|v| self.storage.pv(v).is_none())
            {
                self.storage.pvcs[ci].phase = PvcPhase::Lost;
                let msg = "Bound claim has lost its PersistentVolume. Data on the volume is lost!";
                self.event_from(
                    now,
                    &c.namespace,
                    true,
                    "ClaimLost",
                    &c.object(),
                    msg,
                    PV_CONTROLLER,
                );
            }
            return;
        }
        if c.deletion.is_some() {
            return;
        }
        let class = c.class_name().to_string();
        let sc = self.storage.class(&class).cloned();
        let delayed = self.storage.is_delayed(&c);
        if !delayed {
            // Immediate: bind to the best Available PV, else provision
            if let Some(vi) = self.storage.find_matching_pv(&c, None) {
                self.end_repeats(ci, now, &[]);
                self.bind(ci, vi);
                return;
            }
            if class.is_empty() {
                self.repeat(
                    ci,
                    now,
                    "FailedBinding",
                    "no persistent volumes available for this claim and no storage class is set",
                    false,
                    PV_CONTROLLER,
                );
                return;
            }
            let Some(sc) = sc else {
                let msg = format!("storageclass.storage.k8s.io {class:?} not found");
                self.repeat(ci, now, "ProvisioningFailed", &msg, true, PV_CONTROLLER);
                return;
            };
            self.mark_provisioner(ci, &sc.provisioner);
            let msg = Cluster::external_message(&sc.provisioner);
            self.repeat(ci, now, "ExternalProvisioning", &msg, false, PV_CONTROLLER);
            if sc.provisioner == LOCAL_PATH {
                // local-path needs a node: an Immediate class cannot work with it
                if let Some(src) = self.provisioner_source(rng.storage) {
                    let claim = format!("{}/{}", c.namespace, c.name);
                    let m1 =
                        format!("External provisioner is provisioning volume for claim {claim:?}");
                    let m2 = format!("failed to provision volume with StorageClass {class:?}: configuration error, no node was specified");
                    self.repeat(ci, now, "Provisioning", &m1, false, &src);
                    self.repeat(ci, now, "ProvisioningFailed", &m2, true, &src);
                }
            }
            return;
        }
        let Some(sc) = sc else { return };
        let Some(node) = c.selected_node().map(|s| s.to_string()) else {
            // waiting for a consumer (or for its pod to be scheduled)
            let waiting: Vec<String> = self
                .claim_users(&c.namespace, &c.name, false)
                .into_iter()
                .filter(|p| p.node.is_none() && p.deletion.is_none())
                .map(|p| p.name.clone())
                .collect();
            let (reason, msg) = match waiting.len() {
                0 => (
                    "WaitForFirstConsumer",
                    "waiting for first consumer to be created before binding".to_string(),
                ),
                1 => (
                    "WaitForPodScheduled",
                    format!("waiting for pod {} to be scheduled", waiting[0]),
                ),
                _ => (
                    "WaitForPodScheduled",
                    format!("waiting for pods {} to be scheduled", waiting.join(",")),
                ),
            };
            let current = c
                .repeats
                .iter()
                .any(|r| r.reason == reason && r.message == msg);
            if !current {
                self.end_repeats(ci, now, &[]);
                self.repeat(ci, now, reason, &msg, false, PV_CONTROLLER);
            }
            return;
        };
        // the scheduler chose a node: a static PV it picked, or provisioning
        if let Some(pv) = c.static_pick.clone() {
            if let Some(vi) = self.storage.pvs.iter().position(|v| v.name == pv) {
                if self.storage.pvs[vi].phase == PvPhase::Available {
                    self.end_repeats(ci, now, &[]);
                    self.bind(ci, vi);
                    return;
                }
            }
            self.storage.pvcs[ci].static_pick = None;
        }
        if !c.repeats.iter().any(|r| r.reason == "ExternalProvisioning") {
            self.end_repeats(ci, now, &[]);
            self.mark_provisioner(ci, &sc.provisioner);
            let msg = Cluster::external_message(&sc.provisioner);
            self.repeat(ci, now, "ExternalProvisioning", &msg, false, PV_CONTROLLER);
        }
        if sc.provisioner != LOCAL_PATH {
            return;
        }
        let prov = self.storage.pvcs[ci]
            .prov
            .get_or_insert_with(|| Provisioning {
                node: node.clone(),
                pick_at: None,
                done_at: None,
                fail_at: None,
            })
            .clone();
        if prov.pick_at.is_none()
            && prov.done_at.is_none()
            && self.local_path_provisioner().is_some()
            && (prov.fail_at.is_none() || self.node_alive(&node))
        {
            let t = now + 150 + rng.storage.random_range(0..450);
            if let Some(p) = self.storage.pvcs[ci].prov.as_mut() {
                p.pick_at = Some(t);
                p.fail_at = None;
            }
        }
    }

    /// Reacts to volume `vi`'s state; returns true when it is to be removed.
    fn sync_volume(&mut self, vi: usize, now: Ts, rng: &mut K8sRng) -> bool {
        let v = self.storage.pvs[vi].clone();
        // a Bound volume whose claim is gone is Released
        if v.phase == PvPhase::Bound {
            let claim = v.claim_ref.as_ref().and_then(|r| {
                self.storage
                    .pvcs
                    .iter()
                    .find(|c| c.namespace == r.namespace && c.name == r.name && c.uid == r.uid)
            });
            if claim.is_none() {
                self.storage.pvs[vi].phase = PvPhase::Released;
            } else {
                return false;
            }
        }
        let v = self.storage.pvs[vi].clone();
        if v.deletion.is_some() && v.phase != PvPhase::Bound && v.phase != PvPhase::Released {
            return true;
        }
        if v.phase != PvPhase::Released {
            return false;
        }
        match v.reclaim {
            Reclaim::Retain | Reclaim::Recycle => v.deletion.is_some(),
            Reclaim::Delete => {
                if v.dynamic {
                    // local-path's helper pod cleans the directory on the volume's node
                    let alive = v.node().is_some_and(|n| self.node_alive(n));
                    if v.delete_at.is_none() && alive && self.local_path_provisioner().is_some() {
                        self.storage.pvs[vi].delete_at =
                            Some(now + 1_500 + rng.storage.random_range(0..1_500));
                    }
                    return false;
                }
                match &v.source {
                    PvSource::HostPath { path, .. } => {
                        if path.starts_with("/tmp/") && path.len() > 5 {
                            return true;
                        }
                        if self.storage.pvs[vi].message.is_empty() {
                            let msg = format!("host_path deleter only supports /tmp/.+ but received provided {path}");
                            let pv = &mut self.storage.pvs[vi];
                            pv.phase = PvPhase::Failed;
                            pv.message = msg.clone();
                            let obj = format!("persistentvolume/{}", v.name);
                            self.event_from(
                                now,
                                "default",
                                true,
                                "VolumeFailedDelete",
                                &obj,
                                &msg,
                                PV_CONTROLLER,
                            );
                        }
                        false
                    }
                    // an external deleter (a CSI driver) would do it: none runs here
                    _ => false,
                }
            }
        }
    }

    /// The earliest instant at which storage changes by itself.
    pub(crate) fn storage_next_event(&self) -> Option<Ts> {
        let mut best: Option<Ts> = None;
        let mut put = |t: Option<Ts>| {
            if let Some(t) = t {
                best = Some(best.map_or(t, |b| b.min(t)));
            }
        };
        for c in &self.storage.pvcs {
            if let Some(p) = &c.prov {
                put(p.pick_at);
                put(p.done_at);
                put(p.fail_at);
            }
        }
        for v in &self.storage.pvs {
            put(v.delete_at);
        }
        for p in &self.pods {
            put(p.volume_wait.as_ref().and_then(|w| w.bind_at));
        }
        best
    }

    /// Processes the storage steps due at or before `now`; true if anything happened.
    pub(crate) fn storage_process_due(&mut self, now: Ts, rng: &mut K8sRng) -> bool {
        let mut did = false;
        for ci in 0..self.storage.pvcs.len() {
            let Some(p) = self.storage.pvcs[ci].prov.clone() else {
                continue;
            };
            let c = self.storage.pvcs[ci].clone();
            if p.pick_at.is_some_and(|t| t <= now) {
                did = true;
                let Some(src) = self.provisioner_source(rng.storage) else {
                    // the provisioner went away: picked up again when it runs
                    if let Some(p) = self.storage.pvcs[ci].prov.as_mut() {
                        p.pick_at = None;
                    }
                    continue;
                };
                let msg = format!(
                    "External provisioner is provisioning volume for claim \"{}/{}\"",
                    c.namespace, c.name
                );
                self.event_from(
                    now,
                    &c.namespace,
                    false,
                    "Provisioning",
                    &c.object(),
                    &msg,
                    &src,
                );
                let done = now + 2_000 + rng.storage.random_range(0..2_000);
                if let Some(p) = self.storage.pvcs[ci].prov.as_mut() {
                    p.pick_at = None;
                    p.done_at = Some(done);
                }
            }
            let Some(p) = self.storage.pvcs[ci].prov.clone() else {
                continue;
            };
            if p.done_at.is_some_and(|t| t <= now) {
                did = true;
                if !self.node_alive(&p.node) {
                    // the helper pod cannot run on a node whose kubelet is away
                    if let Some(p) = self.storage.pvcs[ci].prov.as_mut() {
                        p.done_at = None;
                        p.fail_at = Some(now + HELPER_TIMEOUT);
                    }
                    continue;
                }
                self.provision(ci, &p.node, now, rng);
                continue;
            }
            if p.fail_at.is_some_and(|t| t <= now) {
                did = true;
                if let Some(pp) = self.storage.pvcs[ci].prov.as_mut() {
                    pp.fail_at = None;
                }
                if let Some(src) = self.provisioner_source(rng.storage) {
                    let msg = format!(
                        "failed to provision volume with StorageClass {:?}: create process timeout after {} seconds",
                        c.class_name(),
                        HELPER_TIMEOUT / 1000
                    );
                    self.event_from(
                        now,
                        &c.namespace,
                        true,
                        "ProvisioningFailed",
                        &c.object(),
                        &msg,
                        &src,
                    );
                }
            }
        }
        let mut vi = 0;
        while vi < self.storage.pvs.len() {
            let v = &self.storage.pvs[vi];
            if v.delete_at.is_some_and(|t| t <= now) {
                did = true;
                if v.node().is_some_and(|n| self.node_alive(n)) {
                    // the helper pod removed the directory
                    let v = self.storage.pvs.remove(vi);
                    if let (Some(n), Some(path)) = (v.node(), v.path()) {
                        let dir = path.rsplit('/').next().unwrap_or("").to_string();
                        if let Some(d) = self.storage.dirs.get_mut(n) {
                            d.remove(&dir);
                        }
                    }
                    continue;
                }
                self.storage.pvs[vi].delete_at = None;
            }
            vi += 1;
        }
        for pi in 0..self.pods.len() {
            let Some(w) = self.pods[pi].volume_wait.clone() else {
                continue;
            };
            if w.bind_at.is_none_or(|t| t > now) {
                continue;
            }
            did = true;
            let alive = self.node_alive(&w.node);
            let start = now + 1_500 + rng.kubelet.random_range(0..1_000);
            let p = &mut self.pods[pi];
            p.volume_wait = None;
            p.node = Some(w.node.clone());
            if alive {
                p.start_at = Some(start);
            }
            let (ns, name) = (p.namespace.clone(), p.name.clone());
            self.event_from(
                now,
                &ns,
                false,
                "Scheduled",
                &format!("pod/{name}"),
                &format!("Successfully assigned {ns}/{name} to {}", w.node),
                "default-scheduler",
            );
        }
        did
    }

    /// local-path's helper pod is done: the PV exists and the claim is bound to it.
    fn provision(&mut self, ci: usize, node: &str, now: Ts, rng: &mut K8sRng) {
        let c = self.storage.pvcs[ci].clone();
        let Some(sc) = self.storage.class(c.class_name()).cloned() else {
            self.storage.pvcs[ci].prov = None;
            return;
        };
        let name = format!("pvc-{}", c.uid);
        self.storage
            .dirs
            .entry(node.to_string())
            .or_default()
            .insert(format!("{name}_{}_{}", c.namespace, c.name));
        let mut annotations = BTreeMap::new();
        annotations.insert("local.path.provisioner/selected-node".into(), node.into());
        annotations.insert("pv.kubernetes.io/provisioned-by".into(), LOCAL_PATH.into());
        self.storage.pvs.push(PersistentVolume {
            name: name.clone(),
            uid: uuid4(rng.storage),
            capacity: c.request,
            modes: c.modes.clone(),
            reclaim: sc.reclaim,
            class: sc.name.clone(),
            volume_mode: c.volume_mode.clone(),
            claim_ref: None,
            phase: PvPhase::Available,
            source: PvSource::HostPath {
                path: format!("{LOCAL_PATH_DIR}/{name}_{}_{}", c.namespace, c.name),
                kind: "DirectoryOrCreate".into(),
            },
            affinity: vec![vec![MatchExpr {
                key: "kubernetes.io/hostname".into(),
                operator: "In".into(),
                values: vec![node.into()],
            }]],
            labels: BTreeMap::new(),
            annotations,
            created: now,
            deletion: None,
            delete_at: None,
            message: String::new(),
            dynamic: true,
        });
        let src = self
            .provisioner_source(rng.storage)
            .unwrap_or_else(|| LOCAL_PATH.to_string());
        self.end_repeats(ci, now, &[]);
        self.event_from(
            now,
            &c.namespace,
            false,
            "ProvisioningSucceeded",
            &c.object(),
            &format!("Successfully provisioned volume {name}"),
            &src,
        );
        let vi = self.storage.pvs.len() - 1;
        self.storage.pvs[vi].claim_ref = Some(ClaimRef {
            namespace: c.namespace.clone(),
            name: c.name.clone(),
            uid: c.uid.clone(),
        });
        self.bind(ci, vi);
    }

    /// All of the pod's claims exist and are Bound.
    pub fn claims_ready(&self, p: &Pod) -> bool {
        pod_claims(&p.spec).all(|c| {
            self.storage
                .pvc(&p.namespace, c)
                .is_some_and(|c| c.phase == PvcPhase::Bound)
        })
    }

    /// The VolumeBinding plugin's PreFilter: `Err` is its message, for every node.
    pub(crate) fn volume_prefilter(&self, ns: &str, spec: &PodSpec) -> Result<(), String> {
        let mut immediate = false;
        for name in pod_claims(spec) {
            let Some(c) = self.storage.pvc(ns, name) else {
                return Err(format!("persistentvolumeclaim \"{name}\" not found"));
            };
            if c.deletion.is_some() {
                return Err(format!("persistentvolumeclaim \"{name}\" is being deleted"));
            }
            if c.phase != PvcPhase::Bound && !self.storage.is_delayed(c) {
                immediate = true;
            }
        }
        if immediate {
            return Err("pod has unbound immediate PersistentVolumeClaims".into());
        }
        Ok(())
    }

    /// The VolumeBinding plugin's Filter for one node: its reasons (none: the node fits).
    pub(crate) fn volume_reasons(&self, ns: &str, spec: &PodSpec, n: &Node) -> Vec<&'static str> {
        let mut bound_ok = true;
        let mut missing_pv = false;
        let mut unbound_ok = true;
        for name in pod_claims(spec) {
            let Some(c) = self.storage.pvc(ns, name) else {
                continue;
            };
            if c.phase == PvcPhase::Bound {
                match c.volume_name.as_deref().and_then(|v| self.storage.pv(v)) {
                    None => missing_pv = true,
                    Some(v) => {
                        if !terms_match(&v.affinity, &n.labels) {
                            bound_ok = false;
                        }
                    }
                }
            } else if self.storage.is_delayed(c) {
                let static_fit = self.storage.find_matching_pv(c, Some(n)).is_some();
                let provisionable = self
                    .storage
                    .class(c.class_name())
                    .is_some_and(|sc| sc.provisioner != NO_PROVISIONER);
                if !static_fit && !provisionable {
                    unbound_ok = false;
                }
            }
        }
        let mut r = vec![];
        if missing_pv {
            r.push("node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)");
            return r;
        }
        if !bound_ok {
            r.push("node(s) had volume node affinity conflict");
        }
        if !unbound_ok {
            r.push("node(s) didn't find available persistent volumes to bind");
        }
        r
    }

    /// The pod has claims the scheduler must bind before it binds the pod.
    pub(crate) fn needs_volume_binding(&self, ns: &str, spec: &PodSpec) -> bool {
        pod_claims(spec).any(|name| {
            self.storage
                .pvc(ns, name)
                .is_some_and(|c| c.phase != PvcPhase::Bound)
        })
    }

    /// The scheduler picked `node` for pod `pi`: it writes the claims' selected node (and chooses
    /// static PVs) and waits in PreBind for them to be bound.
    pub(crate) fn reserve_volumes(&mut self, pi: usize, node: &str, now: Ts) {
        let (ns, claims) = (
            self.pods[pi].namespace.clone(),
            self.pods[pi].spec.claims.clone(),
        );
        let ni = self.node_index(node);
        for name in claims {
            let Some(ci) = self.storage.pvc_index(&ns, &name) else {
                continue;
            };
            if self.storage.pvcs[ci].phase == PvcPhase::Bound {
                continue;
            }
            let pick = ni.and_then(|i| {
                self.storage
                    .find_matching_pv(&self.storage.pvcs[ci], Some(&self.nodes[i]))
            });
            let c = &mut self.storage.pvcs[ci];
            c.annotations.insert(SELECTED_NODE.into(), node.into());
            c.static_pick = pick.map(|vi| self.storage.pvs[vi].name.clone());
        }
        self.pods[pi].volume_wait = Some(VolumeWait {
            node: node.into(),
            since: now,
            bind_at: None,
        });
    }

    /// A claim as admission makes it (the default class filled in), with a fresh UID.
    #[allow(clippy::too_many_arguments)]
    pub fn admit_pvc(
        &self,
        ns: &str,
        name: &str,
        class: Option<String>,
        request: Quantity,
        modes: Vec<AccessMode>,
        volume_mode: String,
        volume_name: Option<String>,
        selector: BTreeMap<String, String>,
        labels: BTreeMap<String, String>,
        now: Ts,
        rng: &mut ChaCha8Rng,
    ) -> PersistentVolumeClaim {
        let class = class.or_else(|| self.storage.default_class().map(|c| c.name.clone()));
        PersistentVolumeClaim {
            namespace: ns.into(),
            name: name.into(),
            uid: uuid4(rng),
            class,
            request,
            modes,
            volume_mode,
            volume_name,
            selector,
            phase: PvcPhase::Pending,
            capacity: None,
            bound_modes: vec![],
            labels,
            annotations: BTreeMap::new(),
            created: now,
            deletion: None,
            static_pick: None,
            prov: None,
            repeats: vec![],
        }
    }

    /// `kubectl delete pvc`: marked for deletion (pvc-protection decides when it goes).
    pub fn delete_pvc(&mut self, ns: &str, name: &str, now: Ts, rng: &mut K8sRng) -> bool {
        let Some(ci) = self.storage.pvc_index(ns, name) else {
            return false;
        };
        if self.storage.pvcs[ci].deletion.is_none() {
            self.storage.pvcs[ci].deletion = Some(now);
        }
        self.reconcile(now, rng);
        true
    }

    /// `kubectl delete pv`: marked for deletion (pv-protection keeps it while Bound).
    pub fn delete_pv(&mut self, name: &str, now: Ts, rng: &mut K8sRng) -> bool {
        let Some(v) = self.storage.pvs.iter_mut().find(|v| v.name == name) else {
            return false;
        };
        if v.deletion.is_none() {
            v.deletion = Some(now);
        }
        // an unbound volume goes at once
        if v.phase != PvPhase::Bound && v.phase != PvPhase::Released {
            self.storage.pvs.retain(|v| v.name != name);
        }
        self.reconcile(now, rng);
        true
    }

    /// Pods (in `ns`) whose volumes name the claim, as `kubectl describe pvc` lists them.
    pub fn pvc_used_by(&self, ns: &str, name: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .claim_users(ns, name, false)
            .into_iter()
            .map(|p| p.name.clone())
            .collect();
        v.sort();
        v
    }

    /// True when `p` belongs to a Deployment (for storage listings: what will come back).
    pub fn owned_by_deployment(p: &Pod) -> bool {
        matches!(p.owner, Owner::ReplicaSet { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn uuids_are_version_4() {
        let mut r = ChaCha8Rng::seed_from_u64(3);
        let u = uuid4(&mut r);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!("89ab".contains(&u[19..20]));
    }

    #[test]
    fn access_modes_print_in_kubectls_order() {
        assert_eq!(
            modes_str(&[AccessMode::ReadWriteMany, AccessMode::ReadWriteOnce]),
            "RWO,RWX"
        );
        assert_eq!(modes_str(&[]), "");
    }

    #[test]
    fn node_terms() {
        let mut labels = BTreeMap::new();
        labels.insert("kubernetes.io/hostname".to_string(), "w1".to_string());
        let t = vec![vec![MatchExpr {
            key: "kubernetes.io/hostname".into(),
            operator: "In".into(),
            values: vec!["w1".into()],
        }]];
        assert!(terms_match(&t, &labels));
        labels.insert("kubernetes.io/hostname".to_string(), "w2".to_string());
        assert!(!terms_match(&t, &labels));
        assert!(terms_match(&[], &labels));
    }
}
