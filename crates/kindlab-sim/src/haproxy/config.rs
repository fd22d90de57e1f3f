//! `haproxy.cfg` parsing: sections, the keywords kindlab models, HAProxy-style warnings and
//! alerts with `parsing [FILE:LINE]` positions.
//!
//! Messages are reconstructed from HAProxy 2.x's `cfgparse*.c` / `server.c` wording. Keywords real
//! HAProxy knows but kindlab does not model are accepted silently; keywords real HAProxy does not
//! know are fatal (`unknown keyword 'x' in 'backend' section; did you mean 'y' maybe ?`), as in
//! real HAProxy.

use std::net::Ipv4Addr;

use crate::time::{parse_haproxy_time, Millis};

/// Proxy mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Tcp,
    Http,
}

impl Mode {
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
    StaticRr,
    /// No long-lived sessions in the simulation: behaves like round robin.
    LeastConn,
    First,
    /// Hash of the client address.
    Source,
    Random,
    /// `uri`, `url_param`, `hdr(...)`, `rdp-cookie`, `hash`: a fixed hash of the request.
    Hash,
}

/// `option httpchk [METHOD] [URI] [VERSION]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpChk {
    pub method: String,
    pub uri: String,
    pub version: String,
}

/// One `bind` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bind {
    /// `None` for `*`, `:port` or `0.0.0.0`.
    pub addr: Option<Ipv4Addr>,
    pub port: u16,
}

/// The per-proxy timeouts (ms; `None` = not set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timeouts {
    pub connect: Option<Millis>,
    pub client: Option<Millis>,
    pub server: Option<Millis>,
    pub check: Option<Millis>,
}

/// A `server` line (after `default-server` and defaults are applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConf {
    pub name: String,
    /// Line number in the configuration file.
    pub line: usize,
    pub addr: Ipv4Addr,
    /// `None` when the address has no port (traffic keeps the client's destination port).
    pub port: Option<u16>,
    /// `check` given (and not cancelled by `no-check`).
    pub check: bool,
    /// `port N`: checks go to this port instead of `port`.
    pub check_port: Option<u16>,
    /// `addr IP`: checks go to this address instead of `addr`.
    pub check_addr: Option<Ipv4Addr>,
    pub inter: Millis,
    pub fastinter: Option<Millis>,
    pub downinter: Option<Millis>,
    pub rise: u32,
    pub fall: u32,
    pub weight: u32,
    pub backup: bool,
    pub check_ssl: bool,
    pub disabled: bool,
}

/// A frontend (or the front half of a `listen` section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frontend {
    pub name: String,
    pub line: usize,
    pub mode: Mode,
    pub binds: Vec<Bind>,
    /// Where traffic goes: the first unconditional `use_backend`, else `default_backend`
    /// (a `listen` section uses its own servers). Index into [`Config::backends`].
    pub backend: Option<usize>,
}

/// A backend (or the back half of a `listen` section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    pub name: String,
    pub line: usize,
    pub mode: Mode,
    pub balance: Balance,
    pub timeouts: Timeouts,
    pub httpchk: Option<HttpChk>,
    pub log_health_checks: bool,
    pub allbackups: bool,
    pub servers: Vec<ServerConf>,
}

/// Severity of a configuration message (console label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Notice,
    Warning,
    Alert,
}

/// One message of the configuration parser, without the console prefix. `text` may contain
/// `\n` followed by continuation lines (`   | ...`), printed without a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigMessage {
    pub severity: Severity,
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
    pub file: String,
    pub frontends: Vec<Frontend>,
    pub backends: Vec<Backend>,
    /// Non-fatal messages (warnings), printed by `Haproxy::start` before the start-up notices.
    pub warnings: Vec<ConfigMessage>,
}

impl Config {
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

// ---------------------------------------------------------------------------------------------
// Tokenizer

struct Words {
    words: Vec<String>,
    /// Variables that could not be resolved (kept literally in the words).
    unresolved: Vec<String>,
}

fn is_var_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Splits a line like HAProxy does: blanks separate words, `#` starts a comment, double quotes
/// group and expand variables, single quotes group without expansion, `\` escapes.
/// `$name` and `${name}` are resolved through `vars` (outside single quotes).
fn tokenize(line: &str, vars: &dyn Fn(&str) -> Option<String>) -> Words {
    let mut words = Vec::new();
    let mut unresolved = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some('\'') => {
                if c == '\'' {
                    quote = None;
                } else {
                    cur.push(c);
                }
                i += 1;
                continue;
            }
            Some(_) if c == '"' => {
                quote = None;
                i += 1;
                continue;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
                i += 1;
                continue;
            }
            None if c == '#' => break,
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        if c == '\\' && i + 1 < chars.len() {
            cur.push(chars[i + 1]);
            in_word = true;
            i += 2;
            continue;
        }
        if c == '$' {
            // ${name} or $name
            let (name, end) = if i + 1 < chars.len() && chars[i + 1] == '{' {
                match chars[i + 2..].iter().position(|&c| c == '}') {
                    Some(p) => (
                        chars[i + 2..i + 2 + p].iter().collect::<String>(),
                        i + 3 + p,
                    ),
                    None => (String::new(), i),
                }
            } else {
                let mut j = i + 1;
                while j < chars.len() && is_var_char(chars[j]) {
                    j += 1;
                }
                (chars[i + 1..j].iter().collect::<String>(), j)
            };
            if !name.is_empty() && end > i {
                match vars(&name) {
                    Some(v) => cur.push_str(&v),
                    None => {
                        cur.extend(&chars[i..end]);
                        unresolved.push(name);
                    }
                }
                in_word = true;
                i = end;
                continue;
            }
        }
        cur.push(c);
        in_word = true;
        i += 1;
    }
    if in_word {
        words.push(cur);
    }
    Words { words, unresolved }
}

