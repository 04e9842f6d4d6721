//! ELT: the same pipeline with the transforms inside the warehouse. The
//! source tables are loaded raw — the columns the pipeline reads are typed
//! on the way in (schema-on-write, with the ETL's readers, so a bad value
//! names its table, column and row) and each row keeps its number in `_row` —
//! then SQL generated from the same parameters builds every stage's table
//! in the warehouse's SQL session.

use dataplay_api::etl::EtlParams;
use dataplay_api::Fault;
use polars_core::prelude::{Column, DataFrame, DataType, IntoColumn, NamedFrom, Series, TimeUnit};

use super::extract::{CUSTOMER_COLUMNS, INVENTORY_COLUMNS, SALES_COLUMNS};
use crate::base::calendar::format_date;
use crate::base::columns::Table;
use crate::error::{EngineError, Result};

/// The columns the transform adds to the sales and to the movements, in
/// the order the fact tables have them.
pub const SALES_DERIVED: [&str; 13] = [
    "transaction_datetime",
    "year",
    "month",
    "quarter",
    "day_of_week",
    "hour",
    "is_weekend",
    "gross_sales",
    "net_sales",
    "total_sales",
    "estimated_cost",
    "estimated_profit",
    "customer_segment",
];
pub const INVENTORY_DERIVED: [&str; 4] = ["movement_category", "running_stock", "potential_stockout", "overstock"];

/// The columns of a target table (`etl::TARGET_KEYS`), and the bookkeeping
/// columns that give its rows the source's order.
pub fn target_columns(table: &str) -> (Vec<&'static str>, &'static [&'static str]) {
    match table {
        "fact_sales" => (
            SALES_COLUMNS.iter().map(|(_, c)| *c).chain(SALES_DERIVED).collect(),
            &["_item", "_transaction", "_product"],
        ),
        "fact_inventory_movements" => (
            INVENTORY_COLUMNS
                .iter()
                .map(|(_, c)| *c)
                .chain(INVENTORY_DERIVED)
                .collect(),
            &["_movement", "_stock"],
        ),
        _ => (CUSTOMER_COLUMNS.to_vec(), &[ROW]),
    }
}

/// The column every raw table gets: the row's number in its source (0-based),
/// so that the SQL can keep the ETL's row order and name source rows.
pub const ROW: &str = "_row";

/// The type a raw column is given at load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawType {
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

/// The columns of `table` the pipeline's SQL reads, each with the type the
/// raw load gives it (`None`: kept as it comes) — what an export's reader
/// must check and cast.
pub fn source_columns(table: &str) -> Vec<(&'static str, Option<RawType>)> {
    let types = RAW_TYPES
        .iter()
        .find(|(name, _)| *name == table)
        .map(|(_, types)| *types)
        .unwrap_or(&[]);
    let mut out: Vec<(&'static str, Option<RawType>)> = vec![];
    for column in types.iter().map(|(c, _)| *c).chain(needed(table)) {
        if !out.iter().any(|(c, _)| *c == column) {
            out.push((column, types.iter().find(|(c, _)| *c == column).map(|(_, k)| *k)));
        }
    }
    out
}

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
        return Err(EngineError::table(t.name, Fault::ReservedColumn { column: ROW.into() }));
    }
    let rows: Vec<i64> = (0..t.height() as i64).collect();
    columns.push(Column::new(ROW.into(), rows));
    DataFrame::new(columns).map_err(|e| EngineError::polars(format!("{}: loading raw", t.name), e))
}

/// Which SQL the pipeline's statements are written in: the engine's own
/// session, or one an export hands the pipeline to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// The engine's SQL session (polars-sql with the engine's rewrites).
    Engine,
    /// Spark SQL, for the exported PySpark job (raw times are text there).
    Spark,
    /// PostgreSQL, for the exported warehouse script (stage tables are
    /// temporary and prefixed `stage_`, so they never hide a target).
    Postgres,
}

impl Dialect {
    /// An identifier quoted for this dialect.
    pub fn quote(self, name: &str) -> String {
        match self {
            Dialect::Spark => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// A string literal this dialect reads back as exactly `s`, whatever it
    /// holds (quotes, backslashes, newlines, `$$`): the engine's parser and
    /// standard SQL double the quote; PostgreSQL gets `E'…'` with the
    /// backslashes doubled when there are any, which reads the same whether
    /// `standard_conforming_strings` is on or off; Spark SQL, whose literals
    /// take backslash escapes (`'\u0041'` is `A`), gets both escaped.
    pub fn text(self, s: &str) -> String {
        match self {
            Dialect::Engine => engine_text(s),
            Dialect::Postgres if s.contains('\\') => {
                format!("E'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
            }
            Dialect::Postgres => text(s),
            Dialect::Spark => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        }
    }

    pub fn double(self) -> &'static str {
        match self {
            Dialect::Postgres => "DOUBLE PRECISION",
            _ => "DOUBLE",
        }
    }

    fn text_type(self) -> &'static str {
        match self {
            Dialect::Spark => "STRING",
            _ => "VARCHAR",
        }
    }

    fn timestamp(self) -> &'static str {
        match self {
            Dialect::Spark => "TIMESTAMP",
            _ => "TIMESTAMP(3)",
        }
    }

