//! The playground offline: once the engine is ready (so that its download
//! is not shared with the service worker's), register `sw.js`, which keeps
//! the page, its words and both wasm files for the next visit (see
//! static/sw.js). A browser without service workers (an insecure http
//! origin other than localhost, some private windows) just goes on without.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

/// Register once, the first time the engine is ready (a restarted engine
/// is ready again: the registration stands).
#[hook]
pub fn use_offline(ready: bool) {
    let done = use_mut_ref(|| false);
    use_effect_with(ready, move |ready| {
        if *ready && !*done.borrow() {
            *done.borrow_mut() = true;
            register();
        }
    });
}

fn register() {
    let Some(window) = web_sys::window() else { return };
    let container = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|c| c.is_object());
    let Some(container) = container else { return };
    let Some(register) = js_sys::Reflect::get(&container, &JsValue::from_str("register"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    if let Ok(promise) = register.call1(&container, &JsValue::from_str("./sw.js")) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            // Refused (no https, storage off): the page works as before.
            spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }
}
