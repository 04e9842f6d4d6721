//! What a run did: why it failed (if it did), each stage as a waterfall row
//! (where it ran, rows in and out, what was dropped and why, time, and the
//! SQL in ELT mode), then the quality gate, the load, the charts, and the
//! tables it wrote.

use std::rc::Rc;

use dataplay_api::etl::{CheckFix, CheckSpec, EtlReport, RanIn, StageReport};
use yew::prelude::*;

use super::{charts, outcome};
use crate::actions::use_actions;
use crate::components::table_browser::{BrowserKind, TableBrowser};
use crate::i18n::{use_i18n, Args, I18n};
use crate::state::Browser;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<EtlReport>,
    pub tables: Browser,
    pub epoch: u32,
    pub busy: bool,
    pub ready: bool,
    /// The checks as edited now, and how to change one (the one-click fix).
    pub checks: Vec<CheckSpec>,
    pub on_fix: Callback<(String, CheckFix)>,
}

#[function_component(Results)]
pub fn results(props: &Props) -> Html {
    let i18n = use_i18n();
    let select = use_actions().select_etl;
    let report = &props.report;
    let selected = props.tables.selected_summary().map(|s| s.name.clone());
    let max_rows = report
        .stages
        .iter()
        .map(|s| s.rows_in.max(s.rows_out))
        .max()
        .unwrap_or(1)
        .max(1);
    html! {
        <div class="etl-results" data-testid="etl-results">
            if let Some(why) = crate::words::stopped(&i18n, report) {
                <div class="etl-failed" data-testid="etl-failed">{ why }</div>
            }
            <h2 data-testid="etl-stages-time" data-ms={report.total_millis.to_string()}>{ i18n.t_with("etl-stages", &Args::new().text("time", i18n.duration(report.total_millis))) }</h2>
            <table class="waterfall" data-testid="etl-stages">
                <tr>
                    <th>{ i18n.t("etl-stage") }</th><th>{ i18n.t("etl-stage-ran-in") }</th><th>{ i18n.t("etl-stage-rows-in") }</th>
                    <th>{ i18n.t("etl-stage-rows-out") }</th><th>{ "" }</th><th>{ i18n.t("etl-stage-dropped") }</th><th>{ "ms" }</th>
                </tr>
                { for report.stages.iter().map(|s| stage_rows(&i18n, s, max_rows, selected.as_deref(), &select)) }
            </table>
            if report.stages.iter().any(|s| s.sql.is_some()) {
                <p class="muted">{ i18n.t("etl-elt-dropped") }</p>
            } else {
            <p class="muted">
                { i18n.t("etl-why-dropped") }{ " " }
                <button class="link" onclick={select.reform(|_: MouseEvent| "etl:dropped_rows".to_string())} data-testid="show-dropped">{ "dropped_rows" }</button>
                { i18n.t("etl-why-dropped-after") }
            </p>
            }

            { outcome::quality(&i18n, report, &props.checks, &props.on_fix) }
            { outcome::merge(&i18n, report) }
            { charts::charts(&i18n, report) }

            <h2>{ i18n.t("etl-tables") }</h2>
            <TableBrowser kind={BrowserKind::Etl} browser={props.tables.clone()} epoch={props.epoch} can_fetch={props.ready && !props.busy} />
        </div>
    }
}

/// A stage's row (its name shows its output table), and its SQL below in ELT mode.
fn stage_rows(
    i18n: &I18n,
    s: &StageReport,
    max_rows: usize,
    selected: Option<&str>,
    select: &Callback<String>,
) -> Html {
    let output = format!("etl:{}", s.output);
    let on_click = select.reform({
        let o = output.clone();
        move |_: MouseEvent| o.clone()
    });
    let kept = 100.0 * s.rows_out as f64 / max_rows as f64;
    let dropped = 100.0 * s.rows_in.saturating_sub(s.rows_out) as f64 / max_rows as f64;
    let place = match s.ran_in {
        RanIn::Engine => "engine",
        RanIn::Warehouse | RanIn::WarehouseSql => "warehouse",
    };
    let ran_in = match s.ran_in {
        RanIn::Engine => "engine",
        RanIn::Warehouse => "warehouse",
        RanIn::WarehouseSql => "warehouse_sql",
    };
    html! { <>
            <tr class={classes!((selected == Some(output.as_str())).then_some("selected"))} data-testid={format!("stage-{}", s.name)}>
                <td><button class="link" onclick={on_click} title={crate::words::stage_about(i18n, &s.name)}>{ &s.name }</button></td>
                <td><span class={classes!("where", place)} data-testid="ran-in">{ i18n.t_with("etl-ran-in", &Args::new().text("place", ran_in)) }</span></td>
                <td class="num">{ s.rows_in }</td>
                <td class="num" data-testid="rows-out">{ s.rows_out }</td>
                <td class="bar-cell">
                    <span class="bar kept" style={format!("width:{kept:.1}%")}></span>
                    <span class="bar dropped" style={format!("width:{dropped:.1}%")}></span>
                </td>
                <td class="reasons">{ for s.dropped.iter().map(|(r, n)| html! { <div>{ format!("{n} — {}", crate::words::drop_reason(i18n, r)) }</div> }) }</td>
                <td class="num">{ format!("{:.1}", s.millis) }</td>
            </tr>
            if let Some(sql) = &s.sql {
                <tr class="stage-sql">
                    <td colspan="7">
                        <details data-testid={format!("stage-sql-{}", s.name)}>
                            <summary>{ i18n.t_with("etl-stage-sql", &Args::new().text("stage", s.name.clone())) }
    </summary>
                            <pre>{ sql }</pre>
                        </details>
                    </td>
                </tr>
            }
        </> }
}
