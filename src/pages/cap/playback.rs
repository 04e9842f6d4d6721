//! The CAP page's clock: the time shown, playing or not, at which pace; the
//! moments a run pauses at (each fault, each rejected or stale operation)
//! when the pace is "pause at events"; the timer that advances it while
//! playing, and its controls (play, step, pace, the scrubber).

use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::dom;
use crate::i18n::use_i18n;

/// How fast the clock runs: through the run, pausing at each event worth
/// a look (the default), or straight through at a speed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pace {
    Events,
    Speed(f64),
}

/// Simulated milliseconds per real millisecond between pauses.
const EVENTS_RATE: f64 = 0.25;
/// The timer's period (ms).
const TICK_MS: f64 = 50.0;

#[derive(Clone, Debug, PartialEq)]
pub struct ClockState {
    /// Milliseconds into the run.
    pub time: f64,
    pub playing: bool,
    pub pace: Pace,
    /// The moment the clock paused at by itself (an event to look at).
    pub paused_at: Option<f64>,
    pub duration: f64,
    /// Where the `Events` pace pauses, sorted.
    pub stops: Rc<Vec<f64>>,
}

impl Default for ClockState {
    fn default() -> ClockState {
        ClockState {
            time: 0.0,
            playing: false,
            pace: Pace::Events,
            paused_at: None,
            duration: 3_000.0,
            stops: Rc::default(),
        }
    }
}

pub enum ClockAction {
    /// The timer fired: `TICK_MS` of real time passed.
    Tick,
    /// Play, or pause; playing at the end starts again from 0.
    Toggle,
    Seek(f64),
    Step(f64),
    SetPace(Pace),
    /// A new run: its length and the moments to pause at.
    Load {
        duration: f64,
        stops: Vec<f64>,
    },
}

impl ClockState {
    pub fn apply(&mut self, action: ClockAction) {
        match action {
            ClockAction::Tick if self.playing => {
                let rate = match self.pace {
                    Pace::Events => EVENTS_RATE,
                    Pace::Speed(s) => s,
                };
                let next = self.time + TICK_MS * rate;
                let stop = (self.pace == Pace::Events)
                    .then(|| self.stops.iter().copied().find(|s| *s > self.time && *s <= next))
                    .flatten();
                if let Some(s) = stop {
                    self.time = s;
                    self.playing = false;
                    self.paused_at = Some(s);
                } else if next >= self.duration {
                    self.time = self.duration;
                    self.playing = false;
                } else {
                    self.time = next;
                }
            }
            ClockAction::Tick => {}
            ClockAction::Toggle => {
                if !self.playing && self.time >= self.duration {
                    self.time = 0.0;
                }
                self.playing = !self.playing;
                self.paused_at = None;
            }
            ClockAction::Seek(t) => {
                self.time = t.clamp(0.0, self.duration);
                self.playing = false;
                self.paused_at = None;
            }
            ClockAction::Step(ms) => {
                self.time = (self.time + ms).clamp(0.0, self.duration);
                self.paused_at = None;
            }
            ClockAction::SetPace(pace) => self.pace = pace,
            ClockAction::Load { duration, stops } => {
                let mut stops = stops;
                stops.sort_by(f64::total_cmp);
                stops.dedup();
                self.duration = duration.max(1.0);
                self.time = self.time.min(self.duration);
                self.stops = Rc::new(stops);
                self.paused_at = self.paused_at.filter(|p| self.stops.contains(p));
            }
        }
    }
}

impl Reducible for ClockState {
    type Action = ClockAction;

