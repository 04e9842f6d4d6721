//! The seed's four CAP scenarios as guided, replayable runs, and its table of
//! AWS services with the simulation modes that model them.

use dataplay_api::cap::{CapClass, Consistency, ScenarioKey, UseCase};
use serde::Serialize;
use serde_json::{json, Value};

use super::faults::{Fault, TimedFault};
use super::sim::{Mode, ReadLevel, ScriptedOp, SimConfig, Workload};

pub const US_EAST: usize = 0;
pub const US_WEST: usize = 1;
pub const EUROPE: usize = 2;
pub const ASIA: usize = 3;

/// A scenario: its key (its title and story are the key's `Display` and
/// `story`, worded by the page from its catalogs) and its run.
pub struct Scenario {
    pub key: ScenarioKey,
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
            key: ScenarioKey::Normal,
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
            key: ScenarioKey::PartitionCp,
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
            key: ScenarioKey::PartitionAp,
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
            key: ScenarioKey::Heal,
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

/// A scripted scenario by its key (`random` is not scripted: see `view`).
pub fn by_key(key: &str) -> Option<Scenario> {
    let key = ScenarioKey::parse(key)?;
    all().into_iter().find(|s| s.key == key)
}

/// The course's AWS services table, with the simulation settings that model them.
#[derive(Debug, Clone, Serialize)]
pub struct AwsService {
    pub name: &'static str,
    pub cap: CapClass,
    pub consistency: Consistency,
    pub use_cases: Vec<UseCase>,
    pub mode: Mode,
    pub read_level: ReadLevel,
}

pub fn aws_services() -> Vec<AwsService> {
    let service = |name, cap, consistency, use_cases| {
        let (mode, read_level) = match cap {
            CapClass::Cp => (Mode::Cp, ReadLevel::Strong),
            CapClass::Ap => (Mode::Ap, ReadLevel::Eventual),
        };
        AwsService {
            name,
            cap,
            consistency,
            use_cases,
            mode,
            read_level,
        }
    };
    vec![
        service(
            "DynamoDB",
            CapClass::Ap,
            Consistency::EventualStrongOnRequest,
            vec![UseCase::HighScale, UseCase::GamingLeaderboards, UseCase::Iot],
        ),
        service(
            "Aurora",
            CapClass::Cp,
            Consistency::StrongInRegion,
            vec![UseCase::Oltp, UseCase::Financial],
        ),
        service(
            "DocumentDB",
            CapClass::Cp,
            Consistency::StrongConfigurableReads,
            vec![UseCase::ContentManagement, UseCase::Catalogs],
        ),
        service(
            "ElastiCache",
            CapClass::Ap,
            Consistency::EventualClusterMode,
            vec![UseCase::SessionStorage, UseCase::RealTimeAnalytics],
        ),
    ]
}
