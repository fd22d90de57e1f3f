//! Kubernetes manifests — what `kubectl apply -f` reads — decoded the way kubectl and the API
//! server decode them, with their messages:
//! - kubectl's own checks (`apiVersion not set`, `kind not set`; an unknown kind: `resource
//!   mapping not found ... no matches for kind "Foo" in version "v1"`; no name: `resource name
//!   may not be empty`);
//! - the API server's strict decoding (`Pod in version "v1" cannot be handled as a Pod: strict
//!   decoding error: unknown field "spec.containers[0].imagee"`, Go's `json: cannot unmarshal
//!   string into Go struct field ...`, quantities);
//! - its validation (`The PersistentVolumeClaim "data" is invalid: spec.accessModes: Required
//!   value: at least 1 access mode is required`).
//!
//! Kinds: Pod and Deployment (`apps/v1`), PersistentVolumeClaim, PersistentVolume, StorageClass
//! (`storage.k8s.io/v1`). The YAML itself is parsed by [`crate::yaml`].
//!
//! The parts: the API server's schema in [`schema`] and the strict decoding against it in
//! [`strict`]; the readers of typed values (and the name check) in [`values`]; decoding and
//! validation per kind in [`workloads`] (Pod, Deployment) and [`storage`] (PersistentVolumeClaim,
//! PersistentVolume, StorageClass). This file keeps the decoded types, kubectl's own checks
//! (`identify`) and the dispatch (`decode`).

mod schema;
mod storage;
mod strict;
mod values;
mod workloads;

pub(crate) use values::dns_subdomain_error;

use strict::strict_check;
use values::{map_at, s_at};

use crate::k8s::quantity::Quantity;
use crate::k8s::storage::{AccessMode, BindingMode, MatchExpr, PvSource, Reclaim};
use crate::yaml::Yaml;
use std::collections::BTreeMap;

/// The kinds kindlab's API server serves from manifests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pod,
    Deployment,
    Pvc,
    Pv,
    StorageClass,
}

impl Kind {
    /// From `apiVersion` and `kind`, as kubectl's REST mapper knows them.
    pub fn lookup(api_version: &str, kind: &str) -> Option<Kind> {
        match (api_version, kind) {
            ("v1", "Pod") => Some(Kind::Pod),
            ("apps/v1", "Deployment") => Some(Kind::Deployment),
            ("v1", "PersistentVolumeClaim") => Some(Kind::Pvc),
            ("v1", "PersistentVolume") => Some(Kind::Pv),
            ("storage.k8s.io/v1", "StorageClass") => Some(Kind::StorageClass),
            _ => None,
        }
    }
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Pod => "Pod",
            Kind::Deployment => "Deployment",
            Kind::Pvc => "PersistentVolumeClaim",
            Kind::Pv => "PersistentVolume",
            Kind::StorageClass => "StorageClass",
        }
    }
    pub fn api_version(&self) -> &'static str {
        match self {
            Kind::Deployment => "apps/v1",
            Kind::StorageClass => "storage.k8s.io/v1",
            _ => "v1",
        }
    }
    /// The resource as in NotFound errors (`persistentvolumeclaims`, `deployments.apps`).
    pub fn resource(&self) -> &'static str {
        match self {
            Kind::Pod => "pods",
            Kind::Deployment => "deployments.apps",
            Kind::Pvc => "persistentvolumeclaims",
            Kind::Pv => "persistentvolumes",
            Kind::StorageClass => "storageclasses.storage.k8s.io",
        }
    }
    /// As kubectl prefixes names (`persistentvolumeclaim/data`).
    pub fn prefix(&self) -> &'static str {
        match self {
            Kind::Pod => "pod",
            Kind::Deployment => "deployment.apps",
            Kind::Pvc => "persistentvolumeclaim",
            Kind::Pv => "persistentvolume",
            Kind::StorageClass => "storageclass.storage.k8s.io",
        }
    }
    pub fn namespaced(&self) -> bool {
        matches!(self, Kind::Pod | Kind::Deployment | Kind::Pvc)
    }
    /// `/v1, Resource=persistentvolumeclaims`, as kubectl names the mapping.
    fn gvr(&self) -> String {
        let (g, v) = match self.api_version().split_once('/') {
            Some((g, v)) => (g, v),
            None => ("", self.api_version()),
        };
        let plural = self.resource().split('.').next().unwrap_or("");
        format!("{g}/{v}, Resource={plural}")
    }
    fn gvk(&self) -> String {
        let (g, v) = match self.api_version().split_once('/') {
            Some((g, v)) => (g, v),
            None => ("", self.api_version()),
        };
        format!("{g}/{v}, Kind={}", self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    pub name: String,
    pub namespace: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toleration {
    pub key: String,
    pub operator: String,
    pub value: String,
    pub effect: String,
    pub seconds: Option<i64>,
}

impl Toleration {
    /// Tolerates a taint with this key and effect.
    pub fn tolerates(&self, key: &str, effect: &str) -> bool {
        (self.key.is_empty() && self.operator == "Exists" || self.key == key)
            && (self.effect.is_empty() || self.effect == effect)
    }
}

/// A pod's spec as far as the simulation uses it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PodTemplate {
    pub labels: BTreeMap<String, String>,
    /// (name, image) of each container.
    pub containers: Vec<(String, String)>,
    /// `persistentVolumeClaim.claimName` of the volumes, in order.
    pub claims: Vec<String>,
    /// Those volumes' names.
    pub claim_volumes: Vec<String>,
    pub node_selector: BTreeMap<String, String>,
    pub node_name: Option<String>,
    pub grace: Option<i64>,
    pub tolerations: Vec<Toleration>,
    pub host_network: bool,
}

/// What a manifest asks for, per kind (the parts of the object the simulation uses).
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A Pod: its spec, as a template with the Pod's own labels.
    Pod(PodTemplate),
    /// A Deployment.
    Deployment(DeploymentBody),
    /// A PersistentVolumeClaim.
    Pvc(PvcBody),
    /// A PersistentVolume.
    Pv(PvBody),
    /// A StorageClass.
    StorageClass(StorageClassBody),
}

