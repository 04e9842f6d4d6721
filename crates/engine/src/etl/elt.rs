//! ELT: the same pipeline with the transforms inside the warehouse. The
//! source tables are loaded raw — the columns the pipeline reads are typed
//! on the way in (schema-on-write, with the ETL's readers, so a bad value
//! names its table, column and row) and each row keeps its number in `_row` —
//! then SQL generated from the same parameters builds every stage's table
//! in the warehouse's SQL session.

use dataplay_api::etl::EtlParams;
use polars_core::prelude::{Column, DataFrame, DataType, IntoColumn, NamedFrom, Series, TimeUnit};

use super::calendar::format_date;
use super::columns::Table;
use super::extract::{CUSTOMER_COLUMNS, INVENTORY_COLUMNS, SALES_COLUMNS};
use crate::error::{EngineError, Result};

/// The column every raw table gets: the row's number in its source (0-based),
/// so that the SQL can keep the ETL's row order and name source rows.
pub const ROW: &str = "_row";

/// The type a raw column is given at load.
#[derive(Clone, Copy, Debug)]
enum RawType {
    /// Int64 (whole numbers, also from floats like `3.0` or text).
    Int,
    /// Numbers stay as they are (NaN becomes null); text becomes Float64.
    Number,
    Date,
    Time,
    /// Datetime in milliseconds.
    Timestamp,
}

/// The columns of each source table the SQL reads as numbers, dates or times.
const RAW_TYPES: [(&str, &[(&str, RawType)]); 6] = [
    (
        "transactions",
        &[
            ("transaction_id", RawType::Int),
            ("customer_id", RawType::Int),
            ("transaction_date", RawType::Date),
            ("transaction_time", RawType::Time),
        ],
    ),
    (
        "transaction_items",
        &[
            ("transaction_id", RawType::Int),
            ("product_id", RawType::Int),
            ("quantity", RawType::Number),
            ("unit_price", RawType::Number),
            ("discount_amount", RawType::Number),
            ("tax_amount", RawType::Number),
        ],
    ),
    ("products", &[("product_id", RawType::Int)]),
    (
        "inventory_movements",
        &[
            ("movement_id", RawType::Int),
            ("product_id", RawType::Int),
            ("store_id", RawType::Int),
            ("quantity_change", RawType::Number),
            ("movement_date", RawType::Timestamp),
        ],
    ),
    (
        "product_inventory",
        &[
            ("product_id", RawType::Int),
            ("store_id", RawType::Int),
            ("current_stock", RawType::Number),
            ("reorder_level", RawType::Number),
            ("max_stock_level", RawType::Number),
        ],
    ),
    ("customers", &[("customer_id", RawType::Int)]),
];

/// The columns of each source table the SQL names (they must exist).
fn needed(table: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = SALES_COLUMNS
        .iter()
        .chain(INVENTORY_COLUMNS.iter())
        .filter(|(t, _)| *t == table)
        .map(|(_, c)| *c)
        .collect();
    match table {
        "transactions" | "customers" => out.push("status"),
        "transaction_items" => out.push("transaction_id"),
        _ => {}
    }
    if table == "customers" {
        out.extend(CUSTOMER_COLUMNS);
    }
    out
}

fn typed(t: &Table, name: &str, kind: RawType) -> Result<Column> {
    let col = t.column(name)?;
    let series = match (kind, col.dtype()) {
        (RawType::Int, DataType::Int64) => return Ok(col.clone()),
        (RawType::Int, _) => Series::new(name.into(), t.ints(name)?),
        (RawType::Number, d) if d.is_integer() => return Ok(col.clone()),
        (RawType::Number, d) if d.is_float() => {
            let nan = col.is_nan().map(|m| m.any()).unwrap_or(false);
            if !nan {
                return Ok(col.clone());
            }
            Series::new(name.into(), t.floats(name)?)
        }
        (RawType::Number, _) => Series::new(name.into(), t.floats(name)?),
        (RawType::Date, DataType::Date) => return Ok(col.clone()),
        (RawType::Date, _) => {
            let days: Vec<Option<i32>> = t.days(name)?.into_iter().map(|d| d.map(|d| d as i32)).collect();
            Series::new(name.into(), days)
        }
        (RawType::Time, DataType::Time) => return Ok(col.clone()),
        (RawType::Time, _) => {
            let ns: Vec<Option<i64>> = t
                .time_of_day_ms(name)?
                .into_iter()
                .map(|ms| ms.map(|ms| ms * 1_000_000))
                .collect();
            Series::new(name.into(), ns)
        }
        (RawType::Timestamp, DataType::Datetime(TimeUnit::Milliseconds, None)) => return Ok(col.clone()),
        (RawType::Timestamp, _) => Series::new(name.into(), t.datetime_ms(name)?),
    };
    let dtype = match kind {
        RawType::Int => DataType::Int64,
        RawType::Number => DataType::Float64,
        RawType::Date => DataType::Date,
        RawType::Time => DataType::Time,
        RawType::Timestamp => DataType::Datetime(TimeUnit::Milliseconds, None),
    };
    series
        .cast(&dtype)
        .map(IntoColumn::into_column)
        .map_err(|e| EngineError::polars(format!("{}: typing column '{name}'", t.name), e))
}

