//! MERGE of a staged frame into a table by key. Keys are whole-number
//! columns; rows repeating a key (a transaction with the same product twice)
//! are told apart by their order among equals, so nothing collapses.

use dataplay_api::etl::MergeCounts;
use dataplay_api::Fault;
use polars_core::prelude::{Column, DataFrame, IdxCa, PlHashMap};

use super::{Staged, WarehouseTable};
use crate::base::columns::Table;
use crate::error::{EngineError, Result};

/// Up to 3 key columns plus the occurrence number.
type Key = [i64; 4];
const MAX_KEY: usize = 3;

fn key_columns(name: &str, frame: &DataFrame, key: &[String]) -> Result<Vec<Vec<Option<i64>>>> {
    if key.is_empty() || key.len() > MAX_KEY {
        return Err(EngineError::table(name, Fault::KeyWidth { max: MAX_KEY }));
    }
    let t = Table::new(name, frame);
    key.iter().map(|k| t.ints(k)).collect()
}

fn null_key(name: &str, key: &[String], row: usize) -> EngineError {
    EngineError::table(
        name,
        Fault::NullKey {
            row: row + 1,
            key: key.to_vec(),
        },
    )
}

/// The key columns are whole numbers without nulls (what a first load needs;
/// `keys` does the same and numbers the occurrences).
fn check_keys(name: &str, frame: &DataFrame, key: &[String]) -> Result<()> {
    let columns = key_columns(name, frame, key)?;
    match columns.iter().filter_map(|c| c.iter().position(Option::is_none)).min() {
        Some(row) => Err(null_key(name, key, row)),
        None => Ok(()),
    }
}

fn keys(name: &str, frame: &DataFrame, key: &[String]) -> Result<Vec<Key>> {
    let columns = key_columns(name, frame, key)?;
    let mut out = Vec::with_capacity(frame.height());
    let mut seen: PlHashMap<Key, i64> = PlHashMap::with_capacity_and_hasher(frame.height(), Default::default());
    for row in 0..frame.height() {
        let mut k = [0i64; 4];
        for (slot, c) in k.iter_mut().zip(&columns) {
            *slot = c[row].ok_or_else(|| null_key(name, key, row))?;
        }
        let n = seen.entry(k).or_insert(0);
        k[3] = *n;
        *n += 1;
        out.push(k);
    }
    Ok(out)
}

/// For each row, how many earlier rows share its key (0 for the first):
/// the occurrence the merge tells repeated keys apart by. A real warehouse
/// stores it as a column so its primary key matches the engine's merge.
pub fn occurrences(name: &str, frame: &DataFrame, key: &[String]) -> Result<Vec<i64>> {
    Ok(keys(name, frame, key)?.into_iter().map(|k| k[3]).collect())
}

/// A 64-bit fingerprint of every row's values.
pub fn fingerprints(frame: &DataFrame) -> Result<Vec<u64>> {
    let columns: Vec<&Column> = frame.get_columns().iter().collect();
    crate::base::rowhash::row_hashes(&columns, frame.height(), crate::base::rowhash::Numbers::Exact)
}

/// The staged frame with the table's column types (a re-load from a file
/// whose types were inferred differently), or why it cannot be.
fn align(table: &WarehouseTable, staged: &Staged) -> Result<DataFrame> {
    let want = table.frame.schema();
    let have: Vec<&str> = staged.frame.get_column_names().iter().map(|c| c.as_str()).collect();
    let want_names: Vec<&str> = want.iter_names().map(|c| c.as_str()).collect();
    if have != want_names {
        return Err(EngineError::table(
            &staged.table,
            Fault::StagedColumns {
                staged: have.iter().map(|c| c.to_string()).collect(),
                table: want_names.iter().map(|c| c.to_string()).collect(),
            },
        ));
    }
    let mut columns: Vec<Column> = Vec::with_capacity(have.len());
    for (col, (_, dtype)) in staged.frame.get_columns().iter().zip(want.iter()) {
        if col.dtype() == dtype {
            columns.push(col.clone());
            continue;
        }
        let cast = col.strict_cast(dtype).map_err(|_| {
            EngineError::table(
                &staged.table,
                Fault::StagedType {
                    column: col.name().to_string(),
                    staged: col.dtype().to_string(),
                    table: dtype.to_string(),
                },
            )
        })?;
        columns.push(cast);
    }
    DataFrame::new(columns).map_err(|e| EngineError::polars("aligning staged columns", e))
}

