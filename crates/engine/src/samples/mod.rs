//! Built-in sample data, generated deterministically from a seed: the same
//! spec gives the same tables, natively and in wasm.

pub mod media;
pub mod retail;

use dataplay_api::{SampleKind, SampleSpec};
use polars_core::prelude::DataFrame;

use crate::error::Result;

/// A generated table: a frame directly (retail), or a file to be loaded
/// through the loaders like an upload would be (media JSON).
pub enum Table {
    Frame { name: String, frame: DataFrame },
    File { file_name: String, bytes: Vec<u8> },
}

pub fn generate(spec: &SampleSpec) -> Result<Vec<Table>> {
    let size = spec.size.min(SampleSpec::MAX_SIZE) as u64;
    Ok(match spec.kind {
        SampleKind::Retail => retail::tables(spec.seed, size)?
            .into_iter()
            .map(|(name, frame)| Table::Frame { name, frame })
            .collect(),
        SampleKind::Media => media::files(spec.seed, size)
            .into_iter()
            .map(|(file_name, bytes)| Table::File { file_name, bytes })
            .collect(),
    })
}
