//! CAP module data: faults as data (shared by the engine's simulator and the
//! UI's editor), the request for a run, and what the UI shows of a run.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Cut the link from `a` to `b` (and `b` to `a` unless `one_way`).
    Cut {
        a: usize,
        b: usize,
        one_way: bool,
    },
    /// Split the nodes into two sides: every link across is cut.
    Split {
        side: Vec<usize>,
    },
    /// Cut every link of a node.
    Isolate {
        node: usize,
    },
    /// The node stops; its stored data survives (it is durable).
    Crash {
        node: usize,
    },
    Restart {
        node: usize,
    },
    /// Restore the link between `a` and `b`, both ways.
    HealLink {
        a: usize,
        b: usize,
    },
    /// Restore every link (crashed nodes stay down).
    HealAll,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimedFault {
    pub at_ms: u64,
    #[serde(flatten)]
    pub fault: Fault,
}

/// Run a scenario under CP and AP on the same seed and fault schedule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CapRequest {
    /// A scenario key (`normal`, `partition-cp`, `partition-ap`, `heal`, `random`).
    pub scenario: String,
    pub seed: u64,
    /// Faults the user added (clicked links and nodes), on top of the scenario's.
    pub extra_faults: Vec<TimedFault>,
    /// Number of data centers (the seed's four by default; 3 to 7).
    #[serde(default)]
    pub nodes: Option<usize>,
    /// Also run a Dynamo-style quorum `(n, r, w)` with strong reads.
    #[serde(default)]
    pub quorum: Option<(usize, usize, usize)>,
    /// Random workload only: clients per data center and simulated length
    /// (defaults 1 and 10 s, at most 32 and 600 s; the split and heal fall at
    /// 30% and 70%).
    #[serde(default)]
    pub clients: Option<usize>,
    #[serde(default)]
    pub duration_ms: Option<u64>,
    /// AP keeps concurrent writes as siblings (version vectors) instead of
    /// last-writer-wins.
    #[serde(default)]
    pub siblings: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetSnapshot {
    pub at_ms: f64,
    /// Directed links that are cut: (from, to).
    pub cut: Vec<(usize, usize)>,
    pub down: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub from: usize,
    pub to: usize,
    pub sent_ms: f64,
    pub at_ms: f64,
    pub label: String,
    pub dropped: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpView {
    pub client: usize,
    pub node: usize,
    pub key: String,
    /// `write {...}`, `read → 3`.
    pub label: String,
    /// `ok`, `fail` (rejected) or `info` (outcome unknown).
    pub outcome: String,
    pub invoke_ms: f64,
    pub complete_ms: Option<f64>,
    /// A read that returned an older value than the latest acknowledged write.
    pub stale: bool,
    /// Part of the checker's minimal non-linearizable set.
    pub in_violation: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionView {
    pub name: String,
    pub ops: usize,
    pub availability: f64,
    pub rejected_writes: usize,
    pub stale_reads: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapRun {
    pub mode: String,
    pub nodes: Vec<String>,
    pub duration_ms: f64,
    pub network: Vec<NetSnapshot>,
    pub messages: Vec<MessageView>,
    pub ops: Vec<OpView>,
    pub linearizable: Option<bool>,
    pub verdict: String,
    pub regions: Vec<RegionView>,
    pub rejected_writes: usize,
    pub stale_reads: usize,
    pub reads: usize,
    pub replication_lag_mean_ms: f64,
    pub latency_normal_p50_ms: f64,
    pub latency_normal_p99_ms: f64,
    pub latency_degraded_p50_ms: f64,
    pub latency_degraded_p99_ms: f64,
    pub events: u64,
    pub log_hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceView {
    pub name: String,
    pub cap: String,
    pub consistency: String,
    pub use_case: String,
    pub modelled_as: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapComparison {
    pub request: CapRequest,
    pub title: String,
    pub story: String,
    pub faults: Vec<TimedFault>,
    pub cp: CapRun,
    pub ap: CapRun,
    pub quorum: Option<CapRun>,
    pub services: Vec<ServiceView>,
    pub scenarios: Vec<(String, String)>,
}
