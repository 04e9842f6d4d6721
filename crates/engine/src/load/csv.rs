//! CSV: delimiter sniffing, polars' fast reader, and — only when that fails —
//! a slower diagnostic pass that finds the line and column of the problem.

use std::io::Cursor;
use std::sync::Arc;

use dataplay_api::summary::KeptAsText;
use dataplay_api::{Fault, FileFormat, LoadNote, LoadOptions};
use polars_core::prelude::{DataFrame, DataType, Schema};
use polars_io::csv::read::{CsvParseOptions, CsvReadOptions};
use polars_io::SerReader;

use super::text::line_column;
use crate::error::{EngineError, Result};

/// Rows looked at to infer column types before the whole file is scanned.
const INFER_ROWS: usize = 10_000;

/// What the reader decided, for the dataset's notes.
pub struct CsvRead {
    pub frame: DataFrame,
    pub delimiter: u8,
    pub notes: Vec<LoadNote>,
}

pub fn read(file: &str, text: &str, options: &LoadOptions) -> Result<CsvRead> {
    if text.trim().is_empty() {
        return Err(EngineError::Empty { file: file.to_string() });
    }
    let mut notes = Vec::new();
    let delimiter = match options.delimiter {
        Some(d) => d,
        None => {
            let d = sniff_delimiter(text, options.quote);
            if d != b',' {
                notes.push(LoadNote::DelimiterDetected { delimiter: d as char });
            }
            d
        }
    };
    if let Some(at) = options.quote.and_then(|q| lone_quote_at_end(text, q, delimiter)) {
        let (line, column) = line_column(text, at);
        return Err(EngineError::at(file, line, column, Fault::QuoteNeverClosed));
    }
    let overwrite = text_column_schema(file, text, delimiter, options, &mut notes)?;
    let frame = match read_with(text, delimiter, options, overwrite.clone(), Some(INFER_ROWS)) {
        Ok(frame) => frame,
        Err(first) => {
            // A value past the inferred rows may not fit the inferred type
            // (`1.5` after 10 000 integers): infer from the whole file.
            match read_with(text, delimiter, options, overwrite, None) {
                Ok(frame) => {
                    notes.push(LoadNote::TypesFromEveryRow);
                    frame
                }
                Err(_) => return Err(diagnose(file, text, delimiter, options, first)),
            }
        }
    };
    let frame = if options.parse_dates {
        super::dates::parse_text_columns(frame, &options.text_columns)?
    } else {
        frame
    };
    Ok(CsvRead {
        frame,
        delimiter,
        notes,
    })
}

fn read_with(
    text: &str,
    delimiter: u8,
    options: &LoadOptions,
    overwrite: Option<Arc<Schema>>,
    infer_rows: Option<usize>,
) -> std::result::Result<DataFrame, polars_core::error::PolarsError> {
    let parse = CsvParseOptions {
        separator: delimiter,
        quote_char: options.quote,
        // Dates are parsed after reading (`dates`): much faster.
        try_parse_dates: false,
        ..CsvParseOptions::default()
    };
    CsvReadOptions::default()
        .with_has_header(options.has_header)
        .with_parse_options(parse)
        .with_schema_overwrite(overwrite)
        .with_infer_schema_length(infer_rows)
        .with_rechunk(true)
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()
}

