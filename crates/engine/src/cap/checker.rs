//! Linearizability checking of register histories: the Wing–Gong / Lowe
//! search with memoisation of (linearized set, register state), run per key
//! (registers are independent, so a history is linearizable iff each key's
//! sub-history is). Operations whose outcome is unknown may take effect at
//! any time after their invocation, or never. A violation is explained by
//! the operation that could not be placed and a 1-minimal set of operations
//! that is still not linearizable.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::history::{History, OpKind, Operation, Outcome};

/// Past this many states explored for one key the search gives up and says
/// so (it never answers "linearizable" without having proved it).
pub const DEFAULT_STATE_BUDGET: usize = 20_000_000;
/// Minimisation re-checks at most this many operations before the violation.
const MINIMISE_WINDOW: usize = 400;

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Linearizable,
    NotLinearizable(Violation),
    /// The search ran out of budget on a key: no verdict.
    Unknown {
        key: String,
        explored: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub key: String,
    /// Index (into `History::ops`) of the operation no order can place.
    pub op: usize,
    /// Indexes of a 1-minimal non-linearizable subset, in invocation order
    /// (empty if minimisation was skipped for size).
    pub minimal: Vec<usize>,
    /// The longest order found before the search got stuck.
    pub longest_prefix: Vec<usize>,
    /// The register's value after that order.
    pub state_before: Value,
}

impl Violation {
    /// Human-readable explanation, naming operations by process and line.
    pub fn explain(&self, history: &History) -> String {
        let op = &history.ops[self.op];
        let key = if self.key.is_empty() {
            String::new()
        } else {
            format!(" on key {}", self.key)
        };
        let at = match (op.complete_line, op.time) {
            (Some(l), Some(t)) => format!("when it completed (line {l}, time {t})"),
            (Some(l), None) => format!("when it completed (line {l})"),
            _ => "at the end of the history".to_string(),
        };
        let mut out = format!(
            "not linearizable{key}: {} cannot take effect anywhere between its invocation and its completion; \
             the violation is certain {at}. The best order found places {} operation(s), leaving the register at {}.",
            op.describe(),
            self.longest_prefix.len(),
            self.state_before,
        );
        if !self.minimal.is_empty() {
            out.push_str(&format!(
                "\nA minimal set of {} operations with no valid order:",
                self.minimal.len()
            ));
            for &i in &self.minimal {
                out.push_str(&format!("\n  - {}", history.ops[i].describe()));
            }
        }
        out
    }
}

/// Check a whole history, key by key.
pub fn check(history: &History) -> Verdict {
    check_with_budget(history, DEFAULT_STATE_BUDGET)
}

pub fn check_with_budget(history: &History, budget: usize) -> Verdict {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for (i, op) in history.ops.iter().enumerate() {
        let entry = by_key.entry(op.key.as_str()).or_insert_with(|| {
            order.push(op.key.as_str());
            Vec::new()
        });
        entry.push(i);
    }
    for key in order {
        let ids = &by_key[key];
        match search(&history.ops, ids, budget) {
            Search::Ok => {}
            Search::OutOfBudget(explored) => {
                return Verdict::Unknown {
                    key: key.to_string(),
                    explored,
                }
            }
            Search::Stuck { op, prefix, state } => {
                let minimal = minimise(&history.ops, ids, op, budget);
                return Verdict::NotLinearizable(Violation {
                    key: key.to_string(),
                    op,
                    minimal,
                    longest_prefix: prefix,
                    state_before: state,
                });
            }
        }
    }
    Verdict::Linearizable
}

enum Search {
    Ok,
    OutOfBudget(usize),
    /// `op` could not be linearized before its completion.
    Stuck {
        op: usize,
        prefix: Vec<usize>,
        state: Value,
    },
}

/// Operations prepared for the search: values interned to small integers.
struct Prepared {
    /// Index into `History::ops`.
    id: usize,
    kind: PKind,
    completed: bool,
    call: usize,
    ret: usize,
}

#[derive(Clone, Copy)]
enum PKind {
    Read(Option<u32>),
    Write(u32),
    CasOk(u32, u32),
    CasFail(u32),
    CasMaybe(u32, u32),
}

const NULL: u32 = 0;

