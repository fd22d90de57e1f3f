//! docker's networks and what a container knows of them: `docker network ls|inspect|connect|
//! disconnect` and `docker inspect` (a container's state and every network it is on), with
//! docker's layouts and messages (`Error response from daemon: network foo not found`,
//! `endpoint with name X already exists in network kind`, `container <id> is not connected to
//! the network kind`).

use super::docker_cmd::{flag_err, state_name};
use super::flags::{flag, parse_flags};
use super::with_errors;
use crate::docker::Container;
use crate::fmt::{rfc3339_nanos, table};
use crate::world::{DockerNet, World};

const NETWORK_USAGE: &str = "Usage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     Connect a container to a network\n  disconnect  Disconnect a container from a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n\nRun 'docker network COMMAND --help' for more information on a command.";

fn net_not_found(name: &str) -> String {
    format!("Error response from daemon: network {name} not found")
}

/// `docker network ls` and `docker network inspect` without changing anything (see
/// [`super::query`]).
pub(super) fn query(w: &World, rest: &[String]) -> Option<Result<String, String>> {
    match rest.first().map(String::as_str) {
        Some("ls" | "list") => Some(ls(w, &rest[1..])),
        Some("inspect") => Some(inspect_networks(w, &rest[1..])),
        _ => None,
    }
}

/// `docker network SUBCOMMAND ...`.
pub(super) fn network(w: &mut World, rest: &[String]) -> Result<String, String> {
    let Some(sub) = rest.first() else {
        return Ok(format!("\n{NETWORK_USAGE}\n"));
    };
    let args = &rest[1..];
    match sub.as_str() {
        "ls" | "list" => ls(w, args),
        "inspect" => inspect_networks(w, args),
        "connect" | "disconnect" => connect(w, sub, args),
        "create" | "rm" | "remove" | "prune" => Err(format!(
            "this lab's docker has the networks it has: docker network {sub} is not simulated (docker network ls, inspect, connect, disconnect are)"
        )),
        s => Err(format!(
            "docker: unknown command: docker network {s}\n\nRun 'docker network --help' for more information"
        )),
    }
}

/// `docker network ls [-q] [--no-trunc] [--filter name=X]`: sorted by name, as docker does.
fn ls(w: &World, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &[
            flag("quiet", Some('q'), false),
            flag("no-trunc", None, false),
            flag("filter", Some('f'), true),
        ],
        false,
    )
    .map_err(|e| flag_err(e, "network ls"))?;
    if let Some(extra) = p.positional.first() {
        return Err(format!("\"docker network ls\" accepts no arguments.\nSee 'docker network ls --help'.\n\nUsage:  docker network ls [OPTIONS]\n\nList networks (got {extra})"));
    }
    let mut names: Vec<String> = vec![];
    for f in p.all("filter") {
        match f.split_once('=') {
            Some(("name", v)) => names.push(v.to_string()),
            Some((k, _)) => return Err(format!("Error response from daemon: invalid filter '{k}'")),
            None => return Err(format!("invalid argument \"{f}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\nSee 'docker network ls --help'.")),
        }
    }
    let mut nets: Vec<&DockerNet> = w
        .networks
        .iter()
        .filter(|n| names.is_empty() || names.iter().any(|x| n.name.contains(x.as_str())))
        .collect();
    nets.sort_by(|a, b| a.name.cmp(&b.name));
    let id = |n: &DockerNet| {
        if p.on("no-trunc") {
            n.id.clone()
        } else {
            n.id[..12].to_string()
        }
    };
    if p.on("quiet") {
        return Ok(nets.iter().map(|n| format!("{}\n", id(n))).collect());
    }
    let rows: Vec<Vec<String>> = nets
        .iter()
        .map(|n| vec![id(n), n.name.clone(), n.driver.into(), "local".into()])
        .collect();
    Ok(table(&["NETWORK ID", "NAME", "DRIVER", "SCOPE"], &rows, 3))
}

/// A deterministic 64-hex-digit id for the endpoint of container `c` on network `net`.
fn endpoint_id(c: &Container, net: &DockerNet) -> String {
    let a = u64::from_str_radix(&c.id[..16], 16).unwrap_or(0);
    let b = u64::from_str_radix(&net.id[..16], 16).unwrap_or(0);
    (0..4u64)
        .map(|i| {
            let mut x = a ^ b.rotate_left(17) ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            format!("{:016x}", x ^ (x >> 31))
        })
        .collect()
}

/// docker's MAC address for an IPv4 address (`02:42` then the address's bytes).
fn mac(ip: std::net::Ipv4Addr) -> String {
    let o = ip.octets();
    format!("02:42:{:02x}:{:02x}:{:02x}:{:02x}", o[0], o[1], o[2], o[3])
}

