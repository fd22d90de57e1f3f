//! StorageClasses: `kubectl get sc` and `kubectl describe sc`.

use super::super::get::GetOpts;
use super::Listing;
use crate::fmt::{kube_age, tabwrite};
use crate::k8s::storage::StorageClass;
use crate::k8s::Cluster;
use crate::time::Millis;

/// `kubectl get sc` rows.
pub(in crate::shell::kubectl) fn listing(cl: &Cluster, o: &GetOpts, now: Millis) -> Listing {
    let mut found: Vec<(String, Vec<String>)> = vec![];
    let pick = |name: &str| o.names.is_empty() || o.names.iter().any(|n| n == name);
    let header: Vec<&'static str> = vec![
        "NAME",
        "PROVISIONER",
        "RECLAIMPOLICY",
        "VOLUMEBINDINGMODE",
        "ALLOWVOLUMEEXPANSION",
        "AGE",
    ];
    let mut v: Vec<&StorageClass> = cl.storage.classes.iter().collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    for c in v.into_iter().filter(|c| pick(&c.name)) {
        let name = if c.is_default() {
            format!("{} (default)", c.name)
        } else {
            c.name.clone()
        };
        found.push((
            c.name.clone(),
            vec![
                format!("{}{name}", o.prefix),
                c.provisioner.clone(),
                c.reclaim.as_str().into(),
                c.binding.as_str().into(),
                c.allow_expansion.unwrap_or(false).to_string(),
                kube_age(now - c.created),
            ],
        ));
    }
    Listing { header, found }
}

/// `kubectl describe sc`.
pub(in crate::shell::kubectl) fn describe(c: &StorageClass) -> String {
    let fmt_map = |m: &std::collections::BTreeMap<String, String>| {
        if m.is_empty() {
            "<none>".to_string()
        } else {
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(",")
        }
    };
    let mut s = format!(
        "Name:\t{}\nIsDefaultClass:\t{}\nAnnotations:\t{}\nProvisioner:\t{}\nParameters:\t{}\nAllowVolumeExpansion:\t{}\n",
        c.name,
        if c.is_default() { "Yes" } else { "No" },
        fmt_map(&c.annotations),
        c.provisioner,
        fmt_map(&c.parameters),
        match c.allow_expansion {
            None => "<unset>",
            Some(true) => "True",
            Some(false) => "False",
        }
    );
    if c.mount_options.is_empty() {
        s.push_str("MountOptions:\t<none>\n");
    } else {
        s.push_str("MountOptions:\n");
        for o in &c.mount_options {
            s.push_str(&format!("  {o}\n"));
        }
    }
    s.push_str(&format!(
        "ReclaimPolicy:\t{}\nVolumeBindingMode:\t{}\nEvents:\t<none>\n",
        c.reclaim.as_str(),
        c.binding.as_str()
    ));
    tabwrite(&s, 2)
}
