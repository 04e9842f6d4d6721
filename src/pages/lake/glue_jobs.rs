//! The Glue-style jobs: each one's JSON, editable, run in the engine or
//! exported as PySpark; and what the last job run did.

use std::collections::BTreeMap;

use dataplay_api::lake::{GlueJob, GlueReport, LakeAction};
use dataplay_api::PipelineExport;
use yew::prelude::*;

use crate::actions::use_actions;
use crate::dom;

/// The jobs' JSON as edited (by job name) and why the last one sent did not
/// parse; kept by the page.
#[derive(Clone, PartialEq)]
pub struct GlueDraft {
    texts: UseStateHandle<BTreeMap<String, String>>,
    error: UseStateHandle<Option<String>>,
}

#[hook]
pub fn use_glue_draft() -> GlueDraft {
    GlueDraft {
        texts: use_state(BTreeMap::new),
        error: use_state(|| None),
    }
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

#[derive(Properties, PartialEq)]
pub struct Props {
    pub jobs: Vec<GlueJob>,
    /// The last job run.
    pub report: Option<GlueReport>,
    pub draft: GlueDraft,
    pub can_run: bool,
    pub ready: bool,
}

#[function_component(GlueJobs)]
pub fn glue_jobs(props: &Props) -> Html {
    html! {
        <>
            <h2>{ "Glue-style jobs" }</h2>
            <p class="muted">{ "Each job is data: edit its JSON (source, filter, derived columns, grouping, aggregates, target, partitions) and run it. Nested JSON fields are flattened to \"parent.child\" columns." }</p>
            if let Some(e) = &*props.draft.error { <p class="warn" data-testid="glue-error">{ e }</p> }
            <div class="glue-jobs">
                { for props.jobs.iter().map(|job| html! {
                    <Job job={job.clone()} draft={props.draft.clone()} can_run={props.can_run} ready={props.ready} />
                }) }
            </div>
            if let Some(g) = &props.report {
                <div class="glue-report" data-testid="glue-report">
                    <p>{ format!("{}: {} rows in → {} rows out, {} columns ({}); wrote {} Parquet file(s)", g.job, g.rows_in, g.rows_out, g.columns_out.len(), g.columns_out.join(", "), g.files_written.len()) }</p>
                    <details><summary>{ "SQL the job ran" }</summary><pre>{ &g.sql }</pre></details>
                </div>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct JobProps {
    job: GlueJob,
    draft: GlueDraft,
    can_run: bool,
    ready: bool,
}

/// One job, folded: its JSON, Run and Export.
#[function_component(Job)]
fn job(props: &JobProps) -> Html {
    let actions = use_actions();
    let GlueDraft { texts, error } = props.draft.clone();
    let job = &props.job;
    let name = job.name.clone();
    let text = texts
        .get(&name)
        .cloned()
        .unwrap_or_else(|| serde_json::to_string_pretty(job).unwrap_or_default());
    let on_input = {
        let (texts, name) = (texts.clone(), name.clone());
        Callback::from(move |e: InputEvent| {
            let mut m = (*texts).clone();
            m.insert(name.clone(), dom::textarea_value(&e));
            texts.set(m);
        })
    };
    let on_run = {
        let (run, text, error) = (actions.run_lake.clone(), text.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(job) = edited_job(&text, &error) {
                run.emit(LakeAction::Glue { job });
            }
        })
    };
    let on_export = {
        let (export, text) = (actions.export_pipeline.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(job) = edited_job(&text, &error) {
                export.emit(PipelineExport::GluePyspark(job));
            }
        })
    };
    html! {
        <details class="glue-job" data-testid={format!("glue-{name}")}>
            <summary>{ format!("{name}: {} → {}", job.source, job.target) }</summary>
            <textarea rows="12" cols="70" value={text} oninput={on_input} data-testid="glue-json" />
            <button onclick={on_run} disabled={!props.can_run} data-testid="glue-run">{ format!("Run {name}") }</button>
            <button onclick={on_export} disabled={!props.ready} data-testid="glue-export"
                title="The job as a PySpark script over a lake root (spark-submit job.py --lake DIR)">{ "Export as PySpark (.py)" }</button>
        </details>
    }
}
