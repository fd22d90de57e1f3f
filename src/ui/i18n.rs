use crate::store::Lang;
use dioxus_i18n::prelude::I18nConfig;
use dioxus_i18n::unic_langid::LanguageIdentifier;

const EN: &str = include_str!("../../assets/i18n/en-US.ftl");
const ZH: &str = include_str!("../../assets/i18n/zh-CN.ftl");

pub fn lang_id(lang: Lang) -> LanguageIdentifier {
    // both tags are constants known to parse
    lang.tag().parse().unwrap_or_default()
}

/// The message `id` in the current language. One small function rather than dioxus-i18n's
/// `t!` expansion at each of the ~300 call sites (that macro inlines argument building and a
/// panic message everywhere, which the web build pays for in size).
pub fn tr(id: &str) -> String {
    dioxus_i18n::prelude::i18n().translate(id)
}

/// The message `id` with Fluent arguments.
pub fn tr_args(id: &str, args: &[(&str, dioxus_i18n::fluent::FluentValue<'static>)]) -> String {
    let mut a = dioxus_i18n::fluent::FluentArgs::new();
    for (k, v) in args {
        a.set(*k, v.clone());
    }
    // Fluent wraps each placed value in bidi isolation marks (U+2068, U+2069): invisible, but
    // they end up in copied text and screen readers; every text here is left-to-right
    dioxus_i18n::prelude::i18n()
        .translate_with_args(id, Some(&a))
        .replace(['\u{2068}', '\u{2069}'], "")
}

/// `t!("id")`, `t!("id", name: value, ...)`: like dioxus-i18n's, through [`tr`] / [`tr_args`].
macro_rules! t {
    ($id:expr) => {
        $crate::ui::i18n::tr($id)
    };
    ($id:expr, $( $name:ident : $value:expr ),* ) => {
        $crate::ui::i18n::tr_args(
            $id,
            &[$( (stringify!($name), dioxus_i18n::fluent::FluentValue::from($value)) ),*],
        )
    };
}
pub(crate) use t;

/// Both Fluent bundles, with English as the fallback for any missing message.
pub fn i18n_config(lang: Lang) -> I18nConfig {
    I18nConfig::new(lang_id(lang))
        .with_locale((lang_id(Lang::En), EN))
        .with_locale((lang_id(Lang::Zh), ZH))
        .with_fallback(lang_id(Lang::En))
}

#[cfg(test)]
mod tests {
    use fluent::{FluentBundle, FluentResource};

    fn ids(src: &str) -> Vec<String> {
        let res = FluentResource::try_new(src.to_string()).expect("ftl parses");
        res.entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let en = ids(super::EN);
        let zh = ids(super::ZH);
        let missing: Vec<_> = en.iter().filter(|id| !zh.contains(id)).collect();
        let extra: Vec<_> = zh.iter().filter(|id| !en.contains(id)).collect();
        assert!(missing.is_empty(), "zh-CN.ftl lacks {missing:?}");
        assert!(extra.is_empty(), "zh-CN.ftl has unknown {extra:?}");
        assert!(en.len() > 20);
        // and each bundle loads without errors
        for src in [super::EN, super::ZH] {
            let mut b = FluentBundle::new(vec![super::super::lang_id(crate::store::Lang::En)]);
            b.add_resource(FluentResource::try_new(src.to_string()).unwrap())
                .expect("no duplicate ids");
        }
    }
}
