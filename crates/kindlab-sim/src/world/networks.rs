//! docker's networks in the world: the daemon's own (`bridge`, `host`, `none`), the
//! user-defined `kind` that kind creates with its first cluster, addresses on them, `docker
//! network connect|disconnect`, and who reaches whom.
//!
//! docker isolates bridge networks from each other (its `DOCKER-ISOLATION` chains drop what
//! crosses): a container reaches another only over a network they share; a container on the
//! `host` network, like the host itself, reaches every address; one on `none` reaches nothing.
//! What is dropped is a black hole (SYNs unanswered), so HAProxy's checks end in `Layer4
//! timeout`.
//!
//! The [`KindEra`] decides how the nodes sit: [`KindEra::Current`] is kind since v0.8.0 (the
//! nodes on `kind`, isolated from the default bridge); [`KindEra::Chapter`] is the book's world,
//! where a container started without `--network` reaches the nodes as it did when kind put
//! them on the default bridge. The lab keeps the nodes' `kind` addresses (the lessons quote
//! them) and lets `bridge` and `kind` reach each other instead.

use super::*;
use crate::docker::NetAttach;

/// Which kind (and so which docker networking) a world imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindEra {
    /// The book's world (kind before v0.8.0): a container on docker's default bridge reaches
    /// the nodes, so the chapter's `docker run ... haproxy` works as printed. The default.
    #[default]
    Chapter,
    /// kind v0.8.0 and later: the nodes live on the user-defined network `kind`, which docker
    /// isolates from the default bridge; HAProxy must join `kind` (`--network kind`, or `docker
    /// network connect kind HAProxy-workers-lb`) to reach them.
    Current,
}

impl KindEra {
    /// `chapter` or `current` (as `kindlab sim --kind-era` takes it).
    pub fn parse(s: &str) -> Option<KindEra> {
        match s {
            "chapter" => Some(KindEra::Chapter),
            "current" => Some(KindEra::Current),
            _ => None,
        }
    }
}

/// One docker network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DockerNet {
    /// Its name.
    pub(crate) name: String,
    /// Its id (64 hex digits; `docker network ls` shows 12).
    pub(crate) id: String,
    /// `bridge`, `host` or `null`.
    pub(crate) driver: &'static str,
    /// The second octet of its `172.x.0.0/16` subnet (bridges only).
    pub(crate) subnet: Option<u8>,
    /// When it was made.
    pub(crate) created: Millis,
    /// docker's own (`bridge`, `host`, `none`): never removed, special rules.
    pub(crate) builtin: bool,
}

/// When the docker daemon made its own networks (long before the chapter).
const DAEMON_START: Millis = -30 * 86_400_000 - 3_723_456;

