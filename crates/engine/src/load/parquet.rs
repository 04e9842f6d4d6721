//! Parquet: the schema comes with the file, so nothing is inferred.
//!
//! The footer is checked before polars reads it ([`check_footer`]): the
//! metadata length it claims must fit the file, the metadata must be whole
//! Thrift, and neither the Parquet schema nor the Arrow schema polars
//! writes beside it (`ARROW:schema`, which polars prefers) may nest deeper
//! than [`MAX_SCHEMA_DEPTH`] or hold more than [`MAX_COLUMNS`] columns.
//! polars builds both trees recursively: a footer of thousands of nested
//! groups overflowed the stack (and killed the page's worker), and an Arrow
//! schema can share one field among many parents, level after level, for a
//! tree of billions of fields in a few bytes. The page headers are checked
//! too ([`check_pages`]): a negative count in one became an allocation of
//! exabytes. What polars still asserts on inside a damaged page is caught
//! as the reader's failure (`load::guarded`; the web build unwinds).

use std::collections::HashSet;
use std::io::Cursor;
use std::sync::Arc;

use dataplay_api::fault::ParquetPart;
use dataplay_api::summary::ArrowType;
use dataplay_api::{Fault, FileFormat, LoadNote};
use polars_core::error::PolarsError;
use polars_core::prelude::{DataFrame, TimeZone};
use polars_io::parquet::read::{FileMetadata, ParquetReader};
use polars_io::SerReader;

use crate::error::{EngineError, Result};

pub const MAGIC: &[u8; 4] = b"PAR1";

/// The deepest schema read, in the levels a table has: the root is level
/// 1 and each struct, list or map one more — the same count as a JSON
/// row's ([`super::json::MAX_DEPTH`]), so whatever dataplay reads from JSON
/// and writes as Parquet reads back. A list's `repeated` group does not
/// count (it is part of the list); on its own, the number of groups on a
/// path is bounded by twice this.
pub const MAX_SCHEMA_DEPTH: usize = super::json::MAX_DEPTH;

/// The most columns (leaves of the schema) a file may declare.
pub const MAX_COLUMNS: usize = 100_000;

/// Thrift's compact protocol nests structs and lists this deep at most in
/// a valid footer (its own skip limit is the same).
const MAX_THRIFT_DEPTH: usize = 64;

const ARROW_SCHEMA_KEY: &[u8] = b"ARROW:schema";

pub fn read(file: &str, bytes: &[u8]) -> Result<DataFrame> {
    Ok(read_columns(file, bytes, &|_| true, &mut vec![])?.0)
}

/// Read only the top-level columns `keep` accepts (at least the first, so
/// the rows are still counted); also the names of the columns not read.
/// What the reader decided goes to `notes`.
pub fn read_columns(
    file: &str,
    bytes: &[u8],
    keep: &dyn Fn(&str) -> bool,
    notes: &mut Vec<LoadNote>,
) -> Result<(DataFrame, Vec<String>)> {
    if bytes.is_empty() {
        return Err(EngineError::Empty { file: file.to_string() });
    }
    if bytes.len() < 12 || !bytes.starts_with(MAGIC) {
        return Err(EngineError::file(file, Fault::NotParquet));
    }
    if !bytes.ends_with(MAGIC) {
        return Err(EngineError::file(file, Fault::ParquetTruncated));
    }
    let footer = check_footer(file, bytes)?;
    let unreadable = |e: PolarsError| {
        let detail = e.to_string();
        EngineError::file(
            file,
            Fault::Unreadable {
                format: FileFormat::Parquet,
                detail,
            },
        )
    };
    let footer_error = |e: PolarsError| EngineError::file(file, Fault::ParquetFooter { detail: e.to_string() });
    let mut reader = ParquetReader::new(Cursor::new(bytes));
    if let Some((field, unreadable)) = footer.set_aside {
        // Read the types from the Parquet schema instead.
        let mut metadata = FileMetadata::clone(reader.get_metadata().map_err(footer_error)?);
        if let Some(entries) = metadata.key_value_metadata.as_mut() {
            entries.retain(|entry| entry.key.as_bytes() != ARROW_SCHEMA_KEY);
        }
        reader.set_metadata(Arc::new(metadata));
        notes.push(LoadNote::ArrowSchemaSetAside { field, unreadable });
    }
    let names: Vec<String> = reader
        .schema()
        .map_err(footer_error)?
        .iter_names()
        .map(|n| n.to_string())
        .collect();
    let (mut kept, skipped): (Vec<String>, Vec<String>) = names.into_iter().partition(|n| keep(n));
    if skipped.is_empty() {
        return Ok((reader.finish().map_err(unreadable)?, skipped));
    }
    let skipped = if kept.is_empty() {
        let mut rest = skipped.into_iter();
        kept.extend(rest.next());
        rest.collect()
    } else {
        skipped
    };
    let frame = reader.with_columns(Some(kept)).finish().map_err(unreadable)?;
    Ok((frame, skipped))
}

