//! The few things the pages read from (or write to) the DOM, in one place:
//! the value of the input, select or textarea an event came from (or how
//! far it is scrolled), the files picked in a file input or dropped on the
//! page, and the location's hash and search. A target of another kind, or no window, reads as empty.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, Event, File, FileList, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::TargetCast;

/// The text in the `<input>` the event came from.
pub fn input_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The chosen option's value of the `<select>` the event came from.
pub fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The text in the `<textarea>` the event came from.
pub fn textarea_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlTextAreaElement>()
        .map(|t| t.value())
        .unwrap_or_default()
}

/// The files picked in the file input the event came from. The input is
/// cleared, so that picking the same file again fires `change`.
pub fn take_files(e: &Event) -> Vec<File> {
    let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
        return Vec::new();
    };
    let files = files_of(input.files());
    input.set_value("");
    files
}

/// The files dropped on the page.
pub fn dropped_files(e: &DragEvent) -> Vec<File> {
    files_of(e.data_transfer().and_then(|d| d.files()))
}

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// How far the element the event came from is scrolled (px).
pub fn scroll_top(e: &Event) -> f64 {
    e.target_dyn_into::<Element>()
        .map_or(0.0, |el| f64::from(el.scroll_top()))
}

/// `#/cap?seed=3`, or empty.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// `?max_file_mb=5`, or empty.
pub fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The browser's key for every page's last link.
const LINKS: &str = "dataplay-links";

/// Note a page's link (the navigation goes back to it) and keep every
/// page's for the next visit.
fn note_link(hash: &str) {
    crate::route::remember(hash);
    keep_all_links();
}

fn keep_all_links() {
    if let Ok(json) = serde_json::to_string(&crate::route::links()) {
        remember(LINKS, &json);
    }
}

/// Keep `links` as the pages' links for the next visit (an imported workspace's).
pub fn keep_links(links: crate::route::Links) {
    crate::route::restore(links);
    keep_all_links();
}

/// The pages' links kept from the last visit, then the current one.
pub fn recall_links() {
    if let Some(links) = remembered(LINKS).and_then(|j| serde_json::from_str(&j).ok()) {
        crate::route::restore(links);
    }
    crate::route::remember(&location_hash());
}

/// Forget the pages' links (a reset workspace).
pub fn forget_links() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(LINKS);
    }
}

pub fn set_location_hash(hash: &str) {
    note_link(hash);
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Call `f` whenever the location's hash changes, for as long as the
/// returned closure is kept.
pub fn on_hash_change(f: impl FnMut() + 'static) -> Closure<dyn FnMut()> {
    let mut f = f;
    let listener = Closure::<dyn FnMut()>::new(move || {
        note_link(&location_hash());
        f()
    });
    if let Some(w) = web_sys::window() {
        w.set_onhashchange(Some(listener.as_ref().unchecked_ref()));
    }
    listener
}

/// A query parameter of the location's search (`?lang=vi` → `vi`).
pub fn search_param(key: &str) -> Option<String> {
    web_sys::UrlSearchParams::new_with_str(&location_search())
        .ok()?
        .get(key)
}

/// Set a query parameter of the location's search without reloading (the
/// hash and the other parameters kept), so the link says it.
pub fn replace_search_param(key: &str, value: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location_search()) else {
        return;
    };
    params.set(key, value);
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}?{}{}", String::from(params.to_string()), location_hash());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Remove a query parameter of the location's search without reloading.
pub fn remove_search_param(key: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location_search()) else {
        return;
    };
    params.delete(key);
    let path = window.location().pathname().unwrap_or_default();
    let query = String::from(params.to_string());
    let url = format!(
        "{path}{}{query}{}",
        if query.is_empty() { "" } else { "?" },
        location_hash()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The text at `url` (same origin, or a server that allows it: CORS), or
/// why not (an HTTP status, the browser's words).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let why = |e: JsValue| {
        e.as_string()
            .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
            .unwrap_or_else(|| "the request failed".into())
    };
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(why)?
        .dyn_into()
        .map_err(why)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(why)?).await.map_err(why)?;
    Ok(text.as_string().unwrap_or_default())
}

