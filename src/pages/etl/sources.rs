//! The ETL's source tables: which of them are loaded, and for the missing
//! ones a retail sample of a chosen size, one click away.

use dataplay_api::etl::SOURCE_TABLES;
use dataplay_api::{DatasetSummary, SampleKind, SampleSpec};
use yew::prelude::*;

use crate::actions::use_actions;
use crate::dom;
use crate::i18n::{use_i18n, Args};

/// The source tables not among `datasets`.
pub fn missing(datasets: &[DatasetSummary]) -> Vec<&'static str> {
    SOURCE_TABLES
        .iter()
        .copied()
        .filter(|t| !datasets.iter().any(|d| d.name == *t))
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub datasets: Vec<DatasetSummary>,
    pub busy: bool,
    pub ready: bool,
}

#[function_component(SourceTables)]
pub fn source_tables(props: &Props) -> Html {
    let i18n = use_i18n();
    let load = use_actions().load_sample;
    let sample_size = use_state(|| 100_000usize);
    let load_sample = {
        let size = sample_size.clone();
        Callback::from(move |_: MouseEvent| {
            load.emit(SampleSpec {
                kind: SampleKind::Retail,
                seed: 42,
                size: *size,
            })
        })
    };
    let on_size = {
        let size = sample_size.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = dom::select_value(&e).parse() {
                size.set(v);
            }
        })
    };
    html! {
            <div class="etl-sources" data-testid="etl-sources">
                <h2>{ i18n.t("etl-sources") }</h2>
                <ul class="table-status">
                    { for SOURCE_TABLES.iter().map(|t| {
                        let found = props.datasets.iter().find(|d| d.name == *t);
                        html! {
                            <li class={classes!(found.is_some().then_some("present"))}>
                                <code>{ *t }</code>
                                { " " }
                                { match found {
                                    Some(d) => i18n.t_with("etl-source-present", &Args::new().text("rows", d.rows.to_string()).text("source", crate::words::origin(&i18n, &d.source))),
                                    None => i18n.t("etl-source-missing"),
                                } }
                            </li>
                        }
                    }) }
                </ul>
                if !missing(&props.datasets).is_empty() {
                    <p>
                        { i18n.t("etl-sources-upload") }{ " " }
                        <select onchange={on_size} data-testid="etl-sample-size">
                            { for [10_000usize, 100_000, 1_000_000].iter().map(|n| html! {
                                <option value={n.to_string()} selected={*n == *sample_size}>{ i18n.t_with("etl-sample-items", &Args::new().text("count", n.to_string())) }</option>
                            }) }
                        </select>
                        <button onclick={load_sample} disabled={props.busy || !props.ready} data-testid="etl-load-sample">{ i18n.t("etl-load-sample") }
    </button>
                    </p>
                }
            </div>
        }
}
