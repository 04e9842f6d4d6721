//! The page's language as state: chosen once at start (`?lang=`, the last
//! choice, the browser's languages), and on a switch remembered, written to
//! the URL and to `<html lang>`. Nothing else changes with it. A language
//! is shown once its catalog has arrived: until then the first visit shows
//! no words, and a switch keeps the language it had.

use yew::prelude::*;

use crate::dom;
use crate::i18n::{load, I18n, Lang, LoadError};

const REMEMBERED: &str = "dataplay-lang";

/// The words in the language shown (none before its catalog arrives),
/// the callback that switches it, and a catalog that could not be fetched.
pub struct Language {
    pub i18n: Option<I18n>,
    pub switch: Callback<Lang>,
    pub failed: Option<LoadError>,
}

#[hook]
pub fn use_language() -> Language {
    let wanted = use_state(|| {
        let chosen = Lang::choose(
            dom::search_param("lang").as_deref(),
            dom::remembered(REMEMBERED).as_deref(),
            &dom::browser_languages(),
        );
        chosen
    });
    let shown = use_state(|| I18n::has(*wanted).then_some(*wanted));
    let failed = use_state(|| None::<LoadError>);
    // The last language asked for: a catalog that arrives after another
    // switch is kept, not shown.
    let latest = use_mut_ref(|| *wanted);
    *latest.borrow_mut() = *wanted;
    {
        let (shown, failed) = (shown.clone(), failed.clone());
        use_effect_with(*wanted, move |&lang| {
            wasm_bindgen_futures::spawn_local(async move {
                match if I18n::has(lang) { Ok(()) } else { load(lang).await } {
                    Ok(()) if *latest.borrow() == lang => {
                        dom::set_document_language(lang.code());
                        failed.set(None);
                        shown.set(Some(lang));
                    }
                    Ok(()) => {}
                    Err(e) => failed.set(Some(e)),
                }
            });
        });
    }
    let switch = {
        let wanted = wanted.clone();
        Callback::from(move |to: Lang| {
            dom::remember(REMEMBERED, to.code());
            dom::replace_search_param("lang", to.code());
            wanted.set(to);
        })
    };
    Language {
        i18n: (*shown).map(I18n::new),
        switch,
        failed: (*failed).clone(),
    }
}

/// The page before its first catalog: nothing while it is on its way; if
/// it cannot be fetched, what failed, in both languages (no catalog can
/// word it), and a reload.
pub fn waiting(failed: Option<&LoadError>) -> Html {
    let Some(e) = failed else {
        return html! { <div class="app" aria-busy="true" data-testid="texts-loading"></div> };
    };
    let reload = Callback::from(|_: MouseEvent| dom::reload());
    html! {
        <div class="app" data-testid="texts-failed">
            <p role="alert" lang="vi">{ format!("Không tải được văn bản giao diện của trang ({}: {}).", e.file, e.detail) }</p>
            <p role="alert" lang="en">{ format!("The page's texts could not be loaded ({}: {}).", e.file, e.detail) }</p>
            <button onclick={reload}>{ "Tải lại trang / Reload" }</button>
        </div>
    }
}
