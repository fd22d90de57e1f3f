//! What the UI and the tests read of a running HAProxy: its servers and backends.

use super::*;

/// A server as the UI and the tests see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerView {
    /// The backend (or listen section) it belongs to.
    pub backend: String,
    /// The server's name, unique in its backend.
    pub name: String,
    /// Its address.
    pub addr: Ipv4Addr,
    /// The server's own port (`None` when the address has no port).
    pub port: Option<u16>,
    /// Where checks go (`port N`, else the server port); `None` when not checked.
    pub check_port: Option<u16>,
    /// Health checks are enabled.
    pub checked: bool,
    /// UP, DOWN or MAINT.
    pub state: ServerState,
    /// HAProxy's health counter: 0..rise-1 DOWN, rise..rise+fall-1 UP.
    pub health: u32,
    /// Successful checks it takes to go UP.
    pub rise: u32,
    /// Failed checks it takes to go DOWN.
    pub fall: u32,
    /// A `backup` server (used when no active server is UP).
    pub backup: bool,
    /// The last finished check, if any.
    pub last_check: Option<LastCheck>,
    /// Start time of the next check (or of the running one).
    pub next_check: Option<Millis>,
    /// A check is in progress (started, not yet ended).
    pub checking: bool,
}

/// A backend as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendView {
    /// The backend's name.
    pub name: String,
    /// Its mode.
    pub mode: Mode,
    /// Its load-balancing algorithm.
    pub balance: Balance,
    /// Usable (UP) active servers.
    pub active_up: u32,
    /// Usable (UP) backup servers.
    pub backup_up: u32,
    /// Number of servers in the backend.
    pub servers: usize,
}

impl Haproxy {
    /// Every server of every backend, in configuration order.
    pub fn servers(&self) -> Vec<ServerView> {
        (0..self.srvs.len()).map(|i| self.server_view(i)).collect()
    }

    /// One server by backend and name.
    pub fn server(&self, backend: &str, name: &str) -> Option<ServerView> {
        (0..self.srvs.len())
            .find(|&i| {
                self.config.backends[self.srvs[i].be].name == backend && self.conf(i).name == name
            })
            .map(|i| self.server_view(i))
    }

    /// Every backend (a `listen` section included), in configuration order.
    pub fn backends(&self) -> Vec<BackendView> {
        self.config
            .backends
            .iter()
            .enumerate()
            .map(|(bi, b)| {
                let (active_up, backup_up) = self.counts(bi);
                BackendView {
                    name: b.name.clone(),
                    mode: b.mode,
                    balance: b.balance,
                    active_up,
                    backup_up,
                    servers: b.servers.len(),
                }
            })
            .collect()
    }

    /// Usable (active, backup) servers of a backend.
    pub fn usable_counts(&self, backend: &str) -> Option<(u32, u32)> {
        let bi = self
            .config
            .backends
            .iter()
            .position(|b| b.name == backend)?;
        Some(self.counts(bi))
    }

    fn server_view(&self, i: usize) -> ServerView {
        let s = &self.srvs[i];
        let c = self.conf(i);
        ServerView {
            backend: self.config.backends[s.be].name.clone(),
            name: c.name.clone(),
            addr: c.addr,
            port: c.port,
            check_port: if s.checked {
                c.check_port.or(c.port)
            } else {
                None
            },
            checked: s.checked,
            state: s.state,
            health: s.health,
            rise: c.rise,
            fall: c.fall,
            backup: c.backup,
            last_check: s.last.as_ref().map(|(r, at)| LastCheck {
                reason: r.reason(self.style),
                duration: r.duration,
                at: *at,
                passed: r.status.passed(),
            }),
            next_check: s.next_check,
            checking: s.pending.is_some(),
        }
    }
}
