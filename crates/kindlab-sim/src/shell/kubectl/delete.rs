//! `kubectl delete`: pods by name (grace periods, `--force`), other kinds by name or `--all`,
//! and the objects of manifests (`-f`).

use super::apply::{documents, error_text, ns_mismatch, read_sources};
use super::resource::{names_of, no_kind_in_names, resource_or_err, Res, Store};
use super::{flag_err, ns_of, specs};
use crate::manifest::{self, Kind};
use crate::shell::flags::{flag, parse_flags, Parsed};
use crate::shell::with_errors;
use crate::world::World;

pub(super) fn delete(
    w: &mut World,
    ci: usize,
    args: &[String],
    stdin: Option<&str>,
) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[
            flag("grace-period", None, true),
            flag("force", None, false),
            flag("now", None, false),
            flag("wait", None, false),
            flag("all", None, false),
            flag("filename", Some('f'), true),
            flag("ignore-not-found", None, false),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, "delete"))?;
    if p.has("filename") {
        if !p.positional.is_empty() {
            return Err("error: resource(s) were provided, but no name was specified".into());
        }
        return delete_files(w, ci, &p, stdin);
    }
    let Some(kind) = p.positional.first() else {
        return Err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'".into());
    };
    let (res, slash) = resource_or_err(kind)?;
    let names = names_of(&p, slash);
    no_kind_in_names(&names)?;
    let target = match res {
        Res::Pods => None,
        Res::Deployments => Some(Kind::Deployment),
        Res::Store(Store::Claims) => Some(Kind::Pvc),
        Res::Store(Store::Volumes) => Some(Kind::Pv),
        Res::Store(Store::Classes) => Some(Kind::StorageClass),
        _ => {
            return Err(
                "error: this lab deletes pods, deployments, pvc, pv and storageclasses (kubectl delete pod NAME -n NAMESPACE)".into(),
            )
        }
    };
    if let Some(kind) = target {
        return delete_named(w, ci, kind, &names, &ns_of(&p), p.on("all"));
    }
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified".into());
    }
    let force = p.on("force");
    let mut grace: Option<i64> = match p.last("grace-period") {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(g) if g < 0 => None,
            Ok(g) => Some(g),
            Err(_) => {
                return Err(format!(
                    "invalid argument \"{v}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax\nSee 'kubectl delete --help' for usage."
                ))
            }
        },
    };
    if p.on("now") {
        grace = Some(1);
    }
    if grace == Some(0) && !force {
        // kubectl turns --grace-period=0 into 1 unless --force is given
        grace = Some(1);
    }
    if force && grace.is_none() {
        grace = Some(0);
    }
    let ns = ns_of(&p);
    let mut out = String::new();
    let mut err = String::new();
    if force && grace == Some(0) {
        out.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    for n in names {
        match w.delete_pod(ci, &ns, &n, grace, force) {
            Ok(_) => {
                if force && grace == Some(0) {
                    out.push_str(&format!("pod \"{n}\" force deleted\n"));
                } else {
                    out.push_str(&format!("pod \"{n}\" deleted\n"));
                }
            }
            Err(e) => err.push_str(&format!("{e}\n")),
        }
    }
    with_errors(out, err)
}

/// Deletes one object; `false` when it does not exist.
fn delete_object(w: &mut World, ci: usize, kind: Kind, ns: &str, name: &str) -> bool {
    let done = match kind {
        Kind::Pod => w.delete_pod(ci, ns, name, None, false).is_ok(),
        Kind::Deployment => {
            w.cluster_op(ci, |cl, now, rng| cl.delete_deployment(ns, name, now, rng))
        }
        Kind::Pvc => w.cluster_op(ci, |cl, now, rng| cl.delete_pvc(ns, name, now, rng)),
        Kind::Pv => w.cluster_op(ci, |cl, now, rng| cl.delete_pv(name, now, rng)),
        Kind::StorageClass => w.clusters[ci].delete_storage_class(name),
    };
    if done {
        w.clusters[ci].forget_applied(kind, ns, name);
        if kind == Kind::StorageClass {
            w.reconcile(ci);
        }
    }
    done
}

/// `kubectl delete -f ...`.
fn delete_files(
    w: &mut World,
    ci: usize,
    p: &Parsed,
    stdin: Option<&str>,
) -> Result<String, String> {
    let files = p.all("filename");
    let flag_ns = p.last("namespace").map(|s| s.to_string());
    let ns = flag_ns.clone().unwrap_or_else(|| "default".into());
    let (sources, read_errs) = read_sources(w, &files, stdin);
    let mut errs: Vec<(String, bool)> = read_errs.into_iter().map(|e| (e, true)).collect();
    let (docs, doc_errs) = documents(&sources);
    errs.extend(doc_errs);
    let mut out = String::new();
    let mut any = false;
    for (src, doc) in docs {
        let (kind, name, dns) = match manifest::identify(&doc, &ns) {
            Ok(x) => x,
            Err(e) => {
                errs.push(e.render(&src, "deleting"));
                continue;
            }
        };
        any = true;
        let dns = dns.unwrap_or_default();
        if let Some(f) = &flag_ns {
            if kind.namespaced() && f != &dns {
                errs.push((ns_mismatch(&dns, f), true));
                continue;
            }
        }
        if delete_object(w, ci, kind, &dns, &name) {
            out.push_str(&format!("{} {name:?} deleted\n", kind.prefix()));
        } else {
            errs.push((
                format!(
                    "Error from server (NotFound): error when deleting {src:?}: {} {name:?} not found",
                    kind.resource()
                ),
                false,
            ));
        }
    }
    if !any && errs.is_empty() {
        return Err("error: no objects passed to delete".into());
    }
    with_errors(out, error_text(&errs))
}

/// `kubectl delete pvc|pv|sc|deployment NAME... | --all`.
fn delete_named(
    w: &mut World,
    ci: usize,
    kind: Kind,
    names: &[String],
    ns: &str,
    all: bool,
) -> Result<String, String> {
    let names: Vec<String> = if all {
        let cl = &w.clusters[ci];
        let mut v: Vec<String> = match kind {
            Kind::Pvc => cl
                .storage
                .pvcs
                .iter()
                .filter(|c| c.namespace == ns)
                .map(|c| c.name.clone())
                .collect(),
            Kind::Pv => cl.storage.pvs.iter().map(|v| v.name.clone()).collect(),
            Kind::StorageClass => cl.storage.classes.iter().map(|c| c.name.clone()).collect(),
            Kind::Deployment => cl
                .deployments
                .iter()
                .filter(|d| d.namespace == ns)
                .map(|d| d.name.clone())
                .collect(),
            Kind::Pod => cl
                .pods
                .iter()
                .filter(|p| p.namespace == ns)
                .map(|p| p.name.clone())
                .collect(),
        };
        v.sort();
        if v.is_empty() {
            return Ok(if kind.namespaced() {
                format!("No resources found in {ns} namespace.")
            } else {
                "No resources found".into()
            });
        }
        v
    } else {
        names.to_vec()
    };
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified".into());
    }
    let mut out = String::new();
    let mut err = String::new();
    for n in names {
        if delete_object(w, ci, kind, ns, &n) {
            out.push_str(&format!("{} {n:?} deleted\n", kind.prefix()));
        } else {
            err.push_str(&format!(
                "Error from server (NotFound): {} {n:?} not found\n",
                kind.resource()
            ));
        }
    }
    with_errors(out, err)
}
