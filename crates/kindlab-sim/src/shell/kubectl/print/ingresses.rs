//! Ingresses: `kubectl get ingress`.

use super::super::get::GetOpts;
use super::{namespace_column, no_resources};
use crate::fmt::{kube_age, table};
use crate::k8s::Cluster;
use crate::time::Millis;

/// `kubectl get ingresses`.
pub(in crate::shell::kubectl) fn get(
    cl: &Cluster,
    o: &GetOpts,
    now: Millis,
) -> Result<String, String> {
    let (names, all, ns, pfx) = (o.names, o.all, o.ns, o.prefix);
    let rows: Vec<Vec<String>> = cl
        .ingresses
        .iter()
        .filter(|i| all || i.0 == ns)
        .filter(|i| names.is_empty() || names.contains(&i.1))
        .map(|i| {
            let created = cl
                .deployments
                .iter()
                .find(|d| d.name == i.3)
                .map(|d| d.created)
                .unwrap_or(cl.created);
            let mut r = namespace_column(all, i.0.clone());
            r.extend([
                format!("{pfx}{}", i.1),
                "nginx".into(),
                "*".into(),
                "localhost".into(),
                "80".into(),
                kube_age(now - created),
            ]);
            r
        })
        .collect();
    if rows.is_empty() {
        return Ok(no_resources(all, ns));
    }
    let mut h = namespace_column(all, "NAMESPACE");
    h.extend(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]);
    Ok(table(&h, &rows, 3))
}
