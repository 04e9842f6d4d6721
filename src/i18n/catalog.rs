//! The catalogs, parsed once per language. The page fetches a language's
//! files when it first speaks it (`load.rs`: the wasm carries no text, so
//! a room downloads only its own language); the native tests build them
//! in. A message missing in one language falls back to English when
//! English is loaded (the catalog test keeps that from happening); a
//! message missing in both shows its id.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use intl_memoizer::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use super::args::format_value;
use super::Lang;

/// Each language's files, in the order they are added (one per page, and
/// the shell's and the errors' own): `locales/<lang>/<file>`.
pub const FILE_NAMES: [&str; 7] = [
    "app.ftl",
    "errors.ftl",
    "data.ftl",
    "etl.ftl",
    "lake.ftl",
    "cap.ftl",
    "glossary.ftl",
];

/// The same files built in, for the native tests.
#[cfg(test)]
pub const FILES: [(Lang, &str, &str); 14] = [
    (Lang::En, "app.ftl", include_str!("../../locales/en/app.ftl")),
    (Lang::En, "errors.ftl", include_str!("../../locales/en/errors.ftl")),
    (Lang::En, "data.ftl", include_str!("../../locales/en/data.ftl")),
    (Lang::En, "etl.ftl", include_str!("../../locales/en/etl.ftl")),
    (Lang::En, "lake.ftl", include_str!("../../locales/en/lake.ftl")),
    (Lang::En, "cap.ftl", include_str!("../../locales/en/cap.ftl")),
    (Lang::En, "glossary.ftl", include_str!("../../locales/en/glossary.ftl")),
    (Lang::Vi, "app.ftl", include_str!("../../locales/vi/app.ftl")),
    (Lang::Vi, "errors.ftl", include_str!("../../locales/vi/errors.ftl")),
    (Lang::Vi, "data.ftl", include_str!("../../locales/vi/data.ftl")),
    (Lang::Vi, "etl.ftl", include_str!("../../locales/vi/etl.ftl")),
    (Lang::Vi, "lake.ftl", include_str!("../../locales/vi/lake.ftl")),
    (Lang::Vi, "cap.ftl", include_str!("../../locales/vi/cap.ftl")),
    (Lang::Vi, "glossary.ftl", include_str!("../../locales/vi/glossary.ftl")),
];

pub struct Catalog {
    /// The language's bundle, then English's (the fallback).
    bundles: Vec<Rc<FluentBundle<FluentResource>>>,
}

thread_local! {
    /// Each language's files as fetched, in `FILE_NAMES` order.
    static SOURCES: RefCell<HashMap<Lang, Vec<String>>> = RefCell::new(HashMap::new());
    /// Each language's files, parsed once.
    static BUNDLES: RefCell<HashMap<Lang, Rc<FluentBundle<FluentResource>>>> = RefCell::new(HashMap::new());
}

/// Hand over a language's files (fetched): from now on it can be spoken.
pub fn provide(lang: Lang, texts: Vec<String>) {
    SOURCES.with(|s| s.borrow_mut().insert(lang, texts));
    BUNDLES.with(|b| b.borrow_mut().remove(&lang));
}

/// Whether the language's files are here.
pub fn has(lang: Lang) -> bool {
    cfg!(test) || SOURCES.with(|s| s.borrow().contains_key(&lang))
}

fn sources(lang: Lang) -> Vec<String> {
    if let Some(texts) = SOURCES.with(|s| s.borrow().get(&lang).cloned()) {
        return texts;
    }
    #[cfg(test)]
    return FILES
        .iter()
        .filter(|(l, ..)| *l == lang)
        .map(|(.., text)| text.to_string())
        .collect();
    #[cfg(not(test))]
    Vec::new()
}

fn bundle(lang: Lang) -> Rc<FluentBundle<FluentResource>> {
    BUNDLES.with(|b| {
        b.borrow_mut()
            .entry(lang)
            .or_insert_with(|| Rc::new(parse(lang)))
            .clone()
    })
}

fn parse(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // Directional isolation marks around arguments would show in copied text.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::En => english,
        Lang::Vi => vietnamese,
    }));
    for text in sources(lang) {
        // A syntax error keeps the entries that parsed (the test names it).
        let resource = FluentResource::try_new(text).unwrap_or_else(|(partial, _)| partial);
        bundle.add_resource_overriding(resource);
    }
    bundle
}

fn english(value: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    format_value(Lang::En, value)
}

fn vietnamese(value: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    format_value(Lang::Vi, value)
}

impl Catalog {
    pub fn get(lang: Lang) -> Rc<Catalog> {
        let mut bundles = vec![bundle(lang)];
        if lang != Lang::En && has(Lang::En) {
            bundles.push(bundle(Lang::En));
        }
        Rc::new(Catalog { bundles })
    }

    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in &self.bundles {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = vec![];
                return bundle.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        id.to_string()
    }
}
