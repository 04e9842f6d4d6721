//! Pipelines handed to Spark when data outgrows one machine: the retail ETL
//! and the lake's Glue jobs written out as PySpark scripts (the seed's Glue
//! script is the model). The ETL job runs the very SQL the engine runs in
//! ELT mode (`etl::elt::stages` in the Spark dialect) and gates on the same
//! checks (`etl::quality::sql`); a Glue job runs its own SQL
//! (`lake::glue::sql`) over the flattened source. Only the reading, typing
//! and writing around that SQL is Python. User text (labels, check and job
//! names, paths, columns) reaches the Python only as string literals
//! (`py_str`) or escaped text in a docstring (`py_escape`), and the Spark
//! SQL only as its literals and backquoted identifiers; the templates are
//! filled in one pass.

use dataplay_api::etl::{EtlParams, Severity, SOURCE_TABLES};
use dataplay_api::lake::GlueJob;
use dataplay_api::{Fault, Subject};
use serde_json::{json, Value};
use sqlparser::ast::{DollarQuotedString, Statement};
use sqlparser::dialect::GenericDialect;
use sqlparser::keywords::Keyword;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer, Whitespace};

use crate::base::calendar::format_date;
use crate::error::{EngineError, Result};
use crate::etl::elt::{self, Dialect, RawType, SourceTypes};
use crate::etl::{quality, validate, TARGET_KEYS};
use crate::lake::glue;

/// The column a Glue job's Spark source gets so that `FIRST`/`LAST` pick
/// the row the engine picks (first file by path, then row order).
const ORDER: &str = "__dataplay_order";

/// Characters a Python literal or docstring spells as an escape rather than
/// holds as they are: controls (a newline ends a line of code), and the
/// invisible and direction-changing ones that make code read other than it
/// runs (U+2028, U+202E, a zero-width space, …).
fn escaped_in_python(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// The inside of a Python string literal (any quoting, a docstring too)
/// that reads back as exactly `s`: backslashes and double quotes escaped,
/// so nothing in it can end the literal, and `escaped_in_python`
/// characters as `\n`, `\uXXXX`, …. Also valid JSON string content.
fn py_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if escaped_in_python(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `"…"`: a Python (and JSON) string literal of `s`.
fn py_str(s: &str) -> String {
    format!("\"{}\"", py_escape(s))
}

/// A Python literal for any JSON value (JSON's numbers and lists are
/// Python's, strings are written by `py_str`; `true`/`false`/`null` are
/// spelled out); long lists one item a line.
fn py(value: &Value) -> String {
    py_at(value, 0)
}

fn py_at(value: &Value, depth: usize) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Array(items) => {
            let inline: Vec<String> = items.iter().map(|v| py_at(v, depth + 1)).collect();
            let one_line = format!("[{}]", inline.join(", "));
            if one_line.len() <= 80 && !one_line.contains('\n') {
                return one_line;
            }
            let pad = "    ".repeat(depth + 1);
            let lines: Vec<String> = inline.iter().map(|item| format!("{pad}{item},")).collect();
            format!("[\n{}\n{}]", lines.join("\n"), "    ".repeat(depth))
        }
        Value::Object(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), py_at(v, depth + 1)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        Value::String(s) => py_str(s),
        Value::Number(n) => n.to_string(),
    }
}

fn raw_kind(kind: Option<RawType>) -> Value {
    match kind {
        None => Value::Null,
        Some(RawType::Int) => "int".into(),
        Some(RawType::Number) => "number".into(),
        Some(RawType::Date) => "date".into(),
        Some(RawType::Time) => "time".into(),
        Some(RawType::Timestamp) => "timestamp".into(),
    }
}

