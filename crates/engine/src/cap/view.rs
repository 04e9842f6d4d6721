//! What the UI shows of the CAP module: a scenario run under CP and under AP
//! on the same seed and fault schedule, turned into plain view data.

use dataplay_api::cap::{CapComparison, CapRequest, CapRun, MessageView, NetSnapshot, OpView, RegionView, ServiceView};

use super::checker::{check, Verdict};
use super::faults::{split_then_heal, Network};
use super::history::{OpKind, Outcome};
use super::scenarios;
use super::sim::{run, Mode, ReadLevel, Resolution, SimConfig};

/// Messages shown in the diagram at most (the rest are summarised by counts).
const MAX_MESSAGES: usize = 20_000;

/// A scenario the engine does not have (`Problem::UnknownScenario` in the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScenario(pub String);

pub fn compare(request: &CapRequest) -> Result<CapComparison, UnknownScenario> {
    let (title, story, base) = if request.scenario == "random" {
        let mut cfg = SimConfig::new(Mode::Cp, ReadLevel::Strong, request.seed);
        // Bounded so a shared URL cannot ask the browser for an hour-long run.
        let duration = request.duration_ms.unwrap_or(10_000).clamp(1_000, 600_000);
        cfg.duration_ms = duration;
        if let super::sim::Workload::Random { clients_per_node, .. } = &mut cfg.workload {
            *clients_per_node = request.clients.unwrap_or(1).clamp(1, 32);
        }
        cfg.faults = split_then_heal(vec![0, 2], duration * 3 / 10, duration * 7 / 10);
        (
            "Random workload".to_string(),
            "Clients at every data center read and write three keys; the network splits 2–2 at 30% of the run and heals at 70%."
                .to_string(),
            cfg,
        )
    } else {
        let s = scenarios::by_key(&request.scenario).ok_or_else(|| UnknownScenario(request.scenario.clone()))?;
        (s.title.to_string(), s.story.to_string(), s.config)
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
    let cp = view(
        &configure(Mode::Cp, ReadLevel::Strong),
        "CP — majority quorum, strong reads",
    );
    let ap = if request.siblings {
        view(
            &SimConfig {
                resolution: Resolution::Siblings,
                ..configure(Mode::Ap, ReadLevel::Eventual)
            },
            "AP — accept anywhere, version vectors keep concurrent writes as siblings, eventual reads",
        )
    } else {
        view(
            &configure(Mode::Ap, ReadLevel::Eventual),
            "AP — accept anywhere, last writer wins, eventual reads",
        )
    };
    let quorum = request.quorum.map(|(n, r, w)| {
        view(
            &configure(Mode::Quorum { n, r, w }, ReadLevel::Strong),
            &format!("Quorum N={n} R={r} W={w}, strong reads"),
        )
    });
    let services = scenarios::aws_services()
        .into_iter()
        .map(|s| ServiceView {
            name: s.name.into(),
            cap: s.cap.into(),
            consistency: s.consistency.into(),
            use_case: s.use_case.into(),
            modelled_as: match (s.mode, s.read_level) {
                (Mode::Cp, _) => "CP, strong reads".into(),
                (Mode::Ap, ReadLevel::Eventual) => "AP, eventual reads".into(),
                (m, r) => format!("{m:?}, {r:?} reads"),
            },
        })
        .collect();
    let mut scenario_list: Vec<(String, String)> = scenarios::all()
        .into_iter()
        .map(|s| (s.key.to_string(), s.title.to_string()))
        .collect();
    scenario_list.push(("random".into(), "Random workload".into()));
    Ok(CapComparison {
        request: request.clone(),
        title,
        story,
        faults,
        cp,
        ap,
        quorum,
        services,
        scenarios: scenario_list,
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

fn view(cfg: &SimConfig, mode: &str) -> CapRun {
    let result = run(cfg);
    let verdict = check(&result.history);
    let (linearizable, verdict_text, minimal) = match &verdict {
        Verdict::Linearizable => (Some(true), "linearizable".to_string(), Vec::new()),
        Verdict::NotLinearizable(v) => (Some(false), v.explain(&result.history), v.minimal.clone()),
        Verdict::Unknown { key, explored } => (
            None,
            format!("undecided: {explored} states explored on key {key}"),
            Vec::new(),
        ),
    };
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
                label: e.what.clone(),
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
                label: match (&op.kind, &op.output) {
                    (OpKind::Read, Some(serde_json::Value::Array(siblings))) => {
                        let values: Vec<String> = siblings.iter().map(ToString::to_string).collect();
                        format!("read → siblings {{{}}}", values.join(", "))
                    }
                    (OpKind::Read, Some(v)) => format!("read → {v}"),
                    (OpKind::Read, None) => "read".into(),
                    (OpKind::Write(v), _) => format!("write {v}"),
                    (OpKind::Cas(a, b), _) => format!("cas [{a}, {b}]"),
                },
                outcome: match op.outcome {
                    Outcome::Ok => "ok",
                    Outcome::Fail => "fail",
                    Outcome::Unknown => "info",
                }
                .into(),
                invoke_ms: invoke_ms(&result.log, op.invoke),
                complete_ms,
                stale: stale.contains(&i),
                in_violation: minimal.contains(&i),
            }
        })
        .collect();
    let m = &result.metrics;
    CapRun {
        mode: mode.to_string(),
        nodes: cfg.topology.nodes.clone(),
        duration_ms: cfg.duration_ms as f64,
        network,
        messages,
        ops,
        linearizable,
        verdict: verdict_text,
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
        assert_eq!(c.ap.linearizable, Some(false));
        assert!(c.ap.ops.iter().any(|o| o.stale && o.in_violation));
        assert_eq!(c.cp.linearizable, Some(true));
        assert!(
            c.cp.ops.iter().any(|o| o.outcome == "fail"),
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
        assert!(q.mode.starts_with("Quorum N=3 R=2 W=2"));
        // Siblings change the AP side only.
        let with = compare(&CapRequest {
            siblings: true,
            ..request.clone()
        })
        .unwrap();
        assert!(with.ap.mode.contains("siblings"));
        assert_eq!(with.cp.log_hash, c.cp.log_hash);
        let sibling_reads = with.ap.ops.iter().filter(|o| o.label.contains("siblings {")).count();
        assert!(
            sibling_reads > 0,
            "a 2–3 split with writers on both sides makes siblings"
        );
        assert!(q.ops.len() > 10);
    }
}
