//! The ETL page: the seed's retail pipeline step by step. Edit the
//! parameters (range, margin, segments, checks), run it in the worker, and
//! read what each stage did — rows in, kept and dropped with the reasons,
//! time, where it ran — then the quality gate, the MERGE counts, charts, and
//! any stage's table, exportable as CSV, JSON or Parquet.

use std::rc::Rc;

use dataplay_api::etl::{
    CheckRule, CheckStatus, EtlMode, EtlParams, EtlReport, RanIn, Severity, StockSeries, SOURCE_TABLES,
};
use dataplay_api::{DatasetSummary, PipelineExport, RowsWindow, SampleKind, SampleSpec};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::EngineActions;
use crate::components::connector_panel::ConnectorPanel;
use crate::components::merge_counts::MergeCountsTable;
use crate::components::table_viewer::TableViewer;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub datasets: Vec<DatasetSummary>,
    pub report: Option<Rc<EtlReport>>,
    pub outputs: Vec<DatasetSummary>,
    pub selected: Option<DatasetSummary>,
    pub window: Option<RowsWindow>,
    pub epoch: u32,
    pub busy: bool,
    pub ready: bool,
    pub actions: EngineActions,
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn numbers(text: &str) -> Option<Vec<f64>> {
    text.split(',')
        .map(|v| v.trim().replace('_', "").parse::<f64>().ok())
        .collect()
}

fn money(v: f64) -> String {
    let abs = v.abs();
    let (n, unit) = if abs >= 1e9 {
        (v / 1e9, "B")
    } else if abs >= 1e6 {
        (v / 1e6, "M")
    } else if abs >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    format!("{n:.1}{unit}")
}