// ---------------------------------------------------------------------------------------------
// Keyword tables

const SECTIONS: &[&str] = &[
    "global",
    "defaults",
    "frontend",
    "backend",
    "listen",
    "resolvers",
    "peers",
    "userlist",
    "mailers",
    "program",
    "http-errors",
    "cache",
    "ring",
    "log-forward",
];

const GLOBAL_KEYWORDS: &[&str] = &[
    "daemon",
    "maxconn",
    "user",
    "group",
    "uid",
    "gid",
    "chroot",
    "pidfile",
    "stats",
    "log",
    "log-tag",
    "log-send-hostname",
    "nbproc",
    "nbthread",
    "cpu-map",
    "master-worker",
    "spread-checks",
    "max-spread-checks",
    "ca-base",
    "crt-base",
    "node",
    "description",
    "hard-stop-after",
    "external-check",
    "insecure-fork-wanted",
    "lua-load",
    "setenv",
    "presetenv",
    "unsetenv",
    "resetenv",
    "quiet",
    "debug",
    "noepoll",
    "nopoll",
    "localpeer",
    "server-state-file",
    "server-state-base",
    "h1-case-adjust",
    "expose-experimental-directives",
    "zero-warning",
    "maxsslconn",
    "maxconnrate",
    "maxsessrate",
    "maxpipes",
    "ulimit-n",
    "busy-polling",
    "set-dumpable",
    "strict-limits",
    "profiling.tasks",
    "httpclient.resolvers.prefer",
    "default-path",
    "numa-cpu-mapping",
    "grace",
];

const PROXY_KEYWORDS: &[&str] = &[
    // modelled
    "mode",
    "bind",
    "use_backend",
    "default_backend",
    "balance",
    "timeout",
    "option",
    "no",
    "server",
    "default-server",
    "log",
    // accepted, not modelled
    "acl",
    "http-request",
    "http-response",
    "http-after-response",
    "http-check",
    "tcp-request",
    "tcp-response",
    "tcp-check",
    "maxconn",
    "retries",
    "retry-on",
    "redirect",
    "capture",
    "stick-table",
    "stick",
    "hash-type",
    "hash-balance-factor",
    "cookie",
    "compression",
    "errorfile",
    "errorfiles",
    "errorloc",
    "errorloc302",
    "errorloc303",
    "http-error",
    "monitor-uri",
    "monitor",
    "fullconn",
    "description",
    "id",
    "enabled",
    "disabled",
    "log-format",
    "log-format-sd",
    "log-tag",
    "unique-id-format",
    "unique-id-header",
    "rate-limit",
    "email-alert",
    "force-persist",
    "ignore-persist",
    "persist",
    "source",
    "filter",
    "http-reuse",
    "http-send-name-header",
    "load-server-state-from-file",
    "server-state-file-name",
    "stats",
    "use-server",
    "declare",
    "max-keep-alive-queue",
    "server-template",
    "external-check",
    "dynamic-cookie-key",
    "error-log-format",
    "guid",
];

/// Options HAProxy knows; kindlab models `httpchk`, `log-health-checks`, `allbackups`.
const OPTIONS: &[&str] = &[
    "httpchk",
    "log-health-checks",
    "allbackups",
    "httplog",
    "tcplog",
    "dontlognull",
    "dontlog-normal",
    "forwardfor",
    "http-server-close",
    "httpclose",
    "forceclose",
    "redispatch",
    "abortonclose",
    "http-keep-alive",
    "tcpka",
    "clitcpka",
    "srvtcpka",
    "log-separate-errors",
    "logasap",
    "splice-auto",
    "splice-request",
    "splice-response",
    "ssl-hello-chk",
    "tcp-check",
    "mysql-check",
    "pgsql-check",
    "redis-check",
    "smtpchk",
    "ldap-check",
    "spop-check",
    "external-check",
    "independent-streams",
    "http-buffer-request",
    "http-use-htx",
    "prefer-last-server",
    "persist",
    "socket-stats",
    "transparent",
    "checkcache",
    "contstats",
    "http-pretend-keepalive",
    "http-no-delay",
    "http-ignore-probes",
    "nolinger",
    "originalto",
    "accept-invalid-http-request",
    "accept-invalid-http-response",
    "h1-case-adjust-bogus-client",
    "h1-case-adjust-bogus-server",
    "disable-h2-upgrade",
    "http-restrict-req-hdr-names",
    "idle-close-on-response",
    "tcp-smart-accept",
    "tcp-smart-connect",
    "http-drop-request-trailers",
    "http-drop-response-trailers",
];