/// What this browser remembers under `key` (localStorage), if anything.
pub fn remembered(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn remember(key: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

/// The browser's languages, most preferred first (`navigator.languages`).
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return vec![];
    };
    let mut out: Vec<String> = navigator.languages().iter().filter_map(|l| l.as_string()).collect();
    out.extend(navigator.language());
    out
}

/// `<html lang="…">`: what screen readers and hyphenation go by.
pub fn set_document_language(code: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
    }
}

/// Set (`Some`) or remove (`None`) an attribute of `<html>`: the shell's
/// modes the style sheet follows (`data-present`).
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(v) => root.set_attribute(name, v),
        None => root.remove_attribute(name),
    };
}

/// Replace the location's hash without a history entry or a `hashchange`
/// (a search typed into the glossary), the search kept.
pub fn replace_hash(hash: &str) {
    note_link(hash);
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{}{hash}", location_search());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    // No `hashchange` for a replaced state: say so to whoever follows the link.
    if let Ok(e) = web_sys::Event::new(LINK_REPLACED) {
        let _ = window.dispatch_event(&e);
    }
}

/// The event `replace_hash` sends on the window.
const LINK_REPLACED: &str = "dataplay-link";

/// Call `f` whenever a page replaces its link (`replace_hash`), for as long
/// as the returned closure is kept.
pub fn on_link_replaced(f: impl FnMut() + 'static) -> LinkListener {
    let closure = Closure::<dyn FnMut()>::new(f);
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback(LINK_REPLACED, closure.as_ref().unchecked_ref());
    }
    LinkListener { closure }
}

/// A `dataplay-link` listener on the window, removed when dropped.
pub struct LinkListener {
    closure: Closure<dyn FnMut()>,
}

impl Drop for LinkListener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(LINK_REPLACED, self.closure.as_ref().unchecked_ref());
        }
    }
}

/// A `keydown` listener on the document, removed when dropped.
pub struct KeyListener {
    closure: Closure<dyn FnMut(web_sys::KeyboardEvent)>,
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            let _ = d.remove_event_listener_with_callback("keydown", self.closure.as_ref().unchecked_ref());
        }
    }
}

/// Call `f` on every key pressed anywhere on the page, for as long as the
/// returned listener is kept.
pub fn on_keydown(f: impl FnMut(web_sys::KeyboardEvent) + 'static) -> KeyListener {
    let closure = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(f);
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let _ = d.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
    }
    KeyListener { closure }
}

/// Whether the key went to a field the user types in (an input, a
/// textarea, a select, editable text): shortcuts leave those alone.
pub fn is_typing(e: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let kind = el.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
    let text_input = tag == "input"
        && !matches!(
            kind.as_str(),
            "button" | "submit" | "checkbox" | "radio" | "range" | "file"
        );
    text_input
        || tag == "textarea"
        || tag == "select"
        || el.get_attribute("contenteditable").is_some_and(|v| v != "false")
}

/// Move the keyboard focus to the element a `NodeRef` holds.
pub fn focus(node: &yew::NodeRef) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Load the page again.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Save a file made of `parts` (byte arrays, `File`s, `Blob`s: the
/// browser joins them, nothing is copied here) through a temporary link.
pub fn download(parts: &js_sys::Array, file_name: &str, mime: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Let the browser start the download before the URL goes.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or(JsValue::NULL)?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// Scroll the element of `test_id` (a `data-testid`) to the middle of the
/// view; false when there is none (yet).
pub fn scroll_to(test_id: &str) -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("[data-testid=\"{test_id}\"]")).ok().flatten())
    else {
        return false;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    true
}