#[function_component(EtlPage)]
pub fn etl_page(props: &Props) -> Html {
    let params = use_state(EtlParams::default);
    let edges_text = use_state(|| "0, 1000000, 5000000, 20000000".to_string());
    let labels_text = use_state(|| "Bronze, Silver, Gold, Platinum".to_string());
    let sample_size = use_state(|| 100_000usize);

    let missing: Vec<&str> = SOURCE_TABLES
        .iter()
        .copied()
        .filter(|t| !props.datasets.iter().any(|d| d.name == *t))
        .collect();

    let set = |f: fn(&mut EtlParams, String)| {
        let params = params.clone();
        Callback::from(move |e: Event| {
            let mut p = (*params).clone();
            f(&mut p, input_value(&e));
            params.set(p);
        })
    };
    let on_from = set(|p, v| p.from = v);
    let on_to = set(|p, v| p.to = v);
    let on_margin = set(|p, v| {
        if let Ok(m) = v.parse::<f64>() {
            p.margin = m / 100.0;
        }
    });
    let on_edges = {
        let t = edges_text.clone();
        Callback::from(move |e: Event| t.set(input_value(&e)))
    };
    let on_labels = {
        let t = labels_text.clone();
        Callback::from(move |e: Event| t.set(input_value(&e)))
    };
    let set_mode = |mode: EtlMode| {
        let params = params.clone();
        Callback::from(move |_| {
            let mut p = (*params).clone();
            p.mode = mode;
            params.set(p);
        })
    };
    let toggle_checks = {
        let params = params.clone();
        Callback::from(move |_| {
            let mut p = (*params).clone();
            p.run_checks = !p.run_checks;
            params.set(p);
        })
    };
    let segment_error = match numbers(&edges_text) {
        None => Some("segment edges: numbers separated by commas".to_string()),
        Some(edges) => {
            let labels = labels_text.split(',').filter(|l| !l.trim().is_empty()).count();
            (labels != edges.len()).then(|| format!("{} edges need {} labels, not {labels}", edges.len(), edges.len()))
        }
    };
    // The parameters as edited, segment edges and labels included: what a
    // run in the worker and a run through the connector both get.
    let effective = {
        let mut p = (*params).clone();
        if let Some(e) = numbers(&edges_text) {
            p.segment_edges = e;
        }
        p.segment_labels = labels_text
            .split(',')
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        p
    };
    let run = {
        let p = effective.clone();
        let run_etl = props.actions.run_etl.clone();
        Callback::from(move |_| run_etl.emit(p.clone()))
    };
    let export = |to: fn(EtlParams) -> PipelineExport| {
        let p = effective.clone();
        let export = props.actions.export_pipeline.clone();
        Callback::from(move |_| export.emit(to(p.clone())))
    };
    let can_export = props.ready && segment_error.is_none();
    let load_sample = {
        let load = props.actions.load_sample.clone();
        let size = sample_size.clone();
        Callback::from(move |_| {
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
            if let Ok(v) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                size.set(v);
            }
        })
    };
    let can_run = props.ready && !props.busy && missing.is_empty() && segment_error.is_none();

    html! {
        <section class="module etl" data-testid="module-etl">
            <h1>{ "ETL / ELT — the retail chain's daily load" }</h1>
            <p class="muted">
                { "The seed's RetailETLPipeline: extract POS and inventory tables, clean and enrich sales, \
                   segment customers, track running stock, check quality, then stage and MERGE into the warehouse. \
                   Every step runs in the engine's worker; change a parameter and run again to see what moves." }
            </p>
            <div class="etl-sources" data-testid="etl-sources">
                <h2>{ "Source tables" }</h2>
                <ul class="table-status">
                    { for SOURCE_TABLES.iter().map(|t| {
                        let found = props.datasets.iter().find(|d| d.name == *t);
                        html! {
                            <li class={classes!(found.is_some().then_some("present"))}>
                                <code>{ *t }</code>
                                { match found {
                                    Some(d) => format!(" — {} rows ({})", d.rows, d.source),
                                    None => " — missing".to_string(),
                                } }
                            </li>
                        }
                    }) }
                </ul>
                if !missing.is_empty() {
                    <p>
                        { "Upload files named after the missing tables on the Data page, or " }
                        <select onchange={on_size} data-testid="etl-sample-size">
                            { for [10_000usize, 100_000, 1_000_000].iter().map(|n| html! {
                                <option value={n.to_string()} selected={*n == *sample_size}>{ format!("{n} items") }</option>
                            }) }
                        </select>
                        <button onclick={load_sample} disabled={props.busy || !props.ready} data-testid="etl-load-sample">{ "load the retail sample" }</button>
                    </p>
                }
            </div>

            <div class="etl-params" data-testid="etl-params">
                <h2>{ "Parameters" }</h2>
                <label>{ "From " }<input type="date" value={params.from.clone()} onchange={on_from} data-testid="etl-from" /></label>
                <label>{ " to " }<input type="date" value={params.to.clone()} onchange={on_to} data-testid="etl-to" /></label>
                <label>{ " margin % " }<input type="number" min="0" max="100" step="1" value={format!("{}", (params.margin * 100.0).round())} onchange={on_margin} data-testid="etl-margin" /></label>
                <p class="etl-mode" data-testid="etl-mode">
                    <label><input type="radio" name="etl-mode" checked={params.mode == EtlMode::Etl} onchange={set_mode(EtlMode::Etl)} data-testid="etl-mode-etl" />
                        { " ETL — extract and transform in the engine, then load" }</label>
                    <label><input type="radio" name="etl-mode" checked={params.mode == EtlMode::Elt} onchange={set_mode(EtlMode::Elt)} data-testid="etl-mode-elt" />
                        { " ELT — load the sources raw into the warehouse, transform there with SQL" }</label>
                </p>
                <label>{ "Segment edges (right-closed) " }<input class="wide" value={(*edges_text).clone()} onchange={on_edges} data-testid="etl-edges" /></label>
                <label>{ " labels " }<input class="wide" value={(*labels_text).clone()} onchange={on_labels} data-testid="etl-labels" /></label>
                if let Some(e) = &segment_error { <span class="warn">{ e }</span> }
                <h3>
                    <label><input type="checkbox" checked={params.run_checks} onchange={toggle_checks} data-testid="etl-run-checks" />{ " Data-quality gate" }</label>
                </h3>
                if params.run_checks {
                    <table class="checks-edit">
                        <tr><th>{ "check" }</th><th>{ "rule" }</th><th>{ "threshold" }</th><th>{ "on failure" }</th></tr>
                        { for params.checks.iter().enumerate().map(|(i, c)| check_row(i, c, &params)) }
                    </table>
                }
                <p>
                    <button class="primary" onclick={run} disabled={!can_run} data-testid="etl-run">{ "Run pipeline" }</button>
                </p>
                <p class="etl-export" data-testid="etl-export">
                    { "Outgrown one machine? Export these parameters as " }
                    <button onclick={export(PipelineExport::EtlPyspark)} disabled={!can_export} data-testid="export-pyspark"
                        title="A spark-submit job: the same stages as Spark SQL, the same checks, over a directory of source files">
                        { "a PySpark job (.py)" }</button>
                    { " or " }
                    <button onclick={export(PipelineExport::EtlPostgres)} disabled={!can_export} data-testid="export-postgres"
                        title="One transaction run inside the PostgreSQL database that holds the source tables: stages, checks, staging and MERGE">
                        { "a PostgreSQL script (.sql)" }</button>
                </p>
            </div>

            if let Some(report) = props.report.clone() {
                { results(props, &report) }
            }

            <ConnectorPanel params={effective} />
        </section>
    }
}

