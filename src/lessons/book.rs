//! The learner's lessons, as a reducer: the lesson and step open, and per
//! lesson the step reached, the steps done or skipped, and each prediction
//! with who was right. Plain Rust, tested natively; kept in the browser as
//! JSON (a lesson is resumed where it was left).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Reducible;

/// A prediction: the choice picked, and once the run is in, the choice
/// that held and the value that decided it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Guess {
    pub choice: usize,
    #[serde(default)]
    pub answer: Option<usize>,
    #[serde(default)]
    pub value: Option<f64>,
}

impl Guess {
    /// `None` until the outcome is known.
    pub fn right(&self) -> Option<bool> {
        self.answer.map(|a| a == self.choice)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The step reached (0-based).
    pub step: usize,
    pub done: BTreeSet<usize>,
    /// Skipped by a trainer (passed, not done).
    pub skipped: BTreeSet<usize>,
    pub guesses: BTreeMap<usize, Guess>,
}

impl Progress {
    /// Done or skipped: Next may go on.
    pub fn passed(&self, step: usize) -> bool {
        self.done.contains(&step) || self.skipped.contains(&step)
    }

    /// (right, made) over the predictions whose outcome is known.
    pub fn score(&self) -> (usize, usize) {
        let known: Vec<bool> = self.guesses.values().filter_map(Guess::right).collect();
        (known.iter().filter(|r| **r).count(), known.len())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Book {
    /// The lesson open, by id.
    pub open: Option<String>,
    pub progress: BTreeMap<String, Progress>,
}

pub enum Turn {
    /// Open a lesson where it was left, or at `step` (a link's); `steps`:
    /// how many it has.
    Open {
        lesson: String,
        step: Option<usize>,
        steps: usize,
    },
    /// Open a lesson from its first step, its progress forgotten.
    Restart {
        lesson: String,
    },
    /// Pick a choice of the open step's prediction (until its outcome is in).
    Guess {
        choice: usize,
    },
    /// Step `step` of `lesson` holds: what the run said of the prediction
    /// (ignored unless it is the step open: a link may have moved on).
    Done {
        lesson: String,
        step: usize,
        answer: Option<usize>,
        value: Option<f64>,
    },
    /// A trainer passes the open step.
    Skip,
    /// To the next step, once this one is passed.
    Next {
        steps: usize,
    },
    Back,
    Close,
}

impl Book {
    /// The lesson open and its step.
    pub fn at(&self) -> Option<(String, usize)> {
        let id = self.open.as_ref()?;
        Some((id.clone(), self.progress.get(id).map_or(0, |p| p.step)))
    }

    pub fn of(&self, lesson: &str) -> Progress {
        self.progress.get(lesson).cloned().unwrap_or_default()
    }

    pub fn apply(&mut self, turn: Turn) {
        if let Turn::Open { lesson, step, steps } = turn {
            let p = self.progress.entry(lesson.clone()).or_default();
            p.step = step.unwrap_or(p.step).min(steps.saturating_sub(1));
            self.open = Some(lesson);
            return;
        }
        if let Turn::Restart { lesson } = turn {
            self.progress.insert(lesson.clone(), Progress::default());
            self.open = Some(lesson);
            return;
        }
        if let Turn::Close = turn {
            self.open = None;
            return;
        }
        let open = self.open.clone();
        let Some(p) = open.as_ref().and_then(|id| self.progress.get_mut(id)) else {
            return;
        };
        let step = p.step;
        if let Turn::Done { lesson, step: done, .. } = &turn {
            if open.as_ref() != Some(lesson) || *done != step {
                return;
            }
        }
        match turn {
            Turn::Guess { choice } => {
                if !p.passed(step) && p.guesses.get(&step).is_none_or(|g| g.answer.is_none()) {
                    p.guesses.insert(
                        step,
                        Guess {
                            choice,
                            ..Guess::default()
                        },
                    );
                }
            }
            Turn::Done { answer, value, .. } => {
                if p.done.insert(step) {
                    if let Some(g) = p.guesses.get_mut(&step) {
                        g.answer = answer;
                        g.value = value;
                    }
                }
            }
            Turn::Skip => {
                if !p.done.contains(&step) {
                    p.skipped.insert(step);
                }
            }
            Turn::Next { steps } => {
                if p.passed(step) && step.saturating_add(1) < steps {
                    p.step += 1;
                }
            }
            Turn::Back => p.step = step.saturating_sub(1),
            Turn::Open { .. } | Turn::Restart { .. } | Turn::Close => {}
        }
    }

    /// The progress as the browser keeps it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.progress).unwrap_or_default()
    }

    /// Progress read back from the browser (unreadable: none).
    pub fn from_json(json: Option<&str>) -> BTreeMap<String, Progress> {
        json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
    }
}

impl Reducible for Book {
    type Action = Turn;

