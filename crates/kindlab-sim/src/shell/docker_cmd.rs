//! `docker`: ps, exec (systemctl ... kubelet), stop, start, restart, logs, rm, run, inspect.

use super::flags::{flag, parse_flags, FlagErr, FlagSpec};
use super::with_errors;
use crate::docker::{ps, Container, ContainerRole, Mount, PortMap, State};
use crate::fmt::rfc3339_nanos;
use crate::time::Millis;
use crate::world::{NewContainer, World};

pub(super) fn flag_err(e: FlagErr, sub: &str) -> String {
    let see = format!("See 'docker {sub} --help'.");
    match e {
        FlagErr::Unknown(f) => format!("unknown flag: {f}\n{see}"),
        FlagErr::UnknownShort(c, w) => format!("unknown shorthand flag: '{c}' in {w}\n{see}"),
        FlagErr::NeedsArg(f) => format!("flag needs an argument: {f}\n{see}"),
    }
}

pub(super) fn no_such(name: &str) -> String {
    format!("Error response from daemon: No such container: {name}")
}

/// Runs `act` on each named container in turn (`docker stop a b`, `docker rm a b`): prints the
/// name of each one it did, then the errors (no such container, or `act`'s), which fail the
/// command.
fn each_container(
    w: &mut World,
    names: &[String],
    mut act: impl FnMut(&mut World, usize, &str) -> Result<(), String>,
) -> Result<String, String> {
    let mut out = String::new();
    let mut err = String::new();
    for name in names {
        let done = match w.container_index(name) {
            Some(i) => act(w, i, name),
            None => Err(no_such(name)),
        };
        match done {
            Ok(()) => out.push_str(&format!("{name}\n")),
            Err(e) => err.push_str(&format!("{e}\n")),
        }
    }
    with_errors(out, err)
}

/// `.State.Status` in `docker inspect`.
pub(super) fn state_name(s: State) -> &'static str {
    match s {
        State::Running => "running",
        State::Exited => "exited",
        State::Created => "created",
    }
}

/// `docker ps` and `docker logs` without changing anything (see [`super::query`]); `None` for
/// any other docker command.
pub(super) fn query(w: &World, args: &[String]) -> Option<Result<String, String>> {
    let rest = &args[1..];
    match args.first()?.as_str() {
        "ps" => Some(ps_command(w, rest)),
        "logs" => Some(logs(w, rest)),
        "network" => super::docker_net::query(w, rest),
        _ => None,
    }
}