fn check_row(i: usize, check: &dataplay_api::etl::CheckSpec, params: &UseStateHandle<EtlParams>) -> Html {
    let (rule, threshold) = match &check.rule {
        CheckRule::MinRowsPerDay { min } => ("rows per day ≥".to_string(), *min),
        CheckRule::MinRevenuePerDay { min } => ("revenue per day ≥".to_string(), *min),
        CheckRule::MaxNulls { columns, max } => (format!("rows with null {} ≤", columns.join(" or ")), *max),
    };
    let on_threshold = {
        let params = params.clone();
        Callback::from(move |e: Event| {
            let Ok(v) = input_value(&e).parse::<f64>() else { return };
            let mut p = (*params).clone();
            match &mut p.checks[i].rule {
                CheckRule::MinRowsPerDay { min } | CheckRule::MinRevenuePerDay { min } => *min = v,
                CheckRule::MaxNulls { max, .. } => *max = v,
            }
            params.set(p);
        })
    };
    let on_severity = {
        let params = params.clone();
        Callback::from(move |e: Event| {
            let mut p = (*params).clone();
            p.checks[i].severity = match e.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "warn" => Severity::Warn,
                _ => Severity::Fail,
            };
            params.set(p);
        })
    };
    html! {
        <tr>
            <td>{ &check.name }</td>
            <td>{ rule }</td>
            <td><input type="number" value={threshold.to_string()} onchange={on_threshold} data-testid={format!("check-threshold-{i}")} /></td>
            <td>
                <select onchange={on_severity} data-testid={format!("check-severity-{i}")}>
                    <option value="fail" selected={check.severity == Severity::Fail}>{ "stop the run" }</option>
                    <option value="warn" selected={check.severity == Severity::Warn}>{ "warn only" }</option>
                </select>
            </td>
        </tr>
    }
}

