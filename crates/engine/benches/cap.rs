//! CAP benchmark (`cargo bench -p dataplay-engine --bench cap`): simulated
//! events per second, and checker time on histories of 1k–100k operations.
//! Wall-clock medians of 3 runs; prints Markdown rows for BENCHMARKS.md.

use std::time::Instant;

use dataplay_engine::cap::checker::{check, Verdict};
use dataplay_engine::cap::faults::split_then_heal;
use dataplay_engine::cap::sim::{run, Mode, ReadLevel, SimConfig, Workload};

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn config(mode: Mode, read: ReadLevel, clients: usize, duration_ms: u64) -> SimConfig {
    let mut cfg = SimConfig::new(mode, read, 11);
    cfg.duration_ms = duration_ms;
    cfg.workload = Workload::Random {
        clients_per_node: clients,
        keys: (0..8).map(|k| format!("k{k}")).collect(),
        write_per_mille: 400,
        think_ms: (5, 50),
    };
    cfg.faults = split_then_heal(vec![0, 2], duration_ms / 3, duration_ms * 2 / 3);
    cfg
}

fn main() {
    println!("| run | events | seconds | events/s |");
    println!("| --- | --- | --- | --- |");
    for (name, mode, read) in [
        ("CP, strong reads", Mode::Cp, ReadLevel::Strong),
        ("AP, eventual reads", Mode::Ap, ReadLevel::Eventual),
        (
            "Quorum N=3 R=2 W=2",
            Mode::Quorum { n: 3, r: 2, w: 2 },
            ReadLevel::Strong,
        ),
    ] {
        let cfg = config(mode, read, 16, 600_000);
        let mut events = 0;
        let secs = median(
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    events = run(&cfg).events;
                    t.elapsed().as_secs_f64()
                })
                .collect(),
        );
        println!("| {name} | {events} | {secs:.3} | {:.0} |", events as f64 / secs);
    }

    println!();
    println!("| history | operations | verdict | seconds |");
    println!("| --- | --- | --- | --- |");
    for (label, mode, read) in [
        ("CP (linearizable)", Mode::Cp, ReadLevel::Strong),
        ("AP (stale reads)", Mode::Ap, ReadLevel::Eventual),
    ] {
        for target in [1_000usize, 10_000, 100_000] {
            // Grow the run until it has about `target` operations.
            let mut duration = 1_000u64;
            let history = loop {
                let h = run(&config(mode, read, 8, duration)).history;
                if h.ops.len() >= target || duration > 10_000_000 {
                    break h;
                }
                duration = duration * target as u64 / h.ops.len().max(1) as u64 + 1_000;
            };
            let mut verdict = String::new();
            let secs = median(
                (0..3)
                    .map(|_| {
                        let t = Instant::now();
                        verdict = match check(&history) {
                            Verdict::Linearizable => "linearizable".into(),
                            Verdict::NotLinearizable(_) => "not linearizable".into(),
                            Verdict::Unknown { .. } => "undecided".into(),
                        };
                        t.elapsed().as_secs_f64()
                    })
                    .collect(),
            );
            println!("| {label} | {} | {verdict} | {secs:.3} |", history.ops.len());
        }
    }
}