/// The columns read as text: those the user forced (checked against the
/// header), those whose values have leading zeros (`00501`, `0901…`),
/// which a number would silently lose, and those holding whole numbers too
/// large for 64 bits (`99999999999999999999999`), which polars would infer
/// as integers and then fail to read.
fn text_column_schema(
    file: &str,
    text: &str,
    delimiter: u8,
    options: &LoadOptions,
    notes: &mut Vec<LoadNote>,
) -> Result<Option<Arc<Schema>>> {
    let header = header_names(text, delimiter, options);
    let mut schema = Schema::default();
    for column in &options.text_columns {
        if !header.iter().any(|h| h == column) {
            return Err(EngineError::UnknownColumn {
                dataset: file.to_string(),
                column: column.clone(),
            });
        }
        schema.with_column(column.as_str().into(), DataType::String);
    }
    let (zeros, huge) = text_number_columns(text, delimiter, options, header.len());
    for (columns, why) in [(zeros, KeptAsText::LeadingZeros), (huge, KeptAsText::TooLargeFor64Bits)] {
        let kept: Vec<&str> = columns
            .iter()
            .filter_map(|&i| header.get(i).map(String::as_str))
            .filter(|c| !schema.contains(c))
            .collect();
        if !kept.is_empty() {
            notes.push(LoadNote::KeptAsText {
                why,
                columns: kept.iter().map(|c| c.to_string()).collect(),
            });
        }
        for c in kept {
            schema.with_column(c.into(), DataType::String);
        }
    }
    Ok((!schema.is_empty()).then(|| Arc::new(schema)))
}

/// Indexes of columns where a value among the first rows is a whole number
/// written with a leading zero (`007`, `-01`), so it is an identifier, not a
/// number; and of those where one is a whole number beyond 64 bits.
fn text_number_columns(text: &str, delimiter: u8, options: &LoadOptions, width: usize) -> (Vec<usize>, Vec<usize>) {
    let mut zeros = vec![false; width];
    let mut huge = vec![false; width];
    let mut reader = csv_reader(text, delimiter, options);
    let skip = usize::from(options.has_header);
    for record in reader.records().skip(skip).take(INFER_ROWS).flatten() {
        for (i, value) in record.iter().enumerate().take(width) {
            let value = value.trim();
            let digits = value.trim_start_matches(['-', '+']);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            if digits.len() > 1 && digits.starts_with('0') {
                zeros[i] = true;
            } else if digits.len() >= 19 && value.parse::<i64>().is_err() {
                huge[i] = true;
            }
        }
    }
    let indexes = |found: Vec<bool>| found.iter().enumerate().filter(|(_, f)| **f).map(|(i, _)| i).collect();
    (indexes(zeros), indexes(huge))
}

/// Column names as polars will name them (`column_1` … without a header).
fn header_names(text: &str, delimiter: u8, options: &LoadOptions) -> Vec<String> {
    let mut reader = csv_reader(text, delimiter, options);
    let first = reader.records().next().and_then(|r| r.ok());
    match first {
        Some(record) if options.has_header => record.iter().map(str::to_string).collect(),
        Some(record) => (1..=record.len()).map(|i| format!("column_{i}")).collect(),
        None => Vec::new(),
    }
}

fn csv_reader<'a>(text: &'a str, delimiter: u8, options: &LoadOptions) -> csv::Reader<&'a [u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(options.quote.is_some())
        .quote(options.quote.unwrap_or(b'"'))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The most frequent candidate delimiter on the first line, outside quotes.
pub fn sniff_delimiter(text: &str, quote: Option<u8>) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut in_quote = false;
    for b in text.bytes() {
        if Some(b) == quote {
            in_quote = !in_quote;
        } else if b == b'\n' && !in_quote {
            break;
        } else if !in_quote {
            if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                counts[i] += 1;
            }
        }
    }
    let best = (0..CANDIDATES.len())
        .max_by_key(|&i| (counts[i], usize::MAX - i))
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        CANDIDATES[best]
    }
}

