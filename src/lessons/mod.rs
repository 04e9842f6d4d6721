//! Guided lessons: the built-in set (`lessons/builtin.json`, one lesson per
//! concept of the course), the lesson and step open (`?lesson=ID&step=N`,
//! so a reload or a trainer's link keeps it), each step judged on the
//! page's state, predictions recorded with who was right, and the
//! progress kept in the browser. `book` and `judge` are the plain parts;
//! the panel and the page show them.

mod book;
mod judge;
pub mod page;
pub mod panel;
mod predict;

use std::rc::Rc;

use dataplay_api::lesson::{Lesson, LessonSet};
use yew::prelude::*;

use crate::actions::EngineActions;
use crate::dom;
use crate::exercises::{set_up, use_fetched};
use crate::route::Route;
use crate::state::AppState;
pub use book::{Book, Turn};
pub use judge::Status;

const BUILT_IN: &str = "lessons/builtin.json";
/// The browser's key for the learner's progress.
const PROGRESS: &str = "dataplay-lessons";

/// What the page sees of the lessons (a context).
#[derive(Clone, PartialEq)]
pub struct Lessons {
    pub set: Option<Rc<LessonSet>>,
    pub problem: Option<(String, String)>,
    pub book: Rc<Book>,
    /// The lesson open, its step's number and the step.
    pub open: Option<(Rc<Lesson>, usize)>,
    pub status: Option<Status>,
    pub turn: Callback<Turn>,
    /// Start a lesson afresh (its starting state, its first step), by id.
    pub start: Callback<String>,
    /// Counts starts: the page is drawn afresh from the lesson's link.
    pub starts: u32,
}

fn lesson(set: Option<&LessonSet>, id: &str) -> Option<Rc<Lesson>> {
    set?.lessons.iter().find(|l| l.id == id).cloned().map(Rc::new)
}

/// `shown`: the lessons page is open (the set is fetched the first time it
/// is shown or a lesson is open).
#[hook]
pub fn use_lessons(state: &UseReducerHandle<AppState>, actions: &EngineActions, shown: bool) -> Lessons {
    // A step may be done by what a page writes into its link (the table
    // shown, the datasets unfolded): follow the link as it is replaced.
    // Only while a lesson is open: otherwise a page's link is no one's
    // business here, and the whole app is not drawn again for it.
    let book = use_reducer(|| Book {
        open: dom::search_param("lesson").filter(|s| !s.is_empty()),
        progress: Book::from_json(dom::remembered(PROGRESS).as_deref()),
    });
    let following = use_mut_ref(|| false);
    *following.borrow_mut() = book.open.is_some();
    {
        let (redraw, following) = (use_force_update(), following.clone());
        use_effect_with((), move |_| {
            let listener = dom::on_link_replaced(move || {
                if *following.borrow() {
                    redraw.force_update()
                }
            });
            move || drop(listener)
        });
    }
    let hash = dom::location_hash();
    let (set, problem) = use_fetched(shown || book.open.is_some(), BUILT_IN.to_string(), LessonSet::read);
    let starts = use_state(|| 0u32);
    // The runs as they were when the open step began (or its guess was
    // made): only what came after counts for it.
    let since = use_mut_ref(|| (None::<(String, usize)>, state.runs));
    let at = book.at();
    let open = at
        .as_ref()
        .and_then(|(id, n)| Some((lesson(set.as_deref(), id)?, *n)))
        .filter(|(l, n)| *n < l.steps.len());
    if since.borrow().0 != at {
        *since.borrow_mut() = (at.clone(), state.runs);
    }
    // A link's step (`?step=3`) once the set is in.
    {
        let (book, set) = (book.dispatcher(), set.clone());
        use_effect_with(set.is_some(), move |_| {
            let Some(id) = dom::search_param("lesson") else { return };
            let Some(l) = lesson(set.as_deref(), &id) else { return };
            let step = dom::search_param("step").and_then(|s| s.parse::<usize>().ok());
            book.dispatch(Turn::Open {
                lesson: id,
                step: step.map(|s| s.saturating_sub(1)),
                steps: l.steps.len(),
            });
        });
    }
    let status = open.as_ref().map(|(l, n)| {
        let step = &l.steps[*n];
        let progress = book.of(&l.id);
        let page = judge::Page {
            tables: state.data.datasets.iter().map(|d| d.name.as_str()).collect(),
            hash: &hash,
        };
        let runs = since.borrow().1.since(state);
        judge::status(step, progress.passed(*n), progress.guesses.get(n), &page, runs)
    });
    use_keeping(&book, open.as_ref());
    // Record a step as done once its state holds.
    {
        let dispatch = book.dispatcher();
        let at = open.as_ref().map(|(l, n)| (l.id.clone(), *n));
        use_effect_with((status.clone(), at), move |(status, at)| {
            if let (Some(Status::Holds { answer, value }), Some((lesson, step))) = (status, at) {
                dispatch.dispatch(Turn::Done {
                    lesson: lesson.clone(),
                    step: *step,
                    answer: *answer,
                    value: *value,
                });
            }
        });
    }
    let turn = {
        let (dispatch, since, state) = (book.dispatcher(), since.clone(), state.clone());
        Callback::from(move |t: Turn| {
            if matches!(t, Turn::Guess { .. }) {
                since.borrow_mut().1 = state.runs;
            }
            dispatch.dispatch(t)
        })
    };
    let start = {
        let (dispatch, set, actions, starts) = (book.dispatcher(), set.clone(), actions.clone(), starts.clone());
        let since = since.clone();
        Callback::from(move |id: String| {
            let Some(l) = lesson(set.as_deref(), &id) else { return };
            // Starting over at the step open: the next render counts afresh.
            since.borrow_mut().0 = None;
            set_up(&actions, &l.start);
            dispatch.dispatch(Turn::Restart { lesson: id });
            starts.set(*starts + 1);
        })
    };
    Lessons {
        set: (*set).clone(),
        problem: (*problem).clone(),
        book: Rc::new((*book).clone()),
        open,
        status,
        turn,
        start,
        starts: *starts,
    }
}

