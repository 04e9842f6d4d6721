//! The Glue-style jobs, one card each: its Run and Export always in view,
//! its last result beside it, and its JSON in an editor that says where it
//! stops parsing and can go back to the engine's default.

use std::collections::BTreeMap;

use dataplay_api::lake::{GlueJob, GlueReport, LakeAction};
use dataplay_api::PipelineExport;
use yew::prelude::*;

use super::code_editor::CodeEditor;
use crate::actions::use_actions;
use crate::i18n::{use_i18n, Args, I18n};

/// The jobs' JSON as edited, by job name (a job absent is as the engine
/// gave it); kept by the page.
#[derive(Clone, PartialEq)]
pub struct GlueDraft {
    texts: UseStateHandle<BTreeMap<String, String>>,
}

/// The drafts a link starts from (the jobs' JSON it gives).
#[hook]
pub fn use_glue_draft(link: &super::url::Link) -> GlueDraft {
    GlueDraft {
        texts: use_state(|| link.jobs.clone()),
    }
}

impl GlueDraft {
    /// Its part of the page's link.
    pub fn write(&self, link: &mut super::url::Link) {
        link.jobs.clone_from(&self.texts);
    }

    /// The job's JSON as the user sees it.
    pub fn text(&self, job: &GlueJob) -> String {
        self.texts
            .get(&job.name)
            .cloned()
            .unwrap_or_else(|| serde_json::to_string_pretty(job).unwrap_or_default())
    }

    /// The job as edited, or why its JSON does not parse.
    pub fn job(&self, job: &GlueJob) -> Result<GlueJob, serde_json::Error> {
        match self.texts.get(&job.name) {
            Some(text) => serde_json::from_str(text),
            None => Ok(job.clone()),
        }
    }

    fn set(&self, name: &str, text: Option<String>) {
        let mut texts = (*self.texts).clone();
        match text {
            Some(t) => texts.insert(name.to_string(), t),
            None => texts.remove(name),
        };
        self.texts.set(texts);
    }
}

/// `job JSON, line 3, column 7: expected value` (serde's words without the
/// place they end with, which the message gives).
fn json_error(i18n: &I18n, e: &serde_json::Error) -> String {
    let detail = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let args = Args::new()
        .number("line", e.line() as f64)
        .number("column", e.column() as f64)
        .text("detail", detail.strip_suffix(&suffix).unwrap_or(&detail).to_string());
    i18n.t_with("lake-glue-json-error", &args)
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub jobs: Vec<GlueJob>,
    /// Each job's last result, by name.
    pub reports: BTreeMap<String, GlueReport>,
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
            <div class="glue-jobs">
                { for props.jobs.iter().map(|job| {
                    // A job renamed in its JSON runs (and reports) under its new name.
                    let sent = props.draft.job(job).map_or_else(|_| job.name.clone(), |j| j.name);
                    let report = props.reports.get(&sent).or_else(|| props.reports.get(&job.name)).cloned();
                    html! {
                        <Job key={job.name.clone()} job={job.clone()} report={report}
                            draft={props.draft.clone()} can_run={props.can_run} ready={props.ready} />
                    }
                }) }
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct JobProps {
    job: GlueJob,
    report: Option<GlueReport>,
    draft: GlueDraft,
    can_run: bool,
    ready: bool,
}

/// One job: what it reads and writes, Run and Export, its last result, and
/// its JSON (folded).
#[function_component(Job)]
fn job(props: &JobProps) -> Html {
    let i18n = use_i18n();
    let actions = use_actions();
    let (job, draft) = (&props.job, &props.draft);
    let name = job.name.clone();
    let edited = draft.job(job);
    let error = edited.as_ref().err().map(|e| json_error(&i18n, e));
    let run = {
        let (run, edited) = (actions.run_lake.clone(), edited.as_ref().ok().cloned());
        Callback::from(move |_: ()| {
            if let Some(job) = edited.clone() {
                run.emit(LakeAction::Glue { job });
            }
        })
    };
    let on_export = {
        let (export, edited) = (actions.export_pipeline.clone(), edited.as_ref().ok().cloned());
        Callback::from(move |_: MouseEvent| {
            if let Some(job) = edited.clone() {
                export.emit(PipelineExport::GluePyspark(job));
            }
        })
    };
    let on_change = {
        let (draft, name) = (draft.clone(), name.clone());
        Callback::from(move |text: String| draft.set(&name, Some(text)))
    };
    let on_reset = {
        let (draft, name) = (draft.clone(), name.clone());
        Callback::from(move |_: MouseEvent| draft.set(&name, None))
    };
    let broken = error.is_some();
    let on_run = if props.can_run { run.clone() } else { Callback::noop() };
    html! {
        <div class="glue-job" data-testid={format!("glue-{name}")}>
            <div class="glue-head">
                <h3><code>{ &name }</code></h3>
                <span class="muted">{ format!("{} → {}", job.source, job.target) }</span>
                <button class="primary" onclick={run.reform(|_: MouseEvent| ())} disabled={!props.can_run || broken} data-testid="glue-run">
                    { i18n.t_with("lake-glue-run", &Args::new().text("job", name.clone())) }</button>
                <button onclick={on_export} disabled={!props.ready || broken} data-testid="glue-export"
                    title={i18n.t("lake-glue-export-help")}>{ i18n.t("lake-glue-export") }</button>
            </div>
            { result(&i18n, props.report.as_ref()) }
            if let Some(e) = error {
                <p class="warn" role="alert" data-testid="glue-error">{ e }</p>
            }
            if draft.texts.contains_key(&name) {
                <button onclick={on_reset} data-testid="glue-reset">{ i18n.t("lake-glue-reset") }</button>
            }
            <details class="glue-json">
                <summary>{ i18n.t("lake-glue-edit") }</summary>
                <CodeEditor value={draft.text(job)} on_change={on_change} on_run={on_run} rows={16}
                    invalid={broken} testid="glue-json" label={i18n.t_with("lake-glue-json-label", &Args::new().text("job", name.clone()))} />
            </details>
        </div>
    }
}

/// The job's last run, or that it has not run.
fn result(i18n: &I18n, report: Option<&GlueReport>) -> Html {
    let Some(g) = report else {
        return html! { <p class="muted" data-testid="glue-not-run">{ i18n.t("lake-glue-not-run") }</p> };
    };
    let args = Args::new()
        .text("job", g.job.clone())
        .text("rows_in", i18n.count(g.rows_in as f64))
        .text("rows_out", i18n.count(g.rows_out as f64))
        .text("columns", i18n.count(g.columns_out.len() as f64))
        .text("names", g.columns_out.join(", "))
        .text("files", i18n.count(g.files_written.len() as f64));
    html! {
        <div class="glue-report" data-testid="glue-report">
            <p>{ i18n.t_with("lake-glue-report", &args) }</p>
            <details><summary>{ i18n.t("lake-glue-sql") }</summary><pre>{ &g.sql }</pre></details>
        </div>
    }
}
