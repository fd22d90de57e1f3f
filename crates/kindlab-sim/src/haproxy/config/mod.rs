//! `haproxy.cfg` parsing: sections, the keywords kindlab models, HAProxy-style warnings and
//! alerts with `parsing [FILE:LINE]` positions.
//!
//! Messages are reconstructed from HAProxy 2.x's `cfgparse*.c` / `server.c` wording. Keywords real
//! HAProxy knows but kindlab does not model are accepted silently; keywords real HAProxy does not
//! know are fatal (`unknown keyword 'x' in 'backend' section; did you mean 'y' maybe ?`), as in
//! real HAProxy.
//!
//! The parser's parts: [`lex`] splits lines into words and reads addresses, ports and numbers;
//! [`keywords`] lists what HAProxy knows; [`parser`] walks sections and proxy keywords;
//! [`servers`] reads `server` / `default-server` lines; [`validate`] runs the post-parse checks;
//! [`suggest`] finds the "did you mean" candidates.

mod keywords;
mod lex;
mod parser;
mod servers;
mod suggest;
mod validate;

use std::net::Ipv4Addr;

use crate::time::Millis;

use lex::{tokenize, Words};
use parser::{Proxy, Sec, P};

/// Proxy mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `mode tcp`: connections are relayed as they are (the default).
    Tcp,
    /// `mode http`: requests are parsed; HAProxy answers 503 itself when no server is up.
    Http,
}

impl Mode {
    /// The mode as written in the configuration (`tcp`, `http`).
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Tcp => "tcp",
            Mode::Http => "http",
        }
    }
}

/// Load-balancing algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Balance {
    /// Also the default when no `balance` line is given (HAProxy < 3.3).
    RoundRobin,
    /// `static-rr`: round robin with fixed weights.
    StaticRr,
    /// No long-lived sessions in the simulation: behaves like round robin.
    LeastConn,
    /// `first`: the first usable server, in configuration order.
    First,
    /// Hash of the client address.
    Source,
    /// `random`: a random server (drawn from the engine's seeded generator).
    Random,
    /// `uri`, `url_param`, `hdr(...)`, `rdp-cookie`, `hash`: a fixed hash of the request.
    Hash,
}

/// `option httpchk [METHOD] [URI] [VERSION]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpChk {
    /// The request method (`OPTIONS` by default).
    pub method: String,
    /// The URI checked (`/` by default).
    pub uri: String,
    /// The HTTP version sent (`HTTP/1.0` by default).
    pub version: String,
}

/// One `bind` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bind {
    /// `None` for `*`, `:port` or `0.0.0.0`.
    pub addr: Option<Ipv4Addr>,
    /// The port bound.
    pub port: u16,
}

/// The per-proxy timeouts (ms; `None` = not set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timeouts {
    /// `timeout connect`.
    pub connect: Option<Millis>,
    /// `timeout client`.
    pub client: Option<Millis>,
    /// `timeout server`.
    pub server: Option<Millis>,
    /// `timeout check`.
    pub check: Option<Millis>,
}

/// A `server` line (after `default-server` and defaults are applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConf {
    /// The server's name, unique in its backend.
    pub name: String,
    /// Line number in the configuration file.
    pub line: usize,
    /// Its address (resolved; `$VAR`s expanded).
    pub addr: Ipv4Addr,
    /// `None` when the address has no port (traffic keeps the client's destination port).
    pub port: Option<u16>,
    /// `check` given (and not cancelled by `no-check`).
    pub check: bool,
    /// `port N`: checks go to this port instead of `port`.
    pub check_port: Option<u16>,
    /// `addr IP`: checks go to this address instead of `addr`.
    pub check_addr: Option<Ipv4Addr>,
    /// `inter`: the interval between checks at full health (2 s by default).
    pub inter: Millis,
    /// `fastinter`: the interval while the health is changing (`inter` when not set).
    pub fastinter: Option<Millis>,
    /// `downinter`: the interval while fully DOWN (`inter` when not set).
    pub downinter: Option<Millis>,
    /// `rise`: consecutive successful checks to go UP (2 by default).
    pub rise: u32,
    /// `fall`: consecutive failed checks to go DOWN (3 by default).
    pub fall: u32,
    /// `weight` (0 to 256; 0: never chosen; 1 by default).
    pub weight: u32,
    /// `backup`: used only when no active server is UP.
    pub backup: bool,
    /// `check-ssl`: checks speak TLS.
    pub check_ssl: bool,
    /// `disabled`: in maintenance from the start (never checked, never used).
    pub disabled: bool,
}

/// A frontend (or the front half of a `listen` section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frontend {
    /// The proxy's name.
    pub name: String,
    /// The line of its section header.
    pub line: usize,
    /// Its mode.
    pub mode: Mode,
    /// The addresses it binds.
    pub binds: Vec<Bind>,
    /// Where traffic goes: the first unconditional `use_backend`, else `default_backend`
    /// (a `listen` section uses its own servers). Index into [`Config::backends`].
    pub backend: Option<usize>,
}

