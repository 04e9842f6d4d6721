//! Hive-style partitions: `key=value` directories in a path, read back as
//! columns (whole numbers as Int64, anything else as text).

use polars_core::prelude::{Column, DataType, NamedFrom, Series};

/// `zone/dataset/k1=v1/k2=v2/file`.
pub fn hive_path(zone: &str, dataset: &str, partitions: &[(&str, String)], file: &str) -> String {
    let mut path = format!("{zone}/{dataset}");
    for (k, v) in partitions {
        path.push_str(&format!("/{k}={}", escape(v)));
    }
    path.push('/');
    path.push_str(file);
    path
}

/// A partition value as a path segment: `/` and `=` cannot appear in it.
pub fn escape(value: &str) -> String {
    value.replace('%', "%25").replace('/', "%2F").replace('=', "%3D")
}

fn unescape(value: &str) -> String {
    value.replace("%2F", "/").replace("%3D", "=").replace("%25", "%")
}

/// The `key=value` segments of a relative path's directories, in order.
pub fn parse(relative: &str) -> Vec<(String, String)> {
    let mut dirs: Vec<&str> = relative.split('/').collect();
    dirs.pop(); // the file name
    dirs.into_iter()
        .filter_map(|d| d.split_once('='))
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| (k.to_string(), unescape(v)))
        .collect()
}

/// The values of one partition key across files as a column: Int64 when
/// every value is a whole number (`month=01` → 1), else text; `None` where a
/// file has no such directory.
pub fn column(name: &str, values: &[Option<String>]) -> Column {
    let ints: Option<Vec<Option<i64>>> = values
        .iter()
        .map(|v| match v {
            None => Some(None),
            Some(s) => s.parse::<i64>().ok().map(Some),
        })
        .collect();
    match ints {
        Some(ints) => Column::from(Series::new(name.into(), ints)),
        None => Column::from(Series::new(name.into(), values.to_vec())),
    }
}

/// The type `column` gives these values.
pub fn dtype(values: &[Option<String>]) -> DataType {
    column("t", values).dtype().clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_round_trip_through_paths() {
        let p = hive_path(
            "curated",
            "v",
            &[("category", "Music/Live".into()), ("year", "2024".into())],
            "p.parquet",
        );
        assert_eq!(p, "curated/v/category=Music%2FLive/year=2024/p.parquet");
        let rel = p.trim_start_matches("curated/v/");
        assert_eq!(
            parse(rel),
            vec![("category".into(), "Music/Live".into()), ("year".into(), "2024".into())]
        );
        assert_eq!(dtype(&[Some("01".into()), None]), DataType::Int64);
        assert_eq!(dtype(&[Some("01".into()), Some("x".into())]), DataType::String);
    }
}
