//! Deployments: `kubectl get deployments` (ready, up-to-date and available from their pods).

use super::super::get::GetOpts;
use super::super::resource::not_found;
use super::{namespace_column, no_resources, print_found, Named};
use crate::fmt::{kube_age, table};
use crate::k8s::{Cluster, Deployment, Owner, Pod};
use crate::time::Millis;

impl Named for Deployment {
    const KIND: &'static str = "deployments.apps";
    const PREFIX: &'static str = "deployment.apps";
    fn name(&self) -> &str {
        &self.name
    }
}

/// `kubectl get deployments`.
pub(in crate::shell::kubectl) fn get(
    cl: &Cluster,
    o: &GetOpts,
    now: Millis,
) -> Result<String, String> {
    let (names, wide, name_only, all, ns, pfx) =
        (o.names, o.wide, o.name_only, o.all, o.ns, o.prefix);
    let mut deps: Vec<_> = cl
        .deployments
        .iter()
        .filter(|d| all || d.namespace == ns)
        .filter(|d| names.is_empty() || names.contains(&d.name))
        .collect();
    deps.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    let err: String = names
        .iter()
        .filter(|n| !deps.iter().any(|d| &d.name == *n))
        .map(|n| not_found(Deployment::KIND, n) + "\n")
        .collect();
    print_found(&deps, err, no_resources(all, ns), name_only, |deps| {
        let rows: Vec<Vec<String>> = deps
            .iter()
            .map(|d| {
                let mine: Vec<&Pod> = cl
                    .pods
                    .iter()
                    .filter(|x| {
                        x.namespace == d.namespace
                            && matches!(&x.owner, Owner::ReplicaSet { deployment, .. } if *deployment == d.name)
                    })
                    .collect();
                let ready = mine.iter().filter(|x| x.ready_cond && x.deletion.is_none()).count();
                let current = mine.iter().filter(|x| x.deletion.is_none()).count();
                let mut r = namespace_column(all, d.namespace.clone());
                r.extend([
                    format!("{pfx}{}", d.name),
                    format!("{ready}/{}", d.replicas),
                    current.min(d.replicas as usize).to_string(),
                    ready.min(d.replicas as usize).to_string(),
                    kube_age(now - d.created),
                ]);
                if wide {
                    r.extend([
                        d.spec.container_name(),
                        d.spec.image(&cl.version),
                        d.selector.clone(),
                    ]);
                }
                r
            })
            .collect();
        let mut h = namespace_column(all, "NAMESPACE");
        h.extend(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]);
        if wide {
            h.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
        }
        table(&h, &rows, 3)
    })
}
