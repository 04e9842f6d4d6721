//! The functions dataplay adds to polars-sql: `DATE_TRUNC`, `STRUCT(…)` and
//! the running window (`SUM`/`COUNT`/`ROW_NUMBER … OVER (PARTITION BY …
//! ORDER BY …)`), which `rewrite` turns into calls of these user-defined
//! functions.

use std::sync::Arc;

use polars_core::chunked_array::ops::row_encode::_get_rows_encoded_ca;
use polars_core::prelude::*;
use polars_plan::dsl::BaseColumnUdf;
use polars_plan::prelude::UserDefinedFunction;
use polars_sql::function_registry::FunctionRegistry;

use crate::base::calendar::{civil, days_from_civil, weekday, MS_PER_DAY};

/// Name of the running-window function `rewrite` calls.
pub const RUNNING: &str = "dataplay_running";
/// Name of the `DATE_TRUNC` function `rewrite` calls, with the unit last so
/// that the result is named after the truncated column.
pub const DATE_TRUNC: &str = "dataplay_date_trunc";

/// Name of the function `rewrite` turns `STRUCT(a, b, …)` into.
pub const STRUCT: &str = "dataplay_struct";

/// The registry handed to polars-sql's context.
pub struct Registry {
    functions: PlHashMap<String, UserDefinedFunction>,
}

impl Registry {
    pub fn new() -> Arc<Self> {
        let mut functions = PlHashMap::new();
        functions.insert(DATE_TRUNC.to_string(), date_trunc_udf());
        functions.insert(RUNNING.to_string(), running_udf());
        functions.insert(STRUCT.to_string(), struct_udf());
        Arc::new(Registry { functions })
    }
}

impl FunctionRegistry for Registry {
    fn register(&mut self, name: &str, fun: UserDefinedFunction) -> PolarsResult<()> {
        self.functions.insert(name.to_string(), fun);
        Ok(())
    }
    fn get_udf(&self, name: &str) -> PolarsResult<Option<UserDefinedFunction>> {
        Ok(self.functions.get(name).cloned())
    }
    fn contains(&self, name: &str) -> bool {
        self.functions.contains_key(name)
    }
}

/// A string argument that must be a literal (one value for the whole column).
fn literal_text(c: &Column, what: &str) -> PolarsResult<String> {
    let ca = c
        .str()
        .map_err(|_| polars_err!(InvalidOperation: "{what} must be a text literal"))?;
    match ca.get(0) {
        Some(v) if ca.len() == 1 || ca.n_unique()? == 1 => Ok(v.to_string()),
        _ => polars_bail!(InvalidOperation: "{what} must be a text literal"),
    }
}

// ---------------------------------------------------------------- DATE_TRUNC

#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

fn parse_unit(text: &str) -> PolarsResult<Unit> {
    Ok(match text.trim().to_ascii_lowercase().as_str() {
        "second" | "seconds" => Unit::Second,
        "minute" | "minutes" => Unit::Minute,
        "hour" | "hours" => Unit::Hour,
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "quarter" | "quarters" => Unit::Quarter,
        "year" | "years" => Unit::Year,
        other => polars_bail!(InvalidOperation:
            "DATE_TRUNC: unknown unit '{other}' (second, minute, hour, day, week, month, quarter, year)"),
    })
}

/// The first day of the period `days` falls in (weeks start on Monday, as ISO).
fn trunc_days(days: i64, unit: Unit) -> i64 {
    let (y, m, _) = civil(days);
    let first = |y: i64, m: u32| days_from_civil(y, m, 1).unwrap_or(days);
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => days,
        Unit::Week => days - i64::from(weekday(days)),
        Unit::Month => first(y, m),
        Unit::Quarter => first(y, (m - 1) / 3 * 3 + 1),
        Unit::Year => first(y, 1),
    }
}

