//! An exercise's table check: a table's fingerprint (column names and rows
//! hashed, numbers compared as numbers to some decimals, row order left
//! out) and how a learner's table differs from an expected fingerprint,
//! said with counts and the learner's own names and rows only.

use std::collections::HashMap;

use dataplay_api::exercise::{TableFingerprint, TableVerdict};
use polars_core::prelude::{Column, DataFrame};

use crate::base::rowhash::{hash_bytes, row_hashes, Numbers};
use crate::error::Result;

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

fn name_hash(name: &str) -> String {
    // Case and surrounding space do not matter in a column's name.
    hex(hash_bytes(name.trim().to_lowercase().as_bytes()))
}

/// The fingerprint of `frame`, columns in name-hash order.
pub fn fingerprint(frame: &DataFrame, decimals: u32) -> Result<TableFingerprint> {
    let mut columns: Vec<(String, &Column)> = frame.get_columns().iter().map(|c| (name_hash(c.name()), c)).collect();
    columns.sort_by(|a, b| a.0.cmp(&b.0));
    let cols: Vec<&Column> = columns.iter().map(|(_, c)| *c).collect();
    let mut rows = row_hashes(&cols, frame.height(), Numbers::Rounded(decimals))?;
    rows.sort_unstable();
    Ok(TableFingerprint {
        decimals,
        columns: columns.into_iter().map(|(h, _)| h).collect(),
        rows: frame.height(),
        row_hashes: rows.into_iter().map(hex).collect(),
    })
}

/// How `frame` compares with `expected`.
pub fn grade(frame: &DataFrame, expected: &TableFingerprint) -> Result<TableVerdict> {
    let by_hash: HashMap<String, &Column> = frame.get_columns().iter().map(|c| (name_hash(c.name()), c)).collect();
    let missing = expected.columns.iter().filter(|h| !by_hash.contains_key(*h)).count();
    let unexpected: Vec<String> = frame
        .get_columns()
        .iter()
        .filter(|c| !expected.columns.contains(&name_hash(c.name())))
        .map(|c| c.name().to_string())
        .collect();
    if missing > 0 || !unexpected.is_empty() {
        return Ok(TableVerdict::Columns { missing, unexpected });
    }
    let cols: Vec<&Column> = expected
        .columns
        .iter()
        .filter_map(|h| by_hash.get(h).copied())
        .collect();
    let got = row_hashes(&cols, frame.height(), Numbers::Rounded(expected.decimals))?;
    // The answer's rows as a multiset, each taken once by a matching row.
    let mut left: HashMap<&str, usize> = HashMap::new();
    for h in &expected.row_hashes {
        *left.entry(h.as_str()).or_default() += 1;
    }
    let mut first_wrong = None;
    for (i, h) in got.iter().enumerate() {
        let h = hex(*h);
        match left.get_mut(h.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                if first_wrong.is_none() {
                    let row = crate::preview::window(frame, i, 1)
                        .into_iter()
                        .next()
                        .unwrap_or_default();
                    let values = row.into_iter().map(|v| v.unwrap_or_else(|| "NULL".into())).collect();
                    first_wrong = Some((i + 1, values));
                }
            }
        }
    }
    let lacking: usize = left.values().sum();
    if first_wrong.is_none() && lacking == 0 && got.len() == expected.rows {
        return Ok(TableVerdict::Same);
    }
    Ok(TableVerdict::Rows {
        expected: expected.rows,
        got: got.len(),
        first_wrong,
        lacking,
    })
}

#[cfg(test)]
mod tests {
    use polars_core::df;

    use super::*;

    #[test]
    fn the_same_table_in_another_order_with_other_number_types_passes() {
        let expected =
            df!("video" => ["a", "b", "c"], "views" => [3i64, 1, 2], "rate" => [0.5, 0.25, 1.0 / 3.0]).unwrap();
        let print = fingerprint(&expected, 6).unwrap();
        assert_eq!(print.rows, 3);
        let shuffled =
            df!("Rate" => [0.333_333_4, 0.5, 0.25], "views" => [2.0, 3.0, 1.0], "video" => ["c", "a", "b"]).unwrap();
        assert_eq!(grade(&shuffled, &print).unwrap(), TableVerdict::Same);
    }

    #[test]
    fn dates_are_compared_as_dates_not_as_their_day_numbers() {
        use polars_core::prelude::{DataType, IntoColumn};
        let days = df!("day" => ["2024-01-02", "2024-01-03"]).unwrap();
        let as_date = DataFrame::new(vec![days
            .column("day")
            .unwrap()
            .cast(&DataType::Date)
            .unwrap()
            .into_column()])
        .unwrap();
        let print = fingerprint(&as_date, 6).unwrap();
        assert_eq!(
            grade(&days, &print).unwrap(),
            TableVerdict::Same,
            "the same dates as text"
        );
        let numbers = df!("day" => [19724i32, 19725]).unwrap();
        assert_ne!(
            grade(&numbers, &print).unwrap(),
            TableVerdict::Same,
            "day numbers are not dates"
        );
    }

    #[test]
    fn what_differs_is_said_without_the_answer() {
        let expected = df!("video" => ["a", "b"], "views" => [3i64, 1]).unwrap();
        let print = fingerprint(&expected, 6).unwrap();
        let renamed = df!("video" => ["a", "b"], "n" => [3i64, 1]).unwrap();
        assert_eq!(
            grade(&renamed, &print).unwrap(),
            TableVerdict::Columns {
                missing: 1,
                unexpected: vec!["n".into()]
            }
        );
        let wrong = df!("video" => ["a", "b", "z"], "views" => [3i64, 2, 9]).unwrap();
        assert_eq!(
            grade(&wrong, &print).unwrap(),
            TableVerdict::Rows {
                expected: 2,
                got: 3,
                first_wrong: Some((2, vec!["b".into(), "2".into()])),
                lacking: 1
            }
        );
        let twice = df!("video" => ["a", "a"], "views" => [3i64, 3]).unwrap();
        assert!(matches!(
            grade(&twice, &print).unwrap(),
            TableVerdict::Rows { lacking: 1, .. }
        ));
        // Nothing of the expected values is in the fingerprint.
        let json = serde_json::to_string(&print).unwrap();
        assert!(!json.contains("video") && !json.contains("\"a\""), "{json}");
    }
}
