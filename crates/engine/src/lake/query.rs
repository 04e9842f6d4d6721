//! SQL over the lake (the Athena role): the tables a query names are read
//! from their files when it runs, pruned by partition first, and the query
//! runs on the SQL session; the answer says what each table scanned.

use dataplay_api::lake::TableScan;
use dataplay_api::LoadOptions;
use polars_core::prelude::DataFrame;

use super::prune::partition_filter;
use super::scan::{self, FileRef, Reader};
use crate::error::Result;
use crate::sql::Session;

/// A table over files: a name and its dataset's files.
pub struct LakeTable {
    pub name: String,
    pub files: Vec<FileRef>,
}

pub struct LakeAnswer {
    pub frame: DataFrame,
    pub scans: Vec<TableScan>,
}

/// Does `sql` mention `table` (as a word)? Tables it does not name are not read.
fn mentions(sql: &str, table: &str) -> bool {
    sql.match_indices(table).any(|(i, _)| {
        let before = sql[..i].chars().next_back();
        let after = sql[i + table.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    })
}

/// Run `sql` over `tables`, reading only the files it needs.
pub fn run(tables: &[LakeTable], sql: &str, options: &LoadOptions, read: Reader) -> Result<LakeAnswer> {
    let mut session = Session::new();
    let mut scans = vec![];
    for t in tables.iter().filter(|t| mentions(sql, &t.name)) {
        let keys = scan::partition_columns(&t.files);
        let filter = partition_filter(sql, &t.name, &keys);
        let (frame, report) = scan::scan(&t.name, &t.files, filter.as_deref(), options, read)?;
        session.register(&t.name, frame);
        scans.push(report);
    }
    let frame = session.query(sql)?;
    Ok(LakeAnswer { frame, scans })
}
