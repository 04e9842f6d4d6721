//! Declared tables: `CREATE TABLE` with column types, NOT NULL, a primary
//! key and Redshift's distribution and sort keys — and schema-on-write: a
//! load converts each value to its column's type and rejects the rows that
//! do not fit, each with its reason, into the table's reject list.

use std::collections::HashSet;

use dataplay_api::lake::{Explanation, RejectReason};
use dataplay_api::Fault;
use polars_core::prelude::*;
use sqlparser::ast::{CharacterLength, ColumnOption, DataType as SqlType, ExactNumberInfo, Statement, TableConstraint};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer};

use crate::base::calendar;
use crate::error::{EngineError, Result};

/// A column's declared type.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ColumnType {
    Varchar(Option<u64>),
    SmallInt,
    Integer,
    BigInt,
    /// Stored as Float64 rounded to `scale`; values must fit `precision`.
    Decimal {
        precision: u8,
        scale: u8,
    },
    Double,
    Boolean,
    Date,
    Timestamp,
}

impl ColumnType {
    pub fn dtype(&self) -> DataType {
        match self {
            ColumnType::Varchar(_) => DataType::String,
            ColumnType::SmallInt => DataType::Int16,
            ColumnType::Integer => DataType::Int32,
            ColumnType::BigInt => DataType::Int64,
            ColumnType::Decimal { .. } | ColumnType::Double => DataType::Float64,
            ColumnType::Boolean => DataType::Boolean,
            ColumnType::Date => DataType::Date,
            ColumnType::Timestamp => DataType::Datetime(TimeUnit::Microseconds, None),
        }
    }

