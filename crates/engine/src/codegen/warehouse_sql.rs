//! The retail ETL as one PostgreSQL script, for a warehouse that holds the
//! source tables itself (ELT at warehouse scale). It is the SQL the engine
//! runs in ELT mode (`etl::elt::stages`, PostgreSQL dialect), the same
//! checks (`etl::quality::sql`) raised as errors, and the merge
//! `dataplay etl --warehouse postgres://…` does (`warehouse::upsert`): targets with the key plus
//! `key_occurrence` as primary key, `INSERT … ON CONFLICT DO UPDATE` only
//! where a value changed — so either way of loading leaves the same tables
//! and a re-run changes nothing. User text is in the script only as string
//! literals (`Dialect::Postgres.text`) and quoted identifiers, never in a
//! comment; each `DO` block's dollar quote is a tag its body does not hold.

use dataplay_api::etl::{CheckRule, EtlParams, Severity, SOURCE_TABLES};
use dataplay_api::{Fault, Subject};

use crate::base::calendar::format_date;
use crate::error::{EngineError, Result};
use crate::etl::elt::{self, Dialect, SourceTypes};
use crate::etl::{quality, validate, TARGET_KEYS};
use crate::warehouse::upsert::{SqlDialect, OCCURRENCE};

/// A dollar-quote tag (`$check$`, `$check_1$`, …) for `body`: one that occurs
/// nowhere in it, so nothing in the body can close the quote. The body must
/// not end in `$` or a tag's prefix could run into the closing tag — the
/// `DO` blocks here end in `END\n`.
fn dollar_tag(body: &str, base: &str) -> String {
    let mut tag = format!("${base}$");
    let mut n = 0;
    while body.contains(&tag) {
        n += 1;
        tag = format!("${base}_{n}$");
    }
    tag
}

/// Every text of `params` the script holds as a literal or an identifier:
/// PostgreSQL keeps no NUL in either, so one is an error, not a script that
/// stops (or is cut short) where it is.
fn refuse_nul(params: &EtlParams) -> Result<()> {
    let mut texts: Vec<(&str, &str)> = vec![];
    texts.extend(params.segment_labels.iter().map(|l| ("segment_label", l.as_str())));
    for (k, v) in &params.movement_mapping {
        texts.extend([("movement_type", k.as_str()), ("movement_category", v.as_str())]);
    }
    for check in params.checks.iter().filter(|_| params.run_checks) {
        texts.push(("check_name", check.name.as_str()));
        if let CheckRule::MaxNulls { columns, .. } = &check.rule {
            texts.extend(columns.iter().map(|c| ("check_column", c.as_str())));
        }
    }
    match texts.into_iter().find(|(_, t)| t.contains('\0')) {
        Some((field, text)) => Err(EngineError::invalid(
            Subject::EtlParams,
            Fault::NulText {
                field: field.into(),
                text: text.into(),
            },
        )),
        None => Ok(()),
    }
}