/// One network as `docker network inspect` prints it (indented for the array).
fn network_json(w: &World, n: &DockerNet) -> String {
    let config = match (n.subnet_str(), n.gateway()) {
        (Some(s), Some(g)) => format!("[\n                {{\n                    \"Subnet\": \"{s}\",\n                    \"Gateway\": \"{g}\"\n                }}\n            ]"),
        _ => "[]".into(),
    };
    let mut members: Vec<&Container> = w
        .containers
        .iter()
        .filter(|c| c.running() && c.on(&n.name))
        .collect();
    members.sort_by(|a, b| a.id.cmp(&b.id));
    let containers = if members.is_empty() {
        "{}".to_string()
    } else {
        let items: Vec<String> = members
            .iter()
            .map(|c| {
                let ip = c.ip_on(&n.name);
                format!(
                    "            \"{}\": {{\n                \"Name\": \"{}\",\n                \"EndpointID\": \"{}\",\n                \"MacAddress\": \"{}\",\n                \"IPv4Address\": \"{}\",\n                \"IPv6Address\": \"\"\n            }}",
                    c.id,
                    c.name,
                    endpoint_id(c, n),
                    ip.map(mac).unwrap_or_default(),
                    ip.map(|i| format!("{i}/16")).unwrap_or_default()
                )
            })
            .collect();
        format!("{{\n{}\n        }}", items.join(",\n"))
    };
    let options = match n.name.as_str() {
        "bridge" => "{\n            \"com.docker.network.bridge.default_bridge\": \"true\",\n            \"com.docker.network.bridge.enable_icc\": \"true\",\n            \"com.docker.network.bridge.enable_ip_masquerade\": \"true\",\n            \"com.docker.network.bridge.host_binding_ipv4\": \"0.0.0.0\",\n            \"com.docker.network.bridge.name\": \"docker0\",\n            \"com.docker.network.driver.mtu\": \"1500\"\n        }",
        "kind" => "{\n            \"com.docker.network.bridge.enable_ip_masquerade\": \"true\",\n            \"com.docker.network.driver.mtu\": \"1500\"\n        }",
        _ => "{}",
    };
    format!(
        "    {{\n        \"Name\": \"{name}\",\n        \"Id\": \"{id}\",\n        \"Created\": \"{created}\",\n        \"Scope\": \"local\",\n        \"Driver\": \"{driver}\",\n        \"EnableIPv6\": false,\n        \"IPAM\": {{\n            \"Driver\": \"default\",\n            \"Options\": null,\n            \"Config\": {config}\n        }},\n        \"Internal\": false,\n        \"Attachable\": false,\n        \"Ingress\": false,\n        \"ConfigFrom\": {{\n            \"Network\": \"\"\n        }},\n        \"ConfigOnly\": false,\n        \"Containers\": {containers},\n        \"Options\": {options},\n        \"Labels\": {{}}\n    }}",
        name = n.name,
        id = n.id,
        created = rfc3339_nanos(n.created),
        driver = n.driver,
    )
}

/// `docker network inspect NET...`: one JSON array; unknown networks are reported after it.
fn inspect_networks(w: &World, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &[
            flag("format", Some('f'), true),
            flag("verbose", Some('v'), false),
        ],
        false,
    )
    .map_err(|e| flag_err(e, "network inspect"))?;
    if p.positional.is_empty() {
        return Err("\"docker network inspect\" requires at least 1 argument.\nSee 'docker network inspect --help'.\n\nUsage:  docker network inspect [OPTIONS] NETWORK [NETWORK...]\n\nDisplay detailed information on one or more networks".into());
    }
    let mut found = vec![];
    let mut err = String::new();
    for name in &p.positional {
        match w.network_index(name) {
            Some(i) => found.push(&w.networks[i]),
            None => err.push_str(&format!("{}\n", net_not_found(name))),
        }
    }
    if let Some(f) = p.last("format") {
        let mut out = String::new();
        for n in &found {
            out.push_str(&match f {
                _ if f.contains(".Name") => format!("{}\n", n.name),
                _ if f.contains(".Id") => format!("{}\n", n.id),
                _ if f.contains(".Driver") => format!("{}\n", n.driver),
                _ if f.contains("Subnet") => format!("{}\n", n.subnet_str().unwrap_or_default()),
                _ => format!("template: {f}: this lab's docker network inspect formats .Name, .Id, .Driver, .IPAM...Subnet\n"),
            });
        }
        return with_errors(out, err);
    }
    let items: Vec<String> = found.iter().map(|n| network_json(w, n)).collect();
    let out = if items.is_empty() {
        "[]\n".to_string()
    } else {
        format!("[\n{}\n]\n", items.join(",\n"))
    };
    with_errors(out, err)
}

