//! JSON (an array of objects, or one object) and JSON Lines, read by polars;
//! a malformed document is re-parsed with serde_json to say where it breaks.

use std::io::Cursor;

use dataplay_api::{Fault, FileFormat, LoadNote};
use polars_core::prelude::DataFrame;
use polars_io::json::{JsonFormat, JsonReader};
use polars_io::SerReader;
use serde::de::IgnoredAny;

use crate::error::{EngineError, Result};

/// The deepest nesting of arrays and objects in a row of a JSON or JSON
/// Lines file (the row's object is level 1; a top-level array of rows does
/// not count, so a table reads the same from either). polars' JSON parser
/// (simd-json) and its conversion into columns recurse once per level, so a
/// file of 100 000 `[` would overflow the stack (and kill the page's
/// worker); real data rarely goes past 10 levels. Checked by a
/// non-recursive scan before anything is parsed.
pub const MAX_DEPTH: usize = 64;

pub struct JsonRead {
    pub frame: DataFrame,
    /// The format actually read (a `.json` file holding JSON Lines is read as such).
    pub format: FileFormat,
    pub notes: Vec<LoadNote>,
}

pub fn read(file: &str, text: &str, format: FileFormat) -> Result<JsonRead> {
    let body = text.trim_start();
    if body.trim_end().is_empty() {
        return Err(EngineError::Empty { file: file.to_string() });
    }
    check_depth(file, text, format == FileFormat::Jsonl)?;
    let mut notes = Vec::new();
    let format = match format {
        FileFormat::Json if body.starts_with('{') && holds_several_values(body) => {
            notes.push(LoadNote::ReadAsJsonLines);
            FileFormat::Jsonl
        }
        other => other,
    };
    let json_format = if format == FileFormat::Jsonl {
        JsonFormat::JsonLines
    } else {
        JsonFormat::Json
    };
    let frame = JsonReader::new(Cursor::new(text.as_bytes()))
        .with_json_format(json_format)
        .infer_schema_len(None)
        .finish()
        .map_err(|e| {
            // polars' parser does not say where; serde_json does.
            let located = match format {
                FileFormat::Jsonl => check_lines(file, text),
                _ => check_document(file, text),
            };
            located.err().or_else(|| huge_integer(file, text)).unwrap_or_else(|| {
                EngineError::file(
                    file,
                    Fault::Unreadable {
                        format,
                        detail: e.to_string(),
                    },
                )
            })
        })?;
    Ok(JsonRead { frame, format, notes })
}

/// Refuse a file nested deeper than [`MAX_DEPTH`], naming the line and
/// column of the bracket that goes too deep. One pass over the bytes, no
/// recursion: brackets inside strings do not count. In JSON Lines each line
/// starts again at depth 0 (a line cannot continue on the next).
fn check_depth(file: &str, text: &str, lines: bool) -> Result<()> {
    let bytes = text.as_bytes();
    let rows_in_array = !lines && text.trim_start().starts_with('[');
    let limit = MAX_DEPTH + usize::from(rows_in_array);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut line_start) = (1usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
            if lines {
                (depth, in_string, escaped) = (0, false, false);
            }
            continue;
        }
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    // `line_start..i` lies between ASCII bytes: char boundaries.
                    let column = text.get(line_start..i).map_or(0, |s| s.chars().count()) + 1;
                    return Err(EngineError::at(
                        file,
                        line,
                        column,
                        Fault::NestedTooDeep { limit: MAX_DEPTH },
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The first whole number outside 64 bits (valid JSON, which polars reads
/// as Int64 and refuses without saying where).
fn huge_integer(file: &str, text: &str) -> Option<EngineError> {
    let bytes = text.as_bytes();
    let (mut in_string, mut escaped) = (false, false);
    let (mut line, mut line_start) = (1usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            (line, line_start) = (line + 1, i + 1);
        } else if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'-' || b.is_ascii_digit() {
            let len = bytes[i..]
                .iter()
                .position(|c| !matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .unwrap_or(bytes.len() - i);
            let number = &text[i..i + len];
            if !number.contains(['.', 'e', 'E']) && number.parse::<i64>().is_err() {
                let column = text[line_start..i].chars().count() + 1;
                return Some(EngineError::at(
                    file,
                    line,
                    column,
                    Fault::NumberTooBig {
                        number: number.to_string(),
                    },
                ));
            }
            i += len;
            continue;
        }
        i += 1;
    }
    None
}

/// A JSON document whose first value is followed by more values.
fn holds_several_values(body: &str) -> bool {
    let mut values = serde_json::Deserializer::from_str(body).into_iter::<IgnoredAny>();
    matches!((values.next(), values.next()), (Some(Ok(_)), Some(_)))
}

/// The document must be an object or an array of objects; say where it is not.
fn check_document(file: &str, text: &str) -> Result<()> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| EngineError::at(file, e.line().max(1), e.column().max(1), json_message(&e)))?;
    match value {
        serde_json::Value::Object(_) => Ok(()),
        serde_json::Value::Array(items) => match items.iter().position(|v| !v.is_object()) {
            None => Ok(()),
            Some(i) => Err(EngineError::file(file, Fault::ElementNotObject { element: i + 1 })),
        },
        _ => Err(EngineError::file(file, Fault::TopLevelNotObjects)),
    }
}

/// Every non-blank line must hold one JSON object.
fn check_lines(file: &str, text: &str) -> Result<()> {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(trimmed).map_err(|e| {
            let indent = line.len() - line.trim_start().len();
            EngineError::at(file, i + 1, e.column().max(1) + indent, json_message(&e))
        })?;
        if !value.is_object() {
            return Err(EngineError::at(file, i + 1, 1, Fault::LineNotObject));
        }
    }
    Ok(())
}