/// Find where the file breaks the CSV rules; fall back to polars' message.
fn diagnose(
    file: &str,
    text: &str,
    delimiter: u8,
    options: &LoadOptions,
    polars_error: polars_core::error::PolarsError,
) -> EngineError {
    if let Some(quote) = options.quote {
        if let Some(at) = unterminated_quote(text, quote) {
            let (line, column) = line_column(text, at);
            return EngineError::at(file, line, column, Fault::QuoteNeverClosed);
        }
    }
    let mut reader = csv_reader(text, delimiter, options);
    let mut expected: Option<usize> = None;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                return EngineError::at(file, line, 1, Fault::CsvRecord { detail: e.to_string() });
            }
        };
        let line = record.position().map_or(1, |p| p.line() as usize);
        match expected {
            None => expected = Some(record.len()),
            Some(n) if record.len() > n => {
                let column = column_of_field(text, record.position().map_or(0, |p| p.byte() as usize), delimiter, n);
                return EngineError::at(
                    file,
                    line,
                    column,
                    Fault::FieldCount {
                        found: record.len(),
                        expected: n,
                    },
                );
            }
            Some(_) => {}
        }
    }
    let message = polars_error.to_string();
    // polars names the offending column; that helps when nothing above did.
    EngineError::file(
        file,
        Fault::Unreadable {
            format: FileFormat::Csv,
            detail: first_line(&message).to_string(),
        },
    )
}

/// A file that ends with a field of one quote (`1,"`): never closed, and
/// polars 0.51 slices such a field as `[1..0]` when the column is a number
/// or a boolean, which panics (a crash of the page's worker).
fn lone_quote_at_end(text: &str, quote: u8, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let at = bytes.len().checked_sub(1)?;
    let starts_field = at == 0 || matches!(bytes[at - 1], b'\n' | b'\r') || bytes[at - 1] == delimiter;
    (bytes[at] == quote && starts_field).then_some(at)
}

/// Byte offset of the opening quote of a field that never closes.
fn unterminated_quote(text: &str, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == quote {
            match open {
                None => open = Some(i),
                Some(_) if bytes.get(i + 1) == Some(&quote) => i += 1, // escaped ""
                Some(_) => open = None,
            }
        }
        i += 1;
    }
    open
}

