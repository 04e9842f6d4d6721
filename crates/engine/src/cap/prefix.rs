//! When a history stopped being linearizable: the history as it stood at an
//! event (operations still open then have an unknown outcome), and the
//! earliest such prefix no order can explain. Linearizability is closed
//! under prefixes, so a binary search over completion events finds it.

use super::checker::{check, Verdict, Violation};
use super::history::{History, Outcome};

/// The history as an observer saw it right after event `end`: operations
/// invoked by then, those that completed later still open (outcome unknown,
/// no value read).
pub fn prefix(history: &History, end: usize) -> History {
    let ops = history
        .ops
        .iter()
        .filter(|op| op.invoke <= end)
        .map(|op| {
            let mut op = op.clone();
            if op.complete.is_none_or(|c| c > end) {
                op.outcome = Outcome::Unknown;
                op.complete = None;
                op.complete_line = None;
                op.output = None;
                op.time = None;
            }
            op
        })
        .collect();
    History { ops }
}

/// The earliest violation: the completion event after which the history can
/// no longer be linearized, its time (if the history has times) and the
/// checker's explanation of that prefix. Operation indexes in the
/// violation are the history's own (a prefix keeps the invocation order).
#[derive(Debug, Clone, PartialEq)]
pub struct Earliest {
    pub event: usize,
    pub time: Option<f64>,
    pub violation: Violation,
}

/// `None` if the whole history is linearizable (or undecided).
pub fn earliest_violation(history: &History) -> Option<Earliest> {
    let mut ends: Vec<usize> = history.ops.iter().filter_map(|op| op.complete).collect();
    ends.sort_unstable();
    ends.dedup();
    let bad = |end: usize| match check(&prefix(history, end)) {
        Verdict::NotLinearizable(v) => Some(v),
        _ => None,
    };
    let last = *ends.last()?;
    let mut found = bad(last)?;
    let mut found_end = last;
    // Invariant: ends[hi] is bad; everything before lo is good.
    let (mut lo, mut hi) = (0usize, ends.len() - 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match bad(ends[mid]) {
            Some(v) => {
                hi = mid;
                found = v;
                found_end = ends[mid];
            }
            None => lo = mid + 1,
        }
    }
    let kept: Vec<usize> = (0..history.ops.len())
        .filter(|&i| history.ops[i].invoke <= found_end)
        .collect();
    let original =
        |ids: Vec<usize>| -> Vec<usize> { ids.into_iter().map(|i| kept.get(i).copied().unwrap_or(i)).collect() };
    found.op = kept.get(found.op).copied().unwrap_or(found.op);
    found.minimal = original(found.minimal);
    found.longest_prefix = original(found.longest_prefix);
    let time = history
        .ops
        .iter()
        .find(|op| op.complete == Some(found_end))
        .and_then(|op| op.time);
    Some(Earliest {
        event: found_end,
        time,
        violation: found,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cap::faults::split_then_heal;
    use crate::cap::scenarios;
    use crate::cap::sim::{run, Mode, ReadLevel, SimConfig};

    /// The first completion event whose prefix the checker rejects, found
    /// by trying every one in order.
    fn first_bad_by_scan(history: &History) -> Option<usize> {
        let mut ends: Vec<usize> = history.ops.iter().filter_map(|op| op.complete).collect();
        ends.sort_unstable();
        ends.into_iter()
            .find(|&e| matches!(check(&prefix(history, e)), Verdict::NotLinearizable(_)))
    }

    #[test]
    fn partition_ap_becomes_non_linearizable_at_the_stale_read() {
        let s = scenarios::by_key("partition-ap").unwrap();
        let r = run(&s.config);
        let e = earliest_violation(&r.history).unwrap();
        assert_eq!(Some(e.event), first_bad_by_scan(&r.history));
        // The stale read at europe (invoked at 650 ms) is the op that cannot be placed.
        let op = &r.history.ops[e.violation.op];
        assert_eq!(op.process, scenarios::EUROPE as i64);
        assert!(e.time.unwrap() >= 650.0, "{e:?}");
        assert!(e.violation.minimal.contains(&e.violation.op));
        // Before it, every prefix is linearizable: nothing is wrong at t = 0.
        assert_eq!(check(&prefix(&r.history, 0)), Verdict::Linearizable);
        assert_eq!(check(&prefix(&r.history, e.event - 1)), Verdict::Linearizable);
    }

    #[test]
    fn random_runs_agree_with_a_scan_of_every_prefix() {
        let mut violations = 0;
        for seed in 1..=3 {
            let mut cfg = SimConfig::new(Mode::Ap, ReadLevel::Eventual, seed);
            cfg.duration_ms = 2_000;
            cfg.faults = split_then_heal(vec![0, 2], 600, 1_400);
            let r = run(&cfg);
            let found = earliest_violation(&r.history);
            assert_eq!(
                found.as_ref().map(|e| e.event),
                first_bad_by_scan(&r.history),
                "seed {seed}"
            );
            if let Some(e) = found {
                violations += 1;
                let op = &r.history.ops[e.violation.op];
                assert!(op.complete.is_some_and(|c| c <= e.event), "seed {seed}: {op:?}");
            }
        }
        assert!(violations > 0, "AP under a split serves stale reads");
    }

    #[test]
    fn linearizable_runs_have_no_earliest_violation() {
        let s = scenarios::by_key("heal").unwrap();
        assert_eq!(earliest_violation(&run(&s.config).history), None);
    }
}
