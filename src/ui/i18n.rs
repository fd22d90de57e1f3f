//! The interface's messages: `assets/i18n/en-US.ftl` and `zh-CN.ftl`, in Fluent's syntax (the
//! tests check them with the `fluent` crate itself, and check that this module formats every
//! message as Fluent does). At run time a small reader of the subset the files use takes
//! Fluent's place: messages of one line with `{ $arg }` placeables, and selections on a number
//! (`{ $n -> [0] ... [one] ... *[other] ... }`, English or Chinese plural rules). It weighs a
//! seventh of what Fluent and dioxus-i18n add to the web build.
//!
//! The language comes from the tree (a signal in context), so every component that shows a
//! message renders again when it changes.

use crate::store::Lang;
use dioxus::prelude::*;
use std::sync::OnceLock;

const EN: &str = include_str!("../../assets/i18n/en-US.ftl");
const ZH: &str = include_str!("../../assets/i18n/zh-CN.ftl");

/// A value for a placeable: a number (which also selects plural variants) or text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Num(i64),
    Text(String),
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Num(n as i64)
            }
        }
    )*};
}
num_arg!(usize, u32, u64, i32, i64, u8, u16);

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

/// A piece of a message's text.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Arg(String),
}

/// A message: its text, or a selection on a numeric argument.
#[derive(Debug, Clone, PartialEq)]
enum Msg {
    Plain(Vec<Piece>),
    Select {
        arg: String,
        /// (key, pattern): `0`, `one`, `other`, ...
        variants: Vec<(String, Vec<Piece>)>,
        default: usize,
    },
}

/// One language's messages, by id.
struct Catalog(Vec<(String, Msg)>);

/// Splits `{ $name }` placeables out of a line of text.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = vec![];
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        let inner = rest[i + 1..i + j].trim();
        if let Some(name) = inner.strip_prefix('$') {
            if i > 0 {
                out.push(Piece::Text(rest[..i].to_string()));
            }
            out.push(Piece::Arg(name.trim().to_string()));
        } else if let Some(lit) = inner.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
            // a string literal placeable (`{"{"}`): its text
            out.push(Piece::Text(format!("{}{lit}", &rest[..i])));
        } else {
            out.push(Piece::Text(rest[..i + j + 1].to_string()));
        }
        rest = &rest[i + j + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    out
}

impl Catalog {
    fn parse(src: &str) -> Catalog {
        let mut msgs = vec![];
        let mut lines = src.lines().peekable();
        while let Some(line) = lines.next() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with(' ') {
                continue;
            }
            let Some((id, value)) = line.split_once('=') else {
                continue;
            };
            let (id, value) = (id.trim().to_string(), value.trim());
            if let Some(head) = value
                .strip_prefix('{')
                .filter(|v| v.trim_end().ends_with("->"))
            {
                let arg = head
                    .trim()
                    .trim_end_matches("->")
                    .trim()
                    .trim_start_matches('$')
                    .to_string();
                let mut variants = vec![];
                let mut default = 0;
                for v in lines.by_ref() {
                    let v = v.trim();
                    if v == "}" {
                        break;
                    }
                    let star = v.starts_with('*');
                    let v = v.trim_start_matches('*');
                    let Some((key, text)) = v.strip_prefix('[').and_then(|v| v.split_once(']'))
                    else {
                        continue;
                    };
                    if star {
                        default = variants.len();
                    }
                    variants.push((key.trim().to_string(), pieces(text.trim())));
                }
                msgs.push((
                    id,
                    Msg::Select {
                        arg,
                        variants,
                        default,
                    },
                ));
            } else {
                msgs.push((id, Msg::Plain(pieces(value))));
            }
        }
        // sorted by id, for a binary search at every message shown
        kindlab_content::sort::by(&mut msgs, |a, b| a.0.cmp(&b.0));
        Catalog(msgs)
    }

    fn get(&self, id: &str) -> Option<&Msg> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .map(|i| &self.0[i].1)
    }
}

/// The plural category of `n` (CLDR): English has one and other, Chinese only other.
fn plural(lang: Lang, n: i64) -> &'static str {
    match lang {
        Lang::En if n == 1 => "one",
        _ => "other",
    }
}

