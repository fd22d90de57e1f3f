//! Servers: `server` and `default-server` lines, their parameters and defaults.

use std::net::Ipv4Addr;

use super::keywords::*;
use super::lex::*;
use super::parser::{Kind, P};
use super::suggest::did_you_mean;
use super::*;
use crate::time::parse_haproxy_time;

/// `default-server` parameters (and the server-line defaults).
#[derive(Debug, Clone)]
pub(super) struct ServerParams {
    pub(super) check: bool,
    pub(super) check_port: Option<u16>,
    pub(super) check_addr: Option<Ipv4Addr>,
    pub(super) inter: Millis,
    pub(super) fastinter: Option<Millis>,
    pub(super) downinter: Option<Millis>,
    pub(super) rise: u32,
    pub(super) fall: u32,
    pub(super) weight: u32,
    pub(super) backup: bool,
    pub(super) check_ssl: bool,
    pub(super) disabled: bool,
}

impl Default for ServerParams {
    fn default() -> Self {
        ServerParams {
            check: false,
            check_port: None,
            check_addr: None,
            inter: 2000,
            fastinter: None,
            downinter: None,
            rise: 2,
            fall: 3,
            weight: 1,
            backup: false,
            check_ssl: false,
            disabled: false,
        }
    }
}

impl<'a> P<'a> {
    /// A `server NAME ADDR[:PORT] [params]` or `default-server [params]` line. Every problem is
    /// an alert (and the line is dropped).
    pub(super) fn server(&mut self, line: usize, w: &[String], is_default: bool) {
        let mut params = self.cur().default_server.clone();
        let (name, addr_word, first_param) = if is_default {
            (String::new(), None, 1)
        } else {
            let (Some(name), Some(addr)) = (w.get(1), w.get(2)) else {
                self.alert(
                    line,
                    "'server' expects <name> and <addr>[:<port>] as arguments.",
                );
                return;
            };
            (name.clone(), Some(addr.clone()), 3)
        };
        let who = if is_default {
            "'default-server'".to_string()
        } else {
            format!("'server {name}'")
        };
        let (addr, port) = match &addr_word {
            Some(a) => match self.server_address(line, &who, a) {
                Some(ap) => ap,
                None => return,
            },
            None => (Ipv4Addr::UNSPECIFIED, None),
        };
        if !self.server_params(
            line,
            &who,
            &name,
            &w[first_param.min(w.len())..],
            &mut params,
        ) {
            return;
        }
        if is_default {
            self.cur().default_server = params;
            return;
        }
        self.add_server(line, name, addr, port, params);
    }

    /// A server's `ADDR[:PORT]`: the address resolved, the port if any; `None` once alerted.
    fn server_address(
        &mut self,
        line: usize,
        who: &str,
        a: &str,
    ) -> Option<(Ipv4Addr, Option<u16>)> {
        let mut port = None;
        let (host, p) = split_addr(a);
        if let Some(p) = p {
            if !p.is_empty() {
                match parse_port(p) {
                    Some(n) => port = Some(n),
                    None => {
                        self.alert(line, format!("{who} : invalid port '{p}'"));
                        return None;
                    }
                }
            }
        }
        match resolve_host(host, self.resolve) {
            Some(ip) => Some((ip, port)),
            None => {
                self.alert(line, format!("{who} : could not resolve address '{host}'."));
                None
            }
        }
    }

    /// The parameters after the address (flags like `check`, keywords with an argument like
    /// `inter 2s`), into `params`; false once alerted (a bad value or an unknown keyword).
    fn server_params(
        &mut self,
        line: usize,
        who: &str,
        name: &str,
        w: &[String],
        params: &mut ServerParams,
    ) -> bool {
        let mut i = 0;
        while i < w.len() {
            let k = w[i].as_str();
            if SERVER_FLAGS.contains(&k) {
                match k {
                    "check" => params.check = true,
                    "no-check" => params.check = false,
                    "backup" => params.backup = true,
                    "no-backup" => params.backup = false,
                    "check-ssl" => params.check_ssl = true,
                    "no-check-ssl" => params.check_ssl = false,
                    "disabled" => params.disabled = true,
                    "enabled" => params.disabled = false,
                    _ => {}
                }
                i += 1;
                continue;
            }
            if SERVER_ARGS.contains(&k) {
                let Some(v) = w.get(i + 1) else {
                    self.alert(line, missing_argument(who, k));
                    return false;
                };
                if !self.server_arg(line, who, name, k, v, params) {
                    return false;
                }
                i += 2;
                continue;
            }
            let mut all: Vec<&str> = SERVER_FLAGS.to_vec();
            all.extend_from_slice(SERVER_ARGS);
            let hint = did_you_mean(k, &all);
            let end = if hint.is_empty() { "." } else { "" };
            self.alert(line, format!("{who} unknown keyword '{k}'{hint}{end}"));
            return false;
        }
        true
    }