/// 1-based column (in characters) where field number `n` (0-based) of the
/// record starting at `start` begins.
fn column_of_field(text: &str, start: usize, delimiter: u8, n: usize) -> usize {
    let line = text.get(start..).unwrap_or_default();
    let line = line.split('\n').next().unwrap_or_default();
    let mut seen = 0;
    for (chars, c) in line.chars().enumerate() {
        if c == delimiter as char {
            seen += 1;
            if seen == n {
                return chars + 2;
            }
        }
    }
    1
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> LoadOptions {
        LoadOptions::default()
    }

    #[test]
    fn sniffs_semicolons_and_tabs() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3", Some(b'"')), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2", Some(b'"')), b'\t');
        assert_eq!(sniff_delimiter("\"x;y\",b\n", Some(b'"')), b',');
        assert_eq!(sniff_delimiter("single\n1\n", Some(b'"')), b',');
    }

    #[test]
    fn reads_quoted_fields_with_delimiters_and_newlines() {
        let text = "id,name\n1,\"Bánh mì, pate\"\n2,\"two\nlines\"\n";
        let read = read("t.csv", text, &opts()).unwrap();
        assert_eq!(read.frame.height(), 2);
        let names = read.frame.column("name").unwrap().str().unwrap().clone();
        assert_eq!(names.get(0), Some("Bánh mì, pate"));
        assert_eq!(names.get(1), Some("two\nlines"));
    }

    #[test]
    fn ragged_row_is_reported_with_its_line() {
        let text = "a,b\n1,2\n3,4,5\n";
        let err = read("r.csv", text, &opts()).err().unwrap().to_string();
        assert!(err.starts_with("r.csv: line 3, column 5:"), "{err}");
        assert!(err.contains("3 fields"), "{err}");
    }

    #[test]
    fn unterminated_quote_is_reported_where_it_opens() {
        let text = "a,b\n1,\"oops\n2,3\n";
        let err = read("q.csv", text, &opts()).err().unwrap().to_string();
        assert!(err.starts_with("q.csv: line 2, column 3:"), "{err}");
    }

    #[test]
    fn a_lone_quote_at_the_end_is_an_unclosed_field() {
        // polars would panic here (number column, field of one quote).
        for (text, at) in [
            ("0\ta\"\n\"", "line 2, column 1:"),
            ("n,b\n1,true\n2,\"", "line 3, column 3:"),
        ] {
            let err = read("q.csv", text, &opts()).err().unwrap().to_string();
            assert!(
                err.starts_with(&format!("q.csv: {at} this quoted field is never closed")),
                "{err}"
            );
        }
        // A closed quote at the end is fine.
        let read = read("q.csv", "n,s\n1,\"\"", &opts()).unwrap();
        assert_eq!(read.frame.height(), 1);
    }

    #[test]
    fn leading_zeros_keep_a_column_as_text() {
        let text = "zip,n,id\n00501,1,10\n02134,2,0\n";
        let mut o = opts();
        let read_zips = read("z.csv", text, &o).unwrap();
        let zips = read_zips.frame.column("zip").unwrap().str().unwrap().clone();
        assert_eq!(zips.get(0), Some("00501"));
        assert_eq!(
            read_zips.notes,
            vec![LoadNote::KeptAsText {
                why: KeptAsText::LeadingZeros,
                columns: vec!["zip".into()],
            }]
        );
        assert_eq!(read_zips.notes[0].to_string(), "kept as text (leading zeros): zip");
        // A lone 0 is a number; forcing a number column to text is the user's call.
        assert_eq!(read_zips.frame.column("id").unwrap().dtype(), &DataType::Int64);
        o.text_columns = vec!["id".into()];
        let forced = read("z.csv", text, &o).unwrap().frame;
        assert_eq!(forced.column("id").unwrap().str().unwrap().get(0), Some("10"));
    }

    #[test]
    fn extreme_numbers_load_and_huge_integers_stay_text() {
        let text = "big,tiny,huge,neg_zero,nan\n1e400,1e-400,99999999999999999999999,-0,NaN\n1,2,-99999999999999999999,0,inf\n";
        let loaded = read("x.csv", text, &opts()).unwrap();
        let f = &loaded.frame;
        let huge = f.column("huge").unwrap().str().unwrap().clone();
        assert_eq!(huge.get(0), Some("99999999999999999999999"));
        assert_eq!(huge.get(1), Some("-99999999999999999999"));
        let note = "kept as text (whole numbers too large for 64 bits): huge";
        assert!(loaded.notes.iter().any(|n| n.to_string() == note), "{:?}", loaded.notes);
        let big = f.column("big").unwrap().f64().unwrap().clone();
        assert_eq!(big.get(0), Some(f64::INFINITY));
        assert_eq!(f.column("tiny").unwrap().f64().unwrap().get(0), Some(0.0));
        assert_eq!(f.column("neg_zero").unwrap().i64().unwrap().get(0), Some(0));
        let nan = f.column("nan").unwrap().f64().unwrap().clone();
        assert!(nan.get(0).is_some_and(f64::is_nan) && nan.get(1) == Some(f64::INFINITY));
        // i64's own extremes are numbers.
        let edge = read("e.csv", "n\n9223372036854775807\n-9223372036854775808\n", &opts()).unwrap();
        assert_eq!(edge.frame.column("n").unwrap().i64().unwrap().get(1), Some(i64::MIN));
    }

    #[test]
    fn unknown_text_column_is_an_error() {
        let mut o = opts();
        o.text_columns = vec!["nope".into()];
        let err = read("z.csv", "a\n1\n", &o).err().unwrap().to_string();
        assert!(err.contains("no column named 'nope'"), "{err}");
    }

    #[test]
    fn late_float_after_many_ints_is_read() {
        let mut text = String::from("x\n");
        for i in 0..(INFER_ROWS + 5) {
            text.push_str(&format!("{i}\n"));
        }
        text.push_str("1.5\n");
        let read = read("f.csv", &text, &opts()).unwrap();
        assert_eq!(read.frame.column("x").unwrap().dtype(), &DataType::Float64);
    }
}
