//! The Glue-style jobs: each one's JSON, editable, run in the engine or
//! exported as PySpark; and what the last job run did.

use std::collections::BTreeMap;

use dataplay_api::lake::{GlueJob, GlueReport, LakeAction};
use dataplay_api::PipelineExport;
use yew::prelude::*;

use crate::actions::use_actions;
use crate::dom;
use crate::i18n::{use_i18n, Args, I18n};

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
fn edited_job(i18n: &I18n, text: &str, error: &UseStateHandle<Option<String>>) -> Option<GlueJob> {
    match serde_json::from_str::<GlueJob>(text) {
        Ok(job) => {
            error.set(None);
            Some(job)
        }
        Err(e) => {
            let args = Args::new()
                .text("line", e.line().to_string())
                .text("column", e.column().to_string())
                .text("detail", e.to_string());
            error.set(Some(i18n.t_with("lake-glue-json-error", &args)));
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
    let i18n = use_i18n();
    html! {
        <>
            <h2>{ i18n.t("lake-glue-title") }</h2>
            <p class="muted">{ i18n.t("lake-glue-help") }</p>
            if let Some(e) = &*props.draft.error { <p class="warn" data-testid="glue-error">{ e }</p> }
            <div class="glue-jobs">
                { for props.jobs.iter().map(|job| html! {
                    <Job job={job.clone()} draft={props.draft.clone()} can_run={props.can_run} ready={props.ready} />
                }) }
            </div>
            if let Some(g) = &props.report {
                <div class="glue-report" data-testid="glue-report">
                    <p>{ glue_report(&i18n, g) }</p>
                    <details><summary>{ i18n.t("lake-glue-sql") }</summary><pre>{ &g.sql }</pre></details>
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
    let i18n = use_i18n();
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
        let (run, text, error, i18n) = (actions.run_lake.clone(), text.clone(), error.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(job) = edited_job(&i18n, &text, &error) {
                run.emit(LakeAction::Glue { job });
            }
        })
    };
    let on_export = {
        let (export, text, i18n) = (actions.export_pipeline.clone(), text.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(job) = edited_job(&i18n, &text, &error) {
                export.emit(PipelineExport::GluePyspark(job));
            }
        })
    };
    html! {
        <details class="glue-job" data-testid={format!("glue-{name}")}>
            <summary>{ format!("{name}: {} → {}", job.source, job.target) }</summary>
            <textarea rows="12" cols="70" value={text} oninput={on_input} data-testid="glue-json" />
            <button onclick={on_run} disabled={!props.can_run} data-testid="glue-run">{ i18n.t_with("lake-glue-run", &Args::new().text("job", name.clone())) }</button>
            <button onclick={on_export} disabled={!props.ready} data-testid="glue-export"
                title={i18n.t("lake-glue-export-help")}>{ i18n.t("lake-glue-export") }</button>
        </details>
    }
}

/// `video_stats: 5000 rows in → 120 rows out, 9 columns (…); wrote 3 Parquet file(s)`.
fn glue_report(i18n: &I18n, g: &GlueReport) -> String {
    let args = Args::new()
        .text("job", g.job.clone())
        .text("rows_in", i18n.count(g.rows_in as f64))
        .text("rows_out", i18n.count(g.rows_out as f64))
        .text("columns", i18n.count(g.columns_out.len() as f64))
        .text("names", g.columns_out.join(", "))
        .text("files", i18n.count(g.files_written.len() as f64));
    i18n.t_with("lake-glue-report", &args)
}
