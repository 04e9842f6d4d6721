//! The page's state and every way it can change (a Yew reducer). The engine
//! owns the data; this keeps what the page shows and how to rebuild the
//! engine's workspace if the worker has to be restarted.

use std::rc::Rc;

use dataplay_api::cap::CapComparison;
use dataplay_api::etl::EtlReport;
use dataplay_api::lake::{LakeAction, LakeView};
use dataplay_api::{DatasetSummary, LoadOptions, RowsWindow, SampleSpec};
use web_sys::File;
use yew::Reducible;

/// Where a loaded dataset came from, kept so it can be loaded again into a
/// new worker after a cancel or a crash.
#[derive(Clone)]
pub enum Restorable {
    File { file: File, options: LoadOptions },
    Sample(SampleSpec),
}

#[derive(Clone)]
pub struct Restore {
    pub source: Restorable,
    /// The datasets it produced.
    pub datasets: Vec<String>,
}

/// A long request the user is waiting for.
#[derive(Clone, Debug, PartialEq)]
pub struct Busy {
    pub id: u64,
    pub label: String,
    pub message: String,
    pub fraction: Option<f64>,
    /// True while the workspace is being rebuilt after a restart.
    pub restoring: bool,
}

impl Busy {
    /// The restore the app is about to send (id 0: not sent yet).
    pub fn restore_pending() -> Busy {
        let label = "Restoring your tables".to_string();
        Busy {
            id: 0,
            message: label.clone(),
            label,
            fraction: None,
            restoring: true,
        }
    }

    pub fn is_restore_pending(&self) -> bool {
        self.restoring && self.id == 0
    }
}

#[derive(Clone, Default)]
pub struct AppState {
    pub ready: bool,
    /// Counts engine restarts: requests sent to an earlier engine are lost.
    pub epoch: u32,
    pub datasets: Vec<DatasetSummary>,
    pub selected: Option<String>,
    pub window: Option<RowsWindow>,
    pub busy: Option<Busy>,
    pub errors: Vec<String>,
    /// What the in-flight load will add to `restores` when it succeeds.
    pub pending: Vec<Restorable>,
    pub restores: Vec<Restore>,
    /// The CAP page's latest simulation.
    pub cap: Option<Rc<CapComparison>>,
    pub cap_elapsed_ms: f64,
    /// The ETL page's latest run and the tables it wrote (`etl:…`, `dw:…`),
    /// kept apart from the user's own tables.
    pub etl: Option<Rc<EtlReport>>,
    pub etl_datasets: Vec<DatasetSummary>,
    pub etl_selected: Option<String>,
    pub etl_window: Option<RowsWindow>,
    /// The Lake & Warehouse page: the lake and warehouse as the engine last
    /// described them, the tables its queries wrote, and the last timings.
    pub lake: Option<Rc<LakeView>>,
    pub lake_datasets: Vec<DatasetSummary>,
    pub lake_selected: Option<String>,
    pub lake_window: Option<RowsWindow>,
    /// (milliseconds, rows) of the last query over the lake and in the warehouse.
    pub lake_query: Option<(f64, usize)>,
    pub warehouse_query: Option<(f64, usize)>,
    /// How many requests have finished (answered, failed or lost with the
    /// engine): the page shows it so that a test waits for its request to
    /// end, not for a time.
    pub finished: u64,
}

pub enum Action {
    Ready,
    Started {
        id: u64,
        label: String,
        sources: Vec<Restorable>,
        restoring: bool,
    },
    Progress {
        id: u64,
        message: String,
        fraction: Option<f64>,
    },
    Loaded {
        id: u64,
        datasets: Vec<DatasetSummary>,
        errors: Vec<String>,
        ok_sources: Vec<usize>,
    },
    Rows(RowsWindow),
    Failed {
        id: u64,
        error: String,
    },
    /// The worker is gone; it will be restarted.
    Lost {
        reason: String,
    },
    Select(String),
    Removed(String),
    DismissErrors,
    /// A CAP comparison and how long the worker took to produce it.
    Cap(Box<CapComparison>, f64),
    /// An ETL run's report and the datasets it wrote.
    Etl {
        id: u64,
        report: Box<EtlReport>,
        datasets: Vec<DatasetSummary>,
    },
    SelectEtl(String),
    /// What a Lake & Warehouse action did.
    Lake {
        id: u64,
        action: Box<LakeAction>,
        view: Box<LakeView>,
        datasets: Vec<DatasetSummary>,
    },
    SelectLake(String),
}

