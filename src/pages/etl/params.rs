//! The ETL's parameters as a form: the date range, the margin and the mode
//! (ETL or ELT), the customer segments, and the buttons that run the
//! pipeline or export it as code for another engine.

use dataplay_api::etl::{EtlMode, EtlParams};
use dataplay_api::PipelineExport;

use super::segments::SegmentError;

use yew::prelude::*;

use crate::actions::use_actions;
use crate::dom;
use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct RangeProps {
    pub params: UseStateHandle<EtlParams>,
}

#[function_component(RangeAndMode)]
pub fn range_and_mode(props: &RangeProps) -> Html {
    let i18n = use_i18n();
    let params = &props.params;
    let edit = |f: fn(&mut EtlParams, String)| {
        let params = params.clone();
        Callback::from(move |e: Event| {
            let mut p = (*params).clone();
            f(&mut p, dom::input_value(&e));
            params.set(p);
        })
    };
    let on_from = edit(|p, v| p.from = v);
    let on_to = edit(|p, v| p.to = v);
    let on_margin = edit(|p, v| {
        if let Ok(m) = v.parse::<f64>() {
            p.margin = m / 100.0;
        }
    });
    let set_mode = |mode: EtlMode| {
        let params = params.clone();
        Callback::from(move |_: Event| {
            let mut p = (*params).clone();
            p.mode = mode;
            params.set(p);
        })
    };
    html! {
        <>
            <label>{ i18n.t("etl-from") }{ " " }<input type="date" value={params.from.clone()} onchange={on_from} data-testid="etl-from" /></label>
            <label>{ " " }{ i18n.t("etl-to") }{ " " }<input type="date" value={params.to.clone()} onchange={on_to} data-testid="etl-to" /></label>
            <label>{ " " }{ i18n.t("etl-margin") }{ " " }<input type="number" min="0" max="100" step="1" value={format!("{}", (params.margin * 100.0).round())} onchange={on_margin} data-testid="etl-margin" /></label>
            <p class="etl-mode" data-testid="etl-mode">
                <label><input type="radio" name="etl-mode" checked={params.mode == EtlMode::Etl} onchange={set_mode(EtlMode::Etl)} data-testid="etl-mode-etl" />
                    { " " }{ i18n.t("etl-mode-etl") }</label>
                <label><input type="radio" name="etl-mode" checked={params.mode == EtlMode::Elt} onchange={set_mode(EtlMode::Elt)} data-testid="etl-mode-elt" />
                    { " " }{ i18n.t("etl-mode-elt") }</label>
            </p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct SegmentsProps {
    /// The edges and labels as typed (comma-separated).
    pub edges: UseStateHandle<String>,
    pub labels: UseStateHandle<String>,
    /// Why they do not fit together, if they do not.
    pub error: Option<SegmentError>,
}

#[function_component(Segments)]
pub fn segments(props: &SegmentsProps) -> Html {
    let i18n = use_i18n();
    let setter = |text: &UseStateHandle<String>| {
        let text = text.clone();
        Callback::from(move |e: Event| text.set(dom::input_value(&e)))
    };
    html! {
        <>
            <label>{ i18n.t("etl-segment-edges") }{ " " }<input class="wide" value={(*props.edges).clone()} onchange={setter(&props.edges)} data-testid="etl-edges" /></label>
            <label>{ " " }{ i18n.t("etl-segment-labels") }{ " " }<input class="wide" value={(*props.labels).clone()} onchange={setter(&props.labels)} data-testid="etl-labels" /></label>
            if let Some(e) = &props.error { <span class="warn">{ e.words(&i18n) }</span> }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct RunProps {
    /// The parameters as edited.
    pub params: EtlParams,
    pub can_run: bool,
    pub can_export: bool,
}

#[function_component(RunAndExport)]
pub fn run_and_export(props: &RunProps) -> Html {
    let i18n = use_i18n();
    let actions = use_actions();
    let run = {
        let (p, run_etl) = (props.params.clone(), actions.run_etl.clone());
        Callback::from(move |_: MouseEvent| run_etl.emit(p.clone()))
    };
    let export = |to: fn(EtlParams) -> PipelineExport| {
        let (p, export) = (props.params.clone(), actions.export_pipeline.clone());
        Callback::from(move |_: MouseEvent| export.emit(to(p.clone())))
    };
    let can_export = props.can_export;
    html! {
        <>
            <p>
                <button class="primary" onclick={run} disabled={!props.can_run} data-testid="etl-run">{ i18n.t("etl-run") }</button>
            </p>
            <p class="etl-export" data-testid="etl-export">
                { i18n.t("etl-export") }{ " " }
                <button onclick={export(PipelineExport::EtlPyspark)} disabled={!can_export} data-testid="export-pyspark"
                    title={i18n.t("etl-export-pyspark-title")}>
                    { i18n.t("etl-export-pyspark") }</button>
                { " " }{ i18n.t("etl-export-or") }{ " " }
                <button onclick={export(PipelineExport::EtlPostgres)} disabled={!can_export} data-testid="export-postgres"
                    title={i18n.t("etl-export-postgres-title")}>
                    { i18n.t("etl-export-postgres") }</button>
            </p>
        </>
    }
}
