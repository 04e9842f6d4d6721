//! The workspace kept in the browser between visits: which files and
//! samples the user loaded (with the options they were read with) as a
//! manifest, and each file's bytes beside it (`opfs`: the origin-private
//! file system). On the next visit the page reads them back and loads them
//! into the new engine as it would after a restart. Plain Rust here, tested
//! natively; the browser's side is `opfs`.

pub mod opfs;

use std::collections::BTreeSet;

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
}