pub fn merge(current: Option<&WarehouseTable>, staged: &Staged) -> Result<(WarehouseTable, MergeCounts)> {
    let mut counts = super::counts_for(staged);
    let Some(current) = current else {
        // First load: every row is new; fingerprints wait for a second load.
        check_keys(&staged.table, &staged.frame, &staged.key)?;
        let table = WarehouseTable::new(staged.key.clone(), staged.frame.clone(), None);
        counts.inserted = staged.frame.height();
        counts.rows_after = staged.frame.height();
        return Ok((table, counts));
    };
    let frame = align(current, staged)?;
    let old_keys = keys(&staged.table, &current.frame, &current.key)?;
    let new_keys = keys(&staged.table, &frame, &staged.key)?;
    let new_prints = fingerprints(&frame)?;
    let old_prints = current.fingerprints()?;
    let position: PlHashMap<Key, u32> = old_keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect();

    let n_old = current.frame.height() as u32;
    let mut take: Vec<u32> = (0..n_old).collect();
    let mut prints = old_prints.to_vec();
    let mut appended = Vec::new();
    for (s, k) in new_keys.iter().enumerate() {
        match position.get(k) {
            Some(&r) if old_prints[r as usize] == new_prints[s] => counts.unchanged += 1,
            Some(&r) => {
                counts.updated += 1;
                take[r as usize] = n_old + s as u32;
                prints[r as usize] = new_prints[s];
            }
            None => {
                counts.inserted += 1;
                appended.push(n_old + s as u32);
                prints.push(new_prints[s]);
            }
        }
    }
    let frame = if counts.inserted + counts.updated == 0 {
        current.frame.clone()
    } else {
        take.extend(appended);
        current
            .frame
            .vstack(&frame)
            .and_then(|all| all.take(&IdxCa::from_vec("idx".into(), take)))
            .map_err(|e| EngineError::polars(format!("merging into {}", staged.table), e))?
    };
    counts.rows_after = frame.height();
    Ok((WarehouseTable::new(current.key.clone(), frame, Some(prints)), counts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::warehouse::Warehouse;
    use polars_core::prelude::{NamedFrom, Series};

    fn frame(ids: &[i64], values: &[&str]) -> DataFrame {
        DataFrame::new(vec![
            Column::from(Series::new("id".into(), ids)),
            Column::from(Series::new("v".into(), values)),
        ])
        .unwrap()
    }

    fn stage(f: DataFrame) -> Staged {
        Staged {
            table: "t".into(),
            key: vec!["id".into()],
            frame: f,
        }
    }

    #[test]
    fn merge_inserts_updates_and_leaves_the_rest() {
        let mut w = Warehouse::new();
        let r = w.load(vec![stage(frame(&[1, 2, 2], &["a", "b", "b2"]))]).unwrap();
        assert_eq!((r.tables[0].inserted, r.version), (3, 1));
        let r = w
            .load(vec![stage(frame(&[2, 3, 1, 2], &["b", "c", "A", "b2"]))])
            .unwrap();
        let c = &r.tables[0];
        assert_eq!((c.inserted, c.updated, c.unchanged, c.rows_after), (1, 1, 2, 4));
        let t = w.table("t").unwrap();
        let v: Vec<_> = t
            .frame
            .column("v")
            .unwrap()
            .str()
            .unwrap()
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(v, ["A", "b", "b2", "c"]);
        // The same load again changes nothing, and the version stays.
        let r = w
            .load(vec![stage(frame(&[2, 3, 1, 2], &["b", "c", "A", "b2"]))])
            .unwrap();
        assert_eq!(
            (r.tables[0].unchanged, r.tables[0].inserted + r.tables[0].updated),
            (4, 0)
        );
        assert_eq!(r.version, 2);
    }

    #[test]
    fn a_failed_table_leaves_every_table_as_it_was() {
        let mut w = Warehouse::new();
        w.load(vec![stage(frame(&[1], &["a"]))]).unwrap();
        let good = stage(frame(&[1, 2], &["x", "y"]));
        let bad = Staged {
            table: "u".into(),
            key: vec!["v".into()],
            frame: frame(&[1], &["not a number"]),
        };
        assert!(w.load(vec![good, bad]).is_err());
        assert_eq!(w.table("t").unwrap().frame.height(), 1);
        assert!(w.table("u").is_none());
        assert_eq!(w.version(), 1);
    }

    #[test]
    fn a_null_or_non_numeric_key_is_refused_on_every_load() {
        let with_null = || {
            let ids = Series::new("id".into(), [Some(1i64), Some(2), None]);
            stage(DataFrame::new(vec![ids.into(), Series::new("v".into(), ["a", "b", "c"]).into()]).unwrap())
        };
        let refused = |w: &mut Warehouse| {
            let e = w
                .load(vec![with_null()])
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.contains("row 3: the key (id) has a null"), "{e}");
        };
        let mut w = Warehouse::new();
        refused(&mut w);
        assert!(w.table("t").is_none());
        w.load(vec![stage(frame(&[1], &["a"]))]).unwrap();
        refused(&mut w);
        let text_key = Staged {
            key: vec!["v".into()],
            ..stage(frame(&[1], &["a"]))
        };
        assert!(Warehouse::new().load(vec![text_key]).is_err());
    }
}
