//! What the UI shows of the CAP module: a scenario run under CP and under AP
//! on the same seed and fault schedule, turned into plain view data.

use dataplay_api::cap::{
    CapComparison, CapRequest, CapRun, CheckVerdict, LaneView, MessageKind, MessageView, NetSnapshot, OpAction,
    OpOutcome, OpView, RegionView, RunMode, ScenarioKey, ServiceView,
};

use super::checker::{check, Verdict};
use super::faults::{split_then_heal, Network};
use super::history::{OpKind, Outcome};
use super::prefix::earliest_violation;
use super::scenarios;
use super::sim::{run, Mode, ReadLevel, Resolution, SimConfig};

/// Messages shown in the diagram at most (the rest are summarised by counts).
const MAX_MESSAGES: usize = 20_000;

/// A scenario the engine does not have (`Problem::UnknownScenario` in the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScenario(pub String);

pub fn compare(request: &CapRequest) -> Result<CapComparison, UnknownScenario> {
    let unknown = || UnknownScenario(request.scenario.clone());
    let scenario = ScenarioKey::parse(&request.scenario).ok_or_else(unknown)?;
    let base = if scenario == ScenarioKey::Random {
        let mut cfg = SimConfig::new(Mode::Cp, ReadLevel::Strong, request.seed);
        // Bounded so a shared URL cannot ask the browser for an hour-long run.
        let duration = request.duration_ms.unwrap_or(10_000).clamp(1_000, 600_000);
        cfg.duration_ms = duration;
        if let super::sim::Workload::Random { clients_per_node, .. } = &mut cfg.workload {
            *clients_per_node = request.clients.unwrap_or(1).clamp(1, 32);
        }
        cfg.faults = split_then_heal(vec![0, 2], duration * 3 / 10, duration * 7 / 10);
        cfg
    } else {
        scenarios::by_key(&request.scenario).ok_or_else(unknown)?.config
    };
    let mut base = base;
    if let Some(n) = request.nodes {
        base.topology = topology_with(n.clamp(3, 7));
    }
    let mut faults = base.faults.clone();
    faults.extend(request.extra_faults.iter().cloned());
    faults.sort_by_key(|f| f.at_ms);
    let configure = |mode, read_level| SimConfig {
        mode,
        read_level,
        faults: faults.clone(),
        seed: request.seed,
        ..base.clone()
    };
    let cp = view(&configure(Mode::Cp, ReadLevel::Strong), RunMode::Cp);
    let ap = if request.siblings {
        view(
            &SimConfig {
                resolution: Resolution::Siblings,
                ..configure(Mode::Ap, ReadLevel::Eventual)
            },
            RunMode::ApSiblings,
        )
    } else {
        view(&configure(Mode::Ap, ReadLevel::Eventual), RunMode::Ap)
    };
    let quorum = request.quorum.map(|(n, r, w)| {
        view(
            &configure(Mode::Quorum { n, r, w }, ReadLevel::Strong),
            RunMode::Quorum { n, r, w },
        )
    });
    let services = scenarios::aws_services()
        .into_iter()
        .map(|s| ServiceView {
            name: s.name.into(),
            cap: s.cap,
            consistency: s.consistency,
            use_cases: s.use_cases,
            modelled_as: match s.mode {
                Mode::Cp => RunMode::Cp,
                Mode::Ap => RunMode::Ap,
                Mode::Quorum { n, r, w } => RunMode::Quorum { n, r, w },
            },
        })
        .collect();
    Ok(CapComparison {
        request: request.clone(),
        scenario,
        faults,
        cp,
        ap,
        quorum,
        services,
    })
}

/// The seed's four data centers, trimmed or extended to `n`.
fn topology_with(n: usize) -> super::topology::Topology {
    let mut t = super::topology::Topology::seed_default();
    for (name, ms) in [("south-america", 120), ("africa", 110), ("oceania", 140)] {
        if t.len() < n {
            t.add_node(name, ms);
        }
    }
    while t.len() > n {
        t.remove_node(t.len() - 1);
    }
    t
}

/// The checker's verdict on a whole history, and the operations of its
/// minimal violation. A violation is reported as of the earliest prefix of
/// the history that cannot be linearized (when it became so).
fn verdict(history: &super::history::History) -> (CheckVerdict, Vec<usize>) {
    match check(history) {
        Verdict::Linearizable => (CheckVerdict::Linearizable, Vec::new()),
        Verdict::Unknown { key, explored } => (CheckVerdict::Undecided { key, explored }, Vec::new()),
        Verdict::NotLinearizable(whole) => {
            let (v, since_ms) = match earliest_violation(history) {
                Some(e) => (e.violation, e.time.unwrap_or(0.0)),
                // The budget ran out on some prefix: the whole run's violation, at its completion.
                None => {
                    let at = history.ops.get(whole.op).and_then(|o| o.time).unwrap_or(0.0);
                    (whole, at)
                }
            };
            let involved = if v.minimal.is_empty() {
                vec![v.op]
            } else {
                v.minimal.clone()
            };
            (
                CheckVerdict::NotLinearizable {
                    key: v.key,
                    op: v.op,
                    since_ms,
                    involved: involved.clone(),
                    placed: v.longest_prefix.len(),
                    state: v.state_before.to_string(),
                },
                involved,
            )
        }
    }
}