fn trunc_ms(ms: i64, unit: Unit) -> i64 {
    let days = ms.div_euclid(MS_PER_DAY);
    let in_day = ms.rem_euclid(MS_PER_DAY);
    let keep = match unit {
        Unit::Second => in_day - in_day % 1_000,
        Unit::Minute => in_day - in_day % 60_000,
        Unit::Hour => in_day - in_day % 3_600_000,
        _ => 0,
    };
    trunc_days(days, unit) * MS_PER_DAY + keep
}

fn date_trunc(cols: &mut [Column]) -> PolarsResult<Column> {
    polars_ensure!(cols.len() == 2, InvalidOperation: "DATE_TRUNC takes a unit and a date or timestamp");
    let unit = parse_unit(&literal_text(&cols[1], "DATE_TRUNC's unit")?)?;
    let c = &cols[0];
    match c.dtype() {
        DataType::Date => {
            let days = c
                .date()?
                .physical()
                .apply_values(|d| trunc_days(i64::from(d), unit) as i32);
            Ok(days.into_date().into_column())
        }
        DataType::Datetime(tu, tz) => {
            let per_ms = match tu {
                TimeUnit::Milliseconds => 1,
                TimeUnit::Microseconds => 1_000,
                TimeUnit::Nanoseconds => 1_000_000,
            };
            // Sub-millisecond digits go with any unit (the smallest is a second).
            let phys = c
                .datetime()?
                .physical()
                .apply_values(|v| trunc_ms(v.div_euclid(per_ms), unit) * per_ms);
            Ok(phys.into_datetime(*tu, tz.clone()).into_column())
        }
        other => polars_bail!(InvalidOperation:
            "DATE_TRUNC needs a date or timestamp, got {other} (CAST it first)"),
    }
    .map(|c: Column| c.with_name(cols[0].name().clone()))
}

fn date_trunc_udf() -> UserDefinedFunction {
    UserDefinedFunction::new(
        DATE_TRUNC.into(),
        BaseColumnUdf::new(date_trunc, |_: &Schema, fields: &[Field]| {
            polars_ensure!(fields.len() == 2, InvalidOperation: "DATE_TRUNC takes a unit and a date or timestamp");
            Ok(fields[0].clone())
        }),
    )
}

// ------------------------------------------------------------------ STRUCT

/// Separates the field names in `STRUCT`'s first (literal) argument.
pub const STRUCT_NAMES_SEPARATOR: char = '\u{1f}';

/// `STRUCT(a, b, …)`: one struct per row whose fields are the arguments,
/// named after their columns (`STRUCT(video_id, title)` → `{video_id,
/// title}`) as Spark's `struct` names them. `rewrite` passes the names as
/// the first argument: inside an aggregation polars hands the arguments
/// over without their names.
fn make_struct(cols: &mut [Column]) -> PolarsResult<Column> {
    let Some((names, values)) = cols.split_first() else {
        polars_bail!(InvalidOperation: "STRUCT needs at least one field");
    };
    let names = literal_text(names, "STRUCT's field names")?;
    let names: Vec<&str> = names.split(STRUCT_NAMES_SEPARATOR).collect();
    polars_ensure!(!values.is_empty() && names.len() == values.len(), InvalidOperation: "STRUCT needs at least one field");
    let len = values.iter().map(Column::len).max().unwrap_or(0);
    // A literal argument is one value for every row.
    let fields: Vec<Column> = values
        .iter()
        .zip(&names)
        .map(|(c, name)| {
            let c = if c.len() == 1 && len > 1 {
                c.new_from_index(0, len)
            } else {
                c.clone()
            };
            c.with_name((*name).into())
        })
        .collect();
    Ok(StructChunked::from_columns("struct".into(), len, &fields)?.into_column())
}

