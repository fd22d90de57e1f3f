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
//!
//! The parts: the objects in [`types`], the PV controller (binder, repeated events) in
//! [`pv_controller`], kind's local-path provisioner in [`local_path`], the scheduler's
//! VolumeBinding plugin in [`volume_binding`], pvc- and pv-protection (deletion) in
//! [`protection`]; this file keeps the constants, the lookups, admission and the clock.

mod local_path;
mod protection;
mod pv_controller;
mod types;
mod volume_binding;

pub use types::{
    modes_str, terms_match, AccessMode, BindingMode, ClaimRef, MatchExpr, PersistentVolume,
    PersistentVolumeClaim, Provisioning, PvPhase, PvSource, PvcPhase, Reclaim, Repeat, Storage,
    StorageClass, VolumeWait,
};

use super::quantity::Quantity;
use super::{Cluster, K8sRng, Node, Owner, Phase, Pod, PodSpec};
use crate::k8s::App;
use crate::manifest::{Meta, PvcBody};
use crate::time::Millis;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// kind's provisioner, local-path-provisioner (the `standard` class's).
pub const LOCAL_PATH: &str = "rancher.io/local-path";
/// The "provisioner" of classes whose volumes are made by hand (static PVs only).
pub const NO_PROVISIONER: &str = "kubernetes.io/no-provisioner";
/// Where local-path makes its volumes' directories on a node.
pub const LOCAL_PATH_DIR: &str = "/var/local-path-provisioner";
/// The annotation that marks the default StorageClass.
pub const DEFAULT_CLASS_ANN: &str = "storageclass.kubernetes.io/is-default-class";
/// Its older, beta form (still honoured).
pub const BETA_DEFAULT_CLASS_ANN: &str = "storageclass.beta.kubernetes.io/is-default-class";
/// kubectl's last-applied-configuration annotation (the applied manifest as JSON).
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
/// The annotation with which the scheduler tells the provisioner which node a claim's pod goes to.
pub const SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";
/// The PV controller's resync period (`--pvclaimbinder-sync-period`).
pub const RESYNC: Millis = 15_000;
/// The scheduler's PreBind polls the claims every second.
pub const BIND_POLL: Millis = 1_000;
/// local-path-provisioner gives up on a helper pod after two minutes.
pub const HELPER_TIMEOUT: Millis = 120_000;
/// The PV controller's name (the `From` of its events).
pub const PV_CONTROLLER: &str = "persistentvolume-controller";

/// kind's StorageClass manifest as kind applies it (the last-applied annotation keeps it).
pub const KIND_STANDARD_LAST_APPLIED: &str = "{\"apiVersion\":\"storage.k8s.io/v1\",\"kind\":\"StorageClass\",\"metadata\":{\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"true\"},\"name\":\"standard\"},\"provisioner\":\"rancher.io/local-path\",\"reclaimPolicy\":\"Delete\",\"volumeBindingMode\":\"WaitForFirstConsumer\"}\n";

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
    pub fn kind_default(t: Millis, rng: &mut ChaCha8Rng) -> Storage {
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

    /// The StorageClass named `name`.
    pub fn class(&self, name: &str) -> Option<&StorageClass> {
        self.classes.iter().find(|c| c.name == name)
    }
    /// The PersistentVolume named `name`.
    pub fn pv(&self, name: &str) -> Option<&PersistentVolume> {
        self.pvs.iter().find(|v| v.name == name)
    }
    /// The claim `name` in namespace `ns`.
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

/// An event as a component records it, with the component's name: a row of the Events table
/// of `kubectl describe`.
pub(crate) struct EventNote<'a> {
    /// The namespace it is recorded in (the object's; `default` for cluster-scoped objects).
    pub(crate) ns: &'a str,
    /// `Warning` rather than `Normal`.
    pub(crate) warning: bool,
    /// The reason, one CamelCase word (`ProvisioningSucceeded`).
    pub(crate) reason: &'a str,
    /// The object it is about, as `kind/name` (`persistentvolumeclaim/data`).
    pub(crate) object: &'a str,
    /// The message, one line.
    pub(crate) message: &'a str,
    /// The component that records it (`persistentvolume-controller`, `default-scheduler`).
    pub(crate) source: &'a str,
}

impl Cluster {
    fn node_alive(&self, name: &str) -> bool {
        self.node(name).is_some_and(|n| n.kubelet_alive())
    }

    /// Records an event with its source (the `From` column of `kubectl describe`).
    pub(crate) fn event_from(&mut self, at: Millis, e: EventNote) {
        self.event(at, e.ns, e.warning, e.reason, e.object, e.message);
        if let Some(ev) = self.events.iter_mut().rev().find(|ev| {
            ev.namespace == e.ns
                && ev.reason == e.reason
                && ev.object == e.object
                && ev.message == e.message
        }) {
            ev.source = e.source.to_string();
        }
    }

    /// The earliest instant at which storage changes by itself.
    pub(crate) fn storage_next_event(&self) -> Option<Millis> {
        let mut best: Option<Millis> = None;
        let mut put = |t: Option<Millis>| {
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
    pub(crate) fn storage_process_due(&mut self, now: Millis, rng: &mut K8sRng) -> bool {
        let mut did = false;
        did |= self.local_path_provisioning_due(now, rng);
        did |= self.local_path_deletions_due(now);
        did |= self.prebind_due(now, rng);
        did
    }

    /// A claim as admission makes it from a manifest (the default class filled in), with a
    /// fresh UID.
    pub(crate) fn admit_pvc(
        &self,
        meta: &Meta,
        spec: &PvcBody,
        now: Millis,
        rng: &mut ChaCha8Rng,
    ) -> PersistentVolumeClaim {
        let class = spec
            .class
            .clone()
            .or_else(|| self.storage.default_class().map(|c| c.name.clone()));
        PersistentVolumeClaim {
            namespace: meta.namespace.clone().unwrap_or_default(),
            name: meta.name.clone(),
            uid: uuid4(rng),
            class,
            request: spec.request,
            modes: spec.modes.clone(),
            volume_mode: spec.volume_mode.clone(),
            volume_name: spec.volume_name.clone(),
            selector: spec.selector.clone(),
            phase: PvcPhase::Pending,
            capacity: None,
            bound_modes: vec![],
            labels: meta.labels.clone(),
            annotations: BTreeMap::new(),
            created: now,
            deletion: None,
            static_pick: None,
            prov: None,
            repeats: vec![],
        }
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
