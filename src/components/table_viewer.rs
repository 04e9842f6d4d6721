//! Tables a module produced, as tabs: the chosen one's size, export buttons
//! (CSV, JSON, Parquet) and its rows in the virtualised preview.

use dataplay_api::{DatasetSummary, FileFormat, RowsWindow};
use yew::prelude::*;

use crate::components::preview_table::PreviewTable;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Prefix of the test ids (`etl` → `etl-table-<name>`, `etl-row-count`).
    pub id: &'static str,
    pub tables: Vec<DatasetSummary>,
    pub selected: Option<DatasetSummary>,
    pub window: Option<RowsWindow>,
    pub epoch: u32,
    pub can_fetch: bool,
    pub on_select: Callback<String>,
    pub on_rows: Callback<(String, usize, usize)>,
    pub on_export: Callback<(String, FileFormat)>,
}

#[function_component(TableViewer)]
pub fn table_viewer(props: &Props) -> Html {
    let selected = props.selected.as_ref().map(|s| s.name.clone());
    let id = props.id;
    html! {
        <>
            <nav class="dataset-tabs" data-testid={format!("{id}-tables")}>
                { for props.tables.iter().map(|d| {
                    let on_click = { let select = props.on_select.clone(); let n = d.name.clone(); Callback::from(move |_| select.emit(n.clone())) };
                    html! {
                        <span class={classes!("tab", (selected.as_deref() == Some(d.name.as_str())).then_some("active"))}>
                            <button class="tab-name" onclick={on_click} data-testid={format!("{id}-table-{}", d.name)}>{ format!("{} ({})", d.name, d.rows) }</button>
                        </span>
                    }
                }) }
            </nav>
            if let Some(s) = props.selected.clone() {
                <div class="dataset-info">
                    <h3 data-testid={format!("{id}-table-name")}>{ &s.name }</h3>
                    <span class="stat"><span data-testid={format!("{id}-row-count")}>{ s.rows }</span>{ " rows" }</span>
                    <span class="stat">{ format!("{} columns", s.columns.len()) }</span>
                    { for [FileFormat::Csv, FileFormat::Json, FileFormat::Parquet].into_iter().map(|f| {
                        let export = props.on_export.clone();
                        let name = s.name.clone();
                        let on_click = Callback::from(move |_| export.emit((name.clone(), f)));
                        html! { <button onclick={on_click} data-testid={format!("export-{}", f.extension())}>{ format!("Export {}", f.label()) }</button> }
                    }) }
                </div>
                <PreviewTable summary={s} epoch={props.epoch} can_fetch={props.can_fetch} window={props.window.clone()} on_rows={props.on_rows.clone()} />
            }
        </>
    }
}
