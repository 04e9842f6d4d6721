//! Reshaping a freshly read frame: flattening nested structs into
//! `parent.child` columns, and forcing columns to text.

use polars_core::prelude::{Column, DataFrame, DataType, IntoColumn};

use crate::error::{EngineError, Result};

/// Replace every struct column by one column per field, named
/// `parent.field`, recursively, keeping column order.
pub fn flatten(frame: DataFrame) -> Result<DataFrame> {
    if !frame.get_columns().iter().any(|c| c.dtype().is_struct()) {
        return Ok(frame);
    }
    let mut out: Vec<Column> = Vec::with_capacity(frame.width());
    for column in frame.get_columns() {
        flatten_into(column.clone(), column.name().as_str(), &mut out)?;
    }
    DataFrame::new(out).map_err(|e| EngineError::polars("flattening nested columns", e))
}

fn flatten_into(column: Column, name: &str, out: &mut Vec<Column>) -> Result<()> {
    if !column.dtype().is_struct() {
        out.push(column.with_name(name.into()));
        return Ok(());
    }
    let series = column.as_materialized_series();
    let fields = series
        .struct_()
        .map_err(|e| EngineError::polars("flattening nested columns", e))?
        .fields_as_series();
    for field in fields {
        let child = format!("{name}.{}", field.name());
        flatten_into(field.into_column(), &child, out)?;
    }
    Ok(())
}

/// Cast the named columns to text (strings); naming a missing column is an error.
pub fn cast_to_text(mut frame: DataFrame, columns: &[String]) -> Result<DataFrame> {
    for name in columns {
        let column = frame.column(name).map_err(|_| EngineError::UnknownColumn {
            dataset: String::new(),
            column: name.clone(),
        })?;
        if column.dtype() == &DataType::String {
            continue;
        }
        let cast = column
            .cast(&DataType::String)
            .map_err(|e| EngineError::polars(format!("converting '{name}' to text"), e))?;
        frame
            .with_column(cast)
            .map_err(|e| EngineError::polars(format!("converting '{name}' to text"), e))?;
    }
    Ok(frame)
}

/// Keep the columns `keep` accepts (at least the first, so the rows are
/// still counted); also the names of those dropped.
pub fn select(frame: DataFrame, keep: &dyn Fn(&str) -> bool) -> Result<(DataFrame, Vec<String>)> {
    let (mut kept, mut dropped): (Vec<Column>, Vec<Column>) = frame
        .get_columns()
        .iter()
        .cloned()
        .partition(|c| keep(c.name().as_str()));
    if dropped.is_empty() {
        return Ok((frame, vec![]));
    }
    if kept.is_empty() {
        kept.push(dropped.remove(0));
    }
    let names = dropped.iter().map(|c| c.name().to_string()).collect();
    let frame = DataFrame::new(kept).map_err(|e| EngineError::polars("selecting columns", e))?;
    Ok((frame, names))
}
