//! The seed's four CAP scenarios as guided, replayable runs, and its table of
//! AWS services with the simulation modes that model them.

use serde::Serialize;
use serde_json::{json, Value};

use super::faults::{Fault, TimedFault};
use super::sim::{Mode, ReadLevel, ScriptedOp, SimConfig, Workload};

pub const US_EAST: usize = 0;
pub const US_WEST: usize = 1;
pub const EUROPE: usize = 2;
pub const ASIA: usize = 3;

pub struct Scenario {
    pub key: &'static str,
    pub title: &'static str,
    pub story: &'static str,
    pub config: SimConfig,
}

fn post(id: &str, user: &str, content: &str) -> Value {
    json!({"post_id": id, "user_id": user, "content": content})
}

fn write(at_ms: u64, node: usize, key: &str, value: Value) -> ScriptedOp {
    ScriptedOp {
        at_ms,
        node,
        key: key.into(),
        write: Some(value),
    }
}

fn read(at_ms: u64, node: usize, key: &str) -> ScriptedOp {
    ScriptedOp {
        at_ms,
        node,
        key: key.into(),
        write: None,
    }
}

fn scripted(mode: Mode, read_level: ReadLevel, faults: Vec<TimedFault>, ops: Vec<ScriptedOp>) -> SimConfig {
    SimConfig {
        faults,
        workload: Workload::Script { ops },
        duration_ms: 3_000,
        ..SimConfig::new(mode, read_level, 1)
    }
}

/// A 2–2 split: us-east and europe on one side, us-west and asia on the
/// other. With four data centers no side holds a majority (3).
fn split(at_ms: u64) -> TimedFault {
    TimedFault {
        at_ms,
        fault: Fault::Split {
            side: vec![US_EAST, EUROPE],
        },
    }
}

pub fn all() -> Vec<Scenario> {
    vec![
        Scenario {
            key: "normal",
            title: "1. Normal operation",
            story: "All data centers healthy. A CP write from us-east reaches a majority; a strong read \
                    from europe returns it.",
            config: scripted(
                Mode::Cp,
                ReadLevel::Strong,
                vec![],
                vec![
                    write(
                        0,
                        US_EAST,
                        "post_123",
                        post("post_123", "user_456", "Hello World! #CAP"),
                    ),
                    read(500, EUROPE, "post_123"),
                ],
            ),
        },
        Scenario {
            key: "partition-cp",
            title: "2. Network partition — CP chooses consistency",
            story: "The network splits us-east+europe from us-west+asia. Neither side reaches a majority, \
                    so the CP system rejects writes (and strong reads) on both sides rather than diverge.",
            config: scripted(
                Mode::Cp,
                ReadLevel::Strong,
                vec![split(200)],
                vec![
                    write(
                        0,
                        US_EAST,
                        "post_123",
                        post("post_123", "user_456", "Hello World! #CAP"),
                    ),
                    write(400, US_EAST, "post_456", post("post_456", "user_789", "CP System Test")),
                    write(
                        450,
                        US_WEST,
                        "post_456",
                        post("post_456", "user_789", "CP System Test (west)"),
                    ),
                    read(600, ASIA, "post_123"),
                ],
            ),
        },
        Scenario {
            key: "partition-ap",
            title: "3. Network partition — AP chooses availability",
            story: "Same split. The AP system accepts the write at us-west and answers at once; asia, on \
                    the same side, sees it; europe, across the partition, serves a stale read. The \
                    checker flags that read.",
            config: scripted(
                Mode::Ap,
                ReadLevel::Eventual,
                vec![split(200)],
                vec![
                    write(400, US_WEST, "post_789", post("post_789", "user_123", "AP System Test")),
                    read(600, ASIA, "post_789"),
                    read(650, EUROPE, "post_789"),
                ],
            ),
        },
        Scenario {
            key: "heal",
            title: "4. Partition healing",
            story: "During the split a CP write is rejected; after the heal the same write succeeds, \
                    reaches every data center, and strong reads everywhere agree.",
            config: scripted(
                Mode::Cp,
                ReadLevel::Strong,
                vec![
                    split(200),
                    TimedFault {
                        at_ms: 1_000,
                        fault: Fault::HealAll,
                    },
                ],
                vec![
                    write(400, US_EAST, "post_999", post("post_999", "user_555", "Healed Network")),
                    write(
                        1_200,
                        US_EAST,
                        "post_999",
                        post("post_999", "user_555", "Healed Network"),
                    ),
                    read(1_800, ASIA, "post_999"),
                    read(1_850, EUROPE, "post_999"),
                ],
            ),
        },
    ]
}

pub fn by_key(key: &str) -> Option<Scenario> {
    all().into_iter().find(|s| s.key == key)
}

/// The seed's AWS services table, with the simulation settings that model them.
#[derive(Debug, Clone, Serialize)]
pub struct AwsService {
    pub name: &'static str,
    pub cap: &'static str,
    pub description: &'static str,
    pub consistency: &'static str,
    pub use_case: &'static str,
    pub mode: Mode,
    pub read_level: ReadLevel,
}

pub fn aws_services() -> Vec<AwsService> {
    vec![
        AwsService {
            name: "DynamoDB",
            cap: "AP",
            description: "Prioritizes Availability and Partition tolerance",
            consistency: "Eventual consistency by default, strong consistency available",
            use_case: "High-scale applications, gaming leaderboards, IoT",
            mode: Mode::Ap,
            read_level: ReadLevel::Eventual,
        },
        AwsService {
            name: "Aurora",
            cap: "CP",
            description: "Prioritizes Consistency and Partition tolerance",
            consistency: "Strong consistency within region",
            use_case: "OLTP applications, financial systems",
            mode: Mode::Cp,
            read_level: ReadLevel::Strong,
        },
        AwsService {
            name: "DocumentDB",
            cap: "CP",
            description: "MongoDB-compatible, prioritizes consistency",
            consistency: "Strong consistency with configurable read preferences",
            use_case: "Content management, catalogs",
            mode: Mode::Cp,
            read_level: ReadLevel::Strong,
        },
        AwsService {
            name: "ElastiCache",
            cap: "AP",
            description: "In-memory cache, prioritizes availability",
            consistency: "Eventual consistency in cluster mode",
            use_case: "Session storage, real-time analytics",
            mode: Mode::Ap,
            read_level: ReadLevel::Eventual,
        },
    ]
}
