//! Servers' health: the checks as they start (decided from the network at that moment) and
//! end (the health counter, UP/DOWN transitions and their log lines), and the next check's
//! interval.

use super::*;

/// Administrative/operational state of a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerState {
    /// In service: checks pass (or it is not checked).
    Up,
    /// Out of service: its checks failed `fall` times in a row.
    Down,
    /// `disabled` in the configuration: never checked, never used.
    Maint,
}

/// What the last finished check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastCheck {
    /// e.g. `Layer7 check passed, code: 200` (in the engine's log style).
    pub reason: String,
    /// How long the check took.
    pub duration: Millis,
    /// When the check ended.
    pub at: Millis,
    /// The check passed.
    pub passed: bool,
}

impl Haproxy {
    /// `srv_getinter()`: inter at full health, downinter when fully down, fastinter otherwise.
    pub(super) fn getinter(&self, i: usize) -> Millis {
        let s = &self.srvs[i];
        let c = self.conf(i);
        if s.health == c.rise + c.fall - 1 {
            c.inter
        } else if s.state == ServerState::Down && s.health == 0 {
            c.downinter.unwrap_or(c.inter)
        } else {
            c.fastinter.unwrap_or(c.inter)
        }
    }

    /// A check starts at `self.now`; `t` is the end of the current `run_until` call.
    pub(super) fn check_start(&mut self, i: usize, net: &dyn Network, t: Millis) {
        let call = self.call;
        let Haproxy { config, srvs, .. } = self;
        let s = &mut srvs[i];
        let be = &config.backends[s.be];
        let conf = &be.servers[s.idx];
        if !matches!(&s.probe, Some((c, _, _)) if *c == call) {
            let (status, kind) = check::probe(conf, be, net);
            s.probe = Some((call, status, kind));
        }
        let (_, status, kind) = s.probe.as_ref().expect("probe cached");
        let (passed, kind) = (status.passed(), *kind);
        let full = conf.rise + conf.fall - 1;
        let mut start = self.now;
        // A check that cannot change the health counter (success at full health, failure when
        // fully down) prints nothing and changes nothing. While the network does not change
        // (within this call), every following check of this server is the same: run them in
        // a tight loop, stamped with their own times, instead of through the queue.
        // With `option log-health-checks`, a check whose status differs from the previous
        // one is logged even when the health does not move (`status != prev_status`).
        let status_changed = be.log_health_checks
            && s.last.as_ref().is_some_and(|(r, _)| {
                std::mem::discriminant(&r.status) != std::mem::discriminant(status)
            });
        if !status_changed && ((passed && s.health >= full) || (!passed && s.health == 0)) {
            let inter = if passed {
                conf.inter
            } else {
                conf.downinter.unwrap_or(conf.inter)
            };
            loop {
                let d = check::draw_duration(kind, conf, be, &mut s.rng);
                let end = start + d;
                if end > t {
                    // still running when this call ends: finish it through the queue
                    s.pending = Some(CheckResult {
                        status: status.clone(),
                        duration: d,
                        started: start,
                        srv_port_443: conf.port == Some(443),
                    });
                    s.next_check = Some(start);
                    self.schedule(end, i, EvKind::End);
                    return;
                }
                match &mut s.last {
                    Some((r, at)) if r.status == *status => {
                        r.duration = d;
                        r.started = start;
                        *at = end;
                    }
                    last => {
                        *last = Some((
                            CheckResult {
                                status: status.clone(),
                                duration: d,
                                started: start,
                                srv_port_443: conf.port == Some(443),
                            },
                            end,
                        ))
                    }
                }
                start = end + inter;
                if start > t {
                    break;
                }
            }
            s.next_check = Some(start);
            self.schedule(start, i, EvKind::Start);
            return;
        }
        let result = CheckResult {
            status: status.clone(),
            duration: check::draw_duration(kind, conf, be, &mut s.rng),
            started: start,
            srv_port_443: conf.port == Some(443),
        };
        let end = start + result.duration;
        s.pending = Some(result);
        self.schedule(end, i, EvKind::End);
    }