/// `docker network connect|disconnect NET CONTAINER`: prints nothing when it works.
fn connect(w: &mut World, sub: &str, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &[
            flag("alias", None, true),
            flag("ip", None, true),
            flag("force", Some('f'), false),
        ],
        false,
    )
    .map_err(|e| flag_err(e, &format!("network {sub}")))?;
    let [net, container] = p.positional.as_slice() else {
        return Err(format!("\"docker network {sub}\" requires exactly 2 arguments.\nSee 'docker network {sub} --help'.\n\nUsage:  docker network {sub} [OPTIONS] NETWORK CONTAINER\n\n{} a container {} a network", if sub == "connect" { "Connect" } else { "Disconnect" }, if sub == "connect" { "to" } else { "from" }));
    };
    let Some(ni) = w.network_index(net) else {
        return Err(net_not_found(net));
    };
    let Some(ci) = w.container_index(container) else {
        return Err(format!(
            "Error response from daemon: No such container: {container}"
        ));
    };
    if sub == "connect" {
        w.connect_network(ni, ci)?;
    } else {
        w.disconnect_network(ni, ci)?;
    }
    Ok(String::new())
}

/// `docker inspect [-f FORMAT] NAME...`: the container's state and every network it is on.
pub(super) fn inspect(w: &mut World, rest: &[String]) -> Result<String, String> {
    let p = parse_flags(
        rest,
        &[flag("format", Some('f'), true), flag("type", None, true)],
        false,
    )
    .map_err(|e| flag_err(e, "inspect"))?;
    if p.positional.is_empty() {
        return Err(
            "\"docker inspect\" requires at least 1 argument.\nSee 'docker inspect --help'.".into(),
        );
    }
    let mut out = String::new();
    let mut err = String::new();
    for name in &p.positional {
        let Some(i) = w.container_index(name) else {
            err.push_str(&format!("Error: No such object: {name}\n"));
            continue;
        };
        let c = &w.containers[i];
        match p.last("format") {
            Some(f) => match format_field(c, f) {
                Ok(s) => out.push_str(&format!("{s}\n")),
                Err(e) => err.push_str(&format!("{e}\n")),
            },
            None => out.push_str(&container_json(c)),
        }
    }
    with_errors(out, err)
}

/// A container's address on its attachment, as docker shows it (empty when it is not running,
/// or on `host` and `none`).
fn shown_ip(c: &Container, net: &str) -> String {
    match c.ip_on(net) {
        Some(ip) if c.running() => ip.to_string(),
        _ => String::new(),
    }
}

/// The Go templates the lab's lessons and scripts use.
fn format_field(c: &Container, f: &str) -> Result<String, String> {
    let mut nets: Vec<&str> = c.nets.iter().map(|a| a.network.as_str()).collect();
    nets.sort();
    if f.contains("range .NetworkSettings.Networks") && f.contains("IPAddress") {
        return Ok(nets.iter().map(|n| shown_ip(c, n)).collect());
    }
    if f.contains("range .NetworkSettings.Networks") {
        return Ok(nets.iter().map(|n| format!("{n} ")).collect::<String>());
    }
    if let Some(rest) = f.split(".NetworkSettings.Networks.").nth(1) {
        let net = rest.split('.').next().unwrap_or_default();
        if !c.on(net) {
            let expr = f.trim_matches(|x| x == '{' || x == '}' || x == ' ');
            return Err(format!("template: :1:{}: executing \"\" at <{expr}>: nil pointer evaluating *network.EndpointSettings.IPAddress", 3 + expr.len() - "IPAddress".len()));
        }
        return Ok(shown_ip(c, net));
    }
    if f.contains("IPAddress") {
        return Ok(shown_ip(c, "bridge"));
    }
    if f.contains("State.Status") {
        return Ok(state_name(c.state).into());
    }
    if f.contains(".Name") {
        return Ok(format!("/{}", c.name));
    }
    if f.contains(".Id") {
        return Ok(c.id.clone());
    }
    Ok(format!("template: {f}: this lab's docker inspect formats .NetworkSettings.Networks.NET.IPAddress, .State.Status, .Name, .Id"))
}

fn container_json(c: &Container) -> String {
    let mut nets: Vec<&str> = c.nets.iter().map(|a| a.network.as_str()).collect();
    nets.sort();
    let networks: Vec<String> = nets
        .iter()
        .map(|n| {
            format!(
                "                \"{n}\": {{\n                    \"IPAddress\": \"{}\"\n                }}",
                shown_ip(c, n)
            )
        })
        .collect();
    let networks = if networks.is_empty() {
        "{}".to_string()
    } else {
        format!("{{\n{}\n            }}", networks.join(",\n"))
    };
    format!(
        "[\n    {{\n        \"Id\": \"{}\",\n        \"Created\": \"{}\",\n        \"Name\": \"/{}\",\n        \"State\": {{\n            \"Status\": \"{}\",\n            \"Running\": {},\n            \"ExitCode\": {}\n        }},\n        \"Image\": \"{}\",\n        \"NetworkSettings\": {{\n            \"Networks\": {networks}\n        }}\n    }}\n]\n",
        c.id,
        rfc3339_nanos(c.created),
        c.name,
        state_name(c.state),
        c.running(),
        c.exit_code,
        c.image
    )
}
