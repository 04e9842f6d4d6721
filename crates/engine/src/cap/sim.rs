//! The discrete-event simulation: a virtual clock (µs), one seeded RNG, and
//! an event queue ordered by (time, sequence number), so the same config and
//! seed replay the same run event for event, natively and in wasm.
//!
//! Nodes are data centers holding a versioned key-value store. Clients sit
//! at a node and issue reads and writes through it (the coordinator):
//! - **CP**: a majority quorum (ABD): writes read the highest version from a
//!   majority, then store a higher one on a majority; strong reads read a
//!   majority and write the value back. A coordinator that cannot reach a
//!   majority rejects at once; one cut off mid-operation times out.
//! - **AP**: accept at the client's node, answer at once, replicate
//!   asynchronously (re-sent until acknowledged, so replicas converge after a
//!   heal); conflicts are resolved by last-writer-wins on (timestamp, node),
//!   or — with `Resolution::Siblings` — kept: each write carries a version
//!   vector, a replica keeps every value no other one descends from, an
//!   eventual read returns them all (a JSON array when there are several),
//!   and the next write at that node (whose vector covers them) resolves them.
//! - **Quorum { n, r, w }**: Dynamo-style: the write goes to `n` replicas and
//!   is acknowledged by `w`; a read asks `n` and returns the newest of `r`.
//!
//! Eventual reads answer from the client's own node (possibly stale); strong
//! reads use a quorum. Every operation is recorded as a register history
//! for the checker.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::faults::{Network, TimedFault};
use super::history::{History, OpKind, Operation, Outcome};
use super::topology::Topology;
use super::version::{merge_siblings, Sibling, Stored, Version};
use crate::base::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Mode {
    Cp,
    Ap,
    Quorum { n: usize, r: usize, w: usize },
}

/// How AP replicas reconcile concurrent writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The higher (timestamp, node, client) wins; the other write is lost.
    #[default]
    LastWriterWins,
    /// Version vectors: concurrent writes are kept side by side as siblings.
    Siblings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadLevel {
    Strong,
    Eventual,
}

