//! Faults as data (the types live in `dataplay_api::cap`, shared with the UI's
//! editor) and the network state they act on.

pub use dataplay_api::cap::{Fault, TimedFault};

/// `side` split from the rest at `split_ms`, everything healed at `heal_ms`:
/// the partition the random workload, the benchmarks and the tests run.
pub fn split_then_heal(side: Vec<usize>, split_ms: u64, heal_ms: u64) -> Vec<TimedFault> {
    vec![
        TimedFault {
            at_ms: split_ms,
            fault: Fault::Split { side },
        },
        TimedFault {
            at_ms: heal_ms,
            fault: Fault::HealAll,
        },
    ]
}

/// Which directed links are up, and which nodes are running.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    up: Vec<Vec<bool>>,
    pub alive: Vec<bool>,
}

impl Network {
    pub fn new(n: usize) -> Network {
        Network {
            up: vec![vec![true; n]; n],
            alive: vec![true; n],
        }
    }

    /// Can a message sent now from `a` reach `b`?
    pub fn link(&self, a: usize, b: usize) -> bool {
        a == b || self.up[a][b]
    }

    pub fn reachable_both_ways(&self, a: usize, b: usize) -> bool {
        self.alive[b] && self.link(a, b) && self.link(b, a)
    }

    /// Directed links that are cut, and nodes that are down.
    pub fn cut_links(&self) -> Vec<(usize, usize)> {
        let n = self.alive.len();
        (0..n)
            .flat_map(|a| (0..n).map(move |b| (a, b)))
            .filter(|&(a, b)| a != b && !self.up[a][b])
            .collect()
    }

    pub fn down(&self) -> Vec<usize> {
        (0..self.alive.len()).filter(|&i| !self.alive[i]).collect()
    }

    /// True while any link is cut or any node is down.
    pub fn degraded(&self) -> bool {
        self.alive.iter().any(|a| !a) || self.up.iter().flatten().any(|u| !u)
    }

    pub fn apply(&mut self, fault: &Fault) {
        let n = self.alive.len();
        let mut set = |a: usize, b: usize, v: bool| {
            if a < n && b < n && a != b {
                self.up[a][b] = v;
            }
        };
        match fault {
            Fault::Cut { a, b, one_way } => {
                set(*a, *b, false);
                if !one_way {
                    set(*b, *a, false);
                }
            }
            Fault::Split { side } => {
                for a in 0..n {
                    for b in 0..n {
                        if side.contains(&a) != side.contains(&b) {
                            set(a, b, false);
                        }
                    }
                }
            }
            Fault::Isolate { node } => {
                for other in 0..n {
                    set(*node, other, false);
                    set(other, *node, false);
                }
            }
            Fault::HealLink { a, b } => {
                set(*a, *b, true);
                set(*b, *a, true);
            }
            Fault::HealAll => {
                for a in 0..n {
                    for b in 0..n {
                        set(a, b, true);
                    }
                }
            }
            Fault::Crash { node } => {
                if let Some(a) = self.alive.get_mut(*node) {
                    *a = false;
                }
            }
            Fault::Restart { node } => {
                if let Some(a) = self.alive.get_mut(*node) {
                    *a = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_cuts_only_links_across() {
        let mut net = Network::new(4);
        net.apply(&Fault::Split { side: vec![0, 2] });
        assert!(net.link(0, 2) && net.link(1, 3));
        assert!(!net.link(0, 1) && !net.link(3, 2));
        net.apply(&Fault::HealAll);
        assert!(!net.degraded());
    }

    #[test]
    fn one_way_cut() {
        let mut net = Network::new(2);
        net.apply(&Fault::Cut {
            a: 0,
            b: 1,
            one_way: true,
        });
        assert!(!net.link(0, 1) && net.link(1, 0));
        assert!(!net.reachable_both_ways(0, 1));
    }

    #[test]
    fn schedules_are_plain_json() {
        let f = TimedFault {
            at_ms: 500,
            fault: Fault::Split { side: vec![0, 2] },
        };
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(json, r#"{"at_ms":500,"kind":"split","side":[0,2]}"#);
        assert_eq!(serde_json::from_str::<TimedFault>(&json).unwrap(), f);
    }
}
