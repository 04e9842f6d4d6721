//! What the UI shows of the warehouse's declared tables: each CREATE TABLE's
//! columns as DDL text, its rows, rejects, size, plan and slices, as plain
//! view data.

use dataplay_api::lake::DeclaredTable;

use super::Warehouse;

/// The tables declared with CREATE TABLE, as the Lake & Warehouse page lists them.
pub fn declared_tables(warehouse: &Warehouse) -> Vec<DeclaredTable> {
    warehouse
        .declared_tables()
        .map(|(name, d)| DeclaredTable {
            name: name.clone(),
            columns: d
                .def
                .columns
                .iter()
                .map(|c| {
                    format!(
                        "{} {}{}",
                        c.name,
                        c.kind.label(),
                        if c.not_null { " NOT NULL" } else { "" }
                    )
                })
                .collect(),
            rows: d.frame.height(),
            rejects: d.rejects.height(),
            bytes: d.frame.estimated_size() as u64,
            explain: d.def.explain(),
            slices: d.slices(4),
        })
        .collect()
}
