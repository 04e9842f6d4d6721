//! The lake against the warehouse, aspect by aspect, with the numbers of
//! this session: bytes stored, rows accepted and rejected, query times.

use std::collections::BTreeMap;
use std::rc::Rc;

use dataplay_api::lake::LakeView;
use yew::prelude::*;

use crate::components::lake_listing::bytes;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<LakeView>,
    /// (ms, rows) of the last lake query and the last warehouse query.
    pub lake_query: Option<(f64, usize)>,
    pub warehouse_query: Option<(f64, usize)>,
}

#[function_component(Comparison)]
pub fn comparison(props: &Props) -> Html {
    let view = &props.view;
    let lake_bytes: u64 = view.files.iter().map(|f| f.bytes).sum();
    let warehouse_bytes: u64 = view.declared.iter().map(|t| t.bytes).sum();
    let accepted: usize = view.declared.iter().map(|t| t.rows).sum();
    let rejected: usize = view.declared.iter().map(|t| t.rejects).sum();
    let scanned = view.scans.iter().map(|s| s.files_scanned).sum::<usize>();
    let skipped = view.scans.iter().map(|s| s.files_skipped).sum::<usize>();
    let pruning = if scanned + skipped > 0 {
        format!("; {scanned} files scanned, {skipped} skipped")
    } else {
        String::new()
    };
    html! {
        <>
            <h2>{ "Lake vs warehouse, measured" }</h2>
            <table class="comparison" data-testid="comparison">
                <tr><th>{ "Aspect" }</th><th>{ "Data Lake" }</th><th>{ "Data Warehouse" }</th></tr>
                <tr><td>{ "Schema" }</td><td>{ "Schema-on-read: inferred from the files when a query runs" }</td>
                    <td>{ format!("Schema-on-write: {} declared tables; rows that do not fit are rejected at load", view.declared.len()) }</td></tr>
                <tr><td>{ "Data types" }</td><td>{ format!("All formats, kept native: {}", formats(view)) }</td><td>{ "Structured only: typed columns, NOT NULL, keys" }</td></tr>
                <tr><td>{ "Processing" }</td><td>{ "ELT: raw kept, transformed by jobs and queries later" }</td><td>{ "ETL: curated data COPYed in, checked on the way" }</td></tr>
                <tr><td>{ "Stored" }</td><td data-testid="lake-bytes">{ bytes(lake_bytes) }</td><td data-testid="warehouse-bytes">{ format!("{} ({} rows)", bytes(warehouse_bytes), accepted) }</td></tr>
                <tr><td>{ "Rows accepted / rejected" }</td><td>{ "every row is read; nothing is rejected (and nothing is checked)" }</td>
                    <td data-testid="warehouse-rejects">{ format!("{accepted} accepted, {rejected} rejected (see stl_load_errors)") }</td></tr>
                <tr><td>{ "Query time" }</td><td data-testid="lake-time">{ format!("{}{pruning}", timing(props.lake_query)) }</td>
                    <td data-testid="warehouse-time">{ timing(props.warehouse_query) }</td></tr>
            </table>
        </>
    }
}

/// `3 json, 12 parquet`: the lake's files by extension.
fn formats(view: &LakeView) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &view.files {
        *counts.entry(f.path.rsplit('.').next().unwrap_or("?")).or_default() += 1;
    }
    counts
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn timing(q: Option<(f64, usize)>) -> String {
    match q {
        Some((ms, rows)) => format!("{ms:.0} ms for the last query ({rows} rows)"),
        None => "run a query to measure".into(),
    }
}
