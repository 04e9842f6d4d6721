//! JSON (an array of objects, or one object) and JSON Lines, read by polars;
//! a malformed document is re-parsed with serde_json to say where it breaks.

use std::io::Cursor;

use dataplay_api::FileFormat;
use polars_core::prelude::DataFrame;
use polars_io::json::{JsonFormat, JsonReader};
use polars_io::SerReader;
use serde::de::IgnoredAny;

use crate::error::{EngineError, Result};

pub struct JsonRead {
    pub frame: DataFrame,
    /// The format actually read (a `.json` file holding JSON Lines is read as such).
    pub format: FileFormat,
    pub notes: Vec<String>,
}

pub fn read(file: &str, text: &str, format: FileFormat) -> Result<JsonRead> {
    let body = text.trim_start();
    if body.trim_end().is_empty() {
        return Err(EngineError::Empty { file: file.to_string() });
    }
    let mut notes = Vec::new();
    let format = match format {
        FileFormat::Json if body.starts_with('{') && holds_several_values(body) => {
            notes.push("holds one JSON object per line: read as JSON Lines".into());
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
            located
                .err()
                .unwrap_or_else(|| EngineError::invalid(file, format!("could not read as {}: {e}", format.label())))
        })?;
    Ok(JsonRead { frame, format, notes })
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
            Some(i) => Err(EngineError::invalid(
                file,
                format!(
                    "element {} of the top-level array is not an object: each row must be an object",
                    i + 1
                ),
            )),
        },
        _ => Err(EngineError::invalid(
            file,
            "expected an object or an array of objects at the top level",
        )),
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
            return Err(EngineError::at(file, i + 1, 1, "each line must hold one JSON object"));
        }
    }
    Ok(())
}

fn json_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; we say that ourselves.
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => format!("invalid JSON: {}", &full[..i]),
        None => format!("invalid JSON: {full}"),
    }
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

    #[test]
    fn array_of_scalars_is_rejected() {
        let err = read("n.json", "[1,2,3]", FileFormat::Json).err().unwrap().to_string();
        assert!(err.contains("not an object"), "{err}");
    }
}