    fn reduce(self: Rc<Self>, action: ClockAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

pub type Clock = UseReducerHandle<ClockState>;

/// A clock that, while playing, advances on a timer; it starts paused at
/// `start` (a link's scrub position), else at 0.
#[hook]
pub fn use_playback(start: Option<f64>) -> Clock {
    let clock = use_reducer(move || ClockState {
        time: start.unwrap_or(0.0).max(0.0),
        ..ClockState::default()
    });
    {
        let dispatcher = clock.dispatcher();
        use_effect_with(clock.playing, move |playing| {
            let interval =
                playing.then(|| Interval::new(TICK_MS as u32, move || dispatcher.dispatch(ClockAction::Tick)));
            move || drop(interval)
        });
    }
    clock
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub clock: Clock,
}

const SPEEDS: [f64; 3] = [0.25, 1.0, 4.0];

#[function_component(Playback)]
pub fn playback(props: &Props) -> Html {
    let i18n = use_i18n();
    let clock = props.clock.clone();
    let on_time = {
        let clock = clock.clone();
        Callback::from(move |e: InputEvent| {
            clock.dispatch(ClockAction::Seek(dom::input_value(&e).parse().unwrap_or(0.0)))
        })
    };
    let toggle_play = {
        let clock = clock.clone();
        Callback::from(move |_: MouseEvent| clock.dispatch(ClockAction::Toggle))
    };
    let step = {
        let clock = clock.clone();
        Callback::from(move |_: MouseEvent| clock.dispatch(ClockAction::Step(25.0)))
    };
    let set_pace = {
        let clock = clock.clone();
        Callback::from(move |e: Event| {
            let pace = dom::select_value(&e).parse().map_or(Pace::Events, Pace::Speed);
            clock.dispatch(ClockAction::SetPace(pace));
        })
    };
    html! {
        <>
            <button onclick={toggle_play} data-testid="cap-play">{ i18n.t(if clock.playing { "cap-pause" } else { "cap-play" }) }</button>
            <button onclick={step} data-testid="cap-step">{ i18n.t("cap-step") }</button>
            <select onchange={set_pace} title={i18n.t("cap-speed-help")} aria-label={i18n.t("cap-speed-help")} data-testid="cap-pace">
                <option value="events" selected={clock.pace == Pace::Events}>{ i18n.t("cap-pace-events") }</option>
                { for SPEEDS.iter().map(|s| html! { <option value={s.to_string()} selected={clock.pace == Pace::Speed(*s)}>{ format!("{}×", i18n.number(*s)) }</option> }) }
            </select>
            <input type="range" min="0" max={clock.duration.to_string()} step="1" value={clock.time.to_string()} oninput={on_time}
                   data-testid="cap-time" class="scrub" aria-label={i18n.t("cap-time")} />
            <span class="clock" data-testid="cap-clock">{ format!("t = {} ms", i18n.count(clock.time.round())) }</span>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(stops: Vec<f64>) -> ClockState {
        let mut c = ClockState::default();
        c.apply(ClockAction::Load {
            duration: 1_000.0,
            stops,
        });
        c
    }

    fn play_until_still(c: &mut ClockState) -> usize {
        let mut ticks = 0;
        while c.playing {
            c.apply(ClockAction::Tick);
            ticks += 1;
        }
        ticks
    }

    #[test]
    fn the_default_pace_pauses_at_each_event_and_continues() {
        let mut c = loaded(vec![600.0, 200.0, 200.0]);
        assert_eq!(c.pace, Pace::Events);
        c.apply(ClockAction::Toggle);
        play_until_still(&mut c);
        assert_eq!((c.time, c.paused_at), (200.0, Some(200.0)));
        c.apply(ClockAction::Toggle); // continue
        assert_eq!(c.paused_at, None);
        play_until_still(&mut c);
        assert_eq!((c.time, c.paused_at), (600.0, Some(600.0)));
        c.apply(ClockAction::Toggle);
        play_until_still(&mut c);
        assert_eq!((c.time, c.paused_at, c.playing), (1_000.0, None, false));
        // Playing at the end starts again.
        c.apply(ClockAction::Toggle);
        assert_eq!(c.time, 0.0);
    }

    #[test]
    fn a_speed_runs_straight_through_and_seeking_stops() {
        let mut c = loaded(vec![200.0]);
        c.apply(ClockAction::SetPace(Pace::Speed(4.0)));
        c.apply(ClockAction::Toggle);
        assert_eq!(play_until_still(&mut c), 5);
        assert_eq!((c.time, c.paused_at), (1_000.0, None));
        c.apply(ClockAction::Toggle);
        c.apply(ClockAction::Seek(5_000.0));
        assert_eq!((c.time, c.playing), (1_000.0, false));
        c.apply(ClockAction::Tick);
        assert_eq!(c.time, 1_000.0, "a stopped clock does not move");
        // A shorter run keeps the clock inside it.
        c.apply(ClockAction::Load {
            duration: 300.0,
            stops: vec![],
        });
        assert_eq!(c.time, 300.0);
    }
}