    /// One keyword with its argument (`inter 2s`, `rise 2`, `weight 10`, `port 8080`,
    /// `addr 10.0.0.1`); false once alerted.
    fn server_arg(
        &mut self,
        line: usize,
        who: &str,
        name: &str,
        k: &str,
        v: &str,
        params: &mut ServerParams,
    ) -> bool {
        match k {
            "inter" | "fastinter" | "downinter" => match parse_haproxy_time(v) {
                Some(0) => {
                    self.alert(line, format!("{who} : '{k}' has to be > 0."));
                    return false;
                }
                Some(ms) => match k {
                    "inter" => params.inter = ms,
                    "fastinter" => params.fastinter = Some(ms),
                    _ => params.downinter = Some(ms),
                },
                None => {
                    let bad = time_error(v);
                    self.alert(
                        line,
                        format!("{who} : unexpected character '{bad}' in '{k}' argument."),
                    );
                    return false;
                }
            },
            "rise" | "fall" => match parse_uint(v) {
                Some(0) | None => {
                    self.alert(line, format!("{who} : '{k}' has to be > 0."));
                    return false;
                }
                Some(n) => {
                    if k == "rise" {
                        params.rise = n
                    } else {
                        params.fall = n
                    }
                }
            },
            "weight" => {
                match parse_uint(v) {
                    Some(n) if n <= 256 => params.weight = n,
                    _ => {
                        self.alert(
                        line,
                        format!("{who} : weight of server {name} is not within 0 and 256 (got '{v}')."),
                    );
                        return false;
                    }
                }
            }
            "port" => match parse_port(v) {
                Some(n) if n > 0 => params.check_port = Some(n),
                _ => {
                    self.alert(line, format!("{who} : invalid port '{v}'."));
                    return false;
                }
            },
            "addr" => match resolve_host(v, self.resolve) {
                Some(ip) => params.check_addr = Some(ip),
                None => {
                    self.alert(line, format!("{who} : could not resolve address '{v}'."));
                    return false;
                }
            },
            _ => {}
        }
        true
    }

    /// Adds a server to the current proxy, unless its name is taken there already.
    fn add_server(
        &mut self,
        line: usize,
        name: String,
        addr: Ipv4Addr,
        port: Option<u16>,
        params: ServerParams,
    ) {
        // kindlab's own limit: said once, at the first server past it
        if self.servers >= super::MAX_SERVERS {
            if self.servers == super::MAX_SERVERS {
                self.alert(
                    line,
                    format!(
                        "'server {name}' : kindlab simulates at most {} servers; this one and those after it are left out.",
                        super::MAX_SERVERS
                    ),
                );
            }
            self.servers += 1;
            return;
        }
        self.servers += 1;
        // Duplicate server name inside the backend.
        let dup = self
            .cur()
            .servers
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.line);
        if let Some(prev) = dup {
            let be = self.cur().name.clone();
            let kind = self.kind().unwrap_or(Kind::Backend);
            let file = self.file;
            self.alert(
                line,
                format!(
                    "{} '{be}' : server name '{name}' already used at {file}:{prev}.",
                    kind.type_str()
                ),
            );
            return;
        }
        let s = ServerConf {
            name,
            line,
            addr,
            port,
            check: params.check,
            check_port: params.check_port,
            check_addr: params.check_addr,
            inter: params.inter,
            fastinter: params.fastinter,
            downinter: params.downinter,
            rise: params.rise,
            fall: params.fall,
            weight: params.weight,
            backup: params.backup,
            check_ssl: params.check_ssl,
            disabled: params.disabled,
        };
        self.cur().servers.push(s);
    }
}

/// The alert for a keyword given without its argument.
fn missing_argument(who: &str, k: &str) -> String {
    match k {
        "inter" | "fastinter" | "downinter" | "slowstart" => {
            format!("{who} : '{k}' expects a positive delay in milliseconds.")
        }
        "rise" | "fall" | "weight" | "maxconn" => {
            format!("{who} : '{k}' expects an integer argument.")
        }
        "port" => format!("{who} : '{k}' expects a valid port number."),
        _ => format!("{who} : '{k}' expects an argument."),
    }
}
