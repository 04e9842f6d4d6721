//! CAP module data: faults as data (shared by the engine's simulator and the
//! UI's editor), the request for a run, and what the UI shows of a run —
//! as codes and numbers (scenario keys, modes, verdicts, operations,
//! outcomes, message kinds, the AWS services table). The CLI's English is
//! the `Display` of each; the page words them from its catalogs.

use std::fmt;

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

/// The built-in scenarios: the course's four, and a random workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScenarioKey {
    Normal,
    PartitionCp,
    PartitionAp,
    Heal,
    Random,
}

impl ScenarioKey {
    pub const ALL: [ScenarioKey; 5] = [
        ScenarioKey::Normal,
        ScenarioKey::PartitionCp,
        ScenarioKey::PartitionAp,
        ScenarioKey::Heal,
        ScenarioKey::Random,
    ];

    /// The key in URLs and on the command line (`partition-cp`).
    pub fn key(self) -> &'static str {
        match self {
            ScenarioKey::Normal => "normal",
            ScenarioKey::PartitionCp => "partition-cp",
            ScenarioKey::PartitionAp => "partition-ap",
            ScenarioKey::Heal => "heal",
            ScenarioKey::Random => "random",
        }
    }

    pub fn parse(key: &str) -> Option<ScenarioKey> {
        ScenarioKey::ALL.into_iter().find(|s| s.key() == key)
    }

    /// What happens in the scenario, as the CLI tells it.
    pub fn story(self) -> &'static str {
        match self {
            ScenarioKey::Normal => {
                "Every data center is healthy. A write from us-east is acknowledged by a majority, and a strong read from europe a moment later returns it: consistent and available, because nothing is broken."
            }
            ScenarioKey::PartitionCp => {
                "The network splits us-east and europe from us-west and asia. Neither half holds a majority of the four data centers, so the CP system refuses writes and strong reads on both sides rather than let the halves disagree."
            }
            ScenarioKey::PartitionAp => {
                "The same split, under AP. us-west accepts the write and answers at once; asia, on its side, sees it; europe, across the partition, still answers — with old data. The checker flags that read."
            }
            ScenarioKey::Heal => {
                "During the split the CP write is refused. Once the network heals, the same write succeeds, reaches every data center, and strong reads everywhere agree."
            }
            ScenarioKey::Random => {
                "Clients at every data center read and write three keys at random; the network splits 2–2 at 30% of the run and heals at 70%."
            }
        }
    }
}

/// The scenario's title.
impl fmt::Display for ScenarioKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ScenarioKey::Normal => "1. Normal operation",
            ScenarioKey::PartitionCp => "2. Network partition — CP chooses consistency",
            ScenarioKey::PartitionAp => "3. Network partition — AP chooses availability",
            ScenarioKey::Heal => "4. Partition healing",
            ScenarioKey::Random => "Random workload",
        })
    }
}

/// How a run replicates and reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunMode {
    /// Majority quorum, strong reads.
    Cp,
    /// Accept anywhere, last writer wins, eventual reads.
    Ap,
    /// Accept anywhere, version vectors keep concurrent writes as siblings.
    ApSiblings,
    /// Dynamo-style quorum with strong reads.
    Quorum { n: usize, r: usize, w: usize },
}

impl fmt::Display for RunMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunMode::Cp => f.write_str("CP — majority quorum, strong reads"),
            RunMode::Ap => f.write_str("AP — accept anywhere, last writer wins, eventual reads"),
            RunMode::ApSiblings => {
                f.write_str("AP — accept anywhere, version vectors keep concurrent writes as siblings, eventual reads")
            }
            RunMode::Quorum { n, r, w } => write!(f, "Quorum N={n} R={r} W={w}, strong reads"),
        }
    }
}

/// The linearizability checker's verdict on a run's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CheckVerdict {
    Linearizable,
    /// The earliest prefix of the history that no order can explain ends
    /// at `since_ms`: operation `op` (an index into `CapRun::ops`) cannot
    /// take effect between its invocation and its completion; `involved`
    /// is a minimal set of operations with no valid order (invocation
    /// order); the best order found places `placed` operations and leaves
    /// the register at `state` (JSON).
    NotLinearizable {
        key: String,
        op: usize,
        since_ms: f64,
        involved: Vec<usize>,
        placed: usize,
        state: String,
    },
    /// The search ran out of budget on `key`.
    Undecided {
        key: String,
        explored: usize,
    },
}

impl CheckVerdict {
    pub fn linearizable(&self) -> Option<bool> {
        match self {
            CheckVerdict::Linearizable => Some(true),
            CheckVerdict::NotLinearizable { .. } => Some(false),
            CheckVerdict::Undecided { .. } => None,
        }
    }
}

impl fmt::Display for CheckVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckVerdict::Linearizable => f.write_str("linearizable"),
            CheckVerdict::NotLinearizable {
                key,
                op,
                since_ms,
                involved,
                placed,
                state,
            } => {
                write!(
                    f,
                    "not linearizable on key {key} since {since_ms:.0} ms: operation #{op} cannot take effect \
                     anywhere between its invocation and its completion; the best order found places {placed} \
                     operation(s), leaving the register at {state}"
                )?;
                if !involved.is_empty() {
                    let ids: Vec<String> = involved.iter().map(|i| format!("#{i}")).collect();
                    write!(f, "; operations with no valid order: {}", ids.join(", "))?;
                }
                Ok(())
            }
            CheckVerdict::Undecided { key, explored } => {
                write!(f, "undecided: {explored} states explored on key {key}")
            }
        }
    }
}

/// What a client asked for; values are JSON text (data, not words).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpAction {
    /// A read that returned nothing (rejected, or its outcome unknown).
    Read,
    ReadValue {
        value: String,
    },
    /// A read that returned concurrent writes side by side.
    ReadSiblings {
        values: Vec<String>,
    },
    Write {
        value: String,
    },
    Cas {
        from: String,
        to: String,
    },
}

