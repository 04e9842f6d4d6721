//! Turning the bytes of a text file (CSV, JSON, JSONL) into UTF-8, or saying
//! exactly where and why that is impossible.

use std::borrow::Cow;

use dataplay_api::{Encoding, Fault, LoadNote};
use unicode_normalization::UnicodeNormalization;

use crate::error::{EngineError, Result};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decoded text and what the user should know about how it was decoded.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub note: Option<LoadNote>,
}

/// Decode `bytes` as `encoding`. `Auto` accepts UTF-8 (a BOM is dropped),
/// UTF-16 with a BOM, and text in the two legacy code pages a user can pick,
/// Windows-1258 (Vietnamese) and Windows-1252 (Western), when the bytes say
/// which (`detect`, noted as detected); anything else is an error naming the
/// first bad byte's line and column and suggesting an explicit encoding.
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
    match utf8(file, bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            note: None,
        }),
        Err(not_utf8) => match detect(bytes) {
            Some(codec) => {
                let chosen = if codec == encoding_rs::WINDOWS_1258 {
                    Encoding::Windows1258
                } else {
                    Encoding::Windows1252
                };
                let decoded = decode_with(file, bytes, codec, chosen)?;
                Ok(Decoded {
                    text: decoded.text,
                    note: Some(LoadNote::EncodingDetected {
                        encoding: codec.name().to_string(),
                    }),
                })
            }
            None => Err(not_utf8),
        },
    }
}

/// How much of a file the detector reads: enough for its statistics, cheap
/// on a large file.
const DETECT_BYTES: usize = 1 << 20;

/// The legacy code page that non-UTF-8 `bytes` are in, when it is one the
/// page offers: Windows-1258 or Windows-1252 (chardetng, Firefox's detector,
/// told the text is not UTF-8). Any other guess (Cyrillic, CJK…) is `None`:
/// the user is asked to choose rather than shown a guess that cannot be
/// picked in the page.
fn detect(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, sample.len() == bytes.len());
    let guess = detector.guess(None, false);
    (guess == encoding_rs::WINDOWS_1258 || guess == encoding_rs::WINDOWS_1252).then_some(guess)
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
    // Windows-1258 writes most tone marks as separate combining characters;
    // composed (NFC), the text matches what a user types ("Hà Nội").
    let text = if used == encoding_rs::WINDOWS_1258 {
        Cow::Owned(text.nfc().collect())
    } else {
        text
    };
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
    fn latin1_bytes_read_as_utf8_are_an_error_at_their_position() {
        let err = decode("people.csv", b"name\nJos\xE9\n", Encoding::Utf8).err().unwrap();
        let msg = err.to_string();
        assert!(msg.starts_with("people.csv: line 2, column 4:"), "{msg}");
        assert!(msg.contains("0xE9"), "{msg}");
    }

    #[test]
    fn windows_1258_decodes_when_chosen_and_is_composed() {
        // 0xF0 is U+0111 (đ) in windows-1258; 0xD2 a combining hook above,
        // 0xEC a combining acute: "a" + acute composes to "á".
        let d = decode("a.csv", b"x\n\xF0\xD2a\xEC\n", Encoding::Windows1258).unwrap();
        assert_eq!(d.text, "x\n\u{111}\u{309}\u{e1}\n");
    }

    /// Vietnamese as Windows-1258 writes it: the base letters and ă, â, ê,
    /// ô, ơ, ư, đ as single bytes, the tone marks as combining bytes after
    /// them (what `python3 -c "…encode('cp1258')"` gives for each word).
    fn windows_1258(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for letter in text.chars() {
            let (mut base, mut tone) = (None, None);
            for c in std::iter::once(letter).nfd() {
                match c {
                    '\u{300}' => tone = Some(0xCC), // grave (huyền)
                    '\u{301}' => tone = Some(0xEC), // acute (sắc)
                    '\u{303}' => tone = Some(0xDE), // tilde (ngã)
                    '\u{309}' => tone = Some(0xD2), // hook above (hỏi)
                    '\u{323}' => tone = Some(0xF2), // dot below (nặng)
                    // Circumflex, breve, horn: part of the letter before.
                    '\u{302}' | '\u{306}' | '\u{31B}' => {
                        base = Some(match (base, c) {
                            (Some(b'a'), '\u{302}') => 0xE2,
                            (Some(b'e'), '\u{302}') => 0xEA,
                            (Some(b'o'), '\u{302}') => 0xF4,
                            (Some(b'a'), '\u{306}') => 0xE3,
                            (Some(b'o'), '\u{31B}') => 0xF5,
                            (Some(b'u'), '\u{31B}') => 0xFD,
                            _ => panic!("no windows-1258 byte for {letter}"),
                        })
                    }
                    '\u{111}' => base = Some(0xF0),
                    '\u{110}' => base = Some(0xD0),
                    c if c.is_ascii() => base = Some(c as u8),
                    _ => panic!("no windows-1258 byte for {letter}"),
                }
            }
            out.extend(base.into_iter().chain(tone));
        }
        out
    }

    const VIETNAMESE: &str = "họ_tên,thành_phố,ghi_chú\n\
        Nguyễn Văn An,Hà Nội,khách hàng thân thiết\n\
        Trần Thị Bình,Hồ Chí Minh,mua hàng trực tuyến\n\
        Lê Văn Cường,Đà Nẵng,đơn hàng bị trả lại\n\
        Phạm Thu Hương,Hải Phòng,thanh toán bằng tiền mặt\n";

    #[test]
    fn windows_1258_is_detected_and_composed() {
        let bytes = windows_1258(VIETNAMESE);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode("khach_hang.csv", &bytes, Encoding::Auto).unwrap();
        assert_eq!(d.text, VIETNAMESE);
        assert_eq!(
            d.note,
            Some(LoadNote::EncodingDetected {
                encoding: "windows-1258".into()
            })
        );
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("name,city\nJosé,São Paulo\nFrançois,Montréal\n");
        let d = decode("people.csv", &bytes, Encoding::Auto).unwrap();
        assert_eq!(d.text, "name,city\nJosé,São Paulo\nFrançois,Montréal\n");
        assert_eq!(
            d.note,
            Some(LoadNote::EncodingDetected {
                encoding: "windows-1252".into()
            })
        );
    }

    #[test]
    fn another_code_page_is_an_error_at_the_first_bad_byte() {
        // Russian in windows-1251: a code page the page does not offer.
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("имя,город\nИван,Москва\nПётр,Санкт-Петербург\n");
        let err = decode("people.csv", &bytes, Encoding::Auto).err().unwrap();
        let msg = err.to_string();
        assert!(msg.starts_with("people.csv: line 1, column 1:"), "{msg}");
        // Even three short words (the page's test file).
        let err = decode(
            "cyrillic.csv",
            b"\xE8\xEC\xFF\n\xC8\xE2\xE0\xED\n\xCF\xB8\xF2\xF0\n",
            Encoding::Auto,
        );
        assert!(err.is_err());
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
