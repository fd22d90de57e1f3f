//! PersistentVolumes: `kubectl get pv` and `kubectl describe pv`.

use super::super::get::GetOpts;
use super::events::{events_section, object_events};
use super::{annotations_block, finish_describe, labels_block, Listing};
use crate::fmt::kube_age;
use crate::k8s::storage::{modes_str, PersistentVolume, PvSource};
use crate::k8s::Cluster;
use crate::time::Millis;

fn pv_status(v: &PersistentVolume) -> &'static str {
    if v.deletion.is_some() {
        "Terminating"
    } else {
        v.phase.as_str()
    }
}

/// `kubectl get pv` rows.
pub(in crate::shell::kubectl) fn listing(cl: &Cluster, o: &GetOpts, now: Millis) -> Listing {
    let vac = cl.version.minor >= 29;
    let mut found: Vec<(String, Vec<String>)> = vec![];
    let pick = |name: &str| o.names.is_empty() || o.names.iter().any(|n| n == name);
    let mut header: Vec<&'static str> = vec![
        "NAME",
        "CAPACITY",
        "ACCESS MODES",
        "RECLAIM POLICY",
        "STATUS",
        "CLAIM",
        "STORAGECLASS",
    ];
    if vac {
        header.push("VOLUMEATTRIBUTESCLASS");
    }
    header.extend(["REASON", "AGE"]);
    if o.wide {
        header.push("VOLUMEMODE");
    }
    let mut v: Vec<&PersistentVolume> = cl.storage.pvs.iter().collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    for pv in v.into_iter().filter(|v| pick(&v.name)) {
        let mut r = vec![
            format!("{}{}", o.prefix, pv.name),
            pv.capacity.canonical(),
            modes_str(&pv.modes),
            pv.reclaim.as_str().into(),
            pv_status(pv).into(),
            pv.claim_ref
                .as_ref()
                .map(|c| format!("{}/{}", c.namespace, c.name))
                .unwrap_or_default(),
            pv.class.clone(),
        ];
        if vac {
            r.push("<unset>".into());
        }
        r.extend([String::new(), kube_age(now - pv.created)]);
        if o.wide {
            r.push(pv.volume_mode.clone());
        }
        found.push((pv.name.clone(), r));
    }
    Listing { header, found }
}

/// `kubectl describe pv`.
pub(in crate::shell::kubectl) fn describe(
    cl: &Cluster,
    v: &PersistentVolume,
    now: Millis,
) -> String {
    let mut s = format!("Name:\t{}\n", v.name);
    s.push_str(&labels_block("Labels", &v.labels));
    s.push_str(&annotations_block(&v.annotations));
    s.push_str("Finalizers:\t[kubernetes.io/pv-protection]\n");
    s.push_str(&format!("StorageClass:\t{}\n", v.class));
    match v.deletion {
        Some(t) => s.push_str(&format!(
            "Status:\tTerminating (lasts {})\n",
            kube_age(now - t)
        )),
        None => s.push_str(&format!("Status:\t{}\n", v.phase.as_str())),
    }
    s.push_str(&format!(
        "Claim:\t{}\n",
        v.claim_ref
            .as_ref()
            .map(|c| format!("{}/{}", c.namespace, c.name))
            .unwrap_or_default()
    ));
    s.push_str(&format!("Reclaim Policy:\t{}\n", v.reclaim.as_str()));
    s.push_str(&format!("Access Modes:\t{}\n", modes_str(&v.modes)));
    s.push_str(&format!("VolumeMode:\t{}\n", v.volume_mode));
    s.push_str(&format!("Capacity:\t{}\n", v.capacity.canonical()));
    if v.affinity.is_empty() {
        s.push_str("Node Affinity:\t<none>\n");
    } else {
        s.push_str("Node Affinity:\t\n  Required Terms:\t\n");
        for (i, term) in v.affinity.iter().enumerate() {
            if term.is_empty() {
                s.push_str(&format!("    Term {i}:\t<none>\n"));
                continue;
            }
            for (j, e) in term.iter().enumerate() {
                let lead = if j == 0 {
                    format!("    Term {i}:\t")
                } else {
                    "    \t".to_string()
                };
                let mut expr = format!("{} {}", e.key, e.operator.to_lowercase());
                if !e.values.is_empty() {
                    expr.push_str(&format!(" [{}]", e.values.join(", ")));
                }
                s.push_str(&format!("{lead}{expr}\n"));
            }
        }
    }
    s.push_str(&format!("Message:\t{}\n", v.message));
    s.push_str("Source:\n");
    match &v.source {
        PvSource::HostPath { path, kind } => s.push_str(&format!(
            "    Type:\tHostPath (bare host directory volume)\n    Path:\t{path}\n    HostPathType:\t{kind}\n"
        )),
        PvSource::Local { path } => s.push_str(&format!(
            "    Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{path}\n"
        )),
        PvSource::Csi { driver, handle } => s.push_str(&format!(
            "    Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{driver}\n    FSType:\t\n    VolumeHandle:\t{handle}\n    ReadOnly:\tfalse\n    VolumeAttributes:\t<none>\n"
        )),
        PvSource::Other(kind) => s.push_str(&format!("    Type:\t{kind}\n")),
    }
    let evs = object_events(cl, None, &format!("persistentvolume/{}", v.name));
    finish_describe(s, events_section(&evs, now))
}
