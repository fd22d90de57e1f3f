//! Lexing: HAProxy's word splitting (quotes, escapes, `$VAR`s) and the small readers of
//! addresses, ports, numbers and times the keywords share.

use std::net::Ipv4Addr;

use super::Bind;

pub(super) struct Words {
    pub(super) words: Vec<String>,
    /// Variables that could not be resolved (kept literally in the words).
    pub(super) unresolved: Vec<String>,
}

pub(super) fn is_var_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Splits a line like HAProxy does: blanks separate words, `#` starts a comment, double quotes
/// group and expand variables, single quotes group without expansion, `\` escapes.
/// `$name` and `${name}` are resolved through `vars` (outside single quotes).
pub(super) fn tokenize(line: &str, vars: &dyn Fn(&str) -> Option<String>) -> Words {
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

/// Parses `ADDR[:PORT]` for `server` / `bind`. Returns (addr or None for wildcard, port).
pub(super) enum AddrErr {
    MissingPort,
    BadPort(String),
    BadAddr(String),
}

pub(super) fn split_addr(s: &str) -> (&str, Option<&str>) {
    match s.rfind(':') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    }
}

pub(super) fn parse_port(s: &str) -> Option<u16> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>()
        .ok()
        .filter(|&n| n <= 65535)
        .map(|n| n as u16)
}

pub(super) fn parse_uint(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// HAProxy's `parse_time_err` wording: the first unexpected character.
pub(super) fn time_error(s: &str) -> String {
    let bad = s
        .chars()
        .find(|c| !c.is_ascii_digit())
        .map(|c| c.to_string())
        .unwrap_or_default();
    bad
}

pub(super) fn resolve_host(
    host: &str,
    resolve: &dyn Fn(&str) -> Option<Ipv4Addr>,
) -> Option<Ipv4Addr> {
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

pub(super) fn parse_bind(part: &str) -> Result<Bind, AddrErr> {
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