/// `template` with each `@@KEY@@` replaced by its value, in one pass over
/// the template: a value is never searched again, so a name holding
/// `@@SQL@@` stays that text. An unknown key is left as it is.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("@@") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let value = after.find("@@").and_then(|end| {
            values
                .iter()
                .find(|(k, _)| *k == &after[..end])
                .map(|(k, v)| (k.len(), v))
        });
        match value {
            Some((len, v)) => {
                out.push_str(v);
                rest = &after[len + 2..];
            }
            None => {
                out.push_str("@@");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The retail ETL with `params` as a PySpark job.
pub fn etl_job(params: &EtlParams) -> Result<String> {
    let range = validate(params)?;
    super::finite_thresholds(params)?;
    let sources: Vec<Value> = SOURCE_TABLES
        .iter()
        .map(|table| {
            let columns: Vec<Value> = elt::source_columns(table)
                .into_iter()
                .map(|(c, k)| json!([c, raw_kind(k)]))
                .collect();
            json!([table, columns])
        })
        .collect();
    let stages: Vec<Value> = elt::stages(params, range, &SourceTypes::default(), Dialect::Spark)
        .into_iter()
        .map(|s| json!([s.name, s.tables]))
        .collect();
    let checks: Vec<Value> = if params.run_checks {
        params
            .checks
            .iter()
            .map(|c| {
                json!([
                    c.name,
                    if c.severity == Severity::Fail { "fail" } else { "warn" },
                    quality::expected(c),
                    quality::sql(c, range, "fact_sales", Dialect::Spark),
                ])
            })
            .collect()
    } else {
        vec![]
    };
    let targets: Vec<Value> = TARGET_KEYS.iter().map(|(t, k)| json!([t, k])).collect();
    // The docstring holds user text only escaped (`py_escape`): a `"""`
    // or a newline in a label is text there, not the end of the docstring.
    let segments: Vec<String> = params
        .segment_edges
        .iter()
        .zip(&params.segment_labels)
        .map(|(e, l)| format!("{} > {e}", py_escape(l)))
        .collect();
    Ok(fill(
        ETL_TEMPLATE,
        &[
            ("VERSION", env!("CARGO_PKG_VERSION").to_string()),
            // The days as parsed, not as typed.
            ("FROM", format_date(range.0)),
            ("TO", format_date(range.1)),
            ("MARGIN", params.margin.to_string()),
            ("SEGMENTS", segments.join(", ")),
            (
                "CHECKS_SUMMARY",
                if params.run_checks {
                    format!("{} (a failing `fail` check stops the job)", params.checks.len())
                } else {
                    "off".into()
                },
            ),
            ("SOURCES", py(&Value::Array(sources))),
            ("STAGES", py(&Value::Array(stages))),
            ("CHECKS", py(&Value::Array(checks))),
            ("TARGETS", py(&Value::Array(targets))),
        ],
    ))
}

/// A Glue job's SQL as Spark runs it: one query, rewritten token by token
/// from the text as sqlparser reads it (never from sqlparser's printing of
/// it, which writes a `''` or `\'` inside a value back unescaped): quoted
/// identifiers in backquotes (Spark reads a backslash inside double quotes
/// as an escape, never inside backquotes), string literals with Spark's
/// escapes (`Dialect::Spark.text`), comments dropped, and `FIRST(x)` /
/// `LAST(x)` as `min_by` / `max_by` over the engine's row order, which
/// Spark's own `first` does not promise.
pub fn spark_sql(sql: &str) -> Result<String> {
    let bad = |fault| EngineError::invalid(Subject::GlueSql, fault);
    let parser = |e: &dyn std::fmt::Display| bad(Fault::SqlParser { detail: e.to_string() });
    let statements = Parser::parse_sql(&GenericDialect {}, sql).map_err(|e| parser(&e))?;
    if !matches!(statements.as_slice(), [Statement::Query(_)]) {
        return Err(bad(Fault::NotOneQuery { sql: sql.into() }));
    }
    let tokens = Tokenizer::new(&GenericDialect {}, sql)
        .tokenize()
        .map_err(|e| parser(&e))?;
    let tokens = first_last_in_row_order(tokens).map_err(bad)?;
    spark_tokens(tokens).map_err(bad)
}

/// The next token at or after `i` that is not whitespace.
fn next_code(tokens: &[Token], mut i: usize) -> Option<usize> {
    while matches!(tokens.get(i), Some(Token::Whitespace(_))) {
        i += 1;
    }
    (i < tokens.len()).then_some(i)
}

/// `FIRST(x)` / `FIRST_VALUE(x)` as `min_by(x, ORDER)`, `LAST…` as `max_by`
/// (one argument; a qualified or quoted name is someone else's function).
fn first_last_in_row_order(tokens: Vec<Token>) -> std::result::Result<Vec<Token>, Fault> {
    // (where the name is, its replacement, where its `)` is)
    let mut calls: Vec<(usize, &str, usize)> = vec![];
    for (i, token) in tokens.iter().enumerate() {
        let Token::Word(w) = token else { continue };
        let name = w.value.to_ascii_uppercase();
        let replacement = match (w.quote_style, name.as_str()) {
            (None, "FIRST" | "FIRST_VALUE") => "min_by",
            (None, "LAST" | "LAST_VALUE") => "max_by",
            _ => continue,
        };
        let qualified = tokens[..i]
            .iter()
            .rev()
            .find(|t| !matches!(t, Token::Whitespace(_)))
            .is_some_and(|t| *t == Token::Period);
        let Some(open) = next_code(&tokens, i + 1).filter(|&o| tokens[o] == Token::LParen) else {
            continue;
        };
        if qualified {
            continue;
        }
        let (mut depth, mut close, mut arguments) = (0usize, None, 1);
        for (j, t) in tokens.iter().enumerate().skip(open) {
            match t {
                Token::LParen | Token::LBracket | Token::LBrace => depth += 1,
                Token::RParen | Token::RBracket | Token::RBrace => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                Token::Comma if depth == 1 => arguments += 1,
                _ => {}
            }
        }
        let close = close.ok_or_else(|| Fault::Unclosed { function: name.clone() })?;
        if next_code(&tokens, close + 1)
            .is_some_and(|n| matches!(&tokens[n], Token::Word(w) if w.keyword == Keyword::OVER))
        {
            return Err(Fault::NoSparkWindow { function: name });
        }
        if arguments == 1 && next_code(&tokens, open + 1) != Some(close) {
            calls.push((i, replacement, close));
        }
    }
    let mut out = Vec::with_capacity(tokens.len() + 4 * calls.len());
    for (i, token) in tokens.into_iter().enumerate() {
        if let Some((_, replacement, _)) = calls.iter().find(|(at, _, _)| *at == i) {
            out.push(Token::make_word(replacement, None));
            continue;
        }
        if calls.iter().any(|(_, _, close)| *close == i) {
            out.extend([
                Token::Comma,
                Token::Whitespace(Whitespace::Space),
                Token::make_word(ORDER, None),
            ]);
        }
        out.push(token);
    }
    Ok(out)
}

/// `tokens` in Spark's spelling: every quoted identifier in backquotes (a
/// backquote doubled), every string literal as `Dialect::Spark.text`
/// writes it, comments as a space; a kind of literal Spark has no safe
/// spelling for here is refused.
fn spark_tokens(tokens: Vec<Token>) -> std::result::Result<String, Fault> {
    let mut out = String::new();
    for token in tokens {
        match token {
            Token::Word(w) if w.quote_style.is_some() => {
                out.push_str(&Dialect::Spark.quote(&w.value));
            }
            Token::SingleQuotedString(s)
            | Token::NationalStringLiteral(s)
            | Token::EscapedStringLiteral(s)
            | Token::UnicodeStringLiteral(s)
            | Token::TripleSingleQuotedString(s)
            | Token::TripleDoubleQuotedString(s)
            | Token::SingleQuotedRawStringLiteral(s)
            | Token::DoubleQuotedRawStringLiteral(s)
            | Token::TripleSingleQuotedRawStringLiteral(s)
            | Token::TripleDoubleQuotedRawStringLiteral(s)
            | Token::DollarQuotedString(DollarQuotedString { value: s, .. }) => {
                out.push_str(&Dialect::Spark.text(&s));
            }
            Token::HexStringLiteral(h) if h.chars().all(|c| c.is_ascii_hexdigit()) => {
                out.push_str(&format!("X'{h}'"));
            }
            Token::DoubleQuotedString(_)
            | Token::HexStringLiteral(_)
            | Token::SingleQuotedByteStringLiteral(_)
            | Token::DoubleQuotedByteStringLiteral(_)
            | Token::TripleSingleQuotedByteStringLiteral(_)
            | Token::TripleDoubleQuotedByteStringLiteral(_) => {
                return Err(Fault::UnsafeLiteral {
                    literal: token.to_string(),
                });
            }
            Token::Whitespace(Whitespace::SingleLineComment { .. } | Whitespace::MultiLineComment(_)) => out.push(' '),
            other => out.push_str(&other.to_string()),
        }
    }
    Ok(out)
}

/// Each SQL piece of `job` (filter, derived columns, aggregates) is one
/// expression without comments: none can close the query around it, start
/// another, or comment out the SQL that follows it.
fn check_expressions(job: &GlueJob) -> Result<()> {
    let pieces = std::iter::once(("filter", &job.filter))
        .filter(|(_, f)| !f.trim().is_empty())
        .chain(job.derive.iter().map(|(n, e)| (n.as_str(), e)))
        .chain(job.aggregates.iter().map(|(n, e)| (n.as_str(), e)));
    for (what, expr) in pieces {
        let dialect = GenericDialect {};
        let (field, expression) = (what.to_string(), expr.to_string());
        let not_one = |e: &dyn std::fmt::Display| Fault::NotAnExpression {
            field: field.clone(),
            detail: e.to_string(),
            expression: expression.clone(),
        };
        let parsed = Tokenizer::new(&dialect, expr)
            .tokenize()
            .map_err(|e| not_one(&e))
            .and_then(|tokens| {
                let comment = tokens.iter().any(|t| {
                    matches!(
                        t,
                        Token::Whitespace(Whitespace::SingleLineComment { .. } | Whitespace::MultiLineComment(_))
                    )
                });
                if comment {
                    return Err(Fault::ExpressionComment {
                        field: field.clone(),
                        expression: expression.clone(),
                    });
                }
                let mut parser = Parser::new(&dialect).with_tokens(tokens);
                parser.parse_expr().map_err(|e| not_one(&e))?;
                parser.expect_token(&Token::EOF).map_err(|e| not_one(&e))
            });
        if let Err(fault) = parsed {
            return Err(EngineError::invalid(Subject::GlueJob(job.name.clone()), fault));
        }
    }
    Ok(())
}

/// A Glue job as a PySpark job over a lake root (a directory, `s3a://…`).
/// Its name, paths and columns are Python string literals in the code and
/// escaped text in the docstring; its SQL is one query (`spark_sql`).
pub fn glue_job(job: &GlueJob) -> Result<String> {
    if !job.group_by.is_empty() && job.aggregates.is_empty() {
        return Err(EngineError::invalid(
            Subject::GlueJob(job.name.clone()),
            Fault::NoAggregate,
        ));
    }
    check_expressions(job)?;
    let sql = spark_sql(&glue::sql(job))?;
    let (source, target) = (job.source.trim_end_matches('/'), job.target.trim_end_matches('/'));
    let partitioned = if job.partition_by.is_empty() {
        "not partitioned".to_string()
    } else {
        let keys: Vec<String> = job.partition_by.iter().map(|p| py_escape(p)).collect();
        format!("partitioned by {}", keys.join(", "))
    };
    Ok(fill(
        GLUE_TEMPLATE,
        &[
            ("VERSION", env!("CARGO_PKG_VERSION").to_string()),
            ("NAME_DOC", py_escape(&job.name)),
            ("SOURCE_DOC", py_escape(source)),
            ("TARGET_DOC", py_escape(target)),
            ("PARTITIONED_DOC", partitioned),
            ("NAME_LITERAL", py_str(&job.name)),
            ("SOURCE", py_str(source)),
            ("TARGET", py_str(target)),
            ("PARTITION_BY", py(&json!(job.partition_by))),
            ("ORDER", py_str(ORDER)),
            ("SQL", py_str(&sql)),
        ],
    ))
}

const ETL_TEMPLATE: &str = r#"#!/usr/bin/env python3
"""The retail ETL (the seed's RetailETLPipeline) as a PySpark job.

Exported by dataplay @@VERSION@@ with these parameters:
  days:      @@FROM@@ .. @@TO@@ (inclusive)
  margin:    @@MARGIN@@
  segments:  @@SEGMENTS@@
  checks:    @@CHECKS_SUMMARY@@

It reads one file per source table under --source (transactions.csv, .jsonl,
.json or .parquet; a local directory, hdfs:// or s3a://), runs the SQL the
playground runs in ELT mode, gates on the data-quality checks, and writes
fact_sales, fact_inventory_movements and dim_customers under --out.

    spark-submit retail_etl.py --source DIR --out DIR [--format parquet|csv] [--no-checks]
"""
import argparse
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# Source tables: the columns the SQL reads, and how each is typed
# (None: as it comes; "time" stays text "HH:MM:SS").
SOURCES = @@SOURCES@@

# The pipeline's stages: the views each one builds, in order.
STAGES = @@STAGES@@

# Data-quality checks on fact_sales: (name, severity, expected, SQL giving
# one row of `failing` and `observed`).
CHECKS = @@CHECKS@@

# The tables written, with the key the warehouse merges them on.
TARGETS = @@TARGETS@@

FORMATS = ("csv", "jsonl", "json", "parquet")
INTEGRAL = ("bigint", "int", "smallint", "tinyint")


def fail(message):
    print(f"dataplay job: {message}", file=sys.stderr)
    sys.exit(1)


def exists(spark, path):
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(p)


def read_source(spark, source, table):
    for ext in FORMATS:
        path = f"{source.rstrip('/')}/{table}.{ext}"
        if not exists(spark, path):
            continue
        if ext == "csv":
            reader = spark.read.option("header", True).option("multiLine", True).option("escape", '"')
            return reader.csv(path), path
        if ext == "parquet":
            return spark.read.parquet(path), path
        return spark.read.option("multiLine", ext == "json").json(path), path
    fail(f"{table}: no {table}.csv, .jsonl, .json or .parquet under {source}")


def cast(column, kind, dtype):
    c = f"`{column}`"
    if kind == "int":
        return c if dtype in INTEGRAL else f"CAST(CAST({c} AS DOUBLE) AS BIGINT)"
    if kind == "number":
        return f"CAST({c} AS DOUBLE)"
    if kind == "date":
        return f"CAST({c} AS DATE)"
    if kind == "time":
        return f"CAST({c} AS STRING)"
    if kind == "timestamp":
        return f"CAST({c} AS TIMESTAMP)"
    return c


def typed(frame, table, columns, path):
    dtypes = dict(frame.dtypes)
    for column, kind in columns:
        if column not in dtypes:
            fail(f"{path}: no column '{column}' (the pipeline reads it; the file has {', '.join(dtypes)})")
        if kind is not None:
            frame = frame.withColumn(column, F.expr(cast(column, kind, dtypes[column])))
    # The row's place in its file: the SQL keeps the source order with it.
    return frame.withColumn("_row", F.monotonically_increasing_id())


def run_checks(spark):
    failed = []
    for name, severity, expected, sql in CHECKS:
        row = spark.sql(sql).first()
        ok = row["failing"] == 0
        mark = "ok  " if ok else ("FAIL" if severity == "fail" else "warn")
        print(f"[{mark}] {name}: observed {row['observed']:g}, expected {expected}")
        if not ok and severity == "fail":
            failed.append(name)
    if failed:
        fail(f"data-quality check failed: {', '.join(failed)}; nothing was written")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, help="directory or URL with one file per source table")
    parser.add_argument("--out", required=True, help="where fact_sales/, fact_inventory_movements/, dim_customers/ go")
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument("--no-checks", action="store_true", help="skip the data-quality gate")
    args = parser.parse_args(argv)

    spark = (
        SparkSession.builder.appName("dataplay-retail-etl")
        .config("spark.log.level", "WARN")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.timestampType", "TIMESTAMP_NTZ")
        # The SQL's string literals are written with backslash escapes, and
        # hold `${…}` as text (not a variable, an environment's or a conf's value).
        .config("spark.sql.parser.escapedStringLiterals", "false")
        .config("spark.sql.variable.substitute", "false")
        .getOrCreate()
    )
    for table, columns in SOURCES:
        frame, path = read_source(spark, args.source, table)
        typed(frame, table, columns, path).createOrReplaceTempView(f"raw_{table}")
    for stage, views in STAGES:
        for view, select in views:
            spark.sql(select).createOrReplaceTempView(view)
    spark.table("fact_sales").cache()
    if not args.no_checks:
        run_checks(spark)
    for table, key in TARGETS:
        frame = spark.table(table)
        frame = frame.select([c for c in frame.columns if not c.startswith("_")])
        writer = frame.write.mode("overwrite")
        path = f"{args.out.rstrip('/')}/{table}"
        if args.format == "csv":
            writer.option("header", True).csv(path)
        else:
            writer.parquet(path)
        print(f"{table}: {spark.read.format(args.format).option('header', True).load(path).count()} rows "
              f"(key {', '.join(key)}) -> {path}")
    spark.stop()


if __name__ == "__main__":
    main()
"#;

const GLUE_TEMPLATE: &str = r#"#!/usr/bin/env python3
"""The Glue-style job '@@NAME_DOC@@' as a PySpark job.

Exported by dataplay @@VERSION@@. It reads the lake dataset @@SOURCE_DOC@@ (JSON,
JSON Lines, CSV and Parquet files under Hive-style key=value directories,
whose keys become columns), flattens nested objects into `parent.child`
columns, runs the job's SQL and writes Parquet to @@TARGET_DOC@@,
@@PARTITIONED_DOC@@, replacing what was there.

    spark-submit job.py --lake ROOT      (ROOT: a directory or s3a://bucket/prefix)
"""
import argparse
import sys

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

NAME = @@NAME_LITERAL@@
SOURCE = @@SOURCE@@
TARGET = @@TARGET@@
PARTITION_BY = @@PARTITION_BY@@
ORDER = @@ORDER@@
SQL = @@SQL@@


def quoted(name):
    """A column name as Spark reads it whatever it holds: in backquotes, each backquote doubled."""
    return "`" + name.replace("`", "``") + "`"


def flatten(frame):
    """Nested objects become `parent.child` columns, as the playground reads them."""
    columns, nested = [], False
    for field in frame.schema.fields:
        if isinstance(field.dataType, StructType):
            nested = True
            for child in field.dataType.fields:
                name = f"{field.name}.{child.name}"
                columns.append(F.col(f"{quoted(field.name)}.{quoted(child.name)}").alias(name))
        else:
            columns.append(F.col(quoted(field.name)))
    frame = frame.select(columns)
    return flatten(frame) if nested else frame


def read_dataset(spark, root):
    frames = []
    for pattern, read in (
        ("*.jsonl", lambda r, p: r.json(p)),
        ("*.json", lambda r, p: r.option("multiLine", True).json(p)),
        ("*.csv", lambda r, p: r.option("header", True).csv(p)),
        ("*.parquet", lambda r, p: r.parquet(p)),
    ):
        try:
            frame = read(spark.read.option("pathGlobFilter", pattern), root)
        except AnalysisException:
            continue  # no file of this kind
        if frame.columns:
            frames.append(frame)
    if not frames:
        print(f"dataplay job {NAME}: no files under {root}", file=sys.stderr)
        sys.exit(1)
    frame = frames[0]
    for other in frames[1:]:
        frame = frame.unionByName(other, allowMissingColumns=True)
    # Rows in the playground's order: files by path, then rows within a file.
    return flatten(frame).withColumn(ORDER, F.struct(F.input_file_name(), F.monotonically_increasing_id()))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", required=True, help="the lake's root: a directory or s3a://bucket/prefix")
    args = parser.parse_args(argv)
    root = args.lake.rstrip("/")
    spark = (
        SparkSession.builder.appName(f"dataplay-glue-{NAME}")
        .config("spark.log.level", "WARN")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.timestampType", "TIMESTAMP_NTZ")
        # The SQL's string literals are written with backslash escapes, and
        # hold `${…}` as text (not a variable, an environment's or a conf's value).
        .config("spark.sql.parser.escapedStringLiterals", "false")
        .config("spark.sql.variable.substitute", "false")
        .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
        .getOrCreate()
    )
    source = read_dataset(spark, f"{root}/{SOURCE}")
    rows_in = source.count()
    source.createOrReplaceTempView("source")
    out = spark.sql(SQL)
    out = out.drop(ORDER) if ORDER in out.columns else out
    writer = out.write.mode("overwrite")
    if PARTITION_BY:
        writer = writer.partitionBy(*PARTITION_BY)
    writer.parquet(f"{root}/{TARGET}")
    print(f"{NAME}: {rows_in} rows in, {out.count()} rows out -> {root}/{TARGET}")
    spark.stop()


if __name__ == "__main__":
    main()
"#;

#[cfg(test)]
mod tests {
    use dataplay_api::etl::{CheckRule, CheckSpec, Severity};

    use super::*;
    use crate::etl::elt::PAYLOADS;

    /// `script` with every string literal as `S` and every comment as `#`:
    /// what Python runs as code. An unterminated literal is an error.
    fn code_of(script: &str) -> std::result::Result<String, String> {
        let chars: Vec<char> = script.chars().collect();
        let (mut out, mut i) = (String::new(), 0);
        while i < chars.len() {
            let c = chars[i];
            if c == '#' {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                out.push('#');
                continue;
            }
            if c != '"' && c != '\'' {
                out.push(c);
                i += 1;
                continue;
            }
            let triple = chars.get(i..i + 3).is_some_and(|t| t.iter().all(|&t| t == c));
            let quote = if triple { 3 } else { 1 };
            i += quote;
            loop {
                match chars.get(i) {
                    None => return Err(format!("unterminated literal in:\n{script}")),
                    Some('\\') => i += 2,
                    Some('\n') if !triple => return Err(format!("a newline ends a literal in:\n{script}")),
                    Some(&q)
                        if q == c && (!triple || chars.get(i..i + 3).is_some_and(|t| t.iter().all(|&t| t == c))) =>
                    {
                        i += quote;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            out.push('S');
        }
        Ok(out)
    }

    fn etl_params(label: &str) -> EtlParams {
        let mut params = EtlParams {
            run_checks: true,
            ..EtlParams::default()
        };
        params.segment_labels[1] = label.to_string();
        params.movement_mapping[0].1 = label.to_string();
        params.movement_mapping.push((label.to_string(), label.to_string()));
        params.checks = vec![
            CheckSpec {
                name: label.to_string(),
                rule: CheckRule::MinRowsPerDay { min: 0.0 },
                severity: Severity::Fail,
            },
            CheckSpec {
                name: label.to_string(),
                rule: CheckRule::MaxNulls {
                    columns: vec![label.to_string(), "product_id".into()],
                    max: 0.0,
                },
                severity: Severity::Warn,
            },
        ];
        params
    }

    #[test]
    fn python_literals_read_back_as_the_text() {
        for payload in PAYLOADS {
            let literal = py_str(payload);
            // JSON reads it as Python does (the escapes are common to both).
            assert_eq!(serde_json::from_str::<String>(&literal).ok().as_deref(), Some(*payload));
            assert!(!literal.contains(['\n', '\r', '\u{2028}', '\u{202e}']), "{literal}");
            assert_eq!(code_of(&literal), Ok("S".into()), "{payload:?}");
        }
    }

    #[test]
    fn templates_are_filled_in_one_pass() {
        let values = [("A", "@@B@@".to_string()), ("B", "b".to_string())];
        assert_eq!(fill("@@A@@ @@B@@ @@C@@ @@", &values), "@@B@@ b @@C@@ @@");
    }

    #[test]
    fn payload_labels_checks_and_dates_are_data_in_the_etl_job() {
        let normal = etl_job(&etl_params("Silver")).unwrap();
        let code = code_of(&normal).unwrap();
        for payload in PAYLOADS {
            let job = etl_job(&etl_params(payload)).unwrap();
            assert_eq!(
                code_of(&job).as_ref(),
                Ok(&code),
                "{payload:?} changed the job's code:\n{job}"
            );
        }
        // A day is parsed with anything after a space ignored: the job
        // holds the day as parsed.
        let dated = EtlParams {
            from: "2024-01-01 \"\"\"\nopen('/tmp/pwned','w')\n".into(),
            ..EtlParams::default()
        };
        let job = etl_job(&dated).unwrap();
        assert!(!job.contains("pwned"), "{job}");
        assert_eq!(code_of(&job), code_of(&etl_job(&EtlParams::default()).unwrap()));
    }

    #[test]
    fn payload_names_paths_and_columns_are_data_in_the_glue_job() {
        let with = |text: &str| {
            let mut job = GlueJob::seed_video_stats();
            job.name = text.to_string();
            job.source = format!("raw/{text}");
            job.target = format!("curated/{text}");
            job.partition_by = vec![text.to_string()];
            job.derive.push((text.to_string(), "'a'".into()));
            job.select.push(text.to_string());
            job
        };
        let code = code_of(&glue_job(&with("plain")).unwrap()).unwrap();
        for payload in PAYLOADS {
            let job = glue_job(&with(payload)).unwrap();
            assert_eq!(
                code_of(&job).as_ref(),
                Ok(&code),
                "{payload:?} changed the job's code:\n{job}"
            );
            assert!(job.contains(&format!("NAME = {}\n", py_str(payload))), "{job}");
        }
    }

    #[test]
    fn glue_sql_is_spark_sql_with_literals_and_identifiers_escaped() {
        let sql = spark_sql(r#"SELECT "a""b", 'it''s \ \u0041' AS "c\", "d`" FROM source"#).unwrap();
        assert_eq!(sql, r#"SELECT `a"b`, 'it\'s \\ \\u0041' AS `c\`, `d``` FROM source"#);
        // Values sqlparser would print back unescaped stay whole.
        let sql = spark_sql(r#"SELECT 'x\'' , 1) --' AS "q""""" FROM source"#).unwrap();
        assert_eq!(sql, r#"SELECT 'x\\\' , 1) --' AS `q""` FROM source"#);
        let first = spark_sql(r#"SELECT FIRST("x") AS "y", last(CASE WHEN a THEN 1 END) FROM source"#).unwrap();
        assert_eq!(
            first,
            "SELECT min_by(`x`, __dataplay_order) AS `y`, max_by(CASE WHEN a THEN 1 END, __dataplay_order) FROM source"
        );
        let err = spark_sql("SELECT FIRST(x) OVER (ORDER BY y) FROM source").unwrap_err();
        assert!(err.to_string().contains("has no Spark equivalent"), "{err}");
        assert!(spark_sql("SELECT 1 FROM source; DROP TABLE canary").is_err());
        assert!(spark_sql("DROP TABLE canary").is_err());
        assert_eq!(
            spark_sql("SELECT 1 /* a */ FROM source -- b").unwrap(),
            "SELECT 1   FROM source  "
        );
    }

    #[test]
    fn a_glue_expression_cannot_close_the_query_around_it() {
        let mut job = GlueJob::seed_video_stats();
        job.filter = "1 = 1) AS derived; DROP TABLE canary; SELECT * FROM (SELECT 1".into();
        let err = glue_job(&job).unwrap_err().to_string();
        assert!(err.contains("filter: not one SQL expression"), "{err}");
        let mut job = GlueJob::seed_user_behavior();
        job.aggregates[0].1 = "COUNT(*) FROM source GROUP BY 1 UNION SELECT 1, 2, 3, 4, 5".into();
        let err = glue_job(&job).unwrap_err().to_string();
        assert!(err.contains("interaction_count: not one SQL expression"), "{err}");
        let mut job = GlueJob::seed_video_stats();
        job.derive[0].1 = "\"analytics.views\" -- the rest of the query".into();
        let err = glue_job(&job).unwrap_err().to_string();
        assert!(err.contains("total_views: not one SQL expression (a comment)"), "{err}");
    }
}