/// A backend (or the back half of a `listen` section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    /// The proxy's name.
    pub name: String,
    /// The line of its section header.
    pub line: usize,
    /// Its mode.
    pub mode: Mode,
    /// Its load-balancing algorithm.
    pub balance: Balance,
    /// Its timeouts (the `defaults` section's, then its own).
    pub timeouts: Timeouts,
    /// `option httpchk`: checks are HTTP requests (else TCP connects).
    pub httpchk: Option<HttpChk>,
    /// `option log-health-checks`: checks that move the health or change status are logged.
    pub log_health_checks: bool,
    /// `option allbackups`: all UP backup servers are used, not only the first.
    pub allbackups: bool,
    /// Its servers, in configuration order.
    pub servers: Vec<ServerConf>,
}

/// Severity of a configuration message (console label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// `[NOTICE]`.
    Notice,
    /// `[WARNING]`.
    Warning,
    /// `[ALERT]`.
    Alert,
}

/// One message of the configuration parser, without the console prefix. `text` may contain
/// `\n` followed by continuation lines (`   | ...`), printed without a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigMessage {
    /// How severe it is (the console label).
    pub severity: Severity,
    /// The message (may hold `
    ///    | ...` continuation lines).
    pub text: String,
}

impl ConfigMessage {
    /// The message as the given HAProxy generation prints it (without the console prefix):
    /// HAProxy 2.4+ (the current style) puts `config : ` before the parser's messages and the
    /// `Error(s) found` / `Fatal errors found` trailers; the chapter's HAProxy (< 2.4) only
    /// before the post-parse checks, which carry it in `text` already.
    pub fn text_for(&self, style: super::LogStyle) -> String {
        let t = &self.text;
        let parser = t.starts_with("parsing [")
            || t.starts_with("Parsing [")
            || t.starts_with("Error(s) found")
            || t.starts_with("Fatal errors found");
        match style {
            super::LogStyle::Current if parser => format!("config : {t}"),
            super::LogStyle::Current => t.clone(),
            // "did you mean" suggestions arrived with HAProxy 2.4.
            super::LogStyle::Chapter => match t.find("; did you mean '") {
                Some(i) => {
                    let rest = &t[i..];
                    let end = rest
                        .find(" maybe ?")
                        .map_or(rest.len(), |j| j + " maybe ?".len());
                    format!("{}{}", &t[..i], &rest[end..])
                }
                None => t.clone(),
            },
        }
    }
}

/// A parsed, valid configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file as given to `-f` (`/usr/local/etc/haproxy/haproxy.cfg`).
    pub file: String,
    /// The frontends (and listen sections), in configuration order.
    pub frontends: Vec<Frontend>,
    /// The backends (and listen sections), in configuration order.
    pub backends: Vec<Backend>,
    /// Non-fatal messages (warnings), printed by `Haproxy::start` before the start-up notices.
    pub warnings: Vec<ConfigMessage>,
}

impl Config {
    /// The backend (or listen section) named `name`.
    pub fn backend(&self, name: &str) -> Option<&Backend> {
        self.backends.iter().find(|b| b.name == name)
    }
}

/// What `parse_config` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseReport {
    /// All messages in the order HAProxy prints them (warnings and alerts interleaved,
    /// trailers such as `Fatal errors found in configuration.` included).
    pub messages: Vec<ConfigMessage>,
    /// `Err(alerts)` when HAProxy would refuse to start (the container exits with status 1).
    pub result: Result<Config, Vec<String>>,
}

impl ParseReport {
    /// HAProxy would start with this configuration.
    pub fn is_ok(&self) -> bool {
        self.result.is_ok()
    }
    /// Texts of the warnings, in order.
    pub fn warnings(&self) -> Vec<&str> {
        self.messages
            .iter()
            .filter(|m| m.severity == Severity::Warning)
            .map(|m| m.text.as_str())
            .collect()
    }
    /// Texts of the alerts, in order (trailers included).
    pub fn alerts(&self) -> Vec<&str> {
        self.messages
            .iter()
            .filter(|m| m.severity == Severity::Alert)
            .map(|m| m.text.as_str())
            .collect()
    }
}

/// The most servers a configuration may declare in kindlab's simulator (HAProxy has no such
/// limit; every server's checks are simulated, and a config of thousands would take seconds to
/// read and to run).
pub const MAX_SERVERS: usize = 2048;

/// Parses a configuration. `file` is the name used in messages (e.g.
/// `/usr/local/etc/haproxy/haproxy.cfg`); `vars` resolves `$name` / `${name}`.
/// Addresses must be IPv4 literals (or `localhost`); see [`parse_config_with_resolver`].
pub fn parse_config(file: &str, text: &str, vars: &dyn Fn(&str) -> Option<String>) -> ParseReport {
    parse_config_with_resolver(file, text, vars, &|_| None)
}

/// Like [`parse_config`], with a resolver for host names in server addresses (docker's
/// embedded DNS resolves container names on user-defined networks).
pub fn parse_config_with_resolver(
    file: &str,
    text: &str,
    vars: &dyn Fn(&str) -> Option<String>,
    resolve: &dyn Fn(&str) -> Option<Ipv4Addr>,
) -> ParseReport {
    let mut p = P {
        file,
        messages: Vec::new(),
        fatal: false,
        parse_errors: false,
        defaults: Proxy::builtin_defaults(),
        proxies: Vec::new(),
        section: Sec::None,
        resolve,
        servers: 0,
    };
    for (idx, raw) in text.lines().enumerate() {
        let line = idx + 1;
        let Words { words, unresolved } = tokenize(raw, vars);
        let _ = unresolved; // unresolved variables stay literal; the keyword then fails to parse
        if words.is_empty() {
            continue;
        }
        p.line(line, &words);
    }
    p.finish()
}