/// A source table as the warehouse stores it raw: every column kept, the
/// ones the pipeline reads typed, plus `_row`.
pub fn raw_table(t: Table) -> Result<DataFrame> {
    for column in needed(t.name) {
        t.column(column)?;
    }
    let types = RAW_TYPES
        .iter()
        .find(|(name, _)| *name == t.name)
        .map(|(_, types)| *types)
        .unwrap_or(&[]);
    let mut columns = Vec::with_capacity(t.frame.width() + 1);
    for col in t.frame.get_columns() {
        let kind = types.iter().find(|(c, _)| *c == col.name().as_str()).map(|(_, k)| *k);
        columns.push(match kind {
            Some(kind) => typed(&t, col.name().as_str(), kind)?,
            None => col.clone(),
        });
    }
    if t.frame.column(ROW).is_ok() {
        return Err(EngineError::invalid(
            t.name,
            format!("a column is named '{ROW}', which ELT reserves"),
        ));
    }
    let rows: Vec<i64> = (0..t.height() as i64).collect();
    columns.push(Column::new(ROW.into(), rows));
    DataFrame::new(columns).map_err(|e| EngineError::polars(format!("{}: loading raw", t.name), e))
}

/// One stage of the ELT: the SQL that builds its table.
pub struct SqlStage {
    pub name: &'static str,
    pub description: &'static str,
    /// The raw table whose rows the stage reads (for the waterfall).
    pub input: &'static str,
    /// The table it creates.
    pub output: &'static str,
    pub sql: String,
}

