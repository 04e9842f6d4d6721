//! The workspace kept in the browser between visits: which files and
//! samples the user loaded (with the options they were read with) as a
//! manifest, and each file's bytes beside it (`opfs`: the origin-private
//! file system). On the next visit the page reads them back and loads them
//! into the new engine as it would after a restart. Plain Rust here, tested
//! natively; the browser's side is `opfs`.

pub mod opfs;

use std::collections::BTreeSet;

use dataplay_api::archive::{Layout, Part};
use dataplay_api::{LoadOptions, SampleSpec};
use serde::{Deserialize, Serialize};

use crate::state::{Restorable, Restore};

/// What the manifest's `version` says today; a manifest of another version
/// is not read (a newer build's, say), and the workspace starts empty.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub sources: Vec<Stored>,
}

/// One loaded source: a file (its bytes stored under `key`) or a sample,
/// and the datasets it made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Stored {
    File {
        key: String,
        name: String,
        options: LoadOptions,
        datasets: Vec<String>,
    },
    Sample {
        spec: SampleSpec,
        datasets: Vec<String>,
    },
}

impl Stored {
    pub fn key(&self) -> Option<&str> {
        match self {
            Stored::File { key, .. } => Some(key),
            Stored::Sample { .. } => None,
        }
    }
}

impl Manifest {
    /// The workspace as the page holds it, without the files the browser
    /// refused to store (`refused`, by key).
    pub fn of(restores: &[Restore], refused: &BTreeSet<String>) -> Manifest {
        let sources = restores
            .iter()
            .filter_map(|r| match &r.source {
                Restorable::File { key, name, options, .. } => (!refused.contains(key)).then(|| Stored::File {
                    key: key.clone(),
                    name: name.clone(),
                    options: options.clone(),
                    datasets: r.datasets.clone(),
                }),
                Restorable::Sample(spec) => Some(Stored::Sample {
                    spec: *spec,
                    datasets: r.datasets.clone(),
                }),
            })
            .collect();
        Manifest {
            version: VERSION,
            sources,
        }
    }

    /// A stored manifest, or none when it is not one this build reads.
    pub fn read(text: &str) -> Option<Manifest> {
        serde_json::from_str::<Manifest>(text)
            .ok()
            .filter(|m| m.version == VERSION)
    }

    /// The keys of the files it needs.
    pub fn keys(&self) -> BTreeSet<String> {
        self.sources
            .iter()
            .filter_map(Stored::key)
            .map(str::to_string)
            .collect()
    }
}

/// What a sync has to do to make the store hold `wanted`: the files to
/// write (wanted, not yet stored) and the ones to delete (stored, no longer
/// wanted).
pub fn plan(wanted: &Manifest, stored: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
    let keys = wanted.keys();
    let write = keys.difference(stored).cloned().collect();
    let delete = stored.difference(&keys).cloned().collect();
    (write, delete)
}

/// A whole workspace as one file (`.dataplay`, the archive format of
/// `dataplay_api::archive`): the manifest and the pages' links in its
/// table of contents, then each uploaded file's bytes (`file/<key>`) and
/// the engine's lake and warehouse (`state`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exported {
    pub version: u32,
    pub manifest: Manifest,
    pub links: crate::route::Links,
}

/// A key the page makes for an uploaded file (`f<hex stamp>-<n>`).
pub fn is_key(key: &str) -> bool {
    let Some((stamp, n)) = key.strip_prefix('f').and_then(|k| k.split_once('-')) else {
        return false;
    };
    !stamp.is_empty()
        && stamp.bytes().all(|b| b.is_ascii_hexdigit())
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
}

/// The part holding the engine's lake and warehouse.
pub const STATE_PART: &str = "state";

/// The part holding the file stored under `key`.
pub fn file_part(key: &str) -> String {
    format!("file/{key}")
}

impl Exported {
    /// The parts, in the order they are written: each file (`sizes`: by
    /// key), then the state.
    pub fn parts(&self, sizes: &dyn Fn(&str) -> Option<u64>, state: u64) -> Vec<Part> {
        self.manifest
            .keys()
            .iter()
            .filter_map(|k| {
                Some(Part {
                    name: file_part(k),
                    len: sizes(k)?,
                })
            })
            .chain([Part {
                name: STATE_PART.into(),
                len: state,
            }])
            .collect()
    }