impl AppState {
    pub fn etl_selected_summary(&self) -> Option<&DatasetSummary> {
        let name = self.etl_selected.as_ref()?;
        self.etl_datasets.iter().find(|d| &d.name == name)
    }

    pub fn lake_selected_summary(&self) -> Option<&DatasetSummary> {
        let name = self.lake_selected.as_ref()?;
        self.lake_datasets.iter().find(|d| &d.name == name)
    }

    pub fn selected_summary(&self) -> Option<&DatasetSummary> {
        let name = self.selected.as_ref()?;
        self.datasets.iter().find(|d| &d.name == name)
    }

    fn upsert(&mut self, summary: DatasetSummary) {
        match self.datasets.iter_mut().find(|d| d.name == summary.name) {
            Some(slot) => *slot = summary,
            None => self.datasets.push(summary),
        }
    }

    fn is_current(&self, id: u64) -> bool {
        self.busy.as_ref().is_some_and(|b| b.id == id)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        if self.busy.is_some() && s.busy.is_none() {
            s.finished += 1;
        }
        Rc::new(s)
    }
}

impl AppState {
    fn apply(&mut self, action: Action) {
        let s = self;
        match action {
            Action::Ready => {
                s.ready = true;
                if !s.restores.is_empty() {
                    // Mark the restore before anything else can ask the
                    // new engine for tables it does not hold yet.
                    s.busy = Some(Busy::restore_pending());
                }
            }
            Action::Started {
                id,
                label,
                sources,
                restoring,
            } => {
                s.busy = Some(Busy {
                    id,
                    message: label.clone(),
                    label,
                    fraction: None,
                    restoring,
                });
                s.pending = sources;
            }
            Action::Progress { id, message, fraction } => {
                if let Some(busy) = s.busy.as_mut().filter(|b| b.id == id) {
                    busy.message = message;
                    busy.fraction = fraction;
                }
            }
            Action::Loaded {
                id,
                datasets,
                errors,
                ok_sources,
            } => {
                let current = s.is_current(id);
                let restoring = s.busy.as_ref().is_some_and(|b| b.restoring);
                if current {
                    s.busy = None;
                }
                // A reload's summary replaces the dataset's options in its restore.
                for summary in &datasets {
                    if let Some(Restore {
                        source: Restorable::File { options, .. },
                        ..
                    }) = s.restores.iter_mut().find(|r| r.datasets.contains(&summary.name))
                    {
                        *options = summary.options.clone();
                    }
                }
                if current && !restoring {
                    let pending = std::mem::take(&mut s.pending);
                    for i in ok_sources {
                        if let Some(source) = pending.get(i).cloned() {
                            let names = produced(&source, &datasets);
                            s.restores.push(Restore {
                                source,
                                datasets: names,
                            });
                        }
                    }
                }
                let first_new = datasets.first().map(|d| d.name.clone());
                for summary in datasets {
                    s.upsert(summary);
                }
                if !restoring || s.selected.is_none() {
                    if let Some(name) = first_new {
                        s.selected = Some(name);
                        s.window = None;
                    }
                }
                s.errors.extend(errors);
            }
            Action::Rows(window) => {
                if s.etl_selected.as_deref() == Some(window.dataset.as_str()) {
                    s.etl_window = Some(window.clone());
                }
                if s.lake_selected.as_deref() == Some(window.dataset.as_str()) {
                    s.lake_window = Some(window.clone());
                }
                if s.selected.as_deref() == Some(window.dataset.as_str()) {
                    s.window = Some(window);
                }
            }
            Action::Failed { id, error } => {
                if s.is_current(id) {
                    s.busy = None;
                    s.pending.clear();
                }
                s.errors.push(error);
            }
            Action::Lost { reason } => {
                if s.busy.as_ref().is_some_and(|b| b.restoring) {
                    // Restoring itself killed the engine: stop trying.
                    s.restores.clear();
                    s.datasets.clear();
                    s.selected = None;
                    s.errors
                        .push("Your tables could not be restored after the engine restarted.".into());
                }
                s.ready = false;
                s.epoch += 1;
                s.busy = None;
                s.pending.clear();
                s.window = None;
                // The ETL's outputs lived in the old engine.
                s.etl = None;
                s.etl_datasets.clear();
                s.etl_selected = None;
                s.etl_window = None;
                // So did the lake and the declared tables.
                s.lake = None;
                s.lake_datasets.clear();
                s.lake_selected = None;
                s.lake_window = None;
                s.errors.push(reason);
            }
            Action::Select(name) => {
                if s.selected.as_ref() != Some(&name) {
                    s.selected = Some(name);
                    s.window = None;
                }
            }
            Action::Removed(name) => {
                s.datasets.retain(|d| d.name != name);
                for r in &mut s.restores {
                    r.datasets.retain(|d| d != &name);
                }
                s.restores.retain(|r| !r.datasets.is_empty());
                if s.selected.as_ref() == Some(&name) {
                    s.selected = s.datasets.first().map(|d| d.name.clone());
                    s.window = None;
                }
            }
            Action::DismissErrors => s.errors.clear(),
            Action::Etl { id, report, datasets } => {
                if s.is_current(id) {
                    s.busy = None;
                }
                s.etl_datasets = datasets;
                if !s
                    .etl_selected
                    .as_ref()
                    .is_some_and(|n| s.etl_datasets.iter().any(|d| &d.name == n))
                {
                    s.etl_selected = Some("etl:fact_sales".into());
                }
                s.etl_window = None;
                s.etl = Some(Rc::new(*report));
            }
            Action::Lake {
                id,
                action,
                view,
                datasets,
            } => {
                if s.is_current(id) {
                    s.busy = None;
                }
                match *action {
                    LakeAction::LakeSql { .. } => s.lake_query = Some((view.millis, view.result_rows)),
                    LakeAction::WarehouseSql { .. } if view.result.is_some() => {
                        s.warehouse_query = Some((view.millis, view.result_rows))
                    }
                    _ => {}
                }
                for d in datasets {
                    match s.lake_datasets.iter_mut().find(|x| x.name == d.name) {
                        Some(slot) => *slot = d,
                        None => s.lake_datasets.push(d),
                    }
                }
                if let Some(result) = &view.result {
                    s.lake_selected = Some(result.clone());
                }
                s.lake_window = None;
                s.lake = Some(Rc::new(*view));
            }
            Action::SelectLake(name) => {
                if s.lake_selected.as_ref() != Some(&name) {
                    s.lake_selected = Some(name);
                    s.lake_window = None;
                }
            }
            Action::SelectEtl(name) => {
                if s.etl_selected.as_ref() != Some(&name) {
                    s.etl_selected = Some(name);
                    s.etl_window = None;
                }
            }
            Action::Cap(comparison, elapsed_ms) => {
                s.cap = Some(Rc::new(*comparison));
                s.cap_elapsed_ms = elapsed_ms;
            }
        }
    }
}

