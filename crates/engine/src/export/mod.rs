//! Writing frames out: CSV (with header; booleans `true`/`false`, empty for
//! null; `2024-01-31 08:05:00.250` datetimes), JSON Lines and Parquet. Used by exports in the UI and by the CLI.
//! Pipelines exported for other engines live below: `pyspark` (Spark jobs)
//! and `warehouse_sql` (a PostgreSQL script).

pub mod csv;
pub mod pyspark;
pub mod warehouse_sql;

use dataplay_api::{FileFormat, PipelineExport};
use polars_core::prelude::{Column, DataFrame, NamedFrom, Series};
use polars_io::csv::write::CsvWriter;
use polars_io::json::{JsonFormat, JsonWriter};
use polars_io::parquet::write::ParquetWriter;
use polars_io::SerWriter;
use std::io::Write;

use crate::error::{EngineError, Result};

pub fn to_bytes(frame: &mut DataFrame, format: FileFormat) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write(frame, format, &mut out)?;
    Ok(out)
}

/// `frame` written to `out` as `format` (streamed: a file needs no copy of
/// the whole text in memory).
pub fn write<W: Write>(frame: &mut DataFrame, format: FileFormat, mut out: W) -> Result<()> {
    // CSV has no lists or structs: those cells are written as JSON text.
    let mut flat = match format {
        FileFormat::Csv => nested_as_json(frame)?,
        _ => None,
    };
    let frame = flat.as_mut().unwrap_or(frame);
    if format == FileFormat::Csv && csv::write(frame, &mut out)? {
        return Ok(());
    }
    let result = match format {
        // The types `csv::write` leaves to polars.
        FileFormat::Csv => CsvWriter::new(out)
            .include_header(true)
            // As pandas writes them: a space, and a fraction only when there is one.
            .with_datetime_format(Some("%Y-%m-%d %H:%M:%S%.f".into()))
            .with_time_format(Some("%H:%M:%S%.f".into()))
            .finish(frame),
        FileFormat::Json => JsonWriter::new(out).with_json_format(JsonFormat::Json).finish(frame),
        FileFormat::Jsonl => JsonWriter::new(out)
            .with_json_format(JsonFormat::JsonLines)
            .finish(frame),
        FileFormat::Parquet => ParquetWriter::new(out).finish(frame).map(|_| ()),
    };
    result.map_err(|e| EngineError::polars(format!("writing {}", format.label()), e))
}

/// `frame` with each list, array or struct column replaced by its values as
/// JSON text (`[1,2]`, `{"id":"v1","views":3}`; null stays null), or `None`
/// when it has none.
fn nested_as_json(frame: &DataFrame) -> Result<Option<DataFrame>> {
    let nested: Vec<&Column> = frame.get_columns().iter().filter(|c| c.dtype().is_nested()).collect();
    if nested.is_empty() {
        return Ok(None);
    }
    let mut out = frame.clone();
    for column in nested {
        let name = column.name().clone();
        let fail = |e| EngineError::polars(format!("writing {name} as JSON text"), e);
        let mut one = DataFrame::new(vec![column.clone()]).map_err(fail)?;
        let mut lines = Vec::new();
        JsonWriter::new(&mut lines)
            .with_json_format(JsonFormat::JsonLines)
            .finish(&mut one)
            .map_err(fail)?;
        let mut texts: Vec<Option<String>> = Vec::with_capacity(column.len());
        for line in lines.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            let row: serde_json::Value = serde_json::from_slice(line)
                .map_err(|e| EngineError::invalid(name.as_str(), format!("a nested value as JSON: {e}")))?;
            texts.push(match row.get(name.as_str()) {
                None | Some(serde_json::Value::Null) => None,
                Some(v) => Some(v.to_string()),
            });
        }
        out.replace(name.as_str(), Series::new(name.clone(), texts))
            .map_err(fail)?;
    }
    Ok(Some(out))
}

/// A pipeline written out as a file for another engine.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineFile {
    pub file_name: String,
    pub mime: &'static str,
    pub text: String,
}

/// The code for a pipeline, as the page downloads it and `dataplay export`
/// prints it.
pub fn pipeline(export: &PipelineExport) -> Result<PipelineFile> {
    const PYTHON: &str = "text/x-python";
    Ok(match export {
        PipelineExport::EtlPyspark(params) => PipelineFile {
            file_name: "dataplay_etl_job.py".into(),
            mime: PYTHON,
            text: pyspark::etl_job(params)?,
        },
        PipelineExport::EtlPostgres(params) => PipelineFile {
            file_name: "dataplay_etl.sql".into(),
            mime: "application/sql",
            text: warehouse_sql::etl_script(params)?,
        },
        PipelineExport::GluePyspark(job) => PipelineFile {
            file_name: format!("{}.py", file_stem(&job.name)),
            mime: PYTHON,
            text: pyspark::glue_job(job)?,
        },
    })
}

