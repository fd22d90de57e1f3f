//! pvc- and pv-protection: deleting claims and volumes (they go once nothing uses them),
//! and who uses a claim.

use super::*;

impl Cluster {
    /// `kubectl delete pvc`: marked for deletion (pvc-protection decides when it goes).
    pub fn delete_pvc(&mut self, ns: &str, name: &str, now: Millis, rng: &mut K8sRng) -> bool {
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
    pub fn delete_pv(&mut self, name: &str, now: Millis, rng: &mut K8sRng) -> bool {
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

    /// pvc-protection: a deleted claim goes once no scheduled pod uses it.
    pub(super) fn pvc_protection(&mut self, now: Millis) {
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
    }
}
