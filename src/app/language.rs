//! The page's language as state: chosen once at start (`?lang=`, the last
//! choice, the browser's languages), and on a switch remembered, written to
//! the URL and to `<html lang>`. Nothing else changes with it.

use yew::prelude::*;

use crate::dom;
use crate::i18n::{I18n, Lang};

const REMEMBERED: &str = "dataplay-lang";

/// The words in the chosen language, and the callback that switches it.
#[hook]
pub fn use_language() -> (I18n, Callback<Lang>) {
    let lang = use_state(|| {
        let chosen = Lang::choose(
            dom::search_param("lang").as_deref(),
            dom::remembered(REMEMBERED).as_deref(),
            &dom::browser_languages(),
        );
        dom::set_document_language(chosen.code());
        chosen
    });
    let switch = {
        let lang = lang.clone();
        Callback::from(move |to: Lang| {
            dom::remember(REMEMBERED, to.code());
            dom::replace_search_param("lang", to.code());
            dom::set_document_language(to.code());
            lang.set(to);
        })
    };
    (I18n::new(*lang), switch)
}
