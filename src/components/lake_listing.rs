//! How a lake is shown, wherever it lives (the worker's in-browser lake or
//! the connector's S3 bucket): the file tree by zone/dataset with sizes, and
//! what each table of a query read (files scanned / skipped by the
//! partition filter, columns left out).

use std::collections::BTreeMap;

use dataplay_api::lake::{LakeFile, TableScan};
use yew::prelude::*;

use crate::i18n::{use_i18n, Args, I18n, Lang};

/// A byte count for people: `512 B`, `3.4 KB`, `12.0 MB`.
pub fn bytes(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else if n >= 1_000 {
        format!("{:.1} KB", n as f64 / 1e3)
    } else {
        format!("{n} B")
    }
}

/// [`bytes`] as each language writes it: `3.4 KB` in English, `3,4 KB` in
/// Vietnamese.
pub fn size(i18n: &I18n, n: u64) -> String {
    match i18n.lang() {
        Lang::En => bytes(n),
        Lang::Vi => bytes(n).replace('.', ","),
    }
}

/// A count in the page's sentences: as English always wrote it (`20000`),
/// grouped in Vietnamese (`20.000`).
pub fn count(i18n: &I18n, n: usize) -> String {
    match i18n.lang() {
        Lang::En => n.to_string(),
        Lang::Vi => i18n.number(n as f64),
    }
}

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
                html! {
                    <li>
                        <details>
                            <summary data-testid="lake-dataset">{ i18n.t_with("lake-tree-dataset", &Args::new().text("dataset", dataset.clone()).text("files", count(&i18n, files.len())).text("size", self::size(&i18n, size))) }</summary>
                            <ul>
                                { for files.iter().map(|f| html! {
                                    <li data-testid="lake-file"><code>{ &f.path }</code>{ format!(" {}", self::size(&i18n, f.bytes)) }</li>
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
        .text("scanned", count(i18n, s.files_scanned))
        .text("skipped", count(i18n, s.files_skipped))
        .text("size", size(i18n, s.bytes_scanned))
        .text("rows", count(i18n, s.rows));
    match &s.pruned_by {
        Some(filter) => i18n.t_with("lake-scan-pruned", &args.text("filter", filter.clone())),
        None => i18n.t_with("lake-scan", &args),
    }
}
