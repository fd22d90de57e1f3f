//! Reading typed values from a document (after strict decoding passed), and the API server's
//! check of names.

use super::*;

pub(super) fn s_at(v: &Yaml, path: &[&str]) -> Option<String> {
    v.at(path).and_then(|x| x.as_str()).map(|s| s.to_string())
}

pub(super) fn map_at(v: &Yaml, path: &[&str]) -> BTreeMap<String, String> {
    v.at(path)
        .and_then(|m| m.as_map())
        .map(|m| {
            m.iter()
                .filter_map(|(k, x)| x.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn seq_at<'a>(v: &'a Yaml, path: &[&str]) -> &'a [Yaml] {
    v.at(path).and_then(|s| s.as_seq()).unwrap_or(&[])
}

pub(super) fn int_at(v: &Yaml, path: &[&str]) -> Option<i64> {
    match v.at(path)? {
        Yaml::Int(i) => Some(*i),
        Yaml::Float(f) => Some(*f as i64),
        _ => None,
    }
}

pub(super) fn qty(v: &Yaml) -> Option<Quantity> {
    match v {
        Yaml::Str(s) => Quantity::parse(s).ok(),
        Yaml::Int(i) => Quantity::parse(&i.to_string()).ok(),
        Yaml::Float(f) => Quantity::parse(&f.to_string()).ok(),
        _ => None,
    }
}

/// `a lowercase RFC 1123 subdomain must consist of ...`: the API server's check of names.
pub(crate) fn dns_subdomain_error(field: &str, name: &str) -> Option<String> {
    let ok_label = |l: &str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if name.len() <= 253 && name.split('.').all(ok_label) {
        return None;
    }
    Some(format!("{field}: Invalid value: {name:?}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"))
}

/// Go's `%#v` of a `map[string]string`.
pub(super) fn go_map(m: &BTreeMap<String, String>) -> String {
    let inner: Vec<String> = m.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
    format!("map[string]string{{{}}}", inner.join(", "))
}
