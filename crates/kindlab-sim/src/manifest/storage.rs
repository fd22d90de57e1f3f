//! Storage kinds: PersistentVolumeClaim, PersistentVolume and StorageClass decoded and
//! validated (access modes, sources, node affinity, policies).

use super::schema::PV_PLUGINS;
use super::values::*;
use super::*;

pub(super) fn modes(
    v: &Yaml,
    path: &[&str],
    field: &str,
    errs: &mut Vec<String>,
) -> Vec<AccessMode> {
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

pub(super) fn node_terms(v: &Yaml) -> Vec<Vec<MatchExpr>> {
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

/// A PersistentVolumeClaim: access modes, the storage request, the volume mode, class and selector.
pub(super) fn pvc(doc: &Yaml, errs: &mut Vec<String>) -> Body {
    let m = modes(doc, &["spec", "accessModes"], "spec.accessModes", errs);
    if seq_at(doc, &["spec", "accessModes"]).is_empty() {
        errs.push("spec.accessModes: Required value: at least 1 access mode is required".into());
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
    let volume_mode = s_at(doc, &["spec", "volumeMode"]).unwrap_or_else(|| "Filesystem".into());
    if volume_mode != "Filesystem" && volume_mode != "Block" {
        errs.push(format!("spec.volumeMode: Unsupported value: {volume_mode:?}: supported values: \"Block\", \"Filesystem\""));
    }
    Body::Pvc(PvcBody {
        class: s_at(doc, &["spec", "storageClassName"]),
        request: request.unwrap_or(Quantity {
            nano: 0,
            format: crate::k8s::quantity::Format::DecimalSI,
        }),
        modes: m,
        volume_mode,
        volume_name: s_at(doc, &["spec", "volumeName"]).filter(|v| !v.is_empty()),
        selector: map_at(doc, &["spec", "selector", "matchLabels"]),
    })
}

/// A PersistentVolume: capacity, access modes, reclaim policy, exactly one source, node affinity.
pub(super) fn pv(doc: &Yaml, errs: &mut Vec<String>) -> Body {
    let capacity = doc.at(&["spec", "capacity", "storage"]).and_then(qty);
    if capacity.is_none() {
        errs.push("spec.capacity: Required value".into());
    }
    let m = modes(doc, &["spec", "accessModes"], "spec.accessModes", errs);
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
        errs.push("spec.nodeAffinity: Required value: Local volume requires node affinity".into());
    }
    let volume_mode = s_at(doc, &["spec", "volumeMode"]).unwrap_or_else(|| "Filesystem".into());
    Body::Pv(PvBody {
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
    })
}

/// A StorageClass: provisioner, reclaim policy, binding mode, parameters.
pub(super) fn storage_class(doc: &Yaml, errs: &mut Vec<String>) -> Body {
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
    Body::StorageClass(StorageClassBody {
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
    })
}