/// The register states an operation can leave, from `state` (none: it
/// cannot be linearized there).
fn step(kind: PKind, state: u32, out: &mut [u32; 2]) -> usize {
    match kind {
        PKind::Read(Some(v)) => {
            out[0] = state;
            usize::from(v == state)
        }
        PKind::Read(None) => {
            out[0] = state;
            1
        }
        PKind::Write(v) => {
            out[0] = v;
            1
        }
        PKind::CasOk(from, to) => {
            out[0] = to;
            usize::from(state == from)
        }
        PKind::CasFail(from) => {
            out[0] = state;
            usize::from(state != from)
        }
        PKind::CasMaybe(from, to) => {
            out[0] = state;
            if state == from {
                out[1] = to;
                2
            } else {
                1
            }
        }
    }
}

fn prepare(ops: &[Operation], ids: &[usize]) -> (Vec<Prepared>, Vec<Value>) {
    let mut values: Vec<Value> = vec![Value::Null];
    let mut index: HashMap<String, u32> = HashMap::from([(Value::Null.to_string(), NULL)]);
    let mut intern = |v: &Value| -> u32 {
        let k = v.to_string();
        if let Some(&i) = index.get(&k) {
            return i;
        }
        let i = values.len() as u32;
        values.push(v.clone());
        index.insert(k, i);
        i
    };
    let mut prepared = Vec::new();
    for &id in ids {
        let op = &ops[id];
        let kind = match (&op.kind, op.outcome) {
            // A failed read or write had no effect: nothing to place.
            (OpKind::Read | OpKind::Write(_), Outcome::Fail) => continue,
            (OpKind::Read, Outcome::Ok) => PKind::Read(op.output.as_ref().map(&mut intern)),
            (OpKind::Read, Outcome::Unknown) => PKind::Read(None),
            (OpKind::Write(v), _) => PKind::Write(intern(v)),
            (OpKind::Cas(f, t), Outcome::Ok) => PKind::CasOk(intern(f), intern(t)),
            (OpKind::Cas(f, _), Outcome::Fail) => PKind::CasFail(intern(f)),
            (OpKind::Cas(f, t), Outcome::Unknown) => PKind::CasMaybe(intern(f), intern(t)),
        };
        let completed = op.outcome != Outcome::Unknown && op.complete.is_some();
        prepared.push(Prepared {
            id,
            kind,
            completed,
            call: op.invoke,
            ret: if completed {
                op.complete.unwrap_or(usize::MAX)
            } else {
                usize::MAX
            },
        });
    }
    (prepared, values)
}

