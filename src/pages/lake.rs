//! The Lake & Warehouse page (the seed's section 24): load the media sample
//! into the lake's zones, run the Glue-style jobs (edited as JSON), query the
//! lake with SQL (files scanned / skipped by partition) or run the warehouse
//! script (declared tables, COPY with schema-on-write, rejects), and compare
//! the two side by side with the measured numbers.

use std::collections::BTreeMap;
use std::rc::Rc;

use dataplay_api::lake::{ConsoleStep, GlueJob, Ingest, LakeAction, LakeView};
use dataplay_api::{DatasetSummary, PipelineExport, RowsWindow};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::EngineActions;
use crate::components::lake_connector_panel::LakeConnectorPanel;
use crate::components::lake_listing::{bytes, LakeTree, ScanList};
use crate::components::table_viewer::TableViewer;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Option<Rc<LakeView>>,
    pub outputs: Vec<DatasetSummary>,
    pub selected: Option<DatasetSummary>,
    pub window: Option<RowsWindow>,
    /// (ms, rows) of the last lake query and the last warehouse query.
    pub lake_query: Option<(f64, usize)>,
    pub warehouse_query: Option<(f64, usize)>,
    pub epoch: u32,
    pub busy: bool,
    pub ready: bool,
    pub actions: EngineActions,
}