fn view(cfg: &SimConfig, mode: RunMode) -> CapRun {
    let result = run(cfg);
    let (verdict, minimal) = verdict(&result.history);
    let n = cfg.topology.len();
    let mut net = Network::new(n);
    let mut network = vec![NetSnapshot {
        at_ms: 0.0,
        cut: vec![],
        down: vec![],
    }];
    for f in &cfg.faults {
        net.apply(&f.fault);
        network.push(NetSnapshot {
            at_ms: f.at_ms as f64,
            cut: net.cut_links(),
            down: net.down(),
        });
    }
    let messages = result
        .log
        .iter()
        .filter_map(|e| {
            Some(MessageView {
                from: e.from?,
                to: e.to?,
                sent_ms: e.sent_us? as f64 / 1_000.0,
                at_ms: e.at_us as f64 / 1_000.0,
                kind: match e.what.as_str() {
                    "query" => MessageKind::Query,
                    "query-reply" => MessageKind::QueryReply,
                    "store" => MessageKind::Store,
                    "store-ack" => MessageKind::StoreAck,
                    _ => return None,
                },
                dropped: e.dropped,
            })
        })
        .filter(|m| m.from != m.to)
        .take(MAX_MESSAGES)
        .collect();
    let clients_node = |client: usize| match &cfg.workload {
        super::sim::Workload::Random { clients_per_node, .. } => client / (*clients_per_node).max(1),
        super::sim::Workload::Script { .. } => client,
    };
    let stale: std::collections::HashSet<usize> = result.metrics.stale_ops.iter().copied().collect();
    let minimal: std::collections::HashSet<usize> = minimal.into_iter().collect();
    let ops = result
        .history
        .ops
        .iter()
        .enumerate()
        .map(|(i, op)| {
            let complete_ms = op.complete.map(|_| op.time.unwrap_or(0.0));
            OpView {
                client: op.process as usize,
                node: clients_node(op.process as usize),
                key: op.key.clone(),
                action: match (&op.kind, &op.output) {
                    (OpKind::Read, Some(serde_json::Value::Array(siblings))) => OpAction::ReadSiblings {
                        values: siblings.iter().map(ToString::to_string).collect(),
                    },
                    (OpKind::Read, Some(v)) => OpAction::ReadValue { value: v.to_string() },
                    (OpKind::Read, None) => OpAction::Read,
                    (OpKind::Write(v), _) => OpAction::Write { value: v.to_string() },
                    (OpKind::Cas(a, b), _) => OpAction::Cas {
                        from: a.to_string(),
                        to: b.to_string(),
                    },
                },
                outcome: match op.outcome {
                    Outcome::Ok => OpOutcome::Ok,
                    Outcome::Fail => OpOutcome::Fail,
                    Outcome::Unknown => OpOutcome::Info,
                },
                invoke_ms: invoke_ms(&result.log, op.invoke),
                complete_ms,
                stale: stale.contains(&i),
                in_violation: minimal.contains(&i),
            }
        })
        .collect::<Vec<OpView>>();
    let m = &result.metrics;
    CapRun {
        mode,
        nodes: cfg.topology.nodes.clone(),
        duration_ms: cfg.duration_ms as f64,
        network,
        messages,
        lanes: lanes(&ops),
        ops,
        verdict,
        regions: m
            .regions
            .iter()
            .map(|r| RegionView {
                name: r.name.clone(),
                ops: r.ops,
                availability: r.availability,
                rejected_writes: r.rejected_writes,
                stale_reads: r.stale_reads,
            })
            .collect(),
        rejected_writes: m.rejected_writes,
        stale_reads: m.stale_reads,
        reads: m.reads,
        replication_lag_mean_ms: m.replication_lag_mean_ms,
        latency_normal_p50_ms: m.latency_normal.p50_ms,
        latency_normal_p99_ms: m.latency_normal.p99_ms,
        latency_degraded_p50_ms: m.latency_degraded.p50_ms,
        latency_degraded_p99_ms: m.latency_degraded.p99_ms,
        events: result.events,
        log_hash: format!("{:016x}", result.log_hash),
    }
}

/// One lane per client that issued an operation, in client order (a
/// scripted run has a client per data center, most of them idle).
fn lanes(ops: &[OpView]) -> Vec<LaneView> {
    let mut lanes: Vec<LaneView> = ops
        .iter()
        .map(|o| LaneView {
            client: o.client,
            node: o.node,
        })
        .collect();
    lanes.sort_by_key(|l| l.client);
    lanes.dedup_by_key(|l| l.client);
    lanes
}

