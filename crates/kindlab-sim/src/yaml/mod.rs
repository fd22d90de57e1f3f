//! YAML as the Go tools read it — the one place where kubectl's manifests and kind's cluster
//! configs are parsed.
//!
//! Both tools sit on ports of libyaml (kubectl: `sigs.k8s.io/yaml` over go-yaml v2; kind:
//! go-yaml v3), and so does `serde_yaml_ng` (`unsafe-libyaml`): the scanner and parser find the
//! same problems at the same marks and call them by the same names. What differs is how the Go
//! libraries turn a mark into the `line N: ` of their messages (see [`go_syntax_error`]): that
//! is reproduced here, quirks included (go-yaml v2 prints no line for a problem on the first line,
//! and a parser error's line one too low).
//!
//! Also here: kubectl's multi-document splitting (`---` lines, as `k8s.io/apimachinery`'s
//! `YAMLReader` does it) and a tolerant value tree ([`Yaml`]) that keeps the last of duplicate keys
//! (as go-yaml v2 does when it decodes into a map) and prints as the JSON Go would marshal.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

mod depth;

/// Which go-yaml turns the parse error into a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GoYaml {
    /// go-yaml v2 (kubectl through `sigs.k8s.io/yaml`).
    V2,
    /// go-yaml v3 (kind's config loader).
    V3,
}

