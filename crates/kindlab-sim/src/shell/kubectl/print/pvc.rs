//! PersistentVolumeClaims: `kubectl get pvc` and `kubectl describe pvc`.

use super::super::get::GetOpts;
use super::events::{events_section, object_events};
use super::{annotations_block, finish_describe, labels_block, Listing};
use crate::fmt::kube_age;
use crate::k8s::storage::{modes_str, PersistentVolumeClaim};
use crate::k8s::Cluster;
use crate::time::Millis;

fn pvc_status(c: &PersistentVolumeClaim) -> &'static str {
    if c.deletion.is_some() {
        "Terminating"
    } else {
        c.phase.as_str()
    }
}

/// `kubectl get pvc` rows.
pub(in crate::shell::kubectl) fn listing(cl: &Cluster, o: &GetOpts, now: Millis) -> Listing {
    let vac = cl.version.minor >= 29;
    let mut found: Vec<(String, Vec<String>)> = vec![];
    let mut header: Vec<&'static str> = vec![];
    let pick = |name: &str| o.names.is_empty() || o.names.iter().any(|n| n == name);
    if o.all {
        header.push("NAMESPACE");
    }
    header.extend([
        "NAME",
        "STATUS",
        "VOLUME",
        "CAPACITY",
        "ACCESS MODES",
        "STORAGECLASS",
    ]);
    if vac {
        header.push("VOLUMEATTRIBUTESCLASS");
    }
    header.push("AGE");
    if o.wide {
        header.push("VOLUMEMODE");
    }
    let mut v: Vec<&PersistentVolumeClaim> = cl
        .storage
        .pvcs
        .iter()
        .filter(|c| o.all || c.namespace == o.ns)
        .collect();
    v.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    for c in v.into_iter().filter(|c| pick(&c.name)) {
        let mut r = vec![];
        if o.all {
            r.push(c.namespace.clone());
        }
        let (cap, modes) = match &c.volume_name {
            Some(_) => (
                c.capacity.map_or("0".into(), |q| q.canonical()),
                modes_str(&c.bound_modes),
            ),
            None => (String::new(), String::new()),
        };
        r.extend([
            format!("{}{}", o.prefix, c.name),
            pvc_status(c).into(),
            c.volume_name.clone().unwrap_or_default(),
            cap,
            modes,
            c.class_name().to_string(),
        ]);
        if vac {
            r.push("<unset>".into());
        }
        r.push(kube_age(now - c.created));
        if o.wide {
            r.push(c.volume_mode.clone());
        }
        found.push((c.name.clone(), r));
    }
    Listing { header, found }
}

/// `kubectl describe pvc`.
pub(in crate::shell::kubectl) fn describe(
    cl: &Cluster,
    c: &PersistentVolumeClaim,
    now: Millis,
) -> String {
    let mut s = format!(
        "Name:\t{}\nNamespace:\t{}\nStorageClass:\t{}\n",
        c.name,
        c.namespace,
        c.class_name()
    );
    match c.deletion {
        Some(t) => s.push_str(&format!(
            "Status:\tTerminating (lasts {})\n",
            kube_age(now - t)
        )),
        None => s.push_str(&format!("Status:\t{}\n", c.phase.as_str())),
    }
    s.push_str(&format!(
        "Volume:\t{}\n",
        c.volume_name.clone().unwrap_or_default()
    ));
    s.push_str(&labels_block("Labels", &c.labels));
    s.push_str(&annotations_block(&c.annotations));
    s.push_str("Finalizers:\t[kubernetes.io/pvc-protection]\n");
    let (cap, modes) = match &c.volume_name {
        Some(_) => (
            c.capacity.map_or("0".into(), |q| q.canonical()),
            modes_str(&c.bound_modes),
        ),
        None => (String::new(), String::new()),
    };
    s.push_str(&format!("Capacity:\t{cap}\nAccess Modes:\t{modes}\n"));
    s.push_str(&format!("VolumeMode:\t{}\n", c.volume_mode));
    let users = cl.pvc_used_by(&c.namespace, &c.name);
    if users.is_empty() {
        s.push_str("Used By:\t<none>\n");
    } else {
        for (i, u) in users.iter().enumerate() {
            let lead = if i == 0 { "Used By:\t" } else { "\t" };
            s.push_str(&format!("{lead}{u}\n"));
        }
    }
    let evs = object_events(cl, Some(&c.namespace), &c.object());
    finish_describe(s, events_section(&evs, now))
}
