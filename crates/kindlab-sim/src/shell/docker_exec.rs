//! `docker exec NODE ...` in a kind node's container: `systemctl stop|start|restart|status
//! kubelet` (the chapter's failure), `crictl ps` (what containerd still runs) and `ls` of
//! local-path's directories.

use super::docker_cmd::{flag_err, no_such};
use super::flags::{flag, parse_flags};
use crate::docker::ContainerRole;
use crate::fmt::{systemd_date, systemd_span};
use crate::world::World;

pub(super) fn exec(w: &mut World, rest: &[String]) -> Result<String, String> {
    let p = parse_flags(
        rest,
        &[
            flag("interactive", Some('i'), false),
            flag("tty", Some('t'), false),
            flag("user", Some('u'), true),
            flag("env", Some('e'), true),
            flag("workdir", Some('w'), true),
            flag("detach", Some('d'), false),
        ],
        true,
    )
    .map_err(|e| flag_err(e, "exec"))?;
    if p.positional.len() < 2 {
        return Err("\"docker exec\" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container".into());
    }
    let name = &p.positional[0];
    let cmd = &p.positional[1..];
    let Some(i) = w.container_index(name) else {
        return Err(no_such(name));
    };
    if !w.containers[i].running() {
        return Err(format!(
            "Error response from daemon: container {} is not running",
            w.containers[i].id
        ));
    }
    let ContainerRole::KindNode { cluster, node } = w.containers[i].role.clone() else {
        return match cmd[0].as_str() {
            "cat" | "ls" | "sh" | "bash" => Err("this lab runs commands inside the kind node containers only (docker exec cluster01-worker2 systemctl status kubelet)".into()),
            c => Err(format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{c}\": executable file not found in $PATH: unknown")),
        };
    };
    let (Some(ci), true) = (w.cluster_index(&cluster), true) else {
        return Err(no_such(name));
    };
    let Some(ni) = w.clusters[ci].node_index(&node) else {
        return Err(no_such(name));
    };
    match cmd[0].as_str() {
        "systemctl" => systemctl(w, ci, ni, &cmd[1..]),
        "ls" => node_ls(w, ci, &node, &cmd[1..]),
        "crictl" if cmd.get(1).map(|s| s.as_str()) == Some("ps") => crictl_ps(w, ci, ni),
        c => Err(format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{c}\": executable file not found in $PATH: unknown\n(this lab's node containers run: systemctl start|stop|restart|status kubelet, crictl ps, ls /var/local-path-provisioner)")),
    }
}

/// `docker exec NODE systemctl VERB UNIT`: the kubelet stops and starts; the other units only
/// say they run.
fn systemctl(w: &mut World, ci: usize, ni: usize, cmd: &[String]) -> Result<String, String> {
    let args: Vec<&str> = cmd
        .iter()
        .map(|s| s.as_str())
        .filter(|a| !a.starts_with('-'))
        .collect();
    let (verb, unit) = match args.as_slice() {
        [v, u, ..] => (*v, u.trim_end_matches(".service")),
        [v] => (*v, ""),
        [] => ("list-units", ""),
    };
    if unit.is_empty() && verb != "list-units" {
        return Err("Too few arguments.".to_string());
    }
    let known = ["kubelet", "containerd", "systemd-journald"];
    if !known.contains(&unit) && verb != "list-units" {
        return Err(match verb {
            "status" => format!("Unit {unit}.service could not be found."),
            v => format!("Failed to {v} {unit}.service: Unit {unit}.service not found."),
        });
    }
    match (verb, unit) {
        ("stop", "kubelet") => {
            w.kubelet_stop(ci, ni);
            Ok(String::new())
        }
        ("start", "kubelet") => {
            w.kubelet_start(ci, ni);
            Ok(String::new())
        }
        ("restart", "kubelet") => {
            w.kubelet_stop(ci, ni);
            w.kubelet_start(ci, ni);
            Ok(String::new())
        }
        ("status", "kubelet") => {
            let s = kubelet_status(w, ci, ni);
            if w.clusters[ci].nodes[ni].kubelet_active { Ok(s) } else { Err(s) }
        }
        ("is-active", "kubelet") => {
            if w.clusters[ci].nodes[ni].kubelet_active { Ok("active".into()) } else { Err("inactive".into()) }
        }
        ("status", u) | ("is-active", u) => Ok(if verb == "is-active" { "active".into() } else { format!("● {u}.service\n     Active: active (running)") }),
        ("list-units", _) => Ok(format!("  UNIT               LOAD   ACTIVE SUB     DESCRIPTION\n  containerd.service loaded active running containerd container runtime\n  kubelet.service    loaded {} kubelet: The Kubernetes Node Agent\n", if w.clusters[ci].nodes[ni].kubelet_active { "active running" } else { "inactive dead   " })),
        (v, u) => Err(format!("this lab's systemctl knows start, stop, restart, status and is-active (not \"{v} {u}\")")),
    }
}

