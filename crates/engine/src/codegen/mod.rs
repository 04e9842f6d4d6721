//! Generated code: the ETL pipeline and Glue jobs written out for other
//! engines — `pyspark` (Spark jobs) and `warehouse_sql` (a PostgreSQL script)
//! — and `pipeline`, the file the page downloads and `dataplay export` prints.

pub mod pyspark;
pub mod warehouse_sql;

use dataplay_api::{Fault, PipelineExport, Subject};

use crate::error::{EngineError, Result};

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
                Subject::Check(check.name.clone()),
                Fault::Threshold {
                    value: value.to_string(),
                },
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