/// One client request in a scripted workload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptedOp {
    pub at_ms: u64,
    /// The node the client is attached to.
    pub node: usize,
    pub key: String,
    /// `None` reads; `Some(v)` writes `v`.
    pub write: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Workload {
    /// Closed loop: each client thinks, then reads or writes a random key.
    Random {
        clients_per_node: usize,
        keys: Vec<String>,
        write_per_mille: u64,
        think_ms: (u64, u64),
    },
    Script {
        ops: Vec<ScriptedOp>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimConfig {
    #[serde(skip, default = "Topology::seed_default")]
    pub topology: Topology,
    pub mode: Mode,
    pub read_level: ReadLevel,
    /// AP only.
    #[serde(default)]
    pub resolution: Resolution,
    pub faults: Vec<TimedFault>,
    pub workload: Workload,
    pub seed: u64,
    pub duration_ms: u64,
    /// A client gives up on an operation after this long.
    pub timeout_ms: u64,
    /// How often unacknowledged replication is re-sent (AP).
    pub retry_ms: u64,
    /// Clients of a random workload issue no new operation after this time
    /// (lets replication settle before the end).
    pub clients_stop_ms: Option<u64>,
}

impl SimConfig {
    pub fn new(mode: Mode, read_level: ReadLevel, seed: u64) -> SimConfig {
        SimConfig {
            topology: Topology::seed_default(),
            mode,
            read_level,
            resolution: Resolution::LastWriterWins,
            faults: Vec::new(),
            workload: Workload::Random {
                clients_per_node: 1,
                keys: vec!["post_123".into(), "post_456".into(), "post_789".into()],
                write_per_mille: 400,
                think_ms: (20, 200),
            },
            seed,
            duration_ms: 10_000,
            timeout_ms: 1_000,
            retry_ms: 100,
            clients_stop_ms: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Msg {
    Query {
        op: usize,
        key: String,
    },
    QueryReply {
        op: usize,
        stored: Option<Stored>,
    },
    Store {
        op: Option<usize>,
        key: String,
        stored: Stored,
    },
    StoreAck {
        op: Option<usize>,
        key: String,
        version: Version,
    },
}

impl Msg {
    fn label(&self) -> &'static str {
        match self {
            Msg::Query { .. } => "query",
            Msg::QueryReply { .. } => "query-reply",
            Msg::Store { .. } => "store",
            Msg::StoreAck { .. } => "store-ack",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum EventKind {
    Fault(usize),
    ClientNext {
        client: usize,
    },
    Scripted(usize),
    Deliver {
        from: usize,
        to: usize,
        sent: u64,
        msg: Msg,
    },
    Timeout {
        op: usize,
    },
    Retry,
}

/// One step of the run, for the event log and the UI's animation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub at_us: u64,
    /// For a message: when it was sent.
    pub sent_us: Option<u64>,
    pub what: String,
    pub from: Option<usize>,
    pub to: Option<usize>,
    /// The message was lost (link cut or node down).
    pub dropped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Query,
    Store,
}

struct InFlight {
    client: usize,
    coordinator: usize,
    key: String,
    write: Option<Value>,
    phase: Phase,
    replies: Vec<Option<Stored>>,
    acks: usize,
    chosen: Option<Stored>,
    need: usize,
    done: bool,
    history_index: usize,
    invoked_us: u64,
    during_fault: bool,
}

/// What a run produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunResult {
    #[serde(skip)]
    pub history: History,
    pub log: Vec<LogEntry>,
    /// FNV-1a over the event log: equal runs have equal hashes.
    pub log_hash: u64,
    pub events: u64,
    /// Each node's store at the end: key → stored value.
    pub stores: Vec<Vec<(String, Stored)>>,
    pub metrics: super::metrics::Metrics,
}

struct Sim<'a> {
    cfg: &'a SimConfig,
    rng: Rng,
    now: u64,
    seq: u64,
    queue: BinaryHeap<Reverse<(u64, u64, usize)>>,
    payloads: Vec<Option<EventKind>>,
    net: Network,
    stores: Vec<HashMap<String, Stored>>,
    /// AP: replication not yet acknowledged: (from, to, key) → stored.
    unacked: HashMap<(usize, usize, String), Stored>,
    ops: Vec<InFlight>,
    history: Vec<Operation>,
    events: u64,
    log: Vec<LogEntry>,
    hash: u64,
    stamp: u64,
    client_node: Vec<usize>,
    client_seq: Vec<u64>,
    metrics: super::metrics::Recorder,
}

/// Run a simulation to its end.
pub fn run(cfg: &SimConfig) -> RunResult {
    let n = cfg.topology.len();
    let mut sim = Sim {
        cfg,
        rng: Rng::fork(cfg.seed, "cap"),
        now: 0,
        seq: 0,
        queue: BinaryHeap::new(),
        payloads: Vec::new(),
        net: Network::new(n),
        stores: vec![HashMap::new(); n],
        unacked: HashMap::new(),
        ops: Vec::new(),
        history: Vec::new(),
        events: 0,
        log: Vec::new(),
        hash: 0xcbf2_9ce4_8422_2325,
        stamp: 0,
        client_node: Vec::new(),
        client_seq: Vec::new(),
        metrics: super::metrics::Recorder::new(n),
    };
    for (i, f) in cfg.faults.iter().enumerate() {
        sim.schedule(f.at_ms * 1_000, EventKind::Fault(i));
    }
    match &cfg.workload {
        Workload::Random {
            clients_per_node,
            think_ms,
            ..
        } => {
            for node in 0..n {
                for _ in 0..*clients_per_node {
                    let client = sim.client_node.len();
                    sim.client_node.push(node);
                    sim.client_seq.push(0);
                    let start = sim.rng.range(think_ms.0 as i64, think_ms.1.max(think_ms.0) as i64) as u64;
                    sim.schedule(start * 1_000, EventKind::ClientNext { client });
                }
            }
        }
        Workload::Script { ops } => {
            // One client per node.
            for node in 0..n {
                sim.client_node.push(node);
                sim.client_seq.push(0);
            }
            for (i, op) in ops.iter().enumerate() {
                sim.schedule(op.at_ms * 1_000, EventKind::Scripted(i));
            }
        }
    }
    if matches!(cfg.mode, Mode::Ap) {
        sim.schedule(cfg.retry_ms * 1_000, EventKind::Retry);
    }
    let end = cfg.duration_ms * 1_000;
    while let Some(Reverse((at, _, slot))) = sim.queue.pop() {
        if at > end {
            break;
        }
        sim.now = at;
        let Some(kind) = sim.payloads[slot].take() else {
            continue;
        };
        sim.handle(kind);
    }
    // Operations still open at the end never completed: outcome unknown.
    let mut stores: Vec<Vec<(String, Stored)>> = sim
        .stores
        .iter()
        .map(|s| {
            let mut v: Vec<(String, Stored)> = s.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        })
        .collect();
    stores.truncate(n);
    let history = History { ops: sim.history };
    let metrics = sim.metrics.finish(&history, &cfg.topology);
    RunResult {
        history,
        log: sim.log,
        log_hash: sim.hash,
        events: sim.events,
        stores,
        metrics,
    }
}

impl Sim<'_> {
    fn schedule(&mut self, at: u64, kind: EventKind) {
        let slot = self.payloads.len();
        self.payloads.push(Some(kind));
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq, slot)));
    }

    fn record(&mut self, what: String, from: Option<usize>, to: Option<usize>, dropped: bool) {
        self.record_sent(what, None, from, to, dropped);
    }

    fn record_sent(&mut self, what: String, sent: Option<u64>, from: Option<usize>, to: Option<usize>, dropped: bool) {
        for b in what.bytes().chain(self.now.to_le_bytes()).chain([
            from.map_or(255, |f| f as u8),
            to.map_or(255, |t| t as u8),
            dropped as u8,
        ]) {
            self.hash = (self.hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.events += 1;
        if self.log.len() < 200_000 {
            self.log.push(LogEntry {
                at_us: self.now,
                sent_us: sent,
                what,
                from,
                to,
                dropped,
            });
        }
    }

    fn latency_us(&mut self, from: usize, to: usize) -> u64 {
        let base = u64::from(self.cfg.topology.latency_ms[from][to]) * 1_000;
        let jitter = base * u64::from(self.cfg.topology.jitter_pct) / 100;
        if jitter == 0 {
            return base.max(1);
        }
        (base - jitter + self.rng.below(2 * jitter + 1)).max(1)
    }

    fn send(&mut self, from: usize, to: usize, msg: Msg) {
        if from == to {
            // Local delivery is immediate (next event at the same time).
            self.schedule(
                self.now,
                EventKind::Deliver {
                    from,
                    to,
                    sent: self.now,
                    msg,
                },
            );
            return;
        }
        let delay = self.latency_us(from, to);
        self.schedule(
            self.now + delay,
            EventKind::Deliver {
                from,
                to,
                sent: self.now,
                msg,
            },
        );
    }

    fn handle(&mut self, kind: EventKind) {
        match kind {
            EventKind::Fault(i) => {
                let fault = self.cfg.faults[i].fault.clone();
                self.net.apply(&fault);
                self.record(format!("fault {fault:?}"), None, None, false);
            }
            EventKind::ClientNext { client } => self.random_op(client),
            EventKind::Scripted(i) => {
                let Workload::Script { ops } = &self.cfg.workload else {
                    return;
                };
                let op = ops[i].clone();
                let client = op.node.min(self.client_node.len().saturating_sub(1));
                self.invoke(client, op.key, op.write);
            }
            EventKind::Deliver { from, to, sent, msg } => {
                let lost = !self.net.alive[to] || !self.net.link(from, to) || !self.net.alive[from] && from != to;
                self.record_sent(msg.label().to_string(), Some(sent), Some(from), Some(to), lost);
                if !lost {
                    self.deliver(from, to, msg);
                }
            }
            EventKind::Timeout { op } => {
                if !self.ops[op].done {
                    let outcome = if self.ops[op].write.is_some() {
                        Outcome::Unknown
                    } else {
                        Outcome::Fail
                    };
                    self.complete(op, outcome, None, "timed out");
                }
            }
            EventKind::Retry => {
                let mut pending: Vec<((usize, usize, String), Stored)> =
                    self.unacked.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                pending.sort_by(|a, b| a.0.cmp(&b.0));
                for ((from, to, key), stored) in pending {
                    if self.net.alive[from] {
                        self.send(from, to, Msg::Store { op: None, key, stored });
                    }
                }
                self.schedule(self.now + self.cfg.retry_ms * 1_000, EventKind::Retry);
            }
        }
    }

    fn random_op(&mut self, client: usize) {
        let Workload::Random {
            keys, write_per_mille, ..
        } = &self.cfg.workload
        else {
            return;
        };
        if self.cfg.clients_stop_ms.is_some_and(|stop| self.now > stop * 1_000) {
            return;
        }
        let key = keys[self.rng.below(keys.len() as u64) as usize].clone();
        let write = if self.rng.chance(*write_per_mille) {
            self.client_seq[client] += 1;
            Some(Value::from(client as u64 * 1_000_000 + self.client_seq[client]))
        } else {
            None
        };
        self.invoke(client, key, write);
    }

    fn next_for(&mut self, client: usize) {
        if let Workload::Random { think_ms, .. } = &self.cfg.workload {
            let (lo, hi) = *think_ms;
            let wait = self.rng.range(lo as i64, hi.max(lo) as i64) as u64;
            self.schedule(self.now + wait * 1_000, EventKind::ClientNext { client });
        }
    }

    fn invoke(&mut self, client: usize, key: String, write: Option<Value>) {
        let coordinator = self.client_node[client];
        let history_index = self.history.len();
        let kind = match &write {
            Some(v) => OpKind::Write(v.clone()),
            None => OpKind::Read,
        };
        let event = self.events as usize;
        self.record(format!("invoke {} {key}", kind.name()), Some(coordinator), None, false);
        self.history.push(Operation {
            process: client as i64,
            key: key.clone(),
            kind,
            output: None,
            outcome: Outcome::Unknown,
            invoke: event,
            complete: None,
            invoke_line: event + 1,
            complete_line: None,
            time: Some(self.now as f64 / 1_000.0),
        });
        let op = self.ops.len();
        let during_fault = self.net.degraded();
        self.ops.push(InFlight {
            client,
            coordinator,
            key: key.clone(),
            write: write.clone(),
            phase: Phase::Query,
            replies: Vec::new(),
            acks: 0,
            chosen: None,
            need: 0,
            done: false,
            history_index,
            invoked_us: self.now,
            during_fault,
        });
        if !self.net.alive[coordinator] {
            self.complete(op, Outcome::Fail, None, "node down");
            return;
        }
        let n = self.cfg.topology.len();
        let majority = self.cfg.topology.majority();
        let reachable = (0..n).filter(|&j| self.net.reachable_both_ways(coordinator, j)).count();
        let eventual_read = write.is_none() && self.cfg.read_level == ReadLevel::Eventual;
        match self.cfg.mode {
            _ if eventual_read => {
                let (value, why) = match self.stores[coordinator].get(&key) {
                    Some(s) if s.siblings.len() > 1 => (
                        Value::Array(s.siblings.iter().map(|x| x.value.clone()).collect()),
                        "local read: concurrent siblings",
                    ),
                    Some(s) => (s.value.clone(), "local read"),
                    None => (Value::Null, "local read"),
                };
                self.complete(op, Outcome::Ok, Some(value), why);
            }
            Mode::Ap if write.is_some() => {
                let mut stored = self.stamped(coordinator, client, write.clone().unwrap_or(Value::Null));
                if self.cfg.resolution == Resolution::Siblings {
                    // The new write has seen every sibling its node holds.
                    let mut clock = vec![0u64; n];
                    if let Some(local) = self.stores[coordinator].get(&key) {
                        for s in &local.siblings {
                            for (c, v) in clock.iter_mut().zip(&s.clock) {
                                *c = (*c).max(*v);
                            }
                        }
                    }
                    clock[coordinator] += 1;
                    stored.siblings = vec![Sibling {
                        clock,
                        value: stored.value.clone(),
                    }];
                }
                self.metrics.replication_started(&key, &stored.version, self.now);
                self.apply(coordinator, &key, stored.clone());
                for j in (0..n).filter(|&j| j != coordinator) {
                    self.unacked.insert((coordinator, j, key.clone()), stored.clone());
                    self.send(
                        coordinator,
                        j,
                        Msg::Store {
                            op: None,
                            key: key.clone(),
                            stored: stored.clone(),
                        },
                    );
                }
                self.complete(op, Outcome::Ok, None, "accepted locally");
            }
            Mode::Cp | Mode::Ap => {
                if reachable < majority {
                    self.complete(op, Outcome::Fail, None, "no majority reachable: rejected");
                    return;
                }
                self.ops[op].need = majority;
                self.start_query(op);
            }
            Mode::Quorum { n: replicas, r, w } => {
                let need = if write.is_some() { w } else { r }.clamp(1, replicas.max(1));
                self.ops[op].need = need;
                if write.is_some() {
                    let stored = self.stamped(coordinator, client, write.clone().unwrap_or(Value::Null));
                    let targets = self.replicas(&key, replicas);
                    self.start_store(op, &key, stored, targets);
                } else {
                    for j in self.replicas(&key, replicas) {
                        self.send(coordinator, j, Msg::Query { op, key: key.clone() });
                    }
                }
            }
        }
        if !self.ops[op].done {
            self.schedule(self.now + self.cfg.timeout_ms * 1_000, EventKind::Timeout { op });
        }
    }

    /// A value versioned by this moment (last-writer-wins order), unique per
    /// write even within one microsecond.
    fn stamped(&mut self, coordinator: usize, client: usize, value: Value) -> Stored {
        self.stamp += 1;
        let version = Version {
            stamp: self.now * 16 + (self.stamp % 16),
            node: coordinator as u32,
            client: client as u32,
        };
        Stored {
            version,
            value,
            siblings: Vec::new(),
        }
    }

    /// The `count` replicas of a key: consecutive nodes from the key's hash.
    fn replicas(&self, key: &str, count: usize) -> Vec<usize> {
        let n = self.cfg.topology.len();
        let start = key
            .bytes()
            .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize))
            % n.max(1);
        (0..count.min(n)).map(|i| (start + i) % n).collect()
    }

    /// The store phase of `op`: send `stored` to `targets`, wait for acks.
    fn start_store(&mut self, op: usize, key: &str, stored: Stored, targets: Vec<usize>) {
        let coordinator = self.ops[op].coordinator;
        self.ops[op].phase = Phase::Store;
        self.ops[op].chosen = Some(stored.clone());
        for j in targets {
            self.send(
                coordinator,
                j,
                Msg::Store {
                    op: Some(op),
                    key: key.to_string(),
                    stored: stored.clone(),
                },
            );
        }
    }

    fn start_query(&mut self, op: usize) {
        let (coordinator, key) = (self.ops[op].coordinator, self.ops[op].key.clone());
        for j in 0..self.cfg.topology.len() {
            self.send(coordinator, j, Msg::Query { op, key: key.clone() });
        }
    }

    fn apply(&mut self, node: usize, key: &str, stored: Stored) -> bool {
        if !stored.siblings.is_empty() {
            return self.apply_siblings(node, key, stored);
        }
        let newer = self.stores[node].get(key).is_none_or(|s| s.version < stored.version);
        // The replica now holds this version or a newer one.
        self.metrics.applied(key, &stored.version, node, self.now);
        if newer {
            self.stores[node].insert(key.to_string(), stored);
        }
        newer
    }

    /// Version-vector merge; the LWW fields follow the newest sibling kept.
    fn apply_siblings(&mut self, node: usize, key: &str, stored: Stored) -> bool {
        self.metrics.applied(key, &stored.version, node, self.now);
        let Some(current) = self.stores[node].get_mut(key) else {
            self.stores[node].insert(key.to_string(), stored);
            return true;
        };
        let changed = merge_siblings(&mut current.siblings, &stored.siblings);
        if stored.version > current.version {
            current.version = stored.version;
        }
        if let Some(last) = current.siblings.iter().last() {
            current.value = last.value.clone();
        }
        changed
    }

    fn deliver(&mut self, from: usize, to: usize, msg: Msg) {
        match msg {
            Msg::Query { op, key } => {
                let stored = self.stores[to].get(&key).cloned();
                self.send(to, from, Msg::QueryReply { op, stored });
            }
            Msg::Store { op, key, stored } => {
                let version = stored.version.clone();
                self.apply(to, &key, stored);
                self.send(to, from, Msg::StoreAck { op, key, version });
            }
            Msg::QueryReply { op, stored } => self.on_query_reply(op, stored),
            Msg::StoreAck { op: None, key, version } => {
                if self
                    .unacked
                    .get(&(to, from, key.clone()))
                    .is_some_and(|s| s.version <= version)
                {
                    self.unacked.remove(&(to, from, key));
                }
            }
            Msg::StoreAck { op: Some(op), .. } => self.on_store_ack(op),
        }
    }

    fn on_query_reply(&mut self, op: usize, stored: Option<Stored>) {
        let f = &mut self.ops[op];
        if f.done || f.phase != Phase::Query {
            return;
        }
        f.replies.push(stored);
        if f.replies.len() < f.need {
            return;
        }
        let newest = f
            .replies
            .iter()
            .flatten()
            .max_by(|a, b| a.version.cmp(&b.version))
            .cloned();
        match self.cfg.mode {
            Mode::Quorum { .. } => {
                let value = newest.map(|s| s.value).unwrap_or(Value::Null);
                self.complete(op, Outcome::Ok, Some(value), "quorum read");
            }
            _ => {
                // ABD second phase: store a newer version (write) or write the
                // newest value back (read) on a majority.
                let (coordinator, key, client) = (f.coordinator, f.key.clone(), f.client);
                let stored = match f.write.clone() {
                    Some(value) => {
                        let stamp = newest.as_ref().map_or(0, |s| s.version.stamp) + 1;
                        Stored {
                            version: Version {
                                stamp,
                                node: coordinator as u32,
                                client: client as u32,
                            },
                            value,
                            siblings: Vec::new(),
                        }
                    }
                    None => match newest {
                        Some(s) => s,
                        None => {
                            self.complete(op, Outcome::Ok, Some(Value::Null), "quorum read");
                            return;
                        }
                    },
                };
                let targets = (0..self.cfg.topology.len()).collect();
                self.start_store(op, &key, stored, targets);
            }
        }
    }

    fn on_store_ack(&mut self, op: usize) {
        let f = &mut self.ops[op];
        if f.done || f.phase != Phase::Store {
            return;
        }
        f.acks += 1;
        if f.acks < f.need {
            return;
        }
        let value = if f.write.is_some() {
            None
        } else {
            f.chosen.as_ref().map(|s| s.value.clone())
        };
        self.complete(op, Outcome::Ok, value, "quorum acknowledged");
    }

    fn complete(&mut self, op: usize, outcome: Outcome, value: Option<Value>, why: &str) {
        let f = &mut self.ops[op];
        f.done = true;
        let (client, coordinator, hi, invoked, during) =
            (f.client, f.coordinator, f.history_index, f.invoked_us, f.during_fault);
        let event = self.events as usize;
        let h = &mut self.history[hi];
        h.outcome = outcome;
        if outcome != Outcome::Unknown {
            h.complete = Some(event);
            h.complete_line = Some(event + 1);
        }
        if h.kind == OpKind::Read && outcome == Outcome::Ok {
            h.output = Some(value.unwrap_or(Value::Null));
        }
        h.time = Some(self.now as f64 / 1_000.0);
        let label = match outcome {
            Outcome::Ok => "ok",
            Outcome::Fail => "fail",
            Outcome::Unknown => "info",
        };
        self.metrics
            .completed(hi, coordinator, outcome, self.now - invoked, during);
        self.record(
            format!("{label} {} ({why})", self.history[hi].kind.name()),
            Some(coordinator),
            None,
            false,
        );
        self.next_for(client);
    }
}
