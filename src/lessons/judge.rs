//! Whether a lesson's step is done, from what the page holds: the tables
//! loaded, the link of the page shown, and the runs since the step began
//! (or since the learner's guess). Plain Rust, tested natively.

use dataplay_api::exercise::{Runs, Unmet};
use dataplay_api::lesson::{Done, Step};

use super::book::Guess;
use crate::link;
use crate::route::Route;

/// What of the page a step is judged on besides the runs.
pub struct Page<'a> {
    pub tables: Vec<&'a str>,
    /// The location's hash (`#/etl?v=1&stage=…`).
    pub hash: &'a str,
}

pub fn holds(done: &Done, page: &Page, runs: Runs) -> Result<(), Unmet> {
    match done {
        Done::Loaded { table } => {
            if page.tables.contains(&table.as_str()) {
                Ok(())
            } else {
                Err(Unmet::NotLoaded { table: table.clone() })
            }
        }
        Done::Shows { page: on, param, value } => {
            let here = Route::from_hash(page.hash) == Route::from_hash(&format!("#/{on}"));
            // A list (`open=raw/a,raw/b`) shows each of its values.
            let shown = link::get(&link::query(page.hash), param)
                .is_some_and(|v| v == *value || v.split(',').any(|part| part == value));
            if here && shown {
                Ok(())
            } else {
                Err(Unmet::NotShown)
            }
        }
        Done::Etl { holds } => holds.judge(runs.etl),
        Done::Lake { holds } => holds.judge(runs.lake),
        Done::Cap { holds } => holds.judge(runs.cap),
    }
}

/// Where the open step stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// The step asks for a prediction first.
    Predict,
    /// Not done yet, and why.
    Waiting(Unmet),
    /// Done now: what the run says of the prediction (the choice that
    /// held, the value), to be recorded.
    Holds { answer: Option<usize>, value: Option<f64> },
    /// Done (or skipped) before.
    Passed,
}

/// `passed`: the step was done or skipped before; `guess`: the learner's.
pub fn status(step: &Step, passed: bool, guess: Option<&Guess>, page: &Page, runs: Runs) -> Status {
    if passed {
        return Status::Passed;
    }
    if step.predict.is_some() && guess.is_none() {
        return Status::Predict;
    }
    match holds(&step.done, page, runs) {
        Err(why) => Status::Waiting(why),
        Ok(()) => {
            let value = step.predict.as_ref().and_then(|p| p.measure.of(runs));
            if step.predict.is_some() && value.is_none() {
                // Not the run the prediction reads: its outcome is not known yet.
                return Status::Waiting(Unmet::NoRun);
            }
            let answer = step.predict.as_ref().zip(value).and_then(|(p, v)| p.answer(v));
            Status::Holds { answer, value }
        }
    }
}

#[cfg(test)]
mod tests {
    use dataplay_api::etl::{EtlReport, LoadReport, MergeCounts};
    use dataplay_api::exercise::EtlPredicate;

    use super::*;

    fn step(json: serde_json::Value) -> Step {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_step_is_done_by_the_state_not_by_clicking() {
        let shows = step(serde_json::json!({
            "title": {"vi": "", "en": ""}, "explain": {"vi": "", "en": ""}, "task": {"vi": "", "en": ""},
            "page": "etl", "done": {"kind": "shows", "page": "etl", "param": "stage", "value": "etl:dropped_rows"}
        }));
        let page = |hash| Page {
            tables: vec!["transactions"],
            hash,
        };
        let none = Runs::default();
        assert_eq!(
            status(&shows, false, None, &page("#/etl?v=1"), none),
            Status::Waiting(Unmet::NotShown)
        );
        assert_eq!(
            status(&shows, false, None, &page("#/lake?stage=etl%3Adropped_rows"), none),
            Status::Waiting(Unmet::NotShown),
            "another page's parameter is not this one"
        );
        assert_eq!(
            status(&shows, false, None, &page("#/etl?v=1&stage=etl%3Adropped_rows"), none),
            Status::Holds {
                answer: None,
                value: None
            }
        );
        assert_eq!(status(&shows, true, None, &page("#/etl"), none), Status::Passed);
        let open = Done::Shows {
            page: "lake".into(),
            param: "open".into(),
            value: "raw/user_interactions".into(),
        };
        assert!(holds(
            &open,
            &page("#/lake?open=raw%2Fvideo_metadata,raw%2Fuser_interactions"),
            none
        )
        .is_ok());
        assert!(holds(&open, &page("#/lake?open=raw%2Fuser_interactions_old"), none).is_err());
        let loaded = Done::Loaded {
            table: "products".into(),
        };
        assert!(holds(&loaded, &page("#/etl"), none).is_err());
    }

    #[test]
    fn a_prediction_comes_first_and_the_run_answers_it() {
        let again = step(serde_json::json!({
            "title": {"vi": "", "en": ""}, "explain": {"vi": "", "en": ""}, "task": {"vi": "", "en": ""},
            "page": "etl", "done": {"kind": "etl", "holds": {"rule": "all_unchanged"}},
            "predict": {"question": {"vi": "", "en": ""}, "measure": {"of": "merge_changed"}, "choices": [
                {"text": {"vi": "", "en": "none"}, "max": 0}, {"text": {"vi": "", "en": "some"}, "min": 1}
            ]}
        }));
        let page = Page {
            tables: vec![],
            hash: "#/etl",
        };
        assert_eq!(status(&again, false, None, &page, Runs::default()), Status::Predict);
        let guess = Guess {
            choice: 1,
            ..Guess::default()
        };
        assert_eq!(
            status(&again, false, Some(&guess), &page, Runs::default()),
            Status::Waiting(Unmet::NoRun)
        );
        let run = EtlReport {
            load: Some(LoadReport {
                version: 3,
                tables: vec![MergeCounts {
                    table: "fact_sales".into(),
                    key: vec![],
                    staged: 5,
                    inserted: 0,
                    updated: 0,
                    unchanged: 5,
                    rows_after: 5,
                }],
            }),
            ..EtlReport::default()
        };
        let runs = Runs {
            etl: Some(&run),
            ..Runs::default()
        };
        assert_eq!(
            status(&again, false, Some(&guess), &page, runs),
            Status::Holds {
                answer: Some(0),
                value: Some(0.0)
            }
        );
        assert!(EtlPredicate::Loaded.judge(Some(&run)).is_ok());
    }
}