/// A Deployment's spec.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentBody {
    pub replicas: u32,
    pub selector: BTreeMap<String, String>,
    pub template: PodTemplate,
    /// `spec.template` as JSON (what the pod-template hash is computed from).
    pub template_json: String,
}

/// A PersistentVolumeClaim's spec.
#[derive(Debug, Clone, PartialEq)]
pub struct PvcBody {
    pub class: Option<String>,
    pub request: Quantity,
    pub modes: Vec<AccessMode>,
    pub volume_mode: String,
    pub volume_name: Option<String>,
    pub selector: BTreeMap<String, String>,
}

/// A PersistentVolume's spec.
#[derive(Debug, Clone, PartialEq)]
pub struct PvBody {
    pub capacity: Quantity,
    pub modes: Vec<AccessMode>,
    pub reclaim: Reclaim,
    pub class: String,
    pub volume_mode: String,
    pub source: PvSource,
    pub affinity: Vec<Vec<MatchExpr>>,
    pub claim_ref: Option<(String, String)>,
}

/// A StorageClass (its fields are top-level: a class has no `spec`).
#[derive(Debug, Clone, PartialEq)]
pub struct StorageClassBody {
    pub provisioner: String,
    pub reclaim: Reclaim,
    pub binding: BindingMode,
    pub allow_expansion: Option<bool>,
    pub parameters: BTreeMap<String, String>,
    pub mount_options: Vec<String>,
}

/// A decoded manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub kind: Kind,
    pub meta: Meta,
    pub body: Body,
    /// The document as JSON, as kubectl keeps it in `last-applied-configuration` (the namespace
    /// filled in for namespaced kinds, the annotation itself left out, a newline at the end).
    pub json: String,
}

/// Why a manifest was refused, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Error {
    /// kubectl's client-side check: `error validating "f": error validating data: <this>; ...`.
    Validating(String),
    /// kubectl has no mapping for the kind.
    Mapping {
        name: String,
        namespace: String,
        kind: String,
        version: String,
    },
    /// No `metadata.name`.
    NoName { kind: Kind, namespace: String },
    /// The API server could not decode it: the text after `cannot be handled as a <Kind>: `.
    BadRequest { kind: Kind, detail: String },
    /// The API server's validation: its causes.
    Invalid {
        kind: Kind,
        name: String,
        causes: Vec<String>,
    },
}