/// `docker ps [-a] [-q] [--no-trunc] [--filter F]`.
fn ps_command(w: &World, rest: &[String]) -> Result<String, String> {
    let p = parse_flags(
        rest,
        &[
            flag("all", Some('a'), false),
            flag("quiet", Some('q'), false),
            flag("no-trunc", None, false),
            flag("filter", Some('f'), true),
        ],
        false,
    )
    .map_err(|e| flag_err(e, "ps"))?;
    let filters = p
        .all("filter")
        .iter()
        .map(|f| PsFilter::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    let shown: Vec<Container> = w
        .containers
        .iter()
        .filter(|c| filters.iter().all(|f| f.matches(c)))
        .cloned()
        .collect();
    Ok(ps(
        &shown,
        p.on("all") || filters.iter().any(PsFilter::selects_status),
        p.on("quiet"),
        w.now(),
    ))
}

pub(super) fn run(w: &mut World, args: &[String]) -> Result<String, String> {
    let Some(sub) = args.first() else {
        return Ok("Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n  exec        Execute a command in a running container\n  ps          List containers\n  logs        Fetch the logs of a container\n  start       Start one or more stopped containers\n  stop        Stop one or more running containers\n  rm          Remove one or more containers\n  network     Manage networks\n".into());
    };
    let rest = &args[1..];
    match sub.as_str() {
        "ps" => ps_command(w, rest),
        "container" if rest.first().map(|s| s.as_str()) == Some("ls") => run(w, &[&["ps".to_string()], &rest[1..]].concat()),
        "stop" | "start" | "restart" | "kill" => stop_start(w, sub, rest),
        "rm" => rm(w, rest),
        "logs" => logs(w, rest),
        "exec" => super::docker_exec::exec(w, rest),
        "run" => run_container(w, rest),
        "inspect" => super::docker_net::inspect(w, rest),
        "network" => super::docker_net::network(w, rest),
        "images" => Ok("REPOSITORY        TAG                    IMAGE ID       CREATED        SIZE\nhaproxy           latest                 4b4e35b0d5a0   3 weeks ago    104MB\nkindest/node      ".to_string() + &format!("{:<22} 9b1a5d8ae6f8   2 months ago   1.05GB\nkindest/haproxy   v20230606-42a2262b     c9a3fa1e8d4b   2 years ago    25.4MB\n", w.k8s_version().tag())),
        s if s.starts_with('-') => Err(format!("unknown flag: {s}\nSee 'docker --help'.")),
        s => Err(format!("docker: unknown command: docker {s}\n\nRun 'docker --help' for more information")),
    }
}

fn stop_start(w: &mut World, sub: &str, rest: &[String]) -> Result<String, String> {
    let p = parse_flags(
        rest,
        &[
            flag("time", Some('t'), true),
            flag("signal", Some('s'), true),
            flag("attach", Some('a'), false),
            flag("interactive", Some('i'), false),
        ],
        false,
    )
    .map_err(|e| flag_err(e, sub))?;
    if p.positional.is_empty() {
        return Err(format!("\"docker {sub}\" requires at least 1 argument.\nSee 'docker {sub} --help'.\n\nUsage:  docker {sub} [OPTIONS] CONTAINER [CONTAINER...]"));
    }
    each_container(w, &p.positional, |w, i, name| {
        match sub {
            "stop" => {
                let code = if matches!(w.containers[i].role, ContainerRole::Haproxy { .. }) {
                    0
                } else {
                    137
                };
                w.stop_container(i, code);
            }
            "kill" => {
                if !w.containers[i].running() {
                    return Err(format!("Error response from daemon: cannot kill container: {name}: container {} is not running", w.containers[i].id));
                }
                w.stop_container(i, 137);
            }
            "start" => w.start_container(i),
            _ => {
                w.stop_container(i, 0);
                w.start_container(i);
            }
        }
        Ok(())
    })
}

fn rm(w: &mut World, rest: &[String]) -> Result<String, String> {
    let p = parse_flags(
        rest,
        &[
            flag("force", Some('f'), false),
            flag("volumes", Some('v'), false),
        ],
        false,
    )
    .map_err(|e| flag_err(e, "rm"))?;
    if p.positional.is_empty() {
        return Err("\"docker rm\" requires at least 1 argument.\nSee 'docker rm --help'.\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers".into());
    }
    each_container(w, &p.positional, |w, i, _| {
        if w.containers[i].running() {
            if !p.on("force") {
                return Err(format!("Error response from daemon: cannot remove container \"/{}\": container is running: stop the container before removing or force remove", w.containers[i].name));
            }
            w.stop_container(i, 137);
        }
        w.remove_container(i);
        Ok(())
    })
}

fn logs(w: &World, rest: &[String]) -> Result<String, String> {
    let p = parse_flags(
        rest,
        &[
            flag("timestamps", Some('t'), false),
            flag("since", None, true),
            flag("until", None, true),
            flag("tail", Some('n'), true),
            flag("follow", Some('f'), false),
            flag("details", None, false),
        ],
        false,
    )
    .map_err(|e| flag_err(e, "logs"))?;
    if p.positional.len() != 1 {
        return Err("\"docker logs\" requires exactly 1 argument.\nSee 'docker logs --help'.\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container".into());
    }
    let name = &p.positional[0];
    let Some(i) = w.container_index(name) else {
        return Err(no_such(name));
    };
    let now = w.now();
    let since = match p.last("since") {
        None => None,
        Some(s) => match crate::time::parse_duration(s) {
            Some(d) => Some(now.saturating_sub(d.min(Millis::MAX / 2))),
            None => {
                return Err(format!(
                "invalid value for \"since\": failed to parse value as time or duration: \"{s}\""
            ))
            }
        },
    };
    let mut lines = match &w.containers[i].role {
        ContainerRole::KindNode { .. } | ContainerRole::KindLb { .. } => node_boot_logs(w, i),
        ContainerRole::Haproxy { .. } => w.container_logs(i),
    };
    if let Some(s) = since {
        lines.retain(|(t, _)| *t >= s);
    }
    if let Some(n) = p.last("tail") {
        if n != "all" {
            let n: usize = n.parse().map_err(|_| {
                format!("invalid value for \"tail\": strconv.Atoi: parsing \"{n}\": invalid syntax")
            })?;
            let skip = lines.len().saturating_sub(n);
            lines.drain(..skip);
        }
    }
    let ts = p.on("timestamps");
    let mut out = String::new();
    for (t, l) in lines {
        if ts {
            out.push_str(&rfc3339_nanos(t));
            out.push(' ');
        }
        out.push_str(&l);
        out.push('\n');
    }
    Ok(out)
}

fn node_boot_logs(w: &World, i: usize) -> Vec<(i64, String)> {
    let c = &w.containers[i];
    let t = c.started_at;
    if matches!(c.role, ContainerRole::KindLb { .. }) {
        return vec![
            (
                t,
                "[NOTICE]   (1) : haproxy version is 2.2.9-2+deb11u5".into(),
            ),
            (
                t,
                "[NOTICE]   (1) : path to executable is /usr/sbin/haproxy".into(),
            ),
            (t + 1, "[NOTICE]   (1) : New worker (8) forked".into()),
            (t + 1, "[NOTICE]   (1) : Loading success.".into()),
        ];
    }
    [
        "INFO: ensuring we can execute mount/umount even with userns-remap",
        "INFO: remounting /sys read-only",
        "INFO: making mounts shared",
        "INFO: detected cgroup v2",
        "INFO: clearing and regenerating /etc/machine-id",
        "Initializing machine ID from random generator.",
        "INFO: setting iptables to detected mode: nf_tables",
        "systemd 252.38-1~deb12u1 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)",
        "Detected virtualization docker.",
        "Detected architecture x86-64.",
        "Welcome to Debian GNU/Linux 12 (bookworm)!",
        "[  OK  ] Started containerd.service - containerd container runtime.",
        "[  OK  ] Started kubelet.service - kubelet: The Kubernetes Node Agent.",
        "[  OK  ] Reached target multi-user.target - Multi-User System.",
    ]
    .iter()
    .enumerate()
    .map(|(k, l)| (t + 40 * k as i64, l.to_string()))
    .collect()
}

fn parse_port(spec: &str) -> Option<PortMap> {
    let (spec, proto) = match spec.split_once('/') {
        Some((s, p)) => (s, p.to_string()),
        None => (spec, "tcp".to_string()),
    };
    let parts: Vec<&str> = spec.split(':').collect();
    let (ip, host, cont) = match parts.as_slice() {
        [c] => (None, c.parse().ok()?, c.parse().ok()?),
        [h, c] => (None, h.parse().ok()?, c.parse().ok()?),
        [ip, h, c] => (
            Some(ip.to_string()).filter(|s| s != "0.0.0.0" && !s.is_empty()),
            h.parse().ok()?,
            c.parse().ok()?,
        ),
        _ => return None,
    };
    Some(PortMap {
        host_ip: ip,
        host_port: host,
        container_port: cont,
        proto,
    })
}

const RUN_FLAGS: [FlagSpec; 12] = [
    flag("name", None, true),
    flag("detach", Some('d'), false),
    flag("publish", Some('p'), true),
    flag("volume", Some('v'), true),
    flag("network", None, true),
    flag("net", None, true),
    flag("rm", None, false),
    flag("interactive", Some('i'), false),
    flag("tty", Some('t'), false),
    flag("restart", None, true),
    flag("env", Some('e'), true),
    flag("hostname", Some('h'), true),
];

fn run_container(w: &mut World, rest: &[String]) -> Result<String, String> {
    let p = parse_flags(rest, &RUN_FLAGS, true).map_err(|e| flag_err(e, "run"))?;
    let Some(image) = p.positional.first() else {
        return Err("docker: 'docker run' requires at least 1 argument.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information".into());
    };
    if image.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(
            "docker: invalid reference format: repository name (library/".to_string()
                + image
                + ") must be lowercase.\n\nRun 'docker run --help' for more information",
        );
    }
    let (repo, tag) = match image.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r, t),
        _ => (image.as_str(), "latest"),
    };
    if repo != "haproxy" && repo != "library/haproxy" && repo != "docker.io/library/haproxy" {
        return Err(format!("Unable to find image '{repo}:{tag}' locally\ndocker: Error response from daemon: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving (this lab is offline; the haproxy image is already pulled).\n\nRun 'docker run --help' for more information"));
    }
    let mut ports = vec![];
    for s in p.all("publish") {
        match parse_port(&s) {
            Some(pm) => ports.push(pm),
            None => return Err(format!("docker: invalid containerPort: {s}\n\nRun 'docker run --help' for more information")),
        }
    }
    let mut mounts = vec![];
    for v in p.all("volume") {
        let parts: Vec<&str> = v.split(':').collect();
        let (src, dst, ro) = match parts.as_slice() {
            [s, d] => (*s, *d, false),
            [s, d, o] => (*s, *d, o.split(',').any(|x| x == "ro")),
            _ => return Err(format!("docker: Error response from daemon: invalid volume specification: '{v}'\n\nRun 'docker run --help' for more information")),
        };
        if !src.starts_with('/') {
            return Err(format!("docker: Error response from daemon: create {src}: \"{src}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path.\n\nRun 'docker run --help' for more information"));
        }
        if !w.fs.exists(src) {
            // docker creates a missing bind-mount source directory
            let _ = w.fs.mkdir(src, true);
        }
        mounts.push(Mount {
            source: w.fs.resolve(src),
            target: dst.to_string(),
            read_only: ro,
        });
    }
    let name = match p.last("name") {
        Some(n) => n.to_string(),
        None => {
            let adj = [
                "admiring", "bold", "clever", "eager", "focused", "gifted", "jolly", "keen",
            ];
            let who = [
                "turing", "hopper", "lovelace", "ritchie", "torvalds", "hamilton",
            ];
            use rand::Rng;
            let a = adj[w.rng.misc.random_range(0..adj.len())];
            let b = who[w.rng.misc.random_range(0..who.len())];
            format!("{a}_{b}")
        }
    };
    if let Some(i) = w
        .container_index(&name)
        .filter(|&i| w.containers[i].name == name)
    {
        return Err(format!("docker: Error response from daemon: Conflict. The container name \"/{name}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information", w.containers[i].id));
    }
    let network = p
        .last("network")
        .or(p.last("net"))
        .unwrap_or("bridge")
        .to_string();
    let Some(ni) = w.network_index(&network) else {
        return Err(format!("docker: Error response from daemon: network {network} not found.\n\nRun 'docker run --help' for more information"));
    };
    let network = w.networks[ni].name.clone();
    let mut warning = String::new();
    if network == "host" && !ports.is_empty() {
        // the container shares the host's ports: nothing to publish
        warning = "WARNING: Published ports are discarded when using host network mode\n".into();
        ports.clear();
    }
    let mut args: Vec<String> = p.positional[1..].to_vec();
    if args.first().map(|s| s.as_str()) == Some("haproxy") {
        args.remove(0);
    }
    if args.is_empty() {
        args = vec!["-f".into(), "/usr/local/etc/haproxy/haproxy.cfg".into()];
    }
    let command = format!("docker-entrypoint.sh haproxy {}", args.join(" "));
    let idx = w.new_container(NewContainer {
        name: &name,
        image,
        command: &command,
        ports: ports.clone(),
        network: &network,
        mounts,
        role: ContainerRole::Haproxy { args },
    });
    let id = w.containers[idx].id.clone();
    // published host ports must be free
    for pm in &ports {
        let busy = w.containers.iter().any(|c| {
            c.id != id
                && c.running()
                && c.ports
                    .iter()
                    .any(|q| q.host_port == pm.host_port && q.proto == pm.proto)
        });
        if busy {
            return Err(format!("{id}\ndocker: Error response from daemon: driver failed programming external connectivity on endpoint {name} ({}): Bind for 0.0.0.0:{} failed: port is already allocated.", &id[..64.min(id.len())], pm.host_port));
        }
    }
    w.start_container(idx);
    if p.on("detach") {
        Ok(warning + &id)
    } else {
        // attached: print what the container printed so far
        let logs = w.container_logs(idx);
        Ok(warning + &logs.into_iter().map(|(_, l)| l + "\n").collect::<String>())
    }
}