fn results(props: &Props, report: &EtlReport) -> Html {
    let select = props.actions.select_etl.clone();
    let selected = props.selected.as_ref().map(|s| s.name.clone());
    let max_rows = report
        .stages
        .iter()
        .map(|s| s.rows_in.max(s.rows_out))
        .max()
        .unwrap_or(1)
        .max(1);
    html! {
        <div class="etl-results" data-testid="etl-results">
            if let Some(why) = report.stopped_because() {
                <div class="etl-failed" data-testid="etl-failed">{ why }</div>
            }
            <h2>{ format!("Stages ({:.0} ms)", report.total_millis) }</h2>
            <table class="waterfall" data-testid="etl-stages">
                <tr><th>{ "stage" }</th><th>{ "ran in" }</th><th>{ "rows in" }</th><th>{ "rows out" }</th><th>{ "" }</th><th>{ "dropped, and why" }</th><th>{ "ms" }</th></tr>
                { for report.stages.iter().map(|s| {
                    let output = format!("etl:{}", s.output);
                    let on_click = { let select = select.clone(); let o = output.clone(); Callback::from(move |_| select.emit(o.clone())) };
                    let kept = 100.0 * s.rows_out as f64 / max_rows as f64;
                    let dropped = 100.0 * s.rows_in.saturating_sub(s.rows_out) as f64 / max_rows as f64;
                    let place = match s.ran_in {
                        RanIn::Engine => "engine",
                        RanIn::Warehouse | RanIn::WarehouseSql => "warehouse",
                    };
                    html! { <>
                        <tr class={classes!((selected.as_deref() == Some(output.as_str())).then_some("selected"))} data-testid={format!("stage-{}", s.name)}>
                            <td><button class="link" onclick={on_click} title={s.description.clone()}>{ &s.name }</button></td>
                            <td><span class={classes!("where", place)} data-testid="ran-in">{ s.ran_in.to_string() }</span></td>
                            <td class="num">{ s.rows_in }</td>
                            <td class="num" data-testid="rows-out">{ s.rows_out }</td>
                            <td class="bar-cell">
                                <span class="bar kept" style={format!("width:{kept:.1}%")}></span>
                                <span class="bar dropped" style={format!("width:{dropped:.1}%")}></span>
                            </td>
                            <td class="reasons">{ for s.dropped.iter().map(|(r, n)| html! { <div>{ format!("{n} — {r}") }</div> }) }</td>
                            <td class="num">{ format!("{:.1}", s.millis) }</td>
                        </tr>
                        if let Some(sql) = &s.sql {
                            <tr class="stage-sql">
                                <td colspan="7">
                                    <details data-testid={format!("stage-sql-{}", s.name)}>
                                        <summary>{ format!("SQL the warehouse ran for {}", s.name) }</summary>
                                        <pre>{ sql }</pre>
                                    </details>
                                </td>
                            </tr>
                        }
                    </> }
                }) }
            </table>
            if report.stages.iter().any(|s| s.sql.is_some()) {
                <p class="muted">{ "ELT: the SQL's WHERE and JOIN clauses drop rows without saying which; run in ETL mode for the dropped_rows table with a reason per row." }</p>
            } else {
            <p class="muted">
                { "Why was a row dropped? Open " }
                <button class="link" onclick={{ let select = select.clone(); Callback::from(move |_| select.emit("etl:dropped_rows".into())) }} data-testid="show-dropped">{ "dropped_rows" }</button>
                { ": every row left behind, with its source table, row number, stage and reason." }
            </p>
            }

            { quality(report) }
            { merge(report) }
            { charts(report) }

            <h2>{ "Tables" }</h2>
            <TableViewer id="etl" tables={props.outputs.clone()} selected={props.selected.clone()} window={props.window.clone()}
                epoch={props.epoch} can_fetch={props.ready && !props.busy} on_select={select.clone()}
                on_rows={props.actions.rows.clone()} on_export={props.actions.export.clone()} />
        </div>
    }
}

fn quality(report: &EtlReport) -> Html {
    let q = &report.quality;
    html! {
        <div class="quality" data-testid="quality">
            <h2>{ "Data-quality gate" }</h2>
            if q.skipped {
                <p class="muted">{ "Skipped for this run." }</p>
            }
            { for q.checks.iter().map(|c| {
                let status = match c.status { CheckStatus::Pass => "pass", CheckStatus::Warn => "warn", CheckStatus::Fail => "fail" };
                html! {
                    <div class={classes!("check", status)} data-testid="check">
                        <span class={classes!("badge", status)} data-testid="check-status">{ status }</span>
                        <strong>{ format!(" {} ", c.name) }</strong>
                        <span>{ format!("observed {} (expected {}) — {}", money(c.observed), c.expected, c.detail) }</span>
                        if !c.sample.is_empty() && c.status != CheckStatus::Pass {
                            <table class="sample">
                                <tr>{ for c.sample_columns.iter().map(|h| html! { <th>{ h }</th> }) }</tr>
                                { for c.sample.iter().map(|row| html! { <tr>{ for row.iter().map(|v| html! { <td>{ v }</td> }) }</tr> }) }
                            </table>
                        }
                    </div>
                }
            }) }
        </div>
    }
}

fn merge(report: &EtlReport) -> Html {
    let Some(load) = &report.load else {
        return html! { <p class="muted" data-testid="merge-none">{ "Nothing was loaded: the warehouse keeps its previous version." }</p> };
    };
    html! {
        <div class="merge" data-testid="merge">
            <h2>{ format!("Load: staging → MERGE (warehouse version {})", load.version) }</h2>
            <MergeCountsTable tables={load.tables.clone()} testid_prefix="merge-" />
        </div>
    }
}

