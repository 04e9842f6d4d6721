//! Register histories in Jepsen's vocabulary: operations with an invocation
//! and (maybe) a completion, read from JSON Lines or recorded by the
//! simulator. Values are JSON values; `null` is "never written".

use std::collections::HashMap;

use serde_json::Value;

/// What a client asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum OpKind {
    Read,
    Write(Value),
    /// Compare-and-set: `[from, to]`.
    Cas(Value, Value),
}

impl OpKind {
    pub fn name(&self) -> &'static str {
        match self {
            OpKind::Read => "read",
            OpKind::Write(_) => "write",
            OpKind::Cas(..) => "cas",
        }
    }
}

/// How an operation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It took effect (a read's value is in `Operation::output`).
    Ok,
    /// It did not take effect (a cas: its compare did not match).
    Fail,
    /// It may or may not have taken effect, at any time after its invocation.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub process: i64,
    /// `""` when the history has a single register.
    pub key: String,
    pub kind: OpKind,
    /// The value an `ok` read returned.
    pub output: Option<Value>,
    pub outcome: Outcome,
    /// Position of the invocation among the history's events.
    pub invoke: usize,
    /// Position of the completion; `None` if it never completed (or `info`).
    pub complete: Option<usize>,
    /// 1-based source lines (JSONL) or event numbers (simulator).
    pub invoke_line: usize,
    pub complete_line: Option<usize>,
    /// Time of the completion (or invocation), if the source has one.
    pub time: Option<f64>,
}

impl Operation {
    /// `process 3 write 5`, `process 1 read → 4`, `process 2 cas [1, 2] (failed)`.
    pub fn describe(&self) -> String {
        let what = match &self.kind {
            OpKind::Read => match (&self.outcome, &self.output) {
                (Outcome::Ok, Some(v)) => format!("read → {v}"),
                _ => "read".to_string(),
            },
            OpKind::Write(v) => format!("write {v}"),
            OpKind::Cas(from, to) => format!("cas [{from}, {to}]"),
        };
        let how = match self.outcome {
            Outcome::Ok => "",
            Outcome::Fail => " (failed)",
            Outcome::Unknown => " (outcome unknown)",
        };
        let key = if self.key.is_empty() {
            String::new()
        } else {
            format!(" key {}", self.key)
        };
        let lines = match self.complete_line {
            Some(c) => format!("lines {}–{c}", self.invoke_line),
            None => format!("line {}, never completed", self.invoke_line),
        };
        format!("process {}{key} {what}{how} ({lines})", self.process)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub ops: Vec<Operation>,
}

/// A line of a history file that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct HistoryError {
    pub line: usize,
    pub message: String,
}

fn bad(line: usize, message: impl Into<String>) -> HistoryError {
    HistoryError {
        line,
        message: message.into(),
    }
}