impl Error {
    /// The error as kubectl prints it for `source` (the file as given, or `STDIN`) and `verb`
    /// (`creating`, `patching`, `deleting`), without the leading `error: ` kubectl adds to some.
    /// Returns (message, needs_error_prefix).
    pub(crate) fn render(&self, source: &str, verb: &str) -> (String, bool) {
        match self {
            Error::Validating(m) => (
                format!("error validating {source:?}: error validating data: {m}; if you choose to ignore these errors, turn validation off with --validate=false"),
                true,
            ),
            Error::Mapping {
                name,
                namespace,
                kind,
                version,
            } => (
                format!("resource mapping not found for name: {name:?} namespace: {namespace:?} from {source:?}: no matches for kind {kind:?} in version {version:?}\nensure CRDs are installed first"),
                true,
            ),
            Error::NoName { kind, namespace } => (
                format!(
                    "error when retrieving current configuration of:\nResource: \"{}\", GroupVersionKind: \"{}\"\nName: \"\", Namespace: {namespace:?}\nfrom server for: {source:?}: resource name may not be empty",
                    kind.gvr(),
                    kind.gvk()
                ),
                true,
            ),
            Error::BadRequest { kind, detail } => (
                format!(
                    "Error from server (BadRequest): error when {verb} {source:?}: {k} in version \"{v}\" cannot be handled as a {k}: {detail}",
                    k = kind.name(),
                    v = kind.api_version().rsplit('/').next().unwrap_or("v1"),
                ),
                false,
            ),
            Error::Invalid { kind, name, causes } => {
                let head = format!("The {} {name:?} is invalid: ", kind.name());
                let m = if causes.len() == 1 {
                    format!("{head}{}", causes[0])
                } else {
                    let mut s = head;
                    s.push('\n');
                    for c in causes {
                        s.push_str(&format!("* {c}\n"));
                    }
                    s.trim_end().to_string()
                };
                (m, false)
            }
        }
    }
}

/// The document as kubectl's last-applied JSON: namespace filled in, the annotation left out.
fn applied_json(doc: &Yaml, namespace: Option<&str>) -> String {
    let mut d = doc.clone();
    if let Yaml::Map(top) = &mut d {
        if let Some((_, Yaml::Map(meta))) = top.iter_mut().find(|(k, _)| k == "metadata") {
            if let Some(ns) = namespace {
                if !meta.iter().any(|(k, _)| k == "namespace") {
                    meta.push(("namespace".into(), Yaml::Str(ns.into())));
                }
            }
            for (k, v) in meta.iter_mut() {
                if k == "annotations" {
                    if let Yaml::Map(a) = v {
                        a.retain(|(k, _)| k != crate::k8s::storage::LAST_APPLIED);
                    }
                }
            }
            meta.retain(|(k, v)| !(k == "annotations" && v.as_map().is_some_and(|a| a.is_empty())));
        }
    }
    d.to_json() + "\n"
}

/// What kubectl itself reads of a document before it talks to the API server: the kind (mapped),
/// the name and the namespace (`namespace` when the document names none, for namespaced kinds).
pub(crate) fn identify(
    doc: &Yaml,
    namespace: &str,
) -> Result<(Kind, String, Option<String>), Error> {
    // kubectl's client-side check of apiVersion and kind
    let Yaml::Map(_) = doc else {
        return Err(Error::Validating("invalid object to validate".into()));
    };
    let mut errs = vec![];
    let api = match doc.get("apiVersion") {
        None | Some(Yaml::Null) => {
            errs.push("apiVersion not set".to_string());
            String::new()
        }
        Some(Yaml::Str(s)) => s.clone(),
        Some(_) => {
            errs.push("apiVersion isn't string type".to_string());
            String::new()
        }
    };
    let kind_s = match doc.get("kind") {
        None | Some(Yaml::Null) => {
            errs.push("kind not set".to_string());
            String::new()
        }
        Some(Yaml::Str(s)) => s.clone(),
        Some(_) => {
            errs.push("kind isn't string type".to_string());
            String::new()
        }
    };
    if api.matches('/').count() > 1 {
        errs.push(format!("unexpected GroupVersion string: {api}"));
    }
    if !errs.is_empty() {
        let m = if errs.len() == 1 {
            errs[0].clone()
        } else {
            format!("[{}]", errs.join(", "))
        };
        return Err(Error::Validating(m));
    }
    let meta_name = s_at(doc, &["metadata", "name"]).unwrap_or_default();
    let meta_ns = s_at(doc, &["metadata", "namespace"]);
    let Some(kind) = Kind::lookup(&api, &kind_s) else {
        return Err(Error::Mapping {
            name: meta_name,
            namespace: meta_ns.unwrap_or_default(),
            kind: kind_s,
            version: api,
        });
    };
    let ns = if kind.namespaced() {
        Some(meta_ns.unwrap_or_else(|| namespace.to_string()))
    } else {
        None
    };
    if meta_name.is_empty() {
        return Err(Error::NoName {
            kind,
            namespace: ns.clone().unwrap_or_default(),
        });
    }
    Ok((kind, meta_name, ns))
}

