//! Guided lessons as data: a lesson is a list of steps, each a short
//! explanation, the control it is about (highlighted in the page), what the
//! learner is asked to do, and what must then hold of the page's state
//! (the same predicates as the exercises', on the runs since the step
//! began). A step may first ask the learner to predict an outcome: the
//! prediction names a measure of the run and a range per choice, so who
//! was right is read from the run, not written in the file. The format is
//! in `docs/lessons.md`; judging here is plain data in, data out.

use serde::{Deserialize, Serialize};

use crate::exercise::{CapPredicate, Concept, EtlPredicate, LakePredicate, Runs, Start, Text};

/// The format version this build reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonSet {
    pub version: u32,
    pub lessons: Vec<Lesson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    /// Unique in its set; the link names it (`?lesson=…&step=…`).
    pub id: String,
    pub concept: Concept,
    pub title: Text,
    /// What the lesson is about, shown on the lessons page.
    pub intro: Text,
    /// What starting the lesson afresh sets up.
    pub start: Start,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub title: Text,
    /// Two or three sentences: the idea.
    pub explain: Text,
    /// What the learner does.
    pub task: Text,
    /// The page the step is done on (`etl`, `lake`, `cap`, `data`).
    pub page: String,
    /// The control the step is about: its `data-testid`.
    #[serde(default)]
    pub point: Option<String>,
    #[serde(default)]
    pub predict: Option<Prediction>,
    pub done: Done,
    /// Shown once the step is done: what the outcome means.
    #[serde(default)]
    pub reveal: Option<Text>,
}

/// What must hold for a step to be done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Done {
    /// A table of this name is loaded (the Data page).
    Loaded { table: String },
    /// The page's link has `param` set to `value` (what it shows).
    Shows { page: String, param: String, value: String },
    /// The last ETL run since the step began.
    Etl { holds: EtlPredicate },
    /// The last lake or warehouse answer since the step began.
    Lake { holds: LakePredicate },
    /// The last CAP simulation since the step began.
    Cap { holds: CapPredicate },
}

/// Before the outcome is shown, the learner picks what they expect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub question: Text,
    /// What of the run decides which choice was right.
    pub measure: Measure,
    pub choices: Vec<Choice>,
}

/// A choice holds the measure's values in `[min, max]` (either end open
/// when left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub text: Text,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
}

impl Choice {
    pub fn holds(&self, value: f64) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }
}

/// A number read from the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum Measure {
    /// Rows the ETL stage `stage` dropped.
    Dropped { stage: String },
    /// Rows the MERGE inserted or updated.
    MergeChanged,
    /// 1 when the run loaded the warehouse, 0 when it stopped.
    EtlLoaded,
    /// Files of `table` the last lake query skipped.
    FilesSkipped { table: String },
    /// Rows the warehouse's loads rejected.
    Rejected,
    /// Writes CP rejected.
    CpRejectedWrites,
    /// Stale reads AP served.
    ApStaleReads,
    /// Writes the quorum run rejected.
    QuorumRejectedWrites,
}

impl Measure {
    /// The value, or `None` when the run it reads is not there.
    pub fn of(&self, runs: Runs) -> Option<f64> {
        let n = |v: usize| Some(v as f64);
        match self {
            Measure::Dropped { stage } => {
                let s = runs.etl?.stages.iter().find(|s| &s.name == stage)?;
                n(s.dropped.iter().map(|(_, rows)| rows).sum())
            }
            Measure::MergeChanged => n(runs
                .etl?
                .load
                .as_ref()?
                .tables
                .iter()
                .map(|t| t.inserted + t.updated)
                .sum()),
            Measure::EtlLoaded => {
                let run = runs.etl?;
                Some(if run.load.is_some() && run.failed.is_none() {
                    1.0
                } else {
                    0.0
                })
            }
            Measure::FilesSkipped { table } => n(runs.lake?.scans.iter().find(|s| &s.table == table)?.files_skipped),
            Measure::Rejected => n(runs.lake?.declared.iter().map(|t| t.rejects).sum()),
            Measure::CpRejectedWrites => n(runs.cap?.cp.rejected_writes),
            Measure::ApStaleReads => n(runs.cap?.ap.stale_reads),
            Measure::QuorumRejectedWrites => n(runs.cap?.quorum.as_ref()?.rejected_writes),
        }
    }
}

