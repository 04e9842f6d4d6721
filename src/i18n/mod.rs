//! The page's languages: one Fluent catalog per language (`locales/<lang>/*.ftl`,
//! fetched when the page first speaks it), the language chosen (`?lang=vi|en`, else the last
//! choice, else the browser's language), and [`I18n`], the handle every
//! component words its text with, shared through a Yew context so a switch
//! re-renders what is on screen and keeps every other state.

mod args;
mod catalog;
mod load;

use std::rc::Rc;

use yew::{hook, use_context};

pub use args::Args;
use catalog::Catalog;
pub use load::{load, LoadError};

/// The languages the page speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Vi,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 code (`vi`, `en`): the URL's `?lang=`, `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    /// The language a code names (`vi`, `vi-VN`, `en-GB`), if the page speaks it.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Vi => "Tiếng Việt",
        }
    }

    /// The first of: the URL's choice, the remembered choice, the browser's
    /// languages in order; English when none is one the page speaks.
    pub fn choose(url: Option<&str>, remembered: Option<&str>, browser: &[String]) -> Lang {
        url.and_then(Lang::from_code)
            .or_else(|| remembered.and_then(Lang::from_code))
            .or_else(|| browser.iter().find_map(|b| Lang::from_code(b)))
            .unwrap_or(Lang::En)
    }
}

/// The page's words in one language. Equal when the language is.
#[derive(Clone)]
pub struct I18n {
    lang: Lang,
    catalog: Rc<Catalog>,
}

impl PartialEq for I18n {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
    }
}

impl I18n {
    /// The words of a language whose catalog is here ([`I18n::has`]).
    pub fn new(lang: Lang) -> Self {
        I18n {
            lang,
            catalog: Catalog::get(lang),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether `lang`'s catalog is here (fetched, or built into the tests).
    pub fn has(lang: Lang) -> bool {
        catalog::has(lang)
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.catalog.format(id, None)
    }

    /// A message with arguments.
    pub fn t_with(&self, id: &str, args: &Args) -> String {
        self.catalog.format(id, Some(&args.fluent))
    }

    /// A message whose arguments are the fields of `data` (an enum the
    /// engine sends, serialised as it crosses): see [`args`].
    pub fn t_data(&self, id: &str, data: &serde_json::Value) -> String {
        let args = args::from_data(self, data);
        self.t_with(id, &args)
    }

    /// `1.234.567` in Vietnamese, `1,234,567` in English (from 10 000 up;
    /// smaller numbers and years stay as they are).
    pub fn number(&self, n: f64) -> String {
        args::format_number(self.lang, n)
    }

    /// A count in the page's sentences, rounded: as English always wrote it
    /// (`12345`), grouped in Vietnamese (`12.345`).
    pub fn count(&self, n: f64) -> String {
        match self.lang {
            Lang::En => format!("{n:.0}"),
            Lang::Vi => self.number(n.round()),
        }
    }

    /// A duration given in milliseconds, as a person reads it: `850 ms`,
    /// `2,5 ms` / `2.5 ms` under 10 ms, `1,5 s` / `1.5 s` from a second up,
    /// whole seconds from a minute up (`1.234 s` grouped like any number).
    pub fn duration(&self, ms: f64) -> String {
        if !ms.is_finite() || ms < 0.0 {
            return format!("{ms} ms");
        }
        let one_decimal = |v: f64| self.number((v * 10.0).round() / 10.0);
        if ms < 10.0 {
            format!("{} ms", one_decimal(ms))
        } else if ms < 1000.0 {
            format!("{} ms", self.number(ms.round()))
        } else if ms < 60_000.0 {
            format!("{} s", one_decimal(ms / 1000.0))
        } else {
            format!("{} s", self.number((ms / 1000.0).round()))
        }
    }

    /// `1,5 MB` in Vietnamese, `1.5 MB` in English.
    pub fn bytes(&self, n: u64) -> String {
        let text = dataplay_api::units::human_bytes(n);
        match self.lang {
            Lang::En => text,
            Lang::Vi => text.replace('.', ","),
        }
    }
}

/// The page's words, from the context the app provides.
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(Lang::En))
}

#[cfg(test)]
mod tests;
