//! The lesson open, on every page: the step's idea, its prediction, what
//! to do (the control it is about outlined in the page and scrolled to),
//! whether the page's state shows it done, and Back / Next (also `b` / `n`
//! and a presenter's clicker keys, PageUp / PageDown). A trainer (presenter
//! mode, or `?trainer=1`) may skip a step.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::predict::PredictBlock;
use super::{Lessons, Status, Turn};
use crate::dom;
use crate::exercises::words::{pick, unmet};
use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Presenter mode is on (a trainer at the projector).
    pub present: bool,
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &Props) -> Html {
    let i18n = use_i18n();
    let ls = use_context::<Lessons>();
    let open = ls.as_ref().and_then(|l| l.open.clone());
    let steps = open.as_ref().map_or(0, |(l, _)| l.steps.len());
    // The keys are the lesson's only while one is open.
    use_keys(ls.as_ref().filter(|l| l.open.is_some()).map(|l| l.turn.clone()), steps);
    let scrolled = use_mut_ref(|| None::<(String, usize)>);
    let (Some(ls), Some((lesson, n))) = (ls, open) else {
        return Html::default();
    };
    let step = &lesson.steps[n];
    let progress = ls.book.of(&lesson.id);
    let passed = progress.passed(n) || matches!(ls.status, Some(Status::Holds { .. }));
    let guess = progress.guesses.get(&n).cloned();
    let show_task = step.predict.is_none() || guess.is_some();
    let point = step.point.clone().filter(|_| show_task && !passed);
    if let Some(p) = &point {
        let at = Some((lesson.id.clone(), n));
        if *scrolled.borrow() != at && dom::scroll_to(p) {
            *scrolled.borrow_mut() = at;
        }
    }
    let trainer = props.present || dom::search_param("trainer").as_deref() == Some("1");
    let turn = |t: fn(usize) -> Turn| ls.turn.reform(move |_: MouseEvent| t(steps));
    let status = match &ls.status {
        Some(Status::Waiting(why)) if show_task => {
            html! { <p class="muted" data-testid="lesson-waiting">{ i18n.t("lesson-not-yet") }{ " " }{ unmet(&i18n, why) }</p> }
        }
        _ if progress.skipped.contains(&n) => {
            html! { <p class="muted" data-testid="lesson-skipped">{ i18n.t("lesson-skipped") }</p> }
        }
        _ if passed => html! {
            <p class="lesson-done" role="status" data-testid="lesson-done">
                <strong>{ i18n.t("lesson-step-done") }</strong>{ " " }{ for step.reveal.as_ref().map(|r| pick(&i18n, r)) }
            </p>
        },
        _ => Html::default(),
    };
    let last = n + 1 == steps;
    html! {
        <aside class="lesson-panel" aria-label={i18n.t("lesson-title")} data-testid="lesson-panel"
            data-lesson={lesson.id.clone()} data-step={(n + 1).to_string()} data-passed={passed.to_string()}
            data-point={point.clone().unwrap_or_default()}>
            if let Some(p) = &point {
                <style>{ format!("[data-testid=\"{p}\"]{{outline:4px solid var(--lesson,#f59e0b);outline-offset:3px;box-shadow:0 0 0 8px rgb(245 158 11 / 35%)}}") }</style>
            }
            <p class="lesson-where">
                <strong>{ pick(&i18n, &lesson.title) }</strong>{ " · " }
                { i18n.t_with("lesson-step-of", &Args::new().text("step", (n + 1).to_string()).text("steps", steps.to_string())) }
                <span class="lesson-dots" aria-hidden="true">
                    { for (0..steps).map(|i| html! { <span class={classes!("dot", progress.passed(i).then_some("passed"), (i == n).then_some("here"))} /> }) }
                </span>
            </p>
            <h3>{ pick(&i18n, &step.title) }</h3>
            <p>{ pick(&i18n, &step.explain) }</p>
            if let Some(predict) = &step.predict {
                <PredictBlock predict={predict.clone()} guess={guess.clone()} on_guess={ls.turn.reform(|choice| Turn::Guess { choice })} />
            }
            if show_task {
                <p class="lesson-task" data-testid="lesson-task"><strong>{ i18n.t("lesson-do") }</strong>{ " " }{ pick(&i18n, &step.task) }</p>
            }
            { status }
            <p class="lesson-actions">
                <button onclick={turn(|_| Turn::Back)} disabled={n == 0} data-testid="lesson-back">{ i18n.t("lesson-back") }</button>
                if last {
                    <button class="primary" onclick={turn(|_| Turn::Close)} disabled={!passed} data-testid="lesson-finish">{ i18n.t("lesson-finish") }</button>
                } else {
                    <button class="primary" onclick={turn(|steps| Turn::Next { steps })} disabled={!passed} data-testid="lesson-next">{ i18n.t("lesson-next") }</button>
                }
                if trainer && !passed {
                    <button onclick={turn(|_| Turn::Skip)} data-testid="lesson-skip">{ i18n.t("lesson-skip") }</button>
                }
                <button class="link" onclick={turn(|_| Turn::Close)} data-testid="lesson-close">{ i18n.t("lesson-close") }</button>
            </p>
        </aside>
    }
}

/// `n` / PageDown: next step; `b` / PageUp: back (not while typing).
#[hook]
fn use_keys(turn: Option<Callback<Turn>>, steps: usize) {
    use_effect_with((turn.is_some(), steps), move |&(on, steps)| {
        let listener = on.then(|| {
            dom::on_keydown(move |e| {
                // A slider keeps PageUp/PageDown for itself.
                let slider = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| el.get_attribute("type").as_deref() == Some("range"));
                if e.ctrl_key() || e.alt_key() || e.meta_key() || dom::is_typing(&e) || slider {
                    return;
                }
                let t = match e.key().as_str() {
                    "n" | "N" | "PageDown" => Turn::Next { steps },
                    "b" | "B" | "PageUp" => Turn::Back,
                    _ => return,
                };
                e.prevent_default();
                if let Some(turn) = &turn {
                    turn.emit(t);
                }
            })
        });
        move || drop(listener)
    });
}
