//! One health check: what it meets on the network, how long it takes, how it reads.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::config::{Backend, ServerConf};
use super::LogStyle;
use crate::net::{Endpoint, Listener, Network};
use crate::time::Millis;

/// HAProxy's check status (`HCHK_STATUS_*`) as far as kindlab produces them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckStatus {
    /// TCP connect succeeded (no `option httpchk`).
    L4Ok,
    /// Connect timed out (SYNs dropped).
    L4Timeout,
    /// Connection refused.
    L4Refused,
    /// TLS handshake done (`check-ssl` without `option httpchk`).
    L6Ok,
    /// TLS handshake never completed (`check-ssl` against plain HTTP).
    L6Timeout,
    /// TLS handshake failed.
    L6Invalid,
    /// HTTP check passed (2xx/3xx).
    L7Ok {
        /// The status code.
        code: u16,
        /// The reason phrase (`OK`).
        reason: String,
    },
    /// HTTP check got another status.
    L7Status {
        /// The status code (`404`, `503`).
        code: u16,
        /// The reason phrase (`Not Found`).
        reason: String,
    },
    /// Connected, no HTTP response in time.
    L7Timeout,
}

impl CheckStatus {
    /// The check passed (Layer4, Layer6 or Layer7 OK).
    pub fn passed(&self) -> bool {
        matches!(
            self,
            CheckStatus::L4Ok | CheckStatus::L6Ok | CheckStatus::L7Ok { .. }
        )
    }

    /// HAProxy's short description (`get_check_status_description`).
    pub fn description(&self) -> &'static str {
        match self {
            CheckStatus::L4Ok => "Layer4 check passed",
            CheckStatus::L4Timeout => "Layer4 timeout",
            CheckStatus::L4Refused => "Layer4 connection problem",
            CheckStatus::L6Ok => "Layer6 check passed",
            CheckStatus::L6Timeout => "Layer6 timeout",
            CheckStatus::L6Invalid => "Layer6 invalid response",
            CheckStatus::L7Ok { .. } => "Layer7 check passed",
            CheckStatus::L7Status { .. } => "Layer7 wrong status",
            CheckStatus::L7Timeout => "Layer7 timeout",
        }
    }
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// What the check found.
    pub status: CheckStatus,
    /// Check duration in ms.
    pub duration: Millis,
    /// Virtual time the check started.
    pub started: Millis,
    /// The server's own port is 443 (the chapter's HAProxy build reports refused checks of such
    /// servers as an SSL handshake failure).
    pub srv_port_443: bool,
}

impl CheckResult {
    /// `<description>[, code: N][, info: "<info>"]`, as after `reason: ` in the log lines.
    pub fn reason(&self, style: LogStyle) -> String {
        let desc = self.status.description();
        match &self.status {
            CheckStatus::L4Refused => {
                let info = if style == LogStyle::Chapter && self.srv_port_443 {
                    "SSL handshake failure (Connection refused)"
                } else {
                    "Connection refused"
                };
                format!("{desc}, info: \"{info}\"")
            }
            CheckStatus::L6Invalid => format!("{desc}, info: \"SSL handshake failure\""),
            CheckStatus::L7Ok { code, reason } => {
                if style == LogStyle::Chapter && !reason.is_empty() {
                    format!("{desc}, code: {code}, info: \"{reason}\"")
                } else {
                    format!("{desc}, code: {code}")
                }
            }
            CheckStatus::L7Status { code, reason } => {
                if reason.is_empty() {
                    format!("{desc}, code: {code}")
                } else {
                    format!("{desc}, code: {code}, info: \"{reason}\"")
                }
            }
            _ => desc.to_string(),
        }
    }
}

/// What bounds a check's duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationKind {
    /// Immediate (refused, plain TCP connect).
    Zero,
    /// A few ms (HTTP answer, TLS handshake): 0..=4 ms, seeded.
    Quick,
    /// The connect bound (`inter`, or min(inter, timeout connect) with `timeout check`) + 0..=1 ms.
    ConnectBound,
    /// The response bound (`inter`, or `timeout check`) + 0..=1 ms.
    ResponseBound,
}

/// What one check meets on the network as it is now (its duration is drawn separately, so a
/// probe can be reused while the network does not change).
pub fn probe(srv: &ServerConf, be: &Backend, net: &dyn Network) -> (CheckStatus, DurationKind) {
    let ip = srv.check_addr.unwrap_or(srv.addr);
    let port = srv.check_port.or(srv.port).unwrap_or(0);
    match net.connect(ip, port) {
        Endpoint::Refused => (CheckStatus::L4Refused, DurationKind::Zero),
        Endpoint::Dropped => (CheckStatus::L4Timeout, DurationKind::ConnectBound),
        Endpoint::Listening(listener) => match (srv.check_ssl, listener) {
            (true, Listener::Http) => (CheckStatus::L6Timeout, DurationKind::ResponseBound),
            (false, _) | (true, Listener::Https) => match &be.httpchk {
                None if srv.check_ssl => (CheckStatus::L6Ok, DurationKind::Quick),
                None => (CheckStatus::L4Ok, DurationKind::Zero),
                // Plain HTTP sent to a TLS port: NGINX answers 400.
                Some(_) if !srv.check_ssl && listener == Listener::Https => (
                    CheckStatus::L7Status {
                        code: 400,
                        reason: "Bad Request".into(),
                    },
                    DurationKind::Quick,
                ),
                Some(chk) => {
                    let reply = net.http(ip, port, &chk.method, &chk.uri);
                    match reply.status {
                        0 => (CheckStatus::L7Timeout, DurationKind::ResponseBound),
                        200..=399 => (
                            CheckStatus::L7Ok {
                                code: reply.status,
                                reason: reply.reason,
                            },
                            DurationKind::Quick,
                        ),
                        code => (
                            CheckStatus::L7Status {
                                code,
                                reason: reply.reason,
                            },
                            DurationKind::Quick,
                        ),
                    }
                }
            },
        },
    }
}

/// Draws a check duration. What bounds a check (process_chk_conn): without `timeout check`,
/// `inter` bounds the whole check; with it, the connect part is bounded by
/// min(inter, timeout connect) and, once connected, the response by `timeout check`.
pub fn draw_duration(
    kind: DurationKind,
    srv: &ServerConf,
    be: &Backend,
    rng: &mut ChaCha8Rng,
) -> Millis {
    let (l4_bound, l7_bound) = match be.timeouts.check {
        None => (srv.inter, srv.inter),
        Some(tc) => (
            be.timeouts.connect.map_or(srv.inter, |c| c.min(srv.inter)),
            tc,
        ),
    };
    match kind {
        DurationKind::Zero => 0,
        DurationKind::Quick => rng.random_range(0..=4u64) as Millis,
        DurationKind::ConnectBound => l4_bound + rng.random_range(0..=1u64) as Millis,
        DurationKind::ResponseBound => l7_bound + rng.random_range(0..=1u64) as Millis,
    }
}

/// Runs one check of `srv` (in `be`) against the network as it is at `now`.
pub fn run_check(
    srv: &ServerConf,
    be: &Backend,
    net: &dyn Network,
    rng: &mut ChaCha8Rng,
    now: Millis,
) -> CheckResult {
    let (status, kind) = probe(srv, be, net);
    CheckResult {
        status,
        duration: draw_duration(kind, srv, be, rng),
        started: now,
        srv_port_443: srv.port == Some(443),
    }
}
