//! A step's prediction: the question and its choices before the run, the
//! learner's pick while the run is awaited, then who was right and the
//! value the run gave.

use dataplay_api::lesson::Prediction;
use yew::prelude::*;

use super::book::Guess;
use crate::exercises::words::pick;
use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub predict: Prediction,
    pub guess: Option<Guess>,
    pub on_guess: Callback<usize>,
}

#[function_component(PredictBlock)]
pub fn predict_block(props: &Props) -> Html {
    let i18n = use_i18n();
    let p = &props.predict;
    let guess = props.guess.as_ref();
    let known = guess.and_then(|g| g.answer).is_some();
    let choice = |(i, c): (usize, &dataplay_api::lesson::Choice)| {
        let picked = guess.is_some_and(|g| g.choice == i);
        let right = guess.and_then(|g| g.answer) == Some(i);
        html! {
            <button class={classes!("choice", picked.then_some("picked"), (known && right).then_some("right"))}
                aria-pressed={picked.to_string()} disabled={known}
                onclick={props.on_guess.reform(move |_: MouseEvent| i)} data-testid={format!("lesson-choice-{i}")}>
                { pick(&i18n, &c.text) }
            </button>
        }
    };
    let outcome = guess.filter(|_| known).map(|g| {
        let right = g.right() == Some(true);
        let answer = g
            .answer
            .and_then(|a| p.choices.get(a))
            .map(|c| pick(&i18n, &c.text))
            .unwrap_or_default();
        let value = g.value.map(|v| i18n.count(v)).unwrap_or_default();
        let args = Args::new().text("answer", answer).text("value", value);
        html! {
            <p class={classes!("outcome", if right { "right" } else { "wrong" })} role="status"
                data-testid="lesson-outcome" data-right={right.to_string()}>
                <strong>{ i18n.t(if right { "lesson-guess-right" } else { "lesson-guess-wrong" }) }</strong>{ " " }
                { i18n.t_with("lesson-guess-was", &args) }
            </p>
        }
    });
    html! {
        <div class="lesson-predict" data-testid="lesson-predict">
            <p><strong>{ i18n.t("lesson-predict") }</strong>{ " " }{ pick(&i18n, &p.question) }</p>
            <div class="choices" role="group">{ for p.choices.iter().enumerate().map(choice) }</div>
            if guess.is_some() && !known {
                <p class="muted" data-testid="lesson-guessed">{ i18n.t("lesson-guessed") }</p>
            }
            { for outcome }
        </div>
    }
}
