//! Loaders: bytes of a CSV, JSON, JSONL or Parquet file in, a dataframe and a
//! summary out — or an error that names the file, line and column.

pub mod csv;
pub mod dates;
pub mod json;
pub mod parquet;
pub mod shape;
pub mod text;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use dataplay_api::{Fault, FileFormat, LoadNote, LoadOptions};
use polars_core::prelude::DataFrame;

use crate::error::{EngineError, Result};

/// The largest file the browser build accepts by default. wasm32 has 4 GiB of
/// address space and a parsed table needs a few times its file's size.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1_000_000_000;

/// No limit asked for (the page's `?max_file_mb=`) goes past this: with
/// the file and its table, more cannot fit in wasm32's 4 GiB.
pub const MAX_FILE_BYTES_CEILING: u64 = 2_000_000_000;

/// Reading a file takes about this many times its size on top of the file
/// itself (decoded text, the parser's buffers, the table).
pub const ROOM_FACTOR: u64 = 2;

/// A file read into a frame, with what the reader decided.
pub struct Loaded {
    pub frame: DataFrame,
    pub format: FileFormat,
    /// The options as applied (a sniffed delimiter is filled in).
    pub options: LoadOptions,
    pub notes: Vec<LoadNote>,
    /// Top-level columns of the file left out by `load_columns`.
    pub skipped: Vec<String>,
}

/// Refuse a file before reading it when it is larger than `limit` (or
/// than [`MAX_FILE_BYTES_CEILING`], whatever the limit).
pub fn check_size(file: &str, size: u64, limit: u64) -> Result<()> {
    let limit = limit.min(MAX_FILE_BYTES_CEILING);
    if size > limit {
        return Err(EngineError::TooLarge {
            file: file.to_string(),
            size,
            limit,
        });
    }
    Ok(())
}

/// Refuse a file before reading it when the memory to read it cannot be
/// had now ([`ROOM_FACTOR`] times its size, besides the file): in the
/// browser an allocation that fails mid-parse aborts the engine. The room
/// is taken and given back at once; the parse then reuses it.
pub fn check_room(file: &str, size: u64) -> Result<()> {
    let needed = size.saturating_mul(ROOM_FACTOR);
    let mut room: Vec<u8> = Vec::new();
    let fits = usize::try_from(needed).is_ok_and(|n| room.try_reserve_exact(n).is_ok());
    drop(room);
    if !fits {
        return Err(EngineError::NoRoom {
            file: file.to_string(),
            size,
            needed,
        });
    }
    Ok(())
}

/// The format to read `file` as: the user's choice, else the content's magic
/// bytes (Parquet), else the extension.
pub fn detect_format(file: &str, bytes: &[u8], options: &LoadOptions) -> Result<FileFormat> {
    if let Some(format) = options.format {
        return Ok(format);
    }
    if bytes.starts_with(parquet::MAGIC) {
        return Ok(FileFormat::Parquet);
    }
    FileFormat::from_file_name(file).ok_or_else(|| EngineError::UnknownFormat { file: file.to_string() })
}

/// Read one file. Never panics on bad input: every problem is an error.
pub fn load(file: &str, bytes: &[u8], options: &LoadOptions) -> Result<Loaded> {
    load_columns(file, bytes, options, &|_| true)
}

/// Read one file's top-level columns that `keep` accepts (at least one, so
/// its rows are counted). Parquet reads only those columns; text formats
/// are parsed whole and the others dropped.
pub fn load_columns(file: &str, bytes: &[u8], options: &LoadOptions, keep: &dyn Fn(&str) -> bool) -> Result<Loaded> {
    if bytes.is_empty() {
        return Err(EngineError::Empty { file: file.to_string() });
    }
    let format = detect_format(file, bytes, options)?;
    guarded(file, format, || read_as(file, bytes, format, options, keep))
}

