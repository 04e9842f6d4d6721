//! The exercise under way, on every page: its task, a hint, Check and
//! what the check found, start again, close.

use yew::prelude::*;

use super::{words, Exercises};
use crate::i18n::use_i18n;

#[function_component(ExerciseBar)]
pub fn exercise_bar() -> Html {
    let i18n = use_i18n();
    let Some(ex) = use_context::<Exercises>() else {
        return Html::default();
    };
    let Some(active) = ex.active.clone() else {
        return Html::default();
    };
    let text = |t: &dataplay_api::exercise::Text| words::pick(&i18n, t);
    let solved = ex.feedback.as_ref().is_some_and(|f| f.solved());
    let lines = ex
        .feedback
        .as_ref()
        .map(|f| words::feedback(&i18n, f))
        .unwrap_or_default();
    let restart = {
        let (start, id) = (ex.start.clone(), active.id.clone());
        Callback::from(move |_: MouseEvent| start.emit(id.clone()))
    };
    html! {
        <aside class="exercise-bar" data-testid="exercise-bar" data-exercise={active.id.clone()} aria-label={i18n.t("ex-title")}>
            <div class="exercise-task">
                <strong>{ text(&active.title) }</strong>{ " — " }{ text(&active.task) }
                if let Some(hint) = &active.hint {
                    <details><summary>{ i18n.t("ex-hint") }</summary>{ text(hint) }</details>
                }
            </div>
            <div class="exercise-actions">
                <button class="primary" onclick={ex.check.reform(|_: MouseEvent| ())} data-testid="exercise-check">{ i18n.t("ex-check") }</button>
                <button onclick={restart} data-testid="exercise-reset">{ i18n.t("ex-reset") }</button>
                <button onclick={ex.close.reform(|_: MouseEvent| ())} data-testid="exercise-close">{ i18n.t("ex-close") }</button>
            </div>
            if !lines.is_empty() {
                <div class={classes!("exercise-feedback", solved.then_some("solved"))} role="status"
                    data-testid="exercise-feedback" data-solved={solved.to_string()}>
                    { for lines.into_iter().map(|l| html! { <p>{ l }</p> }) }
                </div>
            }
        </aside>
    }
}
