//! The Data page: upload files (drop or pick, several at once), generate the
//! built-in samples, choose how files are read, and preview any table.

mod dropzone;
mod read_options;
mod samples;
mod transfer;
mod workspace;

use dataplay_api::{DatasetSummary, LoadOptions};
use yew::prelude::*;

use crate::actions::use_actions;
use crate::components::error_banner::Errors;
use crate::components::table_browser::{BrowserKind, TableBrowser};
use crate::i18n::use_i18n;
use crate::state::{Browser, Place, Restorable};
use dropzone::Dropzone;
use read_options::ReadOptions;
use samples::Samples;
use workspace::Workspace;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The user's own tables.
    pub data: Browser,
    /// The sources of the latest load that failed.
    pub failed: Vec<Restorable>,
    pub busy: bool,
    /// Engine restarts so far (see `AppState::epoch`).
    pub epoch: u32,
    /// The engine is up and holds the tables listed (not starting, not restoring).
    pub engine_usable: bool,
}

#[function_component(DataPage)]
pub fn data_page(props: &Props) -> Html {
    let i18n = use_i18n();
    let actions = use_actions();
    let options = use_state(LoadOptions::default);
    let selected = props.data.selected_summary().cloned();
    use_table_link(props, &actions.select);
    let as_text = as_text(&actions.reload, selected.clone());
    html! {
            <section class="data-page">
                <crate::components::concept::Concept module={crate::components::concept::Module::Data} />
                <div class="loaders">
                    <Dropzone options={(*options).clone()} />
                    <ReadOptions options={options.clone()} selected={selected} failed={props.failed.clone()} busy={props.busy} />
                    <Samples busy={props.busy} />
                </div>
                <Workspace />
                <Errors place={Place::Data} />

                if props.data.datasets.is_empty() {
                    <p class="empty" data-testid="empty">{ i18n.t("data-empty") }
    </p>
                } else {
                    <TableBrowser kind={BrowserKind::Data} browser={props.data.clone()} epoch={props.epoch}
                        can_fetch={props.engine_usable} on_text={Some(as_text)} />
                }
            </section>
        }
}

/// The table shown is in the link (`#/data?table=…`).
#[hook]
fn use_table_link(props: &Props, select: &Callback<String>) {
    let wanted = crate::link::get(&crate::link::query(&crate::dom::location_hash()), "table");
    let named = crate::pages::linked_table::use_linked_table(wanted, &props.data, select);
    use_effect_with(named, |named| {
        if let Some(name) = named {
            crate::dom::replace_hash(&crate::link::hash("data", &[("table", name.clone())]));
        }
    });
}

/// Re-read the shown table with one more column read as text.
fn as_text(reload: &Callback<(String, LoadOptions)>, selected: Option<DatasetSummary>) -> Callback<String> {
    let reload = reload.clone();
    Callback::from(move |column: String| {
        if let Some(s) = &selected {
            let mut o = s.options.clone();
            if !o.text_columns.contains(&column) {
                o.text_columns.push(column);
            }
            reload.emit((s.name.clone(), o));
        }
    })
}