/// Zobrist keys: the set of linearized operations hashed to 128 bits.
fn zobrist(n: usize) -> Vec<(u64, u64)> {
    let mut x: u64 = 0x243F_6A88_85A3_08D3;
    let mut next = || {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    (0..n).map(|_| (next(), next())).collect()
}

const NONE: usize = usize::MAX;

fn search(ops: &[Operation], ids: &[usize], budget: usize) -> Search {
    let (prep, values) = prepare(ops, ids);
    let n = prep.len();
    let total_completed = prep.iter().filter(|p| p.completed).count();
    if total_completed == 0 {
        return Search::Ok;
    }
    // Entries: a call and a return per operation, in history order; returns
    // of unknown operations sort last. Node 0 is the list head.
    let mut entries: Vec<(usize, bool, usize)> = Vec::with_capacity(2 * n); // (pos, is_return, op)
    for (i, p) in prep.iter().enumerate() {
        entries.push((p.call, false, i));
        entries.push((if p.completed { p.ret } else { usize::MAX }, true, i));
    }
    entries.sort_by_key(|&(pos, is_ret, op)| (pos, is_ret, op));
    let len = entries.len() + 1;
    let mut next = vec![NONE; len];
    let mut prev = vec![NONE; len];
    let mut call_node = vec![0; n];
    let mut ret_node = vec![0; n];
    for (k, &(_, is_ret, op)) in entries.iter().enumerate() {
        let node = k + 1;
        prev[node] = k;
        next[k] = node;
        if is_ret {
            ret_node[op] = node;
        } else {
            call_node[op] = node;
        }
    }
    let node_op = |node: usize| entries[node - 1].2;
    let node_is_ret = |node: usize| entries[node - 1].1;
    let unlink = |next: &mut Vec<usize>, prev: &mut Vec<usize>, node: usize| {
        let (p, nx) = (prev[node], next[node]);
        next[p] = nx;
        if nx != NONE {
            prev[nx] = p;
        }
    };
    let relink = |next: &mut Vec<usize>, prev: &mut Vec<usize>, node: usize| {
        let (p, nx) = (prev[node], next[node]);
        next[p] = node;
        if nx != NONE {
            prev[nx] = node;
        }
    };

    let keys = zobrist(n);
    let mut hash = (0u64, 0u64);
    let mut state = NULL;
    let mut cache: HashSet<(u64, u64, u32)> = HashSet::new();
    // (call node, state before, choice taken)
    let mut stack: Vec<(usize, u32, usize)> = Vec::new();
    let mut lifted_completed = 0usize;
    let mut best: (usize, Vec<usize>, u32, usize) = (0, Vec::new(), NULL, NONE); // depth, order, state, stuck op
    let mut node = next[0];
    let mut resume_choice = 0usize;
    let mut outs = [0u32; 2];
    let mut explored = 0usize;

    loop {
        if lifted_completed == total_completed || node == NONE {
            return Search::Ok;
        }
        let op = node_op(node);
        if !node_is_ret(node) {
            let count = step(prep[op].kind, state, &mut outs);
            let mut lifted = false;
            for (choice, &new_state) in outs.iter().enumerate().take(count).skip(resume_choice) {
                let h = (hash.0 ^ keys[op].0, hash.1 ^ keys[op].1);
                explored += 1;
                if cache.insert((h.0, h.1, new_state)) {
                    stack.push((node, state, choice));
                    state = new_state;
                    hash = h;
                    unlink(&mut next, &mut prev, node);
                    if prep[op].completed {
                        unlink(&mut next, &mut prev, ret_node[op]);
                        lifted_completed += 1;
                    }
                    lifted = true;
                    break;
                }
            }
            resume_choice = 0;
            if explored > budget {
                return Search::OutOfBudget(explored);
            }
            node = if lifted { next[0] } else { next[node] };
        } else {
            // A completed operation not yet placed: this order is wrong.
            if stack.len() >= best.0 && best.3 == NONE || stack.len() > best.0 {
                best = (
                    stack.len(),
                    stack.iter().map(|&(c, _, _)| prep[node_op(c)].id).collect(),
                    state,
                    prep[op].id,
                );
            }
            let Some((call, before, choice)) = stack.pop() else {
                let (_, order, st, stuck) = best;
                return Search::Stuck {
                    op: stuck,
                    prefix: order,
                    state: values[st as usize].clone(),
                };
            };
            let lifted_op = node_op(call);
            if prep[lifted_op].completed {
                relink(&mut next, &mut prev, ret_node[lifted_op]);
                lifted_completed -= 1;
            }
            relink(&mut next, &mut prev, call);
            state = before;
            hash = (hash.0 ^ keys[lifted_op].0, hash.1 ^ keys[lifted_op].1);
            node = call;
            resume_choice = choice + 1;
            let _ = call_node[lifted_op];
        }
    }
}

/// A 1-minimal non-linearizable subset of the key's operations up to the
/// stuck one: drop each operation in turn and keep it out if the rest still
/// fails.
fn minimise(ops: &[Operation], ids: &[usize], stuck: usize, budget: usize) -> Vec<usize> {
    let limit = ops[stuck].complete.unwrap_or(usize::MAX);
    let before: Vec<usize> = ids.iter().copied().filter(|&i| ops[i].invoke <= limit).collect();
    let fails = |set: &[usize]| matches!(search(ops, set, budget / 10), Search::Stuck { .. });
    let mut set = if before.len() <= MINIMISE_WINDOW {
        before
    } else {
        let tail = before[before.len() - MINIMISE_WINDOW..].to_vec();
        if !fails(&tail) {
            return Vec::new();
        }
        tail
    };
    let mut i = set.len();
    while i > 0 {
        i -= 1;
        let mut candidate = set.clone();
        candidate.remove(i);
        if fails(&candidate) {
            set = candidate;
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(lines: &[&str]) -> History {
        History::from_jsonl(&lines.join("\n")).unwrap()
    }

    fn inv(p: i64, f: &str, v: &str) -> String {
        format!(r#"{{"process":{p},"type":"invoke","f":"{f}","value":{v}}}"#)
    }
    fn ok(p: i64, f: &str, v: &str) -> String {
        format!(r#"{{"process":{p},"type":"ok","f":"{f}","value":{v}}}"#)
    }
    fn fail(p: i64, f: &str, v: &str) -> String {
        format!(r#"{{"process":{p},"type":"fail","f":"{f}","value":{v}}}"#)
    }
    fn info(p: i64, f: &str, v: &str) -> String {
        format!(r#"{{"process":{p},"type":"info","f":"{f}","value":{v}}}"#)
    }

    fn verdict(lines: Vec<String>) -> Verdict {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        check(&h(&refs))
    }

    #[test]
    fn sequential_history_is_linearizable() {
        let v = verdict(vec![
            inv(0, "write", "1"),
            ok(0, "write", "1"),
            inv(1, "read", "null"),
            ok(1, "read", "1"),
        ]);
        assert_eq!(v, Verdict::Linearizable);
    }

    #[test]
    fn stale_read_after_completed_write_is_not() {
        let v = verdict(vec![
            inv(0, "write", "1"),
            ok(0, "write", "1"),
            inv(1, "read", "null"),
            ok(1, "read", "null"),
        ]);
        let Verdict::NotLinearizable(violation) = v else {
            panic!("{v:?}")
        };
        assert_eq!(violation.op, 1);
        assert_eq!(violation.minimal, vec![0, 1]);
    }

    #[test]
    fn concurrent_read_may_see_either_value() {
        for seen in ["null", "1"] {
            let v = verdict(vec![
                inv(0, "write", "1"),
                inv(1, "read", "null"),
                ok(1, "read", seen),
                ok(0, "write", "1"),
            ]);
            assert_eq!(v, Verdict::Linearizable, "read {seen}");
        }
    }

    #[test]
    fn reads_cannot_go_back_in_time() {
        // Both reads overlap the write, but once 1 is seen, null is not.
        let v = verdict(vec![
            inv(0, "write", "1"),
            inv(1, "read", "null"),
            ok(1, "read", "1"),
            inv(2, "read", "null"),
            ok(2, "read", "null"),
            ok(0, "write", "1"),
        ]);
        assert!(matches!(v, Verdict::NotLinearizable(_)), "{v:?}");
    }

    #[test]
    fn cas_outcomes_are_checked() {
        let good = verdict(vec![
            inv(0, "write", "1"),
            ok(0, "write", "1"),
            inv(1, "cas", "[1,2]"),
            ok(1, "cas", "[1,2]"),
            inv(2, "cas", "[1,3]"),
            fail(2, "cas", "[1,3]"),
            inv(3, "read", "null"),
            ok(3, "read", "2"),
        ]);
        assert_eq!(good, Verdict::Linearizable);
        let bad = verdict(vec![
            inv(0, "write", "1"),
            ok(0, "write", "1"),
            inv(2, "cas", "[1,3]"),
            fail(2, "cas", "[1,3]"),
        ]);
        assert!(matches!(bad, Verdict::NotLinearizable(_)));
    }

    #[test]
    fn unknown_writes_may_or_may_not_happen() {
        for seen in ["null", "5"] {
            let v = verdict(vec![
                inv(0, "write", "5"),
                info(0, "write", "5"),
                inv(1, "read", "null"),
                ok(1, "read", seen),
            ]);
            assert_eq!(v, Verdict::Linearizable, "read {seen}");
        }
        // …but only after its invocation.
        let v = verdict(vec![
            inv(1, "read", "null"),
            ok(1, "read", "5"),
            inv(0, "write", "5"),
            info(0, "write", "5"),
        ]);
        assert!(matches!(v, Verdict::NotLinearizable(_)));
    }

    #[test]
    fn failed_writes_have_no_effect() {
        let v = verdict(vec![
            inv(0, "write", "5"),
            fail(0, "write", "5"),
            inv(1, "read", "null"),
            ok(1, "read", "5"),
        ]);
        assert!(matches!(v, Verdict::NotLinearizable(_)));
    }

    #[test]
    fn keys_are_independent() {
        let lines = [
            r#"{"process":0,"type":"invoke","f":"write","value":1,"key":"a"}"#,
            r#"{"process":0,"type":"ok","f":"write","value":1,"key":"a"}"#,
            r#"{"process":1,"type":"invoke","f":"read","value":null,"key":"b"}"#,
            r#"{"process":1,"type":"ok","f":"read","value":null,"key":"b"}"#,
        ];
        assert_eq!(check(&h(&lines)), Verdict::Linearizable);
    }

    #[test]
    fn explanation_names_the_operations() {
        let lines = [
            inv(0, "write", "1"),
            ok(0, "write", "1"),
            inv(1, "read", "null"),
            ok(1, "read", "null"),
        ];
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let history = h(&refs);
        let Verdict::NotLinearizable(v) = check(&history) else {
            panic!()
        };
        let text = v.explain(&history);
        assert!(text.contains("process 1 read → null (lines 3–4)"), "{text}");
        assert!(text.contains("process 0 write 1 (lines 1–2)"), "{text}");
    }
}
