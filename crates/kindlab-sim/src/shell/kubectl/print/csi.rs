//! The CSI objects: `kubectl get csidrivers` (none in kind) and `kubectl get csinodes`.

use super::super::get::GetOpts;
use super::Listing;
use crate::fmt::kube_age;
use crate::k8s::Cluster;
use crate::time::Millis;

/// `kubectl get csidrivers` rows.
pub(in crate::shell::kubectl) fn drivers() -> Listing {
    // a kind cluster runs no CSI driver (local-path is not one)
    Listing {
        header: vec![],
        found: vec![],
    }
}

/// `kubectl get csinodes` rows.
pub(in crate::shell::kubectl) fn nodes(cl: &Cluster, o: &GetOpts, now: Millis) -> Listing {
    let mut found: Vec<(String, Vec<String>)> = vec![];
    let pick = |name: &str| o.names.is_empty() || o.names.iter().any(|n| n == name);
    let header: Vec<&'static str> = vec!["NAME", "DRIVERS", "AGE"];
    let mut nodes: Vec<_> = cl.nodes.iter().collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    for n in nodes.into_iter().filter(|n| pick(&n.name)) {
        found.push((
            n.name.clone(),
            vec![
                format!("{}{}", o.prefix, n.name),
                "0".into(),
                kube_age(now - n.created),
            ],
        ));
    }
    Listing { header, found }
}
