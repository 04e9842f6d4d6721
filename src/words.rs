//! How the page words what the engine reports — problems (errors as data),
//! progress stages — and what the page itself is doing (tasks, notices).
//! Every sentence the page derives from engine data is written here, once.

use dataplay_api::{Fault, LoadNote, Problem, Progress, SampleKind, SampleSpec, Stage, Subject};

use crate::state::{LakeTask, Notice, Task};

/// `1.5 MB`, `320 B`: sizes as people read them (decimal units, like file managers).
pub fn bytes(n: u64) -> String {
    dataplay_api::units::human_bytes(n)
}

pub fn problem(p: &Problem) -> String {
    match p {
        Problem::FileEmpty { file } => format!("{file}: the file is empty"),
        Problem::FileTooLarge { file, size, limit } => format!(
            "{file}: the file is {}, larger than the {} this engine accepts; use a sample of it, or the native `dataplay` CLI",
            bytes(*size),
            bytes(*limit)
        ),
        Problem::NoRoom { file, size, needed } => format!(
            "{file}: not enough memory left to read this file of {} (reading takes {} more); remove some tables, use a sample of it, or the native `dataplay` CLI",
            bytes(*size),
            bytes(*needed)
        ),
        Problem::UnknownFormat { file } => {
            format!("{file}: cannot tell the format from the name; name it .csv, .json, .jsonl or .parquet")
        }
        Problem::FileAt {
            file,
            line,
            column,
            fault,
        } => format!("{file}: line {line}, column {column}: {}", self::fault(fault)),
        Problem::Invalid { subject, fault } => format!("{}: {}", self::subject(subject), self::fault(fault)),
        Problem::FileMissing { file } => format!("{file}: the file did not reach the engine"),
        Problem::FileUnreadable { file, detail: None } => format!("{file}: could not read the file"),
        Problem::FileUnreadable {
            file,
            detail: Some(detail),
        } => format!("{file}: could not read the file ({detail})"),
        Problem::NoFileReader { file } => format!("{file}: this browser cannot read files in a worker"),
        Problem::UnknownDataset { dataset } => format!("no dataset named '{dataset}'"),
        Problem::UnknownColumn { dataset, column } => format!("{dataset}: no column named '{column}'"),
        Problem::Sql {
            statement,
            line,
            column,
            fault,
        } => format!(
            "SQL statement {statement} (line {line}, column {column}): {}",
            self::fault(fault)
        ),
        Problem::SqlSyntax { line, column, detail } => {
            format!("SQL syntax error at line {line}, column {column}: {detail}")
        }
        Problem::Internal { step, detail } => format!("{step}: {detail}"),
        Problem::UnknownScenario { scenario } => {
            format!("the simulation cannot run: no scenario named '{scenario}'")
        }
        Problem::Io { detail } => detail.clone(),
        Problem::Crashed { detail } => {
            format!("the engine failed on this request ({detail}); the tables it had are kept")
        }
        Problem::BadRequest { detail } => format!("malformed request to the engine: {detail}"),
    }
}

/// What a fault is about. English for now: the engine's own words (the
/// catalogs of the next languages word the codes themselves).
fn subject(s: &Subject) -> String {
    s.to_string()
}

/// A fault's sentence, from its code and parameters.
fn fault(f: &Fault) -> String {
    f.to_string()
}

/// A loader's note on a dataset.
pub fn note(n: &LoadNote) -> String {
    n.to_string()
}

fn sample(spec: &SampleSpec) -> String {
    match spec.kind {
        SampleKind::Retail => format!("retail sample (seed {}, {} items)", spec.seed, spec.size),
        SampleKind::Media => format!("media sample (seed {}, {} events)", spec.seed, spec.size),
    }
}

/// The progress bar's line.
pub fn progress(p: &Progress) -> String {
    let step = if p.steps > 1
        || matches!(
            p.stage,
            Stage::Reading { .. } | Stage::Parsing { .. } | Stage::Generating { .. } | Stage::Ingesting { .. }
        ) {
        format!(" ({}/{})", p.step, p.steps)
    } else {
        String::new()
    };
    match &p.stage {
        Stage::Reading { file } | Stage::Ingesting { file } => format!("Reading {file}{step}"),
        Stage::Parsing { file } => format!("Parsing {file}{step}"),
        Stage::Generating { sample: spec } => format!("Generating {}{step}", sample(spec)),
        Stage::Rereading { dataset } => format!("Re-reading {dataset}"),
        Stage::RunningEtl => "Running the ETL pipeline".into(),
        Stage::Lake => "Working in the lake and warehouse".into(),
    }
}

/// What the page is waiting for, before the engine says more.
pub fn task(t: &Task) -> String {
    match t {
        Task::Loading(files) => format!("Loading {}", files.join(", ")),
        Task::Generating => "Generating sample".into(),
        Task::Rereading(dataset) => format!("Re-reading {dataset}"),
        Task::Etl => "Running the ETL pipeline".into(),
        Task::Lake(LakeTask::List) => "Listing the lake".into(),
        Task::Lake(LakeTask::LoadSample) => "Loading the media sample into the lake".into(),
        Task::Lake(LakeTask::Glue) => "Running the Glue job".into(),
        Task::Lake(LakeTask::LakeSql) => "Querying the lake".into(),
        Task::Lake(LakeTask::WarehouseSql) => "Running the warehouse script".into(),
        Task::Ingesting(n) => format!("Ingesting {n} file(s) into the lake"),
        Task::Restoring => "Restoring your tables".into(),
    }
}

pub fn notice(n: &Notice) -> String {
    match n {
        Notice::Problem(p) => problem(p),
        Notice::Cancelled(t) => format!("Cancelled: {}. Your tables are kept.", task(t)),
        Notice::RestoreFailed => "Your tables could not be restored after the engine restarted.".into(),
        Notice::EngineDied(why) => format!("{why}; the engine was restarted"),
        Notice::EngineUnavailable(why) => format!("the engine could not start: {why}"),
        Notice::Unreadable(why) => format!("unreadable message from the engine: {why}"),
        Notice::Unreachable(why) => format!("could not reach the engine: {why}"),
        Notice::DownloadFailed { file, why } => format!("{file}: the download could not start ({why})"),
    }
}