    /// A date and a time of day as one timestamp.
    fn datetime(self, date: &str, time: &str) -> String {
        match self {
            Dialect::Engine => format!("CAST(CAST({date} AS TIMESTAMP) + CAST({time} AS INTERVAL) AS TIMESTAMP(3))"),
            Dialect::Spark => format!("CAST(concat(CAST({date} AS STRING), ' ', CAST({time} AS STRING)) AS TIMESTAMP)"),
            Dialect::Postgres => format!("CAST(CAST({date} AS DATE) + CAST({time} AS TIME) AS TIMESTAMP(3))"),
        }
    }

    /// The day of the week of a timestamp, Monday = 0 (pandas' `dayofweek`).
    fn day_of_week(self, ts: &str) -> String {
        match self {
            Dialect::Spark => format!("weekday({ts})"),
            _ => format!("CAST(EXTRACT(ISODOW FROM {ts}) - 1 AS INTEGER)"),
        }
    }

    /// The name a stage's table gets.
    pub fn stage_table(self, name: &str) -> String {
        match self {
            Dialect::Postgres => format!("stage_{name}"),
            _ => name.to_string(),
        }
    }

    /// `CREATE TABLE name AS select`, as this dialect writes a stage table.
    pub fn create_table(self, name: &str, select: &str) -> String {
        match self {
            Dialect::Postgres => format!("CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS\n{select}"),
            _ => format!("CREATE TABLE {name} AS\n{select}"),
        }
    }
}

/// One stage of the ELT: the SQL that builds its table.
pub struct SqlStage {
    pub name: &'static str,
    pub description: &'static str,
    /// The raw table whose rows the stage reads (for the waterfall).
    pub input: &'static str,
    /// The table it creates.
    pub output: &'static str,
    /// The tables it builds, in order: (name, SELECT).
    pub tables: Vec<(String, String)>,
    dialect: Dialect,
}

impl SqlStage {
    /// The stage as one SQL script (`CREATE TABLE … AS SELECT …;` each).
    pub fn script(&self) -> String {
        self.tables
            .iter()
            .map(|(name, select)| self.dialect.create_table(name, select))
            .collect::<Vec<_>>()
            .join(";\n")
    }
}

/// A standard SQL string literal (the quote doubled), as the engine's
/// parser reads it; `Dialect::text` for the other dialects.
pub fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A string literal for the engine's SQL session, which parses a script
/// and runs each statement as sqlparser writes it back — and sqlparser
/// writes a value's `''` or `\'` back as it is (taking it for an escape),
/// so `'x\'' , 1) --'` would come back as code. A text holding either is
/// written as a concatenation of literals that hold neither.
fn engine_text(s: &str) -> String {
    if !s.contains("''") && !s.contains("\\'") {
        return text(s);
    }
    let mut chunks: Vec<String> = vec![String::new()];
    for c in s.chars() {
        match chunks.last_mut() {
            Some(last) if !(c == '\'' && (last.ends_with('\'') || last.ends_with('\\'))) => last.push(c),
            _ => chunks.push(c.to_string()),
        }
    }
    let parts: Vec<String> = chunks.iter().map(|c| text(c)).collect();
    format!("({})", parts.join(" || "))
}