impl History {
    /// Parse Jepsen-style JSON Lines: one event per line, in real-time order.
    /// Lines whose `process` is not an integer (Jepsen's `"nemesis"`) are
    /// fault injections, not client operations, and are skipped.
    pub fn from_jsonl(text: &str) -> Result<History, HistoryError> {
        let mut ops: Vec<Operation> = Vec::new();
        let mut pending: HashMap<i64, usize> = HashMap::new();
        let mut event = 0usize;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let value: Value = serde_json::from_str(raw)
                .map_err(|e| bad(line, format!("invalid JSON at column {}: {e}", e.column())))?;
            let obj = value.as_object().ok_or_else(|| bad(line, "expected a JSON object"))?;
            let process = match obj.get("process") {
                Some(Value::Number(n)) => n.as_i64().ok_or_else(|| bad(line, "`process` must be an integer"))?,
                Some(Value::String(_)) => continue, // the nemesis
                Some(_) => return Err(bad(line, "`process` must be an integer")),
                None => return Err(bad(line, "missing `process`")),
            };
            let kind = obj
                .get("type")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(line, "missing `type`"))?;
            let f = obj
                .get("f")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(line, "missing `f`"))?;
            let arg = obj.get("value").cloned().unwrap_or(Value::Null);
            let key = match obj.get("key") {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            let time = obj.get("time").and_then(Value::as_f64);
            match kind {
                "invoke" => {
                    if let Some(&prev) = pending.get(&process) {
                        return Err(bad(
                            line,
                            format!(
                                "process {process} invokes again before its operation at line {} completed",
                                ops[prev].invoke_line
                            ),
                        ));
                    }
                    let op_kind = match f {
                        "read" => OpKind::Read,
                        "write" => OpKind::Write(arg),
                        "cas" => match arg {
                            Value::Array(ref pair) if pair.len() == 2 => OpKind::Cas(pair[0].clone(), pair[1].clone()),
                            _ => return Err(bad(line, "a cas invocation's value must be [from, to]")),
                        },
                        other => {
                            return Err(bad(
                                line,
                                format!("unknown operation `{other}` (expected read, write or cas)"),
                            ))
                        }
                    };
                    pending.insert(process, ops.len());
                    ops.push(Operation {
                        process,
                        key,
                        kind: op_kind,
                        output: None,
                        outcome: Outcome::Unknown,
                        invoke: event,
                        complete: None,
                        invoke_line: line,
                        complete_line: None,
                        time,
                    });
                }
                "ok" | "fail" | "info" => {
                    let idx = pending.remove(&process).ok_or_else(|| {
                        bad(
                            line,
                            format!("process {process} completes an operation it never invoked"),
                        )
                    })?;
                    let op = &mut ops[idx];
                    if op.kind.name() != f {
                        return Err(bad(
                            line,
                            format!(
                                "completion `{f}` does not match the invocation `{}` at line {}",
                                op.kind.name(),
                                op.invoke_line
                            ),
                        ));
                    }
                    if time.is_some() {
                        op.time = time;
                    }
                    match kind {
                        "ok" => {
                            op.outcome = Outcome::Ok;
                            op.complete = Some(event);
                            op.complete_line = Some(line);
                            if op.kind == OpKind::Read {
                                op.output = Some(arg);
                            }
                        }
                        "fail" => {
                            op.outcome = Outcome::Fail;
                            op.complete = Some(event);
                            op.complete_line = Some(line);
                        }
                        _ => op.outcome = Outcome::Unknown, // info: may happen any time later
                    }
                }
                other => {
                    return Err(bad(
                        line,
                        format!("unknown type `{other}` (expected invoke, ok, fail or info)"),
                    ))
                }
            }
            event += 1;
        }
        Ok(History { ops })
    }

    /// The keys in first-seen order.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for op in &self.ops {
            if !keys.contains(&op.key) {
                keys.push(op.key.clone());
            }
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_invocations_and_completions() {
        let text = r#"{"process":0,"type":"invoke","f":"write","value":1}
{"process":1,"type":"invoke","f":"read","value":null}
{"process":0,"type":"ok","f":"write","value":1}
{"process":"nemesis","type":"info","f":"start-partition","value":"majority"}
{"process":1,"type":"ok","f":"read","value":1}
{"process":2,"type":"invoke","f":"cas","value":[1,2]}
{"process":2,"type":"info","f":"cas","value":[1,2]}
{"process":3,"type":"invoke","f":"write","value":7}
"#;
        let h = History::from_jsonl(text).unwrap();
        assert_eq!(h.ops.len(), 4);
        assert_eq!(h.ops[0].complete, Some(2));
        assert_eq!(h.ops[1].output, Some(Value::from(1)));
        assert_eq!(h.ops[2].outcome, Outcome::Unknown);
        assert_eq!(h.ops[2].complete, None);
        assert_eq!(h.ops[3].outcome, Outcome::Unknown);
    }

    #[test]
    fn bad_lines_are_named() {
        let e = History::from_jsonl("{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":1}").unwrap_err();
        assert_eq!(e.line, 1);
        let e = History::from_jsonl("\n{\"process\":0,\"type\":\"invoke\",\"f\":\"inc\"}").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown operation"));
        let e = History::from_jsonl("{\"process\":0,\"type\":\"invoke\",\"f\":\"cas\",\"value\":3}").unwrap_err();
        assert!(e.message.contains("[from, to]"));
        assert_eq!(History::from_jsonl("not json").unwrap_err().line, 1);
    }
}
