//! The PV controller (kube-controller-manager's binder): claim and volume syncs, binding,
//! Released and Lost, and the repeated events of its 15 s resyncs.

use super::*;

impl Cluster {
    /// Starts (or keeps) a repeated event on claim `ci`: recorded now, then again at every resync.
    pub(super) fn repeat(
        &mut self,
        ci: usize,
        now: Millis,
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
        self.event_from(
            now,
            EventNote {
                ns: &ns,
                warning,
                reason,
                object: &obj,
                message,
                source,
            },
        );
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
    pub fn storage_refresh(&mut self, now: Millis) {
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
    pub(super) fn end_repeats(&mut self, ci: usize, now: Millis, keep: &[&str]) {
        self.storage_refresh(now);
        self.storage.pvcs[ci]
            .repeats
            .retain(|r| keep.contains(&r.reason.as_str()));
    }

    /// Scheduled pods (or pods being bound) of `ns` that use claim `name`.
    pub(super) fn claim_users(&self, ns: &str, name: &str, scheduled_only: bool) -> Vec<&Pod> {
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
    pub(super) fn bind(&mut self, ci: usize, vi: usize) {
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
    pub(super) fn mark_provisioner(&mut self, ci: usize, provisioner: &str) {
        let c = &mut self.storage.pvcs[ci];
        for k in [
            "volume.beta.kubernetes.io/storage-provisioner",
            "volume.kubernetes.io/storage-provisioner",
        ] {
            c.annotations.insert(k.into(), provisioner.into());
        }
    }

    pub(super) fn external_message(provisioner: &str) -> String {
        format!("Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.")
    }

    /// The storage controllers' reaction to the current state: pvc-protection, binding and
    /// provisioning decisions, released volumes, pods waiting for their volumes. Idempotent (run
    /// after every change); draws randomness only when it changes something.
    /// Returns true when claims got bound or went away (pods with claims may schedule now).
    pub(crate) fn storage_sync(&mut self, now: Millis, rng: &mut K8sRng) -> bool {
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

    pub(super) fn sync_all(&mut self, now: Millis, rng: &mut K8sRng) {
        self.pvc_protection(now);
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

    /// Reacts to claim `ci`'s state: Lost when its volume went away; a Pending claim binds
    /// (Immediate) or waits for a consumer and then a node (WaitForFirstConsumer).
    pub(super) fn sync_claim(&mut self, ci: usize, now: Millis, rng: &mut K8sRng) {
        let c = self.storage.pvcs[ci].clone();
        if c.phase != PvcPhase::Pending {
            self.check_lost(ci, &c, now);
            return;
        }
        if c.deletion.is_some() {
            return;
        }
        if self.storage.is_delayed(&c) {
            self.sync_delayed(ci, &c, now, rng);
        } else {
            self.sync_immediate(ci, &c, now, rng);
        }
    }

    /// A Bound claim whose volume went away is Lost.
    fn check_lost(&mut self, ci: usize, c: &PersistentVolumeClaim, now: Millis) {
        if c.phase == PvcPhase::Bound
            && c.volume_name
                .as_deref()
                .is_none_or(|v| self.storage.pv(v).is_none())
        {
            self.storage.pvcs[ci].phase = PvcPhase::Lost;
            let msg = "Bound claim has lost its PersistentVolume. Data on the volume is lost!";
            self.event_from(
                now,
                EventNote {
                    ns: &c.namespace,
                    warning: true,
                    reason: "ClaimLost",
                    object: &c.object(),
                    message: msg,
                    source: PV_CONTROLLER,
                },
            );
        }
    }

    /// Immediate: bind to the best Available PV, else ask the class's provisioner (or say why
    /// nothing can).
    fn sync_immediate(
        &mut self,
        ci: usize,
        c: &PersistentVolumeClaim,
        now: Millis,
        rng: &mut K8sRng,
    ) {
        let class = c.class_name().to_string();
        let sc = self.storage.class(&class).cloned();
        if let Some(vi) = self.storage.find_matching_pv(c, None) {
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
                let m1 = format!("External provisioner is provisioning volume for claim {claim:?}");
                let m2 = format!("failed to provision volume with StorageClass {class:?}: configuration error, no node was specified");
                self.repeat(ci, now, "Provisioning", &m1, false, &src);
                self.repeat(ci, now, "ProvisioningFailed", &m2, true, &src);
            }
        }
    }

    /// WaitForFirstConsumer: wait for a pod (and for the scheduler to choose its node), then
    /// bind the static PV the scheduler picked, or have the provisioner make one on that node.
    fn sync_delayed(
        &mut self,
        ci: usize,
        c: &PersistentVolumeClaim,
        now: Millis,
        rng: &mut K8sRng,
    ) {
        let Some(sc) = self.storage.class(c.class_name()).cloned() else {
            return;
        };
        let Some(node) = c.selected_node().map(|s| s.to_string()) else {
            self.wait_for_consumer(ci, c, now);
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

    /// No node selected yet: waiting for a consumer (`WaitForFirstConsumer`) or for its pods to
    /// be scheduled (`WaitForPodScheduled`), the event repeated while that lasts.
    fn wait_for_consumer(&mut self, ci: usize, c: &PersistentVolumeClaim, now: Millis) {
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
    }

    /// Reacts to volume `vi`'s state; returns true when it is to be removed.
    pub(super) fn sync_volume(&mut self, vi: usize, now: Millis, rng: &mut K8sRng) -> bool {
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
                                EventNote {
                                    ns: "default",
                                    warning: true,
                                    reason: "VolumeFailedDelete",
                                    object: &obj,
                                    message: &msg,
                                    source: PV_CONTROLLER,
                                },
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
}
