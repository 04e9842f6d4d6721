//! The warehouse's SQL console (the Redshift role): `CREATE TABLE` declares a
//! table (types, NOT NULL, primary key, DISTKEY/SORTKEY), `COPY … FROM` the
//! lake loads files with schema-on-write, `INSERT INTO … SELECT` into a
//! declared table goes through the same checks, and `SELECT` reads every
//! warehouse table — declared ones, the ETL's facts and raw tables, and
//! `stl_load_errors` with every rejected row.

use dataplay_api::fault::Writer;
use dataplay_api::lake::{ConsoleStep, WriteReport};
use dataplay_api::{Fault, LoadOptions};
use polars_core::prelude::*;
use sqlparser::ast::Statement;
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer};

use super::schema::{self, TableDef};
use super::Warehouse;
use crate::error::{EngineError, Result};
use crate::lake::project::Projection;
use crate::lake::scan::{scan, FileRef};
use crate::lake::Lake;
use crate::sql::{split_statements, Session};

/// `COPY table FROM 'path' [IAM_ROLE '…'] [FORMAT AS PARQUET] …` → (table, lake dataset).
fn parse_copy(sql: &str) -> std::result::Result<(String, String), Fault> {
    let tokens: Vec<Token> = Tokenizer::new(&GenericDialect, sql)
        .tokenize()
        .map_err(|e| Fault::SqlParser { detail: e.to_string() })?
        .into_iter()
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect();
    let word = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => Some(w.value.clone()),
        _ => None,
    };
    let table = word(1).ok_or(Fault::CopyTable)?;
    if word(2).map(|w| w.to_ascii_uppercase()).as_deref() != Some("FROM") {
        return Err(Fault::CopySyntax);
    }
    let Some(Token::SingleQuotedString(path)) = tokens.get(3) else {
        return Err(Fault::CopyPath);
    };
    Ok((table, lake_path(path)))
}

/// `s3://media-datalake-curated/video_performance/` → `curated/video_performance`:
/// a bucket named for a zone maps to it; a path may also start with the zone.
pub fn lake_path(path: &str) -> String {
    let trimmed = path.trim().trim_end_matches('/');
    let Some(rest) = trimmed.strip_prefix("s3://") else {
        return trimmed.to_string();
    };
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    for zone in dataplay_api::lake::ZONES {
        if bucket.ends_with(&format!("-{zone}")) && !key.starts_with(&format!("{zone}/")) {
            return format!("{zone}/{key}");
        }
    }
    key.to_string()
}

/// Which of the engine's Glue jobs writes the lake dataset `path`: what a
/// COPY that found no files tells the user to run.
fn writer_of(path: &str) -> Writer {
    crate::lake::media::glue_jobs()
        .into_iter()
        .find(|job| job.target.trim_end_matches('/') == path)
        .map_or(Writer::Unknown, |job| Writer::GlueJob { job: job.name })
}

/// What a script did, and the rows of its last query.
pub struct ConsoleOutput {
    pub steps: Vec<ConsoleStep>,
    pub rows: Option<DataFrame>,
}

fn err(statement: usize, line: usize, fault: Fault) -> EngineError {
    EngineError::Sql {
        statement,
        line,
        column: 1,
        fault: Box::new(fault),
    }
}

/// An error of the engine met inside statement `statement`, at the
/// statement's place in the script.
fn within(statement: usize, line: usize) -> impl Fn(EngineError) -> EngineError {
    move |e| err(statement, line, e.fault())
}

fn polars(statement: usize, line: usize) -> impl Fn(PolarsError) -> EngineError {
    move |e| err(statement, line, crate::sql::engine_fault(&e))
}

