//! The connector panel on the ETL page: with `dataplay serve` found and its
//! token pasted (see `connection`), preview a source table and run the same
//! ETL parameters against the real databases, showing what the merge did to
//! each warehouse table. The playground works without it.

use dataplay_api::connector::{EtlRun, Rows};
use dataplay_api::etl::{EtlParams, SOURCE_TABLES};
use yew::prelude::*;

use crate::components::connection::{rows_table, use_connection};
use crate::components::merge_counts::MergeCountsTable;
use crate::dom;
use crate::i18n::use_i18n;
use crate::words;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The ETL page's parameters, run as they are.
    pub params: EtlParams,
}

#[function_component(ConnectorPanel)]
pub fn connector_panel(props: &Props) -> Html {
    let i18n = use_i18n();
    let connection = use_connection();
    let table = use_state(|| SOURCE_TABLES[0].to_string());
    let preview = use_state(|| None::<Rows>);
    let run = use_state(|| None::<EtlRun>);

    let on_table = {
        let table = table.clone();
        Callback::from(move |e: Event| table.set(dom::select_value(&e)))
    };
    let do_preview = {
        let (connection, table, preview) = (connection.clone(), table.clone(), preview.clone());
        Callback::from(move |_: MouseEvent| {
            let path = format!(
                "/api/sources/preview?table={}&rows=10",
                js_sys::encode_uri_component(&table)
            );
            let preview = preview.clone();
            connection.send::<Rows>(path, None, move |rows| preview.set(Some(rows)));
        })
    };
    let do_run = {
        let (connection, run) = (connection.clone(), run.clone());
        let body = serde_json::to_string(&props.params).unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let run = run.clone();
            connection.send::<EtlRun>("/api/etl".into(), Some(body.clone()), move |r| run.set(Some(r)));
        })
    };

    html! {
        <div class="connector" data-testid="connector">
            <h2>{ i18n.t("etl-connector-title") }</h2>
            <p class="muted">
                { i18n.t("etl-connector-intro") }{ " " }
                <code>{ "dataplay serve" }</code>
                { " " }{ i18n.t("etl-connector-intro-after") }
            </p>
            { connection.view() }
            if connection.health().is_some() {
                <p>
                    <select onchange={on_table} data-testid="connector-table">
                        { for SOURCE_TABLES.iter().map(|t| html! { <option value={*t} selected={*t == table.as_str()}>{ *t }</option> }) }
                    </select>
                    <button onclick={do_preview} disabled={!connection.can_send()} data-testid="connector-preview">{ i18n.t("etl-connector-preview") }</button>
                    <button class="primary" onclick={do_run} disabled={!connection.can_send()} data-testid="connector-run">{ i18n.t("etl-connector-run") }</button>
                </p>
            }
            if let Some(rows) = &*preview {
                { rows_table(rows, "connector-preview-rows") }
            }
            if let Some(r) = &*run {
                <div data-testid="connector-result">
                    if let Some(why) = words::stopped(&i18n, &r.report) {

                        <p class="etl-failed">{ why }</p>
                    }
                    <MergeCountsTable tables={r.warehouse.clone()} testid_prefix="connector-merge-" />
                </div>
            }
        </div>
    }
}
