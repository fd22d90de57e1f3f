//! Validation: the post-parse checks (backends used, modes compatible, servers present) and
//! the trailers HAProxy prints before refusing to start.

use super::parser::{Kind, Proxy, P};
use super::*;

impl<'a> P<'a> {
    /// Ends the parse: backends and frontends resolved (with their alerts), the post-parse
    /// warnings, the trailers, and the verdict.
    pub(super) fn finish(mut self) -> ParseReport {
        if self.parse_errors {
            let f = self.file;
            self.messages.push(ConfigMessage {
                severity: Severity::Alert,
                text: format!("Error(s) found in configuration file : {f}"),
            });
        }
        let proxies = std::mem::take(&mut self.proxies);
        let (mut backends, be_index_of_proxy) = backends_of(&proxies);
        let mut frontends = Vec::new();
        for (pi, p) in proxies.iter().enumerate() {
            if p.kind.fe() {
                frontends.push(self.frontend(p, be_index_of_proxy[pi], &backends));
            }
        }
        // Post-parse warnings, proxy by proxy, as check_config_validity() emits them.
        for p in &proxies {
            self.post_parse_warnings(p);
        }
        disable_portless_checks(&mut backends);
        if self.fatal {
            self.messages.push(ConfigMessage {
                severity: Severity::Alert,
                text: "Fatal errors found in configuration.".into(),
            });
        } else if !frontends.iter().any(|f| !f.binds.is_empty()) {
            self.messages.push(ConfigMessage {
                severity: Severity::Alert,
                text: "[haproxy.main()] No enabled listener found (check for 'bind' directives) ! Exiting.".into(),
            });
            self.fatal = true;
        }
        let result = if self.fatal {
            Err(self
                .messages
                .iter()
                .filter(|m| m.severity == Severity::Alert)
                .map(|m| m.text.clone())
                .collect())
        } else {
            Ok(Config {
                file: self.file.to_string(),
                frontends,
                backends,
                warnings: self.messages.clone(),
            })
        };
        ParseReport {
            messages: self.messages,
            result,
        }
    }

    /// A frontend (or a listen section's front), its backend chosen: the first unconditional
    /// `use_backend`, else `default_backend`, else (listen) its own; a missing backend or an
    /// incompatible mode is an alert.
    fn frontend(&mut self, p: &Proxy, own: Option<usize>, backends: &[Backend]) -> Frontend {
        let find_be = |name: &str| backends.iter().position(|b| b.name == name);
        let mut target: Option<usize> = None;
        for (name, _line) in &p.use_backends {
            let (conditional, name) = match name.strip_prefix('\u{0}') {
                Some(n) => (true, n),
                None => (false, name.as_str()),
            };
            match find_be(name) {
                Some(bi) => {
                    if !conditional && target.is_none() {
                        target = Some(bi);
                    }
                    self.check_mode_compat(p, &backends[bi], "in a 'use_backend' rule");
                }
                None => {
                    self.config_alert(format!(
                        "Proxy '{}': unable to find required use_backend: '{}'.",
                        p.name, name
                    ));
                }
            }
        }
        if let Some((name, _line)) = &p.default_backend {
            match find_be(name) {
                Some(bi) => {
                    if target.is_none() {
                        target = Some(bi);
                    }
                    self.check_mode_compat(p, &backends[bi], "as its default backend");
                }
                None => {
                    self.config_alert(format!(
                        "Proxy '{}': unable to find required default_backend: '{}'.",
                        p.name, name
                    ));
                }
            }
        }
        if target.is_none() && p.kind == Kind::Listen {
            target = own;
        }
        Frontend {
            name: p.name.clone(),
            line: p.line,
            mode: p.mode,
            binds: p.binds.clone(),
            backend: target,
        }
    }

    /// One proxy's post-parse warnings: no `bind`, http options in tcp mode, missing timeouts,
    /// checked servers with no port to check.
    fn post_parse_warnings(&mut self, p: &Proxy) {
        if p.kind.fe() && p.binds.is_empty() {
            self.config_warn(format!(
                "{} '{}' has no 'bind' directive. Please declare it as a backend if this was intended.",
                p.kind.type_str(),
                p.name
            ));
        }
        if let (Some(_), Mode::Tcp) = (p.httplog_line, p.mode) {
            self.config_warn(format!(
                "'option httplog' not usable with {} '{}' (needs 'mode http'). Falling back to 'option tcplog'.",
                p.kind.type_str(),
                p.name
            ));
        }
        if p.mode == Mode::Tcp {
            for opt in &p.http_options {
                self.config_warn(format!(
                    "'option {opt}' ignored for {} '{}' as it requires HTTP mode.",
                    p.kind.type_str(),
                    p.name
                ));
            }
        }
        let missing_fe = p.kind.fe() && p.timeouts.client.is_none();
        let missing_be =
            p.kind.be() && (p.timeouts.connect.is_none() || p.timeouts.server.is_none());
        if missing_fe || missing_be {
            self.config_warn(format!(
                "missing timeouts for {} '{}'.\n   | While not properly invalid, you will certainly encounter various problems\n   | with such a configuration. To fix this, please ensure that all following\n   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.",
                p.kind.type_str(),
                p.name
            ));
        }
        if p.kind.be() {
            for s in &p.servers {
                if s.check && !s.disabled && s.port.is_none() && s.check_port.is_none() {
                    self.config_warn(format!(
                        "{} '{}': server '{}' has neither service port nor check port. Check has been disabled.",
                        p.kind.type_str(),
                        p.name,
                        s.name
                    ));
                }
            }
        }
    }

    pub(super) fn check_mode_compat(&mut self, fe: &Proxy, be: &Backend, how: &str) {
        // A tcp frontend may switch to an http backend (the stream is upgraded); an http
        // frontend cannot use a tcp backend.
        if fe.mode == Mode::Http && be.mode == Mode::Tcp && fe.name != be.name {
            self.config_alert(format!(
                "{} '{}' ({}:{}) tries to use incompatible backend '{}' ({}:{}) {} (see 'mode').",
                fe.kind.type_str(),
                fe.name,
                self.file,
                fe.line,
                be.name,
                self.file,
                be.line,
                how
            ));
        }
    }
}

/// The backends, in configuration order (a listen section is both a frontend and a backend),
/// and each proxy's backend index.
fn backends_of(proxies: &[Proxy]) -> (Vec<Backend>, Vec<Option<usize>>) {
    let mut backends: Vec<Backend> = Vec::new();
    let mut be_index_of_proxy: Vec<Option<usize>> = Vec::new();
    for p in proxies {
        if p.kind.be() {
            be_index_of_proxy.push(Some(backends.len()));
            backends.push(Backend {
                name: p.name.clone(),
                line: p.line,
                mode: p.mode,
                balance: p.balance,
                timeouts: p.timeouts,
                httpchk: p.httpchk.clone(),
                log_health_checks: p.log_health_checks,
                allbackups: p.allbackups,
                servers: p.servers.clone(),
            });
        } else {
            be_index_of_proxy.push(None);
        }
    }
    (backends, be_index_of_proxy)
}

/// Servers without any port cannot be checked.
fn disable_portless_checks(backends: &mut [Backend]) {
    for b in backends {
        for s in &mut b.servers {
            if s.port.is_none() && s.check_port.is_none() {
                s.check = false;
            }
        }
    }
}