/// Run the readers (polars' code), turning a panic on corrupt input into
/// an error naming the file. The engine's own checks come first so that no
/// known hostile input gets this far (see `json::MAX_DEPTH`,
/// `parquet::check_footer`, `csv`'s unclosed quotes). While a read is
/// guarded, the panic hook stays silent (the error carries the panic's
/// message; polars panics on its own threads, so the silence is global).
fn guarded<T>(file: &str, format: FileFormat, read: impl FnOnce() -> Result<T>) -> Result<T> {
    quiet_while_guarded();
    GUARDED.fetch_add(1, Ordering::SeqCst);
    let outcome = catch_unwind(AssertUnwindSafe(read));
    GUARDED.fetch_sub(1, Ordering::SeqCst);
    outcome.unwrap_or_else(|payload| {
        let detail = crate::error::panic_message(payload.as_ref());
        Err(EngineError::file(file, Fault::ReaderFailed { format, detail }))
    })
}

/// Guarded reads in progress.
static GUARDED: AtomicUsize = AtomicUsize::new(0);

/// Wrap the panic hook (once) so that it says nothing while a read is guarded.
fn quiet_while_guarded() {
    if cfg!(panic = "abort") {
        // Nothing is caught: the hook's report is all there will be.
        return;
    }
    static WRAPPED: Once = Once::new();
    WRAPPED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.load(Ordering::SeqCst) == 0 {
                previous(info);
            }
        }));
    });
}

fn read_as(
    file: &str,
    bytes: &[u8],
    format: FileFormat,
    options: &LoadOptions,
    keep: &dyn Fn(&str) -> bool,
) -> Result<Loaded> {
    // Columns to be read as text are always read (they are named).
    let keep = |name: &str| keep(name) || options.text_columns.iter().any(|t| t == name);
    let keep = &keep;
    let mut options = options.clone();
    let mut notes = Vec::new();
    if options.format.is_none() && FileFormat::from_file_name(file).is_some_and(|f| f != format) {
        notes.push(LoadNote::ContentIs { format });
    }
    let mut skipped = vec![];
    let (frame, format) = match format {
        FileFormat::Parquet => {
            let (frame, left_out) = parquet::read_columns(file, bytes, keep, &mut notes)?;
            skipped = left_out;
            (frame, format)
        }
        FileFormat::Csv => {
            let decoded = text::decode(file, bytes, options.encoding)?;
            notes.extend(decoded.note);
            let read = csv::read(file, &decoded.text, &options)?;
            options.delimiter = Some(read.delimiter);
            notes.extend(read.notes);
            (read.frame, format)
        }
        FileFormat::Json | FileFormat::Jsonl => {
            let decoded = text::decode(file, bytes, options.encoding)?;
            notes.extend(decoded.note);
            let read = json::read(file, &decoded.text, format)?;
            notes.extend(read.notes);
            (read.frame, read.format)
        }
    };
    let frame = if format == FileFormat::Parquet {
        frame
    } else {
        let (frame, left_out) = shape::select(frame, keep).map_err(|e| in_file(file, e))?;
        skipped = left_out;
        frame
    };
    let mut frame = if options.flatten {
        shape::flatten(frame).map_err(|e| in_file(file, e))?
    } else {
        frame
    };
    if format != FileFormat::Csv {
        // CSV reads forced text columns as text; other formats convert after.
        frame = shape::cast_to_text(frame, &options.text_columns).map_err(|e| in_file(file, e))?;
    }
    Ok(Loaded {
        frame,
        format,
        options,
        notes,
        skipped,
    })
}

fn in_file(file: &str, e: EngineError) -> EngineError {
    match e {
        EngineError::UnknownColumn { column, .. } => EngineError::UnknownColumn {
            dataset: file.to_string(),
            column,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_over_the_limit_or_the_ceiling_are_refused_by_name() {
        check_size("a.csv", 1_000, 1_000).unwrap();
        let err = check_size("a.csv", 1_001, 1_000).err().unwrap().to_string();
        assert!(
            err.starts_with("a.csv: the file is 1.0 KB, larger than the 1.0 KB"),
            "{err}"
        );
        // A page asking for more than wasm32 can hold gets the ceiling.
        let err = check_size("big.parquet", 2_500_000_000, u64::MAX)
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("2.5 GB, larger than the 2.0 GB this engine accepts"),
            "{err}"
        );
    }

    #[test]
    fn a_file_needing_more_memory_than_there_is_is_refused_by_name() {
        check_room("small.csv", 1_000_000).unwrap();
        let err = check_room("huge.csv", u64::MAX / 4).err().unwrap().to_string();
        assert!(err.starts_with("huge.csv: not enough memory"), "{err}");
    }
}
