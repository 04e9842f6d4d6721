//! The connector panel on the lake page: the lake `dataplay serve --lake`
//! holds (an S3 bucket or a directory), listed by zone and dataset, and SQL
//! over it run where the files are — only the files the partition filter
//! keeps are fetched, and the panel shows which were scanned and skipped.
//! With the connector found and its token pasted (see `connection`).

use dataplay_api::connector::{LakeFiles, SqlAnswer, SqlRequest};
use dataplay_api::lake::ZONES;
use yew::prelude::*;

use crate::components::connection::{rows_table, use_connection};
use crate::components::lake_listing::{LakeTree, ScanList};
use crate::dom;
use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The query the editor starts with (the page's lake query).
    pub default_sql: String,
}

#[function_component(LakeConnectorPanel)]
pub fn lake_connector_panel(props: &Props) -> Html {
    let i18n = use_i18n();
    let connection = use_connection();
    let zone = use_state(String::new);
    let files = use_state(|| None::<LakeFiles>);
    let sql = use_state(|| None::<String>);
    let answer = use_state(|| None::<SqlAnswer>);
    let sql_text = (*sql).clone().unwrap_or_else(|| props.default_sql.clone());

    let on_zone = {
        let zone = zone.clone();
        Callback::from(move |e: Event| zone.set(dom::select_value(&e)))
    };
    let on_sql = {
        let sql = sql.clone();
        Callback::from(move |e: InputEvent| sql.set(Some(dom::textarea_value(&e))))
    };
    let do_list = {
        let (connection, zone, files) = (connection.clone(), zone.clone(), files.clone());
        Callback::from(move |_: MouseEvent| {
            let path = format!("/api/lake/files?prefix={}", js_sys::encode_uri_component(&zone));
            let files = files.clone();
            connection.send::<LakeFiles>(path, None, move |f| files.set(Some(f)));
        })
    };
    let do_query = {
        let (connection, answer) = (connection.clone(), answer.clone());
        // Every dataset of the connector's lake by its name.
        let body = serde_json::to_string(&SqlRequest {
            sql: sql_text.clone(),
            tables: vec![],
            limit: None,
        })
        .unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let answer = answer.clone();
            connection.send::<SqlAnswer>("/api/lake/sql".into(), Some(body.clone()), move |a| answer.set(Some(a)));
        })
    };

    let health = connection.health();
    html! {
        <div class="connector" data-testid="lake-connector">
            <h2>{ i18n.t("lake-connector-title") }</h2>
            <p class="muted">
                { i18n.t("lake-connector-intro") }{ " " }
                <code>{ "dataplay serve --lake s3://bucket/prefix" }</code>
                { i18n.t("lake-connector-intro-end") }
            </p>
            { connection.view() }
            if health.is_some_and(|h| h.lake.is_none()) {
                <p class="muted" data-testid="lake-connector-none">{ i18n.t("lake-connector-no-lake") }</p>
            }
            if health.is_some_and(|h| h.lake.is_some()) {
                <p>
                    <select onchange={on_zone} data-testid="lake-connector-zone">
                        <option value="" selected={zone.is_empty()}>{ i18n.t("lake-connector-every-zone") }</option>
                        { for ZONES.iter().map(|z| html! { <option value={*z} selected={*z == zone.as_str()}>{ *z }</option> }) }
                    </select>
                    <button onclick={do_list} disabled={!connection.can_send()} data-testid="lake-connector-list">{ i18n.t("lake-connector-list") }</button>
                </p>
                if let Some(f) = &*files {
                    <p data-testid="lake-connector-summary">{ i18n.t_with("lake-connector-summary", &Args::new().text("files", i18n.count(f.files.len() as f64)).text("size", i18n.bytes(f.files.iter().map(|f| f.bytes).sum()))) }</p>
                    <LakeTree files={f.files.clone()} />
                }
                <textarea class="sql-editor" rows="8" value={sql_text} oninput={on_sql} data-testid="lake-connector-sql" />
                <p><button class="primary" onclick={do_query} disabled={!connection.can_send()} data-testid="lake-connector-run">{ i18n.t("lake-connector-run") }</button></p>
                if let Some(a) = &*answer {
                    <ScanList scans={a.scans.clone()} />
                    <p data-testid="lake-connector-rows">{
                        if a.total_rows > a.rows.rows.len() {
                            i18n.t_with("lake-connector-rows-some", &Args::new().text("rows", i18n.count(a.total_rows as f64)).text("shown", i18n.count(a.rows.rows.len() as f64)))
                        } else {
                            i18n.t_with("lake-connector-rows", &Args::new().text("rows", i18n.count(a.total_rows as f64)))
                        }
                    }</p>
                    { rows_table(&a.rows, "lake-connector-result") }
                }
            }
        </div>
    }
}
