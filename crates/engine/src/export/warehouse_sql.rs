//! The retail ETL as one PostgreSQL script, for a warehouse that holds the
//! source tables itself (ELT at warehouse scale). It is the SQL the engine
//! runs in ELT mode (`etl::elt::stages`, PostgreSQL dialect), the same
//! checks (`etl::quality::sql`) raised as errors, and the merge
//! `dataplay etl --warehouse postgres://…` does (`warehouse::upsert`): targets with the key plus
//! `key_occurrence` as primary key, `INSERT … ON CONFLICT DO UPDATE` only
//! where a value changed — so either way of loading leaves the same tables
//! and a re-run changes nothing.

use dataplay_api::etl::{EtlParams, Severity, SOURCE_TABLES};

use crate::error::Result;
use crate::etl::elt::{self, Dialect, SourceTypes};
use crate::etl::{quality, validate, TARGET_KEYS};
use crate::warehouse::upsert::{SqlDialect, OCCURRENCE};

/// A dollar-quoted PostgreSQL string (for text inside `DO` blocks).
fn dollar(s: &str) -> String {
    let mut tag = String::from("dp");
    while s.contains(&format!("${tag}$")) {
        tag.push('x');
    }
    format!("${tag}${s}${tag}$")
}

/// The retail ETL with `params` as a PostgreSQL script (run it in one
/// transaction: `psql -v ON_ERROR_STOP=1 -1 -f etl.sql`; it also says
/// BEGIN/COMMIT itself).
pub fn etl_script(params: &EtlParams) -> Result<String> {
    let d = Dialect::Postgres;
    let range = validate(params)?;
    let mut out = String::new();
    out.push_str(&format!(
        "-- The retail ETL (the seed's RetailETLPipeline) as a PostgreSQL script.\n\
         -- Exported by dataplay {} for {} .. {} (inclusive), margin {}, {} check(s){}.\n\
         -- Reads the source tables {} from the search_path (the seed's POS and\n\
         -- inventory systems, or `dataplay db seed`); a table's row order is its\n\
         -- physical order (ctid: insertion order for a table loaded once).\n\
         -- Builds every stage in temporary tables (gone at COMMIT), stops on a failing check, and\n\
         -- merges fact_sales, fact_inventory_movements and dim_customers (created if\n\
         -- missing) in one transaction: psql -v ON_ERROR_STOP=1 -f etl.sql\n\n\
         BEGIN;\n\n",
        env!("CARGO_PKG_VERSION"),
        params.from,
        params.to,
        params.margin,
        if params.run_checks { params.checks.len() } else { 0 },
        if params.run_checks { "" } else { " (checks off)" },
        SOURCE_TABLES.join(", "),
    ));
    out.push_str("-- Sources, each row numbered in the table's order.\n");
    for table in SOURCE_TABLES {
        out.push_str(&format!(
            "CREATE TEMPORARY VIEW raw_{table} AS\nSELECT *, ROW_NUMBER() OVER (ORDER BY ctid) AS {} FROM {};\n",
            elt::ROW,
            d.quote(table)
        ));
    }
    for stage in elt::stages(params, range, &SourceTypes::default(), d) {
        out.push_str(&format!(
            "\n-- {}: {}\n{};\n",
            stage.name,
            stage.description,
            stage.script()
        ));
    }
    if params.run_checks && !params.checks.is_empty() {
        out.push_str("\n-- Data-quality checks: a failing `fail` check aborts the transaction.\n");
        for check in &params.checks {
            let sql = quality::sql(check, range, &d.stage_table("fact_sales"), d);
            let (level, verb) = match check.severity {
                Severity::Fail => ("EXCEPTION", "failed"),
                Severity::Warn => ("WARNING", "warns"),
            };
            out.push_str(&format!(
                "DO $check$\nDECLARE r record;\nBEGIN\n  SELECT * INTO r FROM (\n{sql}\n  ) AS c;\n  \
                 IF r.failing > 0 THEN\n    RAISE {level} 'data-quality check % {verb}: observed %, expected %', {}, r.observed, {};\n  \
                 END IF;\nEND\n$check$;\n",
                dollar(&check.name),
                dollar(&quality::expected(check)),
            ));
        }
    }
    out.push_str("\n-- Load: staging with key_occurrence, then merge into each target.\n");
    for (table, key) in TARGET_KEYS {
        let (columns, order) = elt::target_columns(table);
        let q = |c: &str| d.quote(c);
        let t = q(table);
        let staging = format!("staging_{table}");
        let merge_key: Vec<String> = key.iter().chain(&[OCCURRENCE]).map(|k| k.to_string()).collect();
        let merged: Vec<String> = columns.iter().chain(&[OCCURRENCE]).map(|c| c.to_string()).collect();
        out.push_str(&format!(
            "CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS\n\
             SELECT {}, CAST(ROW_NUMBER() OVER (PARTITION BY {} ORDER BY {}) - 1 AS BIGINT) AS {}\n\
             FROM {};\n\
             CREATE TABLE IF NOT EXISTS {t} (LIKE {staging}, PRIMARY KEY ({}));\n\
             {};\n",
            columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", "),
            key.iter().map(|k| q(k)).collect::<Vec<_>>().join(", "),
            order.join(", "),
            q(OCCURRENCE),
            d.stage_table(table),
            merge_key.iter().map(|k| q(k)).collect::<Vec<_>>().join(", "),
            SqlDialect::Postgres.upsert(&t, &staging, &merged, &merge_key),
        ));
    }
    out.push('\n');
    for table in SOURCE_TABLES {
        out.push_str(&format!("DROP VIEW raw_{table};\n"));
    }
    out.push_str("COMMIT;\n");
    Ok(out)
}
