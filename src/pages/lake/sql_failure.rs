//! Why the last query or warehouse script failed, beside the SQL editor;
//! when a COPY found no files that one of the jobs writes, that job's Run
//! button, so the fix is one click away.

use dataplay_api::lake::{GlueJob, LakeAction};
use yew::prelude::*;

use super::glue_jobs::GlueDraft;
use crate::actions::use_actions;
use crate::i18n::{use_i18n, Args};
use crate::state::{LakeFailure, LakeTask};
use crate::words;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub failure: Option<LakeFailure>,
    pub jobs: Vec<GlueJob>,
    pub draft: GlueDraft,
    pub can_run: bool,
}

#[function_component(SqlFailure)]
pub fn sql_failure(props: &Props) -> Html {
    let i18n = use_i18n();
    let run = use_actions().run_lake;
    let Some(failure) = props
        .failure
        .as_ref()
        .filter(|f| matches!(f.task, LakeTask::LakeSql | LakeTask::WarehouseSql))
    else {
        return html! {};
    };
    // The job as the user edited it, if its JSON parses; else the engine's.
    let job = failure
        .job_to_run()
        .and_then(|name| props.jobs.iter().find(|j| j.name == name))
        .map(|j| props.draft.job(j).unwrap_or_else(|_| j.clone()));
    html! {
        <div class="sql-failure" role="alert" data-testid="sql-failure">
            <p>{ words::problem(&i18n, &failure.problem) }</p>
            if let Some(job) = job {
                <p>
                    { i18n.t_with("lake-missing-job", &Args::new().text("job", job.name.clone()).text("path", job.target.clone())) }{ " " }
                    <button class="primary" disabled={!props.can_run} data-testid="sql-failure-run-job"
                        onclick={Callback::from(move |_: MouseEvent| run.emit(LakeAction::Glue { job: job.clone() }))}>
                        { i18n.t_with("lake-glue-run", &Args::new().text("job", failure.job_to_run().unwrap_or_default().to_string())) }
                    </button>
                </p>
            }
        </div>
    }
}
