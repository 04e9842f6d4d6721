//! What a replica stores of a key: the value with its last-writer-wins
//! `Version` and, with version vectors, the concurrent `Sibling`s it keeps
//! (`descends`, `merge_siblings`). Shared by the simulation and its metrics.

use serde::Serialize;
use serde_json::Value;

/// A stored value and its version (last-writer-wins order).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Version {
    pub stamp: u64,
    pub node: u32,
    /// The writing client: two clients of one node never share a version.
    pub client: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stored {
    /// The last-writer-wins version (with siblings: the newest of them, for
    /// replication-lag metrics and display).
    pub version: Version,
    pub value: Value,
    /// `Resolution::Siblings` only: the concurrent values kept, each with its
    /// version vector (one counter per node).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub siblings: Vec<Sibling>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sibling {
    pub clock: Vec<u64>,
    pub value: Value,
}

/// `a` has seen everything `b` has (a ≥ b in every node's counter).
pub fn descends(a: &[u64], b: &[u64]) -> bool {
    (0..a.len().max(b.len())).all(|i| a.get(i).copied().unwrap_or(0) >= b.get(i).copied().unwrap_or(0))
}

/// Merge incoming siblings into `mine`: keep what nothing else descends from.
pub fn merge_siblings(mine: &mut Vec<Sibling>, incoming: &[Sibling]) -> bool {
    let mut changed = false;
    for s in incoming {
        if mine.iter().any(|m| descends(&m.clock, &s.clock)) {
            continue;
        }
        mine.retain(|m| !descends(&s.clock, &m.clock));
        mine.push(s.clone());
        changed = true;
    }
    mine.sort_by(|a, b| a.clock.cmp(&b.clock));
    changed
}