/// A SQL string literal.
fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A SQL number that reads back as exactly this f64.
fn number(f: f64) -> String {
    let s = format!("{f:?}");
    if s.contains(['.', 'e', 'E']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// The SQL type that gives back `dtype` (for the casts that restore a
/// source column's type in the facts).
fn sql_type(dtype: &DataType) -> Option<&'static str> {
    Some(match dtype {
        DataType::String => "VARCHAR",
        DataType::Float64 => "DOUBLE",
        DataType::Float32 => "REAL",
        DataType::Int64 => "BIGINT",
        DataType::Int32 => "INTEGER",
        DataType::Int16 => "SMALLINT",
        DataType::Int8 => "TINYINT",
        DataType::UInt64 => "UBIGINT",
        DataType::UInt32 => "UINTEGER",
        DataType::Date => "DATE",
        DataType::Time => "TIME",
        DataType::Datetime(TimeUnit::Milliseconds, None) => "TIMESTAMP(3)",
        DataType::Datetime(TimeUnit::Microseconds, None) => "TIMESTAMP(6)",
        DataType::Datetime(TimeUnit::Nanoseconds, None) => "TIMESTAMP(9)",
        _ => return None,
    })
}

/// For each source column the raw load typed differently, the SQL type of
/// the source's column: the facts cast it back, so ETL and ELT load tables
/// of the same types (a warehouse can switch between them).
pub struct SourceTypes(Vec<(&'static str, &'static str, &'static str)>);

impl SourceTypes {
    pub fn new(sources: &[(&'static str, &DataFrame)], raw: &[&DataFrame]) -> Self {
        let mut out = vec![];
        for ((table, source), raw) in sources.iter().zip(raw) {
            let Some((_, types)) = RAW_TYPES.iter().find(|(t, _)| t == table) else {
                continue;
            };
            for (column, _) in types.iter() {
                let (Ok(a), Ok(b)) = (source.column(column), raw.column(column)) else {
                    continue;
                };
                if a.dtype() != b.dtype() {
                    if let Some(sql) = sql_type(a.dtype()) {
                        out.push((*table, *column, sql));
                    }
                }
            }
        }
        SourceTypes(out)
    }

    /// `alias.column`, cast back to the source's type where the load changed it.
    fn select(&self, table: &str, alias: &str, column: &str) -> String {
        match self.0.iter().find(|(t, c, _)| *t == table && *c == column) {
            Some((_, _, sql)) => format!("CAST({alias}{column} AS {sql}) AS {column}"),
            None => format!("{alias}{column}"),
        }
    }
}

/// The pipeline as SQL over the raw tables (`raw_<source>`), from the same
/// parameters the ETL uses.
pub fn stages(params: &EtlParams, (from, to): (i64, i64), types: &SourceTypes) -> Vec<SqlStage> {
    let range = format!("DATE {} AND DATE {}", text(&format_date(from)), text(&format_date(to)));
    let extract_sales_select = SALES_COLUMNS
        .iter()
        .map(|(t, c)| {
            let alias = match *t {
                "transactions" => "t",
                "transaction_items" => "ti",
                _ => "p",
            };
            format!("{alias}.{c}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let inventory_select = INVENTORY_COLUMNS
        .iter()
        .map(|(t, c)| format!("{}.{c}", if *t == "inventory_movements" { "im" } else { "pi" }))
        .collect::<Vec<_>>()
        .join(", ");
    let keep_cost = number(1.0 - params.margin);
    let dbl = |c: &str| format!("CAST({c} AS DOUBLE)");
    let (q, p, d, x) = (
        dbl("quantity"),
        dbl("unit_price"),
        dbl("discount_amount"),
        dbl("tax_amount"),
    );
    let segment = {
        let whens: Vec<String> = params
            .segment_edges
            .iter()
            .zip(&params.segment_labels)
            .rev()
            .map(|(e, l)| format!("WHEN total_sales > {} THEN {}", number(*e), text(l)))
            .collect();
        format!("CASE {} END", whens.join(" "))
    };
    let category = if params.movement_mapping.is_empty() {
        "CAST(NULL AS VARCHAR)".to_string()
    } else {
        let whens: Vec<String> = params
            .movement_mapping
            .iter()
            .map(|(k, v)| format!("WHEN {} THEN {}", text(k), text(v)))
            .collect();
        format!("CASE movement_type {} END", whens.join(" "))
    };
    vec![
        SqlStage {
            name: "extract_sales",
            description: "transactions ⋈ transaction_items ⋈ products, status = 'completed', date in range (SQL)",
            input: "transaction_items",
            output: "extract_sales",
            sql: format!(
                "CREATE TABLE extract_sales AS\n\
                 SELECT {extract_sales_select},\n       ti._row AS _item, t._row AS _transaction, p._row AS _product\n\
                 FROM raw_transaction_items ti\n\
                 JOIN raw_transactions t ON ti.transaction_id = t.transaction_id\n\
                 JOIN raw_products p ON ti.product_id = p.product_id\n\
                 WHERE t.status = 'completed' AND t.transaction_date BETWEEN {range}\n\
                 ORDER BY _item, _transaction, _product"
            ),
        },
        SqlStage {
            name: "extract_inventory",
            description: "inventory_movements ⋈ product_inventory on (product_id, store_id), date in range (SQL)",
            input: "inventory_movements",
            output: "extract_inventory",
            sql: format!(
                "CREATE TABLE extract_inventory AS\n\
                 SELECT {inventory_select},\n       im._row AS _movement, pi._row AS _stock\n\
                 FROM raw_inventory_movements im\n\
                 JOIN raw_product_inventory pi ON im.product_id = pi.product_id AND im.store_id = pi.store_id\n\
                 WHERE im.movement_id IS NOT NULL AND CAST(im.movement_date AS DATE) BETWEEN {range}\n\
                 ORDER BY _movement, _stock"
            ),
        },
        SqlStage {
            name: "extract_customers",
            description: "customers with status = 'active' (SQL)",
            input: "customers",
            output: "dim_customers",
            sql: format!(
                "CREATE TABLE dim_customers AS\n\
                 SELECT {}\nFROM raw_customers\n\
                 WHERE customer_id IS NOT NULL AND status = 'active'\nORDER BY _row",
                CUSTOMER_COLUMNS
                    .iter()
                    .map(|c| types.select("customers", "", c))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        SqlStage {
            name: "transform_sales",
            description: "clean, time dimensions, sales, cost and profit, customer segments (SQL)",
            input: "extract_sales",
            output: "fact_sales",
            sql: format!(
                "CREATE TABLE sales_clean AS\n\
                 SELECT *, CAST(CAST(transaction_date AS TIMESTAMP) + CAST(transaction_time AS INTERVAL) AS TIMESTAMP(3)) AS transaction_datetime\n\
                 FROM extract_sales\n\
                 WHERE transaction_id IS NOT NULL AND product_id IS NOT NULL AND quantity > 0 AND unit_price >= 0;\n\
                 CREATE TABLE sales_derived AS\n\
                 SELECT *,\n\
                 \x20      CAST(EXTRACT(YEAR FROM transaction_datetime) AS INTEGER) AS year,\n\
                 \x20      CAST(EXTRACT(MONTH FROM transaction_datetime) AS INTEGER) AS month,\n\
                 \x20      CAST(EXTRACT(QUARTER FROM transaction_datetime) AS INTEGER) AS quarter,\n\
                 \x20      CAST(EXTRACT(ISODOW FROM transaction_datetime) - 1 AS INTEGER) AS day_of_week,\n\
                 \x20      CAST(EXTRACT(HOUR FROM transaction_datetime) AS INTEGER) AS hour,\n\
                 \x20      COALESCE(EXTRACT(ISODOW FROM transaction_datetime) >= 6, FALSE) AS is_weekend,\n\
                 \x20      {q} * {p} AS gross_sales,\n\
                 \x20      {q} * {p} - {d} AS net_sales,\n\
                 \x20      {q} * {p} - {d} + {x} AS total_sales,\n\
                 \x20      {p} * {keep_cost} AS estimated_cost,\n\
                 \x20      ({q} * {p} - {d}) - {q} * ({p} * {keep_cost}) AS estimated_profit\n\
                 FROM sales_clean;\n\
                 CREATE TABLE customer_segments AS\n\
                 SELECT customer_id, total_sales, transactions, total_sales / transactions AS avg_transaction_value,\n\
                 \x20      {segment} AS customer_segment\n\
                 FROM (SELECT customer_id, COALESCE(SUM(total_sales), 0.0) AS total_sales,\n\
                 \x20            CAST(COUNT(DISTINCT transaction_id) AS BIGINT) AS transactions\n\
                 \x20     FROM sales_derived WHERE customer_id IS NOT NULL GROUP BY customer_id) AS stats\n\
                 ORDER BY customer_id;\n\
                 CREATE TABLE fact_sales AS\n\
                 SELECT {}, d.transaction_datetime, d.year, d.month, d.quarter, d.day_of_week, d.hour, d.is_weekend,\n\
                 \x20      d.gross_sales, d.net_sales, d.total_sales, d.estimated_cost, d.estimated_profit, s.customer_segment\n\
                 FROM sales_derived d LEFT JOIN customer_segments s ON d.customer_id = s.customer_id\n\
                 ORDER BY d._item, d._transaction, d._product",
                SALES_COLUMNS
                    .iter()
                    .map(|(t, c)| types.select(t, "d.", c))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        SqlStage {
            name: "transform_inventory",
            description: "movement category, running stock per (product, store), stockout and overstock flags (SQL)",
            input: "extract_inventory",
            output: "fact_inventory_movements",
            sql: format!(
                "CREATE TABLE fact_inventory_movements AS\n\
                 SELECT {},\n\
                 \x20      {category} AS movement_category,\n\
                 \x20      CASE WHEN quantity_change IS NULL THEN NULL ELSE\n\
                 \x20        SUM(quantity_change) OVER (PARTITION BY product_id, store_id ORDER BY movement_date, _movement, _stock\n\
                 \x20                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END AS running_stock,\n\
                 \x20      COALESCE(current_stock <= reorder_level, FALSE) AS potential_stockout,\n\
                 \x20      COALESCE(current_stock >= max_stock_level, FALSE) AS overstock\n\
                 FROM extract_inventory\n\
                 ORDER BY product_id, store_id, movement_date, _movement, _stock",
                INVENTORY_COLUMNS
                    .iter()
                    .map(|(t, c)| types.select(t, "", c))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    ]
}

/// A stage table as shown: without the ELT's bookkeeping columns (`_row`, `_item`, …).
pub fn shown(frame: &DataFrame) -> DataFrame {
    let keep: Vec<_> = frame
        .get_column_names()
        .into_iter()
        .filter(|n| !n.starts_with('_'))
        .cloned()
        .collect();
    frame.select(keep).unwrap_or_else(|_| frame.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_texts_are_sql_literals() {
        assert_eq!(number(0.6), "0.6");
        assert_eq!(number(1_000_000.0), "1000000.0");
        assert_eq!(number(1.0 - 0.4).parse::<f64>().ok(), Some(1.0 - 0.4));
        assert_eq!(text("O'Brien"), "'O''Brien'");
    }
}