/// What the footer check found that the reader must know.
#[derive(Debug, Default)]
pub struct Footer {
    /// Why the Arrow schema must be set aside, if it must: it declares
    /// what polars 0.51 in this build panics on (dictionary-encoded
    /// columns, intervals, unions, fixed-size lists, run-end encoding, list
    /// views, decimals other than 128 bits, unknown time zones). The
    /// Parquet schema describes the same columns in plainer types.
    pub set_aside: Option<(String, ArrowType)>,
}

/// Check the footer before polars reads it: the metadata length it claims
/// fits in the file, the metadata parses as Thrift with its required
/// fields, and the schemas it holds are neither too deep nor too wide, nor
/// name two fields of a group alike.
pub fn check_footer(file: &str, bytes: &[u8]) -> Result<Footer> {
    let corrupt = |detail: String| EngineError::file(file, Fault::ParquetFooterCorrupt { detail });
    let n = bytes.len();
    let Some(len) = n.checked_sub(8).and_then(|at| bytes.get(at..at + 4)) else {
        return Err(corrupt("the file is too short to hold one".into()));
    };
    let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
    // PAR1 at the start, the metadata, its length and PAR1 at the end.
    if len > n.saturating_sub(12) {
        return Err(corrupt(format!(
            "it claims {} of metadata in a file of {}; was the file cut short or overwritten?",
            human(len),
            human(n)
        )));
    }
    let metadata = &bytes[n - 8 - len..n - 8];
    let mut thrift = Thrift { bytes: metadata, at: 0 };
    let refused = |why: Refusal, at: usize| match why {
        Refusal::Corrupt(why) => corrupt(format!("{why} (byte {at} of its {} of metadata)", human(len))),
        Refusal::Missing(name) => corrupt(format!(
            "its {} of metadata have no {name}; was the file cut short or overwritten?",
            human(len)
        )),
        Refusal::BadArrowSchema(why) => corrupt(format!("the Arrow schema it holds is corrupt: {why}")),
        Refusal::TooDeep(part) => EngineError::file(
            file,
            Fault::ParquetTooDeep {
                part,
                limit: MAX_SCHEMA_DEPTH,
            },
        ),
        Refusal::Duplicate(part, name) => EngineError::file(file, Fault::ParquetDuplicate { part, name }),
        Refusal::TooWide(part) => EngineError::file(
            file,
            Fault::ParquetTooWide {
                part,
                limit: MAX_COLUMNS,
            },
        ),
    };
    let (arrow_schemas, chunks) = check_metadata(&mut thrift).map_err(|why| refused(why, thrift.at))?;
    check_pages(&bytes[..n - 8 - len], &chunks)
        .map_err(|detail| EngineError::file(file, Fault::ParquetCorrupt { detail }))?;
    let mut footer = Footer::default();
    for schema in arrow_schemas {
        if let Some(why) = check_arrow_schema(schema).map_err(|why| refused(why, 0))? {
            footer.set_aside.get_or_insert(why);
        }
    }
    Ok(footer)
}

fn human(n: usize) -> String {
    dataplay_api::units::human_bytes(n as u64)
}