fn struct_udf() -> UserDefinedFunction {
    UserDefinedFunction::new(
        STRUCT.into(),
        BaseColumnUdf::new(make_struct, |_: &Schema, fields: &[Field]| {
            let fields = fields
                .iter()
                .skip(1)
                .map(|f| {
                    Ok(Field::new(
                        f.name().clone(),
                        f.dtype().clone().materialize_unknown(true)?,
                    ))
                })
                .collect::<PolarsResult<Vec<_>>>()?;
            Ok(Field::new("struct".into(), DataType::Struct(fields)))
        }),
    )
}

// ------------------------------------------------------------ running windows

/// What a running window computes; encoded with the partition and order
/// shape in the first (literal) argument by `rewrite`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RunningKind {
    Sum,
    Count,
    CountRows,
    RowNumber,
}

/// The window's shape as `rewrite` writes it (as the last argument) and the UDF reads it:
/// `kind;partitions;orders;rows|range`, orders as `a`/`d` and `f`/`l`
/// (nulls first/last) per ORDER BY item, e.g. `sum;2;al;rows`.
#[derive(Clone, Debug, PartialEq)]
pub struct RunningSpec {
    pub kind: RunningKind,
    pub partitions: usize,
    /// (descending, nulls_last) per ORDER BY item.
    pub orders: Vec<(bool, bool)>,
    /// `ROWS` frame (each row its own end) rather than `RANGE` (peers share).
    pub rows: bool,
}

impl RunningSpec {
    pub fn encode(&self) -> String {
        let kind = match self.kind {
            RunningKind::Sum => "sum",
            RunningKind::Count => "count",
            RunningKind::CountRows => "countrows",
            RunningKind::RowNumber => "row_number",
        };
        let orders: String = self
            .orders
            .iter()
            .map(|&(d, l)| format!("{}{}", if d { 'd' } else { 'a' }, if l { 'l' } else { 'f' }))
            .collect();
        format!(
            "{kind};{};{orders};{}",
            self.partitions,
            if self.rows { "rows" } else { "range" }
        )
    }

    fn decode(text: &str) -> PolarsResult<Self> {
        let bad = || polars_err!(InvalidOperation: "malformed running window '{text}'");
        let parts: Vec<&str> = text.split(';').collect();
        let [kind, partitions, orders, frame] = parts.as_slice() else {
            return Err(bad());
        };
        let kind = match *kind {
            "sum" => RunningKind::Sum,
            "count" => RunningKind::Count,
            "countrows" => RunningKind::CountRows,
            "row_number" => RunningKind::RowNumber,
            _ => return Err(bad()),
        };
        let partitions = partitions.parse().map_err(|_| bad())?;
        let bytes = orders.as_bytes();
        if bytes.len() % 2 != 0 {
            return Err(bad());
        }
        let orders = bytes.chunks(2).map(|p| (p[0] == b'd', p[1] == b'l')).collect();
        Ok(RunningSpec {
            kind,
            partitions,
            orders,
            rows: *frame == "rows",
        })
    }

    /// Arguments the UDF takes after the spec: the value (except for
    /// ROW_NUMBER and COUNT(*)), the partition keys, the order keys.
    fn value_args(&self) -> usize {
        usize::from(matches!(self.kind, RunningKind::Sum | RunningKind::Count))
    }
}

/// Stable order of the rows by (partition keys, order keys) and where each
/// partition and each run of peers (equal order keys) ends.
struct Ordering {
    rows: Vec<IdxSize>,
    same_partition: Vec<bool>,
    same_peer: Vec<bool>,
}

