//! Turning the bytes of a text file (CSV, JSON, JSONL) into UTF-8, or saying
//! exactly where and why that is impossible.

use std::borrow::Cow;

use dataplay_api::{Encoding, Fault, LoadNote};

use crate::error::{EngineError, Result};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decoded text and what the user should know about how it was decoded.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub note: Option<LoadNote>,
}

/// Decode `bytes` as `encoding`. `Auto` accepts UTF-8 (a BOM is dropped) and
/// UTF-16 with a BOM; anything else is an error naming the first bad byte's
/// line and column and suggesting an explicit encoding.
pub fn decode<'a>(file: &str, bytes: &'a [u8], encoding: Encoding) -> Result<Decoded<'a>> {
    match encoding {
        Encoding::Auto => decode_auto(file, bytes),
        Encoding::Utf8 => {
            let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            Ok(Decoded {
                text: Cow::Borrowed(utf8(file, body)?),
                note: None,
            })
        }
        Encoding::Utf16Le => decode_with(file, bytes, encoding_rs::UTF_16LE, encoding),
        Encoding::Utf16Be => decode_with(file, bytes, encoding_rs::UTF_16BE, encoding),
        Encoding::Windows1252 => decode_with(file, bytes, encoding_rs::WINDOWS_1252, encoding),
        Encoding::Windows1258 => decode_with(file, bytes, encoding_rs::WINDOWS_1258, encoding),
    }
}

fn decode_auto<'a>(file: &str, bytes: &'a [u8]) -> Result<Decoded<'a>> {
    if let Some(body) = bytes.strip_prefix(UTF8_BOM) {
        return Ok(Decoded {
            text: Cow::Borrowed(utf8(file, body)?),
            note: Some(LoadNote::BomRemoved),
        });
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return decode_with(file, bytes, encoding_rs::UTF_16LE, Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return decode_with(file, bytes, encoding_rs::UTF_16BE, Encoding::Utf16Be);
    }
    if looks_binary(bytes) {
        return Err(EngineError::file(file, Fault::NotText));
    }
    Ok(Decoded {
        text: Cow::Borrowed(utf8(file, bytes)?),
        note: None,
    })
}

fn decode_with<'a>(
    file: &str,
    bytes: &'a [u8],
    codec: &'static encoding_rs::Encoding,
    chosen: Encoding,
) -> Result<Decoded<'a>> {
    // `decode` sniffs and removes a BOM; malformed sequences become U+FFFD,
    // which we refuse rather than silently change the data.
    let (text, used, had_errors) = codec.decode(bytes);
    if had_errors {
        let at = text.find('\u{FFFD}').unwrap_or(0);
        let (line, column) = line_column(&text, at);
        return Err(EngineError::at(
            file,
            line,
            column,
            Fault::BadEncoding {
                encoding: used.name().to_string(),
            },
        ));
    }
    let note = (chosen != Encoding::Utf8).then(|| LoadNote::DecodedFrom {
        encoding: used.name().to_string(),
    });
    Ok(Decoded { text, note })
}

fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let valid = err.valid_up_to();
            // The prefix up to `valid` is UTF-8 by definition.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let (line, column) = line_column(prefix, prefix.len());
            let byte = bytes.get(valid).copied().unwrap_or_default();
            Err(EngineError::at(file, line, column, Fault::NotUtf8 { byte }))
        }
    }
}

/// NUL bytes in the first 8 KB: a binary file (or BOM-less UTF-16).
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(text, at);
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped_and_noted() {
        let d = decode("a.csv", b"\xEF\xBB\xBFid\n1\n", Encoding::Auto).unwrap();
        assert_eq!(d.text, "id\n1\n");
        assert!(d.note.is_some());
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "tên\nNguyễn\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode("a.csv", &bytes, Encoding::Auto).unwrap();
        assert_eq!(d.text, "tên\nNguyễn\n");
    }

    #[test]
    fn latin1_bytes_are_an_error_at_their_position() {
        let err = decode("people.csv", b"name\nJos\xE9\n", Encoding::Auto).err().unwrap();
        let msg = err.to_string();
        assert!(msg.starts_with("people.csv: line 2, column 4:"), "{msg}");
        assert!(msg.contains("0xE9"), "{msg}");
    }

    #[test]
    fn windows_1258_decodes_when_chosen() {
        // 0xF0 is U+0111 (đ) in windows-1258; 0xD2 a combining hook above.
        let d = decode("a.csv", b"x\n\xF0\xD2\n", Encoding::Windows1258).unwrap();
        assert_eq!(d.text, "x\n\u{111}\u{309}\n");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode("a.csv", b"\x00\x01\x02garbage", Encoding::Auto).err().unwrap();
        assert!(err.to_string().contains("not a text file"));
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nxyé z", 0), (1, 1));
        assert_eq!(line_column("ab\nxyé z", 3), (2, 1));
        assert_eq!(line_column("ab\nxyé z", 7), (2, 4));
    }
}