enum Refusal {
    Corrupt(String),
    /// A required field of `FileMetaData` is not there.
    Missing(&'static str),
    BadArrowSchema(&'static str),
    TooDeep(ParquetPart),
    TooWide(ParquetPart),
    /// Two fields of one group with the same name (polars 0.51 panics).
    Duplicate(ParquetPart, String),
}

impl From<String> for Refusal {
    fn from(why: String) -> Self {
        Refusal::Corrupt(why)
    }
}

/// Thrift compact-protocol types.
const STOP: u8 = 0;
const TRUE: u8 = 1;
const FALSE: u8 = 2;
const I32: u8 = 5;
const I64: u8 = 6;
const BINARY: u8 = 8;
const LIST: u8 = 9;
const STRUCT: u8 = 12;

/// Parquet's `ConvertedType::LIST`, and `LogicalType`'s field for a list.
const CONVERTED_LIST: i64 = 3;
const LOGICAL_LIST: i16 = 3;

/// Walk `FileMetaData` to its end: measure its schema (field 2) and
/// collect the `ARROW:schema` values of its key-value metadata (field 5).
fn check_metadata<'a>(thrift: &mut Thrift<'a>) -> std::result::Result<(Vec<&'a [u8]>, Vec<Chunk>), Refusal> {
    // The required fields: version, schema, num_rows, row_groups.
    let mut required = [
        (1, I32, "version"),
        (2, LIST, "schema"),
        (3, I64, "row count"),
        (4, LIST, "row groups"),
    ]
    .map(|(id, ty, name)| (id, ty, name, false));
    let (mut arrow_schemas, mut chunks) = (vec![], vec![]);
    let mut last = 0i16;
    while let Some((id, ty)) = thrift.field(&mut last)? {
        if let Some(seen) = required.iter_mut().find(|r| r.0 == id && r.1 == ty) {
            seen.3 = true;
        }
        match (id, ty) {
            (2, LIST) => check_schema(thrift)?,
            (4, LIST) => chunks = check_row_groups(thrift)?,
            (5, LIST) => arrow_schemas.extend(arrow_schema_values(thrift)?),
            _ => thrift.skip(ty, false, 0)?,
        }
    }
    match required.iter().find(|r| !r.3) {
        Some((.., name, _)) => Err(Refusal::Missing(name)),
        None => Ok((arrow_schemas, chunks)),
    }
}

/// The schema: `SchemaElement`s in depth-first order, each group giving its
/// number of children (field 5) and whether it is a list (field 6 or 10).
/// A stack holds, for each open group, the children it still expects and
/// whether it is a list.
fn check_schema<'a>(thrift: &mut Thrift<'a>) -> std::result::Result<(), Refusal> {
    let (element, count) = thrift.list()?;
    if element != STRUCT {
        return Err(format!("its schema is a list of type {element}, not of elements").into());
    }
    struct Open<'a> {
        children: i64,
        list: bool,
        counts: bool,
        names: HashSet<&'a [u8]>,
    }
    let mut open: Vec<Open> = Vec::new();
    let (mut levels, mut columns) = (0usize, 0usize);
    for _ in 0..count {
        let (mut children, mut list, mut name) = (0i64, false, None);
        let mut last = 0i16;
        while let Some((id, ty)) = thrift.field(&mut last)? {
            match (id, ty) {
                (4, BINARY) => name = Some(thrift.binary()?),
                (5, I32) => children = thrift.varint_i64()?,
                (6, I32) => list |= thrift.varint_i64()? == CONVERTED_LIST,
                (10, STRUCT) => {
                    let mut last = 0i16;
                    while let Some((id, ty)) = thrift.field(&mut last)? {
                        list |= id == LOGICAL_LIST;
                        thrift.skip(ty, false, 1)?;
                    }
                }
                _ => thrift.skip(ty, false, 0)?,
            }
        }
        let parent_is_list = open.last().is_some_and(|p| p.list);
        if let Some(parent) = open.last_mut() {
            parent.children -= 1;
            if let Some(name) = name {
                if !parent.names.insert(name) {
                    return Err(Refusal::Duplicate(
                        ParquetPart::Schema,
                        String::from_utf8_lossy(name).into(),
                    ));
                }
            }
        }
        if children > 0 {
            // The repeated group inside a list is the list itself.
            let counts = !parent_is_list;
            levels += usize::from(counts);
            let names = HashSet::new();
            open.push(Open {
                children,
                list,
                counts,
                names,
            });
            if levels > MAX_SCHEMA_DEPTH || open.len() > 2 * MAX_SCHEMA_DEPTH {
                return Err(Refusal::TooDeep(ParquetPart::Schema));
            }
        } else {
            columns += 1;
            if columns > MAX_COLUMNS {
                return Err(Refusal::TooWide(ParquetPart::Schema));
            }
        }
        while open.last().is_some_and(|p| p.children <= 0) {
            if open.pop().is_some_and(|p| p.counts) {
                levels -= 1;
            }
        }
    }
    Ok(())
}

/// Where a column chunk's pages are, as its metadata says.
#[derive(Debug, Default)]
struct Chunk {
    /// `ColumnMetaData.num_values` (5).
    values: i64,
    /// `total_compressed_size` (7): the bytes of all its pages, headers included.
    size: i64,
    /// `data_page_offset` (9) and `dictionary_page_offset` (11).
    data_page: i64,
    dictionary_page: Option<i64>,
}