impl Prediction {
    /// The choice that holds `value` (the first, if ranges overlap).
    pub fn answer(&self, value: f64) -> Option<usize> {
        self.choices.iter().position(|c| c.holds(value))
    }
}

impl LessonSet {
    /// A set from its JSON, or why it cannot be read.
    pub fn read(text: &str) -> Result<LessonSet, String> {
        let set: LessonSet = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if set.version != VERSION {
            return Err(format!("version {} (this build reads {VERSION})", set.version));
        }
        for lesson in &set.lessons {
            if set.lessons.iter().filter(|l| l.id == lesson.id).count() > 1 {
                return Err(format!("two lessons are named {:?}", lesson.id));
            }
            for (i, step) in lesson.steps.iter().enumerate() {
                let at = || format!("{} step {}", lesson.id, i + 1);
                if let Some(p) = &step.point {
                    if p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                        return Err(format!("{}: the control {p:?} is not a test id", at()));
                    }
                }
                if step.predict.as_ref().is_some_and(|p| p.choices.len() < 2) {
                    return Err(format!("{}: a prediction needs two choices or more", at()));
                }
            }
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::etl::{EtlReport, LoadReport, MergeCounts};

    #[test]
    fn a_prediction_is_answered_by_the_run() {
        let p = Prediction {
            question: Text {
                vi: "?".into(),
                en: "?".into(),
            },
            measure: Measure::MergeChanged,
            choices: vec![
                Choice {
                    text: Text {
                        vi: "0".into(),
                        en: "0".into(),
                    },
                    min: None,
                    max: Some(0.0),
                },
                Choice {
                    text: Text {
                        vi: "1+".into(),
                        en: "1+".into(),
                    },
                    min: Some(1.0),
                    max: None,
                },
            ],
        };
        assert_eq!(p.measure.of(Runs::default()), None, "no run, no value");
        let mut run = EtlReport {
            load: Some(LoadReport {
                version: 2,
                tables: vec![MergeCounts {
                    table: "fact_sales".into(),
                    key: vec![],
                    staged: 10,
                    inserted: 0,
                    updated: 0,
                    unchanged: 10,
                    rows_after: 10,
                }],
            }),
            ..EtlReport::default()
        };
        let value = p.measure.of(Runs {
            etl: Some(&run),
            ..Runs::default()
        });
        assert_eq!(value.and_then(|v| p.answer(v)), Some(0));
        run.load.as_mut().unwrap().tables[0].updated = 3;
        let value = p.measure.of(Runs {
            etl: Some(&run),
            ..Runs::default()
        });
        assert_eq!(value.and_then(|v| p.answer(v)), Some(1));
    }

    #[test]
    fn a_set_with_a_bad_control_or_a_lone_choice_is_refused() {
        let step = |point: &str| {
            serde_json::json!({
                "title": {"vi": "a", "en": "a"}, "explain": {"vi": "a", "en": "a"}, "task": {"vi": "a", "en": "a"},
                "page": "etl", "point": point, "done": {"kind": "etl", "holds": {"rule": "loaded"}}
            })
        };
        let set = |steps: Vec<serde_json::Value>| {
            serde_json::json!({"version": 1, "lessons": [{
                "id": "etl", "concept": "etl", "title": {"vi": "a", "en": "a"}, "intro": {"vi": "a", "en": "a"},
                "start": {"link": "#/etl"}, "steps": steps
            }]})
            .to_string()
        };
        assert!(LessonSet::read(&set(vec![step("etl-run")])).is_ok());
        let bad = LessonSet::read(&set(vec![step("x\"] body { color: red } [a=\"")])).unwrap_err();
        assert!(bad.contains("etl step 1"), "{bad}");
        let mut lone = step("etl-run");
        lone["predict"] = serde_json::json!({"question": {"vi": "?", "en": "?"}, "measure": {"of": "etl_loaded"},
            "choices": [{"text": {"vi": "a", "en": "a"}}]});
        assert!(LessonSet::read(&set(vec![lone])).unwrap_err().contains("two choices"));
        assert!(LessonSet::read("{\"version\": 2, \"lessons\": []}")
            .unwrap_err()
            .contains("version 2"));
    }
}
