//! `kubectl scale deployment NAME --replicas=N`.

use super::print::Named;
use super::resource::{not_found, resource_or_err, Res};
use super::{flag_err, ns_of, specs};
use crate::k8s::Deployment;
use crate::shell::flags::{flag, parse_flags};
use crate::world::World;

pub(super) fn scale(w: &mut World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[
            flag("replicas", None, true),
            flag("current-replicas", None, true),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, "scale"))?;
    let Some(replicas) = p.last("replicas") else {
        return Err("error: required flag(s) \"replicas\" not set".into());
    };
    let Ok(replicas) = replicas.parse::<i64>() else {
        return Err(format!("invalid argument \"{replicas}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{replicas}\": invalid syntax\nSee 'kubectl scale --help' for usage."));
    };
    if replicas < 0 {
        return Err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0".into());
    }
    let Some(kind) = p.positional.first() else {
        return Err(
            "error: You must provide one or more resources by argument or filename.".into(),
        );
    };
    let (res, slash) = resource_or_err(kind)?;
    if !matches!(res, Res::Deployments) {
        return Err("error: this lab scales deployments only".into());
    }
    let name = slash.or_else(|| p.positional.get(1).cloned());
    let Some(name) = name else {
        return Err("error: resource(s) were provided, but no name was specified".into());
    };
    let ns = ns_of(&p);
    let cl = &mut w.clusters[ci];
    let Some(d) = cl
        .deployments
        .iter_mut()
        .find(|d| d.namespace == ns && d.name == name)
    else {
        return Err(not_found(Deployment::KIND, &name));
    };
    d.replicas = replicas.min(500) as u32;
    w.reconcile(ci);
    Ok(format!("deployment.apps/{name} scaled"))
}