/// Row groups: each column chunk's count of values (`RowGroup.columns`
/// (1) → `ColumnChunk.meta_data` (3) → `ColumnMetaData.num_values` (5))
/// must not be negative: polars takes it as a length unchecked. Also where
/// each chunk's pages are, for [`check_pages`].
fn check_row_groups(thrift: &mut Thrift) -> std::result::Result<Vec<Chunk>, Refusal> {
    let mut found = vec![];
    let (element, groups) = thrift.list()?;
    for _ in 0..groups {
        if element != STRUCT {
            thrift.skip(element, true, 1)?;
            continue;
        }
        let mut last = 0i16;
        while let Some((id, ty)) = thrift.field(&mut last)? {
            if (id, ty) != (1, LIST) {
                thrift.skip(ty, false, 2)?;
                continue;
            }
            let (element, chunks) = thrift.list()?;
            for _ in 0..chunks {
                if element != STRUCT {
                    thrift.skip(element, true, 2)?;
                    continue;
                }
                let mut last = 0i16;
                while let Some((id, ty)) = thrift.field(&mut last)? {
                    if (id, ty) != (3, STRUCT) {
                        thrift.skip(ty, false, 3)?;
                        continue;
                    }
                    let mut chunk = Chunk::default();
                    let mut last = 0i16;
                    while let Some((id, ty)) = thrift.field(&mut last)? {
                        match (id, ty) {
                            (5, I64) => chunk.values = thrift.varint_i64()?,
                            (7, I64) => chunk.size = thrift.varint_i64()?,
                            (9, I64) => chunk.data_page = thrift.varint_i64()?,
                            (11, I64) => chunk.dictionary_page = Some(thrift.varint_i64()?),
                            _ => thrift.skip(ty, false, 4)?,
                        }
                    }
                    if chunk.values < 0 {
                        return Err(format!("a column chunk claims {} values", chunk.values).into());
                    }
                    found.push(chunk);
                }
            }
        }
    }
    Ok(found)
}

/// Page headers (`PageHeader`, Thrift, one before each page of a column
/// chunk): polars takes a data page's count of values, a v2 page's counts
/// of nulls and rows and its level lengths as lengths unchecked, so a
/// negative one became an allocation of exabytes (an abort natively, and
/// of the page's worker). Each chunk must lie inside the file, before the
/// footer; each page inside its chunk; every count not negative; and the
/// data pages must not claim more values than their chunk.
fn check_pages(data: &[u8], chunks: &[Chunk]) -> std::result::Result<(), String> {
    // Column chunks do not overlap: together they hold at most the file's
    // data (this also bounds the walk below by the file's size).
    let total = chunks.iter().try_fold(0i64, |sum, c| sum.checked_add(c.size.max(0)));
    if total.is_none_or(|total| total as u64 > data.len() as u64) {
        return Err(format!(
            "its column chunks claim more bytes than the file's {} of data",
            human(data.len())
        ));
    }
    for (n, chunk) in chunks.iter().enumerate() {
        let column = n + 1;
        let start = chunk.dictionary_page.unwrap_or(chunk.data_page);
        let fits = |at: i64, len: i64| {
            at >= 4 && len >= 0 && at.checked_add(len).is_some_and(|end| end as u64 <= data.len() as u64)
        };
        if !fits(start, chunk.size) || !fits(chunk.data_page, 0) {
            return Err(format!(
                "column chunk {column} claims {} bytes at byte {start}, outside the file's {} of data",
                chunk.size,
                human(data.len())
            ));
        }
        let pages = &data[start as usize..(start + chunk.size) as usize];
        let (mut at, mut values) = (0usize, 0i64);
        while at < pages.len() && values < chunk.values {
            let mut header = Thrift {
                bytes: &pages[at..],
                at: 0,
            };
            let page = read_page_header(&mut header)
                .map_err(|why| format!("the header of a page of column chunk {column} is corrupt: {why}"))?;
            let where_ = || format!("a page of column chunk {column} (byte {})", start as usize + at);
            if let Some(negative) = page.counts.iter().find(|(_, v)| *v < 0) {
                return Err(format!("{} claims {} {}", where_(), negative.1, negative.0));
            }
            if !page.whole() {
                return Err(format!("{} has no page type or sizes", where_()));
            }
            if let Some(code) = page.unknown_encoding {
                return Err(format!(
                    "{} names encoding {code}, which Parquet does not have",
                    where_()
                ));
            }
            let left = (pages.len() - at - header.at) as i64;
            if page.compressed > left {
                return Err(format!(
                    "{} claims {} bytes where its column chunk has {left} left",
                    where_(),
                    page.compressed
                ));
            }
            if page.levels > page.compressed {
                return Err(format!(
                    "{} claims {} bytes of levels in a page of {}",
                    where_(),
                    page.levels,
                    page.compressed
                ));
            }
            values = values.saturating_add(page.values);
            if values > chunk.values {
                return Err(format!(
                    "the pages of column chunk {column} claim more values than the {} of its metadata",
                    chunk.values
                ));
            }
            at += header.at + page.compressed as usize;
        }
    }
    Ok(())
}