const TIMEOUTS: &[&str] = &[
    "client",
    "server",
    "connect",
    "check",
    "queue",
    "http-request",
    "http-keep-alive",
    "tunnel",
    "tarpit",
    "client-fin",
    "server-fin",
    "client-hs",
];

/// Server keywords without argument.
const SERVER_FLAGS: &[&str] = &[
    "check",
    "no-check",
    "backup",
    "no-backup",
    "check-ssl",
    "no-check-ssl",
    "disabled",
    "enabled",
    "ssl",
    "no-ssl",
    "send-proxy",
    "send-proxy-v2",
    "send-proxy-v2-ssl",
    "send-proxy-v2-ssl-cn",
    "no-send-proxy",
    "check-send-proxy",
    "non-stick",
    "stick",
    "no-tls-tickets",
    "tls-tickets",
    "allow-0rtt",
    "tfo",
    "agent-check",
    "no-agent-check",
    "force-sslv3",
    "force-tlsv10",
    "force-tlsv11",
    "force-tlsv12",
    "force-tlsv13",
    "no-sslv3",
    "no-tlsv10",
    "no-tlsv11",
    "no-tlsv12",
    "no-tlsv13",
    "ssl-reuse",
    "no-ssl-reuse",
    "check-via-socks4",
    "no-verifyhost",
];

/// Server keywords taking one argument.
const SERVER_ARGS: &[&str] = &[
    "port",
    "addr",
    "inter",
    "fastinter",
    "downinter",
    "rise",
    "fall",
    "weight",
    "maxconn",
    "minconn",
    "maxqueue",
    "slowstart",
    "cookie",
    "id",
    "observe",
    "on-error",
    "on-marked-down",
    "on-marked-up",
    "error-limit",
    "redir",
    "source",
    "resolvers",
    "resolve-prefer",
    "resolve-net",
    "resolve-opts",
    "init-addr",
    "agent-port",
    "agent-inter",
    "agent-addr",
    "agent-send",
    "track",
    "pool-max-conn",
    "pool-low-conn",
    "pool-purge-delay",
    "max-reuse",
    "namespace",
    "ws",
    "shard",
    "tcp-ut",
    "ciphers",
    "ciphersuites",
    "crl-file",
    "ca-file",
    "crt",
    "sni",
    "check-sni",
    "verify",
    "verifyhost",
    "alpn",
    "check-alpn",
    "proto",
    "check-proto",
    "npn",
    "socks4",
    "log-proto",
    "ssl-min-ver",
    "ssl-max-ver",
    "curves",
    "sigalgs",
    "client-sigalgs",
    "set-proxy-v2-tlv-fmt",
    "proxy-v2-options",
    "hash-key",
    "guid",
];

// ---------------------------------------------------------------------------------------------
// Suggestions ("did you mean 'x' maybe ?")

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    match suggest(word, candidates) {
        Some(s) => format!("; did you mean '{s}' maybe ?"),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Parser state

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Defaults,
    Frontend,
    Backend,
    Listen,
}

impl Kind {
    fn section(self) -> &'static str {
        match self {
            Kind::Defaults => "defaults",
            Kind::Frontend => "frontend",
            Kind::Backend => "backend",
            Kind::Listen => "listen",
        }
    }
    /// `proxy_type_str()`: what HAProxy calls this proxy in messages.
    fn type_str(self) -> &'static str {
        match self {
            Kind::Defaults => "defaults",
            Kind::Frontend => "frontend",
            Kind::Backend => "backend",
            Kind::Listen => "proxy",
        }
    }
    fn fe(self) -> bool {
        matches!(self, Kind::Frontend | Kind::Listen | Kind::Defaults)
    }
    fn be(self) -> bool {
        matches!(self, Kind::Backend | Kind::Listen | Kind::Defaults)
    }
}

