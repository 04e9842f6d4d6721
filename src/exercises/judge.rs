//! Judging an exercise's answer from what the page holds: a predicate on
//! the last ETL run, lake query or CAP simulation is judged at once; a
//! table is sent to the engine (it holds the table). What a learner has
//! done so far (tries, solved) is kept per exercise. Plain Rust, tested
//! natively.

pub use dataplay_api::exercise::Runs;
use dataplay_api::exercise::{Check, TableFingerprint, TableVerdict, Unmet};
use serde::{Deserialize, Serialize};

pub enum Judged {
    Now(Feedback),
    /// Ask the engine to compare `dataset` with `expected`.
    Table {
        dataset: String,
        expected: TableFingerprint,
    },
}

/// What the learner is told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Feedback {
    Solved,
    Checking,
    Unmet { why: Unmet },
    Table { verdict: TableVerdict },
}

impl Feedback {
    pub fn solved(&self) -> bool {
        matches!(self, Feedback::Solved)
    }

    /// The engine's verdict on a table.
    pub fn of_table(verdict: TableVerdict) -> Feedback {
        match verdict {
            TableVerdict::Same => Feedback::Solved,
            verdict => Feedback::Table { verdict },
        }
    }

    fn of(result: Result<(), Unmet>) -> Feedback {
        match result {
            Ok(()) => Feedback::Solved,
            Err(why) => Feedback::Unmet { why },
        }
    }
}

pub fn judge(check: &Check, runs: Runs) -> Judged {
    Judged::Now(Feedback::of(match check {
        Check::Table { dataset, expected } => {
            return Judged::Table {
                dataset: dataset.clone(),
                expected: expected.clone(),
            }
        }
        Check::Etl { holds } => holds.judge(runs.etl),
        Check::Lake { holds } => holds.judge(runs.lake),
        Check::Cap { holds } => holds.judge(runs.cap),
    }))
}

/// One exercise's record: how many checks, whether one passed, the last
/// feedback. Exported as the learner's answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub tries: u32,
    pub solved: bool,
    #[serde(default)]
    pub last: Option<Feedback>,
}

impl Attempt {
    pub fn record(&mut self, feedback: &Feedback) {
        if *feedback == Feedback::Checking {
            return;
        }
        self.tries += 1;
        self.solved |= feedback.solved();
        self.last = Some(feedback.clone());
    }
}

#[cfg(test)]
mod tests {
    use dataplay_api::exercise::{EtlPredicate, LakePredicate};
    use dataplay_api::lake::{LakeView, TableScan};

    use super::*;

    #[test]
    fn a_predicate_is_judged_on_the_runs_since_the_start_and_a_table_goes_to_the_engine() {
        let skip = Check::Lake {
            holds: LakePredicate::SkipsFiles {
                table: "user_interactions".into(),
                at_least: 24,
            },
        };
        let Judged::Now(f) = judge(&skip, Runs::default()) else {
            panic!()
        };
        assert_eq!(f, Feedback::Unmet { why: Unmet::NoRun });
        let view = LakeView {
            scans: vec![TableScan {
                table: "user_interactions".into(),
                files_skipped: 24,
                ..TableScan::default()
            }],
            ..LakeView::default()
        };
        let Judged::Now(f) = judge(
            &skip,
            Runs {
                lake: Some(&view),
                ..Runs::default()
            },
        ) else {
            panic!()
        };
        assert!(f.solved());
        let etl = Check::Etl {
            holds: EtlPredicate::AllUnchanged,
        };
        assert!(matches!(
            judge(&etl, Runs::default()),
            Judged::Now(Feedback::Unmet { why: Unmet::NoRun })
        ));
        let table = Check::Table {
            dataset: "sql:lake".into(),
            expected: TableFingerprint {
                decimals: 6,
                columns: vec![],
                rows: 0,
                row_hashes: vec![],
            },
        };
        assert!(matches!(judge(&table, Runs::default()), Judged::Table { dataset, .. } if dataset == "sql:lake"));
    }

    #[test]
    fn an_attempt_counts_checks_and_stays_solved() {
        let mut a = Attempt::default();
        a.record(&Feedback::Checking);
        assert_eq!(a.tries, 0, "waiting for the engine is not a try");
        a.record(&Feedback::Unmet { why: Unmet::NoRun });
        a.record(&Feedback::of_table(TableVerdict::Same));
        a.record(&Feedback::Unmet {
            why: Unmet::NoStaleRead,
        });
        assert_eq!((a.tries, a.solved), (3, true));
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Attempt>(&json).unwrap(), a);
    }
}
