//! SQL over the lake (the Athena role): the tables a query names are read
//! from their files when it runs, pruned by partition first, and the query
//! runs on the SQL session; the answer says what each table scanned.

use dataplay_api::lake::TableScan;
use dataplay_api::LoadOptions;
use polars_core::prelude::DataFrame;

use super::project::Projection;
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
pub fn mentions(sql: &str, table: &str) -> bool {
    sql.match_indices(table).any(|(i, _)| {
        let before = sql[..i].chars().next_back();
        let after = sql[i + table.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    })
}

/// Run `sql` over `tables`, reading only the files it needs and, of
/// columnar files, only the columns it names. A query that fails after
/// columns were left out runs again over every column, so its error names
/// the table's real columns (the seed's `upload_date` mistake).
pub fn run(tables: &[LakeTable], sql: &str, options: &LoadOptions, read: Reader) -> Result<LakeAnswer> {
    let projection = Projection::of(sql);
    match run_with(tables, sql, &projection, options, read) {
        Err(_) if projection != Projection::All => run_with(tables, sql, &Projection::All, options, read),
        answer => answer,
    }
}

fn run_with(
    tables: &[LakeTable],
    sql: &str,
    projection: &Projection,
    options: &LoadOptions,
    read: Reader,
) -> Result<LakeAnswer> {
    let mut session = Session::new();
    let mut scans = vec![];
    for t in tables.iter().filter(|t| mentions(sql, &t.name)) {
        let keys = scan::partition_columns(&t.files);
        let filter = partition_filter(sql, &t.name, &keys);
        let (frame, report) = scan::scan(&t.name, &t.files, filter.as_deref(), projection, options, read)?;
        session.register(&t.name, frame);
        scans.push(report);
    }
    let frame = session.query(sql)?;
    Ok(LakeAnswer { frame, scans })
}