/// `default-server` parameters (and the server-line defaults).
#[derive(Debug, Clone)]
struct ServerParams {
    check: bool,
    check_port: Option<u16>,
    check_addr: Option<Ipv4Addr>,
    inter: Millis,
    fastinter: Option<Millis>,
    downinter: Option<Millis>,
    rise: u32,
    fall: u32,
    weight: u32,
    backup: bool,
    check_ssl: bool,
    disabled: bool,
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

#[derive(Debug, Clone)]
struct Proxy {
    kind: Kind,
    name: String,
    line: usize,
    mode: Mode,
    binds: Vec<Bind>,
    /// (backend name, line) of unconditional `use_backend` rules.
    use_backends: Vec<(String, usize)>,
    default_backend: Option<(String, usize)>,
    balance: Balance,
    timeouts: Timeouts,
    httpchk: Option<HttpChk>,
    log_health_checks: bool,
    allbackups: bool,
    httplog_line: Option<usize>,
    /// HTTP-only options set (`forwardfor`, `http-server-close`, ...), warned about in tcp mode.
    http_options: Vec<&'static str>,
    default_server: ServerParams,
    servers: Vec<ServerConf>,
}

impl Proxy {
    fn new(kind: Kind, name: String, line: usize, defaults: &Proxy) -> Proxy {
        Proxy {
            kind,
            name,
            line,
            binds: Vec::new(),
            use_backends: Vec::new(),
            default_backend: if kind == Kind::Backend {
                None
            } else {
                defaults.default_backend.clone()
            },
            servers: Vec::new(),
            ..defaults.clone()
        }
    }
    fn builtin_defaults() -> Proxy {
        Proxy {
            kind: Kind::Defaults,
            name: String::new(),
            line: 0,
            mode: Mode::Tcp,
            binds: Vec::new(),
            use_backends: Vec::new(),
            default_backend: None,
            balance: Balance::RoundRobin,
            timeouts: Timeouts::default(),
            httpchk: None,
            log_health_checks: false,
            allbackups: false,
            httplog_line: None,
            http_options: Vec::new(),
            default_server: ServerParams::default(),
            servers: Vec::new(),
        }
    }
}

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

#[derive(Clone, Copy)]
enum Sec {
    None,
    Global,
    Ignored,
    Proxy(Kind),
}

struct P<'a> {
    file: &'a str,
    messages: Vec<ConfigMessage>,
    fatal: bool,
    parse_errors: bool,
    defaults: Proxy,
    proxies: Vec<Proxy>,
    section: Sec,
    resolve: &'a dyn Fn(&str) -> Option<Ipv4Addr>,
}

/// Parses `ADDR[:PORT]` for `server` / `bind`. Returns (addr or None for wildcard, port).
enum AddrErr {
    MissingPort,
    BadPort(String),
    BadAddr(String),
}

fn split_addr(s: &str) -> (&str, Option<&str>) {
    match s.rfind(':') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    }
}

fn parse_port(s: &str) -> Option<u16> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>()
        .ok()
        .filter(|&n| n <= 65535)
        .map(|n| n as u16)
}

