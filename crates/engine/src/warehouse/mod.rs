//! The in-browser warehouse: tables with a key, loaded through staging and
//! MERGE (insert new keys, update changed rows, leave the rest), several
//! tables at once and atomically — a load that fails anywhere leaves every
//! table as it was. Tables can also be declared with CREATE TABLE
//! (`schema`) and loaded with schema-on-write through the SQL console
//! (`console`), where rows that do not fit are rejected with a reason. The
//! merge rule is `merge` here and `upsert` as SQL for real databases; `view`
//! is what the page shows of the declared tables.

pub mod console;
pub mod keep;
pub mod merge;
pub mod schema;
pub mod upsert;
pub mod view;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use dataplay_api::etl::{LoadReport, MergeCounts};
use polars_core::prelude::DataFrame;

use crate::error::Result;
pub use merge::fingerprints;

/// A table in the warehouse and the fingerprint of each row (to tell an
/// updated row from an unchanged one without comparing every value again),
/// computed when a merge first needs them: a table loaded once never pays.
#[derive(Clone)]
pub struct WarehouseTable {
    pub key: Vec<String>,
    pub frame: DataFrame,
    fingerprints: Arc<OnceLock<Vec<u64>>>,
}

impl WarehouseTable {
    fn new(key: Vec<String>, frame: DataFrame, fingerprints: Option<Vec<u64>>) -> Self {
        let cell = OnceLock::new();
        if let Some(prints) = fingerprints {
            let _ = cell.set(prints);
        }
        Self {
            key,
            frame,
            fingerprints: Arc::new(cell),
        }
    }

    fn fingerprints(&self) -> Result<&[u64]> {
        if self.fingerprints.get().is_none() {
            let _ = self.fingerprints.set(merge::fingerprints(&self.frame)?);
        }
        Ok(self.fingerprints.get().map(Vec::as_slice).unwrap_or_default())
    }
}

/// A table's new rows, staged for a merge.
pub struct Staged {
    pub table: String,
    pub key: Vec<String>,
    pub frame: DataFrame,
}

#[derive(Clone, Default)]
pub struct Warehouse {
    tables: BTreeMap<String, WarehouseTable>,
    /// Source tables loaded as they are (ELT's `raw_*`), replaced by each load.
    raw: BTreeMap<String, DataFrame>,
    /// Tables declared with CREATE TABLE (schema-on-write, rejects kept).
    declared: BTreeMap<String, console::Declared>,
    version: u64,
}

impl Warehouse {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn table(&self, name: &str) -> Option<&WarehouseTable> {
        self.tables.get(name)
    }

    pub fn tables(&self) -> impl Iterator<Item = (&String, &WarehouseTable)> {
        self.tables.iter()
    }

    /// Replace the raw tables (ELT loads its sources before transforming).
    pub fn replace_raw(&mut self, tables: Vec<(String, DataFrame)>) {
        self.raw = tables.into_iter().collect();
    }

    pub fn raw_tables(&self) -> impl Iterator<Item = (&String, &DataFrame)> {
        self.raw.iter()
    }

    /// MERGE every staged table, all or nothing.
    pub fn load(&mut self, staged: Vec<Staged>) -> Result<LoadReport> {
        let mut next = Vec::with_capacity(staged.len());
        let mut counts = Vec::with_capacity(staged.len());
        for s in staged {
            let (table, c) = merge::merge(self.tables.get(&s.table), &s)?;
            counts.push(c);
            next.push((s.table, table));
        }
        // Every merge succeeded: publish them together.
        let changed = counts.iter().any(|c| c.inserted + c.updated > 0);
        for (name, table) in next {
            self.tables.insert(name, table);
        }
        if changed {
            self.version += 1;
        }
        Ok(LoadReport {
            version: self.version,
            tables: counts,
        })
    }
}

/// Counts that start at zero for one staged table.
fn counts_for(staged: &Staged) -> MergeCounts {
    MergeCounts {
        table: staged.table.clone(),
        key: staged.key.clone(),
        staged: staged.frame.height(),
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rows_after: 0,
    }
}
