//! `kubectl apply -f` / `kubectl create -f`: reading the sources (files, directories, stdin),
//! splitting and decoding their documents, and what the API server answers for each.

use super::{flag_err, specs};
use crate::k8s::apply::{Outcome, Refusal};
use crate::manifest::{self, Manifest};
use crate::shell::flags::{flag, parse_flags, Parsed};
use crate::shell::with_errors;
use crate::world::World;
use crate::yaml::{self, GoYaml, Yaml};

/// `kubectl apply -f` / `kubectl create -f`.
pub(super) fn apply(
    w: &mut World,
    ci: usize,
    args: &[String],
    stdin: Option<&str>,
    create: bool,
) -> Result<String, String> {
    let sub = if create { "create" } else { "apply" };
    let p = parse_flags(
        args,
        &specs(&[
            flag("filename", Some('f'), true),
            flag("dry-run", None, true),
            flag("recursive", Some('R'), false),
            flag("validate", None, true),
            flag("save-config", None, false),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, sub))?;
    if let Some(x) = p.positional.first() {
        return Err(if create {
            format!("error: unknown command \"{x}\" for \"kubectl create\" (this lab creates from files: kubectl create -f FILE)")
        } else {
            format!("error: Unexpected args: [{x}]\nSee 'kubectl apply -h' for help and examples")
        });
    }
    apply_files(w, ci, &p, stdin, create)
}

/// `kubectl apply -f ...` (`create`: `kubectl create -f ...`).
fn apply_files(
    w: &mut World,
    ci: usize,
    p: &Parsed,
    stdin: Option<&str>,
    create: bool,
) -> Result<String, String> {
    let verb = if create { "create" } else { "apply" };
    let files = p.all("filename");
    if files.is_empty() {
        return Err("error: must specify one of -f and -k".into());
    }
    let dry = match p.last("dry-run") {
        None | Some("none") | Some("false") => "",
        Some("client") | Some("true") => " (dry run)",
        Some("server") => " (server dry run)",
        Some(x) => {
            return Err(format!(
                "error: Invalid dry-run value ({x}). Must be \"none\", \"server\", or \"client\"."
            ))
        }
    };
    let flag_ns = p.last("namespace").map(|s| s.to_string());
    let ns = flag_ns.clone().unwrap_or_else(|| "default".into());
    let (sources, read_errs) = read_sources(w, &files, stdin);
    let mut errs: Vec<(String, bool)> = read_errs.into_iter().map(|e| (e, true)).collect();
    let (docs, doc_errs) = documents(&sources);
    errs.extend(doc_errs);
    let mut items: Vec<(String, Manifest)> = vec![];
    for (src, doc) in docs {
        match manifest::decode(&doc, &ns) {
            Ok(m) => {
                if let (Some(f), Some(d)) = (&flag_ns, &m.meta.namespace) {
                    if f != d {
                        errs.push((ns_mismatch(d, f), true));
                        continue;
                    }
                }
                items.push((src, m));
            }
            Err(e) => {
                let (msg, prefix) = e.render(&src, "creating");
                errs.push((msg, prefix));
            }
        }
    }
    if items.is_empty() && errs.is_empty() {
        return Err(format!("error: no objects passed to {verb}"));
    }
    let mut out = String::new();
    for (src, m) in &items {
        let r = if dry.is_empty() {
            w.cluster_op(ci, |cl, now, rng| cl.apply_manifest(m, create, now, rng))
        } else {
            w.dry_cluster_op(ci, |cl, now, rng| cl.apply_manifest(m, create, now, rng))
        };
        match r {
            Ok((outcome, warn)) => {
                if warn {
                    out.push_str(&format!("Warning: resource {}/{} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n", m.kind.resource(), m.meta.name));
                }
                let word = if create { Outcome::Created } else { outcome };
                out.push_str(&format!(
                    "{}/{} {}{dry}\n",
                    m.kind.prefix(),
                    m.meta.name,
                    word.as_str()
                ));
            }
            Err(Refusal::NamespaceNotFound(n)) => errs.push((
                format!("Error from server (NotFound): error when creating {src:?}: namespaces {n:?} not found"),
                false,
            )),
            Err(Refusal::AlreadyExists) => errs.push((
                format!(
                    "Error from server (AlreadyExists): error when creating {src:?}: {} {:?} already exists",
                    m.kind.resource(),
                    m.meta.name
                ),
                false,
            )),
            Err(Refusal::Invalid(causes)) => {
                let e = manifest::Error::Invalid {
                    kind: m.kind,
                    name: m.meta.name.clone(),
                    causes,
                };
                errs.push(e.render(src, "patching"));
            }
        }
    }
    with_errors(out, error_text(&errs))
}

/// The manifests of `-f` arguments: (source as kubectl names it, text), and read errors.
pub(super) fn read_sources(
    w: &World,
    files: &[String],
    stdin: Option<&str>,
) -> (Vec<(String, String)>, Vec<String>) {
    let mut out = vec![];
    let mut errs = vec![];
    for f in files {
        if f == "-" {
            out.push(("STDIN".to_string(), stdin.unwrap_or("").to_string()));
            continue;
        }
        match w.fs.read(f) {
            Ok(t) => out.push((f.clone(), t.to_string())),
            Err(_) if w.fs.is_dir(f) => {
                for name in w.fs.list(f).unwrap_or_default() {
                    if [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e)) {
                        let p = format!("{}/{name}", f.trim_end_matches('/'));
                        if let Ok(t) = w.fs.read(&p) {
                            out.push((p, t.to_string()));
                        }
                    }
                }
            }
            Err(_) => errs.push(format!("the path {f:?} does not exist")),
        }
    }
    (out, errs)
}

/// The documents of the sources: (source, document) in order, and the errors kubectl's stream
/// reader and decoder report (a YAML error ends its source).
/// (source, document) pairs.
pub(super) type Docs = Vec<(String, Yaml)>;
/// (message, needs kubectl's `error: ` prefix) pairs.
pub(super) type Errors = Vec<(String, bool)>;

pub(super) fn documents(sources: &[(String, String)]) -> (Docs, Errors) {
    let mut docs = vec![];
    let mut errs = vec![];
    for (src, text) in sources {
        let (parts, sep_err) = yaml::split_documents(text);
        let mut broken = false;
        for d in parts {
            match yaml::parse(&d.text, GoYaml::V2) {
                Ok(Yaml::Null) => {}
                Ok(v) => docs.push((src.clone(), v)),
                Err(e) => {
                    errs.push((
                        format!("error parsing {src}: error converting YAML to JSON: {e}"),
                        true,
                    ));
                    broken = true;
                    break;
                }
            }
        }
        if let (Some(e), false) = (sep_err, broken) {
            errs.push((format!("error parsing {src}: {e}"), true));
        }
    }
    (docs, errs)
}

/// How kubectl prints the errors of a command that went on after them: one with `error: ` (for
/// its own errors), several one per line.
pub(super) fn error_text(errs: &[(String, bool)]) -> String {
    match errs {
        [] => String::new(),
        [(m, prefix)] => {
            if *prefix {
                format!("error: {m}\n")
            } else {
                format!("{m}\n")
            }
        }
        many => many.iter().map(|(m, _)| format!("{m}\n")).collect(),
    }
}

pub(super) fn ns_mismatch(doc_ns: &str, flag: &str) -> String {
    format!("the namespace from the provided object {doc_ns:?} does not match the namespace {flag:?}. You must pass '--namespace={doc_ns}' to perform this operation.")
}