/// A network's id: derived from its name (no random stream is drawn, so adding networks moves
/// no other id or timing).
fn net_id(name: &str) -> String {
    let mut z: u64 = 0xD0C4_E12E_7000_0001;
    for b in name.bytes() {
        z = (z ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    let mut out = String::new();
    for _ in 0..4 {
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = z;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        out.push_str(&format!("{x:016x}"));
    }
    out
}

impl DockerNet {
    fn new(name: &str, driver: &'static str, subnet: Option<u8>, created: Millis) -> DockerNet {
        DockerNet {
            name: name.into(),
            id: net_id(name),
            driver,
            subnet,
            created,
            builtin: matches!(name, "bridge" | "host" | "none"),
        }
    }

    /// The daemon's own networks.
    pub(crate) fn defaults() -> Vec<DockerNet> {
        vec![
            DockerNet::new("bridge", "bridge", Some(17), DAEMON_START),
            DockerNet::new("host", "host", None, DAEMON_START),
            DockerNet::new("none", "null", None, DAEMON_START),
        ]
    }

    /// `172.x.0.0/16`.
    pub(crate) fn subnet_str(&self) -> Option<String> {
        self.subnet.map(|b| format!("172.{b}.0.0/16"))
    }

    /// `172.x.0.1`.
    pub(crate) fn gateway(&self) -> Option<Ipv4Addr> {
        self.subnet.map(|b| Ipv4Addr::new(172, b, 0, 1))
    }
}

/// Where a connection starts: the host, or a container attached to these networks.
#[derive(Debug, Clone, Copy)]
pub(crate) enum From<'a> {
    /// The host (curl on the host; it routes to every docker bridge).
    Host,
    /// A container, by its attachments.
    Container(&'a [NetAttach]),
}

impl World {
    /// Network `name`, if docker has it (by name, or by a unique id prefix).
    pub(crate) fn network_index(&self, name: &str) -> Option<usize> {
        self.networks
            .iter()
            .position(|n| n.name == name)
            .or_else(|| {
                let m: Vec<usize> = (0..self.networks.len())
                    .filter(|&i| !name.is_empty() && self.networks[i].id.starts_with(name))
                    .collect();
                (m.len() == 1).then(|| m[0])
            })
    }

    /// kind makes its network `kind` (`172.18.0.0/16`) before its first cluster's nodes.
    pub(crate) fn ensure_kind_network(&mut self, at: Millis) {
        if self.network_index("kind").is_none() {
            self.networks
                .push(DockerNet::new("kind", "bridge", Some(18), at));
        }
    }

    /// The first free address on network `network` (none on `host`, `none` or an unknown one).
    pub(super) fn alloc_ip(&self, network: &str) -> Option<Ipv4Addr> {
        let b = self.networks.iter().find(|n| n.name == network)?.subnet?;
        let mut h: u32 = 2;
        loop {
            let ip = Ipv4Addr::new(172, b, (h >> 8) as u8, (h & 255) as u8);
            if (h & 255) != 0 && (h & 255) != 255 && !self.ip_taken(ip) {
                return Some(ip);
            }
            h += 1;
        }
    }

    fn ip_taken(&self, ip: Ipv4Addr) -> bool {
        self.containers
            .iter()
            .any(|c| c.nets.iter().any(|a| a.ip == Some(ip)))
    }

    /// `docker network connect NET CONTAINER`: the container gets an address on `NET` at once.
    /// `Err`: docker's message.
    pub(crate) fn connect_network(&mut self, ni: usize, idx: usize) -> Result<(), String> {
        let net = self.networks[ni].name.clone();
        let c = &self.containers[idx];
        if net == "host" || c.on("host") {
            return Err("Error response from daemon: container cannot be disconnected from host network or connected to host network".into());
        }
        if net == "none" || c.on("none") {
            return Err("Error response from daemon: container cannot be connected to multiple networks with one of the networks in private (none) mode".into());
        }
        if c.on(&net) {
            return Err(format!(
                "Error response from daemon: endpoint with name {} already exists in network {net}",
                c.name
            ));
        }
        let ip = self.alloc_ip(&net);
        self.containers[idx]
            .nets
            .push(NetAttach { network: net, ip });
        self.reindex();
        Ok(())
    }

    /// `docker network disconnect NET CONTAINER`. `Err`: docker's message.
    pub(crate) fn disconnect_network(&mut self, ni: usize, idx: usize) -> Result<(), String> {
        let net = self.networks[ni].name.clone();
        let c = &self.containers[idx];
        if !c.on(&net) {
            return Err(format!(
                "Error response from daemon: container {} is not connected to the network {net}",
                c.id
            ));
        }
        if net == "host" {
            return Err("Error response from daemon: container cannot be disconnected from host network or connected to host network".into());
        }
        self.containers[idx].nets.retain(|a| a.network != net);
        self.reindex();
        Ok(())
    }

    /// The address container `idx` sends from to reach `target`: its address on the target's
    /// network, else its first one.
    pub(crate) fn source_ip(&self, idx: usize, target: Ipv4Addr) -> Ipv4Addr {
        let c = &self.containers[idx];
        self.ip_net
            .get(&target)
            .and_then(|n| c.ip_on(n))
            .or(c.ip())
            .unwrap_or(Ipv4Addr::UNSPECIFIED)
    }
}

/// Whether traffic from `from` reaches address `ip` (on network `target_net`), in `era`.
pub(super) fn reaches(era: KindEra, from: From<'_>, target_net: Option<&str>) -> bool {
    let From::Container(nets) = from else {
        return true;
    };
    let Some(target) = target_net else {
        return false;
    };
    nets.iter().any(|a| {
        a.network == "host"
            || a.network == target
            || (era == KindEra::Chapter
                && matches!(a.network.as_str(), "bridge" | "kind")
                && matches!(target, "bridge" | "kind"))
    })
}
