//! The Lake & Warehouse page (the seed's section 24): load the media sample
//! into the lake's zones, run the Glue-style jobs (edited as JSON), query the
//! lake with SQL (files scanned / skipped by partition) or run the warehouse
//! script (declared tables, COPY with schema-on-write, rejects), and compare
//! the two side by side with the measured numbers.
//!
//! What the user typed or chose (the drafts) is kept here, by the page, so
//! it outlives the sections while the engine restarts.

mod code_editor;
mod comparison;
mod copy_lesson;
mod declared_tables;
mod glue_jobs;
mod ingest;
mod sql_console;
mod sql_failure;
pub mod url;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use dataplay_api::lake::{GlueReport, LakeAction, LakeView};
use yew::prelude::*;

use crate::actions::use_actions;
use crate::components::error_banner::Errors;
use crate::components::lake_connector_panel::LakeConnectorPanel;
use crate::components::lake_listing::LakeTree;
use crate::components::link_problems::LinkProblems;
use crate::components::table_browser::{BrowserKind, TableBrowser};
use crate::i18n::{use_i18n, Args};
use crate::state::{Browser, LakeFailure, Place};
use comparison::Comparison;
use copy_lesson::CopyLesson;
use declared_tables::DeclaredTables;
use glue_jobs::{use_glue_draft, GlueJobs};
use ingest::{use_ingest_draft, Ingest};
use sql_console::{use_sql_draft, SqlConsole};
use sql_failure::SqlFailure;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Option<Rc<LakeView>>,
    /// The tables the page's queries and jobs wrote.
    pub tables: Browser,
    /// (ms, rows) of the last lake query and the last warehouse query.
    pub lake_query: Option<(f64, usize)>,
    pub warehouse_query: Option<(f64, usize)>,
    /// Each Glue job's last result, by name.
    pub glue_reports: BTreeMap<String, GlueReport>,
    /// The last lake action that failed.
    pub failure: Option<LakeFailure>,
    pub epoch: u32,
    pub busy: bool,
    pub ready: bool,
}

#[function_component(LakePage)]
pub fn lake_page(props: &Props) -> Html {
    let i18n = use_i18n();
    let actions = use_actions();
    let run = actions.run_lake.clone();
    // A shared link sets what it names (read once, on arrival).
    let link = use_memo((), |_| url::read(&crate::dom::location_hash()));
    let (ingest, glue, sql) = (use_ingest_draft(&link), use_glue_draft(&link), use_sql_draft(&link));
    let open = use_state(|| link.open.clone());
    let table = crate::pages::linked_table::use_linked_table(link.table.clone(), &props.tables, &actions.select_lake);
    {
        // The link follows the page as it is edited (no history entry).
        let mut now = url::Link::default();
        sql.write(&mut now);
        glue.write(&mut now);
        ingest.write(&mut now);
        now.open = (*open).clone();
        now.table = table;
        use_effect_with(url::hash_for(&now), |hash| crate::dom::replace_hash(hash));
    }
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |(dataset, unfolded): (String, bool)| {
            let mut next: BTreeSet<String> = (*open).clone();
            if unfolded {
                next.insert(dataset);
            } else {
                next.remove(&dataset);
            }
            if next != *open {
                open.set(next);
            }
        })
    };
    let can_run = props.ready && !props.busy;

    // Ask for the defaults (jobs, scripts) once the engine is up.
    {
        let missing = props.view.is_none();
        use_effect_with((props.ready, missing, props.epoch), move |(ready, missing, _)| {
            if *ready && *missing {
                run.emit(LakeAction::List);
            }
        });
    }
    let Some(view) = props.view.clone() else {
        return html! { <section class="lake" data-testid="lake-page"><h1>{ i18n.t("lake-title") }</h1><p class="muted">{ i18n.t("lake-waiting") }</p></section> };
    };
    let lake_bytes: u64 = view.files.iter().map(|f| f.bytes).sum();

    html! {
        <section class="lake" data-testid="lake-page">
            <h1>{ i18n.t("lake-title") }</h1>
            <crate::components::concept::Concept module={crate::components::concept::Module::Lake} />
            <LinkProblems bad={link.bad.clone()} testid="lake-url-problems" />
            <Ingest draft={ingest} can_run={can_run} />
            <Errors place={Place::LakeFiles} />

            <h2>{ i18n.t_with("lake-files", &Args::new().text("files", i18n.count(view.files.len() as f64)).text("size", i18n.bytes(lake_bytes))) }</h2>
            if view.files.is_empty() {
                <p class="muted" data-testid="lake-empty">{ i18n.t("lake-empty") }</p>
            } else {
                <LakeTree files={view.files.clone()} open={Some((*open).clone())} on_toggle={on_toggle} />
            }

            <GlueJobs jobs={view.jobs.clone()} reports={props.glue_reports.clone()} draft={glue.clone()} can_run={can_run} ready={props.ready} />
            <Errors place={Place::LakeGlue} />
            <SqlConsole view={view.clone()} draft={sql} can_run={can_run}>
                <SqlFailure failure={props.failure.clone()} jobs={view.jobs.clone()} draft={glue} can_run={can_run} />
            </SqlConsole>
            <CopyLesson steps={view.steps.clone()} />
            <Comparison view={view.clone()} lake_query={props.lake_query} warehouse_query={props.warehouse_query} />
            <DeclaredTables tables={view.declared.clone()} />

            if !props.tables.datasets.is_empty() {
                <h2>{ i18n.t("lake-results") }</h2>
                <TableBrowser kind={BrowserKind::Lake} browser={props.tables.clone()} epoch={props.epoch} can_fetch={can_run} />
            }

            <LakeConnectorPanel default_sql={view.lake_sql.clone()} />
        </section>
    }
}
