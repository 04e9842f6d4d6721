//! Graded exercises: a set (the built-in one, or a trainer's from a file or
//! `?exercises=URL`), the exercise under way (`?exercise=ID`, so a reload or
//! a link keeps it), starting it (its samples, its lake, its page with the
//! parameters of its link) and checking the answer, and each exercise's
//! record, kept in the browser and exported as the learner's answers.
//! `judge` is the plain part; the bar and the page show it.

pub mod bar;
pub mod judge;
pub mod page;
pub mod words;

use std::collections::BTreeMap;
use std::rc::Rc;

use dataplay_api::exercise::{Exercise, ExerciseSet, Start};
use dataplay_api::lake::LakeAction;
use dataplay_api::Ask;
use wasm_bindgen_futures::spawn_local;
use web_sys::File;
use yew::prelude::*;

use crate::actions::EngineActions;
use crate::dom;
use crate::state::AppState;
use judge::{Attempt, Feedback, Judged};

/// Where the built-in set is (copied into the build by Trunk).
const BUILT_IN: &str = "exercises/builtin.json";
/// The browser's key for the learner's records.
const ANSWERS: &str = "dataplay-exercise-answers";

/// What the pages see of the exercises (a context).
#[derive(Clone, PartialEq)]
pub struct Exercises {
    pub set: Option<Rc<ExerciseSet>>,
    /// A set that could not be read: where from, and why.
    pub problem: Option<(String, String)>,
    /// The exercise under way.
    pub active: Option<Rc<Exercise>>,
    /// The feedback of its last check.
    pub feedback: Option<Feedback>,
    pub attempts: Rc<BTreeMap<String, Attempt>>,
    /// Start (or start again) an exercise, by id.
    pub start: Callback<String>,
    pub check: Callback<()>,
    pub close: Callback<()>,
    /// A trainer's set from a file.
    pub load: Callback<File>,
    /// Download the learner's records.
    pub export: Callback<()>,
    /// Counts starts: the page is drawn afresh from the exercise's link.
    pub starts: u32,
}

/// Where a set came from, and why it could not be read.
pub type Problem = (String, String);

/// Set up what `start` names: its samples, its lake, then its page.
pub fn set_up(actions: &EngineActions, start: &Start) {
    for spec in &start.samples {
        actions.load_sample.emit(*spec);
    }
    if let Some(lake) = &start.lake {
        actions.run_lake.emit(LakeAction::Prepare(lake.clone()));
    }
    dom::set_location_hash(&start.link);
}

/// A set fetched from `source` once `needed` (and read by `read`), or
/// where from and why it could not be.
#[hook]
pub fn use_fetched<T: 'static>(
    needed: bool,
    source: String,
    read: fn(&str) -> Result<T, String>,
) -> (UseStateHandle<Option<Rc<T>>>, UseStateHandle<Option<Problem>>) {
    let set = use_state(|| None::<Rc<T>>);
    let problem = use_state(|| None::<Problem>);
    let fetched = use_mut_ref(|| false);
    {
        let (set, problem) = (set.clone(), problem.clone());
        use_effect_with(needed, move |needed| {
            if !*needed || std::mem::replace(&mut *fetched.borrow_mut(), true) {
                return;
            }
            spawn_local(async move {
                let read = dom::fetch_text(&source).await.and_then(|text| read(&text));
                match read {
                    Ok(s) => set.set(Some(Rc::new(s))),
                    Err(why) => problem.set(Some((source, why))),
                }
            });
        });
    }
    (set, problem)
}

fn read_set(source: &str, text: &str) -> Result<ExerciseSet, (String, String)> {
    ExerciseSet::read(text).map_err(|why| (source.to_string(), why))
}

