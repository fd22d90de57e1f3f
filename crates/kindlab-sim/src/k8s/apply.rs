//! Objects from manifests into a cluster: what the API server does with `kubectl apply` and
//! `kubectl create` (create, or compare with the last applied configuration and update what may
//! be updated; refuse immutable changes with the API server's messages) and `kubectl delete`.

use super::storage::{ClaimRef, PersistentVolume, PvPhase, PvSource, StorageClass, LAST_APPLIED};
use super::UNREACHABLE;
use super::{spec_for, App, Cluster, Deployment, K8sRng, Owner, PodSpec, Tolerations, CP_TAINT};
use crate::manifest::{
    Body, DeploymentBody, Kind, Manifest, PodTemplate, PvBody, PvcBody, StorageClassBody,
};
use crate::time::Millis;
use std::collections::BTreeMap;

/// The namespaces of a kind cluster with the chapter's ingress controller.
pub const NAMESPACES: [&str; 6] = [
    "default",
    "ingress-nginx",
    "kube-node-lease",
    "kube-public",
    "kube-system",
    "local-path-storage",
];

/// What happened to an applied object (`persistentvolumeclaim/data created`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The object did not exist: it was created.
    Created,
    /// The object changed.
    Configured,
    /// The object is as applied before: nothing changed.
    Unchanged,
}

impl Outcome {
    /// The word kubectl prints (`created`, `configured`, `unchanged`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Configured => "configured",
            Outcome::Unchanged => "unchanged",
        }
    }
}

/// Why the API server refused: NotFound/AlreadyExists (with the resource and name), or an
/// Invalid object (its causes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The namespace does not exist (`namespaces "x" not found`).
    NamespaceNotFound(String),
    /// `kubectl create` of an object that exists (`AlreadyExists`).
    AlreadyExists,
    /// The object is invalid (an immutable field changed): the causes, one per line.
    Invalid(Vec<String>),
}

/// `fnv32a` of the text, in the alphabet Kubernetes uses for pod-template hashes.
pub fn template_hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h.to_string()
        .bytes()
        .map(|b| super::SUFFIX_ALPHABET[usize::from(b) % super::SUFFIX_ALPHABET.len()] as char)
        .collect()
}

/// A pod spec from a manifest's template.
pub fn spec_from(t: &PodTemplate) -> PodSpec {
    let mut s = spec_for(App::Custom);
    s.node_selector = t.node_selector.clone();
    s.grace_s = t.grace.unwrap_or(30);
    s.claims = t.claims.clone();
    s.claim_volumes = t.claim_volumes.clone();
    s.image = t.containers.first().map(|c| c.1.clone());
    s.container = t.containers.first().map(|c| c.0.clone());
    s.containers = t.containers.len().max(1) as u32;
    s.host_network = t.host_network;
    s.tolerate_control_plane = t
        .tolerations
        .iter()
        .any(|x| x.tolerates(CP_TAINT, "NoSchedule"));
    s.toleration_list = t
        .tolerations
        .iter()
        .map(|x| super::Toleration {
            key: x.key.clone(),
            operator: x.operator.clone(),
            value: x.value.clone(),
            effect: x.effect.clone(),
        })
        .collect();
    if t.tolerations
        .iter()
        .any(|x| x.tolerates(UNREACHABLE, "NoExecute") && x.seconds.is_none())
    {
        s.tolerations = Tolerations::Static;
    }
    s
}

/// The object's namespace (empty for cluster-scoped kinds) and name.
fn ns_name(m: &Manifest) -> (String, String) {
    (
        m.meta.namespace.clone().unwrap_or_default(),
        m.meta.name.clone(),
    )
}

/// The manifest's annotations and kubectl's last-applied one (the manifest itself).
fn annotations_applied(m: &Manifest) -> BTreeMap<String, String> {
    let mut annotations = m.meta.annotations.clone();
    annotations.insert(LAST_APPLIED.into(), m.json.clone());
    annotations
}