/// The job as edited, or `None` with the JSON error shown.
fn edited_job(text: &str, error: &UseStateHandle<Option<String>>) -> Option<GlueJob> {
    match serde_json::from_str::<GlueJob>(text) {
        Ok(job) => {
            error.set(None);
            Some(job)
        }
        Err(e) => {
            error.set(Some(format!("job JSON, line {}, column {}: {e}", e.line(), e.column())));
            None
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Lake,
    Warehouse,
}

#[function_component(LakePage)]
pub fn lake_page(props: &Props) -> Html {
    let target = use_state(|| Target::Lake);
    let lake_sql = use_state(|| None::<String>);
    let warehouse_sql = use_state(|| None::<String>);
    let job_texts = use_state(BTreeMap::<String, String>::new);
    let job_error = use_state(|| None::<String>);
    let events = use_state(|| 20_000u64);
    let run = props.actions.run_lake.clone();
    let can_run = props.ready && !props.busy;

    // Ask for the defaults (jobs, scripts) once the engine is up.
    {
        let run = run.clone();
        let missing = props.view.is_none();
        use_effect_with((props.ready, missing, props.epoch), move |(ready, missing, _)| {
            if *ready && *missing {
                run.emit(LakeAction::List);
            }
        });
    }
    let Some(view) = props.view.clone() else {
        return html! { <section class="lake" data-testid="lake-page"><h1>{ "Lake & Warehouse" }</h1><p class="muted">{ "Waiting for the engine…" }</p></section> };
    };

    let load_sample = {
        let run = run.clone();
        let events = events.clone();
        Callback::from(move |_| {
            run.emit(LakeAction::LoadSample {
                seed: 42,
                events: *events,
            })
        })
    };
    let on_events = {
        let events = events.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                events.set(v);
            }
        })
    };
    let ingest_zone = use_state(|| "raw".to_string());
    let ingest_dataset = use_state(|| "uploads".to_string());
    let ingest_day = use_state(|| "2024-01-20".to_string());
    let on_files = {
        let (ingest, zone, dataset, day) = (
            props.actions.ingest.clone(),
            ingest_zone.clone(),
            ingest_dataset.clone(),
            ingest_day.clone(),
        );
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(list) = input.files() else { return };
            let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            if !files.is_empty() {
                ingest.emit((
                    files,
                    Ingest {
                        zone: (*zone).clone(),
                        dataset: (*dataset).clone(),
                        day: (*day).clone(),
                    },
                ));
            }
        })
    };
    let text_setter = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: Event| h.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_zone = {
        let h = ingest_zone.clone();
        Callback::from(move |e: Event| h.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let sql_text = match *target {
        Target::Lake => (*lake_sql).clone().unwrap_or_else(|| view.lake_sql.clone()),
        Target::Warehouse => (*warehouse_sql).clone().unwrap_or_else(|| view.warehouse_sql.clone()),
    };
    let on_sql = {
        let (lake_sql, warehouse_sql, target) = (lake_sql.clone(), warehouse_sql.clone(), target.clone());
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            match *target {
                Target::Lake => lake_sql.set(Some(v)),
                Target::Warehouse => warehouse_sql.set(Some(v)),
            }
        })
    };
    let run_sql = {
        let (run, target, text, tables) = (run.clone(), target.clone(), sql_text.clone(), view.lake_tables.clone());
        Callback::from(move |_| {
            run.emit(match *target {
                Target::Lake => LakeAction::LakeSql {
                    sql: text.clone(),
                    tables: tables.clone(),
                },
                Target::Warehouse => LakeAction::WarehouseSql { sql: text.clone() },
            })
        })
    };
    let set_target = |t: Target| {
        let target = target.clone();
        Callback::from(move |_| target.set(t))
    };

    let lake_bytes: u64 = view.files.iter().map(|f| f.bytes).sum();
    let warehouse_bytes: u64 = view.declared.iter().map(|t| t.bytes).sum();
    let accepted: usize = view.declared.iter().map(|t| t.rows).sum();
    let rejected: usize = view.declared.iter().map(|t| t.rejects).sum();
    let formats = {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &view.files {
            *counts.entry(f.path.rsplit('.').next().unwrap_or("?")).or_default() += 1;
        }
        counts
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let timing = |q: Option<(f64, usize)>| match q {
        Some((ms, rows)) => format!("{ms:.0} ms for the last query ({rows} rows)"),
        None => "run a query to measure".into(),
    };
    let scanned = view.scans.iter().map(|s| s.files_scanned).sum::<usize>();
    let skipped = view.scans.iter().map(|s| s.files_skipped).sum::<usize>();

    html! {
        <section class="lake" data-testid="lake-page">
            <h1>{ "Lake & Warehouse" }</h1>
            <p class="muted">{ "The seed's media company: raw JSON and JSONL land in the lake as they are, Glue-style jobs flatten and aggregate them into curated Parquet, SQL reads the lake directly (schema-on-read) or the warehouse after COPY (schema-on-write)." }</p>

            <div class="lake-ingest">
                <label>{ "Interaction events " }
                    <select onchange={on_events} data-testid="lake-events">
                        { for [3_000u64, 20_000, 200_000].iter().map(|n| html! { <option value={n.to_string()} selected={*events == *n}>{ n.to_string() }</option> }) }
                    </select>
                </label>
                <button class="primary" onclick={load_sample} disabled={!can_run} data-testid="lake-load-sample">{ "Load the media sample into the lake" }</button>
            </div>
            <div class="lake-ingest">
                { "Or ingest your own files (CSV, JSON, JSONL, Parquet, kept as they are) into " }
                <select onchange={on_zone} data-testid="ingest-zone">
                    { for dataplay_api::lake::ZONES.iter().map(|z| html! { <option value={*z} selected={*ingest_zone == *z}>{ *z }</option> }) }
                </select>
                { " / " }<input class="narrow" value={(*ingest_dataset).clone()} onchange={text_setter(&ingest_dataset)} data-testid="ingest-dataset" />
                { " for day " }<input type="date" value={(*ingest_day).clone()} onchange={text_setter(&ingest_day)} data-testid="ingest-day" />
                { " " }<input type="file" multiple=true onchange={on_files} disabled={!can_run} data-testid="ingest-files" />
            </div>

            <h2>{ format!("The lake ({} files, {})", view.files.len(), bytes(lake_bytes)) }</h2>
            if view.files.is_empty() {
                <p class="muted" data-testid="lake-empty">{ "Empty: load the media sample." }</p>
            } else {
                <LakeTree files={view.files.clone()} />
            }

            <h2>{ "Glue-style jobs" }</h2>
            <p class="muted">{ "Each job is data: edit its JSON (source, filter, derived columns, grouping, aggregates, target, partitions) and run it. Nested JSON fields are flattened to \"parent.child\" columns." }</p>
            if let Some(e) = &*job_error { <p class="warn" data-testid="glue-error">{ e }</p> }
            <div class="glue-jobs">
                { for view.jobs.iter().map(|job| {
                    let name = job.name.clone();
                    let text = job_texts.get(&name).cloned().unwrap_or_else(|| serde_json::to_string_pretty(job).unwrap_or_default());
                    let on_input = {
                        let (texts, name) = (job_texts.clone(), name.clone());
                        Callback::from(move |e: InputEvent| {
                            let mut m = (*texts).clone();
                            m.insert(name.clone(), e.target_unchecked_into::<HtmlTextAreaElement>().value());
                            texts.set(m);
                        })
                    };
                    let on_run = {
                        let (run, text, error) = (run.clone(), text.clone(), job_error.clone());
                        Callback::from(move |_| {
                            if let Some(job) = edited_job(&text, &error) {
                                run.emit(LakeAction::Glue { job });
                            }
                        })
                    };
                    let on_export = {
                        let (export, text, error) = (props.actions.export_pipeline.clone(), text.clone(), job_error.clone());
                        Callback::from(move |_| {
                            if let Some(job) = edited_job(&text, &error) {
                                export.emit(PipelineExport::GluePyspark(job));
                            }
                        })
                    };
                    html! {
                        <details class="glue-job" data-testid={format!("glue-{name}")}>
                            <summary>{ format!("{name}: {} → {}", job.source, job.target) }</summary>
                            <textarea rows="12" cols="70" value={text} oninput={on_input} data-testid="glue-json" />
                            <button onclick={on_run} disabled={!can_run} data-testid="glue-run">{ format!("Run {name}") }</button>
                            <button onclick={on_export} disabled={!props.ready} data-testid="glue-export"
                                title="The job as a PySpark script over a lake root (spark-submit job.py --lake DIR)">{ "Export as PySpark (.py)" }</button>
                        </details>
                    }
                }) }
            </div>
            if let Some(g) = &view.glue {
                <div class="glue-report" data-testid="glue-report">
                    <p>{ format!("{}: {} rows in → {} rows out, {} columns ({}); wrote {} Parquet file(s)", g.job, g.rows_in, g.rows_out, g.columns_out.len(), g.columns_out.join(", "), g.files_written.len()) }</p>
                    <details><summary>{ "SQL the job ran" }</summary><pre>{ &g.sql }</pre></details>
                </div>
            }

            <h2>{ "SQL" }</h2>
            <div class="sql-target">
                <label><input type="radio" name="sql-target" checked={*target == Target::Lake} onchange={set_target(Target::Lake)} data-testid="sql-target-lake" />{ " over the lake (Athena: schema-on-read, partitions pruned)" }</label>
                <label><input type="radio" name="sql-target" checked={*target == Target::Warehouse} onchange={set_target(Target::Warehouse)} data-testid="sql-target-warehouse" />{ " in the warehouse (Redshift: CREATE TABLE, COPY, INSERT … SELECT, SELECT)" }</label>
            </div>
            if *target == Target::Lake {
                <p class="muted">{ format!("Tables: {}, and every other dataset of the lake by its name", view.lake_tables.iter().map(|(n, d)| format!("{n} = {d}/")).collect::<Vec<_>>().join(", ")) }</p>
            }
            <textarea class="sql-editor" rows="14" value={sql_text} oninput={on_sql} data-testid="sql-editor" />
            <p><button class="primary" onclick={run_sql} disabled={!can_run} data-testid="sql-run">{ "Run" }</button></p>
            <ScanList scans={view.scans.clone()} />
            if !view.steps.is_empty() {
                <table class="steps" data-testid="warehouse-steps">
                    { for view.steps.iter().map(|s| match s {
                        ConsoleStep::Declared { table, columns, explain } => html! {
                            <tr><td>{ "CREATE TABLE" }</td><td><code>{ table }</code></td><td>{ format!("{columns} columns") }</td><td class="muted">{ explain.join(" ") }</td></tr>
                        },
                        ConsoleStep::Wrote(w) => html! {
                            <tr data-testid={format!("write-{}", w.table)}>
                                <td>{ if w.source.starts_with("INSERT") { "INSERT" } else { "COPY" } }</td>
                                <td><code>{ &w.table }</code></td>
                                <td><span data-testid="accepted">{ w.accepted }</span>{ " accepted, " }<span data-testid="rejected">{ w.rejected }</span>{ format!(" rejected of {}", w.rows_in) }</td>
                                <td class="reasons">{ for w.reasons.iter().map(|(r, n)| html! { <div>{ format!("{n} — {r}") }</div> }) }</td>
                            </tr>
                        },
                        ConsoleStep::Rows { rows, columns } => html! {
                            <tr><td>{ "SELECT" }</td><td colspan="3">{ format!("{rows} rows: {}", columns.join(", ")) }</td></tr>
                        },
                    }) }
                </table>
            }

            <h2>{ "Lake vs warehouse, measured" }</h2>
            <table class="comparison" data-testid="comparison">
                <tr><th>{ "Aspect" }</th><th>{ "Data Lake" }</th><th>{ "Data Warehouse" }</th></tr>
                <tr><td>{ "Schema" }</td><td>{ "Schema-on-read: inferred from the files when a query runs" }</td>
                    <td>{ format!("Schema-on-write: {} declared tables; rows that do not fit are rejected at load", view.declared.len()) }</td></tr>
                <tr><td>{ "Data types" }</td><td>{ format!("All formats, kept native: {formats}") }</td><td>{ "Structured only: typed columns, NOT NULL, keys" }</td></tr>
                <tr><td>{ "Processing" }</td><td>{ "ELT: raw kept, transformed by jobs and queries later" }</td><td>{ "ETL: curated data COPYed in, checked on the way" }</td></tr>
                <tr><td>{ "Stored" }</td><td data-testid="lake-bytes">{ bytes(lake_bytes) }</td><td data-testid="warehouse-bytes">{ format!("{} ({} rows)", bytes(warehouse_bytes), accepted) }</td></tr>
                <tr><td>{ "Rows accepted / rejected" }</td><td>{ "every row is read; nothing is rejected (and nothing is checked)" }</td>
                    <td data-testid="warehouse-rejects">{ format!("{accepted} accepted, {rejected} rejected (see stl_load_errors)") }</td></tr>
                <tr><td>{ "Query time" }</td><td data-testid="lake-time">{ format!("{}{}", timing(props.lake_query), if scanned + skipped > 0 { format!("; {scanned} files scanned, {skipped} skipped") } else { String::new() }) }</td>
                    <td data-testid="warehouse-time">{ timing(props.warehouse_query) }</td></tr>
            </table>

            if !view.declared.is_empty() {
                <h2>{ "Declared tables" }</h2>
                <div class="declared" data-testid="declared">
                    { for view.declared.iter().map(|t| {
                        let max = t.slices.iter().copied().max().unwrap_or(1).max(1);
                        html! {
                            <div class="declared-table" data-testid={format!("declared-{}", t.name)}>
                                <h3><code>{ &t.name }</code>{ format!(" — {} rows, {} rejected, {}", t.rows, t.rejects, bytes(t.bytes)) }</h3>
                                <p class="muted">{ t.columns.join(", ") }</p>
                                { for t.explain.iter().map(|e| html! { <p>{ e }</p> }) }
                                <div class="slices" title="rows per slice on a 4-slice cluster">
                                    { for t.slices.iter().enumerate().map(|(i, n)| html! {
                                        <div class="slice"><span class="bar kept" style={format!("width:{:.0}%", 100.0 * *n as f64 / max as f64)}></span>{ format!(" slice {i}: {n}") }</div>
                                    }) }
                                </div>
                            </div>
                        }
                    }) }
                </div>
            }

            if !props.outputs.is_empty() {
                <h2>{ "Results and tables" }</h2>
                <TableViewer id="lake" tables={props.outputs.clone()} selected={props.selected.clone()} window={props.window.clone()}
                    epoch={props.epoch} can_fetch={can_run} on_select={props.actions.select_lake.clone()}
                    on_rows={props.actions.rows.clone()} on_export={props.actions.export.clone()} />
            }

            <LakeConnectorPanel default_sql={view.lake_sql.clone()} />
        </section>
    }
}