    fn reduce(self: Rc<Self>, turn: Turn) -> Rc<Self> {
        let mut book = (*self).clone();
        book.apply(turn);
        Rc::new(book)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The open step holds.
    fn done(book: &mut Book, answer: Option<usize>, value: Option<f64>) {
        let (lesson, step) = book.at().unwrap();
        book.apply(Turn::Done {
            lesson,
            step,
            answer,
            value,
        });
    }

    #[test]
    fn a_step_done_after_the_lesson_moved_on_is_not_recorded() {
        let mut book = Book::default();
        open(&mut book);
        book.apply(Turn::Done {
            lesson: "etl".into(),
            step: 2,
            answer: None,
            value: None,
        });
        assert!(book.of("etl").done.is_empty(), "step 3 is not the one open");
    }

    fn open(book: &mut Book) {
        book.apply(Turn::Open {
            lesson: "etl".into(),
            step: None,
            steps: 3,
        });
    }

    #[test]
    fn next_waits_for_the_step_to_be_done_or_skipped() {
        let mut book = Book::default();
        open(&mut book);
        assert_eq!(book.at(), Some(("etl".into(), 0)));
        book.apply(Turn::Next { steps: 3 });
        assert_eq!(
            book.at(),
            Some(("etl".into(), 0)),
            "not done: Next alone does not pass it"
        );
        done(&mut book, None, None);
        book.apply(Turn::Next { steps: 3 });
        assert_eq!(book.at(), Some(("etl".into(), 1)));
        book.apply(Turn::Skip);
        book.apply(Turn::Next { steps: 3 });
        done(&mut book, None, None);
        book.apply(Turn::Next { steps: 3 });
        assert_eq!(book.at(), Some(("etl".into(), 2)), "no step past the last");
        let p = book.of("etl");
        assert_eq!((p.done.len(), p.skipped.len()), (2, 1));
        book.apply(Turn::Back);
        book.apply(Turn::Back);
        book.apply(Turn::Back);
        assert_eq!(book.at(), Some(("etl".into(), 0)));
    }

    #[test]
    fn a_guess_is_kept_with_the_outcome_and_cannot_change_after_it() {
        let mut book = Book::default();
        open(&mut book);
        book.apply(Turn::Guess { choice: 2 });
        book.apply(Turn::Guess { choice: 0 });
        done(&mut book, Some(1), Some(72.0));
        book.apply(Turn::Guess { choice: 1 });
        let g = &book.of("etl").guesses[&0];
        assert_eq!((g.choice, g.answer, g.right()), (0, Some(1), Some(false)));
        assert_eq!(book.of("etl").score(), (0, 1));
    }

    #[test]
    fn progress_is_resumed_from_the_browser_and_a_link_opens_its_step() {
        let mut book = Book::default();
        open(&mut book);
        done(&mut book, None, None);
        book.apply(Turn::Next { steps: 3 });
        book.apply(Turn::Close);
        assert_eq!(book.at(), None);
        let mut again = Book {
            progress: Book::from_json(Some(&book.to_json())),
            ..Book::default()
        };
        open(&mut again);
        assert_eq!(again.at(), Some(("etl".into(), 1)), "resumed where it was left");
        again.apply(Turn::Open {
            lesson: "etl".into(),
            step: Some(9),
            steps: 3,
        });
        assert_eq!(again.at(), Some(("etl".into(), 2)), "a step past the end is the last");
        again.apply(Turn::Restart { lesson: "etl".into() });
        assert_eq!((again.at(), again.of("etl").done.len()), (Some(("etl".into(), 0)), 0));
        assert!(Book::from_json(Some("{not json")).is_empty());
    }
}
