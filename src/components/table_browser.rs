//! One list of tables (a `state::Browser`: the Data page's own tables, the
//! ETL's outputs, the lake's results) as tabs, then the chosen table's size
//! — with where it was read from on the Data page, with export buttons
//! (CSV, JSON, Parquet) elsewhere — and its rows in the virtualised preview.

use dataplay_api::{DatasetSummary, FileFormat};
use yew::prelude::*;

use crate::actions::{use_actions, EngineActions};
use crate::components::preview_table::PreviewTable;
use crate::i18n::{use_i18n, Args};
use crate::state::Browser;

/// Which browser is shown: it decides the test ids, which selection the
/// tabs change, and whether tables can be removed (Data) or exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowserKind {
    Data,
    Etl,
    Lake,
}

impl BrowserKind {
    /// `datasets`, `etl-tables`, `lake-tables`.
    fn tabs_id(self) -> String {
        self.id("datasets", "tables")
    }

    /// `dataset-<name>`, `etl-table-<name>`.
    fn tab_id(self, name: &str) -> String {
        self.id(&format!("dataset-{name}"), &format!("table-{name}"))
    }

    /// `dataset-name`, `etl-table-name`.
    fn name_id(self) -> String {
        self.id("dataset-name", "table-name")
    }

    /// `row-count`, `etl-row-count`.
    fn rows_id(self) -> String {
        self.id("row-count", "row-count")
    }

    fn id(self, data: &str, module: &str) -> String {
        match self {
            BrowserKind::Data => data.to_string(),
            BrowserKind::Etl => format!("etl-{module}"),
            BrowserKind::Lake => format!("lake-{module}"),
        }
    }

    fn select(self, actions: &EngineActions) -> Callback<String> {
        match self {
            BrowserKind::Data => actions.select.clone(),
            BrowserKind::Etl => actions.select_etl.clone(),
            BrowserKind::Lake => actions.select_lake.clone(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub kind: BrowserKind,
    pub browser: Browser,
    /// Engine restarts so far (see `AppState::epoch`).
    pub epoch: u32,
    /// The engine can be asked for rows now.
    pub can_fetch: bool,
    /// Re-read a column as text (tables read from a file).
    #[prop_or_default]
    pub on_text: Option<Callback<String>>,
}

#[function_component(TableBrowser)]
pub fn table_browser(props: &Props) -> Html {
    let actions = use_actions();
    let selected = props.browser.selected_summary().cloned();
    html! {
        <>
            <TableTabs kind={props.kind} tables={props.browser.datasets.clone()} selected={selected.as_ref().map(|s| s.name.clone())} />
            if let Some(s) = selected {
                <TableInfo kind={props.kind} summary={s.clone()} />
                <PreviewTable summary={s} epoch={props.epoch} can_fetch={props.can_fetch} window={props.browser.window.clone()}
                    on_rows={actions.rows.clone()} on_text={props.on_text.clone()} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct TabsProps {
    kind: BrowserKind,
    tables: Vec<DatasetSummary>,
    selected: Option<String>,
}

/// A tab per table; on the Data page each can be removed.
#[function_component(TableTabs)]
fn table_tabs(props: &TabsProps) -> Html {
    let i18n = use_i18n();
    let actions = use_actions();
    let kind = props.kind;
    let select = kind.select(&actions);
    html! {
        <nav class="dataset-tabs" data-testid={kind.tabs_id()}>
            { for props.tables.iter().map(|d| {
                let active = props.selected.as_deref() == Some(d.name.as_str());
                let on_click = select.reform({ let n = d.name.clone(); move |_: MouseEvent| n.clone() });
                let remove = actions.remove.reform({ let n = d.name.clone(); move |_: MouseEvent| n.clone() });
                html! {
                    <span class={classes!("tab", active.then_some("active"))}>
                        if kind == BrowserKind::Data {
                            <button class="tab-name" onclick={on_click} data-testid={kind.tab_id(&d.name)}>
                                { &d.name }<small>{ format!(" {}", d.rows) }</small>
                            </button>
                            <button class="tab-close" onclick={remove} title={i18n.t("data-remove-table")} data-testid={format!("remove-{}", d.name)}>{ "×" }</button>
                        } else {
                            <button class="tab-name" onclick={on_click} data-testid={kind.tab_id(&d.name)}>{ format!("{} ({})", d.name, d.rows) }</button>
                        }
                    </span>
                }
            }) }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct InfoProps {
    kind: BrowserKind,
    summary: DatasetSummary,
}

/// The chosen table's name and size, then where it was read from (Data) or
/// its export buttons.
#[function_component(TableInfo)]
fn table_info(props: &InfoProps) -> Html {
    let actions = use_actions();
    let i18n = use_i18n();
    let (kind, s) = (props.kind, &props.summary);
    let size = html! {
        <>
            <span class="stat"><span data-testid={kind.rows_id()}>{ s.rows }</span>{ " " }{ i18n.t("data-rows-unit") }</span>
            <span class="stat">{ i18n.t_with("data-columns", &Args::new().number("count", s.columns.len() as f64)) }</span>
        </>
    };
    if kind != BrowserKind::Data {
        return html! {
            <div class="dataset-info">
                <h3 data-testid={kind.name_id()}>{ &s.name }</h3>
                { size }
                { for [FileFormat::Csv, FileFormat::Json, FileFormat::Parquet].into_iter().map(|f| {
                    let on_click = actions.export.reform({ let name = s.name.clone(); move |_: MouseEvent| (name.clone(), f) });
                    html! { <button onclick={on_click} data-testid={format!("export-{}", f.extension())}>{ i18n.t_with("data-export", &Args::new().text("format", f.label())) }</button> }
                }) }
            </div>
        };
    }
    html! {
            <div class="dataset-info">
                <h2 data-testid={kind.name_id()}>{ &s.name }</h2>
                { size }
                <span class="stat muted">{ i18n.t_with("data-from-source", &Args::new().text("source", crate::words::origin(&i18n, &s.source))) }
    </span>
                if let Some(f) = s.format { <span class="stat muted">{ f.label() }</span> }
                { for s.notes.iter().map(|n| html! { <span class="note" data-testid="dataset-note">{ crate::words::note(&i18n, n) }</span> }) }
            </div>
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_browser_keeps_the_test_ids_the_pages_had() {
        let ids = |k: BrowserKind| [k.tabs_id(), k.tab_id("t"), k.name_id(), k.rows_id()];
        assert_eq!(
            ids(BrowserKind::Data),
            ["datasets", "dataset-t", "dataset-name", "row-count"]
        );
        assert_eq!(
            ids(BrowserKind::Etl),
            ["etl-tables", "etl-table-t", "etl-table-name", "etl-row-count"]
        );
        assert_eq!(
            ids(BrowserKind::Lake),
            ["lake-tables", "lake-table-t", "lake-table-name", "lake-row-count"]
        );
    }
}