/// A SQL number that reads back as exactly this f64.
pub fn number(f: f64) -> String {
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
#[derive(Default)]
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

/// The pipeline as SQL over the raw tables (`raw_<source>`, each with its
/// row number in `_row`), from the same parameters the ETL uses.
pub fn stages(params: &EtlParams, (from, to): (i64, i64), types: &SourceTypes, dialect: Dialect) -> Vec<SqlStage> {
    let text = |s: &str| dialect.text(s);
    let range = format!("DATE {} AND DATE {}", text(&format_date(from)), text(&format_date(to)));
    let n = |name: &str| dialect.stage_table(name);
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
    let dbl = |c: &str| format!("CAST({c} AS {})", dialect.double());
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
        format!("CAST(NULL AS {})", dialect.text_type())
    } else {
        let whens: Vec<String> = params
            .movement_mapping
            .iter()
            .map(|(k, v)| format!("WHEN {} THEN {}", text(k), text(v)))
            .collect();
        format!("CASE movement_type {} END", whens.join(" "))
    };
    let datetime = dialect.datetime("transaction_date", "transaction_time");
    let timestamp = dialect.timestamp();
    let dow = dialect.day_of_week("transaction_datetime");
    let stage = |name, description, input, output, tables: Vec<(String, String)>| SqlStage {
        name,
        description,
        input,
        output,
        tables,
        dialect,
    };
    vec![
        stage(
            "extract_sales",
            "transactions ⋈ transaction_items ⋈ products, status = 'completed', date in range (SQL)",
            "transaction_items",
            "extract_sales",
            vec![(
                n("extract_sales"),
                format!(
                    "SELECT {extract_sales_select},\n       ti._row AS _item, t._row AS _transaction, p._row AS _product\n\
                     FROM raw_transaction_items ti\n\
                     JOIN raw_transactions t ON ti.transaction_id = t.transaction_id\n\
                     JOIN raw_products p ON ti.product_id = p.product_id\n\
                     WHERE t.status = 'completed' AND t.transaction_date BETWEEN {range}\n\
                     ORDER BY _item, _transaction, _product"
                ),
            )],
        ),
        stage(
            "extract_inventory",
            "inventory_movements ⋈ product_inventory on (product_id, store_id), date in range (SQL)",
            "inventory_movements",
            "extract_inventory",
            vec![(
                n("extract_inventory"),
                format!(
                    "SELECT {inventory_select},\n       im._row AS _movement, pi._row AS _stock\n\
                     FROM raw_inventory_movements im\n\
                     JOIN raw_product_inventory pi ON im.product_id = pi.product_id AND im.store_id = pi.store_id\n\
                     WHERE im.movement_id IS NOT NULL AND CAST(im.movement_date AS DATE) BETWEEN {range}\n\
                     ORDER BY _movement, _stock"
                ),
            )],
        ),
        stage(
            "extract_customers",
            "customers with status = 'active' (SQL)",
            "customers",
            "dim_customers",
            vec![(
                n("dim_customers"),
                format!(
                    "SELECT {}, _row\nFROM raw_customers\n\
                     WHERE customer_id IS NOT NULL AND status = 'active'\nORDER BY _row",
                    CUSTOMER_COLUMNS
                        .iter()
                        .map(|c| types.select("customers", "", c))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )],
        ),
        stage(
            "transform_sales",
            "clean, time dimensions, sales, cost and profit, customer segments (SQL)",
            "extract_sales",
            "fact_sales",
            vec![
                (
                    n("sales_clean"),
                    format!(
                        "SELECT *, {datetime} AS transaction_datetime\n\
                         FROM {}\n\
                         WHERE transaction_id IS NOT NULL AND product_id IS NOT NULL AND quantity > 0 AND unit_price >= 0",
                        n("extract_sales")
                    ),
                ),
                (
                    n("sales_derived"),
                    format!(
                        "SELECT *,\n\
                         \x20      CAST(EXTRACT(YEAR FROM transaction_datetime) AS INTEGER) AS year,\n\
                         \x20      CAST(EXTRACT(MONTH FROM transaction_datetime) AS INTEGER) AS month,\n\
                         \x20      CAST(EXTRACT(QUARTER FROM transaction_datetime) AS INTEGER) AS quarter,\n\
                         \x20      {dow} AS day_of_week,\n\
                         \x20      CAST(EXTRACT(HOUR FROM transaction_datetime) AS INTEGER) AS hour,\n\
                         \x20      COALESCE({dow} >= 5, FALSE) AS is_weekend,\n\
                         \x20      {q} * {p} AS gross_sales,\n\
                         \x20      {q} * {p} - {d} AS net_sales,\n\
                         \x20      {q} * {p} - {d} + {x} AS total_sales,\n\
                         \x20      {p} * {keep_cost} AS estimated_cost,\n\
                         \x20      ({q} * {p} - {d}) - {q} * ({p} * {keep_cost}) AS estimated_profit\n\
                         FROM {}",
                        n("sales_clean")
                    ),
                ),
                (
                    n("customer_segments"),
                    format!(
                        "SELECT customer_id, total_sales, transactions, total_sales / transactions AS avg_transaction_value,\n\
                         \x20      {segment} AS customer_segment\n\
                         FROM (SELECT customer_id, COALESCE(SUM(total_sales), 0.0) AS total_sales,\n\
                         \x20            CAST(COUNT(DISTINCT transaction_id) AS BIGINT) AS transactions\n\
                         \x20     FROM {} WHERE customer_id IS NOT NULL GROUP BY customer_id) AS stats\n\
                         ORDER BY customer_id",
                        n("sales_derived")
                    ),
                ),
                (
                    n("fact_sales"),
                    format!(
                        "SELECT {}, CAST(d.transaction_datetime AS {timestamp}) AS transaction_datetime,\n\
                         \x20      d.year, d.month, d.quarter, d.day_of_week, d.hour, d.is_weekend,\n\
                         \x20      d.gross_sales, d.net_sales, d.total_sales, d.estimated_cost, d.estimated_profit, s.customer_segment,\n\
                         \x20      d._item, d._transaction, d._product\n\
                         FROM {} d LEFT JOIN {} s ON d.customer_id = s.customer_id\n\
                         ORDER BY d._item, d._transaction, d._product",
                        SALES_COLUMNS
                            .iter()
                            .map(|(t, c)| types.select(t, "d.", c))
                            .collect::<Vec<_>>()
                            .join(", "),
                        n("sales_derived"),
                        n("customer_segments")
                    ),
                ),
            ],
        ),
        stage(
            "transform_inventory",
            "movement category, running stock per (product, store), stockout and overstock flags (SQL)",
            "extract_inventory",
            "fact_inventory_movements",
            vec![(
                n("fact_inventory_movements"),
                format!(
                    "SELECT {},\n\
                     \x20      {category} AS movement_category,\n\
                     \x20      CASE WHEN quantity_change IS NULL THEN NULL ELSE\n\
                     \x20        SUM(quantity_change) OVER (PARTITION BY product_id, store_id ORDER BY movement_date, _movement, _stock\n\
                     \x20                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END AS running_stock,\n\
                     \x20      COALESCE(current_stock <= reorder_level, FALSE) AS potential_stockout,\n\
                     \x20      COALESCE(current_stock >= max_stock_level, FALSE) AS overstock,\n\
                     \x20      _movement, _stock\n\
                     FROM {}\n\
                     ORDER BY product_id, store_id, movement_date, _movement, _stock",
                    INVENTORY_COLUMNS
                        .iter()
                        .map(|(t, c)| types.select(t, "", c))
                        .collect::<Vec<_>>()
                        .join(", "),
                    n("extract_inventory")
                ),
            )],
        ),
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

/// User texts that must stay texts in every rendered or exported script: quotes,
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
    use super::*;

    #[test]
    fn numbers_and_texts_are_sql_literals() {
        assert_eq!(number(0.6), "0.6");
        assert_eq!(number(1_000_000.0), "1000000.0");
        assert_eq!(number(1.0 - 0.4).parse::<f64>().ok(), Some(1.0 - 0.4));
        assert_eq!(text("O'Brien"), "'O''Brien'");
        assert_eq!(Dialect::Engine.text("it's"), "'it''s'");
        assert_eq!(Dialect::Engine.text("a\\'b''"), "('a\\' || '''b''' || '''')");
        assert_eq!(Dialect::Postgres.text("O'Brien"), "'O''Brien'");
        assert_eq!(Dialect::Postgres.text("a\\'b"), "E'a\\\\''b'");
        assert_eq!(Dialect::Spark.text("a\\'b\n"), "'a\\\\\\'b\n'");
    }

    /// Payload segment labels and movement categories run through the
    /// engine's own SQL (ELT) come out as the ETL writes them: as data.
    #[test]
    fn payload_labels_are_data_in_the_engines_sql() {
        use dataplay_api::etl::EtlMode;
        use std::collections::HashMap;

        use crate::samples;
        use crate::warehouse::Warehouse;

        let sources: HashMap<String, DataFrame> = samples::retail::tables(3, 2_000).unwrap().into_iter().collect();
        let payloads = PAYLOADS;
        for chunk in payloads.chunks(4) {
            let mut params = EtlParams {
                run_checks: false,
                ..EtlParams::default()
            };
            for (i, p) in chunk.iter().enumerate() {
                params.segment_labels[i] = p.to_string();
                params.movement_mapping[i].1 = p.to_string();
            }
            let run = |mode| {
                let mut wh = Warehouse::new();
                let params = EtlParams { mode, ..params.clone() };
                crate::etl::run(&|n| sources.get(n), &params, &mut wh, &|| 0.0).unwrap();
                ["fact_sales", "fact_inventory_movements"].map(|t| wh.table(t).unwrap().frame.clone())
            };
            let (etl, elt) = (run(EtlMode::Etl), run(EtlMode::Elt));
            assert_eq!(etl, elt, "{chunk:?}");
            let segments = etl[0].column("customer_segment").unwrap().str().unwrap().clone();
            let seen: Vec<&str> = segments.into_iter().flatten().collect();
            assert!(chunk.iter().any(|p| seen.contains(p)), "{chunk:?}: {seen:?}");
            assert!(
                seen.iter().all(|s| params.segment_labels.iter().any(|l| l == s)),
                "{chunk:?}"
            );
        }
    }
}
