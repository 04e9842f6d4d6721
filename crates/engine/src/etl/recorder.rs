//! The run's stage reports: a recorder that times each stage with the
//! caller's clock and keeps its `StageReport`, in run order.

use dataplay_api::etl::{DropReason, RanIn, StageReport};
use polars_core::prelude::DataFrame;

use super::drops::Drops;
use crate::base::clock::Clock;

/// What a stage reports, but its time (the recorder measures that).
#[derive(Default)]
pub(super) struct Stage<'s> {
    pub name: &'s str,
    pub ran_in: RanIn,
    pub sql: Option<String>,
    pub rows_in: usize,
    pub rows_out: usize,
    pub dropped: Vec<(DropReason, usize)>,
    pub output: &'s str,
}

impl<'s> Stage<'s> {
    /// An ETL stage run in the engine: its output is the dataset of its
    /// name, with the rows it dropped and why.
    pub fn in_engine(name: &'s str, rows_in: usize, frame: &DataFrame, drops: &Drops) -> Self {
        Stage {
            name,
            ran_in: RanIn::Engine,
            sql: None,
            rows_in,
            rows_out: frame.height(),
            dropped: drops.counts(name),
            output: name,
        }
    }
}

/// Times stages with the caller's clock and keeps their reports.
pub(super) struct StageRecorder<'c> {
    clock: Clock<'c>,
    reports: Vec<StageReport>,
}

impl<'c> StageRecorder<'c> {
    pub fn new(clock: Clock<'c>) -> Self {
        StageRecorder {
            clock,
            reports: Vec::new(),
        }
    }

    /// The clock now: when a stage starts.
    pub fn start(&self) -> f64 {
        (self.clock)()
    }

    /// Keep the report of a stage that started at `started`, timed up to now.
    pub fn done(&mut self, started: f64, stage: Stage) {
        let millis = (self.clock)() - started;
        self.reports.push(StageReport {
            name: stage.name.to_string(),
            ran_in: stage.ran_in,
            sql: stage.sql,
            rows_in: stage.rows_in,
            rows_out: stage.rows_out,
            dropped: stage.dropped,
            millis,
            output: stage.output.to_string(),
        });
    }

    /// The reports, in the order the stages finished.
    pub fn finish(self) -> Vec<StageReport> {
        self.reports
    }
}