/// One `docker ps --filter KEY=VALUE`: `name` (substring of the name, `^`/`$` anchors allowed)
/// and `status` (created, running, exited, ...); the others docker knows are not modelled.
enum PsFilter {
    Name(String),
    Status(String),
}

impl PsFilter {
    fn parse(text: &str) -> Result<PsFilter, String> {
        let Some((key, value)) = text.split_once('=') else {
            return Err(format!(
                "invalid argument \"{text}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\nSee 'docker ps --help'.\n"
            ));
        };
        match key {
            "name" => Ok(PsFilter::Name(value.to_string())),
            "status" => Ok(PsFilter::Status(value.to_string())),
            _ => Err(format!(
                "Error response from daemon: invalid filter '{key}'\n"
            )),
        }
    }

    fn matches(&self, c: &Container) -> bool {
        match self {
            PsFilter::Name(pat) => {
                let start = pat.starts_with('^');
                let end = pat.ends_with('$') && pat.len() > usize::from(start);
                let core = &pat[usize::from(start)..pat.len() - usize::from(end)];
                match (start, end) {
                    (true, true) => c.name == core,
                    (true, false) => c.name.starts_with(core),
                    (false, true) => c.name.ends_with(core),
                    (false, false) => c.name.contains(core),
                }
            }
            PsFilter::Status(want) => state_name(c.state) == want,
        }
    }

    /// A status filter looks at stopped containers too, as if `-a` were given.
    fn selects_status(&self) -> bool {
        matches!(self, PsFilter::Status(_))
    }
}
