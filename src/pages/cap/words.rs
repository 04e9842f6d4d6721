//! The CAP page's wording of what the engine sends as codes: scenarios,
//! modes, verdicts, operations and their outcomes, message kinds, the AWS
//! services table, and the moments the clock pauses at. Each code has a
//! message `cap-<what>-<code>` in `locales/*/cap.ftl`.

use dataplay_api::cap::{
    CapClass, CapRun, CheckVerdict, Consistency, MessageKind, OpAction, OpOutcome, OpView, RunMode, ScenarioKey,
    UseCase,
};

use crate::i18n::{Args, I18n};

/// `partition_cp` (serde's snake_case) → `partition-cp`, for message ids.
fn code<T: serde::Serialize>(value: &T, tag: Option<&str>) -> String {
    let v = serde_json::to_value(value).unwrap_or_default();
    let text = match (tag, &v) {
        (Some(tag), serde_json::Value::Object(o)) => {
            o.get(tag).and_then(|t| t.as_str()).unwrap_or_default().to_string()
        }
        _ => v.as_str().unwrap_or_default().to_string(),
    };
    text.replace('_', "-")
}

pub fn scenario_title(i18n: &I18n, s: ScenarioKey) -> String {
    i18n.t(&format!("cap-scenario-{}", s.key()))
}

pub fn scenario_story(i18n: &I18n, s: ScenarioKey) -> String {
    i18n.t(&format!("cap-story-{}", s.key()))
}

pub fn mode(i18n: &I18n, m: &RunMode) -> String {
    let args = match m {
        RunMode::Quorum { n, r, w } => Args::new()
            .text("n", n.to_string())
            .text("r", r.to_string())
            .text("w", w.to_string()),
        _ => Args::new(),
    };
    i18n.t_with(&format!("cap-mode-{}", code(m, Some("kind"))), &args)
}

pub fn action(i18n: &I18n, a: &OpAction) -> String {
    let args = match a {
        OpAction::Read => Args::new(),
        OpAction::ReadValue { value } | OpAction::Write { value } => Args::new().text("value", value.clone()),
        OpAction::ReadSiblings { values } => Args::new().text("values", values.join(", ")),
        OpAction::Cas { from, to } => Args::new().text("from", from.clone()).text("to", to.clone()),
    };
    i18n.t_with(&format!("cap-op-{}", code(a, Some("kind"))), &args)
}

/// The result of an operation: stale for a read of old data, else its outcome.
pub fn outcome(i18n: &I18n, o: &OpView) -> String {
    if o.stale && o.outcome == OpOutcome::Ok {
        i18n.t("cap-result-stale")
    } else {
        i18n.t(&format!("cap-outcome-{}", code(&o.outcome, None)))
    }
}

pub fn message_kind(i18n: &I18n, k: MessageKind) -> String {
    i18n.t(&format!("cap-message-{}", code(&k, None)))
}

pub fn cap_class(i18n: &I18n, c: CapClass) -> String {
    i18n.t(&format!("cap-class-{}", code(&c, None)))
}

pub fn consistency(i18n: &I18n, c: Consistency) -> String {
    i18n.t(&format!("cap-consistency-{}", code(&c, None)))
}

pub fn use_cases(i18n: &I18n, cases: &[UseCase]) -> String {
    let words: Vec<String> = cases
        .iter()
        .map(|c| i18n.t(&format!("cap-use-case-{}", code(c, None))))
        .collect();
    words.join(", ")
}

/// `europe post_789 read → 1 (stale, 650–700 ms)`: an operation named as the
/// timeline and the table show it.
pub fn operation(i18n: &I18n, run: &CapRun, o: &OpView) -> String {
    let end = o.complete_ms.unwrap_or(run.duration_ms);
    let args = Args::new()
        .text("node", run.nodes.get(o.node).cloned().unwrap_or_default())
        .text("key", o.key.clone())
        .text("op", action(i18n, &o.action))
        .text("outcome", outcome(i18n, o))
        .text("from", i18n.count(o.invoke_ms.round()))
        .text("to", i18n.count(end.round()));
    i18n.t_with("cap-operation", &args)
}

/// The verdict's heading as of time `t`: a violation only once it happened.
pub fn verdict_heading(i18n: &I18n, v: &CheckVerdict, t: f64) -> String {
    match v {
        CheckVerdict::Linearizable => i18n.t("cap-linearizable"),
        CheckVerdict::NotLinearizable { since_ms, .. } if t >= *since_ms => i18n.t_with(
            "cap-not-linearizable-since",
            &Args::new().text("ms", i18n.count(since_ms.round())),
        ),
        CheckVerdict::NotLinearizable { .. } => i18n.t("cap-linearizable-so-far"),
        CheckVerdict::Undecided { key, explored } => i18n.t_with(
            "cap-undecided",
            &Args::new()
                .text("key", key.clone())
                .text("explored", i18n.count(*explored as f64)),
        ),
    }
}
