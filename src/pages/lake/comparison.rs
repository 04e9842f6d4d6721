//! The lake against the warehouse, aspect by aspect, with the numbers of
//! this session: bytes stored, rows accepted and rejected, query times.

use std::collections::BTreeMap;
use std::rc::Rc;

use dataplay_api::lake::LakeView;
use yew::prelude::*;

use crate::components::term::Term;
use crate::i18n::{use_i18n, Args, I18n};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<LakeView>,
    /// (ms, rows) of the last lake query and the last warehouse query.
    pub lake_query: Option<(f64, usize)>,
    pub warehouse_query: Option<(f64, usize)>,
}

#[function_component(Comparison)]
pub fn comparison(props: &Props) -> Html {
    let i18n = use_i18n();
    let view = &props.view;
    let lake_bytes: u64 = view.files.iter().map(|f| f.bytes).sum();
    let warehouse_bytes: u64 = view.declared.iter().map(|t| t.bytes).sum();
    let accepted: usize = view.declared.iter().map(|t| t.rows).sum();
    let rejected: usize = view.declared.iter().map(|t| t.rejects).sum();
    let scanned = view.scans.iter().map(|s| s.files_scanned).sum::<usize>();
    let skipped = view.scans.iter().map(|s| s.files_skipped).sum::<usize>();
    let pruning = if scanned + skipped > 0 {
        let args = Args::new()
            .text("scanned", i18n.count(scanned as f64))
            .text("skipped", i18n.count(skipped as f64));
        format!("; {}", i18n.t_with("lake-cmp-pruning", &args))
    } else {
        String::new()
    };
    html! {
        <>
            <h2>{ i18n.t("lake-cmp-title") }</h2>
            <div class="table-scroll">
            <table class="comparison" data-testid="comparison">
                <tr><th>{ i18n.t("lake-cmp-aspect") }</th><th><Term id="data-lake"><>{ i18n.t("lake-cmp-lake") }</></Term></th><th><Term id="data-warehouse"><>{ i18n.t("lake-cmp-warehouse") }</></Term></th></tr>
                <tr><td>{ i18n.t("lake-cmp-schema") }</td><td>{ i18n.t("lake-cmp-schema-lake") }</td>
                    <td>{ i18n.t_with("lake-cmp-schema-warehouse", &Args::new().text("tables", i18n.count(view.declared.len() as f64))) }</td></tr>
                <tr><td>{ i18n.t("lake-cmp-types") }</td><td>{ i18n.t_with("lake-cmp-types-lake", &Args::new().text("formats", formats(view))) }</td><td>{ i18n.t("lake-cmp-types-warehouse") }</td></tr>
                <tr><td>{ i18n.t("lake-cmp-processing") }</td><td>{ i18n.t("lake-cmp-processing-lake") }</td><td>{ i18n.t("lake-cmp-processing-warehouse") }</td></tr>
                <tr><td>{ i18n.t("lake-cmp-stored") }</td><td data-testid="lake-bytes">{ i18n.bytes(lake_bytes) }</td><td data-testid="warehouse-bytes">{ i18n.t_with("lake-cmp-stored-warehouse", &Args::new().text("size", i18n.bytes(warehouse_bytes)).text("rows", i18n.count(accepted as f64))) }</td></tr>
                <tr><td>{ i18n.t("lake-cmp-rows") }</td><td>{ i18n.t("lake-cmp-rows-lake") }</td>
                    <td data-testid="warehouse-rejects">{ i18n.t_with("lake-cmp-rows-warehouse", &Args::new().text("accepted", i18n.count(accepted as f64)).text("rejected", i18n.count(rejected as f64))) }</td></tr>
                <tr><td>{ i18n.t("lake-cmp-time") }</td><td data-testid="lake-time">{ format!("{}{pruning}", timing(&i18n, props.lake_query)) }</td>
                    <td data-testid="warehouse-time">{ timing(&i18n, props.warehouse_query) }</td></tr>
            </table>
            </div>
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

fn timing(i18n: &I18n, q: Option<(f64, usize)>) -> String {
    match q {
        Some((ms, rows)) => {
            let args = Args::new()
                .text("time", i18n.duration(ms))
                .text("rows", i18n.count(rows as f64));
            i18n.t_with("lake-cmp-time-last", &args)
        }
        None => i18n.t("lake-cmp-time-none"),
    }
}
