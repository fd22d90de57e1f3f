//! kind's local-path provisioner (`rancher.io/local-path`): its pod, its event source, the
//! helper pods that create and clean the directories on the node, the PVs it makes.

use super::*;

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
    pub(super) fn provisioner_source(&mut self, rng: &mut ChaCha8Rng) -> Option<String> {
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

    /// local-path's helper pod is done: the PV exists and the claim is bound to it.
    pub(super) fn provision(&mut self, ci: usize, node: &str, now: Millis, rng: &mut K8sRng) {
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
            EventNote {
                ns: &c.namespace,
                warning: false,
                reason: "ProvisioningSucceeded",
                object: &c.object(),
                message: &format!("Successfully provisioned volume {name}"),
                source: &src,
            },
        );
        let vi = self.storage.pvs.len() - 1;
        self.storage.pvs[vi].claim_ref = Some(ClaimRef {
            namespace: c.namespace.clone(),
            name: c.name.clone(),
            uid: c.uid.clone(),
        });
        self.bind(ci, vi);
    }

    /// The provisioner's steps due at `now` (picking a claim up, the helper pod done or timed
    /// out); true if anything happened.
    pub(super) fn local_path_provisioning_due(&mut self, now: Millis, rng: &mut K8sRng) -> bool {
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
                    EventNote {
                        ns: &c.namespace,
                        warning: false,
                        reason: "Provisioning",
                        object: &c.object(),
                        message: &msg,
                        source: &src,
                    },
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
                        EventNote {
                            ns: &c.namespace,
                            warning: true,
                            reason: "ProvisioningFailed",
                            object: &c.object(),
                            message: &msg,
                            source: &src,
                        },
                    );
                }
            }
        }
        did
    }

    /// The helper pods cleaning released volumes' directories, due at `now`; true if anything
    /// happened.
    pub(super) fn local_path_deletions_due(&mut self, now: Millis) -> bool {
        let mut did = false;
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
        did
    }
}
