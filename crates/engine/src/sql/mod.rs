//! SQL over dataframes: a session holds named tables and runs scripts of
//! `SELECT`, `CREATE TABLE … AS SELECT`, `INSERT INTO … SELECT` and
//! `DROP TABLE` statements on polars-sql, after `rewrite` has adapted what
//! polars-sql lacks (`functions`). Errors name the statement and, for a
//! syntax error, the line and column in the script.

pub mod functions;
pub mod rewrite;

use std::collections::BTreeMap;

use dataplay_api::Fault;
use polars_core::prelude::*;
use polars_lazy::frame::IntoLazy;
use polars_sql::SQLContext;
use sqlparser::ast::{Ident, ObjectName, ObjectType, Query, SelectItem, SetExpr, Statement};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::{Parser, ParserOptions};
use sqlparser::tokenizer::{Token, Tokenizer};

use crate::error::{polars_message, EngineError, Result};

/// What one statement did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A query's result.
    Rows(DataFrame),
    Created {
        table: String,
        rows: usize,
    },
    Inserted {
        table: String,
        rows: usize,
    },
    Dropped {
        table: String,
    },
}

/// Named tables and the SQL run over them.
#[derive(Default, Clone)]
pub struct Session {
    tables: BTreeMap<String, DataFrame>,
}

