//! How a lake is shown, wherever it lives (the worker's in-browser lake or
//! the connector's S3 bucket): the file tree by zone/dataset with sizes, and
//! what each table of a query read (files scanned / skipped by the
//! partition filter, columns left out).

use std::collections::BTreeMap;

use dataplay_api::lake::{LakeFile, TableScan};
use yew::prelude::*;

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
    html! {
        <ul class="lake-tree" data-testid="lake-tree">
            { for datasets(&props.files).iter().map(|(dataset, files)| {
                let size: u64 = files.iter().map(|f| f.bytes).sum();
                html! {
                    <li>
                        <details>
                            <summary data-testid="lake-dataset">{ format!("{dataset}/ — {} files, {}", files.len(), bytes(size)) }</summary>
                            <ul>
                                { for files.iter().map(|f| html! {
                                    <li data-testid="lake-file"><code>{ &f.path }</code>{ format!(" {}", bytes(f.bytes)) }</li>
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
    if props.scans.is_empty() {
        return html! {};
    }
    html! {
        <ul class="scans" data-testid="lake-scans">
            { for props.scans.iter().map(|s| html! {
                <li data-testid="lake-scan">{ format!("{}: {} files scanned, {} skipped{} — {}, {} rows", s.table, s.files_scanned, s.files_skipped,
                    s.pruned_by.as_ref().map(|f| format!(" by {f}")).unwrap_or_default(), bytes(s.bytes_scanned), s.rows) }
                    if !s.columns_skipped.is_empty() {
                        <span class="muted" data-testid="lake-columns-skipped">{ format!("; columns left out (the query does not name them): {}", s.columns_skipped.join(", ")) }</span>
                    }
                </li>
            }) }
        </ul>
    }
}