/// The checks' thresholds are numbers a script can spell (`NaN` or `inf`
/// would be read as a column's name).
pub(crate) fn finite_thresholds(params: &dataplay_api::etl::EtlParams) -> Result<()> {
    use dataplay_api::etl::CheckRule;
    for check in &params.checks {
        let value = match &check.rule {
            CheckRule::MinRowsPerDay { min } | CheckRule::MinRevenuePerDay { min } => *min,
            CheckRule::MaxNulls { max, .. } => *max,
        };
        if !value.is_finite() {
            return Err(EngineError::invalid(
                &format!("check {:?}", check.name),
                format!("its threshold {value} is not a finite number"),
            ));
        }
    }
    Ok(())
}

/// A job's name as a file name: letters, digits, `_` and `-` kept.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    if stem.is_empty() {
        "glue_job".into()
    } else {
        stem
    }
}

/// User texts that must stay texts in every exported script: quotes,
/// dollar-quote tags, Python triple quotes, backslashes, newlines, SQL
/// and Python statements, template keys, format strings, Spark's and
/// psql's variables, psql's meta-commands, Unicode (also the invisible kinds).
#[cfg(test)]
pub(crate) const PAYLOADS: &[&str] = &[
    "O'Brien's \"gold\"",
    "$$",
    "$check$",
    "$check$; DROP TABLE canary; DO $check$",
    "$dp$",
    "\"\"\"",
    "'''",
    "\"\"\"; open('/tmp/pwned','w')#",
    "back\\slash \\' \\\\ \\N{x} \\u0041",
    "ends in a backslash\\",
    "line\nbreak; import os",
    "crlf\r\nbreak",
    "'; DROP TABLE canary; --",
    "@@NAME@@ @@SQL@@ @@SEGMENTS@@",
    "{} {name} {0!r} %s %(x)s",
    "${env:HOME} ${spark.app.name} ${system:user.name}",
    "Khách hàng Vàng",
    "🥇 emoji",
    "sep\u{2028}line\u{2029}para\u{202e}rtl",
    "\\! touch /tmp/pwned",
    ":'var' :var",
    "-- comment */ /* open",
    "`back`tick`",
];

#[cfg(test)]
mod tests {
    use dataplay_api::etl::EtlParams;

    use super::*;

    #[test]
    fn each_pipeline_is_a_named_file_of_its_engine() {
        let params = EtlParams::default();
        let job = pipeline(&PipelineExport::EtlPyspark(params.clone())).unwrap();
        assert_eq!(
            (job.file_name.as_str(), job.mime),
            ("dataplay_etl_job.py", "text/x-python")
        );
        assert_eq!(job.text, pyspark::etl_job(&params).unwrap());
        let script = pipeline(&PipelineExport::EtlPostgres(params.clone())).unwrap();
        assert_eq!(script.file_name, "dataplay_etl.sql");
        assert!(script.text.starts_with("-- ") && script.text.ends_with("COMMIT;\n"));
        let mut glue = crate::lake::media::glue_jobs().remove(0);
        glue.name = "daily stats/v2".into();
        let file = pipeline(&PipelineExport::GluePyspark(glue)).unwrap();
        assert_eq!(file.file_name, "daily_stats_v2.py");
    }

    #[test]
    fn parameters_the_pipeline_refuses_are_an_error_not_a_file() {
        let params = EtlParams {
            margin: 1.5,
            ..EtlParams::default()
        };
        let err = pipeline(&PipelineExport::EtlPostgres(params)).unwrap_err();
        assert!(err.to_string().contains("margin 1.5 is not between 0 and 1"), "{err}");
        let mut params = EtlParams::default();
        params.checks[0].rule = dataplay_api::etl::CheckRule::MinRowsPerDay { min: f64::NAN };
        for export in [
            PipelineExport::EtlPostgres(params.clone()),
            PipelineExport::EtlPyspark(params),
        ] {
            let err = pipeline(&export).unwrap_err();
            assert!(
                err.to_string().contains("threshold NaN is not a finite number"),
                "{err}"
            );
        }
    }
}