/// Where a statement starts in its script (1-based).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a table.
    pub fn register(&mut self, name: &str, frame: DataFrame) {
        self.tables.insert(name.to_string(), frame);
    }

    pub fn table(&self, name: &str) -> Option<&DataFrame> {
        self.tables.get(name)
    }

    pub fn take(&mut self, name: &str) -> Option<DataFrame> {
        self.tables.remove(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tables.keys().map(String::as_str)
    }

    /// Runs one query and returns its rows (the last result of a script).
    pub fn query(&mut self, sql: &str) -> Result<DataFrame> {
        let outcomes = self.execute(sql)?;
        match outcomes.into_iter().last() {
            Some(Outcome::Rows(df)) => Ok(df),
            _ => Err(sql_error(1, Place { line: 1, column: 1 }, Fault::LastNotQuery)),
        }
    }

    /// Runs every statement of a script in order. A failing statement stops
    /// the script; the statements before it keep their effect (as a SQL
    /// console without a transaction does).
    pub fn execute(&mut self, sql: &str) -> Result<Vec<Outcome>> {
        let places = statement_places(sql);
        let parser = Parser::new(&GenericDialect).with_options(ParserOptions::new().with_trailing_commas(true));
        let statements = parser
            .try_with_sql(sql)
            .and_then(|mut p| p.parse_statements())
            .map_err(|e| parse_error(&e.to_string(), sql))?;
        if statements.is_empty() {
            return Err(sql_error(1, Place { line: 1, column: 1 }, Fault::NoStatement));
        }
        let mut outcomes = Vec::with_capacity(statements.len());
        for (i, mut statement) in statements.into_iter().enumerate() {
            let place = places.get(i).copied().unwrap_or(Place { line: 1, column: 1 });
            let outcome = self
                .run_statement(&mut statement)
                .map_err(|fault| sql_error(i + 1, place, fault))?;
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    fn run_statement(&mut self, statement: &mut Statement) -> Result<Outcome, Fault> {
        rewrite::rewrite(statement)?;
        match statement {
            Statement::Query(q) => self.select(&q.to_string()).map(Outcome::Rows),
            Statement::CreateTable(create) => {
                let table = table_name(&create.name);
                let Some(query) = &create.query else {
                    return Err(Fault::CreateNeedsSelect { table });
                };
                if self.tables.contains_key(&table) && !create.or_replace {
                    if create.if_not_exists {
                        return Ok(Outcome::Created { table, rows: 0 });
                    }
                    return Err(Fault::TableExists { table });
                }
                let df = self.select(&query.to_string())?;
                let rows = df.height();
                self.tables.insert(table.clone(), df);
                Ok(Outcome::Created { table, rows })
            }
            Statement::Insert(insert) => {
                let table = table_name(&insert.table_name);
                let Some(source) = &insert.source else {
                    return Err(Fault::InsertNeedsRows { table });
                };
                let target = self
                    .tables
                    .get(&table)
                    .ok_or_else(|| Fault::NoTable { table: table.clone() })?;
                let columns: Vec<String> = insert.columns.iter().map(|c| c.value.clone()).collect();
                let mut source = source.clone();
                name_columns(&mut source);
                let rows = self.select(&source.to_string())?;
                let aligned = align(target, rows, &columns, &table)?;
                let n = aligned.height();
                let mut merged = target.clone();
                merged.vstack_mut(&aligned).map_err(|e| engine_fault(&e))?;
                merged.rechunk_mut();
                self.tables.insert(table.clone(), merged);
                Ok(Outcome::Inserted { table, rows: n })
            }
            Statement::Drop {
                object_type: ObjectType::Table,
                if_exists,
                names,
                ..
            } => {
                let mut dropped = vec![];
                for name in names.iter() {
                    let table = table_name(name);
                    if self.tables.remove(&table).is_none() && !*if_exists {
                        return Err(Fault::NoTable { table });
                    }
                    dropped.push(table);
                }
                Ok(Outcome::Dropped {
                    table: dropped.join(", "),
                })
            }
            other => Err(Fault::StatementUnsupported {
                statement: first_words(&other.to_string()),
            }),
        }
    }

    fn select(&self, query: &str) -> Result<DataFrame, Fault> {
        let mut ctx = SQLContext::new().with_function_registry(functions::Registry::new());
        for (name, df) in &self.tables {
            ctx.register(name, df.clone().lazy());
        }
        ctx.execute(query)
            .and_then(|lf| lf.collect())
            .map_err(|e| engine_fault(&e))
    }
}

/// Names every unnamed item of an INSERT's SELECT (`SELECT 1, 'c'`), which
/// polars would otherwise call `literal` twice; INSERT matches by position.
fn name_columns(query: &mut Query) {
    if let SetExpr::Select(select) = query.body.as_mut() {
        for (i, item) in select.projection.iter_mut().enumerate() {
            if let SelectItem::UnnamedExpr(expr) = item {
                *item = SelectItem::ExprWithAlias {
                    expr: expr.clone(),
                    alias: Ident::new(format!("_dataplay_{i}")),
                };
            }
        }
    }
}

/// A table's name as written, without quotes or schema.
fn table_name(name: &ObjectName) -> String {
    name.0.last().map(|i| i.value.clone()).unwrap_or_default()
}

fn first_words(sql: &str) -> String {
    sql.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

/// Matches an INSERT's rows to the target's columns (by the listed names,
/// else by position) and casts them to the target's types; a value that
/// does not fit names its column.
fn align(target: &DataFrame, rows: DataFrame, columns: &[String], table: &str) -> Result<DataFrame, Fault> {
    let schema = target.schema();
    let names: Vec<String> = if columns.is_empty() {
        schema.iter_names().map(|n| n.to_string()).collect()
    } else {
        columns.to_vec()
    };
    if names.len() != rows.width() {
        return Err(Fault::InsertWidth {
            table: table.into(),
            expected: names.len(),
            given: rows.width(),
        });
    }
    let n = rows.height();
    let mut out = Vec::with_capacity(schema.len());
    for (target_name, dtype) in schema.iter() {
        let column = match names.iter().position(|c| c.as_str() == target_name.as_str()) {
            Some(i) => {
                let source = &rows.get_columns()[i];
                let cast = source.strict_cast(dtype).map_err(|_| Fault::InsertCast {
                    table: table.into(),
                    column: target_name.to_string(),
                    column_type: dtype.to_string(),
                    given: source.dtype().to_string(),
                })?;
                cast.with_name(target_name.clone())
            }
            None => Column::full_null(target_name.clone(), n, dtype),
        };
        out.push(column);
    }
    if let Some(unknown) = names.iter().find(|c| schema.get(c.as_str()).is_none()) {
        return Err(Fault::InsertNoColumn {
            table: table.into(),
            column: unknown.clone(),
        });
    }
    DataFrame::new(out).map_err(|e| engine_fault(&e))
}

/// What polars said of a statement, as a fault.
pub fn engine_fault(e: &PolarsError) -> Fault {
    Fault::SqlEngine {
        detail: polars_message(e),
    }
}

fn sql_error(statement: usize, place: Place, fault: Fault) -> EngineError {
    EngineError::Sql {
        statement,
        line: place.line,
        column: place.column,
        fault: Box::new(fault),
    }
}

/// sqlparser's "… at Line: 3, Column: 7" as a positioned error.
fn parse_error(message: &str, sql: &str) -> EngineError {
    let message = message.strip_prefix("sql parser error: ").unwrap_or(message);
    let (text, line, column) = match message.rsplit_once(" at Line: ") {
        Some((text, pos)) => {
            let mut parts = pos.split(", Column: ");
            let line = parts.next().and_then(|l| l.trim().parse().ok()).unwrap_or(1);
            let column = parts.next().and_then(|c| c.trim().parse().ok()).unwrap_or(1);
            (text, line, column)
        }
        // "found: EOF" has no position: the end of the script.
        None => {
            let line = sql.lines().count().max(1);
            let column = sql.lines().last().map_or(0, |l| l.chars().count()) + 1;
            (message, line, column)
        }
    };
    EngineError::SqlSyntax {
        line,
        column,
        message: text.to_string(),
    }
}

/// A script's statements, each with where it starts: split at top-level
/// `;` (strings respected), whitespace and comments before a statement
/// dropped. The warehouse console splits with it too (its COPY and
/// Redshift DDL are not SQL the parser knows).
pub fn split_statements(sql: &str) -> std::result::Result<Vec<(Place, String)>, Fault> {
    let tokens = Tokenizer::new(&GenericDialect, sql)
        .tokenize_with_location()
        .map_err(|e| Fault::SqlParser { detail: e.to_string() })?;
    let mut out: Vec<(Place, String)> = vec![];
    let mut current: Option<(Place, String)> = None;
    for t in tokens {
        match (&t.token, current.as_mut()) {
            (Token::SemiColon, _) => out.extend(current.take()),
            (Token::Whitespace(_), None) => {}
            (token, Some((_, text))) => text.push_str(&token.to_string()),
            (token, None) => {
                let place = Place {
                    line: t.span.start.line as usize,
                    column: t.span.start.column as usize,
                };
                current = Some((place, token.to_string()));
            }
        }
    }
    out.extend(current);
    Ok(out)
}

/// Where each statement of a script starts.
fn statement_places(sql: &str) -> Vec<Place> {
    split_statements(sql)
        .map(|s| s.into_iter().map(|(place, _)| place).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        let mut s = Session::new();
        let df = df! {
            "p" => ["a", "a", "b", "a", "b"],
            "d" => [3i64, 1, 2, 2, 2],
            "q" => [10i64, 1, 5, 100, 7],
        }
        .unwrap_or_default();
        s.register("t", df);
        s
    }

    fn ints(df: &DataFrame, col: &str) -> Vec<Option<i64>> {
        df.column(col)
            .and_then(|c| c.cast(&DataType::Int64))
            .map(|c| c.i64().map(|ca| ca.into_iter().collect()).unwrap_or_default())
            .unwrap_or_default()
    }

    #[test]
    fn text_literals_with_quotes_and_backslashes_keep_their_value() {
        let mut s = session();
        for (literal, value) in [
            (r"'x''''y'", r"x''y"),
            (r"'x''''''y'", r"x'''y"),
            (r"'a\'''", r"a\'"),
            (r"'a\'''''", r"a\''"),
            (r"''''", r"'"),
            (r"''''''", r"''"),
            (r"'\'", r"\"),
            (r"'it''s'", r"it's"),
            (r"'; DROP TABLE t; --'", r"; DROP TABLE t; --"),
        ] {
            let df = s
                .query(&format!(
                    "SELECT {literal} AS v, p FROM t WHERE p = 'a' OR {literal} = 'never'"
                ))
                .unwrap_or_else(|e| panic!("{literal}: {e}"));
            let got = df.column("v").unwrap().str().unwrap().get(0).map(str::to_string);
            assert_eq!(got.as_deref(), Some(value), "{literal}");
            assert_eq!(df.height(), 3, "{literal}");
        }
    }

    #[test]
    fn power_is_a_double_that_never_overflows_an_integer() {
        let mut s = session();
        let df = s
            .query("SELECT POWER(10, 20) AS big, POW(q, 2) AS sq, POWER(2, -1) AS half FROM t")
            .unwrap_or_else(|e| panic!("{e}"));
        let f = |c: &str| df.column(c).unwrap().f64().unwrap().get(0);
        assert_eq!(f("big"), Some(1e20));
        assert_eq!(f("sq"), Some(100.0));
        assert_eq!(f("half"), Some(0.5));
        let big = s
            .query("SELECT POWER(10, 400) AS inf FROM t")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(big.column("inf").unwrap().f64().unwrap().get(0), Some(f64::INFINITY));
    }

    #[test]
    fn running_sum_per_partition_keeps_row_order() {
        let mut s = session();
        let df = s
            .query("SELECT p, d, SUM(q) OVER (PARTITION BY p ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS r FROM t")
            .map_err(|e| e.to_string());
        let df = df.unwrap_or_else(|e| panic!("{e}"));
        // a: d=1 → 1, d=2 → 101, d=3 → 111; b: d=2 (5) then d=2 (7) as ROWS.
        assert_eq!(ints(&df, "r"), vec![Some(111), Some(1), Some(5), Some(101), Some(12)]);
        // RANGE (the default): peers share the running total.
        let df = s
            .query("SELECT SUM(q) OVER (PARTITION BY p ORDER BY d) AS r FROM t")
            .unwrap_or_default();
        assert_eq!(ints(&df, "r"), vec![Some(111), Some(1), Some(12), Some(101), Some(12)]);
        let df = s
            .query("SELECT ROW_NUMBER() OVER (ORDER BY d DESC, q) AS n FROM t")
            .unwrap_or_default();
        assert_eq!(ints(&df, "n"), vec![Some(1), Some(5), Some(2), Some(4), Some(3)]);
    }

    #[test]
    fn scripts_create_insert_and_drop() {
        let mut s = session();
        let out = s
            .execute(
                "CREATE TABLE agg AS SELECT p, SUM(q) AS total FROM t GROUP BY p ORDER BY p;\n\
                 INSERT INTO agg (total, p) SELECT 1, 'c';\n\
                 SELECT * FROM agg ORDER BY p",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.len(), 3);
        let Some(Outcome::Rows(df)) = out.last() else {
            panic!("no rows")
        };
        assert_eq!(ints(df, "total"), vec![Some(111), Some(12), Some(1)]);
        s.execute("DROP TABLE agg").unwrap_or_default();
        assert!(s.table("agg").is_none());
    }

    #[test]
    fn errors_name_statement_line_and_column() {
        let mut s = session();
        let e = s
            .execute("SELECT p FROM t;\n\nSELECT upload_date FROM t")
            .err()
            .map(|e| e.to_string());
        let e = e.unwrap_or_default();
        assert!(e.starts_with("SQL statement 2 (line 3, column 1):"), "{e}");
        assert!(e.contains("upload_date"), "{e}");
        let e = s
            .execute("SELECT p FROM t\nWHERE q >")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("SQL syntax error at line 2, column"), "{e}");
        let e = s
            .execute("UPDATE t SET q = 1")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("UPDATE t is not supported"), "{e}");
    }

    #[test]
    fn date_trunc_and_percentiles() {
        let mut s = Session::new();
        s.execute(
            "CREATE TABLE e AS SELECT strptime(ts, '%Y-%m-%d %H:%M:%S') AS ts, v FROM (VALUES ('2024-02-15 13:45:00', 1.0), ('2024-02-20 01:00:00', 3.0), ('2024-03-01 00:00:00', 5.0)) AS x(ts, v)",
        )
        .map_err(|e| panic!("{e}"))
        .ok();
        let df = s
            .query(
                "SELECT DATE_TRUNC('month', ts) AS m, COUNT(*) AS n, approx_percentile(v, 0.5) AS p50 \
                 FROM e GROUP BY DATE_TRUNC('month', ts) ORDER BY m",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ints(&df, "n"), vec![Some(2), Some(1)]);
        let m = df
            .column("m")
            .and_then(|c| c.cast(&DataType::String))
            .unwrap_or_default();
        let m = m.str().map(|ca| ca.get(0).map(str::to_string)).ok().flatten();
        assert_eq!(m.as_deref(), Some("2024-02-01 00:00:00.000000"));
    }

    #[test]
    fn array_agg_of_structs_and_its_csv() {
        let mut s = session();
        let df = s
            .query("SELECT p, ARRAY_AGG(STRUCT(d, q)) AS items FROM t GROUP BY p ORDER BY p")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(df.height(), 2);
        let mut df = df;
        let csv = crate::write::to_bytes(&mut df, dataplay_api::FileFormat::Csv).unwrap_or_else(|e| panic!("{e}"));
        let csv = String::from_utf8_lossy(&csv);
        assert!(
            csv.contains(r#"[{""d"":3,""q"":10},{""d"":1,""q"":1},{""d"":2,""q"":100}]"#),
            "{csv}"
        );
        let e = s
            .query("SELECT STRUCT(q, q + 1) FROM t")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("two fields named q"), "{e}");
        let e = s
            .query("SELECT STRUCT(q AS x) FROM t")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("not typed or `AS` fields"), "{e}");
    }
}