fn parse_uint(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// HAProxy's `parse_time_err` wording: the first unexpected character.
fn time_error(s: &str) -> String {
    let bad = s
        .chars()
        .find(|c| !c.is_ascii_digit())
        .map(|c| c.to_string())
        .unwrap_or_default();
    bad
}

impl<'a> P<'a> {
    fn warn(&mut self, line: usize, msg: impl AsRef<str>) {
        self.messages.push(ConfigMessage {
            severity: Severity::Warning,
            text: format!("parsing [{}:{}] : {}", self.file, line, msg.as_ref()),
        });
    }
    fn alert(&mut self, line: usize, msg: impl AsRef<str>) {
        self.messages.push(ConfigMessage {
            severity: Severity::Alert,
            text: format!("parsing [{}:{}] : {}", self.file, line, msg.as_ref()),
        });
        self.fatal = true;
        self.parse_errors = true;
    }
    fn config_warn(&mut self, msg: impl AsRef<str>) {
        self.messages.push(ConfigMessage {
            severity: Severity::Warning,
            text: format!("config : {}", msg.as_ref()),
        });
    }
    fn config_alert(&mut self, msg: impl AsRef<str>) {
        self.messages.push(ConfigMessage {
            severity: Severity::Alert,
            text: format!("config : {}", msg.as_ref()),
        });
        self.fatal = true;
    }

    fn kind(&self) -> Option<Kind> {
        match self.section {
            Sec::Proxy(k) => Some(k),
            _ => None,
        }
    }

    fn cur(&mut self) -> &mut Proxy {
        match self.section {
            Sec::Proxy(Kind::Defaults) => &mut self.defaults,
            _ => self.proxies.last_mut().expect("proxy section"),
        }
    }

    /// `warnifnotcap()`: returns true (and warns) when the keyword needs a capability the
    /// current proxy lacks.
    fn lacks_cap(&mut self, line: usize, kw: &str, need_fe: bool) -> bool {
        let kind = self.kind().unwrap_or(Kind::Defaults);
        let ok = if need_fe { kind.fe() } else { kind.be() };
        if !ok {
            let name = self.cur().name.clone();
            self.warn(
                line,
                format!(
                    "'{kw}' ignored because {} '{name}' has no {} capability.",
                    kind.type_str(),
                    if need_fe { "frontend" } else { "backend" }
                ),
            );
        }
        !ok
    }

    fn line(&mut self, line: usize, w: &[String]) {
        let kw = w[0].as_str();
        if SECTIONS.contains(&kw) {
            self.open_section(line, w);
            return;
        }
        match self.section {
            Sec::None => {
                self.alert(line, format!("unknown keyword '{kw}' out of section."));
            }
            Sec::Ignored => {}
            Sec::Global => {
                if GLOBAL_KEYWORDS.contains(&kw)
                    || kw.starts_with("tune.")
                    || kw.starts_with("ssl-")
                    || kw.starts_with("stats")
                    || kw.starts_with("lua-")
                    || kw.starts_with("h2-")
                {
                    return;
                }
                let hint = did_you_mean(kw, GLOBAL_KEYWORDS);
                self.alert(
                    line,
                    format!("unknown keyword '{kw}' in 'global' section{hint}"),
                );
            }
            Sec::Proxy(kind) => self.proxy_line(kind, line, w),
        }
    }

    fn open_section(&mut self, line: usize, w: &[String]) {
        let kw = w[0].as_str();
        let kind = match kw {
            "global" => {
                self.section = Sec::Global;
                return;
            }
            "defaults" => Kind::Defaults,
            "frontend" => Kind::Frontend,
            "backend" => Kind::Backend,
            "listen" => Kind::Listen,
            _ => {
                self.section = Sec::Ignored;
                return;
            }
        };
        if kind == Kind::Defaults {
            // Each `defaults` section starts again from the built-in defaults.
            self.defaults = Proxy::builtin_defaults();
            self.defaults.name = w.get(1).cloned().unwrap_or_default();
            self.defaults.line = line;
            self.section = Sec::Proxy(Kind::Defaults);
            return;
        }
        let Some(name) = w.get(1) else {
            self.alert(line, format!("'{kw}' expects <name> as argument."));
            // keep parsing the section's lines against a throw-away proxy
            let p = Proxy::new(kind, String::new(), line, &self.defaults);
            self.proxies.push(p);
            self.section = Sec::Proxy(kind);
            return;
        };
        if let Some(bad) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
        {
            self.alert(
                line,
                format!("character '{bad}' is not permitted in '{kw}' name '{name}'."),
            );
        }
        // Same name as another proxy with an overlapping capability.
        let clash = self
            .proxies
            .iter()
            .find(|o| {
                o.name == *name
                    && ((o.kind.fe() && kind.fe() && o.kind != Kind::Defaults)
                        || (o.kind.be() && kind.be() && o.kind != Kind::Defaults))
            })
            .map(|o| (o.kind, o.line));
        if let Some((okind, oline)) = clash {
            let msg = format!(
                "Parsing [{}:{}]: {} '{}' has the same name as {} '{}' declared at {}:{}.",
                self.file,
                line,
                kind.type_str(),
                name,
                okind.type_str(),
                name,
                self.file,
                oline
            );
            self.messages.push(ConfigMessage {
                severity: Severity::Alert,
                text: msg,
            });
            self.fatal = true;
            self.parse_errors = true;
        }
        if w.len() > 2 {
            self.alert(
                line,
                format!("'{kw}' cannot handle unexpected argument '{}'.", w[2]),
            );
            if kind.fe() {
                self.alert(
                    line,
                    "please use the 'bind' keyword for listening addresses.",
                );
            }
        }
        let p = Proxy::new(kind, name.clone(), line, &self.defaults);
        self.proxies.push(p);
        self.section = Sec::Proxy(kind);
    }

    fn proxy_line(&mut self, kind: Kind, line: usize, w: &[String]) {
        let kw = w[0].as_str();
        match kw {
            "mode" => {
                let m = match w.get(1).map(|s| s.as_str()) {
                    Some("tcp") => Mode::Tcp,
                    Some("http") => Mode::Http,
                    Some("health") => {
                        self.alert(
                            line,
                            "'mode health' doesn't exist anymore. Please use 'http-request return status 200' instead.",
                        );
                        return;
                    }
                    Some(other) => {
                        let other = other.to_string();
                        self.alert(line, format!("unknown proxy mode '{other}'."));
                        return;
                    }
                    None => {
                        self.alert(line, "'mode' expects one of 'tcp', 'http' or 'log'.");
                        return;
                    }
                };
                self.cur().mode = m;
            }
            "bind" => {
                if kind == Kind::Defaults {
                    self.alert(line, "'bind' not allowed in 'defaults' section.");
                    return;
                }
                if self.lacks_cap(line, kw, true) {
                    return;
                }
                let Some(spec) = w.get(1) else {
                    self.alert(
                        line,
                        "'bind' expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments.",
                    );
                    return;
                };
                for part in spec.split(',') {
                    match parse_bind(part) {
                        Ok(b) => self.cur().binds.push(b),
                        Err(e) => {
                            let msg = match e {
                                AddrErr::MissingPort => {
                                    format!("'bind {spec}' : missing port number: '{part}'")
                                }
                                AddrErr::BadPort(p) => {
                                    format!("'bind {spec}' : invalid port '{p}'")
                                }
                                AddrErr::BadAddr(a) => {
                                    format!("'bind {spec}' : could not resolve address '{a}'.")
                                }
                            };
                            self.alert(line, msg);
                        }
                    }
                }
                // bind options (ssl crt ..., name, ...) are accepted without modelling.
            }
            "use_backend" => {
                if kind == Kind::Defaults {
                    self.alert(line, "'use_backend' not allowed in 'defaults' section.");
                    return;
                }
                if self.lacks_cap(line, kw, true) {
                    return;
                }
                let Some(name) = w.get(1) else {
                    self.alert(line, "'use_backend' requires a backend name.");
                    return;
                };
                match w.get(2).map(|s| s.as_str()) {
                    None => {
                        let n = name.clone();
                        self.cur().use_backends.push((n, line));
                    }
                    Some("if") | Some("unless") => {
                        // Conditional rules need ACL evaluation, which kindlab does not model:
                        // such rules never match. The target must still exist.
                        let n = name.clone();
                        self.cur().use_backends.push((format!("\u{0}{n}"), line));
                    }
                    Some(other) => {
                        let other = other.to_string();
                        self.alert(
                            line,
                            format!(
                                "error detected while parsing switching rule : expects 'if' or 'unless' followed by a condition but found '{other}'."
                            ),
                        );
                    }
                }
            }
            "default_backend" => {
                if self.lacks_cap(line, kw, true) {
                    return;
                }
                let Some(name) = w.get(1) else {
                    self.alert(line, "'default_backend' expects a backend name.");
                    return;
                };
                let n = name.clone();
                self.cur().default_backend = Some((n, line));
            }
            "balance" => {
                if self.lacks_cap(line, kw, false) {
                    return;
                }
                let b = match w.get(1).map(|s| s.as_str()) {
                    Some("roundrobin") => Balance::RoundRobin,
                    Some("static-rr") => Balance::StaticRr,
                    Some("leastconn") => Balance::LeastConn,
                    Some("first") => Balance::First,
                    Some("source") => Balance::Source,
                    Some("random") => Balance::Random,
                    Some(s)
                        if s == "uri"
                            || s == "url_param"
                            || s == "hash"
                            || s.starts_with("hdr(")
                            || s.starts_with("rdp-cookie") =>
                    {
                        Balance::Hash
                    }
                    _ => {
                        self.alert(
                            line,
                            "'balance' only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hash', 'random', 'first', 'hdr(name)' and 'rdp-cookie(name)' options.",
                        );
                        return;
                    }
                };
                self.cur().balance = b;
            }
            "timeout" => self.timeout(kind, line, w),
            "option" | "no" => self.option(kind, line, w),
            "server" => {
                if kind == Kind::Defaults {
                    self.alert(line, "'server' not allowed in 'defaults' section.");
                    return;
                }
                if self.lacks_cap(line, kw, false) {
                    // HAProxy prints the capability warning, then fails (ERR_ALERT | ERR_FATAL).
                    self.fatal = true;
                    self.parse_errors = true;
                    return;
                }
                self.server(line, w, false);
            }
            "default-server" => {
                if self.lacks_cap(line, kw, false) {
                    return;
                }
                self.server(line, w, true);
            }
            "log" => {}
            _ if PROXY_KEYWORDS.contains(&kw) => {}
            _ => {
                let mut cands: Vec<&str> = PROXY_KEYWORDS.to_vec();
                cands.extend_from_slice(SECTIONS);
                let hint = did_you_mean(kw, &cands);
                self.alert(
                    line,
                    format!(
                        "unknown keyword '{kw}' in '{}' section{hint}",
                        kind.section()
                    ),
                );
            }
        }
    }

    fn timeout(&mut self, kind: Kind, line: usize, w: &[String]) {
        let Some(which) = w.get(1).map(|s| s.as_str()) else {
            self.alert(line, "'timeout' expects 'client', 'server', 'connect', 'check', 'queue', 'http-keep-alive', 'http-request', 'tunnel', 'tarpit', 'client-fin' and 'server-fin' (got '').");
            return;
        };
        if !TIMEOUTS.contains(&which) {
            self.alert(line, format!("'timeout' supports 'client', 'server', 'connect', 'check', 'queue', 'http-keep-alive', 'http-request', 'tunnel', 'tarpit', 'client-fin' and 'server-fin' (got '{which}')"));
            return;
        }
        let Some(val) = w.get(2) else {
            self.alert(
                line,
                format!("'timeout {which}' expects an integer value (in milliseconds)"),
            );
            return;
        };
        let Some(ms) = parse_haproxy_time(val) else {
            let bad = time_error(val);
            self.alert(
                line,
                format!("unexpected character '{bad}' in 'timeout {which}'"),
            );
            return;
        };
        let need_fe = which == "client" || which == "http-request" || which == "client-fin";
        let need_be = matches!(
            which,
            "server" | "connect" | "check" | "queue" | "server-fin"
        );
        if need_fe && !kind.fe() {
            let name = self.cur().name.clone();
            self.warn(line, format!("'timeout {which}' will be ignored because {} '{name}' has no frontend capability", kind.type_str()));
            return;
        }
        if need_be && !kind.be() {
            let name = self.cur().name.clone();
            self.warn(line, format!("'timeout {which}' will be ignored because {} '{name}' has no backend capability", kind.type_str()));
            return;
        }
        let t = &mut self.cur().timeouts;
        let slot = match which {
            "connect" => &mut t.connect,
            "client" => &mut t.client,
            "server" => &mut t.server,
            "check" => &mut t.check,
            _ => return,
        };
        *slot = if ms == 0 { None } else { Some(ms) };
    }

    fn option(&mut self, kind: Kind, line: usize, w: &[String]) {
        let negate = w[0] == "no";
        let name = if negate {
            match w.get(1).map(|s| s.as_str()) {
                Some("option") => w.get(2),
                Some("log") => return, // `no log`
                _ => {
                    self.alert(line, "'no' only supports 'option' and 'log'.");
                    return;
                }
            }
        } else {
            w.get(1)
        };
        let Some(name) = name.map(|s| s.as_str()) else {
            self.alert(line, "'option' expects an option name.");
            return;
        };
        let args: Vec<String> = w.iter().skip(if negate { 3 } else { 2 }).cloned().collect();
        if !OPTIONS.contains(&name) {
            let hint = did_you_mean(name, OPTIONS);
            let end = if hint.is_empty() { "." } else { "" };
            self.alert(line, format!("unknown option '{name}'{hint}{end}"));
            return;
        }
        match name {
            "httpchk" => {
                if !kind.be() {
                    let nm = self.cur().name.clone();
                    self.warn(
                        line,
                        format!(
                            "'httpchk' ignored because {} '{nm}' has no backend capability.",
                            kind.type_str()
                        ),
                    );
                    return;
                }
                if negate {
                    self.cur().httpchk = None;
                    return;
                }
                let chk = match args.len() {
                    0 => HttpChk {
                        method: "OPTIONS".into(),
                        uri: "/".into(),
                        version: "HTTP/1.0".into(),
                    },
                    1 => HttpChk {
                        method: "OPTIONS".into(),
                        uri: args[0].clone(),
                        version: "HTTP/1.0".into(),
                    },
                    2 => HttpChk {
                        method: args[0].clone(),
                        uri: args[1].clone(),
                        version: "HTTP/1.0".into(),
                    },
                    _ => HttpChk {
                        method: args[0].clone(),
                        uri: args[1].clone(),
                        version: args[2..].join(" "),
                    },
                };
                self.cur().httpchk = Some(chk);
            }
            "log-health-checks" => {
                if !kind.be() {
                    return;
                }
                self.cur().log_health_checks = !negate;
            }
            "allbackups" => {
                if !kind.be() {
                    return;
                }
                self.cur().allbackups = !negate;
            }
            "httplog" => {
                if kind.fe() && !negate {
                    self.cur().httplog_line = Some(line);
                } else if negate {
                    self.cur().httplog_line = None;
                }
            }
            "forwardfor"
            | "originalto"
            | "http-server-close"
            | "httpclose"
            | "http-keep-alive"
            | "http-buffer-request"
            | "http-pretend-keepalive" => {
                let opt: &'static str = OPTIONS.iter().find(|o| **o == name).copied().unwrap_or("");
                let p = self.cur();
                p.http_options.retain(|o| *o != opt);
                if !negate {
                    p.http_options.push(opt);
                }
            }
            "ssl-hello-chk" | "tcp-check" | "mysql-check" | "pgsql-check" | "redis-check"
            | "smtpchk" | "ldap-check" | "spop-check" | "external-check"
                if kind.be() && !negate =>
            {
                // Other check types replace httpchk; kindlab runs them as plain TCP checks.
                self.cur().httpchk = None;
            }
            _ => {}
        }
    }

    fn server(&mut self, line: usize, w: &[String], is_default: bool) {
        let mut params = self.cur().default_server.clone();
        let (name, addr_word, mut i) = if is_default {
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
        let mut addr = Ipv4Addr::UNSPECIFIED;
        let mut port = None;
        if let Some(a) = &addr_word {
            let (host, p) = split_addr(a);
            if let Some(p) = p {
                if !p.is_empty() {
                    match parse_port(p) {
                        Some(n) => port = Some(n),
                        None => {
                            self.alert(line, format!("{who} : invalid port '{p}'"));
                            return;
                        }
                    }
                }
            }
            match resolve_host(host, self.resolve) {
                Some(ip) => addr = ip,
                None => {
                    self.alert(line, format!("{who} : could not resolve address '{host}'."));
                    return;
                }
            }
        }
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
                let Some(v) = w.get(i + 1).cloned() else {
                    let msg = match k {
                        "inter" | "fastinter" | "downinter" | "slowstart" => {
                            format!("{who} : '{k}' expects a positive delay in milliseconds.")
                        }
                        "rise" | "fall" | "weight" | "maxconn" => {
                            format!("{who} : '{k}' expects an integer argument.")
                        }
                        "port" => format!("{who} : '{k}' expects a valid port number."),
                        _ => format!("{who} : '{k}' expects an argument."),
                    };
                    self.alert(line, msg);
                    return;
                };
                match k {
                    "inter" | "fastinter" | "downinter" => match parse_haproxy_time(&v) {
                        Some(0) => {
                            self.alert(line, format!("{who} : '{k}' has to be > 0."));
                            return;
                        }
                        Some(ms) => match k {
                            "inter" => params.inter = ms,
                            "fastinter" => params.fastinter = Some(ms),
                            _ => params.downinter = Some(ms),
                        },
                        None => {
                            let bad = time_error(&v);
                            self.alert(
                                line,
                                format!("{who} : unexpected character '{bad}' in '{k}' argument."),
                            );
                            return;
                        }
                    },
                    "rise" | "fall" => match parse_uint(&v) {
                        Some(0) | None => {
                            self.alert(line, format!("{who} : '{k}' has to be > 0."));
                            return;
                        }
                        Some(n) => {
                            if k == "rise" {
                                params.rise = n
                            } else {
                                params.fall = n
                            }
                        }
                    },
                    "weight" => match parse_uint(&v) {
                        Some(n) if n <= 256 => params.weight = n,
                        _ => {
                            self.alert(
                                line,
                                format!("{who} : weight of server {name} is not within 0 and 256 (got '{v}')."),
                            );
                            return;
                        }
                    },
                    "port" => match parse_port(&v) {
                        Some(n) if n > 0 => params.check_port = Some(n),
                        _ => {
                            self.alert(line, format!("{who} : invalid port '{v}'."));
                            return;
                        }
                    },
                    "addr" => match resolve_host(&v, self.resolve) {
                        Some(ip) => params.check_addr = Some(ip),
                        None => {
                            self.alert(line, format!("{who} : could not resolve address '{v}'."));
                            return;
                        }
                    },
                    _ => {}
                }
                i += 2;
                continue;
            }
            let mut all: Vec<&str> = SERVER_FLAGS.to_vec();
            all.extend_from_slice(SERVER_ARGS);
            let hint = did_you_mean(k, &all);
            let end = if hint.is_empty() { "." } else { "" };
            self.alert(line, format!("{who} unknown keyword '{k}'{hint}{end}"));
            return;
        }
        if is_default {
            self.cur().default_server = params;
            return;
        }
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

    fn finish(mut self) -> ParseReport {
        if self.parse_errors {
            let f = self.file;
            self.messages.push(ConfigMessage {
                severity: Severity::Alert,
                text: format!("Error(s) found in configuration file : {f}"),
            });
        }
        // Backends, in configuration order (a listen section is both).
        let proxies = std::mem::take(&mut self.proxies);
        let mut backends: Vec<Backend> = Vec::new();
        let mut be_index_of_proxy: Vec<Option<usize>> = Vec::new();
        for p in &proxies {
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
        let find_be = |name: &str| backends.iter().position(|b| b.name == name);
        let mut frontends = Vec::new();
        for (pi, p) in proxies.iter().enumerate() {
            if !p.kind.fe() {
                continue;
            }
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
                target = be_index_of_proxy[pi];
            }
            frontends.push(Frontend {
                name: p.name.clone(),
                line: p.line,
                mode: p.mode,
                binds: p.binds.clone(),
                backend: target,
            });
        }
        // Post-parse warnings, proxy by proxy, as check_config_validity() emits them.
        for p in &proxies {
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
        // Servers without any port cannot be checked.
        for b in &mut backends {
            for s in &mut b.servers {
                if s.port.is_none() && s.check_port.is_none() {
                    s.check = false;
                }
            }
        }
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

    fn check_mode_compat(&mut self, fe: &Proxy, be: &Backend, how: &str) {
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

fn resolve_host(host: &str, resolve: &dyn Fn(&str) -> Option<Ipv4Addr>) -> Option<Ipv4Addr> {
    if let Ok(ip) = host.parse::<Ipv4Addr>() {
        return Some(ip);
    }
    if host == "localhost" {
        return Some(Ipv4Addr::LOCALHOST);
    }
    if host.is_empty() || host.contains('$') {
        return None;
    }
    resolve(host)
}

fn parse_bind(part: &str) -> Result<Bind, AddrErr> {
    let (host, port) = split_addr(part);
    let Some(port) = port else {
        return Err(AddrErr::MissingPort);
    };
    // port ranges `80-81`: take the first port
    let first = port.split('-').next().unwrap_or("");
    let Some(port) = parse_port(first).filter(|&p| p > 0) else {
        return Err(AddrErr::BadPort(port.to_string()));
    };
    let addr = match host {
        "" | "*" | "0.0.0.0" | "::" | "[::]" => None,
        h => match h.parse::<Ipv4Addr>() {
            Ok(ip) => Some(ip),
            Err(_) if h == "localhost" => Some(Ipv4Addr::LOCALHOST),
            Err(_) => return Err(AddrErr::BadAddr(h.to_string())),
        },
    };
    Ok(Bind { addr, port })
}
