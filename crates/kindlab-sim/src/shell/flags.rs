//! A small cobra/pflag-like flag parser shared by kubectl, docker and kind.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy)]
pub(super) struct FlagSpec {
    pub long: &'static str,
    pub short: Option<char>,
    pub takes_value: bool,
}

pub(super) const fn flag(long: &'static str, short: Option<char>, takes_value: bool) -> FlagSpec {
    FlagSpec {
        long,
        short,
        takes_value,
    }
}

#[derive(Debug, Default, Clone)]
pub(super) struct Parsed {
    pub positional: Vec<String>,
    pub values: BTreeMap<&'static str, Vec<String>>,
}

impl Parsed {
    pub(super) fn has(&self, long: &str) -> bool {
        self.values.contains_key(long)
    }
    pub(super) fn last(&self, long: &str) -> Option<&str> {
        self.values
            .get(long)
            .and_then(|v| v.last())
            .map(|s| s.as_str())
    }
    pub(super) fn all(&self, long: &str) -> Vec<String> {
        self.values.get(long).cloned().unwrap_or_default()
    }
    /// A boolean flag: present and not `=false`.
    pub(super) fn on(&self, long: &str) -> bool {
        self.values
            .get(long)
            .and_then(|v| v.last())
            .is_some_and(|v| v != "false")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FlagErr {
    /// `--foo` (as typed, without any `=value`)
    Unknown(String),
    /// shorthand letter, and the word it was in
    UnknownShort(char, String),
    /// `--flag` that needs an argument
    NeedsArg(String),
}

/// Parses flags anywhere among the words (cobra intersperses them); `--` ends flags.
/// With `stop_at_positional`, everything from the first positional on is positional (docker run).
/// Unicode dashes (`–force`, as word processors print `--force`) are read as `--`.
pub(super) fn parse_flags(
    args: &[String],
    specs: &[FlagSpec],
    stop_at_positional: bool,
) -> Result<Parsed, FlagErr> {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let raw = &args[i];
        let a = normalise_dashes(raw);
        if a == "--" {
            p.positional.extend(args[i + 1..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, val) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let spec = specs
                .iter()
                .find(|s| s.long == name)
                .ok_or_else(|| FlagErr::Unknown(format!("--{name}")))?;
            let v = if spec.takes_value {
                match val {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i)
                            .cloned()
                            .ok_or_else(|| FlagErr::NeedsArg(format!("--{name}")))?
                    }
                }
            } else {
                val.unwrap_or_else(|| "true".into())
            };
            p.values.entry(spec.long).or_default().push(v);
        } else if a.len() > 1
            && a.starts_with('-')
            && !a[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                let spec = specs
                    .iter()
                    .find(|s| s.short == Some(c))
                    .ok_or_else(|| FlagErr::UnknownShort(c, a.clone()))?;
                if spec.takes_value {
                    let rest: String = chars[j + 1..].iter().collect();
                    let v = if !rest.is_empty() {
                        rest.strip_prefix('=').unwrap_or(&rest).to_string()
                    } else {
                        i += 1;
                        args.get(i)
                            .cloned()
                            .ok_or_else(|| FlagErr::NeedsArg(format!("-{c}")))?
                    };
                    p.values.entry(spec.long).or_default().push(v);
                    break;
                }
                p.values.entry(spec.long).or_default().push("true".into());
                j += 1;
            }
        } else {
            if stop_at_positional {
                p.positional.extend(args[i..].iter().cloned());
                break;
            }
            p.positional.push(raw.clone());
        }
        i += 1;
    }
    Ok(p)
}

/// `–force` / `—force` (en/em dash) -> `--force`.
pub(super) fn normalise_dashes(s: &str) -> String {
    if let Some(r) = s.strip_prefix('–').or_else(|| s.strip_prefix('—')) {
        format!("--{r}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split_whitespace().map(|x| x.to_string()).collect()
    }

    #[test]
    fn flags() {
        let specs = [
            flag("namespace", Some('n'), true),
            flag("all-namespaces", Some('A'), false),
            flag("output", Some('o'), true),
            flag("force", None, false),
            flag("grace-period", None, true),
        ];
        let p = parse_flags(
            &v("get pods -n ingress-nginx -o wide --force --grace-period=0"),
            &specs,
            false,
        )
        .unwrap();
        assert_eq!(p.positional, v("get pods"));
        assert_eq!(p.last("namespace"), Some("ingress-nginx"));
        assert_eq!(p.last("output"), Some("wide"));
        assert!(p.on("force"));
        assert_eq!(p.last("grace-period"), Some("0"));
        let p = parse_flags(&v("-owide -A"), &specs, false).unwrap();
        assert_eq!(p.last("output"), Some("wide"));
        assert!(p.on("all-namespaces"));
        assert_eq!(
            parse_flags(&v("--foo"), &specs, false).unwrap_err(),
            FlagErr::Unknown("--foo".into())
        );
        assert_eq!(
            parse_flags(&v("-x"), &specs, false).unwrap_err(),
            FlagErr::UnknownShort('x', "-x".into())
        );
        assert_eq!(
            parse_flags(&v("-n"), &specs, false).unwrap_err(),
            FlagErr::NeedsArg("-n".into())
        );
        let p = parse_flags(&["–force".to_string()], &specs, false).unwrap();
        assert!(p.on("force"));
        let p = parse_flags(&v("img -f x"), &specs, true).unwrap();
        assert_eq!(p.positional, v("img -f x"));
    }
}