/// The datasets a source produced: a file gives the one named after it; a
/// sample gives those whose source names the sample.
fn produced(source: &Restorable, datasets: &[DatasetSummary]) -> Vec<String> {
    match source {
        Restorable::File { file, .. } => {
            let name = file.name();
            datasets
                .iter()
                .filter(|d| d.source == name)
                .map(|d| d.name.clone())
                .collect()
        }
        Restorable::Sample(_) => datasets
            .iter()
            .filter(|d| d.format.is_none() || d.source.contains("sample"))
            .map(|d| d.name.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(id: u64) -> Action {
        Action::Started {
            id,
            label: "Loading".into(),
            sources: vec![],
            restoring: false,
        }
    }

    #[test]
    fn a_request_counts_as_finished_once_when_it_ends_whichever_way() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(started(1));
        state = state.reduce(Action::Progress {
            id: 1,
            message: "half".into(),
            fraction: Some(0.5),
        });
        assert_eq!(state.finished, 0, "progress is not an end");
        state = state.reduce(Action::Failed {
            id: 1,
            error: "bad file".into(),
        });
        assert_eq!(state.finished, 1);
        // A late answer to an old request ends nothing.
        state = state.reduce(Action::Failed {
            id: 1,
            error: "again".into(),
        });
        assert_eq!(state.finished, 1);
        state = state.reduce(started(2));
        state = state.reduce(Action::Lost {
            reason: "crashed".into(),
        });
        assert_eq!(state.finished, 2, "a lost engine ends its request");
    }
}