/// Decodes one document. `namespace` is the namespace kubectl would use (`-n` or the context's).
pub(crate) fn decode(doc: &Yaml, namespace: &str) -> Result<Manifest, Error> {
    let (kind, meta_name, ns) = identify(doc, namespace)?;
    strict_check(doc, kind)?;
    let meta = Meta {
        name: meta_name.clone(),
        namespace: ns.clone(),
        labels: map_at(doc, &["metadata", "labels"]),
        annotations: map_at(doc, &["metadata", "annotations"]),
    };
    let mut errs: Vec<String> = vec![];
    if let Some(e) = dns_subdomain_error("metadata.name", &meta_name) {
        errs.push(e);
    }
    let body = match kind {
        Kind::Pod => workloads::pod(doc, &meta.labels, &mut errs),
        Kind::Deployment => workloads::deployment(doc, &mut errs),
        Kind::Pvc => storage::pvc(doc, &mut errs),
        Kind::Pv => storage::pv(doc, &mut errs),
        Kind::StorageClass => storage::storage_class(doc, &mut errs),
    };
    if !errs.is_empty() {
        return Err(Error::Invalid {
            kind,
            name: meta_name,
            causes: errs,
        });
    }
    Ok(Manifest {
        kind,
        json: applied_json(doc, ns.as_deref()),
        meta,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, GoYaml};

    fn d(text: &str) -> Result<Manifest, Error> {
        decode(&parse(text, GoYaml::V2).unwrap(), "default")
    }
    fn msg(text: &str) -> String {
        d(text).unwrap_err().render("f.yaml", "creating").0
    }

    const PVC: &str = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n";

    #[test]
    fn a_claim_decodes() {
        let m = d(PVC).unwrap();
        assert_eq!(m.kind, Kind::Pvc);
        assert_eq!(m.meta.namespace.as_deref(), Some("default"));
        let Body::Pvc(PvcBody { request, class, .. }) = &m.body else {
            panic!()
        };
        assert_eq!(request.canonical(), "1Gi");
        assert_eq!(class, &None);
        assert_eq!(m.json, "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\",\"metadata\":{\"name\":\"data\",\"namespace\":\"default\"},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}\n");
    }

    #[test]
    fn kubectls_own_errors() {
        assert_eq!(
            msg("apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n"),
            "resource mapping not found for name: \"x\" namespace: \"\" from \"f.yaml\": no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first"
        );
        assert_eq!(
            msg("metadata:\n  name: x\n"),
            "error validating \"f.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
        );
        assert!(
            msg("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {}\n")
                .ends_with("from server for: \"f.yaml\": resource name may not be empty")
        );
    }

    #[test]
    fn the_api_servers_errors() {
        let typo = PVC.replace("accessModes", "accesModes");
        assert_eq!(msg(&typo), "Error from server (BadRequest): error when creating \"f.yaml\": PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field \"spec.accesModes\"");
        let bad = PVC.replace("1Gi", "lots");
        assert!(msg(&bad).ends_with("cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    imagee: x\n";
        assert!(msg(pod)
            .ends_with("strict decoding error: unknown field \"spec.containers[0].imagee\""));
        let ty = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    tier: 1\nspec:\n  containers:\n  - name: c\n    image: busybox\n";
        assert!(msg(ty).ends_with("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"), "{}", msg(ty));
        let none =
            "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec: {}\n";
        assert_eq!(msg(none), "The PersistentVolumeClaim \"data\" is invalid: \n* spec.accessModes: Required value: at least 1 access mode is required\n* spec.resources[storage]: Required value");
        let pv = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n";
        assert_eq!(
            msg(pv),
            "The PersistentVolume \"pv1\" is invalid: spec: Required value: must specify a volume type"
        );
        let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: www}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
        assert_eq!(msg(dep), "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"www\"}: `selector` does not match template `labels`");
    }
}
