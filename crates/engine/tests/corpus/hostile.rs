//! Hostile files too big to commit, made at run time: deep nesting (JSON,
//! JSON Lines, a Parquet footer of nested groups), a Parquet footer that
//! claims more metadata than the file holds, a 10 MB line, 10 000 columns.
//! Shared by the engine's tests (`#[path]`, also in wasm32) and the CLI's
//! (`crates/cli/tests/hostile_files.rs`). Each comes with what the loader must
//! answer: `Ok` (it loads) or a piece of its error message.

#![allow(dead_code)]

/// What loading a hostile file must give.
pub enum Expect {
    /// It loads, with this many rows.
    Rows(usize),
    /// It is refused; the message names the file and contains this text.
    Refused(&'static str),
}

/// `[[[…]]]`: `levels` arrays inside each other.
pub fn deep_arrays(levels: usize) -> Vec<u8> {
    format!("{}{}", "[".repeat(levels), "]".repeat(levels)).into_bytes()
}

/// `[{"a":{"a":…1…}}]`: one row nesting `levels` objects (itself the
/// first), in an array of rows.
pub fn deep_objects(levels: usize) -> Vec<u8> {
    format!("[{}1{}]", "{\"a\":".repeat(levels), "}".repeat(levels)).into_bytes()
}

/// One JSON line of `levels` objects inside each other.
pub fn deep_object_line(levels: usize) -> Vec<u8> {
    format!("{}1{}\n", "{\"a\":".repeat(levels), "}".repeat(levels)).into_bytes()
}

/// A valid first line, then a row nesting `levels` levels: its object, then
/// arrays.
pub fn deep_jsonl(levels: usize) -> Vec<u8> {
    let inner = levels.saturating_sub(1);
    format!("{{\"b\":1}}\n{{\"a\":{}1{}}}\n", "[".repeat(inner), "]".repeat(inner)).into_bytes()
}

fn varint(mut n: u64, out: &mut Vec<u8>) {
    loop {
        let b = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn zigzag(n: i64, out: &mut Vec<u8>) {
    varint(((n << 1) ^ (n >> 63)) as u64, out);
}

fn binary(s: &[u8], out: &mut Vec<u8>) {
    varint(s.len() as u64, out);
    out.extend_from_slice(s);
}

/// A Parquet file of no rows whose footer (Thrift compact protocol) declares
/// `groups` optional groups nested inside each other, each holding the
/// next, and `columns` INT64 columns in the innermost.
pub fn parquet_schema(groups: usize, columns: usize) -> Vec<u8> {
    parquet_file(groups, columns, None)
}

/// The same, with an `ARROW:schema` entry in its key-value metadata.
pub fn parquet_file(groups: usize, columns: usize, arrow_schema: Option<&[u8]>) -> Vec<u8> {
    let mut meta = Vec::new();
    meta.push(0x15); // field 1, i32: version
    zigzag(1, &mut meta);
    meta.push(0x19); // field 2, list: schema
    let elements = 1 + groups + columns;
    if elements < 15 {
        meta.push(((elements as u8) << 4) | 12);
    } else {
        meta.push(0xFC);
        varint(elements as u64, &mut meta);
    }
    // The root: name, num_children.
    meta.push(0x48);
    binary(b"schema", &mut meta);
    meta.push(0x15);
    zigzag(if groups > 0 { 1 } else { columns as i64 }, &mut meta);
    meta.push(0);
    for g in 0..groups {
        // repetition_type OPTIONAL, name, num_children.
        meta.push(0x35);
        zigzag(1, &mut meta);
        meta.push(0x18);
        binary(b"g", &mut meta);
        meta.push(0x15);
        zigzag(if g + 1 < groups { 1 } else { columns as i64 }, &mut meta);
        meta.push(0);
    }
    for c in 0..columns {
        // type INT64, repetition_type OPTIONAL, name.
        meta.push(0x15);
        zigzag(2, &mut meta);
        meta.push(0x25);
        zigzag(1, &mut meta);
        meta.push(0x18);
        binary(format!("c{c}").as_bytes(), &mut meta);
        meta.push(0);
    }
    meta.push(0x16); // field 3, i64: num_rows
    zigzag(0, &mut meta);
    meta.push(0x19); // field 4, list: row_groups (none)
    meta.push(0x0C);
    finish(meta, arrow_schema)
}

/// A Parquet file of one INT64 column `c0` whose one row group's column
/// chunk claims `values` values (and has no pages).
pub fn parquet_claiming_values(values: i64) -> Vec<u8> {
    let mut meta = Vec::new();
    meta.push(0x15);
    zigzag(1, &mut meta);
    meta.push(0x19);
    meta.push((2 << 4) | 12);
    meta.push(0x48);
    binary(b"schema", &mut meta);
    meta.push(0x15);
    zigzag(1, &mut meta);
    meta.push(0);
    meta.push(0x15);
    zigzag(2, &mut meta);
    meta.push(0x25);
    zigzag(1, &mut meta);
    meta.push(0x18);
    binary(b"c0", &mut meta);
    meta.push(0);
    meta.push(0x16); // num_rows
    zigzag(0, &mut meta);
    meta.push(0x19); // row_groups: one RowGroup
    meta.push(0x1C);
    meta.push(0x19); // RowGroup.columns: one ColumnChunk
    meta.push(0x1C);
    meta.push(0x26); // ColumnChunk.file_offset
    zigzag(4, &mut meta);
    meta.push(0x1C); // ColumnChunk.meta_data
    meta.push(0x15); // type INT64
    zigzag(2, &mut meta);
    meta.push(0x19); // encodings [PLAIN]
    meta.push(0x15);
    zigzag(0, &mut meta);
    meta.push(0x19); // path_in_schema ["c0"]
    meta.push(0x18);
    binary(b"c0", &mut meta);
    meta.push(0x15); // codec UNCOMPRESSED
    zigzag(0, &mut meta);
    for v in [values, 0, 0] {
        meta.push(0x16); // num_values, total_uncompressed_size, total_compressed_size
        zigzag(v, &mut meta);
    }
    meta.push(0x26); // data_page_offset
    zigzag(4, &mut meta);
    meta.push(0); // end of ColumnMetaData
    meta.push(0); // end of ColumnChunk
    meta.push(0x16); // RowGroup.total_byte_size
    zigzag(0, &mut meta);
    meta.push(0x16); // RowGroup.num_rows
    zigzag(0, &mut meta);
    meta.push(0); // end of RowGroup
    finish(meta, None)
}

/// The key-value metadata (an `ARROW:schema`, if given), the end of
/// `FileMetaData`, its length and the magic bytes around it all.
fn finish(mut meta: Vec<u8>, arrow_schema: Option<&[u8]>) -> Vec<u8> {
    if let Some(schema) = arrow_schema {
        meta.push(0x19); // field 5, list: key_value_metadata, one KeyValue
        meta.push(0x1C);
        meta.push(0x18);
        binary(b"ARROW:schema", &mut meta);
        meta.push(0x18);
        binary(base64(schema).as_bytes(), &mut meta);
        meta.push(0);
    }
    meta.push(0);
    let mut file = b"PAR1".to_vec();
    let len = meta.len() as u32;
    file.extend(meta);
    file.extend(len.to_le_bytes());
    file.extend(b"PAR1");
    file
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An Arrow IPC schema message (a flatbuffer) of one top-level struct
/// field and `levels` levels of struct fields below it. Each level has
/// `fan_out` fields (`f0`, `f1`, …) sharing one list of children: the next
/// level's fields. A chain when 1; otherwise a tree of `fan_out ^ levels`
/// fields in a few bytes per level.
pub fn arrow_schema(levels: usize, fan_out: usize) -> Vec<u8> {
    fn u16s(out: &mut Vec<u8>, values: &[u16]) {
        for v in values {
            out.extend(v.to_le_bytes());
        }
    }
    fn u32_at(out: &mut [u8], at: usize, v: usize) {
        out[at..at + 4].copy_from_slice(&(v as u32).to_le_bytes());
    }
    let mut b = vec![0u8; 4]; // root offset
                              // Message vtable at 4: version absent, header_type at +4, header at +8.
    u16s(&mut b, &[10, 12, 0, 4, 8, 0]);
    // Message table at 16.
    b.extend(12i32.to_le_bytes()); // back to its vtable at 4
    b.extend([1, 0, 0, 0]); // header_type: Schema
    b.extend([0; 4]); // header offset, at 24
                      // Schema vtable at 28: endianness absent, fields at +4.
    u16s(&mut b, &[8, 8, 0, 4]);
    // Schema table at 36.
    b.extend(8i32.to_le_bytes());
    b.extend([0; 4]); // fields offset, at 40
                      // Fields vector at 44: one field.
    b.extend(1u32.to_le_bytes());
    b.extend([0; 4]); // at 48
    u32_at(&mut b, 0, 16);
    u32_at(&mut b, 24, 36 - 24);
    u32_at(&mut b, 40, 44 - 40);
    // Each level: its field tables, each followed by its vtable (polars'
    // flatbuffer reader only looks forward of a table's parent), then the
    // children vector they share. The empty Struct_ type table and the
    // names come last.
    let table_size = 20 + 16;
    let level_size = fan_out * table_size + 4 + 4 * fan_out;
    let first = b.len();
    let struct_type = first + (levels + 1) * level_size;
    let names = struct_type + 8;
    u32_at(&mut b, 48, first - 48);
    for level in 0..=levels {
        let start = b.len();
        let vector = start + fan_out * table_size;
        for k in 0..fan_out {
            let table = b.len();
            b.extend((-20i32).to_le_bytes()); // its vtable follows
            b.extend([13, 0, 0, 0]); // type_type: Struct_
            b.extend(((struct_type - (table + 8)) as u32).to_le_bytes());
            b.extend(((vector - (table + 12)) as u32).to_le_bytes());
            b.extend(((names + 12 * k - (table + 16)) as u32).to_le_bytes());
            // name at +16, type_type at +4, type at +8, children at +12.
            u16s(&mut b, &[16, 20, 16, 0, 4, 8, 0, 12]);
        }
        let children = if level < levels { fan_out } else { 0 };
        b.extend((children as u32).to_le_bytes());
        for j in 0..children {
            let at = vector + 4 + 4 * j;
            b.extend(((start + level_size + j * table_size - at) as u32).to_le_bytes());
        }
        b.resize(start + level_size, 0);
    }
    b.extend((-4i32).to_le_bytes());
    u16s(&mut b, &[4, 4]);
    for k in 0..fan_out {
        let mut name = format!("f{k}").into_bytes();
        name.resize(8, 0);
        b.extend((format!("f{k}").len() as u32).to_le_bytes());
        b.extend(name);
    }
    b
}

/// A Parquet file whose footer says its metadata takes `claimed` bytes.
pub fn parquet_claiming(claimed: u32) -> Vec<u8> {
    let mut file = parquet_schema(0, 1);
    let at = file.len() - 8;
    file[at..at + 4].copy_from_slice(&claimed.to_le_bytes());
    file
}

/// A CSV whose second line is one value of `bytes` bytes.
pub fn long_line_csv(bytes: usize) -> Vec<u8> {
    let mut file = b"text\n".to_vec();
    file.resize(5 + bytes, b'x');
    file.push(b'\n');
    file
}

/// A CSV of `columns` columns and two rows.
pub fn wide_csv(columns: usize) -> Vec<u8> {
    let header: Vec<String> = (0..columns).map(|c| format!("c{c}")).collect();
    let row: Vec<String> = (0..columns).map(|c| c.to_string()).collect();
    format!("{}\n{}\n{}\n", header.join(","), row.join(","), row.join(",")).into_bytes()
}

/// Every generated hostile file with its file name and expected answer.
/// `deepest` is the JSON nesting limit, `deepest_schema` the Parquet one
/// and `widest` the most Parquet columns (the engine's constants).
pub fn files(deepest: usize, deepest_schema: usize, widest: usize) -> Vec<(String, Vec<u8>, Expect)> {
    use Expect::{Refused, Rows};
    let too_deep = "levels deep";
    vec![
        ("deep_arrays.json".into(), deep_arrays(100_000), Refused(too_deep)),
        ("deep_arrays.jsonl".into(), deep_arrays(100_000), Refused(too_deep)),
        ("deep_objects.json".into(), deep_objects(100_000), Refused(too_deep)),
        (
            "deep_objects.jsonl".into(),
            deep_object_line(100_000),
            Refused(too_deep),
        ),
        (
            "unclosed.json".into(),
            "[".repeat(100_000).into_bytes(),
            Refused(too_deep),
        ),
        (
            "just_too_deep.json".into(),
            deep_objects(deepest + 1),
            Refused(too_deep),
        ),
        ("just_too_deep.jsonl".into(), deep_jsonl(deepest + 1), Refused(too_deep)),
        ("deepest.json".into(), deep_objects(deepest), Rows(1)),
        ("deepest.jsonl".into(), deep_jsonl(deepest), Rows(2)),
        (
            "deep_schema.parquet".into(),
            parquet_schema(100_000, 1),
            Refused(too_deep),
        ),
        (
            "just_too_deep_schema.parquet".into(),
            parquet_schema(deepest_schema, 1),
            Refused(too_deep),
        ),
        (
            "deepest_schema.parquet".into(),
            parquet_schema(deepest_schema - 1, 1),
            Rows(0),
        ),
        ("wide.parquet".into(), parquet_schema(0, 10_000), Rows(0)),
        (
            "negative_values.parquet".into(),
            parquet_claiming_values(-1),
            Refused("a column chunk claims -1 values"),
        ),
        ("no_values.parquet".into(), parquet_claiming_values(0), Rows(0)),
        (
            "deep_arrow_schema.parquet".into(),
            parquet_file(0, 1, Some(&arrow_schema(100_000, 1))),
            Refused("Arrow schema nests more than"),
        ),
        (
            "just_too_deep_arrow_schema.parquet".into(),
            parquet_file(0, 1, Some(&arrow_schema(deepest_schema, 1))),
            Refused("Arrow schema nests more than"),
        ),
        (
            "shared_arrow_fields.parquet".into(),
            parquet_file(0, 1, Some(&arrow_schema(40, 2))),
            Refused("Arrow schema declares more than"),
        ),
        (
            "short_arrow_schema.parquet".into(),
            parquet_file(0, 1, Some(&[0xFF, 0xFF, 0xFF, 0xFF, 1])),
            Refused("Arrow schema it holds is corrupt"),
        ),
        (
            "too_wide.parquet".into(),
            parquet_schema(0, widest + 1),
            Refused("columns"),
        ),
        (
            "huge_footer_claim.parquet".into(),
            parquet_claiming(u32::MAX),
            Refused("claims 4.3 GB of metadata"),
        ),
        (
            "footer_claim_one_too_many.parquet".into(),
            {
                let good = parquet_schema(0, 1);
                parquet_claiming((good.len() - 11) as u32)
            },
            Refused("footer is corrupt"),
        ),
        ("long_line.csv".into(), long_line_csv(10_000_000), Rows(1)),
        ("wide.csv".into(), wide_csv(10_000), Rows(2)),
    ]
}