/// Run a warehouse script. Each statement is all-or-nothing; a failing one
/// stops the script (those before it keep their effect).
pub fn run(warehouse: &mut Warehouse, lake: &Lake, sql: &str) -> Result<ConsoleOutput> {
    let statements = split_statements(sql).map_err(|m| err(1, 1, m))?;
    if statements.is_empty() {
        return Err(err(1, 1, Fault::NoStatement));
    }
    let mut steps = vec![];
    let mut rows = None;
    for (i, (place, text)) in statements.iter().enumerate() {
        let n = i + 1;
        let line = &place.line;
        let head: Vec<String> = text
            .split_whitespace()
            .take(3)
            .map(|w| w.to_ascii_uppercase())
            .collect();
        let is_create_as = head.first().map(String::as_str) == Some("CREATE")
            && text.to_ascii_uppercase().split_whitespace().any(|w| w == "AS");
        match head.first().map(String::as_str) {
            Some("CREATE") if !is_create_as => {
                let def = schema::parse_create(text).map_err(|m| err(n, *line, m))?;
                let step = ConsoleStep::Declared {
                    table: def.name.clone(),
                    columns: def.columns.len(),
                    explain: def.explain(),
                };
                warehouse.declare(def).map_err(|m| err(n, *line, m))?;
                steps.push(step);
            }
            Some("COPY") => {
                let (table, path) = parse_copy(text).map_err(|m| err(n, *line, m))?;
                let files: Vec<FileRef> = lake.dataset_files(&path).map_err(within(n, *line))?;
                if files.is_empty() {
                    let writer = writer_of(&path);
                    return Err(err(n, *line, Fault::CopyNoFiles { table, path, writer }));
                }
                let read = |f: &FileRef| lake.read(f);
                let (frame, _) = scan(&path, &files, None, &Projection::All, &LoadOptions::default(), &read)?;
                let mut report = warehouse.write(&table, &frame, &path).map_err(|m| err(n, *line, m))?;
                report.files = files.len();
                steps.push(ConsoleStep::Wrote(report));
            }
            Some("INSERT") => {
                let parsed = Parser::parse_sql(&GenericDialect, text)
                    .map_err(|e| err(n, *line, Fault::SqlParser { detail: e.to_string() }))?;
                let [Statement::Insert(insert)] = parsed.as_slice() else {
                    return Err(err(n, *line, Fault::ExpectedInsert));
                };
                let table = insert.table_name.0.last().map(|i| i.value.clone()).unwrap_or_default();
                let Some(source) = &insert.source else {
                    return Err(err(n, *line, Fault::InsertNoSource));
                };
                if warehouse.declared(&table).is_none() {
                    return Err(err(n, *line, Fault::InsertUndeclared { table }));
                }
                let mut session = warehouse.session();
                let mut selected = session.query(&source.to_string()).map_err(within(n, *line))?;
                if !insert.columns.is_empty() {
                    let names: Vec<PlSmallStr> = insert.columns.iter().map(|c| c.value.as_str().into()).collect();
                    selected.set_column_names(names).map_err(|e| {
                        err(
                            n,
                            *line,
                            Fault::InsertColumns {
                                table: table.clone(),
                                detail: e.to_string(),
                            },
                        )
                    })?;
                } else if let Some(def) = warehouse.declared(&table).map(|d| d.def.clone()) {
                    // Without a column list, values go to the table's columns in order.
                    if selected.width() != def.columns.len() {
                        return Err(err(
                            n,
                            *line,
                            Fault::InsertTableWidth {
                                table,
                                expected: def.columns.len(),
                                given: selected.width(),
                            },
                        ));
                    }
                    let names: Vec<PlSmallStr> = def.columns.iter().map(|c| c.name.as_str().into()).collect();
                    selected.set_column_names(names).map_err(polars(n, *line))?;
                }
                let report = warehouse
                    .write(&table, &selected, "INSERT … SELECT")
                    .map_err(|m| err(n, *line, m))?;
                steps.push(ConsoleStep::Wrote(report));
            }
            _ => {
                let mut session = warehouse.session();
                let frame = session.query(text).map_err(within(n, *line))?;
                steps.push(ConsoleStep::Rows {
                    rows: frame.height(),
                    columns: frame.get_column_names().iter().map(|c| c.to_string()).collect(),
                });
                rows = Some(frame);
            }
        }
    }
    Ok(ConsoleOutput { steps, rows })
}

/// A declared table: its definition, rows and rejected rows.
#[derive(Clone)]
pub struct Declared {
    pub def: TableDef,
    pub frame: DataFrame,
    pub rejects: DataFrame,
}

impl Declared {
    /// Rows per slice of a cluster with `slices` slices under the table's
    /// distribution (what DISTKEY skew looks like).
    pub fn slices(&self, slices: usize) -> Vec<usize> {
        let slices = slices.max(1);
        let mut counts = vec![0; slices];
        let n = self.frame.height();
        match &self.def.distribution {
            schema::Distribution::Key(k) => {
                if let Ok(c) = self.frame.column(k) {
                    for i in 0..n {
                        let v = c.get(i).map(|v| v.to_string()).unwrap_or_default();
                        let h = v.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                        });
                        counts[(h % slices as u64) as usize] += 1;
                    }
                }
            }
            schema::Distribution::All => counts.iter_mut().for_each(|c| *c = n),
            _ => {
                for i in 0..n {
                    counts[i % slices] += 1;
                }
            }
        }
        counts
    }
}

