//! The connector panel on the ETL page: finds `dataplay serve` at an
//! address (its open health route says what kinds of databases and lake it
//! has), and with the token its owner pastes, previews a source table and
//! runs the same ETL parameters against the real databases, showing what
//! the merge did to each warehouse table. The playground works without it;
//! the token stays in this component's memory (never stored), the address
//! is remembered in localStorage.

use dataplay_api::connector::{EtlRun, Health, Rows};
use dataplay_api::etl::{EtlParams, SOURCE_TABLES};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::merge_counts::MergeCountsTable;
use crate::connector_client::call;

const DEFAULT_ADDRESS: &str = "http://127.0.0.1:8787";
const ADDRESS_KEY: &str = "dataplay.connector";

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The ETL page's parameters, run as they are.
    pub params: EtlParams,
}

#[derive(Clone, PartialEq)]
enum Status {
    Unknown,
    Checking,
    Absent(String),
    Present(Health),
}

/// What a call with the token needs: where, the token, and where its
/// error and busy state go.
#[derive(Clone)]
struct Calls {
    address: UseStateHandle<String>,
    token: UseStateHandle<String>,
    error: UseStateHandle<Option<String>>,
    busy: UseStateHandle<bool>,
}

impl Calls {
    /// Call `path` with the token; `done` gets the answer, an error goes to the panel.
    fn send<T: serde::de::DeserializeOwned + 'static>(
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
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

#[function_component(ConnectorPanel)]
pub fn connector_panel(props: &Props) -> Html {
    let remembered = storage().and_then(|s| s.get_item(ADDRESS_KEY).ok().flatten());
    let address = use_state(|| remembered.clone().unwrap_or_else(|| DEFAULT_ADDRESS.to_string()));
    let token = use_state(String::new);
    let status = use_state(|| Status::Unknown);
    let table = use_state(|| SOURCE_TABLES[0].to_string());
    let preview = use_state(|| None::<Rows>);
    let run = use_state(|| None::<EtlRun>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

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
    // A connector used before is looked for again when the page opens.
    {
        let check = check.clone();
        use_effect_with((), move |_| {
            if remembered.is_some() {
                check.emit(());
            }
        });
    }
    let on_address = {
        let address = address.clone();
        Callback::from(move |e: Event| address.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_token = {
        let token = token.clone();
        Callback::from(move |e: Event| token.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_table = {
        let table = table.clone();
        Callback::from(move |e: Event| table.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let calls = Calls {
        address: address.clone(),
        token: token.clone(),
        error: error.clone(),
        busy: busy.clone(),
    };
    let do_preview = {
        let (calls, table, preview) = (calls.clone(), table.clone(), preview.clone());
        Callback::from(move |_: MouseEvent| {
            let path = format!(
                "/api/sources/preview?table={}&rows=10",
                js_sys::encode_uri_component(&table)
            );
            let preview = preview.clone();
            calls.send::<Rows>(path, None, move |rows| preview.set(Some(rows)));
        })
    };
    let do_run = {
        let (calls, run) = (calls.clone(), run.clone());
        let body = serde_json::to_string(&props.params).unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let run = run.clone();
            calls.send::<EtlRun>("/api/etl".into(), Some(body.clone()), move |r| run.set(Some(r)));
        })
    };

    let present = matches!(&*status, Status::Present(_));
    html! {
        <div class="connector" data-testid="connector">
            <h2>{ "Your databases (connector)" }</h2>
            <p class="muted">
                { "Run this pipeline against real PostgreSQL/MySQL sources and warehouse with the native connector: " }
                <code>{ "dataplay serve" }</code>
                { " on this machine. Its credentials stay with it; paste the token from its token file." }
            </p>
            <label>{ "Address " }<input value={(*address).clone()} onchange={on_address} data-testid="connector-address" /></label>
            <button onclick={check.reform(|_: MouseEvent| ())} disabled={*status == Status::Checking} data-testid="connector-check">{ "Look for the connector" }</button>
            <p data-testid="connector-status">
                { match &*status {
                    Status::Unknown => "Not looked for yet.".to_string(),
                    Status::Checking => "Looking…".to_string(),
                    Status::Absent(e) => format!("Not running ({e}). Start it with `dataplay serve`; the playground works without it."),
                    Status::Present(h) => format!(
                        "Connected: {} {} — source {}, warehouse {}, lake {}",
                        h.service,
                        h.version,
                        h.source.as_deref().unwrap_or("none"),
                        h.warehouse,
                        h.lake.as_deref().unwrap_or("none"),
                    ),
                } }
            </p>
            if present {
                <p>
                    <label>{ "Token " }<input type="password" autocomplete="off" onchange={on_token} data-testid="connector-token" /></label>
                    <select onchange={on_table} data-testid="connector-table">
                        { for SOURCE_TABLES.iter().map(|t| html! { <option value={*t} selected={*t == table.as_str()}>{ *t }</option> }) }
                    </select>
                    <button onclick={do_preview} disabled={*busy || token.is_empty()} data-testid="connector-preview">{ "Preview source table" }</button>
                    <button class="primary" onclick={do_run} disabled={*busy || token.is_empty()} data-testid="connector-run">{ "Run on the databases" }</button>
                </p>
                if token.is_empty() {
                    <p class="muted" data-testid="connector-needs-token">{ "Paste the connector's token to use it." }</p>
                }
            }
            if let Some(e) = &*error {
                <p class="warn" data-testid="connector-error">{ e }</p>
            }
            if let Some(rows) = &*preview {
                <table class="preview" data-testid="connector-preview-rows">
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
            if let Some(r) = &*run {
                <div data-testid="connector-result">
                    if let Some(why) = &r.report.failed {
                        <p class="etl-failed">{ why }</p>
                    }
                    <MergeCountsTable tables={r.warehouse.clone()} testid_prefix="connector-merge-" />
                </div>
            }
        </div>
    }
}