impl fmt::Display for OpAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpAction::Read => f.write_str("read"),
            OpAction::ReadValue { value } => write!(f, "read → {value}"),
            OpAction::ReadSiblings { values } => write!(f, "read → siblings {{{}}}", values.join(", ")),
            OpAction::Write { value } => write!(f, "write {value}"),
            OpAction::Cas { from, to } => write!(f, "cas [{from}, {to}]"),
        }
    }
}

/// How an operation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpOutcome {
    Ok,
    /// Rejected: it did not take effect.
    Fail,
    /// Unknown: it may or may not have taken effect.
    Info,
}

impl fmt::Display for OpOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OpOutcome::Ok => "ok",
            OpOutcome::Fail => "rejected",
            OpOutcome::Info => "unknown",
        })
    }
}

/// What a message between data centers carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    Query,
    QueryReply,
    Store,
    StoreAck,
}

impl fmt::Display for MessageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MessageKind::Query => "query",
            MessageKind::QueryReply => "query-reply",
            MessageKind::Store => "store",
            MessageKind::StoreAck => "store-ack",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub from: usize,
    pub to: usize,
    pub sent_ms: f64,
    pub at_ms: f64,
    pub kind: MessageKind,
    pub dropped: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpView {
    pub client: usize,
    pub node: usize,
    pub key: String,
    pub action: OpAction,
    pub outcome: OpOutcome,
    pub invoke_ms: f64,
    pub complete_ms: Option<f64>,
    /// A read that returned an older value than the latest acknowledged write.
    pub stale: bool,
    /// Part of the checker's minimal non-linearizable set.
    pub in_violation: bool,
}

/// A client of the run, drawn as one lane of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneView {
    pub client: usize,
    /// The data center it is attached to.
    pub node: usize,
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
    pub mode: RunMode,
    pub nodes: Vec<String>,
    pub duration_ms: f64,
    pub network: Vec<NetSnapshot>,
    pub messages: Vec<MessageView>,
    pub ops: Vec<OpView>,
    /// The clients that issued operations, in client order.
    pub lanes: Vec<LaneView>,
    pub verdict: CheckVerdict,
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

/// Which two of the three guarantees a service keeps under a partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapClass {
    Cp,
    Ap,
}

impl fmt::Display for CapClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CapClass::Cp => "CP",
            CapClass::Ap => "AP",
        })
    }
}

/// A service's consistency model, as the course's table gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consistency {
    EventualStrongOnRequest,
    StrongInRegion,
    StrongConfigurableReads,
    EventualClusterMode,
}

impl fmt::Display for Consistency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Consistency::EventualStrongOnRequest => "Eventual consistency by default, strong consistency available",
            Consistency::StrongInRegion => "Strong consistency within region",
            Consistency::StrongConfigurableReads => "Strong consistency with configurable read preferences",
            Consistency::EventualClusterMode => "Eventual consistency in cluster mode",
        })
    }
}

/// What a service is used for, as the course's table gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UseCase {
    HighScale,
    GamingLeaderboards,
    Iot,
    Oltp,
    Financial,
    ContentManagement,
    Catalogs,
    SessionStorage,
    RealTimeAnalytics,
}

impl fmt::Display for UseCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UseCase::HighScale => "high-scale applications",
            UseCase::GamingLeaderboards => "gaming leaderboards",
            UseCase::Iot => "IoT",
            UseCase::Oltp => "OLTP applications",
            UseCase::Financial => "financial systems",
            UseCase::ContentManagement => "content management",
            UseCase::Catalogs => "catalogs",
            UseCase::SessionStorage => "session storage",
            UseCase::RealTimeAnalytics => "real-time analytics",
        })
    }
}

/// A row of the course's AWS services table, with the mode that models it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceView {
    /// The product's name (DynamoDB…): data, not words.
    pub name: String,
    pub cap: CapClass,
    pub consistency: Consistency,
    pub use_cases: Vec<UseCase>,
    pub modelled_as: RunMode,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapComparison {
    pub request: CapRequest,
    pub scenario: ScenarioKey,
    pub faults: Vec<TimedFault>,
    pub cp: CapRun,
    pub ap: CapRun,
    pub quorum: Option<CapRun>,
    pub services: Vec<ServiceView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_keys_round_trip() {
        for s in ScenarioKey::ALL {
            assert_eq!(ScenarioKey::parse(s.key()), Some(s));
            assert_eq!(serde_json::to_value(s).ok(), Some(serde_json::Value::from(s.key())));
        }
        assert_eq!(ScenarioKey::parse("nope"), None);
    }

    #[test]
    fn the_cli_english() {
        assert_eq!(
            RunMode::Quorum { n: 3, r: 2, w: 2 }.to_string(),
            "Quorum N=3 R=2 W=2, strong reads"
        );
        assert_eq!(
            OpAction::ReadSiblings {
                values: vec!["1".into(), "2".into()]
            }
            .to_string(),
            "read → siblings {1, 2}"
        );
        assert_eq!(OpAction::Write { value: "3".into() }.to_string(), "write 3");
        assert_eq!(MessageKind::StoreAck.to_string(), "store-ack");
        let v = CheckVerdict::NotLinearizable {
            key: "k".into(),
            op: 2,
            since_ms: 650.4,
            involved: vec![0, 2],
            placed: 1,
            state: "1".into(),
        };
        assert!(v
            .to_string()
            .starts_with("not linearizable on key k since 650 ms: operation #2"));
        assert!(v.to_string().ends_with("#0, #2"));
        assert_eq!(v.linearizable(), Some(false));
    }
}