/// The time of the event an operation was invoked at.
fn invoke_ms(log: &[super::sim::LogEntry], event: usize) -> f64 {
    log.get(event).map_or(0.0, |e| e.at_us as f64 / 1_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dataplay_api::cap::{Fault, TimedFault};

    #[test]
    fn partition_ap_compares_cp_and_ap() {
        let c = compare(&CapRequest {
            scenario: "partition-ap".into(),
            seed: 1,
            extra_faults: vec![],
            nodes: None,
            quorum: None,
            ..CapRequest::default()
        })
        .unwrap();
        assert_eq!(c.ap.verdict.linearizable(), Some(false));
        assert!(c.ap.ops.iter().any(|o| o.stale && o.in_violation));
        assert_eq!(c.cp.verdict, CheckVerdict::Linearizable);
        // The AP run became non-linearizable when europe's stale read completed, not before.
        let CheckVerdict::NotLinearizable {
            op, since_ms, involved, ..
        } = &c.ap.verdict
        else {
            panic!("{:?}", c.ap.verdict)
        };
        let stale = &c.ap.ops[*op];
        assert!(stale.stale && stale.in_violation && stale.invoke_ms >= 650.0);
        assert_eq!(stale.complete_ms, Some(*since_ms));
        assert!(involved.contains(op));
        assert_eq!(c.ap.messages.first().map(|m| m.kind), Some(MessageKind::Store));
        assert!(
            c.cp.ops.iter().any(|o| o.outcome == OpOutcome::Fail),
            "CP rejects the write during the split"
        );
        assert_eq!(c.cp.network.len(), 2);
        assert!(!c.ap.messages.is_empty(), "AP replicates");
        let unknown = CapRequest {
            scenario: "nope".into(),
            ..CapRequest::default()
        };
        assert!(compare(&unknown).is_err());
    }

    #[test]
    fn extra_faults_change_the_run() {
        let base = CapRequest {
            scenario: "normal".into(),
            seed: 1,
            extra_faults: vec![],
            nodes: None,
            quorum: None,
            ..CapRequest::default()
        };
        let a = compare(&base).unwrap();
        let mut cut = base.clone();
        cut.extra_faults = vec![TimedFault {
            at_ms: 100,
            fault: Fault::Isolate { node: 0 },
        }];
        let b = compare(&cut).unwrap();
        assert_ne!(a.cp.log_hash, b.cp.log_hash);
        assert_eq!(b.faults.len(), 1);
    }

    #[test]
    fn node_count_and_quorum_are_options() {
        let request = CapRequest {
            scenario: "random".into(),
            seed: 2,
            extra_faults: vec![],
            nodes: Some(5),
            quorum: Some((3, 2, 2)),
            clients: Some(2),
            duration_ms: Some(5_000),
            siblings: false,
        };
        let c = compare(&request).unwrap();
        assert_eq!(c.cp.nodes.len(), 5);
        assert_eq!(c.cp.nodes[4], "south-america");
        let q = c.quorum.unwrap();
        assert_eq!(q.mode, RunMode::Quorum { n: 3, r: 2, w: 2 });
        // Siblings change the AP side only.
        let with = compare(&CapRequest {
            siblings: true,
            ..request.clone()
        })
        .unwrap();
        assert_eq!(with.ap.mode, RunMode::ApSiblings);
        assert_eq!(with.cp.log_hash, c.cp.log_hash);
        let sibling_reads = with
            .ap
            .ops
            .iter()
            .filter(|o| matches!(o.action, OpAction::ReadSiblings { .. }))
            .count();
        assert!(
            sibling_reads > 0,
            "a 2–3 split with writers on both sides makes siblings"
        );
        assert!(q.ops.len() > 10);
    }

    #[test]
    fn healing_draws_one_lane_per_client_that_acted() {
        let c = compare(&CapRequest {
            scenario: "heal".into(),
            seed: 1,
            ..CapRequest::default()
        })
        .unwrap();
        // us-east writes, asia and europe read: three lanes, none of them empty or repeated.
        let nodes: Vec<&str> = c.cp.lanes.iter().map(|l| c.cp.nodes[l.node].as_str()).collect();
        assert_eq!(nodes, ["us-east", "europe", "asia"]);
        for lane in &c.cp.lanes {
            assert!(c.cp.ops.iter().any(|o| o.client == lane.client && o.node == lane.node));
        }
        let random = compare(&CapRequest {
            scenario: "random".into(),
            seed: 1,
            clients: Some(2),
            duration_ms: Some(2_000),
            ..CapRequest::default()
        })
        .unwrap();
        assert_eq!(random.cp.lanes.len(), 8);
        assert_eq!(random.cp.lanes[3], LaneView { client: 3, node: 1 });
    }
}
