//! Docker on the host: the containers (kind's node containers, kind's API load balancer, the
//! chapter's `HAProxy-workers-lb`), their ids, ports, states and `docker ps` layout.

use crate::fmt::{docker_duration, table};
use crate::time::Millis;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::net::Ipv4Addr;

/// 64 hex digits, like a container id.
pub(crate) fn new_id(rng: &mut ChaCha8Rng) -> String {
    (0..64)
        .map(|_| char::from_digit(rng.random_range(0..16u32), 16).unwrap_or('0'))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PortMap {
    /// `None` = all interfaces (printed as `0.0.0.0` and `[::]`).
    pub host_ip: Option<String>,
    pub host_port: u16,
    pub container_port: u16,
    pub proto: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mount {
    pub source: String,
    pub target: String,
    pub read_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ContainerRole {
    KindNode {
        cluster: String,
        node: String,
    },
    KindLb {
        cluster: String,
    },
    /// A container from the `haproxy` image; `args` are the arguments given to haproxy.
    Haproxy {
        args: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Created,
    Running,
    Exited,
}

#[derive(Debug, Clone)]
pub(crate) struct Container {
    pub id: String,
    pub name: String,
    pub image: String,
    pub command: String,
    pub created: Millis,
    pub state: State,
    pub started_at: Millis,
    pub finished_at: Millis,
    pub exit_code: i32,
    pub ports: Vec<PortMap>,
    /// The docker networks it is attached to, in the order it joined them.
    pub nets: Vec<NetAttach>,
    pub mounts: Vec<Mount>,
    pub role: ContainerRole,
    /// Console output not produced by a running HAProxy engine (alerts, past runs, boot text).
    pub logs: Vec<(Millis, String)>,
}

/// A container's endpoint on one docker network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NetAttach {
    /// The network's name (`bridge`, `kind`, `host`, `none`).
    pub network: String,
    /// Its address there (`None` on `host` and `none`: no address of its own).
    pub ip: Option<Ipv4Addr>,
}

impl Container {
    pub(crate) fn running(&self) -> bool {
        self.state == State::Running
    }

    /// Its first address (the one the lab shows), if it has one.
    pub(crate) fn ip(&self) -> Option<Ipv4Addr> {
        self.nets.iter().find_map(|n| n.ip)
    }

    /// Its address on network `net`, if attached there with one.
    pub(crate) fn ip_on(&self, net: &str) -> Option<Ipv4Addr> {
        self.nets
            .iter()
            .find(|n| n.network == net)
            .and_then(|n| n.ip)
    }

    /// Attached to network `net`.
    pub(crate) fn on(&self, net: &str) -> bool {
        self.nets.iter().any(|n| n.network == net)
    }

    pub(crate) fn ports_str(&self) -> String {
        if !self.running() {
            return String::new();
        }
        let mut parts = Vec::new();
        for p in &self.ports {
            match &p.host_ip {
                Some(ip) => parts.push(format!(
                    "{ip}:{}->{}/{}",
                    p.host_port, p.container_port, p.proto
                )),
                None => {
                    parts.push(format!(
                        "0.0.0.0:{}->{}/{}",
                        p.host_port, p.container_port, p.proto
                    ));
                    parts.push(format!(
                        "[::]:{}->{}/{}",
                        p.host_port, p.container_port, p.proto
                    ));
                }
            }
        }
        parts.join(", ")
    }

    pub(crate) fn status_str(&self, now: Millis) -> String {
        match self.state {
            State::Created => "Created".into(),
            State::Running => format!("Up {}", docker_duration(now - self.started_at)),
            State::Exited => format!(
                "Exited ({}) {} ago",
                self.exit_code,
                docker_duration(now - self.finished_at)
            ),
        }
    }
}

/// Docker's `Ellipsis(command, 20)`, quoted.
fn short_command(c: &str) -> String {
    let chars: Vec<char> = c.chars().collect();
    if chars.len() > 20 {
        format!("\"{}…\"", chars[..19].iter().collect::<String>())
    } else {
        format!("\"{c}\"")
    }
}

/// `docker ps [-a]`: newest first.
pub(crate) fn ps(containers: &[Container], all: bool, quiet: bool, now: Millis) -> String {
    let mut v: Vec<&Container> = containers.iter().filter(|c| all || c.running()).collect();
    v.sort_by(|a, b| b.created.cmp(&a.created).then(a.name.cmp(&b.name)));
    if quiet {
        return v.iter().map(|c| format!("{}\n", &c.id[..12])).collect();
    }
    let rows: Vec<Vec<String>> = v
        .iter()
        .map(|c| {
            vec![
                c.id[..12].to_string(),
                c.image.clone(),
                short_command(&c.command),
                format!("{} ago", docker_duration(now - c.created)),
                c.status_str(now),
                c.ports_str(),
                c.name.clone(),
            ]
        })
        .collect();
    table(
        &[
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "CREATED",
            "STATUS",
            "PORTS",
            "NAMES",
        ],
        &rows,
        3,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsis() {
        assert_eq!(
            short_command("/usr/local/bin/entrypoint /sbin/init"),
            "\"/usr/local/bin/entr…\""
        );
        assert_eq!(short_command("short"), "\"short\"");
    }
}
