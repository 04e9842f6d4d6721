//! The CAP page's sentences about a comparison: the fault schedule, and how
//! fast the worker simulated and checked it.

use dataplay_api::cap::{CapComparison, Fault, TimedFault};

/// "Simulated N events … in X ms in the worker: E events/s."
pub fn speed_note(c: &CapComparison, elapsed_ms: f64) -> String {
    let events = c.cp.events + c.ap.events + c.quorum.as_ref().map_or(0, |q| q.events);
    let runs = if c.quorum.is_some() {
        "CP, AP and quorum"
    } else {
        "CP and AP"
    };
    format!(
        "Simulated {events} events ({runs}) and checked the histories in {elapsed_ms:.0} ms in the worker: {:.0} events/s.",
        events as f64 / (elapsed_ms / 1_000.0).max(1e-6)
    )
}

pub fn describe_faults(faults: &[TimedFault], nodes: &[String]) -> String {
    if faults.is_empty() {
        return "none".into();
    }
    let name = |i: &usize| nodes.get(*i).cloned().unwrap_or_else(|| i.to_string());
    faults
        .iter()
        .map(|f| {
            let what = match &f.fault {
                Fault::Cut { a, b, one_way } => {
                    format!("cut {}{}{}", name(a), if *one_way { "→" } else { "↔" }, name(b))
                }
                Fault::Split { side } => format!(
                    "split {{{}}} from the rest",
                    side.iter().map(name).collect::<Vec<_>>().join(", ")
                ),
                Fault::Isolate { node } => format!("isolate {}", name(node)),
                Fault::Crash { node } => format!("crash {}", name(node)),
                Fault::Restart { node } => format!("restart {}", name(node)),
                Fault::HealLink { a, b } => format!("heal {}↔{}", name(a), name(b)),
                Fault::HealAll => "heal all".into(),
            };
            format!("{what} at {} ms", f.at_ms)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
