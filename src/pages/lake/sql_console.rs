//! The SQL console: a query over the lake (schema-on-read, partitions
//! pruned) or the warehouse script (declared tables, COPY, INSERT … SELECT),
//! each with its own text; what the lake query scanned, and what each
//! warehouse statement did.

use std::rc::Rc;

use dataplay_api::lake::{ConsoleStep, LakeAction, LakeView};
use yew::prelude::*;

use super::code_editor::CodeEditor;
use crate::actions::use_actions;
use crate::components::lake_listing::ScanList;
use crate::i18n::{use_i18n, Args, I18n};

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Lake,
    Warehouse,
}

/// Where the SQL runs and the two texts as edited (`None`: the engine's
/// default); kept by the page.
#[derive(Clone, PartialEq)]
pub struct SqlDraft {
    target: UseStateHandle<Target>,
    lake: UseStateHandle<Option<String>>,
    warehouse: UseStateHandle<Option<String>>,
}

/// The draft a link starts from.
#[hook]
pub fn use_sql_draft(link: &super::url::Link) -> SqlDraft {
    SqlDraft {
        target: use_state(|| {
            if link.warehouse {
                Target::Warehouse
            } else {
                Target::Lake
            }
        }),
        lake: use_state(|| link.lake_sql.clone()),
        warehouse: use_state(|| link.warehouse_sql.clone()),
    }
}

impl SqlDraft {
    /// Its part of the page's link.
    pub fn write(&self, link: &mut super::url::Link) {
        link.warehouse = *self.target == Target::Warehouse;
        link.lake_sql.clone_from(&self.lake);
        link.warehouse_sql.clone_from(&self.warehouse);
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<LakeView>,
    pub draft: SqlDraft,
    pub can_run: bool,
    /// Shown under the Run button (why the last run failed).
    #[prop_or_default]
    pub children: Html,
}

#[function_component(SqlConsole)]
pub fn sql_console(props: &Props) -> Html {
    let i18n = use_i18n();
    let run = use_actions().run_lake;
    let SqlDraft {
        target,
        lake,
        warehouse,
    } = props.draft.clone();
    let view = &props.view;
    let sql_text = match *target {
        Target::Lake => (*lake).clone().unwrap_or_else(|| view.lake_sql.clone()),
        Target::Warehouse => (*warehouse).clone().unwrap_or_else(|| view.warehouse_sql.clone()),
    };
    let on_sql = {
        let target = target.clone();
        Callback::from(move |v: String| match *target {
            Target::Lake => lake.set(Some(v)),
            Target::Warehouse => warehouse.set(Some(v)),
        })
    };
    let run_sql = {
        let (target, text, tables) = (target.clone(), sql_text.clone(), view.lake_tables.clone());
        Callback::from(move |_: ()| {
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
        Callback::from(move |_: Event| target.set(t))
    };
    html! {
        <>
            <h2>{ "SQL" }</h2>
            <div class="sql-target">
                <label><input type="radio" name="sql-target" checked={*target == Target::Lake} onchange={set_target(Target::Lake)} data-testid="sql-target-lake" />{ " " }{ i18n.t("lake-sql-over-lake") }</label>
                <label><input type="radio" name="sql-target" checked={*target == Target::Warehouse} onchange={set_target(Target::Warehouse)} data-testid="sql-target-warehouse" />{ " " }{ i18n.t("lake-sql-in-warehouse") }</label>
            </div>
            if *target == Target::Lake {
                <p class="muted">{ i18n.t_with("lake-sql-tables", &Args::new().text("tables", view.lake_tables.iter().map(|(n, d)| format!("{n} = {d}/")).collect::<Vec<_>>().join(", "))) }</p>
            }
            <CodeEditor value={sql_text} on_change={on_sql} on_run={if props.can_run { run_sql.clone() } else { Callback::noop() }}
                rows={20} testid="sql-editor" label={i18n.t(if *target == Target::Lake { "lake-sql-over-lake" } else { "lake-sql-in-warehouse" })} />
            <p><button class="primary" onclick={run_sql.reform(|_: MouseEvent| ())} disabled={!props.can_run} data-testid="sql-run">{ i18n.t("lake-sql-run") }</button></p>
            { props.children.clone() }
            <ScanList scans={view.scans.clone()} />
            if !view.steps.is_empty() {
                { steps(&i18n, &view.steps) }
            }
        </>
    }
}

/// What each statement of the warehouse script did.
fn steps(i18n: &I18n, steps: &[ConsoleStep]) -> Html {
    html! {
        <table class="steps" data-testid="warehouse-steps">
            { for steps.iter().map(|s| match s {
                ConsoleStep::Declared { table, columns, explain } => html! {
                    <tr><td>{ "CREATE TABLE" }</td><td><code>{ table }</code></td><td>{ i18n.t_with("lake-step-columns", &Args::new().text("columns", i18n.count(*columns as f64))) }</td><td class="muted">{ explain.iter().map(|e| crate::words::explanation(i18n, e)).collect::<Vec<_>>().join(" ") }</td></tr>
                },
                ConsoleStep::Wrote(w) => html! {
                    <tr data-testid={format!("write-{}", w.table)}>
                        <td>{ if w.source.starts_with("INSERT") { "INSERT" } else { "COPY" } }</td>
                        <td><code>{ &w.table }</code></td>
                        <td><span data-testid="accepted">{ w.accepted }</span>{ " " }{ i18n.t("lake-step-accepted") }{ ", " }<span data-testid="rejected">{ w.rejected }</span>{ " " }{ i18n.t_with("lake-step-rejected", &Args::new().text("rows", i18n.count(w.rows_in as f64))) }</td>
                        <td class="reasons">{ for w.reasons.iter().map(|(r, n)| html! { <div>{ format!("{n} — {}", crate::words::reject_reason(i18n, r)) }</div> }) }</td>
                    </tr>
                },
                ConsoleStep::Rows { rows, columns } => html! {
                    <tr><td>{ "SELECT" }</td><td colspan="3">{ i18n.t_with("lake-step-rows", &Args::new().text("rows", i18n.count(*rows as f64)).text("columns", columns.join(", "))) }</td></tr>
                },
            }) }
        </table>
    }
}
