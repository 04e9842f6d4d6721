//! The ETL page: the seed's retail pipeline step by step. Edit the
//! parameters (range, margin, segments, checks), run it in the worker, and
//! read what each stage did — rows in, kept and dropped with the reasons,
//! time, where it ran — then the quality gate, the MERGE counts, charts, and
//! any stage's table, exportable as CSV, JSON or Parquet.

mod axis;
mod bar_chart;
mod charts;
mod checks;
mod frame;
mod outcome;
mod params;
mod results;
mod segments;
mod sources;
mod stock_chart;
mod url;

use std::rc::Rc;

use dataplay_api::etl::{CheckFix, CheckSpec, EtlParams, EtlReport};
use dataplay_api::DatasetSummary;
use yew::prelude::*;

use crate::components::connector_panel::ConnectorPanel;
use crate::components::error_banner::Errors;
use crate::i18n::use_i18n;
use crate::state::{Browser, Place};
use checks::QualityGate;
use params::{RangeAndMode, RunAndExport, Segments};
use results::Results;
use sources::SourceTables;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The user's tables (the sources are looked for among them).
    pub datasets: Vec<DatasetSummary>,
    pub report: Option<Rc<EtlReport>>,
    /// The tables the last run wrote.
    pub tables: Browser,
    pub epoch: u32,
    pub busy: bool,
    pub ready: bool,
}

#[function_component(EtlPage)]
pub fn etl_page(props: &Props) -> Html {
    let i18n = use_i18n();
    // A shared link sets the parameters it names (read once, on arrival).
    let link = use_memo((), |_| url::read(&crate::dom::location_hash()));
    let params = use_state(|| link.apply(EtlParams::default()));
    let edges = use_state(|| {
        link.edges
            .clone()
            .unwrap_or_else(|| "0, 1000000, 5000000, 20000000".to_string())
    });
    let labels = use_state(|| {
        link.labels
            .clone()
            .unwrap_or_else(|| "Bronze, Silver, Gold, Platinum".to_string())
    });
    let error = segments::error(&edges, &labels);
    // The checks follow the data: scaled to the transaction items loaded
    // and the range's days whenever either changes (the one rule in the api)
    // — unless the link gave them, as the trainer had them.
    let items = props
        .datasets
        .iter()
        .find(|d| d.name == "transaction_items")
        .map(|d| d.rows);
    let days = dataplay_api::etl::days_in_range(&params.from, &params.to);
    {
        let params = params.clone();
        let pinned = link.checks.is_some();
        use_effect_with((items, days), move |(items, days)| {
            if let (Some(items), Some(days), false) = (*items, *days, pinned) {
                let mut p = (*params).clone();
                p.checks = CheckSpec::scaled_defaults(items, days);
                params.set(p);
            }
        });
    }
    let select = crate::actions::use_actions().select_etl;
    let stage = crate::pages::linked_table::use_linked_table(link.stage.clone(), &props.tables, &select);
    // The link follows the parameters as they are edited (no history entry).
    use_effect_with(
        ((*params).clone(), (*edges).clone(), (*labels).clone(), stage),
        |(params, edges, labels, stage)| {
            crate::dom::replace_hash(&url::hash_for(params, edges, labels, stage.as_deref()))
        },
    );
    // The parameters as edited, segment edges and labels included: what a
    // run in the worker and a run through the connector both get.
    let effective = segments::effective(&params, &edges, &labels);
    let missing = !sources::missing(&props.datasets).is_empty();
    let can_run = props.ready && !props.busy && !missing && error.is_none();
    let can_export = props.ready && error.is_none();
    let on_fix = {
        let params = params.clone();
        Callback::from(move |(name, fix): (String, CheckFix)| {
            let mut p = (*params).clone();
            for c in p.checks.iter_mut().filter(|c| c.name == name) {
                *c = c.fixed(&fix);
            }
            params.set(p);
        })
    };
    html! {
            <section class="module etl" data-testid="module-etl">
                <h1>{ i18n.t("etl-title") }</h1>
                <crate::components::concept::Concept module={crate::components::concept::Module::Etl} />
                <crate::components::link_problems::LinkProblems bad={link.bad.clone()} testid="etl-url-problems" />
                <SourceTables datasets={props.datasets.clone()} busy={props.busy} ready={props.ready} />

                <div class="etl-params" data-testid="etl-params">
                    <h2>{ i18n.t("etl-parameters") }
    </h2>
                    <RangeAndMode params={params.clone()} />
                    <Segments edges={edges} labels={labels} error={error} />
                    <QualityGate params={params.clone()} />
                    <RunAndExport params={effective.clone()} can_run={can_run} can_export={can_export} />
                    <Errors place={Place::Etl} />
                </div>

                if let Some(report) = props.report.clone() {
                    <Results report={report} tables={props.tables.clone()} epoch={props.epoch} busy={props.busy} ready={props.ready}
                        checks={params.checks.clone()} on_fix={on_fix} />
                }

                <ConnectorPanel params={effective} />
            </section>
        }
}
