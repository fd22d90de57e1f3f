//! Strict decoding: the API server's unknown-field and Go type errors against the schema.

use super::schema::*;
use super::*;

/// Strict decoding against the schema: the first type error (Go's message), and the unknown
/// fields (`spec.containers[0].imagee`).
pub(super) struct Check {
    pub(super) type_error: Option<String>,
    pub(super) unknown: Vec<String>,
    pub(super) quantity_error: Option<String>,
}

impl Check {
    pub(super) fn walk(
        &mut self,
        v: &Yaml,
        s: &S,
        path: &str,
        plain: &str,
        strukt: &str,
        spec_path: &str,
    ) {
        if v.is_null() {
            return;
        }
        let s = match s {
            S::Any => match sub_schema(spec_path) {
                Some(sub) => sub,
                None => return,
            },
            s => s,
        };
        let mismatch = |this: &mut Check, what: String, ty: &str| {
            if this.type_error.is_none() {
                this.type_error = Some(format!(
                    "json: cannot unmarshal {what} into Go struct field {strukt}.{plain} of type {ty}"
                ));
            }
        };
        let kind_of = |v: &Yaml| -> String {
            match v {
                Yaml::Float(f) => format!("number {f}"),
                other => other.json_kind().to_string(),
            }
        };
        match s {
            S::Any => {}
            S::Str => {
                if !matches!(v, Yaml::Str(_)) {
                    mismatch(self, kind_of(v), "string");
                }
            }
            S::Int(ty) => match v {
                Yaml::Int(_) => {}
                Yaml::Float(f) if f.fract() == 0.0 => {}
                other => mismatch(self, kind_of(other), ty),
            },
            S::Bool => {
                if !matches!(v, Yaml::Bool(_)) {
                    mismatch(self, kind_of(v), "bool");
                }
            }
            S::StrMap => match v {
                Yaml::Map(m) => {
                    for (_, x) in m {
                        if !matches!(x, Yaml::Str(_) | Yaml::Null) {
                            mismatch(self, kind_of(x), "string");
                        }
                    }
                }
                other => mismatch(self, kind_of(other), "map[string]string"),
            },
            S::QtyMap => match v {
                Yaml::Map(m) => {
                    for (_, x) in m {
                        self.quantity(x);
                    }
                }
                other => mismatch(self, kind_of(other), "v1.ResourceList"),
            },
            S::Arr(ty, elem) => match v {
                Yaml::Seq(items) => {
                    for (i, x) in items.iter().enumerate() {
                        self.walk(x, elem, &format!("{path}[{i}]"), plain, strukt, spec_path);
                    }
                }
                other => mismatch(self, kind_of(other), ty),
            },
            S::Obj(ty, fields) => match v {
                Yaml::Map(m) => {
                    let inner = ty.rsplit('.').next().unwrap_or(ty);
                    let mut keys: Vec<&(String, Yaml)> = m.iter().collect();
                    keys.sort_by(|a, b| a.0.cmp(&b.0));
                    for (k, x) in keys {
                        let p = if path.is_empty() {
                            k.clone()
                        } else {
                            format!("{path}.{k}")
                        };
                        let pl = if plain.is_empty() {
                            k.clone()
                        } else {
                            format!("{plain}.{k}")
                        };
                        let sp = if spec_path.is_empty() {
                            k.clone()
                        } else {
                            format!("{spec_path}.{k}")
                        };
                        match fields.iter().find(|(f, _)| f == k) {
                            Some((_, fs)) => self.walk(x, fs, &p, &pl, inner, &sp),
                            None => self.unknown.push(p),
                        }
                    }
                }
                other => {
                    // the struct named in Go's message is the one holding this field
                    mismatch(self, kind_of(other), ty)
                }
            },
        }
    }

    pub(super) fn quantity(&mut self, v: &Yaml) {
        let text = match v {
            Yaml::Str(s) => s.clone(),
            Yaml::Int(i) => i.to_string(),
            Yaml::Float(f) => f.to_string(),
            _ => String::new(),
        };
        if let Err(e) = Quantity::parse(&text) {
            if self.quantity_error.is_none() {
                self.quantity_error = Some(e);
            }
        }
    }
}

pub(super) fn top_schema(kind: Kind) -> Vec<(&'static str, &'static S)> {
    let mut v: Vec<(&'static str, &'static S)> = vec![
        ("apiVersion", &S::Str),
        ("kind", &S::Str),
        ("metadata", &OBJECT_META),
    ];
    match kind {
        Kind::Pod => {
            v.push(("spec", &POD_SPEC));
            v.push(("status", &S::Any));
        }
        Kind::Deployment => {
            v.push(("spec", &DEPLOYMENT_SPEC));
            v.push(("status", &S::Any));
        }
        Kind::Pvc => {
            v.push(("spec", &PVC_SPEC));
            v.push(("status", &S::Any));
        }
        Kind::Pv => {
            v.push(("spec", &PV_SPEC));
            v.push(("status", &S::Any));
        }
        Kind::StorageClass => {
            v.push(("provisioner", &S::Str));
            v.push(("parameters", &S::StrMap));
            v.push(("reclaimPolicy", &S::Str));
            v.push(("mountOptions", &STR_ARR));
            v.push(("allowVolumeExpansion", &S::Bool));
            v.push(("volumeBindingMode", &S::Str));
            v.push(("allowedTopologies", &S::Any));
        }
    }
    v
}

pub(super) fn strict_check(doc: &Yaml, kind: Kind) -> Result<(), Error> {
    let mut c = Check {
        type_error: None,
        unknown: vec![],
        quantity_error: None,
    };
    let fields = top_schema(kind);
    if let Yaml::Map(m) = doc {
        let mut keys: Vec<&(String, Yaml)> = m.iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, v) in keys {
            match fields.iter().find(|(f, _)| f == k) {
                Some((_, s)) => c.walk(v, s, k, k, kind.name(), k),
                None => c.unknown.push(k.clone()),
            }
        }
    }
    let bad = |detail: String| Error::BadRequest { kind, detail };
    if let Some(e) = c.type_error {
        return Err(bad(e));
    }
    if let Some(e) = c.quantity_error {
        return Err(bad(e));
    }
    if !c.unknown.is_empty() {
        let list: Vec<String> = c
            .unknown
            .iter()
            .map(|u| format!("unknown field {u:?}"))
            .collect();
        return Err(bad(format!("strict decoding error: {}", list.join(", "))));
    }
    Ok(())
}
