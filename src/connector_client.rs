//! Calls to the native connector's HTTP API (`dataplay serve`) with the
//! browser's fetch: JSON in, JSON out, the token as a bearer header. The
//! token is passed in by the caller for each call and kept nowhere here.

use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, RequestMode, Response};

fn js(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}

/// `GET` (no body) or `POST` (a JSON body) `base + path`.
pub async fn call<T: DeserializeOwned>(
    base: &str,
    path: &str,
    token: Option<&str>,
    body: Option<String>,
) -> Result<T, String> {
    let url = format!("{}{path}", base.trim_end_matches('/'));
    let init = RequestInit::new();
    init.set_method(if body.is_some() { "POST" } else { "GET" });
    init.set_mode(RequestMode::Cors);
    let headers = Headers::new().map_err(js)?;
    if let Some(t) = token {
        headers.set("Authorization", &format!("Bearer {t}")).map_err(js)?;
    }
    if let Some(b) = body {
        headers.set("Content-Type", "application/json").map_err(js)?;
        init.set_body(&JsValue::from_str(&b));
    }
    init.set_headers(&headers);
    let request = Request::new_with_str_and_init(&url, &init).map_err(js)?;
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| format!("no connector answers at {base}"))?
        .dyn_into()
        .map_err(js)?;
    let text = JsFuture::from(response.text().map_err(js)?)
        .await
        .map_err(js)?
        .as_string()
        .unwrap_or_default();
    if !response.ok() {
        let message = serde_json::from_str::<dataplay_api::connector::ApiError>(&text)
            .map(|e| e.error)
            .unwrap_or(text);
        return Err(format!("connector: {} {message}", response.status()));
    }
    serde_json::from_str(&text).map_err(|e| format!("connector: unexpected answer: {e}"))
}
