//! The resources kubectl names: kinds and their short names (`po`, `pvc`, `sc`), `kind/name`
//! arguments, and the NotFound line.

use crate::shell::flags::Parsed;

#[derive(Clone, Copy)]
pub(super) enum Res {
    Nodes,
    Pods,
    Deployments,
    Namespaces,
    Services,
    Ingresses,
    Events,
    Store(Store),
}

impl Res {
    /// How kubectl prefixes names when it lists several kinds (`pod/x`).
    pub(super) fn prefix(&self) -> &'static str {
        match self {
            Res::Nodes => "node",
            Res::Pods => "pod",
            Res::Deployments => "deployment.apps",
            Res::Namespaces => "namespace",
            Res::Services => "service",
            Res::Ingresses => "ingress.networking.k8s.io",
            Res::Events => "event",
            Res::Store(s) => s.prefix(),
        }
    }
    pub(super) fn namespaced(&self) -> bool {
        match self {
            Res::Nodes | Res::Namespaces => false,
            Res::Store(s) => s.namespaced(),
            _ => true,
        }
    }
}

pub(super) fn resource(s: &str) -> Option<(Res, Option<String>)> {
    let (kind, name) = match s.split_once('/') {
        Some((k, n)) => (k, Some(n.to_string())),
        None => (s, None),
    };
    let r = match kind {
        "nodes" | "node" | "no" => Res::Nodes,
        "pods" | "pod" | "po" => Res::Pods,
        "deployments" | "deployment" | "deploy" | "deployments.apps" | "deployment.apps" => {
            Res::Deployments
        }
        "namespaces" | "namespace" | "ns" => Res::Namespaces,
        "services" | "service" | "svc" => Res::Services,
        "events" | "event" | "ev" => Res::Events,
        "ingresses" | "ingress" | "ing" | "ingresses.networking.k8s.io" => Res::Ingresses,
        other => Res::Store(Store::parse(other)?),
    };
    Some((r, name))
}

/// The storage kinds `kubectl get` knows here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Store {
    Classes,
    Volumes,
    Claims,
    CsiDrivers,
    CsiNodes,
}

impl Store {
    pub(super) fn parse(s: &str) -> Option<Store> {
        Some(match s {
            "storageclasses"
            | "storageclass"
            | "sc"
            | "storageclasses.storage.k8s.io"
            | "storageclass.storage.k8s.io" => Store::Classes,
            "persistentvolumes" | "persistentvolume" | "pv" => Store::Volumes,
            "persistentvolumeclaims" | "persistentvolumeclaim" | "pvc" => Store::Claims,
            "csidrivers" | "csidriver" | "csidrivers.storage.k8s.io" => Store::CsiDrivers,
            "csinodes" | "csinode" | "csinodes.storage.k8s.io" => Store::CsiNodes,
            _ => return None,
        })
    }
    /// As in `-o name` and multi-kind listings.
    pub(super) fn prefix(&self) -> &'static str {
        match self {
            Store::Classes => "storageclass.storage.k8s.io",
            Store::Volumes => "persistentvolume",
            Store::Claims => "persistentvolumeclaim",
            Store::CsiDrivers => "csidriver.storage.k8s.io",
            Store::CsiNodes => "csinode.storage.k8s.io",
        }
    }
    /// As in NotFound errors.
    pub(super) fn resource(&self) -> &'static str {
        match self {
            Store::Classes => "storageclasses.storage.k8s.io",
            Store::Volumes => "persistentvolumes",
            Store::Claims => "persistentvolumeclaims",
            Store::CsiDrivers => "csidrivers.storage.k8s.io",
            Store::CsiNodes => "csinodes.storage.k8s.io",
        }
    }
    pub(super) fn namespaced(&self) -> bool {
        *self == Store::Claims
    }
}

pub(super) fn resource_or_err(kind: &str) -> Result<(Res, Option<String>), String> {
    resource(kind)
        .ok_or_else(|| format!("error: the server doesn't have a resource type \"{kind}\""))
}

/// The names a command was given: the one of `kind/name` first, then the other arguments.
pub(super) fn names_of(p: &Parsed, slash: Option<String>) -> Vec<String> {
    let mut names: Vec<String> = p.positional[1..].to_vec();
    if let Some(n) = slash {
        names.insert(0, n);
    }
    names
}

/// After `kind/name`, or a kind, the names may not name a kind again.
pub(super) fn no_kind_in_names(names: &[String]) -> Result<(), String> {
    if names.iter().any(|n| n.contains('/')) {
        return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
    }
    Ok(())
}

/// kubectl's line for a name it cannot find (`kind` as the API server spells it: `nodes`,
/// `pods`, `deployments.apps`); no newline.
pub(super) fn not_found(kind: &str, name: &str) -> String {
    format!("Error from server (NotFound): {kind} \"{name}\" not found")
}
