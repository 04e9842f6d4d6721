//! The playground's link to the native connector (`dataplay serve`), shared
//! by the ETL page's and the lake page's connector panels: where it listens
//! (remembered in localStorage), whether it answers (its open health route
//! says which databases and lake it has), the token its owner pastes (kept
//! in this memory only, never stored), and the calls made with it. A
//! connector used before is looked for again when a panel opens; otherwise
//! only on click (a probe of a dead address logs a console error).

use dataplay_api::connector::{Health, Rows};
use yew::prelude::*;

use crate::connector_client::call;
use crate::dom;
use crate::i18n::{use_i18n, Args, I18n};

const DEFAULT_ADDRESS: &str = "http://127.0.0.1:8787";
const ADDRESS_KEY: &str = "dataplay.connector";

#[derive(Clone, PartialEq)]
pub enum Status {
    Unknown,
    Checking,
    Absent(String),
    Present(Health),
}

/// The connector as a panel sees it; see [`use_connection`].
#[derive(Clone)]
pub struct Connection {
    address: UseStateHandle<String>,
    token: UseStateHandle<String>,
    status: UseStateHandle<Status>,
    error: UseStateHandle<Option<String>>,
    busy: UseStateHandle<bool>,
    check: Callback<()>,
    /// The words of the panel that asked for it (its hook call subscribes it
    /// to language switches).
    i18n: I18n,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// A connection for one panel.
#[hook]
pub fn use_connection() -> Connection {
    let i18n = use_i18n();
    let remembered = storage().and_then(|s| s.get_item(ADDRESS_KEY).ok().flatten());
    let address = use_state(|| remembered.clone().unwrap_or_else(|| DEFAULT_ADDRESS.to_string()));
    let status = use_state(|| Status::Unknown);
    let check = {
        let (address, status) = (address.clone(), status.clone());
        Callback::from(move |_: ()| {
            let (address, status) = (address.clone(), status.clone());
            status.set(Status::Checking);
            wasm_bindgen_futures::spawn_local(async move {
                match call::<Health>(&address, "/api/health", None, None).await {
                    Ok(h) => {
                        if let Some(s) = storage() {
                            let _ = s.set_item(ADDRESS_KEY, &address);
                        }
                        status.set(Status::Present(h));
                    }
                    Err(e) => status.set(Status::Absent(e)),
                }
            });
        })
    };
    {
        let check = check.clone();
        use_effect_with((), move |_| {
            if remembered.is_some() {
                check.emit(());
            }
        });
    }
    Connection {
        address,
        token: use_state(String::new),
        status,
        error: use_state(|| None),
        busy: use_state(|| false),
        check,
        i18n,
    }
}

impl Connection {
    /// What the connector said of itself, once found.
    pub fn health(&self) -> Option<&Health> {
        match &*self.status {
            Status::Present(h) => Some(h),
            _ => None,
        }
    }

    /// Found, with a token, and no call out: a panel's buttons may send.
    pub fn can_send(&self) -> bool {
        self.health().is_some() && !self.token.is_empty() && !*self.busy
    }

    /// Call `path` with the token (a JSON `body` makes it a POST); `done`
    /// gets the answer, an error shows in the panel.
    pub fn send<T: serde::de::DeserializeOwned + 'static>(
        &self,
        path: String,
        body: Option<String>,
        done: impl FnOnce(T) + 'static,
    ) {
        let this = self.clone();
        this.busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            match call::<T>(&this.address, &path, Some(&this.token), body).await {
                Ok(answer) => {
                    done(answer);
                    this.error.set(None);
                }
                Err(e) => this.error.set(Some(e)),
            }
            this.busy.set(false);
        });
    }

    /// The address, the "look for it" button, what was found, and once it
    /// is found the token field.
    pub fn view(&self) -> Html {
        let on_address = {
            let address = self.address.clone();
            Callback::from(move |e: Event| address.set(dom::input_value(&e)))
        };
        let on_token = {
            let token = self.token.clone();
            Callback::from(move |e: Event| token.set(dom::input_value(&e)))
        };
        let i18n = &self.i18n;
        let none = || i18n.t("data-connector-none");
        html! {
                    <>
                        <label>{ i18n.t("data-connector-address") }{ " " }<input value={(*self.address).clone()} onchange={on_address} data-testid="connector-address" /></label>
                        <button onclick={self.check.reform(|_: MouseEvent| ())} disabled={*self.status == Status::Checking} data-testid="connector-check">{ i18n.t("data-connector-check") }</button>
                        <p data-testid="connector-status">
                            { match &*self.status {
                                Status::Unknown => i18n.t("data-connector-unknown"),
                                Status::Checking => i18n.t("data-connector-checking"),
                                Status::Absent(e) => i18n.t_with("data-connector-absent", &Args::new().text("error", e.clone())),
                                Status::Present(h) => i18n.t_with(
                                    "data-connector-present",
                                    &Args::new()
                                        .text("service", h.service.clone())
                                        .text("version", h.version.clone())
                                        .text("source", h.source.clone().unwrap_or_else(none))
                                        .text("warehouse", h.warehouse.clone())
                                        .text("lake", h.lake.clone().unwrap_or_else(none)),
                                ),
                            } }
                        </p>
                        if self.health().is_some() {
                            <p>
                                <label>{ i18n.t("data-connector-token") }{ " " }<input type="password" autocomplete="off" onchange={on_token} data-testid="connector-token" /></label>
                                if self.token.is_empty() {
                                    <span class="muted" data-testid="connector-needs-token">{ " " }{ i18n.t("data-connector-needs-token") }
        </span>
                                }
                            </p>
                        }
                        if let Some(e) = &*self.error {
                            <p class="warn" data-testid="connector-error">{ e }</p>
                        }
                    </>
                }
    }
}

/// Rows the connector sent (JSON objects by column) as a table.
pub fn rows_table(rows: &Rows, testid: &str) -> Html {
    html! {
        <table class="preview" data-testid={testid.to_string()}>
            <tr>{ for rows.columns.iter().map(|c| html! { <th>{ c }</th> }) }</tr>
            { for rows.rows.iter().map(|r| html! {
                <tr>{ for rows.columns.iter().map(|c| html! {
                    <td>{ match r.get(c) {
                        Some(serde_json::Value::String(s)) => s.clone(),
                        Some(serde_json::Value::Null) | None => String::new(),
                        Some(v) => v.to_string(),
                    } }</td>
                }) }</tr>
            }) }
        </table>
    }
}