fn order_rows(partition: &[Column], order: &[Column], spec: &RunningSpec, n: usize) -> PolarsResult<Ordering> {
    let encode = |cols: &[Column], desc: Vec<bool>, last: Vec<bool>| -> PolarsResult<Option<BinaryOffsetChunked>> {
        if cols.is_empty() {
            return Ok(None);
        }
        let cols: Vec<Column> = cols.iter().map(|c| c.rechunk()).collect();
        _get_rows_encoded_ca("k".into(), &cols, &desc, &last).map(|ca| Some(ca.rechunk().into_owned()))
    };
    let pk = encode(partition, vec![false; partition.len()], vec![false; partition.len()])?;
    let ok = encode(
        order,
        spec.orders.iter().map(|o| o.0).collect(),
        spec.orders.iter().map(|o| o.1).collect(),
    )?;
    fn key(k: &Option<BinaryOffsetChunked>, i: usize) -> &[u8] {
        k.as_ref().and_then(|ca| ca.get(i)).unwrap_or(&[])
    }
    let mut rows: Vec<IdxSize> = (0..n as IdxSize).collect();
    rows.sort_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        key(&pk, a).cmp(key(&pk, b)).then_with(|| key(&ok, a).cmp(key(&ok, b)))
    });
    let mut same_partition = vec![false; n];
    let mut same_peer = vec![false; n];
    for w in 1..n {
        let (a, b) = (rows[w - 1] as usize, rows[w] as usize);
        same_partition[w] = key(&pk, a) == key(&pk, b);
        same_peer[w] = same_partition[w] && key(&ok, a) == key(&ok, b);
    }
    Ok(Ordering {
        rows,
        same_partition,
        same_peer,
    })
}

/// Running values in sorted order; with a RANGE frame every peer takes the
/// value of the last row of its run of peers.
fn finish_peers<T: Copy>(values: &mut [T], ordering: &Ordering, rows_frame: bool) {
    if rows_frame {
        return;
    }
    let n = values.len();
    let mut end = n;
    for w in (0..n).rev() {
        if w + 1 < n && ordering.same_peer[w + 1] {
            values[w] = values[end - 1];
        } else {
            end = w + 1;
        }
    }
}

/// Puts values computed in sorted order back in the rows' order.
fn scatter<T: Copy + Default>(sorted: &[T], ordering: &Ordering) -> Vec<T> {
    let mut out = vec![T::default(); sorted.len()];
    for (w, &row) in ordering.rows.iter().enumerate() {
        out[row as usize] = sorted[w];
    }
    out
}

fn running(cols: &mut [Column]) -> PolarsResult<Column> {
    let Some((spec, args)) = cols.split_last() else {
        polars_bail!(InvalidOperation: "running window without a spec");
    };
    let spec = RunningSpec::decode(&literal_text(spec, "the window spec")?)?;
    let v = spec.value_args();
    polars_ensure!(args.len() == v + spec.partitions + spec.orders.len(),
        InvalidOperation: "running window: wrong number of arguments");
    let n = args.iter().map(|c| c.len()).max().unwrap_or(0);
    let full = |c: &Column| {
        if c.len() == n {
            c.clone()
        } else {
            c.new_from_index(0, n)
        }
    };
    let partition: Vec<Column> = args[v..v + spec.partitions].iter().map(full).collect();
    let order: Vec<Column> = args[v + spec.partitions..].iter().map(full).collect();
    let ordering = order_rows(&partition, &order, &spec, n)?;
    let name = PlSmallStr::from_static("running");
    match spec.kind {
        RunningKind::RowNumber | RunningKind::CountRows | RunningKind::Count => {
            let valid: Option<Vec<bool>> = match spec.kind {
                RunningKind::Count => {
                    let value = full(&args[0]);
                    let mask = value.is_not_null();
                    Some(mask.into_iter().map(|b| b.unwrap_or(false)).collect())
                }
                _ => None,
            };
            let mut counts = vec![0i64; n];
            let mut acc = 0i64;
            for (w, count) in counts.iter_mut().enumerate() {
                if !ordering.same_partition[w] {
                    acc = 0;
                }
                let row = ordering.rows[w] as usize;
                acc += i64::from(valid.as_ref().is_none_or(|m| m[row]));
                *count = acc;
            }
            if spec.kind != RunningKind::RowNumber {
                finish_peers(&mut counts, &ordering, spec.rows);
            }
            Ok(Int64Chunked::from_vec(name, scatter(&counts, &ordering)).into_column())
        }
        RunningKind::Sum => {
            let value = full(&args[0]);
            let float = value.dtype().is_float() || value.dtype().is_decimal();
            polars_ensure!(value.dtype().is_primitive_numeric() || value.dtype().is_decimal() || value.dtype().is_null(),
                InvalidOperation: "SUM over a window needs numbers, got {}", value.dtype());
            let target = if float { DataType::Float64 } else { DataType::Int64 };
            let value = value.cast(&target)?;
            let mut sums: Vec<Option<f64>> = vec![None; n];
            let mut isums: Vec<Option<i64>> = vec![None; n];
            let (fv, iv) = if float {
                (Some(value.f64()?.clone()), None)
            } else {
                (None, Some(value.i64()?.clone()))
            };
            let mut facc: Option<f64> = None;
            let mut iacc: Option<i64> = None;
            for w in 0..n {
                if !ordering.same_partition[w] {
                    facc = None;
                    iacc = None;
                }
                let row = ordering.rows[w] as usize;
                if let Some(f) = &fv {
                    if let Some(x) = f.get(row) {
                        facc = Some(facc.unwrap_or(0.0) + x);
                    }
                    sums[w] = facc;
                }
                if let Some(i) = &iv {
                    if let Some(x) = i.get(row) {
                        iacc = Some(iacc.unwrap_or(0).wrapping_add(x));
                    }
                    isums[w] = iacc;
                }
            }
            if float {
                finish_peers(&mut sums, &ordering, spec.rows);
                Ok(Float64Chunked::from_iter_options(name, scatter(&sums, &ordering).into_iter()).into_column())
            } else {
                finish_peers(&mut isums, &ordering, spec.rows);
                Ok(Int64Chunked::from_iter_options(name, scatter(&isums, &ordering).into_iter()).into_column())
            }
        }
    }
}