/// The API server's refusal of an invalid change, with one cause.
fn invalid(cause: &str) -> Result<(), Refusal> {
    Err(Refusal::Invalid(vec![cause.to_string()]))
}

fn key(kind: Kind, ns: &str, name: &str) -> String {
    format!("{}/{ns}/{name}", kind.prefix())
}

fn selector_string(m: &BTreeMap<String, String>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

impl Cluster {
    /// Applies (or, with `create`, creates) a decoded manifest. The flag is true when the object
    /// had no last-applied configuration (kubectl then warns that it patches one in).
    pub fn apply_manifest(
        &mut self,
        m: &Manifest,
        create: bool,
        now: Millis,
        rng: &mut K8sRng,
    ) -> Result<(Outcome, bool), Refusal> {
        let ns = m.meta.namespace.clone().unwrap_or_default();
        let name = m.meta.name.clone();
        if m.kind.namespaced() && !NAMESPACES.contains(&ns.as_str()) {
            return Err(Refusal::NamespaceNotFound(ns));
        }
        let k = key(m.kind, &ns, &name);
        let exists = self.object_exists(m.kind, &ns, &name);
        if exists && create {
            return Err(Refusal::AlreadyExists);
        }
        if exists {
            let last = self
                .applied
                .get(&k)
                .cloned()
                .or_else(|| self.annotated_last_applied(m.kind, &name));
            if last.as_deref() == Some(m.json.as_str()) {
                return Ok((Outcome::Unchanged, false));
            }
            self.update(m, now, rng)?;
            self.applied.insert(k, m.json.clone());
            self.reconcile(now, rng);
            return Ok((Outcome::Configured, last.is_none()));
        }
        self.create_object(m, now, rng);
        if !create {
            self.applied.insert(k, m.json.clone());
        }
        self.reconcile(now, rng);
        Ok((Outcome::Created, false))
    }

    /// The last-applied annotation of objects made outside kubectl apply here (kind's class).
    fn annotated_last_applied(&self, kind: Kind, name: &str) -> Option<String> {
        match kind {
            Kind::StorageClass => self
                .storage
                .class(name)?
                .annotations
                .get(LAST_APPLIED)
                .cloned(),
            Kind::Pv => self
                .storage
                .pv(name)?
                .annotations
                .get(LAST_APPLIED)
                .cloned(),
            _ => None,
        }
    }

    /// The object exists (a claim or volume being deleted still does).
    pub fn object_exists(&self, kind: Kind, ns: &str, name: &str) -> bool {
        match kind {
            Kind::Pod => self
                .pods
                .iter()
                .any(|p| p.namespace == ns && p.name == name),
            Kind::Deployment => self
                .deployments
                .iter()
                .any(|d| d.namespace == ns && d.name == name),
            Kind::Pvc => self.storage.pvc(ns, name).is_some(),
            Kind::Pv => self.storage.pv(name).is_some(),
            Kind::StorageClass => self.storage.class(name).is_some(),
        }
    }

    /// Creates the object a manifest describes (admission included: a claim without a class
    /// gets the default one).
    fn create_object(&mut self, m: &Manifest, now: Millis, rng: &mut K8sRng) {
        match &m.body {
            Body::Pod(t) => self.create_pod(m, t, now, rng),
            Body::Deployment(d) => self.create_deployment(m, d, now),
            Body::Pvc(c) => {
                let c = self.admit_pvc(&m.meta, c, now, rng.storage);
                self.storage.pvcs.push(c);
            }
            Body::Pv(v) => self.create_pv(m, v, now, rng),
            Body::StorageClass(c) => self.create_storage_class(m, c, now, rng),
        }
    }

    /// A bare pod: `nodeName` skips the scheduler (that node's kubelet starts it, once its
    /// claims are bound, see storage_sync).
    fn create_pod(&mut self, m: &Manifest, t: &PodTemplate, now: Millis, rng: &mut K8sRng) {
        let (ns, name) = ns_name(m);
        let spec = spec_from(t);
        let node = t.node_name.clone();
        let alive = node
            .as_deref()
            .and_then(|n| self.node(n))
            .is_some_and(|n| n.kubelet_alive());
        let start_at = (alive && spec.claims.is_empty())
            .then(|| now + 1_500 + rand::Rng::random_range(&mut *rng.kubelet, 0..1_000));
        self.new_pod(
            super::controller::NewPod {
                ns: &ns,
                name: &name,
                owner: Owner::Bare,
                spec,
                node: node.as_deref(),
                start_at,
            },
            now,
        );
    }

    /// A Deployment (its ReplicaSet scaled up: the controllers make the pods).
    fn create_deployment(&mut self, m: &Manifest, d: &DeploymentBody, now: Millis) {
        let (ns, name) = ns_name(m);
        let hash = template_hash(&d.template_json);
        self.deployments.push(Deployment {
            namespace: ns.clone(),
            name: name.clone(),
            replicas: d.replicas,
            rs_hash: hash.clone(),
            spec: spec_from(&d.template),
            created: now,
            selector: selector_string(&d.selector),
        });
        self.event(
            now,
            &ns,
            false,
            "ScalingReplicaSet",
            &format!("deployment/{name}"),
            &format!(
                "Scaled up replica set {name}-{hash} from 0 to {}",
                d.replicas
            ),
        );
    }

    /// A static PersistentVolume (Available until the PV controller binds it).
    fn create_pv(&mut self, m: &Manifest, v: &PvBody, now: Millis, rng: &mut K8sRng) {
        self.storage.pvs.push(PersistentVolume {
            name: m.meta.name.clone(),
            uid: super::storage::uuid4(rng.storage),
            capacity: v.capacity,
            modes: v.modes.clone(),
            reclaim: v.reclaim,
            class: v.class.clone(),
            volume_mode: v.volume_mode.clone(),
            claim_ref: v.claim_ref.as_ref().map(|(ns, n)| ClaimRef {
                namespace: ns.clone(),
                name: n.clone(),
                uid: String::new(),
            }),
            phase: PvPhase::Available,
            source: v.source.clone(),
            affinity: v.affinity.clone(),
            labels: m.meta.labels.clone(),
            annotations: annotations_applied(m),
            created: now,
            deletion: None,
            delete_at: None,
            message: String::new(),
            dynamic: false,
        });
    }

    /// A StorageClass.
    fn create_storage_class(
        &mut self,
        m: &Manifest,
        c: &StorageClassBody,
        now: Millis,
        rng: &mut K8sRng,
    ) {
        self.storage.classes.push(StorageClass {
            name: m.meta.name.clone(),
            uid: super::storage::uuid4(rng.storage),
            provisioner: c.provisioner.clone(),
            reclaim: c.reclaim,
            binding: c.binding,
            allow_expansion: c.allow_expansion,
            parameters: c.parameters.clone(),
            labels: m.meta.labels.clone(),
            annotations: annotations_applied(m),
            mount_options: c.mount_options.clone(),
            created: now,
        });
    }

    /// Updates an existing object, or refuses an immutable change (compared with the object as
    /// it is).
    fn update(&mut self, m: &Manifest, now: Millis, rng: &mut K8sRng) -> Result<(), Refusal> {
        match &m.body {
            Body::Pvc(c) => self.update_pvc(m, c),
            Body::Pv(v) => self.update_pv(m, v),
            Body::StorageClass(c) => self.update_storage_class(m, c),
            Body::Pod(t) => self.update_pod(m, t, now),
            Body::Deployment(d) => self.update_deployment(m, d, now, rng),
        }
    }

    /// A claim: only its labels and (growing, with a class that allows expansion) its request
    /// may change.
    fn update_pvc(&mut self, m: &Manifest, b: &PvcBody) -> Result<(), Refusal> {
        let (ns, name) = ns_name(m);
        let Some(c) = self.storage.pvc(&ns, &name).cloned() else {
            return Ok(());
        };
        let same_spec = b.class.as_deref().is_none_or(|x| x == c.class_name())
            && b.modes == c.modes
            && b.volume_mode == c.volume_mode
            && b.volume_name
                .as_ref()
                .is_none_or(|v| c.volume_name.as_ref() == Some(v))
            && b.selector == c.selector;
        if !same_spec {
            return invalid("spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims");
        }
        if b.request.value() != c.request.value() {
            // only the request may change (growing, with a class that allows it)
            if c.phase == super::storage::PvcPhase::Bound
                && c.capacity
                    .is_some_and(|cap| b.request.value() < cap.value())
            {
                return invalid("spec.resources.requests.storage: Forbidden: field can not be less than status.capacity");
            }
            let expandable = self
                .storage
                .class(c.class_name())
                .is_some_and(|sc| sc.allow_expansion == Some(true));
            if !expandable {
                return invalid("spec.resources.requests.storage: Forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
            }
        }
        if let Some(c) = self
            .storage
            .pvcs
            .iter_mut()
            .find(|c| c.namespace == ns && c.name == name)
        {
            c.labels = m.meta.labels.clone();
            c.request = b.request;
        }
        Ok(())
    }

    /// A volume: everything but its source may change.
    fn update_pv(&mut self, m: &Manifest, b: &PvBody) -> Result<(), Refusal> {
        let Some(v) = self.storage.pvs.iter_mut().find(|v| v.name == m.meta.name) else {
            return Ok(());
        };
        let same_source = v.source == b.source
            || matches!(
                (&v.source, &b.source),
                (PvSource::HostPath { path: a, .. }, PvSource::HostPath { path: b, .. }) if a == b
            );
        if !same_source {
            return invalid("spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation");
        }
        v.capacity = b.capacity;
        v.modes = b.modes.clone();
        v.reclaim = b.reclaim;
        v.class = b.class.clone();
        v.labels = m.meta.labels.clone();
        Ok(())
    }

    /// A class: parameters, provisioner, reclaim policy and binding mode are immutable.
    fn update_storage_class(&mut self, m: &Manifest, b: &StorageClassBody) -> Result<(), Refusal> {
        let Some(sc) = self
            .storage
            .classes
            .iter_mut()
            .find(|c| c.name == m.meta.name)
        else {
            return Ok(());
        };
        let mut causes = vec![];
        if sc.parameters != b.parameters {
            causes.push("parameters: Forbidden: updates to parameters are forbidden.".to_string());
        }
        if sc.provisioner != b.provisioner {
            causes
                .push("provisioner: Forbidden: updates to provisioner are forbidden.".to_string());
        }
        if sc.reclaim != b.reclaim {
            causes.push(
                "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.".to_string(),
            );
        }
        if sc.binding != b.binding {
            causes.push(format!(
                "volumeBindingMode: Invalid value: {:?}: field is immutable",
                b.binding.as_str()
            ));
        }
        if !causes.is_empty() {
            return Err(Refusal::Invalid(causes));
        }
        sc.allow_expansion = b.allow_expansion;
        sc.mount_options = b.mount_options.clone();
        sc.labels = m.meta.labels.clone();
        sc.annotations = annotations_applied(m);
        Ok(())
    }

    /// A bare pod: only its image may change (the kubelet then restarts the container).
    fn update_pod(&mut self, m: &Manifest, t: &PodTemplate, now: Millis) -> Result<(), Refusal> {
        let (ns, name) = ns_name(m);
        let Some(pi) = self
            .pods
            .iter()
            .position(|p| p.namespace == ns && p.name == name)
        else {
            return Ok(());
        };
        let new = spec_from(t);
        if self.pods[pi].spec == new {
            return Ok(());
        }
        let mut old = self.pods[pi].spec.clone();
        let image_only = {
            old.image = new.image.clone();
            old == new
        };
        if !image_only {
            return invalid("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
        }
        // the kubelet restarts the container with the new image
        let alive = self.pods[pi]
            .node
            .as_deref()
            .and_then(|n| self.node(n))
            .is_some_and(|n| n.kubelet_alive());
        let p = &mut self.pods[pi];
        p.spec.image = new.image;
        if alive && p.started_at.is_some() && p.deletion.is_none() {
            p.start_at = Some(now + 1_000);
        }
        Ok(())
    }

    /// A Deployment: a new template means a new ReplicaSet, and the old one's pods go.
    fn update_deployment(
        &mut self,
        m: &Manifest,
        b: &DeploymentBody,
        now: Millis,
        rng: &mut K8sRng,
    ) -> Result<(), Refusal> {
        let (ns, name) = ns_name(m);
        let hash = template_hash(&b.template_json);
        let Some(di) = self
            .deployments
            .iter()
            .position(|d| d.namespace == ns && d.name == name)
        else {
            return Ok(());
        };
        let old_hash = self.deployments[di].rs_hash.clone();
        {
            let d = &mut self.deployments[di];
            d.replicas = b.replicas;
            d.selector = selector_string(&b.selector);
            d.spec = spec_from(&b.template);
            d.rs_hash = hash.clone();
        }
        if old_hash != hash {
            // a new ReplicaSet: the old one's pods go
            let old_rs = format!("{name}-{old_hash}");
            let old: Vec<String> = self
                .pods
                .iter()
                .filter(|p| {
                    p.namespace == ns
                        && p.deletion.is_none()
                        && matches!(&p.owner, Owner::ReplicaSet { rs, .. } if *rs == old_rs)
                })
                .map(|p| p.name.clone())
                .collect();
            self.event(
                now,
                &ns,
                false,
                "ScalingReplicaSet",
                &format!("deployment/{name}"),
                &format!(
                    "Scaled up replica set {name}-{hash} from 0 to {}",
                    b.replicas
                ),
            );
            for p in old {
                let _ = self.delete_pod(&ns, &p, None, false, now, rng);
            }
        }
        Ok(())
    }

    /// `kubectl delete deployment`: the Deployment goes, its pods are deleted (each with its
    /// grace period).
    pub fn delete_deployment(
        &mut self,
        ns: &str,
        name: &str,
        now: Millis,
        rng: &mut K8sRng,
    ) -> bool {
        let Some(di) = self
            .deployments
            .iter()
            .position(|d| d.namespace == ns && d.name == name)
        else {
            return false;
        };
        self.deployments.remove(di);
        let pods: Vec<String> = self
            .pods
            .iter()
            .filter(|p| {
                p.namespace == ns
                    && p.deletion.is_none()
                    && matches!(&p.owner, Owner::ReplicaSet { deployment, .. } if deployment == name)
            })
            .map(|p| p.name.clone())
            .collect();
        for p in pods {
            let _ = self.delete_pod(ns, &p, None, false, now, rng);
        }
        self.applied.remove(&key(Kind::Deployment, ns, name));
        self.reconcile(now, rng);
        true
    }

    /// `kubectl delete storageclass`.
    pub fn delete_storage_class(&mut self, name: &str) -> bool {
        let before = self.storage.classes.len();
        self.storage.classes.retain(|c| c.name != name);
        self.applied.remove(&key(Kind::StorageClass, "", name));
        self.storage.classes.len() != before
    }

    /// Forgets the last applied configuration of a deleted object.
    pub fn forget_applied(&mut self, kind: Kind, ns: &str, name: &str) {
        self.applied.remove(&key(kind, ns, name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_use_the_alphabet_and_are_stable() {
        let a = template_hash("x");
        assert_eq!(a, template_hash("x"));
        assert_ne!(a, template_hash("y"));
        assert!(a
            .bytes()
            .all(|b| super::super::SUFFIX_ALPHABET.contains(&b)));
    }
}