/// A YAML value as a Go program decoding into `interface{}` sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Yaml>),
    /// Keys in document order (a repeated key keeps its first place and its last value).
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// A mapping's value for `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    /// Follows a path of mapping keys.
    pub(crate) fn at(&self, path: &[&str]) -> Option<&Yaml> {
        let mut v = self;
        for k in path {
            v = v.get(k)?;
        }
        Some(v)
    }
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }
    pub(crate) fn as_map(&self) -> Option<&[(String, Yaml)]> {
        match self {
            Yaml::Map(m) => Some(m),
            _ => None,
        }
    }
    pub(crate) fn as_seq(&self) -> Option<&[Yaml]> {
        match self {
            Yaml::Seq(s) => Some(s),
            _ => None,
        }
    }
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Yaml::Null)
    }
    /// How Go's `encoding/json` names the JSON type of this value in its errors
    /// (`cannot unmarshal number into Go struct field ...`).
    pub(crate) fn json_kind(&self) -> &'static str {
        match self {
            Yaml::Null => "null",
            Yaml::Bool(_) => "bool",
            Yaml::Int(_) | Yaml::Float(_) => "number",
            Yaml::Str(_) => "string",
            Yaml::Seq(_) => "array",
            Yaml::Map(_) => "object",
        }
    }
    /// The value as Go's `json.Marshal` prints it: compact, map keys sorted, `<`, `>` and `&`
    /// escaped.
    pub(crate) fn to_json(&self) -> String {
        let mut s = String::new();
        self.write_json(&mut s);
        s
    }
    fn write_json(&self, out: &mut String) {
        match self {
            Yaml::Null => out.push_str("null"),
            Yaml::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Yaml::Int(i) => out.push_str(&i.to_string()),
            Yaml::Float(f) => out.push_str(&go_float(*f)),
            Yaml::Str(s) => json_string(s, out),
            Yaml::Seq(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            Yaml::Map(m) => {
                let mut keys: Vec<&(String, Yaml)> = m.iter().collect();
                keys.sort_by(|a, b| a.0.cmp(&b.0));
                out.push('{');
                for (i, (k, v)) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// A JSON string as Go writes it.
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A float64 as Go's `encoding/json` prints it.
fn go_float(f: f64) -> String {
    if !f.is_finite() {
        return "null".into();
    }
    let a = f.abs();
    if a != 0.0 && !(1e-6..1e21).contains(&a) {
        // 'e' format, exponent without leading zeros: 1e+21, 1e-07 -> 1e-7
        let s = format!("{f:e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        return format!("{m}e{}{}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    let s = format!("{f}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = Yaml;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Yaml, E> {
        Ok(Yaml::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Yaml, E> {
        Ok(i64::try_from(v).map_or(Yaml::Float(v as f64), Yaml::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Yaml, E> {
        Ok(Yaml::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Yaml, E> {
        Ok(Yaml::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Yaml, E> {
        Ok(Yaml::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }
    fn visit_none<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Yaml, D::Error> {
        Yaml::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = seq.next_element::<Yaml>()? {
            v.push(x);
        }
        Ok(Yaml::Seq(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut m: Vec<(String, Yaml)> = Vec::new();
        // where each key is in `m` (a map of 20 000 keys must not cost 20 000² comparisons)
        let mut at: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        while let Some(k) = map.next_key::<Yaml>()? {
            let v = map.next_value::<Yaml>()?;
            // sigs.k8s.io/yaml turns scalar keys into strings and refuses a mapping or a
            // sequence as a key (turning one into a string inside a key inside a key... would
            // double its escapes at every level: 200 bytes of `{{{...}}}` made gigabytes)
            let k = match k {
                Yaml::Str(s) => s,
                Yaml::Null => "null".into(),
                Yaml::Map(_) => {
                    return Err(de::Error::custom(
                        "Unsupported map key of type: map[string]interface {}",
                    ))
                }
                Yaml::Seq(_) => {
                    return Err(de::Error::custom(
                        "Unsupported map key of type: []interface {}",
                    ))
                }
                other => other.to_json(),
            };
            match at.get(&k) {
                Some(&i) => m[i].1 = v,
                None => {
                    at.insert(k.clone(), m.len());
                    m.push((k, v));
                }
            }
        }
        Ok(Yaml::Map(m))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Yaml, A::Error> {
        // a value with a custom tag (`!foo 1`): the tag is dropped, as a Go map decode does
        use de::VariantAccess;
        let (_tag, v): (String, _) = data.variant()?;
        v.newtype_variant::<Yaml>()
    }
}

impl<'de> Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Yaml, D::Error> {
        d.deserialize_any(YamlVisitor)
    }
}

/// True when a document holds nothing but blank lines and comments.
pub(crate) fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// Parses one YAML document. `Err` is go-yaml's message (`yaml: line 7: mapping values are not
/// allowed in this context`).
pub(crate) fn parse(text: &str, dialect: GoYaml) -> Result<Yaml, String> {
    if is_blank(text) {
        return Ok(Yaml::Null);
    }
    // far too deep: the same error, from the text up to a little past the depth limit (the
    // whole text would take the scanner seconds; see `depth`)
    if let Some(e) = depth::parse_prefix::<Yaml>(text) {
        return Err(go_syntax_error(&e, dialect));
    }
    serde_yaml_ng::from_str::<Yaml>(text).map_err(|e| go_syntax_error(&e, dialect))
}

/// The text is nested deeper than any decoder here goes (answered from a prefix, quickly).
pub(crate) fn surely_too_deep(text: &str) -> bool {
    depth::parse_prefix::<Yaml>(text).is_some()
}

/// What libyaml reported, read back out of serde_yaml_ng's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LibyamlError {
    /// `SCANNER`, `PARSER`, `READER`...; empty for errors that did not come from libyaml.
    pub kind: String,
    pub problem: String,
    /// 0-based lines, as libyaml's marks hold them (0 also when the mark is unset).
    pub problem_line: u64,
    pub context_line: u64,
}

/// Reads libyaml's error kind, problem and marks from a serde_yaml_ng error (its `Debug` form
/// carries them all: `Error { kind: SCANNER, problem: "...", problem_mark: Mark { line: 8,
/// column: 22 }, context: "...", context_mark: Mark { ... } }`).
pub(crate) fn libyaml_error(e: &serde_yaml_ng::Error) -> LibyamlError {
    let dbg = format!("{e:?}");
    let Some(rest) = dbg.strip_prefix("Error { kind: ") else {
        // a serde_yaml_ng error of its own (recursion limit, unknown anchor, ...)
        let msg = e.to_string();
        let problem = msg
            .split(" at line ")
            .next()
            .unwrap_or(msg.as_str())
            .to_string();
        let line = e.location().map_or(0, |l| l.line().saturating_sub(1)) as u64;
        return LibyamlError {
            kind: String::new(),
            problem,
            problem_line: line,
            context_line: 0,
        };
    };
    let kind: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let problem = dbg
        .split_once("problem: \"")
        .and_then(|(_, r)| r.split_once('"'))
        .map(|(p, _)| p.to_string())
        .unwrap_or_default();
    let mark_line = |field: &str| -> Option<u64> {
        let (_, r) = dbg.split_once(field)?;
        let r = r.strip_prefix("Mark { ")?;
        if r.starts_with("index") {
            return Some(0);
        }
        let n: String = r
            .strip_prefix("line: ")?
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        n.parse::<u64>().ok().map(|l| l.saturating_sub(1))
    };
    let problem_line = mark_line("problem_mark: ").unwrap_or(0);
    let has_context = dbg.contains(", context: \"");
    let context_line = match mark_line("context_mark: ") {
        Some(l) => l,
        // a context at line 0 column 0 is not printed
        None if has_context => 0,
        // libyaml's scanner passes its current mark as the context mark when it has no context
        None if kind == "SCANNER" => problem_line,
        None => 0,
    };
    LibyamlError {
        kind,
        problem,
        problem_line,
        context_line,
    }
}

/// The message go-yaml gives for a parse error: `yaml: line N: <problem>`, with the line
/// computed as go-yaml v2's or v3's `parser.fail` computes it.
pub(crate) fn go_syntax_error(e: &serde_yaml_ng::Error, dialect: GoYaml) -> String {
    let le = libyaml_error(e);
    let scanner = u64::from(le.kind == "SCANNER");
    let line = match dialect {
        GoYaml::V2 => {
            if le.problem_line != 0 {
                le.problem_line + scanner
            } else {
                le.context_line
            }
        }
        GoYaml::V3 => {
            if le.context_line != 0 {
                le.context_line + scanner
            } else if le.problem_line != 0 {
                le.problem_line + scanner
            } else {
                0
            }
        }
    };
    let problem = if le.problem.is_empty() {
        "unknown problem parsing YAML content".to_string()
    } else {
        le.problem
    };
    if line != 0 {
        format!("yaml: line {line}: {problem}")
    } else {
        format!("yaml: {problem}")
    }
}

/// One document of a multi-document stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    pub text: String,
    /// The stream's line (1-based) the document starts at.
    pub first_line: usize,
}

/// Splits a stream into documents as kubectl's `YAMLReader` does: a line starting with `---` ends
/// a document; after the `---` only blanks or a comment may follow (else `invalid Yaml document
/// separator: ...`, returned with the documents before it). Documents holding nothing are kept
/// (the caller skips them, as kubectl skips empty objects).
pub(crate) fn split_documents(text: &str) -> (Vec<Document>, Option<String>) {
    let mut docs = Vec::new();
    let mut cur = String::new();
    let mut start = 1;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(rest) = line.strip_prefix("---") {
            let t = rest.trim();
            if !t.is_empty() && !t.starts_with('#') {
                return (docs, Some(format!("invalid Yaml document separator: {t}")));
            }
            if !cur.is_empty() {
                docs.push(Document {
                    text: std::mem::take(&mut cur),
                    first_line: start,
                });
            }
            start = i + 2;
            continue;
        }
        cur.push_str(line);
    }
    if !cur.is_empty() {
        docs.push(Document {
            text: cur,
            first_line: start,
        });
    }
    (docs, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str, d: GoYaml) -> String {
        parse(text, d).unwrap_err()
    }

    #[test]
    fn scanner_errors_carry_the_line_of_the_problem() {
        let pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes:\n  - ReadWriteOnce\n  resources: requests: storage: 1Gi\n";
        for d in [GoYaml::V2, GoYaml::V3] {
            assert_eq!(
                err(pvc, d),
                "yaml: line 8: mapping values are not allowed in this context"
            );
        }
        // go-yaml v2 prints no line for a problem on the first line
        assert_eq!(
            err("a: b: c\n", GoYaml::V2),
            "yaml: mapping values are not allowed in this context"
        );
        assert_eq!(
            err("key: \"unterminated\nb: 1\n", GoYaml::V2),
            "yaml: line 3: found unexpected end of stream"
        );
        // v3 prefers the context's mark: the quoted scalar starts on line 1
        assert_eq!(
            err("a: 1\nkey: \"unterminated\nb: 1\n", GoYaml::V3),
            "yaml: line 2: found unexpected end of stream"
        );
    }

    #[test]
    fn a_mapping_or_a_sequence_as_a_key_is_refused_at_once() {
        assert_eq!(
            err("? {a: 1}\n: b\n", GoYaml::V3),
            "yaml: Unsupported map key of type: map[string]interface {}"
        );
        assert_eq!(
            err("{[a]: 1}\n", GoYaml::V3),
            "yaml: Unsupported map key of type: []interface {}"
        );
        // scalar keys become strings
        assert_eq!(
            parse("1: a\ntrue: b\n", GoYaml::V3).unwrap(),
            Yaml::Map(vec![
                ("1".into(), Yaml::Str("a".into())),
                ("true".into(), Yaml::Str("b".into()))
            ])
        );
        // the fuzzer's finding: 99 levels of mappings as keys, then more (it ran out of 2 GB)
        let found = format!(
            "{}{}{}\u{fffd}[",
            "{".repeat(99),
            "}".repeat(99),
            "{".repeat(32)
        );
        assert!(parse(&found, GoYaml::V3).is_err());
    }

    #[test]
    fn parser_errors_are_one_line_low_in_v2() {
        // the bad key is on line 5; go-yaml v2 says line 4 (0-based mark, no +1 for parser errors)
        let text = "metadata:\n  name: x\n  labels:\n    app: web\n   tier: db\n";
        assert_eq!(
            err(text, GoYaml::V2),
            "yaml: line 4: did not find expected key"
        );
        // v3 names the line of the mapping's context mark (0-based as well)
        assert_eq!(
            err(text, GoYaml::V3),
            "yaml: line 1: did not find expected key"
        );
        assert_eq!(
            err("a: [1, 2\n", GoYaml::V2),
            "yaml: line 1: did not find expected ',' or ']'"
        );
    }

    #[test]
    fn duplicate_keys_keep_the_last_value_and_json_is_sorted() {
        let v = parse(
            "b: 1\na: <x>\nb: two\nc: [1, 2.5, true, null]\n",
            GoYaml::V2,
        )
        .unwrap();
        assert_eq!(v.get("b"), Some(&Yaml::Str("two".into())));
        assert_eq!(
            v.to_json(),
            r#"{"a":"\u003cx\u003e","b":"two","c":[1,2.5,true,null]}"#
        );
        assert_eq!(
            parse("# only a comment\n\n", GoYaml::V2).unwrap(),
            Yaml::Null
        );
        let v = parse("x: !foo 1\n", GoYaml::V2).unwrap();
        assert_eq!(v.get("x"), Some(&Yaml::Int(1)));
    }

    #[test]
    fn documents_split_on_separator_lines() {
        let (docs, e) = split_documents("a: 1\n---\nb: 2\n--- # two\n\n---\nc: 3");
        assert!(e.is_none());
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["a: 1\n", "b: 2\n", "\n", "c: 3"]);
        assert_eq!(docs[1].first_line, 3);
        assert_eq!(docs[3].first_line, 7);
        let (docs, e) = split_documents("a: 1\n--- b: 2\n");
        assert!(docs.is_empty());
        assert_eq!(e.as_deref(), Some("invalid Yaml document separator: b: 2"));
    }

    #[test]
    fn go_floats() {
        assert_eq!(go_float(1.5), "1.5");
        assert_eq!(go_float(2.0), "2");
        assert_eq!(go_float(1e21), "1e+21");
        assert_eq!(go_float(1e-7), "1e-7");
    }
}
