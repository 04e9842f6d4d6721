//! Graded exercises as data: a set is a JSON file (the format is in
//! `docs/exercises.md`) of tasks in both languages, each with the state it
//! starts from and the check its answer must pass. The expected answer is
//! never in the file as such: a table is known by its fingerprint (hashes
//! of its column names and of each row, see `TableFingerprint`), a run by
//! what must hold of it (a predicate). Judging a predicate is plain data in,
//! data out (here); a table is compared by the engine, which holds it.

use serde::{Deserialize, Serialize};

use crate::cap::{CapComparison, CheckVerdict, Fault, OpAction, RunMode};
use crate::etl::{EtlReport, Stopped};
use crate::lake::LakeView;
use crate::SampleSpec;

/// The format version this build reads.
pub const VERSION: u32 = 1;

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseSet {
    pub version: u32,
    pub title: Text,
    pub exercises: Vec<Exercise>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Concept {
    Etl,
    Lake,
    Cap,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exercise {
    /// Unique in its set; the link names it (`?exercise=…`).
    pub id: String,
    pub concept: Concept,
    pub title: Text,
    pub task: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    pub start: Start,
    pub check: Check,
}

/// What an exercise starts from: samples in the Data page, the media
/// sample in the lake (and the jobs run on it), and the page it is done on
/// with its parameters, as that page's link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Start {
    #[serde(default)]
    pub samples: Vec<SampleSpec>,
    #[serde(default)]
    pub lake: Option<LakeStart>,
    /// `#/lake?v=1&sql=warehouse`, `#/cap?scenario=normal&seed=1`.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LakeStart {
    pub seed: u64,
    pub events: u64,
    /// The default Glue jobs to run, by name.
    #[serde(default)]
    pub jobs: Vec<String>,
    /// The default warehouse script is run after the jobs.
    #[serde(default)]
    pub warehouse_script: bool,
}

/// The runs a check is judged on: for an exercise, the last of each made
/// since it started; for a lesson's step, since the step began (`None`
/// when there was none).
#[derive(Clone, Copy, Default)]
pub struct Runs<'a> {
    pub etl: Option<&'a EtlReport>,
    pub lake: Option<&'a LakeView>,
    pub cap: Option<&'a CapComparison>,
}

/// What the answer must pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Check {
    /// A table the learner made (`sql:lake`, `sql:warehouse`, `dw:…`) is
    /// the expected one, in any row order.
    Table {
        dataset: String,
        expected: TableFingerprint,
    },
    /// The last ETL run.
    Etl { holds: EtlPredicate },
    /// The last query over the lake.
    Lake { holds: LakePredicate },
    /// The last CAP simulation.
    Cap { holds: CapPredicate },
}

/// A table known without its values: each column name's hash, and each
/// row's hash over the columns in that order (numbers as numbers, rounded
/// to `decimals`), sorted: the row order does not matter. Written by the
/// engine (`dataplay exercise fingerprint`, or the page's "fingerprint"
/// for authors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableFingerprint {
    pub decimals: u32,
    /// Hex hashes of the column names, in the order rows are hashed.
    pub columns: Vec<String>,
    pub rows: usize,
    /// Hex hashes of the rows, sorted.
    pub row_hashes: Vec<String>,
}