fn render(pattern: &[Piece], args: &[(&str, Arg)], out: &mut String) {
    for p in pattern {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Arg(name) => match args.iter().find(|(k, _)| k == name).map(|(_, v)| v) {
                Some(Arg::Num(n)) => out.push_str(&n.to_string()),
                Some(Arg::Text(t)) => out.push_str(t),
                None => {
                    out.push_str("{$");
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
}

/// One language's messages, read at their first use (an English page never reads Chinese's).
fn catalog(lang: Lang) -> &'static Catalog {
    static EN_MSGS: OnceLock<Catalog> = OnceLock::new();
    static ZH_MSGS: OnceLock<Catalog> = OnceLock::new();
    match lang {
        Lang::En => EN_MSGS.get_or_init(|| Catalog::parse(EN)),
        Lang::Zh => ZH_MSGS.get_or_init(|| Catalog::parse(ZH)),
    }
}

/// Formats message `id` in `lang` (English when the language lacks it; the id itself when no
/// language has it).
pub(crate) fn format(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let found = match lang {
        Lang::Zh => catalog(Lang::Zh).get(id).map(|m| (m, Lang::Zh)),
        Lang::En => None,
    }
    .or_else(|| catalog(Lang::En).get(id).map(|m| (m, Lang::En)));
    let Some((msg, lang)) = found else {
        return id.to_string();
    };
    let mut out = String::new();
    match msg {
        Msg::Plain(p) => render(p, args, &mut out),
        Msg::Select {
            arg,
            variants,
            default,
        } => {
            let n = args
                .iter()
                .find(|(k, _)| k == arg)
                .and_then(|(_, v)| match v {
                    Arg::Num(n) => Some(*n),
                    Arg::Text(_) => None,
                });
            let pick = n
                .and_then(|n| {
                    let exact = n.to_string();
                    let cat = plural(lang, n);
                    variants
                        .iter()
                        .position(|(k, _)| *k == exact)
                        .or_else(|| variants.iter().position(|(k, _)| k == cat))
                })
                .unwrap_or(*default);
            if let Some((_, p)) = variants.get(pick) {
                render(p, args, &mut out);
            }
        }
    }
    out
}

/// The language messages are shown in, provided by the app's root (a signal: components that
/// show messages follow it).
#[derive(Clone, Copy)]
pub struct UiLang(pub Signal<Lang>);

/// Provides the message language to the tree below (the app's root, a pre-rendered drawing).
pub fn use_ui_lang(lang: Lang) -> Signal<Lang> {
    use_context_provider(|| UiLang(Signal::new(lang))).0
}

/// The language of the messages here and now (English outside an app).
fn current() -> Lang {
    try_consume_context::<UiLang>()
        .map(|l| *l.0.read())
        .unwrap_or_default()
}

/// The message `id` in the current language. One small function rather than a macro
/// expansion at each of the ~300 call sites (the web build pays for code size).
pub(crate) fn tr(id: &str) -> String {
    format(current(), id, &[])
}

/// The message `id` with arguments.
pub(crate) fn tr_args(id: &str, args: &[(&str, Arg)]) -> String {
    format(current(), id, args)
}

/// `t!("id")`, `t!("id", name: value, ...)`: the message in the current language.
macro_rules! t {
    ($id:expr) => {
        $crate::ui::i18n::tr($id)
    };
    ($id:expr, $( $name:ident : $value:expr ),* ) => {
        $crate::ui::i18n::tr_args(
            $id,
            &[$( (stringify!($name), $crate::ui::i18n::Arg::from($value)) ),*],
        )
    };
}
pub(crate) use t;

#[cfg(test)]
mod tests {
    use super::*;
    use fluent::{FluentArgs, FluentBundle, FluentResource, FluentValue};

    fn ids(src: &str) -> Vec<String> {
        let res = FluentResource::try_new(src.to_string()).expect("ftl parses");
        res.entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    fn lang_id(lang: Lang) -> unic_langid::LanguageIdentifier {
        lang.tag().parse().unwrap()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let en = ids(EN);
        let zh = ids(ZH);
        let missing: Vec<_> = en.iter().filter(|id| !zh.contains(id)).collect();
        let extra: Vec<_> = zh.iter().filter(|id| !en.contains(id)).collect();
        assert!(missing.is_empty(), "zh-CN.ftl lacks {missing:?}");
        assert!(extra.is_empty(), "zh-CN.ftl has unknown {extra:?}");
        assert!(en.len() > 20);
        // and each bundle loads without errors
        for src in [EN, ZH] {
            let mut b = FluentBundle::new(vec![lang_id(Lang::En)]);
            b.add_resource(FluentResource::try_new(src.to_string()).unwrap())
                .expect("no duplicate ids");
        }
    }

    /// Every message, in both languages, with numbers that pick each plural variant: the same
    /// text as Fluent's own (without its bidi isolation marks, which the app never showed).
    #[test]
    fn every_message_reads_as_fluent_formats_it() {
        for (lang, src) in [(Lang::En, EN), (Lang::Zh, ZH)] {
            let mut bundle = FluentBundle::new(vec![lang_id(lang)]);
            bundle.set_use_isolating(false);
            bundle
                .add_resource(FluentResource::try_new(src.to_string()).unwrap())
                .unwrap();
            let numbers = [
                "n", "minutes", "correct", "total", "done", "read", "answered", "workers", "cp",
                "inter", "fall", "right",
            ];
            let texts = [
                "time", "id", "slug", "ports", "location", "detail", "backup", "name", "path",
                "pod", "why",
            ];
            for id in ids(src) {
                for n in [0i64, 1, 2, 7] {
                    let mut fa = FluentArgs::new();
                    let mut mine = vec![];
                    for k in numbers {
                        fa.set(k, FluentValue::from(n));
                        mine.push((k, Arg::Num(n)));
                    }
                    for k in texts {
                        fa.set(k, FluentValue::from(format!("<{k}>")));
                        mine.push((k, Arg::Text(format!("<{k}>"))));
                    }
                    let msg = bundle.get_message(&id).unwrap();
                    let mut errors = vec![];
                    let want = bundle
                        .format_pattern(msg.value().unwrap(), Some(&fa), &mut errors)
                        .to_string();
                    let got = format(lang, &id, &mine);
                    assert_eq!(got, want, "{id} ({lang:?}, n = {n})");
                }
            }
        }
    }

    #[test]
    fn a_missing_message_falls_back_to_english_then_to_its_id() {
        assert_eq!(format(Lang::Zh, "no-such-message", &[]), "no-such-message");
        let one = format(Lang::En, "quiz-count", &[("n", Arg::Num(1))]);
        let many = format(Lang::En, "quiz-count", &[("n", Arg::Num(3))]);
        assert_eq!(
            (one.as_str(), many.as_str()),
            ("One question", "3 questions")
        );
        assert_eq!(
            format(Lang::En, "quiz-due-count", &[("n", Arg::Num(0))]),
            "Nothing due for review"
        );
    }
}