/// `shown`: the exercises page is open (the set is fetched the first time
/// it is shown or an exercise is under way, not at every start-up).
#[hook]
pub fn use_exercises(state: &UseReducerHandle<AppState>, actions: &EngineActions, shown: bool) -> Exercises {
    let active_id = use_state(|| dom::search_param("exercise").filter(|s| !s.is_empty()));
    let feedback = use_state(|| None::<Feedback>);
    let attempts = use_state(|| {
        Rc::new(
            dom::remembered(ANSWERS)
                .and_then(|j| serde_json::from_str::<BTreeMap<String, Attempt>>(&j).ok())
                .unwrap_or_default(),
        )
    });
    let before = use_mut_ref(|| state.runs);
    let starts = use_state(|| 0u32);
    let source = dom::search_param("exercises")
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| BUILT_IN.to_string());
    let (set, problem) = use_fetched(shown || active_id.is_some(), source, ExerciseSet::read);
    let active = set
        .as_ref()
        .zip(active_id.as_ref())
        .and_then(|(s, id)| s.exercises.iter().find(|e| &e.id == id).cloned().map(Rc::new));
    let record = {
        let attempts = attempts.clone();
        move |id: &str, f: &Feedback| {
            let mut all = (**attempts).clone();
            all.entry(id.to_string()).or_default().record(f);
            if let Ok(json) = serde_json::to_string(&all) {
                dom::remember(ANSWERS, &json);
            }
            attempts.set(Rc::new(all));
        }
    };
    // The engine's verdict on the table of the exercise under way.
    {
        let (feedback, record, active_id) = (feedback.clone(), record.clone(), active_id.clone());
        let graded = state.graded.clone();
        use_effect_with(state.runs.grades, move |_| {
            if let Some(g) = graded.as_deref() {
                if active_id.as_deref() == Some(g.0.as_str()) && *feedback == Some(Feedback::Checking) {
                    let f = Feedback::of_table(g.1.clone());
                    record(&g.0, &f);
                    feedback.set(Some(f));
                }
            }
        });
    }
    let start = {
        let (set, active_id, feedback, before, starts) = (
            set.clone(),
            active_id.clone(),
            feedback.clone(),
            before.clone(),
            starts.clone(),
        );
        let (actions, state) = (actions.clone(), state.clone());
        Callback::from(move |id: String| {
            let Some(ex) = set.as_ref().and_then(|s| s.exercises.iter().find(|e| e.id == id)) else {
                return;
            };
            *before.borrow_mut() = state.runs;
            dom::replace_search_param("exercise", &id);
            set_up(&actions, &ex.start);
            active_id.set(Some(id));
            feedback.set(None);
            starts.set(*starts + 1);
        })
    };
    let check = {
        let (active, feedback, before, state) = (active.clone(), feedback.clone(), before.clone(), state.clone());
        let actions = actions.clone();
        Callback::from(move |_| {
            let Some(ex) = active.as_ref() else { return };
            match judge::judge(&ex.check, before.borrow().since(&state)) {
                Judged::Now(f) => {
                    record(&ex.id, &f);
                    feedback.set(Some(f));
                }
                Judged::Table { dataset, expected } => {
                    feedback.set(Some(Feedback::Checking));
                    actions.send(Ask::Grade {
                        exercise: ex.id.clone(),
                        dataset,
                        expected,
                    });
                }
            }
        })
    };
    let close = {
        let (active_id, feedback) = (active_id.clone(), feedback.clone());
        Callback::from(move |_| {
            dom::remove_search_param("exercise");
            active_id.set(None);
            feedback.set(None);
        })
    };
    let load = {
        let (set, problem, active_id) = (set.clone(), problem.clone(), active_id.clone());
        Callback::from(move |file: File| {
            let (set, problem, active_id) = (set.clone(), problem.clone(), active_id.clone());
            spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
                match read_set(&file.name(), &text) {
                    Ok(s) => {
                        problem.set(None);
                        active_id.set(None);
                        set.set(Some(Rc::new(s)));
                    }
                    Err(p) => problem.set(Some(p)),
                }
            });
        })
    };
    let export = {
        let (attempts, set) = (attempts.clone(), set.clone());
        Callback::from(move |_| {
            let title = set.as_ref().map(|s| s.title.clone());
            let json = serde_json::json!({ "set": title, "answers": &**attempts });
            let text = serde_json::to_string_pretty(&json).unwrap_or_default();
            let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
            let _ = dom::download(&parts, "dataplay-answers.json", "application/json");
        })
    };
    Exercises {
        set: (*set).clone(),
        problem: (*problem).clone(),
        active,
        feedback: (*feedback).clone(),
        attempts: (*attempts).clone(),
        start,
        check,
        close,
        load,
        export,
        starts: *starts,
    }
}