/// What [`check_pages`] needs of a page header.
#[derive(Default)]
struct PageHeader {
    compressed: i64,
    /// Values in a data page (0 for a dictionary page).
    values: i64,
    /// A v2 page's definition and repetition levels, in bytes.
    levels: i64,
    /// Every count and size, by name, to be checked for negatives.
    counts: Vec<(&'static str, i64)>,
    /// An encoding that is not Parquet's (polars unwraps them).
    unknown_encoding: Option<i64>,
    /// The required fields seen: type (1, a data, dictionary or v2 data
    /// page), uncompressed (2) and compressed (3) size.
    required: [bool; 3],
}

impl PageHeader {
    fn whole(&self) -> bool {
        self.required.iter().all(|&seen| seen)
    }
}

/// Parquet's encodings: PLAIN (0), PLAIN_DICTIONARY (2) … BYTE_STREAM_SPLIT
/// (9); 1 (GROUP_VAR_INT) was never used.
const fn is_encoding(code: i64) -> bool {
    matches!(code, 0 | 2..=9)
}

/// `PageHeader`: 2 uncompressed and 3 compressed page size; 5 the v1 data
/// page header (1 values, 2–4 encodings), 7 the dictionary page header (1
/// values, 2 encoding), 8 the v2 data page header (1 values, 2 nulls, 3
/// rows, 4 encoding, 5 and 6 level lengths).
fn read_page_header(thrift: &mut Thrift) -> std::result::Result<PageHeader, String> {
    let mut page = PageHeader::default();
    let mut last = 0i16;
    while let Some((id, ty)) = thrift.field(&mut last)? {
        match (id, ty) {
            (1, I32) => page.required[0] = matches!(thrift.varint_i64()?, 0 | 2 | 3),
            (2, I32) => {
                page.required[1] = true;
                page.counts.push(("bytes uncompressed", thrift.varint_i64()?));
            }
            (3, I32) => {
                page.required[2] = true;
                page.compressed = thrift.varint_i64()?;
                page.counts.push(("bytes", page.compressed));
            }
            (5 | 7 | 8, STRUCT) => {
                let mut last = 0i16;
                while let Some((field, ty)) = thrift.field(&mut last)? {
                    let name = match (id, field, ty) {
                        (5 | 8, 1, I32) => "values",
                        (7, 1, I32) => "dictionary values",
                        (8, 2, I32) => "nulls",
                        (8, 3, I32) => "rows",
                        (8, 5, I32) => "bytes of definition levels",
                        (8, 6, I32) => "bytes of repetition levels",
                        (5, 2..=4, I32) | (7, 2, I32) | (8, 4, I32) => {
                            let code = thrift.varint_i64()?;
                            if !is_encoding(code) {
                                page.unknown_encoding.get_or_insert(code);
                            }
                            continue;
                        }
                        _ => {
                            thrift.skip(ty, false, 1)?;
                            continue;
                        }
                    };
                    let value = thrift.varint_i64()?;
                    page.counts.push((name, value));
                    match name {
                        "values" => page.values = value,
                        "bytes of definition levels" | "bytes of repetition levels" => {
                            page.levels = page.levels.saturating_add(value.max(0))
                        }
                        _ => {}
                    }
                }
            }
            _ => thrift.skip(ty, false, 0)?,
        }
    }
    Ok(page)
}

/// The values of the `ARROW:schema` entries of a list of `KeyValue`s.
fn arrow_schema_values<'a>(thrift: &mut Thrift<'a>) -> std::result::Result<Vec<&'a [u8]>, Refusal> {
    let (element, count) = thrift.list()?;
    if element != STRUCT {
        for _ in 0..count {
            thrift.skip(element, true, 1)?;
        }
        return Ok(vec![]);
    }
    let mut values = vec![];
    for _ in 0..count {
        let (mut key, mut value) = (None, None);
        let mut last = 0i16;
        while let Some((id, ty)) = thrift.field(&mut last)? {
            match (id, ty) {
                (1, BINARY) => key = Some(thrift.binary()?),
                (2, BINARY) => value = Some(thrift.binary()?),
                _ => thrift.skip(ty, false, 1)?,
            }
        }
        if key == Some(ARROW_SCHEMA_KEY) {
            values.extend(value);
        }
    }
    Ok(values)
}