/// A bar chart of labelled values.
fn bars(title: &str, testid: &str, values: &[(String, f64)]) -> Html {
    const W: f64 = 360.0;
    const H: f64 = 140.0;
    let max = values.iter().map(|(_, v)| v.abs()).fold(0.0, f64::max).max(1.0);
    let step = W / values.len().max(1) as f64;
    html! {
        <figure class="chart">
            <figcaption>{ title }</figcaption>
            <svg viewBox={format!("0 0 {W} {}", H + 18.0)} data-testid={testid.to_string()}>
                { for values.iter().enumerate().map(|(i, (label, v))| {
                    let h = (v.abs() / max) * H;
                    let x = i as f64 * step;
                    html! {
                        <g>
                            <rect x={format!("{:.1}", x + 1.0)} y={format!("{:.1}", H - h)} width={format!("{:.1}", (step - 2.0).max(1.0))} height={format!("{h:.1}")} class={if *v < 0.0 { "neg" } else { "pos" }}>
                                <title>{ format!("{label}: {}", money(*v)) }</title>
                            </rect>
                            <text x={format!("{:.1}", x + step / 2.0)} y={format!("{}", H + 13.0)} text-anchor="middle">{ label }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}

fn stock_chart(s: &StockSeries) -> Html {
    const W: f64 = 360.0;
    const H: f64 = 140.0;
    if s.points.len() < 2 {
        return html! {};
    }
    let (t0, t1) = (s.points[0].0 as f64, s.points[s.points.len() - 1].0 as f64);
    let values = s
        .points
        .iter()
        .map(|p| p.1)
        .chain(s.reorder_level)
        .chain(s.max_stock_level);
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = (lo.min(0.0), hi.max(lo + 1.0));
    let x = |t: i64| (t as f64 - t0) / (t1 - t0).max(1.0) * W;
    let y = |v: f64| H - (v - lo) / (hi - lo) * H;
    let path: String = s
        .points
        .iter()
        .enumerate()
        .map(|(i, (t, v))| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(*t), y(*v)))
        .collect();
    html! {
        <figure class="chart">
            <figcaption>{ format!("Running stock, product {} at store {} (stockout band below reorder level, overstock above max)", s.product_id, s.store_id) }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} data-testid="chart-stock">
                if let Some(r) = s.reorder_level {
                    <rect class="band stockout" x="0" y={format!("{:.1}", y(r))} width={W.to_string()} height={format!("{:.1}", (H - y(r)).max(0.0))} />
                }
                if let Some(m) = s.max_stock_level {
                    <rect class="band overstock" x="0" y="0" width={W.to_string()} height={format!("{:.1}", y(m).max(0.0))} />
                }
                <line class="zero" x1="0" x2={W.to_string()} y1={format!("{:.1}", y(0.0))} y2={format!("{:.1}", y(0.0))} />
                <path class="stock" d={path} />
            </svg>
        </figure>
    }
}

fn charts(report: &EtlReport) -> Html {
    let c = &report.charts;
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let segments: Vec<(String, f64)> = c.segments.iter().map(|(l, n, _)| (l.clone(), *n as f64)).collect();
    let revenue: Vec<(String, f64)> = c.segments.iter().map(|(l, _, r)| (l.clone(), *r)).collect();
    let hours: Vec<(String, f64)> = c
        .revenue_by_hour
        .iter()
        .enumerate()
        .map(|(h, v)| (if h % 3 == 0 { h.to_string() } else { String::new() }, *v))
        .collect();
    let days: Vec<(String, f64)> = c
        .revenue_by_weekday
        .iter()
        .zip(DAYS)
        .map(|(v, d)| (d.to_string(), *v))
        .collect();
    html! {
        <div class="charts" data-testid="etl-charts">
            <h2>{ "Charts" }</h2>
            { bars("Customers per segment", "chart-segments", &segments) }
            { bars("Revenue per segment", "chart-segment-revenue", &revenue) }
            { bars("Revenue by hour", "chart-hours", &hours) }
            { bars("Revenue by weekday", "chart-weekdays", &days) }
            if let Some(s) = &c.stock { { stock_chart(s) } }
        </div>
    }
}
