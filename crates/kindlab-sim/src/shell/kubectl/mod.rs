//! `kubectl`: one module per verb ([`get`], [`describe`], [`apply`] (apply/create -f),
//! [`delete`], [`scale`], [`cordon`] (cordon/uncordon)), the resources it names in
//! [`resource`], and one printer per resource in [`print`] — kubectl's layouts (server-side
//! printing of v1.31: `VOLUMEATTRIBUTESCLASS` from 1.29) and its error messages. This file
//! dispatches, checks that the API server is reachable, and keeps `kubectl config`.

mod apply;
mod cordon;
mod delete;
mod describe;
mod drain;
mod get;
mod label;
mod print;
mod resource;
mod scale;

use super::flags::{flag, FlagErr, FlagSpec, Parsed};
use crate::fmt::table;
use crate::world::World;

const NO_SERVER: &str =
    "The connection to the server localhost:8080 was refused - did you specify the right host or port?";

fn flag_err(e: FlagErr, sub: &str) -> String {
    let see = if sub.is_empty() {
        "See 'kubectl --help' for usage.".to_string()
    } else {
        format!("See 'kubectl {sub} --help' for usage.")
    };
    match e {
        FlagErr::Unknown(f) => format!("error: unknown flag: {f}\n{see}"),
        FlagErr::UnknownShort(c, w) => {
            format!("error: unknown shorthand flag: '{c}' in {w}\n{see}")
        }
        FlagErr::NeedsArg(f) => format!("error: flag needs an argument: {f}\n{see}"),
    }
}

const COMMON: [FlagSpec; 4] = [
    flag("namespace", Some('n'), true),
    flag("context", None, true),
    flag("kubeconfig", None, true),
    flag("help", Some('h'), false),
];

fn specs(extra: &[FlagSpec]) -> Vec<FlagSpec> {
    let mut v = COMMON.to_vec();
    v.extend_from_slice(extra);
    v
}

pub(super) fn run(w: &mut World, args: &[String], stdin: Option<&str>) -> Result<String, String> {
    let Some(sub) = args.first() else {
        return Ok("kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands: get, describe, delete, apply, create, scale, cordon, uncordon, drain, label, taint\n".into());
    };
    let rest = &args[1..];
    match sub.as_str() {
        "get" | "describe" | "delete" | "apply" | "create" | "scale" | "cordon" | "uncordon"
        | "drain" | "label" | "taint" | "cluster-info" | "version" => {}
        "config" => return config(w, rest),
        s if s.starts_with('-') => {
            return Err(flag_err(FlagErr::Unknown(s.to_string()), ""));
        }
        s => {
            return Err(format!(
                "error: unknown command \"{s}\" for \"kubectl\"\n\nDid you mean this?\n\tget\n\tdescribe\n\tdelete"
            ))
        }
    }
    if sub == "version" {
        let v = w.k8s_version().tag();
        let server = match w.current_cluster() {
            Some(_) => format!("Server Version: {v}"),
            None => NO_SERVER.to_string(),
        };
        return Ok(format!(
            "Client Version: {v}\nKustomize Version: v5.4.2\n{server}"
        ));
    }
    let Some(ci) = w.current_cluster() else {
        return Err(NO_SERVER.into());
    };
    api_reachable(w, ci)?;
    match sub.as_str() {
        "get" => get::get(w, ci, rest),
        "describe" => describe::describe(w, ci, rest),
        "delete" => delete::delete(w, ci, rest, stdin),
        "apply" | "create" => apply::apply(w, ci, rest, stdin, sub == "create"),
        "scale" => scale::scale(w, ci, rest),
        "cordon" => cordon::cordon(w, ci, rest, true),
        "uncordon" => cordon::cordon(w, ci, rest, false),
        "drain" => drain::drain(w, ci, rest),
        "label" => label::label(w, ci, rest),
        "taint" => label::taint(w, ci, rest),
        "cluster-info" => {
            let port = w
                .containers
                .iter()
                .flat_map(|c| c.ports.iter())
                .find(|p| p.container_port == 6443)
                .map(|p| p.host_port)
                .unwrap_or(6443);
            Ok(format!("Kubernetes control plane is running at https://127.0.0.1:{port}\nCoreDNS is running at https://127.0.0.1:{port}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'."))
        }
        _ => Err(String::new()),
    }
}

/// `kubectl get ...` without changing anything (see [`super::query`]); `None` for any other
/// kubectl command.
pub(super) fn query(w: &World, args: &[String]) -> Option<Result<String, String>> {
    if args.first().map(String::as_str) != Some("get") {
        return None;
    }
    let Some(ci) = w.current_cluster() else {
        return Some(Err(NO_SERVER.into()));
    };
    Some(api_reachable(w, ci).and_then(|()| get::get(w, ci, &args[1..])))
}

/// The API server is reached through kind's load balancer (several control-plane nodes) or the
/// control-plane container; etcd needs a majority of the control-plane nodes.
fn api_reachable(w: &World, ci: usize) -> Result<(), String> {
    let name = &w.clusters[ci].name;
    let front = w.containers.iter().find(|c| {
        c.ports.iter().any(|p| p.container_port == 6443)
            && match &c.role {
                crate::docker::ContainerRole::KindLb { cluster } => cluster == name,
                crate::docker::ContainerRole::KindNode { cluster, .. } => cluster == name,
                _ => false,
            }
    });
    if let Some(c) = front {
        if !c.running() {
            let port = c
                .ports
                .iter()
                .find(|p| p.container_port == 6443)
                .map(|p| p.host_port)
                .unwrap_or(6443);
            return Err(format!("The connection to the server 127.0.0.1:{port} was refused - did you specify the right host or port?"));
        }
    }
    let cps: Vec<bool> = w.clusters[ci]
        .nodes
        .iter()
        .filter(|n| n.role == crate::kind::Role::ControlPlane)
        .map(|n| n.container_up)
        .collect();
    let up = cps.iter().filter(|u| **u).count();
    if up == 0 {
        return Err("Unable to connect to the server: EOF".into());
    }
    if up * 2 <= cps.len() {
        return Err("Error from server: etcdserver: request timed out".into());
    }
    Ok(())
}

/// `kubectl config current-context|get-contexts|use-context NAME` (kind writes `kind-<cluster>`).
fn config(w: &mut World, args: &[String]) -> Result<String, String> {
    let words: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    match words.as_slice() {
        ["current-context"] => match &w.context {
            Some(c) => Ok(format!("kind-{c}")),
            None => Err("error: current-context is not set".into()),
        },
        ["get-contexts"] => {
            let mut names: Vec<&str> = w.clusters.iter().map(|c| c.name.as_str()).collect();
            names.sort();
            let rows: Vec<Vec<String>> = names
                .iter()
                .map(|n| {
                    let cur = if w.context.as_deref() == Some(*n) { "*" } else { "" };
                    vec![cur.to_string(), format!("kind-{n}"), format!("kind-{n}"), format!("kind-{n}"), String::new()]
                })
                .collect();
            Ok(table(&["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"], &rows, 3))
        }
        ["use-context", ctx] => {
            let name = ctx.strip_prefix("kind-").unwrap_or("");
            if w.cluster_index(name).is_some() {
                w.context = Some(name.to_string());
                Ok(format!("Switched to context \"{ctx}\"."))
            } else {
                Err(format!("error: no context exists with the name: \"{ctx}\""))
            }
        }
        _ => Err("error: this lab's kubectl config knows current-context, get-contexts and use-context NAME".into()),
    }
}

fn ns_of(p: &Parsed) -> String {
    p.last("namespace").unwrap_or("default").to_string()
}