/// `docker exec NODE ls PATH`: the node's filesystem as far as storage goes (local-path's
/// directories).
fn node_ls(w: &World, ci: usize, node: &str, cmd: &[String]) -> Result<String, String> {
    // the node's filesystem as far as storage goes: local-path's directories
    let dirs = w.clusters[ci].storage.dirs.get(node);
    let args: Vec<&String> = cmd.iter().filter(|a| !a.starts_with('-')).collect();
    let path = args.first().map(|s| s.trim_end_matches('/')).unwrap_or("/");
    match (path, dirs) {
        ("/var/local-path-provisioner", Some(d)) => {
            Ok(d.iter().map(|x| format!("{x}\n")).collect())
        }
        ("/var/local-path-provisioner", None) => {
            Err("ls: cannot access '/var/local-path-provisioner': No such file or directory".into())
        }
        (p, Some(d)) if p.starts_with("/var/local-path-provisioner/") => {
            let name = &p["/var/local-path-provisioner/".len()..];
            if d.contains(name) {
                Ok(String::new())
            } else {
                Err(format!(
                    "ls: cannot access '{p}': No such file or directory"
                ))
            }
        }
        ("/var" | "/var/", Some(_)) => Ok(
            "backups\ncache\nlib\nlocal\nlocal-path-provisioner\nlog\nmail\nopt\nspool\ntmp\n"
                .into(),
        ),
        ("/var" | "/var/", None) => {
            Ok("backups\ncache\nlib\nlocal\nlog\nmail\nopt\nspool\ntmp\n".into())
        }
        (p, _) => Err(format!(
            "this lab lists /var/local-path-provisioner in the node containers (not {p})"
        )),
    }
}

/// `docker exec NODE crictl ps`: the containers the node's runtime runs.
fn crictl_ps(w: &World, ci: usize, ni: usize) -> Result<String, String> {
    let n = &w.clusters[ci].nodes[ni];
    let now = w.now();
    let mut rows = vec![];
    for c in &n.runtime {
        rows.push(vec![
            format!(
                "{:013x}",
                (c.pod_uid.wrapping_mul(0x9E3779B97F4A7C15)) >> 12
            ),
            format!(
                "{:013x}",
                (c.pod_uid.wrapping_mul(0xC2B2AE3D27D4EB4F)) >> 12
            ),
            format!("{} ago", crate::fmt::docker_duration(now - c.started)),
            "Running".into(),
            c.container.clone(),
            "0".into(),
            format!(
                "{:013x}",
                (c.pod_uid.wrapping_mul(0x165667B19E3779F9)) >> 12
            ),
            c.pod_name.clone(),
            c.namespace.clone(),
        ]);
    }
    Ok(crate::fmt::table(
        &[
            "CONTAINER",
            "IMAGE",
            "CREATED",
            "STATE",
            "NAME",
            "ATTEMPT",
            "POD ID",
            "POD",
            "NAMESPACE",
        ],
        &rows,
        3,
    ))
}

fn kubelet_status(w: &World, ci: usize, ni: usize) -> String {
    let n = &w.clusters[ci].nodes[ni];
    let now = w.now();
    let head = "kubelet.service - kubelet: The Kubernetes Node Agent\n     Loaded: loaded (/etc/systemd/system/kubelet.service; enabled; preset: enabled)\n    Drop-In: /etc/systemd/system/kubelet.service.d\n             └─10-kubeadm.conf, 11-kind.conf\n";
    let cmdline = format!("/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip={} --node-labels= --pod-infra-container-image=registry.k8s.io/pause:3.10 --provider-id=kind://docker/{}/{} --runtime-cgroups=/system.slice/containerd.service", n.ip, w.clusters[ci].name, n.name);
    if n.kubelet_active {
        format!(
            "● {head}     Active: active (running) since {}; {} ago\n       Docs: http://kubernetes.io/docs/\n   Main PID: {} (kubelet)\n      Tasks: 15 (limit: 38334)\n     Memory: 41.2M\n        CPU: 2.104s\n     CGroup: /kubelet.slice/kubelet.service\n             └─{} {}\n",
            systemd_date(n.kubelet_since),
            systemd_span(now - n.kubelet_since),
            n.kubelet_pid,
            n.kubelet_pid,
            cmdline.chars().take(60).collect::<String>() + "…"
        )
    } else {
        format!(
            "○ {head}     Active: inactive (dead) since {}; {} ago\n       Docs: http://kubernetes.io/docs/\n    Process: {} ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=killed, signal=TERM)\n   Main PID: {} (code=killed, signal=TERM)\n        CPU: 2.104s\n",
            systemd_date(n.kubelet_since),
            systemd_span(now - n.kubelet_since),
            n.kubelet_pid,
            n.kubelet_pid
        )
    }
}