fn json_message(e: &serde_json::Error) -> Fault {
    // serde_json appends " at line L column C"; we say that ourselves.
    let full = e.to_string();
    let detail = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    Fault::JsonSyntax { detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_array_of_objects_with_nested_structs() {
        let text = r#"[{"id":1,"a":{"views":10,"likes":2}},{"id":2,"a":{"views":5,"likes":1}}]"#;
        let read = read("v.json", text, FileFormat::Json).unwrap();
        assert_eq!(read.frame.height(), 2);
        assert!(read.frame.column("a").unwrap().dtype().is_struct());
    }

    #[test]
    fn one_object_is_one_row() {
        let read = read("v.json", r#"{"video_id":"vid_1","views":3}"#, FileFormat::Json).unwrap();
        assert_eq!(read.frame.height(), 1);
    }

    #[test]
    fn json_lines_in_a_json_file_are_detected() {
        let read = read("e.json", "{\"a\":1}\n{\"a\":2}\n", FileFormat::Json).unwrap();
        assert_eq!(read.format, FileFormat::Jsonl);
        assert_eq!(read.frame.height(), 2);
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let text = "[\n  {\"a\": 1},\n  {\"a\": 2,,}\n]";
        let err = read("bad.json", text, FileFormat::Json).err().unwrap().to_string();
        assert!(err.starts_with("bad.json: line 3, column 11:"), "{err}");
    }

    #[test]
    fn truncated_json_is_an_error() {
        let err = read("t.json", "[{\"a\": 1}, {\"a\"", FileFormat::Json)
            .err()
            .unwrap()
            .to_string();
        assert!(err.starts_with("t.json: line 1,"), "{err}");
    }

    #[test]
    fn bad_jsonl_line_is_named() {
        let err = read("e.jsonl", "{\"a\":1}\n\n{\"a\":}\n", FileFormat::Jsonl)
            .err()
            .unwrap()
            .to_string();
        assert!(err.starts_with("e.jsonl: line 3, column 6:"), "{err}");
    }

    fn nested(levels: usize) -> String {
        format!("{}1{}", "{\"a\":".repeat(levels), "}".repeat(levels))
    }

    #[test]
    fn nesting_up_to_the_limit_reads() {
        // Rows nesting MAX_DEPTH levels, in an array and one per line.
        let text = format!("[{}]", nested(MAX_DEPTH));
        let read = read("deep.json", &text, FileFormat::Json).unwrap();
        assert_eq!(read.frame.height(), 1);
        let line = format!("{}\n{}\n", nested(MAX_DEPTH), nested(2));
        assert_eq!(read_lines(&line).frame.height(), 2);
    }

    fn read_lines(text: &str) -> JsonRead {
        read("deep.jsonl", text, FileFormat::Jsonl).unwrap()
    }

    #[test]
    fn nesting_past_the_limit_names_where() {
        let text = format!("[\n{}]", nested(MAX_DEPTH + 1));
        let err = read("deep.json", &text, FileFormat::Json).err().unwrap().to_string();
        // The array of rows on line 1 does not count; level 65 is the 65th `{`.
        let column = 5 * MAX_DEPTH + 1;
        assert!(
            err.starts_with(&format!("deep.json: line 2, column {column}: ")),
            "{err}"
        );
        assert!(err.contains(&format!("at most {MAX_DEPTH} levels")), "{err}");
        let err = read(
            "d.jsonl",
            &format!("{{}}\n{}\n", "[".repeat(100_000)),
            FileFormat::Jsonl,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            err.starts_with(&format!("d.jsonl: line 2, column {}: ", MAX_DEPTH + 1)),
            "{err}"
        );
    }

    #[test]
    fn brackets_in_strings_and_escapes_do_not_count() {
        let deep_text = "[".repeat(1000);
        let text = format!("[{{\"a\":\"{deep_text}\\\"{{\"}}]");
        let read = read("s.json", &text, FileFormat::Json).unwrap();
        assert_eq!(read.frame.height(), 1);
    }

    #[test]
    fn each_json_line_starts_at_depth_zero() {
        // 100 cut lines each leave 2 levels open: the error is the first
        // line's syntax, not a depth of 200.
        let text = "{\"a\":[\n".repeat(100);
        let err = read("cut.jsonl", &text, FileFormat::Jsonl).err().unwrap().to_string();
        assert!(err.starts_with("cut.jsonl: line 1, "), "{err}");
        assert!(!err.contains("levels"), "{err}");
    }

    #[test]
    fn a_whole_number_beyond_64_bits_is_named() {
        let text = "{\"id\":1}\n{\"note\":\"-99999999999999999999\", \"id\":18446744073709551615}\n";
        let err = read("ids.jsonl", text, FileFormat::Jsonl).err().unwrap().to_string();
        assert!(
            err.starts_with("ids.jsonl: line 2, column 39: the whole number 18446744073709551615"),
            "{err}"
        );
        let ok = read(
            "ids.json",
            "[{\"id\":9223372036854775807,\"x\":-1.5e300}]",
            FileFormat::Json,
        )
        .unwrap();
        assert_eq!(ok.frame.height(), 1);
    }

    #[test]
    fn array_of_scalars_is_rejected() {
        let err = read("n.json", "[1,2,3]", FileFormat::Json).err().unwrap().to_string();
        assert!(err.contains("not an object"), "{err}");
    }
}
