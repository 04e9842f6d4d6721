//! What a run measured: availability per region, rejected writes, stale
//! reads, replication lag, and latency percentiles in normal and in degraded
//! (partitioned or crashed) time — PACELC: even without a partition, the
//! consistent choice costs latency.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::history::{History, OpKind, Outcome};
use super::topology::Topology;
use super::version::Version;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RegionMetrics {
    pub name: String,
    pub ops: usize,
    pub ok: usize,
    pub rejected_writes: usize,
    pub unknown: usize,
    pub reads: usize,
    pub stale_reads: usize,
    /// ok / ops.
    pub availability: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Percentiles {
    pub count: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub regions: Vec<RegionMetrics>,
    pub rejected_writes: usize,
    pub reads: usize,
    pub stale_reads: usize,
    pub stale_read_rate: f64,
    /// Writes that reached every replica: mean and max time to get there.
    pub replication_lag_mean_ms: f64,
    pub replication_lag_max_ms: f64,
    /// Writes some replica still lacked at the end.
    pub unreplicated_writes: usize,
    pub latency_normal: Percentiles,
    pub latency_degraded: Percentiles,
    /// History indexes of the stale reads.
    pub stale_ops: Vec<usize>,
}

#[derive(Clone, Copy)]
struct Done {
    latency_us: u64,
    node: usize,
    outcome: Outcome,
    degraded: bool,
}

pub(crate) struct Recorder {
    nodes: usize,
    done: HashMap<usize, Done>,
    /// Per key, writes not yet held (or superseded) everywhere:
    /// (version, written at, holders as a bit set, last reached at).
    pending: HashMap<String, Vec<(Version, u64, u64, u64)>>,
    /// Time each fully replicated write took to get everywhere, in ms.
    lags: Vec<f64>,
}

impl Recorder {
    pub(crate) fn new(nodes: usize) -> Recorder {
        Recorder {
            nodes,
            done: HashMap::new(),
            pending: HashMap::new(),
            lags: Vec::new(),
        }
    }

    pub(crate) fn replication_started(&mut self, key: &str, version: &Version, now: u64) {
        self.pending
            .entry(key.to_string())
            .or_default()
            .push((version.clone(), now, 0, now));
    }

    /// `node` now holds `version` of `key`, which covers every older write.
    pub(crate) fn applied(&mut self, key: &str, version: &Version, node: usize, now: u64) {
        let everyone = if self.nodes >= 64 {
            u64::MAX
        } else {
            (1u64 << self.nodes) - 1
        };
        let Some(writes) = self.pending.get_mut(key) else {
            return;
        };
        let bit = 1u64 << (node % 64);
        for w in writes.iter_mut().filter(|w| w.0 <= *version && w.2 & bit == 0) {
            w.2 |= bit;
            w.3 = now;
        }
        let lags = &mut self.lags;
        writes.retain(|w| {
            let complete = w.2 & everyone == everyone;
            if complete {
                lags.push((w.3 - w.1) as f64 / 1_000.0);
            }
            !complete
        });
    }

    pub(crate) fn completed(&mut self, op: usize, node: usize, outcome: Outcome, latency_us: u64, degraded: bool) {
        self.done.insert(
            op,
            Done {
                latency_us,
                node,
                outcome,
                degraded,
            },
        );
    }

    pub(crate) fn finish(self, history: &History, topology: &Topology) -> Metrics {
        let mut regions: Vec<RegionMetrics> = topology
            .nodes
            .iter()
            .map(|n| RegionMetrics {
                name: n.clone(),
                ..RegionMetrics::default()
            })
            .collect();
        let mut stale_ops = Vec::new();
        let mut normal = Vec::new();
        let mut degraded = Vec::new();
        // Invocation and completion times in µs from the history's op times.
        let times: Vec<(u64, Option<u64>)> = history
            .ops
            .iter()
            .enumerate()
            .map(|(i, op)| {
                let end = (op.time.unwrap_or(0.0) * 1_000.0) as u64;
                match self.done.get(&i) {
                    Some(d) => (end.saturating_sub(d.latency_us), Some(end)),
                    None => (end, None),
                }
            })
            .collect();
        let writes = index_writes(history, &times);
        for (i, op) in history.ops.iter().enumerate() {
            let Some(d) = self.done.get(&i) else { continue };
            let last = regions.len() - 1;
            let r = &mut regions[d.node.min(last)];
            r.ops += 1;
            match d.outcome {
                Outcome::Ok => r.ok += 1,
                Outcome::Fail if matches!(op.kind, OpKind::Write(_)) => r.rejected_writes += 1,
                Outcome::Fail => {}
                Outcome::Unknown => r.unknown += 1,
            }
            if d.outcome == Outcome::Ok {
                let ms = d.latency_us as f64 / 1_000.0;
                if d.degraded {
                    degraded.push(ms)
                } else {
                    normal.push(ms)
                }
            }
            if op.kind == OpKind::Read && op.outcome == Outcome::Ok {
                r.reads += 1;
                if is_stale(history, &times, &writes, i) {
                    r.stale_reads += 1;
                    stale_ops.push(i);
                }
            }
        }
        for r in &mut regions {
            r.availability = if r.ops == 0 { 1.0 } else { r.ok as f64 / r.ops as f64 };
        }
        let lags = &self.lags;
        let reads: usize = regions.iter().map(|r| r.reads).sum();
        let stale: usize = regions.iter().map(|r| r.stale_reads).sum();
        Metrics {
            rejected_writes: regions.iter().map(|r| r.rejected_writes).sum(),
            reads,
            stale_reads: stale,
            stale_read_rate: if reads == 0 { 0.0 } else { stale as f64 / reads as f64 },
            replication_lag_mean_ms: if lags.is_empty() {
                0.0
            } else {
                lags.iter().sum::<f64>() / lags.len() as f64
            },
            replication_lag_max_ms: lags.iter().copied().fold(0.0, f64::max),
            unreplicated_writes: self.pending.values().map(Vec::len).sum(),
            latency_normal: percentiles(normal),
            latency_degraded: percentiles(degraded),
            stale_ops,
            regions,
        }
    }
}

fn percentiles(mut ms: Vec<f64>) -> Percentiles {
    if ms.is_empty() {
        return Percentiles::default();
    }
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    Percentiles {
        count: ms.len(),
        p50_ms: at(0.5),
        p99_ms: at(0.99),
    }
}

/// A key's writes, indexed for stale-read checks.
struct KeyWrites<'a> {
    /// Acknowledged writes: (completion µs, value), by completion time.
    acked: Vec<(u64, &'a Value)>,
    /// Every write that may have happened, by value: (invocation µs, completion µs or MAX).
    by_value: HashMap<String, Vec<(u64, u64)>>,
}

fn index_writes<'a>(history: &'a History, times: &[(u64, Option<u64>)]) -> HashMap<&'a str, KeyWrites<'a>> {
    let mut keys: HashMap<&str, KeyWrites> = HashMap::new();
    for (i, w) in history.ops.iter().enumerate() {
        let OpKind::Write(v) = &w.kind else { continue };
        if w.outcome == Outcome::Fail {
            continue;
        }
        let entry = keys.entry(w.key.as_str()).or_insert_with(|| KeyWrites {
            acked: Vec::new(),
            by_value: HashMap::new(),
        });
        let end = times[i].1.unwrap_or(u64::MAX);
        if w.outcome == Outcome::Ok {
            if let Some(done) = times[i].1 {
                entry.acked.push((done, v));
            }
        }
        entry.by_value.entry(v.to_string()).or_default().push((times[i].0, end));
    }
    for k in keys.values_mut() {
        k.acked.sort_by_key(|(t, _)| *t);
    }
    keys
}

/// A read is stale when it returns neither the value of the latest write
/// acknowledged before it began nor that of a write concurrent with or after
/// that one.
fn is_stale(history: &History, times: &[(u64, Option<u64>)], writes: &HashMap<&str, KeyWrites>, read: usize) -> bool {
    let op = &history.ops[read];
    let (read_start, read_end) = (times[read].0, times[read].1.unwrap_or(u64::MAX));
    let (Some(seen), Some(key)) = (&op.output, writes.get(op.key.as_str())) else {
        return false;
    };
    let before = key.acked.partition_point(|(done, _)| *done < read_start);
    let Some(&(latest_end, latest_v)) = before.checked_sub(1).and_then(|i| key.acked.get(i)) else {
        return false;
    };
    if seen == latest_v {
        return false;
    }
    !key.by_value
        .get(&seen.to_string())
        .is_some_and(|ws| ws.iter().any(|&(start, end)| start < read_end && end > latest_end))
}
