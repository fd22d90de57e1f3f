//! `kubectl get`: one kind or several (`get sc,pv,pvc`), `-o wide|name`, `-A`, `--show-labels`;
//! the rows come from the resources' printers.

use super::print::{
    csi, deployments, events, ingresses, namespaces, no_resources, nodes, pods, pv, pvc, services,
    storageclass, Listing,
};
use super::resource::{names_of, no_kind_in_names, not_found, resource_or_err, Res, Store};
use super::{flag_err, ns_of, specs};
use crate::fmt::table;
use crate::k8s::Cluster;
use crate::shell::flags::{flag, parse_flags};
use crate::shell::with_errors;
use crate::time::Millis;
use crate::world::World;

/// Options of a `kubectl get` listing.
#[derive(Clone, Copy)]
pub(super) struct GetOpts<'a> {
    pub(super) names: &'a [String],
    pub(super) ns: &'a str,
    pub(super) all: bool,
    pub(super) wide: bool,
    pub(super) name_only: bool,
    pub(super) show_labels: bool,
    /// `kind/` before names (a listing of several kinds).
    pub(super) prefix: &'a str,
}

pub(super) fn get(w: &World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[
            flag("all-namespaces", Some('A'), false),
            flag("output", Some('o'), true),
            flag("show-labels", None, false),
            flag("watch", Some('w'), false),
            flag("selector", Some('l'), true),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, "get"))?;
    let Some(kind) = p.positional.first() else {
        return Err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples".into());
    };
    let mut kinds = vec![];
    for k in kind.split(',') {
        kinds.push(resource_or_err(k)?);
    }
    let first_names = names_of(&p, kinds[0].1.clone());
    no_kind_in_names(&first_names)?;
    let wide = match p.last("output") {
        None => false,
        Some("wide") => true,
        Some("name") => false,
        Some(o) => {
            return Err(format!("error: unable to match a printer suitable for the output format \"{o}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml (this lab prints: wide, name)"))
        }
    };
    let name_only = p.last("output") == Some("name");
    let all = p.on("all-namespaces");
    let ns = ns_of(&p);
    let show_labels = p.on("show-labels");
    let base = GetOpts {
        names: &first_names,
        ns: &ns,
        all,
        wide,
        name_only,
        show_labels,
        prefix: "",
    };
    if kinds.len() == 1 {
        let (res, _) = kinds[0].clone();
        return get_one(w, ci, res, &base);
    }
    // several kinds (`get sc,pv,pvc`): kubectl prefixes names with their kind when more than one
    // kind has objects, and leaves a blank line between the kinds' tables
    let listings = |w: &World, with_kind: bool| -> Vec<(String, String)> {
        kinds
            .iter()
            .map(|(res, slash)| {
                let names = names_of(&p, slash.clone());
                let pfx = if with_kind {
                    format!("{}/", res.prefix())
                } else {
                    String::new()
                };
                let o = GetOpts {
                    names: &names,
                    prefix: &pfx,
                    ..base
                };
                let r = get_one(w, ci, *res, &o);
                let text = match r {
                    Ok(t) | Err(t) => t,
                };
                let (errs, rest): (Vec<&str>, Vec<&str>) = text
                    .lines()
                    .partition(|l| l.starts_with("Error from server"));
                let table = if rest
                    .first()
                    .is_some_and(|l| l.starts_with("No resources found"))
                {
                    String::new()
                } else {
                    rest.iter().map(|l| format!("{l}\n")).collect()
                };
                (table, errs.iter().map(|l| format!("{l}\n")).collect())
            })
            .collect()
    };
    let first = listings(w, false);
    let with_kind = first.iter().filter(|(t, _)| !t.is_empty()).count() > 1;
    let lists = if with_kind { listings(w, true) } else { first };
    let sep = if name_only { "" } else { "\n" };
    let tables: Vec<String> = lists
        .iter()
        .filter(|(t, _)| !t.is_empty())
        .map(|(t, _)| t.clone())
        .collect();
    let errs: String = lists.iter().map(|(_, e)| e.as_str()).collect();
    if tables.is_empty() && errs.is_empty() {
        let namespaced = kinds.iter().all(|(r, _)| r.namespaced());
        return Ok(if namespaced && !all {
            no_resources(false, &ns)
        } else {
            "No resources found\n".into()
        });
    }
    with_errors(tables.join(sep), errs)
}

/// `kubectl get` of one kind; `o.prefix` goes before the names (`pod/`) in a listing of several.
fn get_one(w: &World, ci: usize, res: Res, o: &GetOpts) -> Result<String, String> {
    let now = w.now();
    let cl = &w.clusters[ci];
    match res {
        Res::Store(what) => list_store(cl, what, o, now),
        Res::Nodes => nodes::get(cl, o, now),
        Res::Pods => pods::get(cl, o, now),
        Res::Deployments => deployments::get(cl, o, now),
        Res::Services => services::get(cl, o, now),
        Res::Events => events::get(cl, o, now),
        Res::Ingresses => ingresses::get(cl, o, now),
        Res::Namespaces => namespaces::get(cl, o, now),
    }
}

/// `kubectl get sc|pv|pvc|csidrivers|csinodes`.
fn list_store(cl: &Cluster, what: Store, o: &GetOpts, now: Millis) -> Result<String, String> {
    let empty = if what.namespaced() && !o.all {
        format!("No resources found in {} namespace.\n", o.ns)
    } else {
        "No resources found\n".to_string()
    };
    // (name, row) of what is listed
    let Listing { header, found } = match what {
        Store::Classes => storageclass::listing(cl, o, now),
        Store::Volumes => pv::listing(cl, o, now),
        Store::Claims => pvc::listing(cl, o, now),
        Store::CsiDrivers => csi::drivers(),
        Store::CsiNodes => csi::nodes(cl, o, now),
    };
    // names asked for and not found, in the order asked
    let mut err = String::new();
    let mut rows = vec![];
    let mut names_out = String::new();
    if o.names.is_empty() {
        for (n, r) in found {
            names_out.push_str(&format!("{}/{n}\n", what.prefix()));
            rows.push(r);
        }
    } else {
        for n in o.names {
            match found.iter().find(|(x, _)| x == n) {
                Some((x, r)) => {
                    names_out.push_str(&format!("{}/{x}\n", what.prefix()));
                    rows.push(r.clone());
                }
                None => err.push_str(&(not_found(what.resource(), n) + "\n")),
            }
        }
    }
    if rows.is_empty() {
        return if err.is_empty() { Ok(empty) } else { Err(err) };
    }
    if o.name_only {
        return with_errors(names_out, err);
    }
    with_errors(table(&header, &rows, 3), err)
}
