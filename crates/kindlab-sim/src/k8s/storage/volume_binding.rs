//! The scheduler's VolumeBinding plugin: PreFilter, Filter (per-node reasons), Reserve and
//! PreBind (waiting for claims to be bound).

use super::*;

/// A claim's volume as the kubelet would see it, for the scheduler.
pub(super) fn pod_claims(spec: &PodSpec) -> impl Iterator<Item = &String> {
    spec.claims.iter()
}

impl Cluster {
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
    pub(crate) fn reserve_volumes(&mut self, pi: usize, node: &str, now: Millis) {
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

    /// PreBind: pods whose claims are bound by now are bound to their node (`Scheduled`); true
    /// if any was.
    pub(super) fn prebind_due(&mut self, now: Millis, rng: &mut K8sRng) -> bool {
        let mut did = false;
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
                EventNote {
                    ns: &ns,
                    warning: false,
                    reason: "Scheduled",
                    object: &format!("pod/{name}"),
                    message: &format!("Successfully assigned {ns}/{name} to {}", w.node),
                    source: "default-scheduler",
                },
            );
        }
        did
    }
}
