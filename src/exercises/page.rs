//! The exercises page: the set (built in, or a trainer's), each exercise
//! with its concept, whether it is solved and a Start; loading another set;
//! the learner's answers exported.

use dataplay_api::exercise::{Concept, Exercise, Text};
use yew::prelude::*;

use super::Exercises;
use crate::components::start_guard::use_start_guard;
use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Files in the lake now: an exercise that sets up its own lake asks
    /// before it replaces them.
    pub lake_files: usize,
}

#[function_component(ExercisesPage)]
pub fn exercises_page(props: &Props) -> Html {
    let i18n = use_i18n();
    let ex = use_context::<Exercises>();
    let guard = use_start_guard(
        ex.as_ref().map(|e| e.start.clone()).unwrap_or_default(),
        props.lake_files,
    );
    let Some(ex) = ex else {
        return Html::default();
    };
    let text = |t: &Text| super::words::pick(&i18n, t);
    let on_file = {
        let load = ex.load.clone();
        Callback::from(move |e: Event| {
            if let Some(f) = crate::dom::take_files(&e).into_iter().next() {
                load.emit(f);
            }
        })
    };
    let card = |e: &Exercise| {
        let attempt = ex.attempts.get(&e.id).cloned().unwrap_or_default();
        let start = guard.start(&e.id, e.start.lake.is_some());
        html! {
            <li class="exercise" data-testid={format!("exercise-{}", e.id)} data-solved={attempt.solved.to_string()}>
                <strong>{ text(&e.title) }</strong>
                if attempt.solved { { " ✓ " }<span class="muted">{ i18n.t("ex-solved") }</span> }
                <p>{ text(&e.task) }</p>
                { guard.ask(&i18n, &e.id, "ex-replace-lake", "exercise") }
                <p>
                    <button class="primary" onclick={start} data-testid="exercise-start">{ i18n.t("ex-start") }</button>{ " " }
                    if attempt.tries > 0 {
                        <span class="muted">{ i18n.t_with("ex-tries", &Args::new().text("count", i18n.count(attempt.tries as f64))) }</span>
                    }
                </p>
            </li>
        }
    };
    let concepts = [
        (Concept::Etl, "ex-concept-etl"),
        (Concept::Lake, "ex-concept-lake"),
        (Concept::Cap, "ex-concept-cap"),
    ];
    html! {
        <section class="exercises" data-testid="exercises-page">
            <h1>{ i18n.t("ex-title") }</h1>
            <p class="muted">{ i18n.t("ex-intro") }</p>
            <p>
                <label class="button">{ i18n.t("ex-load") }
                    <input type="file" accept=".json,application/json" data-testid="exercises-file" onchange={on_file} />
                </label>{ " " }
                <button onclick={ex.export.reform(|_: MouseEvent| ())} data-testid="exercises-export">{ i18n.t("ex-export") }</button>
            </p>
            if let Some((source, why)) = &ex.problem {
                <p class="cap-error" role="alert" data-testid="exercises-problem">
                    { i18n.t_with("ex-set-unreadable", &Args::new().text("source", source.clone()).text("why", why.clone())) }
                </p>
            }
            if let Some(set) = &ex.set {
                <h2 data-testid="exercises-set">{ text(&set.title) }</h2>
                { for concepts.iter().map(|(c, title)| html! {
                    <>
                        <h3>{ i18n.t(title) }</h3>
                        <ul class="exercise-list">{ for set.exercises.iter().filter(|e| e.concept == *c).map(card) }</ul>
                    </>
                }) }
            } else if ex.problem.is_none() {
                <p class="muted">{ i18n.t("ex-loading") }</p>
            }
        </section>
    }
}
