//! The warehouse as parts of one file and back (`Workspace::save_state`):
//! each keyed table's rows as Parquet with its key, the raw tables, the
//! declared tables (definition, rows, rejects) and the version. Row
//! fingerprints are not kept: the next merge computes them again.

use std::collections::BTreeMap;

use dataplay_api::{Fault, FileFormat};
use polars_core::prelude::DataFrame;
use serde::{Deserialize, Serialize};

use super::console::Declared;
use super::schema::TableDef;
use super::{Warehouse, WarehouseTable};
use crate::error::{EngineError, Result};

/// What the header says of the warehouse; the rows are in the parts.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Kept {
    version: u64,
    /// Each keyed table and its key.
    tables: Vec<(String, Vec<String>)>,
    raw: Vec<String>,
    declared: Vec<TableDef>,
}

fn parquet(frame: &DataFrame) -> Result<Vec<u8>> {
    crate::write::to_bytes(&mut frame.clone(), FileFormat::Parquet)
}

impl Warehouse {
    /// The warehouse's header entry, its parts added to `parts`.
    pub fn keep(&self, parts: &mut Vec<(String, Vec<u8>)>) -> Result<Kept> {
        for (name, t) in &self.tables {
            parts.push((format!("table/{name}"), parquet(&t.frame)?));
        }
        for (name, frame) in &self.raw {
            parts.push((format!("raw/{name}"), parquet(frame)?));
        }
        for (name, d) in &self.declared {
            parts.push((format!("declared/{name}"), parquet(&d.frame)?));
            parts.push((format!("rejects/{name}"), parquet(&d.rejects)?));
        }
        Ok(Kept {
            version: self.version,
            tables: self.tables.iter().map(|(n, t)| (n.clone(), t.key.clone())).collect(),
            raw: self.raw.keys().cloned().collect(),
            declared: self.declared.values().map(|d| d.def.clone()).collect(),
        })
    }

    /// A warehouse read back from `kept` and the archive's parts; a part
    /// missing or unreadable is an error naming it.
    pub fn kept(kept: Kept, parts: &[(String, &[u8])]) -> Result<Warehouse> {
        let frame = |name: String| -> Result<DataFrame> {
            let found = parts.iter().find(|(n, _)| *n == name).map(|(_, b)| *b);
            let bytes = found.ok_or_else(|| {
                EngineError::file(
                    "workspace",
                    Fault::NotAWorkspace {
                        detail: format!("{name} is missing"),
                    },
                )
            })?;
            crate::load::parquet::read(&name, bytes)
        };
        let mut tables = BTreeMap::new();
        for (name, key) in kept.tables {
            let rows = frame(format!("table/{name}"))?;
            tables.insert(name, WarehouseTable::new(key, rows, None));
        }
        let mut raw = BTreeMap::new();
        for name in kept.raw {
            raw.insert(name.clone(), frame(format!("raw/{name}"))?);
        }
        let mut declared = BTreeMap::new();
        for def in kept.declared {
            let rows = frame(format!("declared/{}", def.name))?;
            let rejects = frame(format!("rejects/{}", def.name))?;
            declared.insert(
                def.name.clone(),
                Declared {
                    def,
                    frame: rows,
                    rejects,
                },
            );
        }
        Ok(Warehouse {
            tables,
            raw,
            declared,
            version: kept.version,
        })
    }
}