impl Warehouse {
    /// Declare (or re-declare, emptying it) a table.
    pub fn declare(&mut self, def: TableDef) -> std::result::Result<(), Fault> {
        if self.table(&def.name).is_some() {
            return Err(Fault::EtlTableName { table: def.name });
        }
        let frame = def.empty_frame();
        let rejects = schema::check(&def, &DataFrame::empty(), "", &Default::default())
            .map(|c| c.rejects)
            .map_err(|e| e.fault())?;
        self.declared.insert(def.name.clone(), Declared { def, frame, rejects });
        Ok(())
    }

    /// Drop every declared table (and so their rejects).
    pub fn forget_declared(&mut self) {
        self.declared.clear();
    }

    pub fn declared(&self, name: &str) -> Option<&Declared> {
        self.declared.get(name)
    }

    pub fn declared_tables(&self) -> impl Iterator<Item = (&String, &Declared)> {
        self.declared.iter()
    }

    /// Schema-on-write into a declared table: fitting rows are appended (the
    /// table kept in SORTKEY order), the others go to its rejects.
    pub fn write(&mut self, table: &str, frame: &DataFrame, source: &str) -> std::result::Result<WriteReport, Fault> {
        let declared = self
            .declared
            .get(table)
            .ok_or_else(|| Fault::NotDeclared { table: table.into() })?;
        let existing = schema::primary_keys(&declared.def, &declared.frame);
        let checked = schema::check(&declared.def, frame, source, &existing).map_err(|e| e.fault())?;
        let mut rows = declared.frame.clone();
        rows.vstack_mut(&checked.accepted)
            .map_err(|e| crate::sql::engine_fault(&e))?;
        if !declared.def.sort_key.is_empty() {
            rows = rows
                .sort(
                    declared.def.sort_key.clone(),
                    SortMultipleOptions::default().with_maintain_order(true),
                )
                .map_err(|e| crate::sql::engine_fault(&e))?;
        }
        rows.rechunk_mut();
        let mut rejects = declared.rejects.clone();
        rejects
            .vstack_mut(&checked.rejects)
            .map_err(|e| crate::sql::engine_fault(&e))?;
        let report = WriteReport {
            table: table.to_string(),
            source: source.to_string(),
            files: 0,
            rows_in: frame.height(),
            accepted: checked.accepted.height(),
            rejected: checked.rejects.height(),
            reasons: checked.reasons,
            rows_after: rows.height(),
        };
        if let Some(d) = self.declared.get_mut(table) {
            d.frame = rows;
            d.rejects = rejects;
        }
        Ok(report)
    }

    /// Every rejected row of every declared table (Redshift's name for it).
    pub fn load_errors(&self) -> DataFrame {
        let mut out: Option<DataFrame> = None;
        for (name, d) in &self.declared {
            let n = d.rejects.height();
            let mut f = d.rejects.clone();
            if f.insert_column(0, Column::new("table".into(), vec![name.as_str(); n]))
                .is_err()
            {
                continue;
            }
            match &mut out {
                Some(o) => {
                    let _ = o.vstack_mut(&f);
                }
                None => out = Some(f),
            }
        }
        out.unwrap_or_else(|| {
            DataFrame::new(
                ["table", "source", "column", "value", "reason"]
                    .iter()
                    .map(|c| Column::full_null((*c).into(), 0, &DataType::String))
                    .chain([Column::full_null("row".into(), 0, &DataType::UInt64)])
                    .collect(),
            )
            .unwrap_or_default()
        })
    }

    /// A SQL session over every warehouse table.
    pub fn session(&self) -> Session {
        let mut s = Session::new();
        for (name, t) in self.tables() {
            s.register(name, t.frame.clone());
        }
        for (name, f) in self.raw_tables() {
            s.register(name, f.clone());
        }
        for (name, d) in &self.declared {
            s.register(name, d.frame.clone());
        }
        s.register("stl_load_errors", self.load_errors());
        s
    }
}
