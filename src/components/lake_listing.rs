//! How a lake is shown, wherever it lives (the worker's in-browser lake or
//! the connector's S3 bucket): the file tree by zone/dataset with sizes, and
//! what each table of a query read (files scanned / skipped by the
//! partition filter, columns left out).

use std::collections::BTreeMap;

use dataplay_api::lake::{LakeFile, TableScan};
use yew::prelude::*;

use crate::i18n::{use_i18n, Args, I18n};

/// zone/dataset → its files.
pub fn datasets(files: &[LakeFile]) -> BTreeMap<String, Vec<&LakeFile>> {
    let mut out: BTreeMap<String, Vec<&LakeFile>> = BTreeMap::new();
    for f in files {
        let mut parts = f.path.splitn(3, '/');
        let key = format!(
            "{}/{}",
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default()
        );
        out.entry(key).or_default().push(f);
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct TreeProps {
    pub files: Vec<LakeFile>,
    /// The datasets shown unfolded, and what to tell when one is folded
    /// or unfolded (the page keeps them in its link); none: each as the
    /// user leaves it.
    #[prop_or_default]
    pub open: Option<std::collections::BTreeSet<String>>,
    #[prop_or_default]
    pub on_toggle: Callback<(String, bool)>,
}

/// The lake's files grouped by zone/dataset, each group folded open on click
/// (`lake-tree`, `lake-dataset`, `lake-file`).
#[function_component(LakeTree)]
pub fn lake_tree(props: &TreeProps) -> Html {
    let i18n = use_i18n();
    html! {
        <ul class="lake-tree" data-testid="lake-tree">
            { for datasets(&props.files).iter().map(|(dataset, files)| {
                let size: u64 = files.iter().map(|f| f.bytes).sum();
                let open = props.open.as_ref().is_some_and(|o| o.contains(dataset));
                let ontoggle = {
                    let (tell, dataset) = (props.on_toggle.clone(), dataset.clone());
                    Callback::from(move |e: Event| {
                        let now = e
                            .target()
                            .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                            .and_then(|v| v.as_bool())
                            .unwrap_or(false);
                        tell.emit((dataset.clone(), now));
                    })
                };
                html! {
                    <li>
                        <details open={open} ontoggle={ontoggle}>
                            <summary data-testid="lake-dataset">{ i18n.t_with("lake-tree-dataset", &Args::new().text("dataset", dataset.clone()).text("files", i18n.count(files.len() as f64)).text("size", i18n.bytes(size))) }</summary>
                            <ul>
                                { for files.iter().map(|f| html! {
                                    <li data-testid="lake-file"><code>{ &f.path }</code>{ format!(" {}", i18n.bytes(f.bytes)) }</li>
                                }) }
                            </ul>
                        </details>
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct ScansProps {
    pub scans: Vec<TableScan>,
}

/// One line per table a query read (`lake-scans`, `lake-scan`).
#[function_component(ScanList)]
pub fn scan_list(props: &ScansProps) -> Html {
    let i18n = use_i18n();
    if props.scans.is_empty() {
        return html! {};
    }
    html! {
        <ul class="scans" data-testid="lake-scans">
            { for props.scans.iter().map(|s| html! {
                <li data-testid="lake-scan">{ scan_line(&i18n, s) }
                    if !s.columns_skipped.is_empty() {
                        <span class="muted" data-testid="lake-columns-skipped">{ i18n.t_with("lake-scan-columns-skipped", &Args::new().text("columns", s.columns_skipped.join(", "))) }</span>
                    }
                </li>
            }) }
        </ul>
    }
}

/// `user_interactions: 7 files scanned, 24 skipped by day BETWEEN 1 AND 7 —
/// 1.2 MB, 5000 rows` (the filter as the engine wrote it).
fn scan_line(i18n: &I18n, s: &TableScan) -> String {
    let args = Args::new()
        .text("table", s.table.clone())
        .text("scanned", i18n.count(s.files_scanned as f64))
        .text("skipped", i18n.count(s.files_skipped as f64))
        .text("size", i18n.bytes(s.bytes_scanned))
        .text("rows", i18n.count(s.rows as f64));
    match &s.pruned_by {
        Some(filter) => i18n.t_with("lake-scan-pruned", &args.text("filter", filter.clone())),
        None => i18n.t_with("lake-scan", &args),
    }
}