    pub(super) fn counts(&self, bi: usize) -> (u32, u32) {
        let mut act = 0;
        let mut bck = 0;
        for i in self.be_start[bi]..self.be_start[bi + 1] {
            if self.srvs[i].state == ServerState::Up {
                if self.conf(i).backup {
                    bck += 1;
                } else {
                    act += 1;
                }
            }
        }
        (act, bck)
    }

    pub(super) fn check_end(&mut self, i: usize) {
        let now = self.now;
        let Some(result) = self.srvs[i].pending.take() else {
            return;
        };
        let style = self.style;
        let status_changed = self.srvs[i].last.as_ref().is_some_and(|(r, _)| {
            std::mem::discriminant(&r.status) != std::mem::discriminant(&result.status)
        });
        let (rise, fall, backup, name) = {
            let c = self.conf(i);
            (c.rise, c.fall, c.backup, c.name.clone())
        };
        let bi = self.srvs[i].be;
        let be_name = self.config.backends[bi].name.clone();
        let log_hc = self.config.backends[bi].log_health_checks;
        let passed = result.status.passed();
        let reason = result.reason(style);
        // set_server_check_status(): adjust the health counter.
        let mut report = false;
        {
            let s = &mut self.srvs[i];
            if passed {
                if s.health < rise + fall - 1 {
                    report = true;
                    s.health += 1;
                    if s.health >= rise {
                        s.health = rise + fall - 1;
                    }
                }
            } else if s.health > 0 {
                report = true;
                s.health -= 1;
                if s.health < rise {
                    s.health = 0;
                }
            }
        }
        let health = self.srvs[i].health;
        if log_hc && (report || status_changed) {
            let up = health >= rise;
            let msg = format!(
                "Health check for {}server {}/{} {}, reason: {}, check duration: {}ms, status: {}/{} {}.",
                if backup { "backup " } else { "" },
                be_name,
                name,
                if passed { "succeeded" } else { "failed" },
                reason,
                result.duration,
                if up { health - rise + 1 } else { health },
                if up { fall } else { rise },
                if up { "UP" } else { "DOWN" }
            );
            self.print(Severity::Warning, WORKER_PID, now, &msg);
        }
        // check_notify_failure() / check_notify_success(): state changes.
        let state = self.srvs[i].state;
        let who = if backup { "Backup Server" } else { "Server" };
        if !passed && health == 0 && state == ServerState::Up {
            let (before_act, before_bck) = self.counts(bi);
            self.srvs[i].state = ServerState::Down;
            let (act, bck) = self.counts(bi);
            let msg = format!(
                "{who} {be_name}/{name} is DOWN, reason: {reason}, check duration: {}ms. {act} active and {bck} backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                result.duration
            );
            self.print(Severity::Warning, WORKER_PID, now, &msg);
            if before_act + before_bck > 0 && act + bck == 0 {
                let ty = if self
                    .config
                    .frontends
                    .iter()
                    .any(|f| f.name == be_name && f.backend == Some(bi))
                {
                    "proxy"
                } else {
                    "backend"
                };
                self.print(
                    Severity::Alert,
                    WORKER_PID,
                    now,
                    &format!("{ty} '{be_name}' has no server available!"),
                );
            }
        } else if passed && health >= rise && state == ServerState::Down {
            self.srvs[i].state = ServerState::Up;
            let (act, bck) = self.counts(bi);
            let msg = format!(
                "{who} {be_name}/{name} is UP, reason: {reason}, check duration: {}ms. {act} active and {bck} backup servers online. 0 sessions requeued, 0 total in queue.",
                result.duration
            );
            self.print(Severity::Warning, WORKER_PID, now, &msg);
        }
        self.srvs[i].last = Some((result, now));
        // The next check starts `inter` after this one ended.
        let next = now + self.getinter(i);
        self.srvs[i].next_check = Some(next);
        self.schedule(next, i, EvKind::Start);
    }
}
