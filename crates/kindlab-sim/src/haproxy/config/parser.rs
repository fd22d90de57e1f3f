//! The parser's state and walk: sections, proxy keywords, `timeout` and `option` lines.

use std::net::Ipv4Addr;

use super::keywords::*;
use super::lex::*;
use super::servers::ServerParams;
use super::suggest::did_you_mean;
use super::*;
use crate::time::parse_haproxy_time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Defaults,
    Frontend,
    Backend,
    Listen,
}

impl Kind {
    pub(super) fn section(self) -> &'static str {
        match self {
            Kind::Defaults => "defaults",
            Kind::Frontend => "frontend",
            Kind::Backend => "backend",
            Kind::Listen => "listen",
        }
    }
    /// `proxy_type_str()`: what HAProxy calls this proxy in messages.
    pub(super) fn type_str(self) -> &'static str {
        match self {
            Kind::Defaults => "defaults",
            Kind::Frontend => "frontend",
            Kind::Backend => "backend",
            Kind::Listen => "proxy",
        }
    }
    pub(super) fn fe(self) -> bool {
        matches!(self, Kind::Frontend | Kind::Listen | Kind::Defaults)
    }
    pub(super) fn be(self) -> bool {
        matches!(self, Kind::Backend | Kind::Listen | Kind::Defaults)
    }
}

#[derive(Debug, Clone)]
pub(super) struct Proxy {
    pub(super) kind: Kind,
    pub(super) name: String,
    pub(super) line: usize,
    pub(super) mode: Mode,
    pub(super) binds: Vec<Bind>,
    /// (backend name, line) of unconditional `use_backend` rules.
    pub(super) use_backends: Vec<(String, usize)>,
    pub(super) default_backend: Option<(String, usize)>,
    pub(super) balance: Balance,
    pub(super) timeouts: Timeouts,
    pub(super) httpchk: Option<HttpChk>,
    pub(super) log_health_checks: bool,
    pub(super) allbackups: bool,
    pub(super) httplog_line: Option<usize>,
    /// HTTP-only options set (`forwardfor`, `http-server-close`, ...), warned about in tcp mode.
    pub(super) http_options: Vec<&'static str>,
    pub(super) default_server: ServerParams,
    pub(super) servers: Vec<ServerConf>,
}

impl Proxy {
    pub(super) fn new(kind: Kind, name: String, line: usize, defaults: &Proxy) -> Proxy {
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
    pub(super) fn builtin_defaults() -> Proxy {
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

#[derive(Clone, Copy)]
pub(super) enum Sec {
    None,
    Global,
    Ignored,
    Proxy(Kind),
}

pub(super) struct P<'a> {
    pub(super) file: &'a str,
    pub(super) messages: Vec<ConfigMessage>,
    pub(super) fatal: bool,
    pub(super) parse_errors: bool,
    pub(super) defaults: Proxy,
    pub(super) proxies: Vec<Proxy>,
    pub(super) section: Sec,
    pub(super) resolve: &'a dyn Fn(&str) -> Option<Ipv4Addr>,
    /// Servers kept so far, in every proxy (at most [`super::MAX_SERVERS`]).
    pub(super) servers: usize,
}

impl<'a> P<'a> {
    pub(super) fn warn(&mut self, line: usize, msg: impl AsRef<str>) {
        self.messages.push(ConfigMessage {
            severity: Severity::Warning,
            text: format!("parsing [{}:{}] : {}", self.file, line, msg.as_ref()),
        });
    }
    pub(super) fn alert(&mut self, line: usize, msg: impl AsRef<str>) {
        self.messages.push(ConfigMessage {
            severity: Severity::Alert,
            text: format!("parsing [{}:{}] : {}", self.file, line, msg.as_ref()),
        });
        self.fatal = true;
        self.parse_errors = true;
    }
    pub(super) fn config_warn(&mut self, msg: impl AsRef<str>) {
        self.messages.push(ConfigMessage {
            severity: Severity::Warning,
            text: format!("config : {}", msg.as_ref()),
        });
    }
    pub(super) fn config_alert(&mut self, msg: impl AsRef<str>) {
        self.messages.push(ConfigMessage {
            severity: Severity::Alert,
            text: format!("config : {}", msg.as_ref()),
        });
        self.fatal = true;
    }

    pub(super) fn kind(&self) -> Option<Kind> {
        match self.section {
            Sec::Proxy(k) => Some(k),
            _ => None,
        }
    }

    pub(super) fn cur(&mut self) -> &mut Proxy {
        match self.section {
            Sec::Proxy(Kind::Defaults) => &mut self.defaults,
            _ => self.proxies.last_mut().expect("proxy section"),
        }
    }

    /// `warnifnotcap()`: returns true (and warns) when the keyword needs a capability the
    /// current proxy lacks.
    pub(super) fn lacks_cap(&mut self, line: usize, kw: &str, need_fe: bool) -> bool {
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

    pub(super) fn line(&mut self, line: usize, w: &[String]) {
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

    pub(super) fn open_section(&mut self, line: usize, w: &[String]) {
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

    /// A keyword line inside a proxy section (`defaults`, `frontend`, `backend`, `listen`).
    pub(super) fn proxy_line(&mut self, kind: Kind, line: usize, w: &[String]) {
        let kw = w[0].as_str();
        match kw {
            "mode" => self.mode(line, w),
            "bind" => self.bind(kind, line, w),
            "use_backend" => self.use_backend(kind, line, w),
            "default_backend" => self.default_backend(line, w),
            "balance" => self.balance(line, w),
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

    /// `mode tcp|http`.
    fn mode(&mut self, line: usize, w: &[String]) {
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

    /// `bind [addr]:port[,...] [options]` (the options are accepted without modelling).
    fn bind(&mut self, kind: Kind, line: usize, w: &[String]) {
        if kind == Kind::Defaults {
            self.alert(line, "'bind' not allowed in 'defaults' section.");
            return;
        }
        if self.lacks_cap(line, &w[0], true) {
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

    /// `use_backend NAME [if|unless COND]`.
    fn use_backend(&mut self, kind: Kind, line: usize, w: &[String]) {
        if kind == Kind::Defaults {
            self.alert(line, "'use_backend' not allowed in 'defaults' section.");
            return;
        }
        if self.lacks_cap(line, &w[0], true) {
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

    /// `default_backend NAME`.
    fn default_backend(&mut self, line: usize, w: &[String]) {
        if self.lacks_cap(line, &w[0], true) {
            return;
        }
        let Some(name) = w.get(1) else {
            self.alert(line, "'default_backend' expects a backend name.");
            return;
        };
        let n = name.clone();
        self.cur().default_backend = Some((n, line));
    }

    /// `balance ALGORITHM` (the hash-based ones all count as [`Balance::Hash`]).
    fn balance(&mut self, line: usize, w: &[String]) {
        if self.lacks_cap(line, &w[0], false) {
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

    pub(super) fn timeout(&mut self, kind: Kind, line: usize, w: &[String]) {
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

    pub(super) fn option(&mut self, kind: Kind, line: usize, w: &[String]) {
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
}