    pub fn label(&self) -> String {
        match self {
            ColumnType::Varchar(Some(n)) => format!("VARCHAR({n})"),
            ColumnType::Varchar(None) => "VARCHAR".into(),
            ColumnType::SmallInt => "SMALLINT".into(),
            ColumnType::Integer => "INTEGER".into(),
            ColumnType::BigInt => "BIGINT".into(),
            ColumnType::Decimal { precision, scale } => format!("DECIMAL({precision},{scale})"),
            ColumnType::Double => "DOUBLE".into(),
            ColumnType::Boolean => "BOOLEAN".into(),
            ColumnType::Date => "DATE".into(),
            ColumnType::Timestamp => "TIMESTAMP".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ColumnDef {
    pub name: String,
    pub kind: ColumnType,
    pub not_null: bool,
}

/// Redshift's distribution style: where each row lives across the slices.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Distribution {
    /// Rows with the same value of the column are on the same slice.
    Key(String),
    /// A full copy on every node (small dimensions).
    All,
    /// Round-robin.
    Even,
    Auto,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TableDef {
    pub name: String,
    pub columns: Vec<ColumnDef>,
    pub primary_key: Vec<String>,
    pub distribution: Distribution,
    pub sort_key: Vec<String>,
}

impl TableDef {
    /// What the distribution and sort keys do for this table, one each.
    pub fn explain(&self) -> Vec<Explanation> {
        let mut out = vec![match &self.distribution {
            Distribution::Key(c) => Explanation::DistKey { column: c.clone() },
            Distribution::All => Explanation::DistAll,
            Distribution::Even => Explanation::DistEven,
            Distribution::Auto => Explanation::DistAuto,
        }];
        if !self.sort_key.is_empty() {
            out.push(Explanation::SortKey {
                columns: self.sort_key.clone(),
            });
        }
        out
    }

    pub fn schema(&self) -> Schema {
        self.columns
            .iter()
            .map(|c| Field::new(c.name.as_str().into(), c.kind.dtype()))
            .collect()
    }

    pub fn empty_frame(&self) -> DataFrame {
        DataFrame::empty_with_schema(&self.schema())
    }
}

fn map_type(t: &SqlType, column: &str) -> std::result::Result<ColumnType, Fault> {
    Ok(match t {
        SqlType::Varchar(len)
        | SqlType::CharVarying(len)
        | SqlType::CharacterVarying(len)
        | SqlType::Char(len)
        | SqlType::Character(len) => ColumnType::Varchar(match len {
            Some(CharacterLength::IntegerLength { length, .. }) => Some(*length),
            _ => None,
        }),
        SqlType::Text | SqlType::String(_) | SqlType::Nvarchar(_) => ColumnType::Varchar(None),
        SqlType::SmallInt(_) | SqlType::Int2(_) => ColumnType::SmallInt,
        SqlType::Int(_) | SqlType::Integer(_) | SqlType::Int4(_) => ColumnType::Integer,
        SqlType::BigInt(_) | SqlType::Int8(_) | SqlType::Int64 => ColumnType::BigInt,
        SqlType::Decimal(info) | SqlType::Numeric(info) | SqlType::Dec(info) => match info {
            ExactNumberInfo::PrecisionAndScale(p, s) if *p <= 38 && s <= p => ColumnType::Decimal {
                precision: *p as u8,
                scale: *s as u8,
            },
            ExactNumberInfo::Precision(p) if *p <= 38 => ColumnType::Decimal {
                precision: *p as u8,
                scale: 0,
            },
            ExactNumberInfo::None => ColumnType::Decimal {
                precision: 18,
                scale: 0,
            },
            _ => return Err(Fault::DecimalPrecision { column: column.into() }),
        },
        SqlType::Double
        | SqlType::DoublePrecision
        | SqlType::Float(_)
        | SqlType::Real
        | SqlType::Float8
        | SqlType::Float64 => ColumnType::Double,
        SqlType::Boolean | SqlType::Bool => ColumnType::Boolean,
        SqlType::Date => ColumnType::Date,
        SqlType::Timestamp(_, _) | SqlType::Datetime(_) => ColumnType::Timestamp,
        other => {
            return Err(Fault::TypeUnsupported {
                column: column.into(),
                sql_type: other.to_string(),
            })
        }
    })
}

/// Takes Redshift's `DISTSTYLE x`, `DISTKEY (c)` and `[COMPOUND] SORTKEY (a, b)`
/// out of a CREATE TABLE (the SQL parser does not know them).
fn redshift_clauses(sql: &str) -> std::result::Result<(String, Distribution, Vec<String>), Fault> {
    let tokens = Tokenizer::new(&GenericDialect, sql)
        .tokenize()
        .map_err(|e| Fault::SqlParser { detail: e.to_string() })?;
    let mut kept = vec![];
    let mut distribution = Distribution::Auto;
    let mut sort = vec![];
    let mut i = 0;
    let word = |t: &Token| match t {
        Token::Word(w) => Some(w.value.to_ascii_uppercase()),
        _ => None,
    };
    let next_non_space = |from: usize| (from..tokens.len()).find(|&j| !matches!(tokens[j], Token::Whitespace(_)));
    // A parenthesised list of names starting at the `(` at `j`; returns the names and the index after `)`.
    let list = |j: usize| -> std::result::Result<(Vec<String>, usize), Fault> {
        if tokens.get(j) != Some(&Token::LParen) {
            return Err(Fault::KeyParenthesis);
        }
        let mut names = vec![];
        let mut k = j + 1;
        while k < tokens.len() && tokens[k] != Token::RParen {
            if let Token::Word(w) = &tokens[k] {
                names.push(w.value.clone());
            }
            k += 1;
        }
        Ok((names, k + 1))
    };
    while i < tokens.len() {
        match word(&tokens[i]).as_deref() {
            Some("DISTSTYLE") => {
                let j = next_non_space(i + 1).ok_or(Fault::DistStyleMissing)?;
                distribution = match word(&tokens[j]).as_deref() {
                    Some("ALL") => Distribution::All,
                    Some("EVEN") => Distribution::Even,
                    Some("AUTO") => Distribution::Auto,
                    Some("KEY") => distribution,
                    _ => return Err(Fault::DistStyle),
                };
                i = j + 1;
            }
            Some("DISTKEY") => {
                let j = next_non_space(i + 1).ok_or(Fault::DistKeyMissing)?;
                let (names, end) = list(j)?;
                let [column] = names.as_slice() else {
                    return Err(Fault::DistKeyColumns);
                };
                distribution = Distribution::Key(column.clone());
                i = end;
            }
            Some("COMPOUND") | Some("INTERLEAVED")
                if next_non_space(i + 1).and_then(|j| word(&tokens[j])).as_deref() == Some("SORTKEY") =>
            {
                i = next_non_space(i + 1).unwrap_or(i + 1);
            }
            Some("SORTKEY") => {
                let j = next_non_space(i + 1).ok_or(Fault::SortKeyMissing)?;
                let (names, end) = list(j)?;
                sort = names;
                i = end;
            }
            _ => {
                kept.push(tokens[i].to_string());
                i += 1;
            }
        }
    }
    Ok((kept.concat(), distribution, sort))
}

/// Parses one `CREATE TABLE` (Redshift clauses allowed).
pub fn parse_create(sql: &str) -> std::result::Result<TableDef, Fault> {
    let (plain, distribution, sort_key) = redshift_clauses(sql)?;
    let statements =
        Parser::parse_sql(&GenericDialect, &plain).map_err(|e| Fault::SqlParser { detail: e.to_string() })?;
    let [Statement::CreateTable(create)] = statements.as_slice() else {
        return Err(Fault::OneCreateTable);
    };
    let name = create.name.0.last().map(|i| i.value.clone()).unwrap_or_default();
    let mut primary_key = vec![];
    let mut columns = vec![];
    for c in &create.columns {
        let mut not_null = false;
        for o in &c.options {
            match &o.option {
                ColumnOption::NotNull => not_null = true,
                ColumnOption::Unique { is_primary: true, .. } => {
                    not_null = true;
                    primary_key.push(c.name.value.clone());
                }
                _ => {}
            }
        }
        columns.push(ColumnDef {
            name: c.name.value.clone(),
            kind: map_type(&c.data_type, &c.name.value)?,
            not_null,
        });
    }
    for constraint in &create.constraints {
        if let TableConstraint::PrimaryKey { columns: pk, .. } = constraint {
            primary_key = pk.iter().map(|i| i.value.clone()).collect();
        }
    }
    for k in primary_key.iter().chain(&sort_key) {
        if !columns.iter().any(|c| &c.name == k) {
            return Err(Fault::KeyNotColumn {
                column: k.clone(),
                table: name,
            });
        }
    }
    if let Distribution::Key(k) = &distribution {
        if !columns.iter().any(|c| &c.name == k) {
            return Err(Fault::DistKeyNotColumn {
                column: k.clone(),
                table: name,
            });
        }
    }
    for c in &mut columns {
        if primary_key.contains(&c.name) {
            c.not_null = true;
        }
    }
    if columns.is_empty() {
        return Err(Fault::NoColumns { table: name });
    }
    Ok(TableDef {
        name,
        columns,
        primary_key,
        distribution,
        sort_key,
    })
}

/// The rows a load accepted (typed as declared) and the ones it rejected.
pub struct Checked {
    pub accepted: DataFrame,
    /// source, row (1-based), column, value, reason.
    pub rejects: DataFrame,
    pub reasons: Vec<(RejectReason, usize)>,
}

/// A value as text for a reject message.
fn shown(v: &AnyValue) -> String {
    match v {
        AnyValue::Null => "NULL".into(),
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        other => other.to_string(),
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "1" | "yes" | "y" => Some(true),
        "false" | "f" | "0" | "no" | "n" => Some(false),
        _ => None,
    }
}

/// `column` converted to `kind`; a value that cannot convert becomes null
/// (the caller compares null masks to find them).
fn convert(column: &Column, kind: &ColumnType) -> PolarsResult<Column> {
    let target = kind.dtype();
    if column.dtype() == &DataType::String {
        let ca = column.str()?;
        let name = column.name().clone();
        let out: Column = match kind {
            ColumnType::Date => {
                let v: Vec<Option<i32>> = ca
                    .into_iter()
                    .map(|s| s.and_then(|s| calendar::parse_date(s.trim())).map(|d| d as i32))
                    .collect();
                Series::new(name, v).cast(&DataType::Date)?.into()
            }
            ColumnType::Timestamp => {
                let v: Vec<Option<i64>> = ca
                    .into_iter()
                    .map(|s| s.and_then(|s| calendar::parse_datetime(s.trim())).map(|ms| ms * 1_000))
                    .collect();
                Series::new(name, v).cast(&target)?.into()
            }
            ColumnType::Boolean => {
                let v: Vec<Option<bool>> = ca.into_iter().map(|s| s.and_then(parse_bool)).collect();
                Series::new(name, v).into()
            }
            ColumnType::Varchar(_) => column.clone(),
            _ => {
                let trimmed: Vec<Option<&str>> = ca.into_iter().map(|s| s.map(str::trim)).collect();
                Series::new(name, trimmed).cast(&target)?.into()
            }
        };
        return Ok(out);
    }
    if matches!(kind, ColumnType::Date) && matches!(column.dtype(), DataType::Datetime(_, _)) {
        return column.cast(&DataType::Date);
    }
    column.cast(&target)
}

/// Schema-on-write: `frame`'s rows converted to `def`, the misfits rejected
/// with their reason. `existing` are the table's current primary keys.
pub fn check(def: &TableDef, frame: &DataFrame, source: &str, existing: &HashSet<String>) -> Result<Checked> {
    let n = frame.height();
    let mut reason: Vec<Option<(String, RejectReason)>> = vec![None; n];
    let mut columns = Vec::with_capacity(def.columns.len());
    for c in &def.columns {
        let converted = match frame.column(&c.name) {
            Ok(src) => {
                let out = convert(src, &c.kind)
                    .map_err(|e| EngineError::polars(format!("{source}: converting {}", c.name), e))?;
                for (i, slot) in reason.iter_mut().enumerate() {
                    if slot.is_some() {
                        continue;
                    }
                    let before = src.get(i).unwrap_or(AnyValue::Null);
                    let after = out.get(i).unwrap_or(AnyValue::Null);
                    let text = shown(&before);
                    let blank = matches!(&before, AnyValue::String(s) if s.trim().is_empty());
                    if !before.is_null() && after.is_null() && !blank {
                        *slot = Some((
                            text,
                            RejectReason::NotValid {
                                column: c.name.clone(),
                                declared: c.kind.label(),
                            },
                        ));
                    } else if after.is_null() && c.not_null {
                        *slot = Some((text, RejectReason::NullInNotNull { column: c.name.clone() }));
                    } else if let (ColumnType::Varchar(Some(max)), AnyValue::String(s)) = (&c.kind, &after) {
                        if s.chars().count() as u64 > *max {
                            *slot = Some((
                                text,
                                RejectReason::TooLong {
                                    column: c.name.clone(),
                                    max: *max,
                                },
                            ));
                        }
                    } else if let (ColumnType::Decimal { precision, scale }, AnyValue::Float64(v)) = (&c.kind, &after) {
                        let limit = 10f64.powi(i32::from(*precision) - i32::from(*scale));
                        let scaled = (v * 10f64.powi(i32::from(*scale))).round() / 10f64.powi(i32::from(*scale));
                        if !v.is_finite() || scaled.abs() >= limit {
                            *slot = Some((
                                text,
                                RejectReason::DoesNotFit {
                                    column: c.name.clone(),
                                    declared: c.kind.label(),
                                },
                            ));
                        }
                    }
                }
                let out = if let ColumnType::Decimal { scale, .. } = c.kind {
                    let f = 10f64.powi(i32::from(scale));
                    let ca = out.f64().map_err(|e| EngineError::polars(c.name.clone(), e))?;
                    ca.apply_values(|v| (v * f).round() / f).into_column()
                } else {
                    out
                };
                out.with_name(c.name.as_str().into())
            }
            Err(_) => {
                if c.not_null {
                    for r in reason.iter_mut().filter(|r| r.is_none()) {
                        *r = Some(("NULL".into(), RejectReason::MissingNotNull { column: c.name.clone() }));
                    }
                }
                Column::full_null(c.name.as_str().into(), n, &c.kind.dtype())
            }
        };
        columns.push(converted);
    }
    let typed = DataFrame::new(columns).map_err(|e| EngineError::polars(source.to_string(), e))?;
    // Primary keys: unique within the load and against the table.
    if !def.primary_key.is_empty() {
        let keys: Vec<&Column> = def.primary_key.iter().filter_map(|k| typed.column(k).ok()).collect();
        let mut seen: HashSet<String> = HashSet::new();
        for (i, r) in reason.iter_mut().enumerate() {
            if r.is_some() {
                continue;
            }
            let key: Vec<String> = keys
                .iter()
                .map(|c| shown(&c.get(i).unwrap_or(AnyValue::Null)))
                .collect();
            let key = key.join("\u{1f}");
            if existing.contains(&key) || !seen.insert(key.clone()) {
                *r = Some((
                    key.replace('\u{1f}', ", "),
                    RejectReason::DuplicateKey {
                        column: def.primary_key.join(", "),
                    },
                ));
            }
        }
    }
    let keep: Vec<IdxSize> = (0..n).filter(|&i| reason[i].is_none()).map(|i| i as IdxSize).collect();
    let accepted = typed
        .take(&IdxCa::from_vec("idx".into(), keep))
        .map_err(|e| EngineError::polars(source.to_string(), e))?;
    let mut rows = vec![];
    let (mut cols, mut values, mut why) = (vec![], vec![], vec![]);
    let mut reasons: Vec<(RejectReason, usize)> = vec![];
    for (i, r) in reason.into_iter().enumerate() {
        if let Some((value, reason)) = r {
            rows.push(i as u64 + 1);
            cols.push(reason.column().to_string());
            values.push(value);
            why.push(reason.what());
            match reasons.iter_mut().find(|(s, _)| *s == reason) {
                Some((_, k)) => *k += 1,
                None => reasons.push((reason, 1)),
            }
        }
    }
    let rejects = DataFrame::new(vec![
        Column::new("source".into(), vec![source.to_string(); rows.len()]),
        Column::new("row".into(), rows),
        Column::new("column".into(), cols),
        Column::new("value".into(), values),
        Column::new("reason".into(), why),
    ])
    .map_err(|e| EngineError::polars("reject rows", e))?;
    Ok(Checked {
        accepted,
        rejects,
        reasons,
    })
}

/// The primary keys of `frame`'s rows as `check` compares them.
pub fn primary_keys(def: &TableDef, frame: &DataFrame) -> HashSet<String> {
    let keys: Vec<&Column> = def.primary_key.iter().filter_map(|k| frame.column(k).ok()).collect();
    if keys.is_empty() {
        return HashSet::new();
    }
    (0..frame.height())
        .map(|i| {
            keys.iter()
                .map(|c| shown(&c.get(i).unwrap_or(AnyValue::Null)))
                .collect::<Vec<_>>()
                .join("\u{1f}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FACT: &str = "CREATE TABLE fact_video_performance (
        video_id VARCHAR(50) NOT NULL, date_id INTEGER NOT NULL, views_count BIGINT,
        engagement_score DECIMAL(5,4), revenue_usd DECIMAL(12,2))
        DISTSTYLE KEY DISTKEY (video_id) SORTKEY (date_id, video_id);";

    #[test]
    fn redshift_ddl_parses_with_its_keys() {
        let def = parse_create(FACT).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(def.name, "fact_video_performance");
        assert_eq!(def.distribution, Distribution::Key("video_id".into()));
        assert_eq!(def.sort_key, vec!["date_id", "video_id"]);
        assert_eq!(def.columns[3].kind, ColumnType::Decimal { precision: 5, scale: 4 });
        assert!(def.columns[0].not_null && !def.columns[2].not_null);
        assert!(def.explain()[0].to_string().contains("DISTKEY (video_id)"));
        let dim = parse_create(
            "CREATE TABLE dim_users (user_id VARCHAR(50) PRIMARY KEY, country VARCHAR(100)) DISTSTYLE ALL",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(dim.primary_key, vec!["user_id"]);
        assert_eq!(dim.distribution, Distribution::All);
        assert!(parse_create("CREATE TABLE t (a INT) DISTKEY (b)").is_err());
    }

    #[test]
    fn bad_rows_are_rejected_with_their_reason() {
        let def = parse_create(FACT).unwrap_or_else(|e| panic!("{e}"));
        let frame = df! {
            "video_id" => [Some("v1"), None, Some("v3"), Some(&"x".repeat(51)[..]), Some("v5")],
            "date_id" => ["20240101", "20240102", "soon", "20240104", "20240105"],
            "views_count" => [Some(10i64), Some(20), Some(30), Some(40), None],
            "engagement_score" => [0.12345, 0.5, 0.5, 0.5, 12.0],
        }
        .unwrap_or_default();
        let c = check(&def, &frame, "part-0.parquet", &HashSet::new()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.accepted.height(), 1);
        assert_eq!(c.rejects.height(), 4);
        let reasons: Vec<String> = c
            .rejects
            .column("reason")
            .map(|r| {
                r.str()
                    .map(|s| s.into_no_null_iter().map(String::from).collect())
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        assert_eq!(
            reasons,
            vec![
                "is NULL but the column is NOT NULL",
                "is not a valid INTEGER",
                "is longer than VARCHAR(50)",
                "does not fit DECIMAL(5,4)"
            ]
        );
        // Rounded to the declared scale; the revenue column (not in the file) is NULL.
        let score = c
            .accepted
            .column("engagement_score")
            .and_then(|s| s.get(0).map(|v| v.to_string()));
        assert_eq!(score.unwrap_or_default(), "0.1235");
        assert_eq!(c.accepted.column("revenue_usd").map(|c| c.null_count()).unwrap_or(0), 1);
    }
}