/// The Arrow schema polars reads instead of the Parquet one when present:
/// base64 of an IPC `Message` (after an optional continuation marker and
/// length) whose header is a `Schema` flatbuffer. Its fields' `children`
/// are walked with a stack, counting every visit, so neither depth, width
/// nor fields shared by several parents can run away. Also what in it
/// polars cannot read, if anything (see [`Footer::set_aside`]).
fn check_arrow_schema(encoded: &[u8]) -> std::result::Result<Option<(String, ArrowType)>, Refusal> {
    let bad = Refusal::BadArrowSchema;
    let bytes = base64(encoded).ok_or(bad("it is not base64"))?;
    // polars slices these prefixes without checking their length.
    let message = match bytes.get(..4) {
        Some([0xFF, 0xFF, 0xFF, 0xFF]) => bytes.get(8..).ok_or(bad("it ends after its marker"))?,
        Some(_) => &bytes[..],
        None => return Err(bad("it is shorter than 4 bytes")),
    };
    let flat = Flat(message);
    let broken = || bad("an offset points outside it");
    let root = flat.deref(0).ok_or_else(broken)?;
    // Message: header_type (1) and header (2); a Schema is type 1.
    let header_type = flat.field(root, 1).ok_or_else(broken)?;
    if header_type.and_then(|at| message.get(at)) != Some(&1) {
        return Ok(None); // not a schema: polars says so
    }
    let Some(schema) = flat.field(root, 2).ok_or_else(broken)?.map(|at| flat.deref(at)) else {
        return Ok(None);
    };
    let schema = schema.ok_or_else(broken)?;
    // Schema: fields (1). Field: name (0), type_type (2), type (3),
    // dictionary (4), children (5).
    let mut stack: Vec<(usize, usize)> = vec![];
    let mut visited = 0usize;
    let push = |stack: &mut Vec<(usize, usize)>, vector: Option<usize>, depth: usize, visited: usize| {
        let Some(at) = vector else { return Ok(()) };
        let items = flat.vector(at).ok_or_else(broken)?;
        if items.len() > 0 && depth > MAX_SCHEMA_DEPTH {
            return Err(Refusal::TooDeep(ParquetPart::ArrowSchema));
        }
        if visited + stack.len() + items.len() > 2 * MAX_COLUMNS {
            return Err(Refusal::TooWide(ParquetPart::ArrowSchema));
        }
        let mut names = HashSet::new();
        for item in items {
            let field = flat.deref(item).ok_or_else(broken)?;
            if let Some(at) = flat.field(field, 0).ok_or_else(broken)? {
                let name = flat.string(at).ok_or_else(broken)?;
                if !names.insert(name) {
                    return Err(Refusal::Duplicate(
                        ParquetPart::ArrowSchema,
                        String::from_utf8_lossy(name).into(),
                    ));
                }
            }
            stack.push((field, depth));
        }
        Ok(())
    };
    push(&mut stack, flat.field(schema, 1).ok_or_else(broken)?, 1, 0)?;
    let mut unreadable = None;
    while let Some((field, depth)) = stack.pop() {
        visited += 1;
        if unreadable.is_none() {
            unreadable = unreadable_type(&flat, field).ok_or_else(broken)?;
        }
        let children = flat.field(field, 5).ok_or_else(broken)?;
        push(&mut stack, children, depth + 1, visited)?;
    }
    Ok(unreadable)
}

/// What polars 0.51 (as built here) cannot read in an Arrow field, named
/// for the user; `None` (outer) when the flatbuffer is broken.
fn unreadable_type(flat: &Flat, field: usize) -> Option<Option<(String, ArrowType)>> {
    let name = match flat.field(field, 0)? {
        Some(at) => String::from_utf8_lossy(flat.string(at)?).into_owned(),
        None => String::new(),
    };
    if flat.field(field, 4)?.is_some() {
        return Some(Some((name, ArrowType::Dictionary)));
    }
    let type_type = flat.field(field, 2)?.map_or(Some(0), |at| flat.0.get(at).copied())?;
    let kind = match type_type {
        11 => ArrowType::Interval,
        14 => ArrowType::Union,
        16 => ArrowType::FixedSizeList,
        22 => ArrowType::RunEndEncoded,
        25 | 26 => ArrowType::ListView,
        7 | 10 => {
            let Some(table) = flat.field(field, 3)? else {
                return Some(None);
            };
            let table = flat.deref(table)?;
            if type_type == 7 {
                // Decimal: bitWidth (2), 128 unless given.
                let bits = match flat.field(table, 2)? {
                    Some(at) => flat.u32(at)?,
                    None => 128,
                };
                if bits == 128 {
                    return Some(None);
                }
                return Some(Some((name, ArrowType::Decimal { bits: bits as u32 })));
            }
            // Timestamp: timezone (1).
            let Some(at) = flat.field(table, 1)? else {
                return Some(None);
            };
            let zone = String::from_utf8_lossy(flat.string(at)?).into_owned();
            if TimeZone::opt_try_new(Some(zone.as_str())).is_ok() {
                return Some(None);
            }
            return Some(Some((name, ArrowType::UnknownTimeZone { zone })));
        }
        _ => return Some(None),
    };
    Some(Some((name, kind)))
}