    /// Whether this build can import it: its version, keys as this page
    /// makes them (`f<hex>-<n>`: never the store's own files), and every
    /// file the manifest names has its part (`why` otherwise).
    pub fn check(layout: &Layout<Exported>) -> Result<(), String> {
        let meta = &layout.meta;
        if meta.version != VERSION || meta.manifest.version != VERSION {
            return Err(format!("version {} (this build reads {VERSION})", meta.version));
        }
        if let Some(k) = meta.manifest.keys().iter().find(|k| !is_key(k)) {
            return Err(format!("{k:?} is not a file key"));
        }
        match meta
            .manifest
            .keys()
            .iter()
            .find(|k| layout.find(&file_part(k)).is_none())
        {
            Some(k) => Err(format!("{} is missing", file_part(k))),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use dataplay_api::SampleKind;

    use super::*;

    fn sample(seed: u64) -> Stored {
        Stored::Sample {
            spec: SampleSpec {
                kind: SampleKind::Retail,
                seed,
                size: 1_000,
            },
            datasets: vec!["customers".into()],
        }
    }

    fn file(key: &str) -> Stored {
        Stored::File {
            key: key.into(),
            name: format!("{key}.csv"),
            options: LoadOptions::default(),
            datasets: vec![key.into()],
        }
    }

    #[test]
    fn a_manifest_reads_back_and_another_version_is_not_read() {
        let m = Manifest {
            version: VERSION,
            sources: vec![file("a"), sample(7)],
        };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(Manifest::read(&text), Some(m.clone()));
        let newer = text.replacen(&format!("\"version\":{VERSION}"), "\"version\":99", 1);
        assert_eq!(Manifest::read(&newer), None);
        assert_eq!(Manifest::read("{\"version\":1,"), None, "a torn write reads as nothing");
        assert_eq!(Manifest::read(""), None);
    }

    #[test]
    fn a_sync_writes_what_is_new_and_deletes_what_is_gone() {
        let wanted = Manifest {
            version: VERSION,
            sources: vec![file("a"), sample(1), file("c")],
        };
        let stored: BTreeSet<String> = ["a", "b"].map(String::from).into();
        let (write, delete) = plan(&wanted, &stored);
        assert_eq!(write, ["c"]);
        assert_eq!(delete, ["b"]);
        let (write, delete) = plan(&wanted, &wanted.keys());
        assert!(write.is_empty() && delete.is_empty(), "in step: nothing to do");
    }

    #[test]
    fn samples_are_kept_as_their_spec_and_refused_files_are_left_out() {
        let restores = vec![Restore {
            source: Restorable::Sample(SampleSpec {
                kind: SampleKind::Media,
                seed: 3,
                size: 10_000,
            }),
            datasets: vec!["video_metadata".into(), "user_interactions".into()],
        }];
        let m = Manifest::of(&restores, &BTreeSet::new());
        assert_eq!(m.sources.len(), 1);
        assert!(m.keys().is_empty());
        assert!(matches!(&m.sources[0], Stored::Sample { spec, datasets } if spec.seed == 3 && datasets.len() == 2));
    }

    #[test]
    fn an_exported_workspace_lists_each_file_then_the_state_and_reads_back() {
        let exported = Exported {
            version: VERSION,
            manifest: Manifest {
                version: VERSION,
                sources: vec![file("fa-0"), sample(1), file("fb-1")],
            },
            links: Default::default(),
        };
        let sizes = |k: &str| Some(if k == "fa-0" { 3 } else { 2 });
        let parts = exported.parts(&sizes, 4);
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["file/fa-0", "file/fb-1", "state"]);
        let bodies: Vec<(String, &[u8])> = vec![
            ("file/fa-0".into(), b"abc".as_slice()),
            ("file/fb-1".into(), b"de".as_slice()),
            ("state".into(), b"wxyz".as_slice()),
        ];
        let packed = dataplay_api::archive::pack(&exported, &bodies);
        let head = dataplay_api::archive::head(&exported, &parts);
        assert_eq!(
            &packed[..head.len()],
            head.as_slice(),
            "the head the page writes before the files"
        );
        let len = dataplay_api::archive::header_len(&packed, packed.len() as u64).unwrap() as usize;
        let prefix = dataplay_api::archive::PREFIX;
        let layout: Layout<Exported> =
            dataplay_api::archive::layout(&packed[prefix..prefix + len], packed.len() as u64).unwrap();
        assert_eq!(layout.meta, exported);
        assert_eq!(Exported::check(&layout), Ok(()));
        // A file the manifest names but the archive lacks.
        let without_b = dataplay_api::archive::pack(&exported, &[bodies[0].clone(), bodies[2].clone()]);
        let len = dataplay_api::archive::header_len(&without_b, without_b.len() as u64).unwrap() as usize;
        let layout: Layout<Exported> =
            dataplay_api::archive::layout(&without_b[prefix..prefix + len], without_b.len() as u64).unwrap();
        assert_eq!(Exported::check(&layout), Err("file/fb-1 is missing".into()));
        assert!(is_key("f18c2a-0") && !is_key("manifest.json") && !is_key("f-1") && !is_key("fab-") && !is_key("../x"));
    }
}
