//! Load balancing: which server of which backend a connection to a bound port goes to.

use super::*;

/// Default client address for `balance source` (the docker bridge gateway).
pub const DEFAULT_CLIENT: Ipv4Addr = Ipv4Addr::new(172, 18, 0, 1);

/// Where a connection to a bound port goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// No frontend binds that port: connection refused.
    NoListener,
    /// The chosen server.
    Server {
        /// The backend (or listen section).
        backend: String,
        /// The server's name.
        server: String,
        /// The server's address.
        addr: Ipv4Addr,
        /// The server's port (or the bound port when the server line has none).
        port: u16,
        /// `http` when the frontend or the backend is in http mode, else `tcp`.
        mode: Mode,
    },
    /// No usable server (or the frontend has no backend: `backend` is empty). http mode: the
    /// 503 page ([`NO_SERVER_BODY`]); tcp mode: accepted then closed with no data.
    NoServer {
        /// The backend that had no usable server (empty: the frontend has none).
        backend: String,
        /// How the connection is handled (see [`Route::Server`]'s `mode`).
        mode: Mode,
    },
}

impl Haproxy {
    /// Routes a connection arriving on `bind_port` from the default client (172.18.0.1).
    pub fn route(&mut self, bind_port: u16) -> Route {
        self.route_from(bind_port, DEFAULT_CLIENT)
    }

    /// Routes a connection arriving on `bind_port` from `client` (used by `balance source`).
    pub fn route_from(&mut self, bind_port: u16, client: Ipv4Addr) -> Route {
        if self.stopped {
            return Route::NoListener;
        }
        let Some(fe) = self.config.frontends.iter().find(|f| {
            f.binds
                .iter()
                .any(|b| b.port == bind_port && !b.addr.is_some_and(|a| a.is_loopback()))
        }) else {
            return Route::NoListener;
        };
        let fe_mode = fe.mode;
        let Some(bi) = fe.backend else {
            return Route::NoServer {
                backend: String::new(),
                mode: fe_mode,
            };
        };
        let be = &self.config.backends[bi];
        let be_name = be.name.clone();
        let mode = if fe_mode == Mode::Http || be.mode == Mode::Http {
            Mode::Http
        } else {
            Mode::Tcp
        };
        match self.pick(bi, client) {
            None => Route::NoServer {
                backend: be_name,
                mode,
            },
            Some(i) => {
                let s = self.conf(i);
                Route::Server {
                    backend: be_name,
                    server: s.name.clone(),
                    addr: s.addr,
                    port: s.port.unwrap_or(bind_port),
                    mode,
                }
            }
        }
    }

    /// Chooses a server of backend `bi` (global index), or None when none is usable.
    fn pick(&mut self, bi: usize, client: Ipv4Addr) -> Option<usize> {
        let range = self.be_start[bi]..self.be_start[bi + 1];
        let usable = |i: usize| self.srvs[i].state == ServerState::Up && self.conf(i).weight > 0;
        let mut cands: Vec<usize> = range
            .clone()
            .filter(|&i| usable(i) && !self.conf(i).backup)
            .collect();
        if cands.is_empty() {
            let backups = range.filter(|&i| usable(i) && self.conf(i).backup);
            cands = if self.config.backends[bi].allbackups {
                backups.collect()
            } else {
                backups.take(1).collect()
            };
        }
        if cands.is_empty() {
            return None;
        }
        let chosen = match self.config.backends[bi].balance {
            Balance::RoundRobin | Balance::StaticRr | Balance::LeastConn => {
                let next = match self.rr_last[bi] {
                    Some(last) => cands
                        .iter()
                        .copied()
                        .find(|&i| i > last)
                        .unwrap_or(cands[0]),
                    None => cands[0],
                };
                self.rr_last[bi] = Some(next);
                next
            }
            Balance::First | Balance::Hash => cands[0],
            Balance::Source => cands[(u32::from(client) as usize) % cands.len()],
            Balance::Random => cands[self.lb_rng.random_range(0..cands.len())],
        };
        Some(chosen)
    }
}