/// Standard base64, padded or not; `None` on any other byte.
fn base64(text: &[u8]) -> Option<Vec<u8>> {
    let text = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(text);
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in text {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// A flatbuffer, every read bounds-checked (`None` when out of range).
struct Flat<'a>(&'a [u8]);

impl Flat<'_> {
    fn u32(&self, at: usize) -> Option<usize> {
        let b = self.0.get(at..at.checked_add(4)?)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn u16(&self, at: usize) -> Option<usize> {
        let b = self.0.get(at..at.checked_add(2)?)?;
        Some(usize::from(u16::from_le_bytes([b[0], b[1]])))
    }

    /// Follow the unsigned offset stored at `at`.
    fn deref(&self, at: usize) -> Option<usize> {
        let to = at.checked_add(self.u32(at)?)?;
        (to < self.0.len()).then_some(to)
    }

    /// Where field `index` of the table at `table` is stored, if present.
    fn field(&self, table: usize, index: usize) -> Option<Option<usize>> {
        let back = self.u32(table)? as u32 as i32;
        let vtable = usize::try_from(table as i64 - i64::from(back)).ok()?;
        let size = self.u16(vtable)?;
        let slot = 4 + 2 * index;
        if slot + 2 > size {
            return Some(None);
        }
        match self.u16(vtable + slot)? {
            0 => Some(None),
            offset => Some(Some(table.checked_add(offset)?)),
        }
    }

    /// The bytes of the string the offset at `at` points to.
    fn string(&self, at: usize) -> Option<&[u8]> {
        let start = self.deref(at)?;
        let len = self.u32(start)?;
        self.0
            .get(start.checked_add(4)?..start.checked_add(4)?.checked_add(len)?)
    }

    /// The positions of the offsets in the vector the offset at `at` points to.
    fn vector(&self, at: usize) -> Option<impl ExactSizeIterator<Item = usize>> {
        let start = self.deref(at)?;
        let len = self.u32(start)?;
        let end = start.checked_add(4)?.checked_add(len.checked_mul(4)?)?;
        (end <= self.0.len()).then(|| (0..len).map(move |i| start + 4 + 4 * i))
    }
}

/// A reader of Thrift's compact protocol over the footer's bytes.
struct Thrift<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Thrift<'a> {
    fn byte(&mut self) -> std::result::Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("it ends in the middle of a value")?;
        self.at += 1;
        Ok(b)
    }

    fn advance(&mut self, n: u64) -> std::result::Result<(), String> {
        let left = (self.bytes.len() - self.at) as u64;
        if n > left {
            return Err(format!("a value claims {n} bytes where {left} are left"));
        }
        self.at += n as usize;
        Ok(())
    }

    /// A binary (or string) value's bytes.
    fn binary(&mut self) -> std::result::Result<&'a [u8], String> {
        let len = self.varint()?;
        let start = self.at;
        self.advance(len)?;
        Ok(&self.bytes[start..self.at])
    }

    fn varint(&mut self) -> std::result::Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7F) << shift.min(63);
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number runs on for more than 10 bytes".into())
    }

    fn varint_i64(&mut self) -> std::result::Result<i64, String> {
        let z = self.varint()?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    /// The next field's id and type, or `None` at the struct's end.
    fn field(&mut self, last: &mut i16) -> std::result::Result<Option<(i16, u8)>, String> {
        let b = self.byte()?;
        let ty = b & 0x0F;
        if ty == STOP {
            return Ok(None);
        }
        let delta = i16::from(b >> 4);
        *last = if delta != 0 {
            last.checked_add(delta).ok_or("a field id overflows")?
        } else {
            i16::try_from(self.varint_i64()?).map_err(|_| "a field id is out of range")?
        };
        Ok(Some((*last, ty)))
    }

    /// A list or set header: element type and count (each element takes at
    /// least a byte, so a count past the bytes left is corrupt).
    fn list(&mut self) -> std::result::Result<(u8, u64), String> {
        let b = self.byte()?;
        let count = match b >> 4 {
            15 => self.varint()?,
            n => u64::from(n),
        };
        let left = (self.bytes.len() - self.at) as u64;
        if count > left {
            return Err(format!("a list claims {count} elements where {left} bytes are left"));
        }
        Ok((b & 0x0F, count))
    }

    /// Skip one value of type `ty` (booleans take a byte only as list elements).
    fn skip(&mut self, ty: u8, in_list: bool, depth: usize) -> std::result::Result<(), String> {
        if depth > MAX_THRIFT_DEPTH {
            return Err(format!("values are nested more than {MAX_THRIFT_DEPTH} levels deep"));
        }
        match ty {
            TRUE | FALSE => {
                if in_list {
                    self.byte()?;
                }
            }
            3 => self.advance(1)?,
            4..=6 => {
                self.varint()?;
            }
            7 => self.advance(8)?,
            8 => {
                let len = self.varint()?;
                self.advance(len)?;
            }
            LIST | 10 => {
                let (element, count) = self.list()?;
                for _ in 0..count {
                    self.skip(element, true, depth + 1)?;
                }
            }
            11 => {
                let count = self.varint()?;
                if count > 0 {
                    let kinds = self.byte()?;
                    let left = (self.bytes.len() - self.at) as u64;
                    if count > left {
                        return Err(format!("a map claims {count} entries where {left} bytes are left"));
                    }
                    for _ in 0..count {
                        self.skip(kinds >> 4, true, depth + 1)?;
                        self.skip(kinds & 0x0F, true, depth + 1)?;
                    }
                }
            }
            STRUCT => {
                let mut last = 0i16;
                while let Some((_, ty)) = self.field(&mut last)? {
                    self.skip(ty, false, depth + 1)?;
                }
            }
            other => return Err(format!("unknown Thrift type {other}")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use dataplay_api::FileFormat;
    use polars_core::prelude::*;

    use super::*;

    fn parquet() -> Vec<u8> {
        let mut frame = df!("id" => [1i64, 2], "name" => ["a", "b"]).unwrap();
        crate::write::to_bytes(&mut frame, FileFormat::Parquet).unwrap()
    }

    /// Chunks that overlap, or pages of nothing but zeros, were walked a
    /// byte at a time: a small file held the reader for hours.
    #[test]
    fn overlapping_chunks_and_empty_page_headers_are_corrupt() {
        let data = vec![0u8; 10_000];
        let chunk = |size| Chunk {
            values: 1,
            size,
            data_page: 4,
            dictionary_page: None,
        };
        let many: Vec<Chunk> = (0..1000).map(|_| chunk(9_000)).collect();
        let e = check_pages(&data, &many).unwrap_err();
        assert!(
            e.contains("column chunks claim more bytes than the file's 10.0 KB"),
            "{e}"
        );
        let e = check_pages(&data, &[chunk(9_000)]).unwrap_err();
        assert!(e.contains("column chunk 1 (byte 4) has no page type or sizes"), "{e}");
    }

    #[test]
    fn a_written_footer_passes_and_reads() {
        let bytes = parquet();
        check_footer("ok.parquet", &bytes).unwrap();
        assert_eq!(read("ok.parquet", &bytes).unwrap().shape(), (2, 2));
    }

    #[test]
    fn a_length_past_the_file_is_corrupt() {
        let mut bytes = parquet();
        let n = bytes.len();
        bytes[n - 8..n - 4].copy_from_slice(&(n as u32 - 11).to_le_bytes());
        let err = read("l.parquet", &bytes).err().unwrap().to_string();
        assert!(
            err.starts_with("l.parquet: the Parquet footer is corrupt: it claims"),
            "{err}"
        );
    }

    #[test]
    fn cut_metadata_is_corrupt_where_it_ends() {
        // The first half of the metadata, with its length saying so.
        let bytes = parquet();
        let n = bytes.len();
        let len = u32::from_le_bytes(bytes[n - 8..n - 4].try_into().unwrap()) as usize;
        let half = len / 2;
        let mut cut = bytes[..n - 8 - len + half].to_vec();
        cut.extend((half as u32).to_le_bytes());
        cut.extend(MAGIC);
        let err = read("c.parquet", &cut).err().unwrap().to_string();
        assert!(err.starts_with("c.parquet: the Parquet footer is corrupt: "), "{err}");
        assert!(err.ends_with(&format!("of its {half} B of metadata)")), "{err}");
    }
}
