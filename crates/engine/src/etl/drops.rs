//! Why rows left the pipeline: every dropped row with its source table, row
//! number and reason, and the count per reason for the row-count waterfall.

use dataplay_api::etl::DropReason;
use polars_core::prelude::{Column, DataFrame, NamedFrom, Series};

use crate::error::{EngineError, Result};

#[derive(Default)]
pub struct Drops {
    table: Vec<&'static str>,
    row: Vec<u64>,
    stage: Vec<&'static str>,
    reason: Vec<DropReason>,
    key: Vec<String>,
}

impl Drops {
    /// Record one dropped row (`row` is 0-based in `table`; shown 1-based).
    pub fn push(&mut self, table: &'static str, row: usize, stage: &'static str, reason: DropReason, key: String) {
        self.table.push(table);
        self.row.push(row as u64 + 1);
        self.stage.push(stage);
        self.reason.push(reason);
        self.key.push(key);
    }

    /// (reason, rows) for one stage, in order of first appearance.
    pub fn counts(&self, stage: &str) -> Vec<(DropReason, usize)> {
        let mut out: Vec<(DropReason, usize)> = Vec::new();
        for (s, r) in self.stage.iter().zip(&self.reason) {
            if *s != stage {
                continue;
            }
            match out.iter_mut().find(|(reason, _)| reason == r) {
                Some((_, n)) => *n += 1,
                None => out.push((r.clone(), 1)),
            }
        }
        out
    }

    /// The rows as a table; `reason` holds each reason's code (the same in
    /// every language, and what a SQL filter names), `detail` the value
    /// behind it.
    pub fn to_frame(&self) -> Result<DataFrame> {
        let codes: Vec<&str> = self.reason.iter().map(DropReason::code).collect();
        let details: Vec<Option<&str>> = self.reason.iter().map(DropReason::detail).collect();
        DataFrame::new(vec![
            Column::from(Series::new("source_table".into(), &self.table)),
            Column::from(Series::new("source_row".into(), &self.row)),
            Column::from(Series::new("stage".into(), &self.stage)),
            Column::from(Series::new("reason".into(), codes)),
            Column::from(Series::new("detail".into(), details)),
            Column::from(Series::new("key".into(), &self.key)),
        ])
        .map_err(|e| EngineError::polars("building the dropped-rows table", e))
    }
}

/// `transaction_id=5, product_id=∅`: a row's key for the dropped-rows table.
pub fn key(parts: &[(&str, Option<i64>)]) -> String {
    parts
        .iter()
        .map(|(name, v)| match v {
            Some(v) => format!("{name}={v}"),
            None => format!("{name}=∅"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
