//! One file holding named parts: how the engine keeps its lake and
//! warehouse between visits, and how the page writes a whole workspace to
//! one file another browser imports.
//!
//! Layout: the 8-byte magic `DPARCH01`, the header's length (u64, little
//! endian), the header as JSON (what the file is, and each part's name and
//! length in order), then the parts' bytes one after another. The header
//! comes first so a reader can find a part without reading the others (the
//! page slices a `File` at the offsets [`Layout`] gives).

use std::ops::Range;

use serde::{de::DeserializeOwned, Deserialize, Serialize};

pub const MAGIC: &[u8; 8] = b"DPARCH01";
/// Bytes before the header: the magic and the header's length.
pub const PREFIX: usize = 16;
/// A header this long is not one this format writes.
const MAX_HEADER: u64 = 64 * 1024 * 1024;

/// A part's name and length, as the header lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    pub len: u64,
}

#[derive(Serialize, Deserialize)]
struct Header<M> {
    meta: M,
    parts: Vec<Part>,
}

/// Why a file is not an archive this build reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    #[error("not a dataplay file (it does not start with {MAGIC:?})")]
    NotAnArchive,
    #[error("the file is cut short: {needed} bytes needed, {got} present")]
    Truncated { needed: u64, got: u64 },
    #[error("the file's table of contents cannot be read: {0}")]
    Header(String),
}

/// The bytes before the parts: magic, length, header.
pub fn head<M: Serialize>(meta: &M, parts: &[Part]) -> Vec<u8> {
    let header = Header {
        meta,
        parts: parts.to_vec(),
    };
    let json = serde_json::to_vec(&header).unwrap_or_default();
    let mut out = Vec::with_capacity(PREFIX + json.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(json.len() as u64).to_le_bytes());
    out.extend_from_slice(&json);
    out
}

/// A whole archive in memory.
pub fn pack<M: Serialize>(meta: &M, parts: &[(String, &[u8])]) -> Vec<u8> {
    let list: Vec<Part> = parts
        .iter()
        .map(|(name, bytes)| Part {
            name: name.clone(),
            len: bytes.len() as u64,
        })
        .collect();
    let mut out = head(meta, &list);
    for (_, bytes) in parts {
        out.extend_from_slice(bytes);
    }
    out
}

/// The header's length from the first [`PREFIX`] bytes.
pub fn header_len(prefix: &[u8], total: u64) -> Result<u64, ArchiveError> {
    if prefix.len() < PREFIX || &prefix[..8] != MAGIC {
        return Err(if prefix.len() >= 8 && &prefix[..8] == MAGIC {
            ArchiveError::Truncated {
                needed: PREFIX as u64,
                got: prefix.len() as u64,
            }
        } else {
            ArchiveError::NotAnArchive
        });
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&prefix[8..16]);
    let len = u64::from_le_bytes(len);
    if len > MAX_HEADER {
        return Err(ArchiveError::Header(format!("{len} bytes long")));
    }
    let needed = PREFIX as u64 + len;
    if needed > total {
        return Err(ArchiveError::Truncated { needed, got: total });
    }
    Ok(len)
}

/// Where each part is in a file of `total` bytes, read from its header.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout<M> {
    pub meta: M,
    pub parts: Vec<(Part, Range<u64>)>,
}

impl<M> Layout<M> {
    pub fn find(&self, name: &str) -> Option<Range<u64>> {
        self.parts.iter().find(|(p, _)| p.name == name).map(|(_, r)| r.clone())
    }
}

/// Read the header (`header`: its bytes, after the prefix) of a file of
/// `total` bytes; every part must lie inside the file.
pub fn layout<M: DeserializeOwned>(header: &[u8], total: u64) -> Result<Layout<M>, ArchiveError> {
    let h: Header<M> = serde_json::from_slice(header).map_err(|e| ArchiveError::Header(e.to_string()))?;
    let mut at = PREFIX as u64 + header.len() as u64;
    let mut parts = Vec::with_capacity(h.parts.len());
    for part in h.parts {
        let end = at.checked_add(part.len).ok_or(ArchiveError::Truncated {
            needed: u64::MAX,
            got: total,
        })?;
        if end > total {
            return Err(ArchiveError::Truncated {
                needed: end,
                got: total,
            });
        }
        parts.push((part, at..end));
        at = end;
    }
    Ok(Layout { meta: h.meta, parts })
}

/// Each part's name and bytes, in order.
pub type Parts<'a> = Vec<(String, &'a [u8])>;

/// An archive in memory: its meta and each part's bytes.
pub fn unpack<M: DeserializeOwned>(bytes: &[u8]) -> Result<(M, Parts<'_>), ArchiveError> {
    let len = header_len(bytes, bytes.len() as u64)? as usize;
    let layout: Layout<M> = layout(&bytes[PREFIX..PREFIX + len], bytes.len() as u64)?;
    let parts = layout
        .parts
        .into_iter()
        .map(|(p, r)| (p.name, &bytes[r.start as usize..r.end as usize]))
        .collect();
    Ok((layout.meta, parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_by_name_and_in_order() {
        let packed = pack(
            &"lake",
            &[("a".into(), b"one".as_slice()), ("b".into(), b"".as_slice())],
        );
        let (meta, parts): (String, _) = unpack(&packed).unwrap();
        assert_eq!(meta, "lake");
        assert_eq!(
            parts,
            vec![("a".to_string(), b"one".as_slice()), ("b".to_string(), b"".as_slice())]
        );
        let len = header_len(&packed[..PREFIX], packed.len() as u64).unwrap() as usize;
        let layout: Layout<String> = layout(&packed[PREFIX..PREFIX + len], packed.len() as u64).unwrap();
        let a = layout.find("a").unwrap();
        assert_eq!(&packed[a.start as usize..a.end as usize], b"one");
        assert_eq!(layout.find("c"), None);
    }

    #[test]
    fn a_file_that_is_not_one_or_is_cut_short_is_refused_with_why() {
        assert_eq!(
            unpack::<String>(b"name,age\n1,2\n3,4\n").unwrap_err(),
            ArchiveError::NotAnArchive
        );
        assert_eq!(unpack::<String>(b"").unwrap_err(), ArchiveError::NotAnArchive);
        let packed = pack(&1u32, &[("a".into(), b"0123456789".as_slice())]);
        let cut = &packed[..packed.len() - 3];
        assert!(matches!(unpack::<u32>(cut), Err(ArchiveError::Truncated { .. })));
        assert!(matches!(
            unpack::<u32>(&packed[..12]),
            Err(ArchiveError::Truncated { .. })
        ));
        let mut garbled = packed.clone();
        garbled[PREFIX] = b'!';
        assert!(matches!(unpack::<u32>(&garbled), Err(ArchiveError::Header(_))));
        let mut huge = packed;
        huge[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(matches!(unpack::<u32>(&huge), Err(ArchiveError::Header(_))));
    }
}
