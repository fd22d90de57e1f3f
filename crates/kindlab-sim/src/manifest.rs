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

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Pod(PodTemplate),
    Deployment {
        replicas: u32,
        selector: BTreeMap<String, String>,
        template: PodTemplate,
        /// `spec.template` as JSON (what the pod-template hash is computed from).
        template_json: String,
    },
    Pvc {
        class: Option<String>,
        request: Quantity,
        modes: Vec<AccessMode>,
        volume_mode: String,
        volume_name: Option<String>,
        selector: BTreeMap<String, String>,
    },
    Pv {
        capacity: Quantity,
        modes: Vec<AccessMode>,
        reclaim: Reclaim,
        class: String,
        volume_mode: String,
        source: PvSource,
        affinity: Vec<Vec<MatchExpr>>,
        claim_ref: Option<(String, String)>,
    },
    StorageClass {
        provisioner: String,
        reclaim: Reclaim,
        binding: BindingMode,
        allow_expansion: Option<bool>,
        parameters: BTreeMap<String, String>,
        mount_options: Vec<String>,
    },
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
pub enum Error {
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
    pub fn render(&self, source: &str, verb: &str) -> (String, bool) {
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

// ---- the API server's schema (as far as strict decoding goes) ----

/// A node of the schema: what a field may hold.
enum S {
    Any,
    Str,
    Int(&'static str),
    Bool,
    StrMap,
    QtyMap,
    /// A slice: its Go type (`[]v1.Container`) and element.
    Arr(&'static str, &'static S),
    /// A struct: its Go type (`v1.PodSpec`) and fields.
    Obj(&'static str, &'static [(&'static str, S)]),
}

static STR_ARR: S = S::Arr("[]string", &S::Str);
static OBJECT_META: S = S::Obj(
    "v1.ObjectMeta",
    &[
        ("name", S::Str),
        ("generateName", S::Str),
        ("namespace", S::Str),
        ("selfLink", S::Str),
        ("uid", S::Str),
        ("resourceVersion", S::Str),
        ("generation", S::Int("int64")),
        ("creationTimestamp", S::Any),
        ("deletionTimestamp", S::Any),
        ("deletionGracePeriodSeconds", S::Int("int64")),
        ("labels", S::StrMap),
        ("annotations", S::StrMap),
        ("ownerReferences", S::Any),
        ("finalizers", S::Arr("[]string", &S::Str)),
        ("managedFields", S::Any),
    ],
);
static LABEL_SELECTOR: S = S::Obj(
    "v1.LabelSelector",
    &[("matchLabels", S::StrMap), ("matchExpressions", S::Any)],
);
static VOLUME_MOUNT: S = S::Obj(
    "v1.VolumeMount",
    &[
        ("name", S::Str),
        ("readOnly", S::Bool),
        ("recursiveReadOnly", S::Str),
        ("mountPath", S::Str),
        ("subPath", S::Str),
        ("mountPropagation", S::Str),
        ("subPathExpr", S::Str),
    ],
);
static CONTAINER_PORT: S = S::Obj(
    "v1.ContainerPort",
    &[
        ("name", S::Str),
        ("hostPort", S::Int("int32")),
        ("containerPort", S::Int("int32")),
        ("protocol", S::Str),
        ("hostIP", S::Str),
    ],
);
static CONTAINER: S = S::Obj(
    "v1.Container",
    &[
        ("name", S::Str),
        ("image", S::Str),
        ("command", S::Arr("[]string", &S::Str)),
        ("args", S::Arr("[]string", &S::Str)),
        ("workingDir", S::Str),
        ("ports", S::Arr("[]v1.ContainerPort", &CONTAINER_PORT)),
        ("envFrom", S::Any),
        ("env", S::Any),
        ("resources", S::Any),
        ("resizePolicy", S::Any),
        ("restartPolicy", S::Str),
        ("volumeMounts", S::Arr("[]v1.VolumeMount", &VOLUME_MOUNT)),
        ("volumeDevices", S::Any),
        ("livenessProbe", S::Any),
        ("readinessProbe", S::Any),
        ("startupProbe", S::Any),
        ("lifecycle", S::Any),
        ("terminationMessagePath", S::Str),
        ("terminationMessagePolicy", S::Str),
        ("imagePullPolicy", S::Str),
        ("securityContext", S::Any),
        ("stdin", S::Bool),
        ("stdinOnce", S::Bool),
        ("tty", S::Bool),
    ],
);
static VOLUME: S = S::Obj(
    "v1.Volume",
    &[
        ("name", S::Str),
        (
            "persistentVolumeClaim",
            S::Obj(
                "v1.PersistentVolumeClaimVolumeSource",
                &[("claimName", S::Str), ("readOnly", S::Bool)],
            ),
        ),
        ("hostPath", S::Any),
        ("emptyDir", S::Any),
        ("gcePersistentDisk", S::Any),
        ("awsElasticBlockStore", S::Any),
        ("gitRepo", S::Any),
        ("secret", S::Any),
        ("nfs", S::Any),
        ("iscsi", S::Any),
        ("glusterfs", S::Any),
        ("rbd", S::Any),
        ("flexVolume", S::Any),
        ("cinder", S::Any),
        ("cephfs", S::Any),
        ("flocker", S::Any),
        ("downwardAPI", S::Any),
        ("fc", S::Any),
        ("azureFile", S::Any),
        ("configMap", S::Any),
        ("vsphereVolume", S::Any),
        ("quobyte", S::Any),
        ("azureDisk", S::Any),
        ("photonPersistentDisk", S::Any),
        ("projected", S::Any),
        ("portworxVolume", S::Any),
        ("scaleIO", S::Any),
        ("storageos", S::Any),
        ("csi", S::Any),
        ("ephemeral", S::Any),
        ("image", S::Any),
    ],
);
static TOLERATION: S = S::Obj(
    "v1.Toleration",
    &[
        ("key", S::Str),
        ("operator", S::Str),
        ("value", S::Str),
        ("effect", S::Str),
        ("tolerationSeconds", S::Int("int64")),
    ],
);
static POD_SPEC: S = S::Obj(
    "v1.PodSpec",
    &[
        ("volumes", S::Arr("[]v1.Volume", &VOLUME)),
        ("initContainers", S::Arr("[]v1.Container", &CONTAINER)),
        ("containers", S::Arr("[]v1.Container", &CONTAINER)),
        ("ephemeralContainers", S::Any),
        ("restartPolicy", S::Str),
        ("terminationGracePeriodSeconds", S::Int("int64")),
        ("activeDeadlineSeconds", S::Int("int64")),
        ("dnsPolicy", S::Str),
        ("nodeSelector", S::StrMap),
        ("serviceAccountName", S::Str),
        ("serviceAccount", S::Str),
        ("automountServiceAccountToken", S::Bool),
        ("nodeName", S::Str),
        ("hostNetwork", S::Bool),
        ("hostPID", S::Bool),
        ("hostIPC", S::Bool),
        ("shareProcessNamespace", S::Bool),
        ("securityContext", S::Any),
        ("imagePullSecrets", S::Any),
        ("hostname", S::Str),
        ("subdomain", S::Str),
        ("affinity", S::Any),
        ("schedulerName", S::Str),
        ("tolerations", S::Arr("[]v1.Toleration", &TOLERATION)),
        ("hostAliases", S::Any),
        ("priorityClassName", S::Str),
        ("priority", S::Int("int32")),
        ("dnsConfig", S::Any),
        ("readinessGates", S::Any),
        ("runtimeClassName", S::Str),
        ("enableServiceLinks", S::Bool),
        ("preemptionPolicy", S::Str),
        ("overhead", S::Any),
        ("topologySpreadConstraints", S::Any),
        ("setHostnameAsFQDN", S::Bool),
        ("os", S::Any),
        ("hostUsers", S::Bool),
        ("schedulingGates", S::Any),
        ("resourceClaims", S::Any),
        ("resources", S::Any),
    ],
);
// the template's metadata and spec are looked up by path (see `sub_schema`)
static POD_TEMPLATE: S = S::Obj(
    "v1.PodTemplateSpec",
    &[("metadata", S::Any), ("spec", S::Any)],
);
static DEPLOYMENT_SPEC: S = S::Obj(
    "v1.DeploymentSpec",
    &[
        ("replicas", S::Int("int32")),
        ("selector", S::Any),
        ("template", S::Any),
        ("strategy", S::Any),
        ("minReadySeconds", S::Int("int32")),
        ("revisionHistoryLimit", S::Int("int32")),
        ("paused", S::Bool),
        ("progressDeadlineSeconds", S::Int("int32")),
    ],
);
static RESOURCES: S = S::Obj(
    "v1.VolumeResourceRequirements",
    &[("limits", S::QtyMap), ("requests", S::QtyMap)],
);
static PVC_SPEC: S = S::Obj(
    "v1.PersistentVolumeClaimSpec",
    &[
        (
            "accessModes",
            S::Arr("[]v1.PersistentVolumeAccessMode", &S::Str),
        ),
        ("selector", S::Any),
        ("resources", S::Any),
        ("volumeName", S::Str),
        ("storageClassName", S::Str),
        ("volumeMode", S::Str),
        ("dataSource", S::Any),
        ("dataSourceRef", S::Any),
        ("volumeAttributesClassName", S::Str),
    ],
);
static HOST_PATH: S = S::Obj(
    "v1.HostPathVolumeSource",
    &[("path", S::Str), ("type", S::Str)],
);
static LOCAL: S = S::Obj(
    "v1.LocalVolumeSource",
    &[("path", S::Str), ("fsType", S::Str)],
);
static CSI: S = S::Obj(
    "v1.CSIPersistentVolumeSource",
    &[
        ("driver", S::Str),
        ("volumeHandle", S::Str),
        ("readOnly", S::Bool),
        ("fsType", S::Str),
        ("volumeAttributes", S::StrMap),
        ("controllerPublishSecretRef", S::Any),
        ("nodeStageSecretRef", S::Any),
        ("nodePublishSecretRef", S::Any),
        ("controllerExpandSecretRef", S::Any),
        ("nodeExpandSecretRef", S::Any),
    ],
);
static NODE_REQ: S = S::Obj(
    "v1.NodeSelectorRequirement",
    &[
        ("key", S::Str),
        ("operator", S::Str),
        ("values", S::Arr("[]string", &S::Str)),
    ],
);
static NODE_TERM: S = S::Obj(
    "v1.NodeSelectorTerm",
    &[
        (
            "matchExpressions",
            S::Arr("[]v1.NodeSelectorRequirement", &NODE_REQ),
        ),
        ("matchFields", S::Any),
    ],
);
static NODE_SELECTOR: S = S::Obj(
    "v1.NodeSelector",
    &[(
        "nodeSelectorTerms",
        S::Arr("[]v1.NodeSelectorTerm", &NODE_TERM),
    )],
);
static VOLUME_NODE_AFFINITY: S = S::Obj("v1.VolumeNodeAffinity", &[("required", S::Any)]);
static CLAIM_REF: S = S::Obj(
    "v1.ObjectReference",
    &[
        ("kind", S::Str),
        ("namespace", S::Str),
        ("name", S::Str),
        ("uid", S::Str),
        ("apiVersion", S::Str),
        ("resourceVersion", S::Str),
        ("fieldPath", S::Str),
    ],
);
/// The volume plugins a PV may name (besides hostPath, local and csi, checked more closely).
const PV_PLUGINS: [&str; 19] = [
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "nfs",
    "rbd",
    "iscsi",
    "cinder",
    "cephfs",
    "fc",
    "flocker",
    "flexVolume",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "glusterfs",
];
static PV_SPEC: S = S::Obj(
    "v1.PersistentVolumeSpec",
    &[
        ("capacity", S::QtyMap),
        (
            "accessModes",
            S::Arr("[]v1.PersistentVolumeAccessMode", &S::Str),
        ),
        ("claimRef", S::Any),
        ("persistentVolumeReclaimPolicy", S::Str),
        ("storageClassName", S::Str),
        ("mountOptions", S::Arr("[]string", &S::Str)),
        ("volumeMode", S::Str),
        ("nodeAffinity", S::Any),
        ("volumeAttributesClassName", S::Str),
        ("hostPath", S::Any),
        ("local", S::Any),
        ("csi", S::Any),
        ("gcePersistentDisk", S::Any),
        ("awsElasticBlockStore", S::Any),
        ("nfs", S::Any),
        ("rbd", S::Any),
        ("iscsi", S::Any),
        ("cinder", S::Any),
        ("cephfs", S::Any),
        ("fc", S::Any),
        ("flocker", S::Any),
        ("flexVolume", S::Any),
        ("azureFile", S::Any),
        ("vsphereVolume", S::Any),
        ("quobyte", S::Any),
        ("azureDisk", S::Any),
        ("photonPersistentDisk", S::Any),
        ("portworxVolume", S::Any),
        ("scaleIO", S::Any),
        ("storageos", S::Any),
        ("glusterfs", S::Any),
    ],
);

/// The sub-schemas the tables above leave as `Any` to keep them acyclic, by path.
fn sub_schema(path: &str) -> Option<&'static S> {
    Some(match path {
        "spec.template.metadata" | "metadata" => &OBJECT_META,
        "spec.template.spec" => &POD_SPEC,
        "spec.template" => &POD_TEMPLATE,
        "spec.selector" => &LABEL_SELECTOR,
        "spec.resources" => &RESOURCES,
        "spec.hostPath" => &HOST_PATH,
        "spec.local" => &LOCAL,
        "spec.csi" => &CSI,
        "spec.nodeAffinity" => &VOLUME_NODE_AFFINITY,
        "spec.nodeAffinity.required" => &NODE_SELECTOR,
        "spec.claimRef" => &CLAIM_REF,
        _ => return None,
    })
}

/// Strict decoding against the schema: the first type error (Go's message), and the unknown
/// fields (`spec.containers[0].imagee`).
struct Check {
    type_error: Option<String>,
    unknown: Vec<String>,
    quantity_error: Option<String>,
}

impl Check {
    fn walk(&mut self, v: &Yaml, s: &S, path: &str, plain: &str, strukt: &str, spec_path: &str) {
        if v.is_null() {
            return;
        }
        let s = match s {
            S::Any => match sub_schema(spec_path) {
                Some(sub) => sub,
                None => return,
            },
            s => s,
        };
        let mismatch = |this: &mut Check, what: String, ty: &str| {
            if this.type_error.is_none() {
                this.type_error = Some(format!(
                    "json: cannot unmarshal {what} into Go struct field {strukt}.{plain} of type {ty}"
                ));
            }
        };
        let kind_of = |v: &Yaml| -> String {
            match v {
                Yaml::Float(f) => format!("number {f}"),
                other => other.json_kind().to_string(),
            }
        };
        match s {
            S::Any => {}
            S::Str => {
                if !matches!(v, Yaml::Str(_)) {
                    mismatch(self, kind_of(v), "string");
                }
            }
            S::Int(ty) => match v {
                Yaml::Int(_) => {}
                Yaml::Float(f) if f.fract() == 0.0 => {}
                other => mismatch(self, kind_of(other), ty),
            },
            S::Bool => {
                if !matches!(v, Yaml::Bool(_)) {
                    mismatch(self, kind_of(v), "bool");
                }
            }
            S::StrMap => match v {
                Yaml::Map(m) => {
                    for (_, x) in m {
                        if !matches!(x, Yaml::Str(_) | Yaml::Null) {
                            mismatch(self, kind_of(x), "string");
                        }
                    }
                }
                other => mismatch(self, kind_of(other), "map[string]string"),
            },
            S::QtyMap => match v {
                Yaml::Map(m) => {
                    for (_, x) in m {
                        self.quantity(x);
                    }
                }
                other => mismatch(self, kind_of(other), "v1.ResourceList"),
            },
            S::Arr(ty, elem) => match v {
                Yaml::Seq(items) => {
                    for (i, x) in items.iter().enumerate() {
                        self.walk(x, elem, &format!("{path}[{i}]"), plain, strukt, spec_path);
                    }
                }
                other => mismatch(self, kind_of(other), ty),
            },
            S::Obj(ty, fields) => match v {
                Yaml::Map(m) => {
                    let inner = ty.rsplit('.').next().unwrap_or(ty);
                    let mut keys: Vec<&(String, Yaml)> = m.iter().collect();
                    keys.sort_by(|a, b| a.0.cmp(&b.0));
                    for (k, x) in keys {
                        let p = if path.is_empty() {
                            k.clone()
                        } else {
                            format!("{path}.{k}")
                        };
                        let pl = if plain.is_empty() {
                            k.clone()
                        } else {
                            format!("{plain}.{k}")
                        };
                        let sp = if spec_path.is_empty() {
                            k.clone()
                        } else {
                            format!("{spec_path}.{k}")
                        };
                        match fields.iter().find(|(f, _)| f == k) {
                            Some((_, fs)) => self.walk(x, fs, &p, &pl, inner, &sp),
                            None => self.unknown.push(p),
                        }
                    }
                }
                other => {
                    // the struct named in Go's message is the one holding this field
                    mismatch(self, kind_of(other), ty)
                }
            },
        }
    }

    fn quantity(&mut self, v: &Yaml) {
        let text = match v {
            Yaml::Str(s) => s.clone(),
            Yaml::Int(i) => i.to_string(),
            Yaml::Float(f) => f.to_string(),
            _ => String::new(),
        };
        if let Err(e) = Quantity::parse(&text) {
            if self.quantity_error.is_none() {
                self.quantity_error = Some(e);
            }
        }
    }
}

fn top_schema(kind: Kind) -> Vec<(&'static str, &'static S)> {
    let mut v: Vec<(&'static str, &'static S)> = vec![
        ("apiVersion", &S::Str),
        ("kind", &S::Str),
        ("metadata", &OBJECT_META),
    ];
    match kind {
        Kind::Pod => {
            v.push(("spec", &POD_SPEC));
            v.push(("status", &S::Any));
        }
        Kind::Deployment => {
            v.push(("spec", &DEPLOYMENT_SPEC));
            v.push(("status", &S::Any));
        }
        Kind::Pvc => {
            v.push(("spec", &PVC_SPEC));
            v.push(("status", &S::Any));
        }
        Kind::Pv => {
            v.push(("spec", &PV_SPEC));
            v.push(("status", &S::Any));
        }
        Kind::StorageClass => {
            v.push(("provisioner", &S::Str));
            v.push(("parameters", &S::StrMap));
            v.push(("reclaimPolicy", &S::Str));
            v.push(("mountOptions", &STR_ARR));
            v.push(("allowVolumeExpansion", &S::Bool));
            v.push(("volumeBindingMode", &S::Str));
            v.push(("allowedTopologies", &S::Any));
        }
    }
    v
}

fn strict_check(doc: &Yaml, kind: Kind) -> Result<(), Error> {
    let mut c = Check {
        type_error: None,
        unknown: vec![],
        quantity_error: None,
    };
    let fields = top_schema(kind);
    if let Yaml::Map(m) = doc {
        let mut keys: Vec<&(String, Yaml)> = m.iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, v) in keys {
            match fields.iter().find(|(f, _)| f == k) {
                Some((_, s)) => c.walk(v, s, k, k, kind.name(), k),
                None => c.unknown.push(k.clone()),
            }
        }
    }
    let bad = |detail: String| Error::BadRequest { kind, detail };
    if let Some(e) = c.type_error {
        return Err(bad(e));
    }
    if let Some(e) = c.quantity_error {
        return Err(bad(e));
    }
    if !c.unknown.is_empty() {
        let list: Vec<String> = c
            .unknown
            .iter()
            .map(|u| format!("unknown field {u:?}"))
            .collect();
        return Err(bad(format!("strict decoding error: {}", list.join(", "))));
    }
    Ok(())
}

// ---- reading the typed values (after strict decoding passed) ----

fn s_at(v: &Yaml, path: &[&str]) -> Option<String> {
    v.at(path).and_then(|x| x.as_str()).map(|s| s.to_string())
}

fn map_at(v: &Yaml, path: &[&str]) -> BTreeMap<String, String> {
    v.at(path)
        .and_then(|m| m.as_map())
        .map(|m| {
            m.iter()
                .filter_map(|(k, x)| x.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

fn seq_at<'a>(v: &'a Yaml, path: &[&str]) -> &'a [Yaml] {
    v.at(path).and_then(|s| s.as_seq()).unwrap_or(&[])
}

fn int_at(v: &Yaml, path: &[&str]) -> Option<i64> {
    match v.at(path)? {
        Yaml::Int(i) => Some(*i),
        Yaml::Float(f) => Some(*f as i64),
        _ => None,
    }
}

fn qty(v: &Yaml) -> Option<Quantity> {
    match v {
        Yaml::Str(s) => Quantity::parse(s).ok(),
        Yaml::Int(i) => Quantity::parse(&i.to_string()).ok(),
        Yaml::Float(f) => Quantity::parse(&f.to_string()).ok(),
        _ => None,
    }
}

/// `a lowercase RFC 1123 subdomain must consist of ...`: the API server's check of names.
pub fn dns_subdomain_error(field: &str, name: &str) -> Option<String> {
    let ok_label = |l: &str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if name.len() <= 253 && name.split('.').all(ok_label) {
        return None;
    }
    Some(format!("{field}: Invalid value: {name:?}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"))
}

/// Go's `%#v` of a `map[string]string`.
fn go_map(m: &BTreeMap<String, String>) -> String {
    let inner: Vec<String> = m.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
    format!("map[string]string{{{}}}", inner.join(", "))
}

fn modes(v: &Yaml, path: &[&str], field: &str, errs: &mut Vec<String>) -> Vec<AccessMode> {
    let mut out = vec![];
    for m in seq_at(v, path) {
        let s = m.as_str().unwrap_or("");
        match AccessMode::parse(s) {
            Some(a) => {
                if !out.contains(&a) {
                    out.push(a)
                }
            }
            None => errs.push(format!("{field}: Unsupported value: {s:?}: supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"")),
        }
    }
    out
}

fn pod_template(spec: &Yaml, prefix: &str, errs: &mut Vec<String>) -> PodTemplate {
    let mut t = PodTemplate::default();
    let containers = seq_at(spec, &["containers"]);
    let volumes: Vec<String> = seq_at(spec, &["volumes"])
        .iter()
        .filter_map(|v| s_at(v, &["name"]))
        .collect();
    for (i, v) in seq_at(spec, &["volumes"]).iter().enumerate() {
        if s_at(v, &["name"]).unwrap_or_default().is_empty() {
            errs.push(format!("{prefix}.volumes[{i}].name: Required value"));
        }
        if v.get("persistentVolumeClaim").is_some() {
            match s_at(v, &["persistentVolumeClaim", "claimName"]) {
                Some(c) if !c.is_empty() => {
                    t.claims.push(c);
                    t.claim_volumes.push(s_at(v, &["name"]).unwrap_or_default());
                }
                _ => errs.push(format!(
                    "{prefix}.volumes[{i}].persistentVolumeClaim.claimName: Required value"
                )),
            }
        }
    }
    if containers.is_empty() {
        errs.push(format!("{prefix}.containers: Required value"));
    }
    for (i, c) in containers.iter().enumerate() {
        let name = s_at(c, &["name"]).unwrap_or_default();
        let image = s_at(c, &["image"]).unwrap_or_default();
        if name.is_empty() {
            errs.push(format!("{prefix}.containers[{i}].name: Required value"));
        }
        if image.is_empty() {
            errs.push(format!("{prefix}.containers[{i}].image: Required value"));
        }
        for (j, m) in seq_at(c, &["volumeMounts"]).iter().enumerate() {
            let n = s_at(m, &["name"]).unwrap_or_default();
            if !volumes.contains(&n) {
                errs.push(format!(
                    "{prefix}.containers[{i}].volumeMounts[{j}].name: Not found: {n:?}"
                ));
            }
        }
        t.containers.push((name, image));
    }
    t.node_selector = map_at(spec, &["nodeSelector"]);
    t.node_name = s_at(spec, &["nodeName"]).filter(|n| !n.is_empty());
    t.grace = int_at(spec, &["terminationGracePeriodSeconds"]);
    t.host_network = matches!(spec.get("hostNetwork"), Some(Yaml::Bool(true)));
    for tol in seq_at(spec, &["tolerations"]) {
        t.tolerations.push(Toleration {
            key: s_at(tol, &["key"]).unwrap_or_default(),
            operator: s_at(tol, &["operator"]).unwrap_or_else(|| "Equal".into()),
            effect: s_at(tol, &["effect"]).unwrap_or_default(),
            seconds: int_at(tol, &["tolerationSeconds"]),
        });
    }
    t
}

fn node_terms(v: &Yaml) -> Vec<Vec<MatchExpr>> {
    seq_at(
        v,
        &["spec", "nodeAffinity", "required", "nodeSelectorTerms"],
    )
    .iter()
    .map(|term| {
        seq_at(term, &["matchExpressions"])
            .iter()
            .map(|e| MatchExpr {
                key: s_at(e, &["key"]).unwrap_or_default(),
                operator: s_at(e, &["operator"]).unwrap_or_default(),
                values: seq_at(e, &["values"])
                    .iter()
                    .filter_map(|x| x.as_str().map(|s| s.to_string()))
                    .collect(),
            })
            .collect()
    })
    .collect()
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
pub fn identify(doc: &Yaml, namespace: &str) -> Result<(Kind, String, Option<String>), Error> {
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
pub fn decode(doc: &Yaml, namespace: &str) -> Result<Manifest, Error> {
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
        Kind::Pod => {
            let spec = doc.get("spec").cloned().unwrap_or(Yaml::Null);
            let mut t = pod_template(&spec, "spec", &mut errs);
            t.labels = meta.labels.clone();
            Body::Pod(t)
        }
        Kind::Deployment => {
            let replicas = int_at(doc, &["spec", "replicas"]).unwrap_or(1);
            if replicas < 0 {
                errs.push(format!(
                    "spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
                ));
            }
            let selector = map_at(doc, &["spec", "selector", "matchLabels"]);
            let tpl_labels = map_at(doc, &["spec", "template", "metadata", "labels"]);
            if doc.at(&["spec", "selector"]).is_none() {
                errs.push("spec.selector: Required value".into());
            }
            if selector.is_empty() || !selector.iter().all(|(k, v)| tpl_labels.get(k) == Some(v)) {
                errs.push(format!(
                    "spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`",
                    go_map(&tpl_labels)
                ));
            }
            let spec = doc
                .at(&["spec", "template", "spec"])
                .cloned()
                .unwrap_or(Yaml::Null);
            let mut template = pod_template(&spec, "spec.template.spec", &mut errs);
            template.labels = tpl_labels;
            Body::Deployment {
                replicas: replicas.clamp(0, 500) as u32,
                selector,
                template,
                template_json: doc
                    .at(&["spec", "template"])
                    .map(|t| t.to_json())
                    .unwrap_or_default(),
            }
        }
        Kind::Pvc => {
            let m = modes(doc, &["spec", "accessModes"], "spec.accessModes", &mut errs);
            if seq_at(doc, &["spec", "accessModes"]).is_empty() {
                errs.push(
                    "spec.accessModes: Required value: at least 1 access mode is required".into(),
                );
            }
            let request = doc
                .at(&["spec", "resources", "requests", "storage"])
                .and_then(qty);
            match request {
                None => errs.push("spec.resources[storage]: Required value".into()),
                Some(q) if q.nano <= 0 => errs.push(format!(
                    "spec.resources[storage]: Invalid value: \"{}\": must be greater than zero",
                    q.canonical()
                )),
                _ => {}
            }
            let volume_mode =
                s_at(doc, &["spec", "volumeMode"]).unwrap_or_else(|| "Filesystem".into());
            if volume_mode != "Filesystem" && volume_mode != "Block" {
                errs.push(format!("spec.volumeMode: Unsupported value: {volume_mode:?}: supported values: \"Block\", \"Filesystem\""));
            }
            Body::Pvc {
                class: s_at(doc, &["spec", "storageClassName"]),
                request: request.unwrap_or(Quantity {
                    nano: 0,
                    format: crate::k8s::quantity::Format::DecimalSI,
                }),
                modes: m,
                volume_mode,
                volume_name: s_at(doc, &["spec", "volumeName"]).filter(|v| !v.is_empty()),
                selector: map_at(doc, &["spec", "selector", "matchLabels"]),
            }
        }
        Kind::Pv => {
            let capacity = doc.at(&["spec", "capacity", "storage"]).and_then(qty);
            if capacity.is_none() {
                errs.push("spec.capacity: Required value".into());
            }
            let m = modes(doc, &["spec", "accessModes"], "spec.accessModes", &mut errs);
            if seq_at(doc, &["spec", "accessModes"]).is_empty() {
                errs.push("spec.accessModes: Required value".into());
            }
            let reclaim = match s_at(doc, &["spec", "persistentVolumeReclaimPolicy"]) {
                None => Reclaim::Retain,
                Some(r) => Reclaim::parse(&r).unwrap_or_else(|| {
                    errs.push(format!("spec.persistentVolumeReclaimPolicy: Unsupported value: {r:?}: supported values: \"Delete\", \"Recycle\", \"Retain\""));
                    Reclaim::Retain
                }),
            };
            let spec = doc.get("spec").cloned().unwrap_or(Yaml::Null);
            let mut sources: Vec<PvSource> = vec![];
            let mut names: Vec<&str> = vec![];
            if spec.get("hostPath").is_some_and(|v| !v.is_null()) {
                names.push("hostPath");
                let path = s_at(&spec, &["hostPath", "path"]).unwrap_or_default();
                if path.is_empty() {
                    errs.push("spec.hostPath.path: Required value".into());
                }
                sources.push(PvSource::HostPath {
                    path,
                    kind: s_at(&spec, &["hostPath", "type"]).unwrap_or_default(),
                });
            }
            if spec.get("local").is_some_and(|v| !v.is_null()) {
                names.push("local");
                sources.push(PvSource::Local {
                    path: s_at(&spec, &["local", "path"]).unwrap_or_default(),
                });
            }
            if spec.get("csi").is_some_and(|v| !v.is_null()) {
                names.push("csi");
                sources.push(PvSource::Csi {
                    driver: s_at(&spec, &["csi", "driver"]).unwrap_or_default(),
                    handle: s_at(&spec, &["csi", "volumeHandle"]).unwrap_or_default(),
                });
            }
            for p in PV_PLUGINS {
                if spec.get(p).is_some_and(|v| !v.is_null()) {
                    names.push(p);
                    sources.push(PvSource::Other(p.to_string()));
                }
            }
            if sources.is_empty() {
                errs.push("spec: Required value: must specify a volume type".into());
            } else if sources.len() > 1 {
                errs.push(format!(
                    "spec.{}: Forbidden: may not specify more than 1 volume type",
                    names[1]
                ));
            }
            let affinity = node_terms(doc);
            if matches!(sources.first(), Some(PvSource::Local { .. })) && affinity.is_empty() {
                errs.push(
                    "spec.nodeAffinity: Required value: Local volume requires node affinity".into(),
                );
            }
            let volume_mode =
                s_at(doc, &["spec", "volumeMode"]).unwrap_or_else(|| "Filesystem".into());
            Body::Pv {
                capacity: capacity.unwrap_or(Quantity {
                    nano: 0,
                    format: crate::k8s::quantity::Format::DecimalSI,
                }),
                modes: m,
                reclaim,
                class: s_at(doc, &["spec", "storageClassName"]).unwrap_or_default(),
                volume_mode,
                source: sources
                    .into_iter()
                    .next()
                    .unwrap_or(PvSource::Other(String::new())),
                affinity,
                claim_ref: s_at(doc, &["spec", "claimRef", "name"]).map(|n| {
                    (
                        s_at(doc, &["spec", "claimRef", "namespace"]).unwrap_or_default(),
                        n,
                    )
                }),
            }
        }
        Kind::StorageClass => {
            let provisioner = s_at(doc, &["provisioner"]).unwrap_or_default();
            if provisioner.is_empty() {
                errs.push("provisioner: Required value".into());
            }
            let reclaim = match s_at(doc, &["reclaimPolicy"]) {
                None => Reclaim::Delete,
                Some(r) => match Reclaim::parse(&r) {
                    Some(x) if x != Reclaim::Recycle => x,
                    _ => {
                        errs.push(format!("reclaimPolicy: Unsupported value: {r:?}: supported values: \"Delete\", \"Retain\""));
                        Reclaim::Delete
                    }
                },
            };
            let binding = match s_at(doc, &["volumeBindingMode"]) {
                None => BindingMode::Immediate,
                Some(b) => BindingMode::parse(&b).unwrap_or_else(|| {
                    errs.push(format!("volumeBindingMode: Unsupported value: {b:?}: supported values: \"Immediate\", \"WaitForFirstConsumer\""));
                    BindingMode::Immediate
                }),
            };
            Body::StorageClass {
                provisioner,
                reclaim,
                binding,
                allow_expansion: match doc.get("allowVolumeExpansion") {
                    Some(Yaml::Bool(b)) => Some(*b),
                    _ => None,
                },
                parameters: map_at(doc, &["parameters"]),
                mount_options: seq_at(doc, &["mountOptions"])
                    .iter()
                    .filter_map(|x| x.as_str().map(|s| s.to_string()))
                    .collect(),
            }
        }
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
        let Body::Pvc { request, class, .. } = &m.body else {
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
