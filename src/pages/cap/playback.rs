//! The CAP page's clock: the time shown, playing or not, at which speed;
//! the timer that advances it while playing, and its controls (play, step,
//! speed, the scrubber).

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::dom;
use crate::i18n::use_i18n;

/// The clock's state, kept by the page.
#[derive(Clone, PartialEq)]
pub struct Clock {
    /// Milliseconds into the run.
    pub time: UseStateHandle<f64>,
    pub playing: UseStateHandle<bool>,
    pub speed: UseStateHandle<f64>,
}

/// A clock that, while playing, advances on a timer until `duration`.
#[hook]
pub fn use_playback(duration: f64) -> Clock {
    let clock = Clock {
        time: use_state(|| 0.0f64),
        playing: use_state(|| false),
        speed: use_state(|| 1.0f64),
    };
    {
        let time = clock.time.clone();
        let speed = *clock.speed;
        let playing_handle = clock.playing.clone();
        use_effect_with((*clock.playing, speed), move |(playing, _)| {
            let interval = playing.then(|| {
                let time = time.clone();
                Interval::new(50, move || {
                    let next = *time + 50.0 * speed;
                    if next >= duration {
                        time.set(duration);
                        playing_handle.set(false);
                    } else {
                        time.set(next);
                    }
                })
            });
            move || drop(interval)
        });
    }
    clock
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub clock: Clock,
    /// How long the shown run lasts (ms).
    pub duration: f64,
}

#[function_component(Playback)]
pub fn playback(props: &Props) -> Html {
    let i18n = use_i18n();
    let Clock { time, playing, speed } = props.clock.clone();
    let duration = props.duration;
    let on_time = {
        let time = time.clone();
        Callback::from(move |e: InputEvent| time.set(dom::input_value(&e).parse().unwrap_or(0.0)))
    };
    let toggle_play = {
        let (playing, time) = (playing.clone(), time.clone());
        Callback::from(move |_: MouseEvent| {
            if !*playing && *time >= duration {
                time.set(0.0);
            }
            playing.set(!*playing);
        })
    };
    let step = {
        let time = time.clone();
        Callback::from(move |_: MouseEvent| time.set((*time + 25.0).min(duration)))
    };
    let set_speed = {
        let speed = speed.clone();
        Callback::from(move |e: Event| speed.set(dom::select_value(&e).parse().unwrap_or(1.0)))
    };
    html! {
        <>
            <button onclick={toggle_play} data-testid="cap-play">{ i18n.t(if *playing { "cap-pause" } else { "cap-play" }) }</button>
            <button onclick={step} data-testid="cap-step">{ i18n.t("cap-step") }</button>
            <select onchange={set_speed} title={i18n.t("cap-speed-help")}>
                { for [0.25, 1.0, 4.0].iter().map(|s| html! { <option value={s.to_string()} selected={*speed == *s}>{ format!("{}×", i18n.number(*s)) }</option> }) }
            </select>
            <input type="range" min="0" max={duration.to_string()} step="1" value={time.to_string()} oninput={on_time} data-testid="cap-time" class="scrub" />
            <span class="clock" data-testid="cap-clock">{ format!("t = {:.0} ms", *time) }</span>
        </>
    }
}