fn running_udf() -> UserDefinedFunction {
    UserDefinedFunction::new(
        RUNNING.into(),
        BaseColumnUdf::new(running, |_: &Schema, fields: &[Field]| {
            // The spec is a literal; its kind decides the type: SUM of floats
            // is a float, every other running value is an integer.
            let float = fields
                .first()
                .filter(|_| fields.len() > 1)
                .map(|f| f.dtype().is_float() || f.dtype().is_decimal())
                .unwrap_or(false);
            let dtype = if float { DataType::Float64 } else { DataType::Int64 };
            Ok(Field::new("running".into(), dtype))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_round_trips() {
        let spec = RunningSpec {
            kind: RunningKind::Sum,
            partitions: 2,
            orders: vec![(false, true), (true, false)],
            rows: true,
        };
        assert_eq!(spec.encode(), "sum;2;aldf;rows");
        assert_eq!(RunningSpec::decode(&spec.encode()).ok(), Some(spec));
        assert!(RunningSpec::decode("sum;x;;rows").is_err());
    }

    #[test]
    fn truncates_to_periods() {
        // 2024-02-15 is a Thursday.
        let d = days_from_civil(2024, 2, 15).unwrap_or_default();
        assert_eq!(
            trunc_days(d, Unit::Month),
            days_from_civil(2024, 2, 1).unwrap_or_default()
        );
        assert_eq!(
            trunc_days(d, Unit::Quarter),
            days_from_civil(2024, 1, 1).unwrap_or_default()
        );
        assert_eq!(
            trunc_days(d, Unit::Week),
            days_from_civil(2024, 2, 12).unwrap_or_default()
        );
        let ms = d * MS_PER_DAY + 13 * 3_600_000 + 59 * 60_000 + 7_123;
        assert_eq!(trunc_ms(ms, Unit::Hour), d * MS_PER_DAY + 13 * 3_600_000);
        assert_eq!(
            trunc_ms(ms, Unit::Second),
            d * MS_PER_DAY + 13 * 3_600_000 + 59 * 60_000 + 7_000
        );
        assert_eq!(trunc_ms(-1, Unit::Day), -MS_PER_DAY);
    }
}
