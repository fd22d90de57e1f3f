//! Printers, one per resource: the rows `kubectl get` lists and the text `kubectl describe`
//! prints for nodes, pods, deployments, services, ingresses, namespaces, events, pvc, pv,
//! storageclasses and the CSI objects; and what the printers share (picking by name, empty
//! listings, describe's label/annotation blocks).

pub(super) mod csi;
pub(super) mod deployments;
pub(super) mod events;
pub(super) mod ingresses;
pub(super) mod namespaces;
pub(super) mod nodes;
pub(super) mod pods;
pub(super) mod pv;
pub(super) mod pvc;
pub(super) mod services;
pub(super) mod storageclass;

use super::resource::not_found;
use crate::fmt::tabwrite;
use crate::k8s::storage::LAST_APPLIED;
use crate::shell::with_errors;

/// What a storage printer lists: the header and (name, row) of each object, in order.
pub(super) struct Listing {
    pub(super) header: Vec<&'static str>,
    pub(super) found: Vec<(String, Vec<String>)>,
}

/// A kind `kubectl get` looks up by name.
pub(super) trait Named {
    /// As in NotFound errors.
    const KIND: &'static str;
    /// As in `-o name` output.
    const PREFIX: &'static str;
    fn name(&self) -> &str;
}

/// The objects of `all` named in `names`, in the order asked (no names: all of them), and a
/// NotFound line for each name that is missing.
pub(super) fn pick<'a, T: Named>(all: Vec<&'a T>, names: &[String]) -> (Vec<&'a T>, String) {
    if names.is_empty() {
        return (all, String::new());
    }
    let mut found = vec![];
    let mut err = String::new();
    for n in names {
        match all.iter().find(|x| x.name() == n) {
            Some(x) => found.push(*x),
            None => err.push_str(&(not_found(T::KIND, n) + "\n")),
        }
    }
    (found, err)
}

/// How `kubectl get` prints what it found: nothing → `empty`, or the NotFound lines alone as an
/// error; `-o name` → `kind/name` lines then the NotFound lines; else `table(found)`, an error
/// when NotFound lines follow it.
pub(super) fn print_found<T: Named>(
    found: &[&T],
    err: String,
    empty: String,
    name_only: bool,
    table: impl FnOnce(&[&T]) -> String,
) -> Result<String, String> {
    if found.is_empty() {
        return if err.is_empty() { Ok(empty) } else { Err(err) };
    }
    if name_only {
        return Ok(found
            .iter()
            .map(|x| format!("{}/{}\n", T::PREFIX, x.name()))
            .collect::<String>()
            + &err);
    }
    with_errors(table(found), err)
}

/// A listing's first column when it lists all namespaces (`-A`): `vec![cell]`, else nothing.
pub(super) fn namespace_column<T>(all_namespaces: bool, cell: T) -> Vec<T> {
    if all_namespaces {
        vec![cell]
    } else {
        vec![]
    }
}

/// kubectl's message for an empty listing.
pub(super) fn no_resources(all_namespaces: bool, ns: &str) -> String {
    if all_namespaces {
        "No resources found\n".into()
    } else {
        format!("No resources found in {ns} namespace.\n")
    }
}

/// kubectl describe's `Labels:` block (sorted `k=v` lines, or `<none>`).
pub(super) fn labels_block(
    title: &str,
    labels: &std::collections::BTreeMap<String, String>,
) -> String {
    if labels.is_empty() {
        return format!("{title}:\t<none>\n");
    }
    let mut s = String::new();
    for (i, (k, v)) in labels.iter().enumerate() {
        if i == 0 {
            s.push_str(&format!("{title}:\t{k}={v}\n"));
        } else {
            s.push_str(&format!("\t{k}={v}\n"));
        }
    }
    s
}

/// kubectl describe's `Annotations:` block (`k: v` lines, the last-applied one left out).
pub(super) fn annotations_block(
    annotations: &std::collections::BTreeMap<String, String>,
) -> String {
    let keys: Vec<(&String, &String)> = annotations
        .iter()
        .filter(|(k, _)| k.as_str() != LAST_APPLIED)
        .collect();
    if keys.is_empty() {
        return "Annotations:\t<none>\n".into();
    }
    let mut s = String::new();
    for (i, (k, v)) in keys.into_iter().enumerate() {
        let lead = if i == 0 { "Annotations:\t" } else { "\t" };
        s.push_str(&format!("{lead}{k}: {}\n", v.trim_end_matches('\n')));
    }
    s
}

/// Joins describe's body and its events the way kubectl flushes its tabwriter before the
/// events table.
pub(super) fn finish_describe(body: String, events: (String, String)) -> String {
    if events.1.is_empty() {
        return tabwrite(&(body + &events.0), 2);
    }
    tabwrite(&body, 2) + &events.0 + &tabwrite(&events.1, 2)
}