/// The retail ETL with `params` as a PostgreSQL script (run it in one
/// transaction: `psql -v ON_ERROR_STOP=1 -1 -f etl.sql`; it also says
/// BEGIN/COMMIT itself).
pub fn etl_script(params: &EtlParams) -> Result<String> {
    let d = Dialect::Postgres;
    let range = validate(params)?;
    refuse_nul(params)?;
    super::finite_thresholds(params)?;
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
        // The days as parsed, not as typed: only the script's literals hold user text.
        format_date(range.0),
        format_date(range.1),
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
            // The name and the expectation are literals inside the block;
            // the block's own quote is a tag found nowhere in it.
            let body = format!(
                "\nDECLARE r record;\nBEGIN\n  SELECT * INTO r FROM (\n{sql}\n  ) AS c;\n  \
                 IF r.failing > 0 THEN\n    RAISE {level} 'data-quality check % {verb}: observed %, expected %', {}, r.observed, {};\n  \
                 END IF;\nEND\n",
                d.text(&check.name),
                d.text(&quality::expected(check)),
            );
            let tag = dollar_tag(&body, "check");
            out.push_str(&format!("DO {tag}{body}{tag};\n"));
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

#[cfg(test)]
mod tests {
    use dataplay_api::etl::CheckSpec;

    use super::*;
    use crate::etl::elt::PAYLOADS;

    /// `sql` as PostgreSQL reads it, with every literal as `S`, every quoted
    /// identifier as `I`, every comment as `--` and every dollar-quoted body
    /// as `$[…]$` around the code inside it: what would run.
    fn code_of(sql: &str) -> std::result::Result<String, String> {
        let chars: Vec<char> = sql.chars().collect();
        let (mut out, mut i) = (String::new(), 0);
        let word = |c: char| c.is_alphanumeric() || c == '_';
        while i < chars.len() {
            let c = chars[i];
            let prev_word = i > 0 && word(chars[i - 1]);
            if c == '-' && chars.get(i + 1) == Some(&'-') {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                out.push_str("--");
            } else if c == '\'' || (c == 'E' && !prev_word && chars.get(i + 1) == Some(&'\'')) {
                let escapes = c == 'E';
                i += if escapes { 2 } else { 1 };
                loop {
                    match (chars.get(i), chars.get(i + 1)) {
                        (None, _) => return Err(format!("unterminated literal in:\n{sql}")),
                        (Some('\\'), _) if escapes => i += 2,
                        (Some('\''), Some('\'')) => i += 2,
                        (Some('\''), _) => break,
                        _ => i += 1,
                    }
                }
                i += 1;
                out.push('S');
            } else if c == '"' {
                i += 1;
                loop {
                    match (chars.get(i), chars.get(i + 1)) {
                        (None, _) => return Err(format!("unterminated identifier in:\n{sql}")),
                        (Some('"'), Some('"')) => i += 2,
                        (Some('"'), _) => break,
                        _ => i += 1,
                    }
                }
                i += 1;
                out.push('I');
            } else if c == '$' && !prev_word {
                let end = (i + 1..chars.len()).find(|&j| !word(chars[j])).unwrap_or(chars.len());
                if chars.get(end) != Some(&'$') {
                    return Err(format!("a stray $ in:\n{sql}"));
                }
                let tag: String = chars[i..=end].iter().collect();
                let rest: String = chars[end + 1..].iter().collect();
                let Some(close) = rest.find(&tag) else {
                    return Err(format!("unterminated {tag} in:\n{sql}"));
                };
                out.push_str(&format!("$[{}]$", code_of(&rest[..close])?));
                i = end + 1 + rest[..close].chars().count() + tag.chars().count();
            } else {
                out.push(c);
                i += 1;
            }
        }
        Ok(out)
    }

    fn params(text: &str) -> EtlParams {
        let mut params = EtlParams {
            run_checks: true,
            ..EtlParams::default()
        };
        params.segment_labels[2] = text.to_string();
        params.movement_mapping[1].1 = text.to_string();
        params.movement_mapping.push((text.to_string(), "Outbound".into()));
        for severity in [Severity::Fail, Severity::Warn] {
            params.checks.push(CheckSpec {
                name: text.to_string(),
                rule: CheckRule::MaxNulls {
                    columns: vec![text.to_string()],
                    max: 0.0,
                },
                severity,
            });
        }
        params
    }

    #[test]
    fn payload_labels_and_check_names_are_literals_in_the_script() {
        let code = code_of(&etl_script(&params("Gold")).unwrap()).unwrap();
        for payload in PAYLOADS {
            let script = etl_script(&params(payload)).unwrap();
            assert_eq!(
                code_of(&script).as_ref(),
                Ok(&code),
                "{payload:?} changed the script's code:\n{script}"
            );
        }
    }

    #[test]
    fn a_check_named_with_the_blocks_tag_leaves_the_block_whole() {
        let script = etl_script(&params("$check$; DROP TABLE canary; DO $check$")).unwrap();
        let mut named = 0;
        for block in script.split("\nDO ").skip(1) {
            let tag = &block[..block[1..].find('$').unwrap() + 2];
            let body = &block[tag.len()..];
            let end = body.find(tag).unwrap();
            assert!(body[end..].starts_with(&format!("{tag};")), "{block}");
            assert!(body[..end].ends_with("END\n"), "{block}");
            if body.contains("canary") {
                assert_ne!(tag, "$check$", "{block}");
                assert!(
                    body[..end].contains("'$check$; DROP TABLE canary; DO $check$'"),
                    "{block}"
                );
                named += 1;
            }
        }
        assert_eq!(named, 2, "{script}");
    }

    #[test]
    fn days_are_written_as_parsed_and_nul_is_refused() {
        let dated = EtlParams {
            from: "2024-01-01 \nDROP TABLE canary; --".into(),
            to: "2024-01-31T'; DROP TABLE canary; --".into(),
            ..EtlParams::default()
        };
        let script = etl_script(&dated).unwrap();
        assert!(!script.contains("canary"), "{script}");
        assert!(script.contains("for 2024-01-01 .. 2024-01-31 (inclusive)"), "{script}");
        let err = etl_script(&params("a\0b")).unwrap_err().to_string();
        assert!(err.contains("NUL"), "{err}");
    }

    #[test]
    fn backslashes_are_escape_strings_whatever_the_server_setting() {
        let script = etl_script(&params("a\\b'c")).unwrap();
        assert!(script.contains("THEN E'a\\\\b''c'"), "{script}");
        assert!(script.contains("THEN 'Silver'"), "{script}");
    }
}
