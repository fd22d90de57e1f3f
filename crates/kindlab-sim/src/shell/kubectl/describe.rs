//! `kubectl describe node|pod|pvc|pv|sc NAME...`; the texts come from the resources' printers.

use super::print::{nodes, pick, pods, pv, pvc, storageclass, Named};
use super::resource::{names_of, not_found, resource_or_err, Res, Store};
use super::{flag_err, ns_of, specs};
use crate::k8s::{Cluster, Pod};
use crate::shell::flags::{flag, parse_flags};
use crate::shell::with_errors;
use crate::time::Millis;
use crate::world::World;

pub(super) fn describe(w: &mut World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[flag("all-namespaces", Some('A'), false)]),
        false,
    )
    .map_err(|e| flag_err(e, "describe"))?;
    let Some(kind) = p.positional.first() else {
        return Err("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.".into());
    };
    let now = w.now();
    let cl = &w.clusters[ci];
    match resource_or_err(kind)? {
        (Res::Nodes, slash) => {
            let (nodes, err) = pick(nodes::sorted(cl), &names_of(&p, slash));
            let out: Vec<String> = nodes.iter().map(|n| nodes::describe(cl, n, now)).collect();
            with_errors(out.join("\n\n\n"), err)
        }
        (Res::Pods, slash) => {
            let ns = ns_of(&p);
            let name = slash
                .or_else(|| p.positional.get(1).cloned())
                .unwrap_or_default();
            let Some(x) = cl.pods.iter().find(|x| x.namespace == ns && x.name == name) else {
                return Err(not_found(Pod::KIND, &name));
            };
            pods::describe(cl, x, now)
        }
        (Res::Store(what), slash) => {
            let names = names_of(&p, slash);
            describe_store(cl, what, &names, &ns_of(&p), now)
        }
        _ => Err(format!(
            "error: this lab describes nodes, pods, pvc, pv and storageclasses (kubectl get {kind} lists them)"
        )),
    }
}

/// `kubectl describe pvc|pv|sc NAME...`.
fn describe_store(
    cl: &Cluster,
    what: Store,
    names: &[String],
    ns: &str,
    now: Millis,
) -> Result<String, String> {
    let mut out: Vec<String> = vec![];
    let mut err = String::new();
    let all: Vec<String> = match what {
        Store::Claims => {
            let mut v: Vec<String> = cl
                .storage
                .pvcs
                .iter()
                .filter(|c| c.namespace == ns)
                .map(|c| c.name.clone())
                .collect();
            v.sort();
            v
        }
        Store::Volumes => {
            let mut v: Vec<String> = cl.storage.pvs.iter().map(|v| v.name.clone()).collect();
            v.sort();
            v
        }
        Store::Classes => {
            let mut v: Vec<String> = cl.storage.classes.iter().map(|c| c.name.clone()).collect();
            v.sort();
            v
        }
        _ => {
            return Err("error: this lab describes nodes, pods, pvc, pv and storageclasses".into())
        }
    };
    let wanted: Vec<String> = if names.is_empty() {
        all
    } else {
        names.to_vec()
    };
    for n in &wanted {
        let text = match what {
            Store::Claims => cl.storage.pvc(ns, n).map(|c| pvc::describe(cl, c, now)),
            Store::Volumes => cl.storage.pv(n).map(|v| pv::describe(cl, v, now)),
            _ => cl.storage.class(n).map(storageclass::describe),
        };
        match text {
            Some(t) => out.push(t),
            None => err.push_str(&(not_found(what.resource(), n) + "\n")),
        }
    }
    if out.is_empty() && err.is_empty() {
        let msg = if what.namespaced() {
            format!("No resources found in {ns} namespace.")
        } else {
            "No resources found".into()
        };
        return Ok(msg);
    }
    with_errors(out.join("\n\n"), err)
}