/// Keep the progress in the browser, the lesson and step in the link, and
/// the page of the step shown.
#[hook]
fn use_keeping(book: &UseReducerHandle<Book>, open: Option<&(Rc<Lesson>, usize)>) {
    {
        let json = book.to_json();
        use_effect_with(json, |json| dom::remember(PROGRESS, json));
    }
    let at = open.map(|(l, n)| (l.id.clone(), *n, l.steps[*n].page.clone()));
    let was = use_mut_ref(|| None::<(String, usize)>);
    use_effect_with(at, move |at| {
        let Some((id, n, page)) = at else {
            if was.borrow_mut().take().is_some() {
                dom::remove_search_param("lesson");
                dom::remove_search_param("step");
            }
            return;
        };
        dom::replace_search_param("lesson", id);
        dom::replace_search_param("step", &(n + 1).to_string());
        *was.borrow_mut() = Some((id.clone(), *n));
        let route = Route::from_hash(&format!("#/{page}"));
        if Route::from_hash(&dom::location_hash()) != route {
            dom::set_location_hash(&route.link());
        }
    });
}

#[cfg(test)]
mod tests {
    use dataplay_api::exercise::Concept;
    use dataplay_api::lesson::LessonSet;

    /// Controls named by a test id the page formats (`glue-<job>`, …).
    const FORMATTED: [&str; 3] = ["glue-", "cp-node-", "check-threshold-"];

    #[test]
    fn the_built_in_lessons_cover_each_concept_and_point_at_real_controls() {
        let root = env!("CARGO_MANIFEST_DIR");
        let text = std::fs::read_to_string(format!("{root}/static/lessons/builtin.json")).unwrap();
        let set = LessonSet::read(&text).unwrap();
        let concepts: Vec<Concept> = set.lessons.iter().map(|l| l.concept).collect();
        assert_eq!(concepts, [Concept::Etl, Concept::Lake, Concept::Cap]);
        let mut source = String::new();
        for dir in [
            "src/pages",
            "src/components",
            "src/pages/etl",
            "src/pages/lake",
            "src/pages/cap",
            "src/pages/data",
        ] {
            for e in std::fs::read_dir(format!("{root}/{dir}")).unwrap().flatten() {
                if e.path().extension().is_some_and(|x| x == "rs") {
                    source += &std::fs::read_to_string(e.path()).unwrap();
                }
            }
        }
        for l in &set.lessons {
            assert!((8..=12).contains(&l.steps.len()), "{}: {} steps", l.id, l.steps.len());
            assert!(
                l.steps.iter().filter(|s| s.predict.is_some()).count() >= 2,
                "{}: predictions",
                l.id
            );
            for (i, s) in l.steps.iter().enumerate() {
                for t in [&s.title, &s.explain, &s.task] {
                    assert!(
                        !t.vi.trim().is_empty() && !t.en.trim().is_empty(),
                        "{} step {}",
                        l.id,
                        i + 1
                    );
                }
                if let Some(p) = &s.point {
                    let literal = source.contains(&format!("testid=\"{p}\""));
                    assert!(
                        literal || FORMATTED.iter().any(|f| p.starts_with(f)),
                        "{} step {}: no control {p}",
                        l.id,
                        i + 1
                    );
                }
            }
        }
    }
}