/// How a learner's table differs from the expected one (what it says
/// gives nothing of the answer away: counts, and the learner's own names
/// and rows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TableVerdict {
    Same,
    /// No table of that name yet (the query was not run).
    Missing {
        dataset: String,
    },
    /// Columns: how many expected ones it lacks, and its own that are not
    /// expected.
    Columns {
        missing: usize,
        unexpected: Vec<String>,
    },
    /// The right columns; `expected` and `got` rows; the first of the
    /// learner's rows that is not in the answer (its number and values),
    /// and how many of the answer's rows it lacks.
    Rows {
        expected: usize,
        got: usize,
        first_wrong: Option<(usize, Vec<String>)>,
        lacking: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum EtlPredicate {
    /// The gate stopped the run, and `check` is one of the checks that failed.
    GateStopped { check: String },
    /// The run went through although `check` failed (it only warned).
    WarnedOnly { check: String },
    /// The run loaded and every staged row was already there, unchanged.
    AllUnchanged,
    /// `customers` customers in the segment `label`.
    Segment { label: String, customers: usize },
    /// The run went through the gate and loaded the warehouse.
    Loaded,
    /// The MERGE updated rows that were there (a parameter changed them).
    Updated,
    /// The transforms ran as SQL in the warehouse (ELT).
    InWarehouse,
    /// At least `at_least` segments have customers.
    Segments { at_least: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum LakePredicate {
    /// Reading `table`, at least `at_least` files were skipped by partition.
    SkipsFiles { table: String, at_least: usize },
    /// The lake holds at least `at_least` files under `prefix` (`raw/`).
    HasFiles { prefix: String, at_least: usize },
    /// A query ran over the lake (`warehouse: false`) or in the warehouse.
    Queried { warehouse: bool },
    /// Reading `table`, some of its columns were left unread.
    SkipsColumns { table: String },
    /// The warehouse has at least `at_least` declared tables with rows.
    Declared { at_least: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum CapPredicate {
    /// AP served a stale read while CP stayed linearizable.
    StaleApLinearizableCp,
    /// AP's history does not linearize.
    ApNotLinearizable,
    /// The schedule splits `side` from the others, and CP rejected a write.
    CpRejectsDuringSplit { side: Vec<usize> },
    /// A quorum run with a node down took every write and stayed linearizable.
    QuorumAvailableWithNodeDown,
    /// AP keeps concurrent writes as siblings and a read returned them.
    SiblingsRead,
    /// The run is the scenario `key`.
    Scenario { key: crate::cap::ScenarioKey },
}

/// Why a run does not pass its predicate (the page words each).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Unmet {
    /// Nothing to judge yet: run it first.
    NoRun,
    GateDidNotStop,
    /// The gate stopped, on other checks.
    StoppedByOthers {
        checks: Vec<String>,
    },
    /// The check did not fail.
    CheckPassed {
        check: String,
    },
    /// The gate stopped the run (the check did more than warn).
    Stopped,
    /// Rows inserted or updated.
    Changed {
        rows: usize,
    },
    NoSegment {
        label: String,
    },
    SegmentCount {
        label: String,
        got: usize,
    },
    /// The table was not read, or fewer files were skipped.
    FilesSkipped {
        table: String,
        got: usize,
    },
    NoStaleRead,
    CpNotLinearizable,
    ApLinearizable,
    NoSplit,
    NoRejectedWrite,
    NoQuorumRun,
    NoNodeDown,
    QuorumRejected {
        writes: usize,
    },
    QuorumNotLinearizable,
    NoSiblings,
    /// The MERGE updated no row.
    NoneUpdated,
    /// The transforms ran in the engine, not in the warehouse.
    NotInWarehouse,
    /// Fewer segments with customers than asked.
    Segments {
        got: usize,
    },
    /// Fewer files under `prefix` than asked.
    Files {
        prefix: String,
        got: usize,
    },
    /// The last query ran in the other place (or none ran).
    NotQueried {
        warehouse: bool,
    },
    /// Every column of `table` was read (or it was not read).
    NoColumnsSkipped {
        table: String,
    },
    /// Fewer declared tables with rows than asked.
    DeclaredTables {
        got: usize,
    },
    /// No table of that name is loaded.
    NotLoaded {
        table: String,
    },
    /// The page does not show it yet.
    NotShown,
    /// The run is another scenario.
    OtherScenario {
        want: crate::cap::ScenarioKey,
    },
}

impl EtlPredicate {
    pub fn judge(&self, run: Option<&EtlReport>) -> Result<(), Unmet> {
        let run = run.ok_or(Unmet::NoRun)?;
        let failed = |check: &str| {
            run.quality
                .checks
                .iter()
                .any(|c| c.name == check && c.status != crate::etl::CheckStatus::Pass)
        };
        match self {
            EtlPredicate::GateStopped { check } => match &run.failed {
                Some(Stopped::QualityGate { checks, .. }) if checks.contains(check) => Ok(()),
                Some(Stopped::QualityGate { checks, .. }) => Err(Unmet::StoppedByOthers { checks: checks.clone() }),
                None => Err(Unmet::GateDidNotStop),
            },
            EtlPredicate::WarnedOnly { check } => {
                if run.failed.is_some() {
                    Err(Unmet::Stopped)
                } else if !failed(check) {
                    Err(Unmet::CheckPassed { check: check.clone() })
                } else {
                    Ok(())
                }
            }
            EtlPredicate::AllUnchanged => {
                let load = run.load.as_ref().ok_or(Unmet::Stopped)?;
                let rows: usize = load.tables.iter().map(|t| t.inserted + t.updated).sum();
                let staged: usize = load.tables.iter().map(|t| t.staged).sum();
                if staged == 0 {
                    Err(Unmet::NoRun)
                } else if rows == 0 {
                    Ok(())
                } else {
                    Err(Unmet::Changed { rows })
                }
            }
            EtlPredicate::Segment { label, customers } => {
                match run.charts.segments.iter().find(|(l, _, _)| l == label) {
                    None => Err(Unmet::NoSegment { label: label.clone() }),
                    Some((_, got, _)) if got == customers => Ok(()),
                    Some((_, got, _)) => Err(Unmet::SegmentCount {
                        label: label.clone(),
                        got: *got,
                    }),
                }
            }
            EtlPredicate::Loaded => match run.load {
                Some(_) if run.failed.is_none() => Ok(()),
                _ => Err(Unmet::Stopped),
            },
            EtlPredicate::Updated => {
                let load = run.load.as_ref().ok_or(Unmet::Stopped)?;
                if load.tables.iter().any(|t| t.updated > 0) {
                    Ok(())
                } else {
                    Err(Unmet::NoneUpdated)
                }
            }
            EtlPredicate::InWarehouse => {
                if run.stages.iter().any(|s| s.ran_in == crate::etl::RanIn::WarehouseSql) {
                    Ok(())
                } else {
                    Err(Unmet::NotInWarehouse)
                }
            }
            EtlPredicate::Segments { at_least } => {
                let got = run
                    .charts
                    .segments
                    .iter()
                    .filter(|(l, n, _)| l != "—" && *n > 0)
                    .count();
                if got >= *at_least {
                    Ok(())
                } else {
                    Err(Unmet::Segments { got })
                }
            }
        }
    }
}

impl LakePredicate {
    pub fn judge(&self, view: Option<&LakeView>) -> Result<(), Unmet> {
        let view = view.ok_or(Unmet::NoRun)?;
        match self {
            LakePredicate::SkipsFiles { table, at_least } => {
                let got = view
                    .scans
                    .iter()
                    .find(|s| &s.table == table)
                    .map_or(0, |s| s.files_skipped);
                if got >= *at_least {
                    Ok(())
                } else {
                    Err(Unmet::FilesSkipped {
                        table: table.clone(),
                        got,
                    })
                }
            }
            LakePredicate::HasFiles { prefix, at_least } => {
                let got = view
                    .files
                    .iter()
                    .filter(|f| f.path.starts_with(prefix.as_str()))
                    .count();
                if got >= *at_least {
                    Ok(())
                } else {
                    Err(Unmet::Files {
                        prefix: prefix.clone(),
                        got,
                    })
                }
            }
            LakePredicate::Queried { warehouse } => {
                let want = if *warehouse { "sql:warehouse" } else { "sql:lake" };
                if view.result.as_deref() == Some(want) {
                    Ok(())
                } else {
                    Err(Unmet::NotQueried { warehouse: *warehouse })
                }
            }
            LakePredicate::SkipsColumns { table } => {
                if view
                    .scans
                    .iter()
                    .any(|s| &s.table == table && !s.columns_skipped.is_empty())
                {
                    Ok(())
                } else {
                    Err(Unmet::NoColumnsSkipped { table: table.clone() })
                }
            }
            LakePredicate::Declared { at_least } => {
                let got = view.declared.iter().filter(|t| t.rows > 0).count();
                if got >= *at_least {
                    Ok(())
                } else {
                    Err(Unmet::DeclaredTables { got })
                }
            }
        }
    }
}

impl CapPredicate {
    pub fn judge(&self, run: Option<&CapComparison>) -> Result<(), Unmet> {
        let run = run.ok_or(Unmet::NoRun)?;
        let linearizable = |v: &CheckVerdict| matches!(v, CheckVerdict::Linearizable);
        let faults = || run.faults.iter().map(|f| &f.fault);
        match self {
            CapPredicate::StaleApLinearizableCp => {
                if run.ap.stale_reads == 0 {
                    Err(Unmet::NoStaleRead)
                } else if !linearizable(&run.cp.verdict) {
                    Err(Unmet::CpNotLinearizable)
                } else {
                    Ok(())
                }
            }
            CapPredicate::ApNotLinearizable => {
                if linearizable(&run.ap.verdict) {
                    Err(Unmet::ApLinearizable)
                } else {
                    Ok(())
                }
            }
            CapPredicate::CpRejectsDuringSplit { side } => {
                if !separates(run, side) {
                    Err(Unmet::NoSplit)
                } else if run.cp.rejected_writes == 0 {
                    Err(Unmet::NoRejectedWrite)
                } else {
                    Ok(())
                }
            }
            CapPredicate::QuorumAvailableWithNodeDown => {
                let quorum = run.quorum.as_ref().ok_or(Unmet::NoQuorumRun)?;
                debug_assert!(matches!(quorum.mode, RunMode::Quorum { .. }));
                if !faults().any(|f| matches!(f, Fault::Crash { .. } | Fault::Isolate { .. })) {
                    Err(Unmet::NoNodeDown)
                } else if quorum.rejected_writes > 0 {
                    Err(Unmet::QuorumRejected {
                        writes: quorum.rejected_writes,
                    })
                } else if !linearizable(&quorum.verdict) {
                    Err(Unmet::QuorumNotLinearizable)
                } else {
                    Ok(())
                }
            }
            CapPredicate::SiblingsRead => {
                let read = run
                    .ap
                    .ops
                    .iter()
                    .any(|o| matches!(o.action, OpAction::ReadSiblings { .. }));
                if run.request.siblings && read {
                    Ok(())
                } else {
                    Err(Unmet::NoSiblings)
                }
            }
            CapPredicate::Scenario { key } => {
                if run.scenario == *key {
                    Ok(())
                } else {
                    Err(Unmet::OtherScenario { want: *key })
                }
            }
        }
    }
}

/// Whether the run's faults cut every link between `side` and the other
/// nodes (by cut links, a split or an isolated node; both ways).
fn separates(run: &CapComparison, side: &[usize]) -> bool {
    let n = run.cp.nodes.len();
    let mut cut = vec![vec![false; n]; n];
    let mut set = |a: usize, b: usize| {
        if a < n && b < n {
            cut[a][b] = true;
        }
    };
    for f in run.faults.iter().map(|f| &f.fault) {
        match f {
            Fault::Cut { a, b, one_way } => {
                set(*a, *b);
                if !one_way {
                    set(*b, *a);
                }
            }
            Fault::Split { side } => {
                for a in side {
                    for b in (0..n).filter(|b| !side.contains(b)) {
                        set(*a, b);
                        set(b, *a);
                    }
                }
            }
            Fault::Isolate { node } => {
                for b in (0..n).filter(|b| b != node) {
                    set(*node, b);
                    set(b, *node);
                }
            }
            _ => {}
        }
    }
    if side.iter().any(|a| *a >= n) {
        return false;
    }
    let other: Vec<usize> = (0..n).filter(|i| !side.contains(i)).collect();
    !side.is_empty() && !other.is_empty() && side.iter().all(|a| other.iter().all(|b| cut[*a][*b] && cut[*b][*a]))
}

impl ExerciseSet {
    /// A set from its JSON, or why it cannot be read (serde's words, with
    /// the line and column).
    pub fn read(text: &str) -> Result<ExerciseSet, String> {
        let set: ExerciseSet = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if set.version != VERSION {
            return Err(format!("version {} (this build reads {VERSION})", set.version));
        }
        let mut ids: Vec<&str> = set.exercises.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!("two exercises are named {:?}", w[0]));
        }
        Ok(set)
    }
}
