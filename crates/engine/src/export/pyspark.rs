//! Pipelines handed to Spark when data outgrows one machine: the retail ETL
//! and the lake's Glue jobs written out as PySpark scripts (the seed's Glue
//! script is the model). The ETL job runs the very SQL the engine runs in
//! ELT mode (`etl::elt::stages` in the Spark dialect) and gates on the same
//! checks (`etl::quality::sql`); a Glue job runs its own SQL
//! (`lake::glue::sql`) over the flattened source. Only the reading, typing
//! and writing around that SQL is Python.

use dataplay_api::etl::{EtlParams, Severity, SOURCE_TABLES};
use dataplay_api::lake::GlueJob;
use serde_json::{json, Value};
use sqlparser::ast::{visit_expressions_mut, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, Ident, ObjectName};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use std::ops::ControlFlow;

use crate::error::{EngineError, Result};
use crate::etl::elt::{self, Dialect, RawType, SourceTypes};
use crate::etl::{quality, validate, TARGET_KEYS};
use crate::lake::glue;

/// The column a Glue job's Spark source gets so that `FIRST`/`LAST` pick
/// the row the engine picks (first file by path, then row order).
const ORDER: &str = "__dataplay_order";

/// A Python literal for any JSON value (JSON's strings, numbers and lists
/// are Python's; `true`/`false`/`null` are spelled out); long lists one
/// item a line.
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
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), py_at(v, depth + 1)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        other => other.to_string(),
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

fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (key, value) in values {
        out = out.replace(&format!("@@{key}@@"), value);
    }
    out
}

/// The retail ETL with `params` as a PySpark job.
pub fn etl_job(params: &EtlParams) -> Result<String> {
    let range = validate(params)?;
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
    let segments: Vec<String> = params
        .segment_edges
        .iter()
        .zip(&params.segment_labels)
        .map(|(e, l)| format!("{l} > {e}"))
        .collect();
    Ok(fill(
        ETL_TEMPLATE,
        &[
            ("VERSION", env!("CARGO_PKG_VERSION").to_string()),
            ("FROM", params.from.clone()),
            ("TO", params.to.clone()),
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

/// A Glue job's SQL as Spark runs it: double-quoted identifiers stay
/// identifiers (the job sets `spark.sql.ansi.doubleQuotedIdentifiers`) and
/// `FIRST(x)` / `LAST(x)` become `min_by` / `max_by` over the engine's row
/// order, which Spark's own `first` does not promise.
pub fn spark_sql(sql: &str) -> Result<String> {
    let bad = |m: String| EngineError::invalid("Glue job SQL", m);
    let mut statements = Parser::parse_sql(&GenericDialect {}, sql).map_err(|e| bad(e.to_string()))?;
    let mut problem = None;
    for statement in &mut statements {
        let _ = visit_expressions_mut(statement, |expr| {
            if let Expr::Function(f) = expr {
                let name = f.name.to_string().to_ascii_uppercase();
                let replacement = match name.as_str() {
                    "FIRST" | "FIRST_VALUE" => "min_by",
                    "LAST" | "LAST_VALUE" => "max_by",
                    _ => return ControlFlow::<()>::Continue(()),
                };
                if f.over.is_some() {
                    problem = Some(format!("{name}(…) OVER (…) has no Spark equivalent here"));
                    return ControlFlow::Break(());
                }
                if let FunctionArguments::List(list) = &mut f.args {
                    if list.args.len() == 1 {
                        f.name = ObjectName(vec![Ident::new(replacement)]);
                        list.args
                            .push(FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::Identifier(
                                Ident::new(ORDER),
                            ))));
                    }
                }
            }
            ControlFlow::Continue(())
        });
    }
    if let Some(p) = problem {
        return Err(bad(p));
    }
    Ok(statements.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(";\n"))
}

/// A Glue job as a PySpark job over a lake root (a directory, `s3a://…`).
pub fn glue_job(job: &GlueJob) -> Result<String> {
    if !job.group_by.is_empty() && job.aggregates.is_empty() {
        return Err(EngineError::invalid(
            &format!("Glue job {}", job.name),
            "grouping needs at least one aggregate",
        ));
    }
    let sql = spark_sql(&glue::sql(job))?;
    Ok(fill(
        GLUE_TEMPLATE,
        &[
            ("VERSION", env!("CARGO_PKG_VERSION").to_string()),
            ("NAME", job.name.clone()),
            ("NAME_LITERAL", Value::String(job.name.clone()).to_string()),
            (
                "SOURCE",
                Value::String(job.source.trim_end_matches('/').to_string()).to_string(),
            ),
            (
                "TARGET",
                Value::String(job.target.trim_end_matches('/').to_string()).to_string(),
            ),
            ("PARTITION_BY", py(&json!(job.partition_by))),
            ("ORDER", Value::String(ORDER.into()).to_string()),
            ("SQL", py(&Value::String(sql))),
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
"""The Glue-style job '@@NAME@@' as a PySpark job.

Exported by dataplay @@VERSION@@. It reads the lake dataset @@SOURCE@@ (JSON,
JSON Lines, CSV and Parquet files under Hive-style key=value directories,
whose keys become columns), flattens nested objects into `parent.child`
columns, runs the job's SQL and writes Parquet to @@TARGET@@, partitioned by
@@PARTITION_BY@@, replacing what was there.

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


def flatten(frame):
    """Nested objects become `parent.child` columns, as the playground reads them."""
    columns, nested = [], False
    for field in frame.schema.fields:
        if isinstance(field.dataType, StructType):
            nested = True
            for child in field.dataType.fields:
                name = f"{field.name}.{child.name}"
                columns.append(F.col(f"`{field.name}`.`{child.name}`").alias(name))
        else:
            columns.append(F.col(f"`{field.name}`"))
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
