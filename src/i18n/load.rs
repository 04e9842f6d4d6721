//! Fetching a language's catalog files from the site (`locales/<lang>/`,
//! copied into `dist/` by Trunk), all at once, before the page speaks it.
//! The URL carries a hash of every catalog's bytes (`build.rs`), so a new
//! build's words are never mixed with a cached old file.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use super::catalog::{self, FILE_NAMES};
use super::Lang;

/// What went wrong fetching a catalog: the file and why (an HTTP status or
/// the browser's words). Shown as it is: there are no catalog words yet.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub file: String,
    pub detail: String,
}

/// Fetch `lang`'s files and hand them to the catalog.
pub async fn load(lang: Lang) -> Result<(), LoadError> {
    let window = web_sys::window().ok_or_else(|| LoadError {
        file: String::new(),
        detail: "no window".into(),
    })?;
    let urls: Vec<String> = FILE_NAMES
        .iter()
        .map(|f| format!("locales/{}/{f}?v={}", lang.code(), env!("DATAPLAY_LOCALES_HASH")))
        .collect();
    // Every request starts before the first is awaited.
    let pending: Vec<_> = urls.iter().map(|u| JsFuture::from(window.fetch_with_str(u))).collect();
    let mut texts = Vec::with_capacity(urls.len());
    for (url, fetch) in urls.iter().zip(pending) {
        let failed = |detail: String| LoadError {
            file: url.split('?').next().unwrap_or(url).to_string(),
            detail,
        };
        let response: Response = fetch
            .await
            .map_err(|e| failed(words(&e)))?
            .dyn_into()
            .map_err(|e| failed(words(&e)))?;
        if !response.ok() {
            return Err(failed(format!("HTTP {}", response.status())));
        }
        let text = JsFuture::from(response.text().map_err(|e| failed(words(&e)))?)
            .await
            .map_err(|e| failed(words(&e)))?;
        texts.push(text.as_string().unwrap_or_default());
    }
    catalog::provide(lang, texts);
    Ok(())
}

fn words(e: &wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "the request failed".into())
}
