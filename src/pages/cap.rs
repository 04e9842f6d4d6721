//! The CAP page: one scenario simulated under CP and AP side by side on the
//! same seed and fault schedule. Scrub or play through time; click a link to
//! cut (or heal) it and a node to crash (or restart) it at that moment — the
//! run replays from its seed with the new fault. Scenario, seed and added
//! faults live in the URL so a trainer can share the exact run.

use std::rc::Rc;

use dataplay_api::cap::{CapComparison, CapRequest, CapRun, Fault, TimedFault};
use gloo_timers::callback::Interval;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Option<Rc<CapComparison>>,
    pub run: Callback<CapRequest>,
    pub ready: bool,
    /// How long the worker took for the shown comparison.
    pub elapsed_ms: f64,
}

/// The request encoded in the URL hash: `#/cap?scenario=…&seed=…&faults=…`.
pub fn request_from_hash(hash: &str) -> CapRequest {
    let query = hash.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(query).ok();
    let get = |k: &str| params.as_ref().and_then(|p| p.get(k));
    CapRequest {
        scenario: get("scenario").unwrap_or_else(|| "partition-ap".into()),
        seed: get("seed").and_then(|s| s.parse().ok()).unwrap_or(1),
        extra_faults: get("faults")
            .and_then(|f| serde_json::from_str(&f).ok())
            .unwrap_or_default(),
        nodes: get("nodes").and_then(|n| n.parse().ok()),
        quorum: get("quorum").and_then(|q| {
            let v: Vec<usize> = q.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            (v.len() == 3).then(|| (v[0], v[1], v[2]))
        }),
        clients: get("clients").and_then(|n| n.parse().ok()),
        duration_ms: get("duration_ms").and_then(|n| n.parse().ok()),
        siblings: get("siblings").is_some_and(|v| v == "1"),
    }
}

fn hash_for(request: &CapRequest) -> String {
    let params = web_sys::UrlSearchParams::new().ok();
    if let Some(p) = &params {
        p.set("scenario", &request.scenario);
        p.set("seed", &request.seed.to_string());
        if !request.extra_faults.is_empty() {
            p.set(
                "faults",
                &serde_json::to_string(&request.extra_faults).unwrap_or_default(),
            );
        }
        if let Some(n) = request.nodes {
            p.set("nodes", &n.to_string());
        }
        if request.siblings {
            p.set("siblings", "1");
        }
        if let Some((n, r, w)) = request.quorum {
            p.set("quorum", &format!("{n},{r},{w}"));
        }
        if let Some(c) = request.clients {
            p.set("clients", &c.to_string());
        }
        if let Some(d) = request.duration_ms {
            p.set("duration_ms", &d.to_string());
        }
    }
    format!(
        "#/cap?{}",
        params.map(|p| String::from(p.to_string())).unwrap_or_default()
    )
}

fn navigate(request: &CapRequest) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&hash_for(request));
    }
}

#[function_component(CapPage)]
pub fn cap_page(props: &Props) -> Html {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let request = request_from_hash(&hash);
    let time = use_state(|| 0.0f64);
    let playing = use_state(|| false);
    let speed = use_state(|| 1.0f64);

    // Run whenever the URL asks for something other than what is shown.
    {
        let run = props.run.clone();
        let shown = props.comparison.as_ref().map(|c| c.request.clone());
        let request = request.clone();
        use_effect_with(
            (props.ready, request.clone(), shown.clone()),
            move |(ready, request, shown)| {
                if *ready && shown.as_ref() != Some(request) {
                    run.emit(request.clone());
                }
            },
        );
    }
    let duration = props.comparison.as_ref().map_or(3_000.0, |c| c.cp.duration_ms);
    // Play: advance the clock on a timer.
    {
        let time = time.clone();
        let speed = *speed;
        let playing_handle = playing.clone();
        use_effect_with((*playing, speed), move |(playing, _)| {
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

    let current = request.clone();
    let set_scenario = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        navigate(&CapRequest {
            scenario: select.value(),
            extra_faults: vec![],
            ..current.clone()
        });
    });
    let current = request.clone();
    let set_seed = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Ok(seed) = input.value().trim().parse() {
            navigate(&CapRequest {
                seed,
                ..current.clone()
            });
        }
    });
    let current = request.clone();
    let set_nodes = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let nodes = select.value().parse().ok().filter(|n| *n != 4);
        navigate(&CapRequest {
            nodes,
            extra_faults: vec![],
            ..current.clone()
        });
    });
    let current = request.clone();
    let toggle_siblings = Callback::from(move |_| {
        navigate(&CapRequest {
            siblings: !current.siblings,
            ..current.clone()
        });
    });
    let current = request.clone();
    let set_quorum = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let v: Vec<usize> = select.value().split(',').filter_map(|x| x.parse().ok()).collect();
        let quorum = (v.len() == 3).then(|| (v[0], v[1], v[2]));
        navigate(&CapRequest {
            quorum,
            ..current.clone()
        });
    });
    let on_time = {
        let time = time.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            time.set(input.value().parse().unwrap_or(0.0));
        })
    };
    let toggle_play = {
        let playing = playing.clone();
        let time = time.clone();
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
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            speed.set(select.value().parse().unwrap_or(1.0));
        })
    };
    let add_fault = {
        let request = request.clone();
        let at = *time;
        Callback::from(move |fault: Fault| {
            let mut next = request.clone();
            next.extra_faults.push(TimedFault {
                at_ms: at.round() as u64,
                fault,
            });
            navigate(&next);
        })
    };
    let seek = {
        let time = time.clone();
        let playing = playing.clone();
        Callback::from(move |t: f64| {
            playing.set(false);
            time.set(t);
        })
    };
    let clear_faults = {
        let request = request.clone();
        Callback::from(move |_: MouseEvent| {
            navigate(&CapRequest {
                extra_faults: vec![],
                ..request.clone()
            })
        })
    };

    let Some(c) = props.comparison.clone() else {
        return html! { <section class="cap" data-testid="cap-page"><p class="muted">{ "Simulating…" }</p></section> };
    };
    html! {
        <section class="cap" data-testid="cap-page">
            <div class="cap-controls">
                <select onchange={set_scenario} data-testid="cap-scenario">
                    { for c.scenarios.iter().map(|(k, t)| html! { <option value={k.clone()} selected={*k == request.scenario}>{ t }</option> }) }
                </select>
                <label>{ "seed " }<input type="number" value={request.seed.to_string()} onchange={set_seed} data-testid="cap-seed" /></label>
                <label>{ "data centers " }
                    <select onchange={set_nodes} data-testid="cap-nodes">
                        { for (3..=7usize).map(|n| html! { <option value={n.to_string()} selected={request.nodes.unwrap_or(4) == n}>{ n }</option> }) }
                    </select>
                </label>
                <label title="AP conflict resolution: version vectors keep concurrent writes side by side">
                    <input type="checkbox" checked={request.siblings} onchange={toggle_siblings} data-testid="cap-siblings" />
                    { " AP keeps siblings " }
                </label>
                <label>{ "also quorum " }
                    <select onchange={set_quorum} data-testid="cap-quorum">
                        { for ["", "3,2,2", "3,1,1", "3,1,3", "4,2,3"].iter().map(|q| {
                            let selected = request.quorum.map(|(n, r, w)| format!("{n},{r},{w}")).unwrap_or_default() == *q;
                            let label = if q.is_empty() { "none".to_string() } else { format!("N,R,W = {q}") };
                            html! { <option value={*q} selected={selected}>{ label }</option> }
                        }) }
                    </select>
                </label>
                <button onclick={toggle_play} data-testid="cap-play">{ if *playing { "Pause" } else { "Play" } }</button>
                <button onclick={step} data-testid="cap-step">{ "Step +25 ms" }</button>
                <select onchange={set_speed} title="playback speed">
                    { for [0.25, 1.0, 4.0].iter().map(|s| html! { <option value={s.to_string()} selected={*speed == *s}>{ format!("{s}×") }</option> }) }
                </select>
                <input type="range" min="0" max={duration.to_string()} step="1" value={time.to_string()} oninput={on_time} data-testid="cap-time" class="scrub" />
                <span class="clock" data-testid="cap-clock">{ format!("t = {:.0} ms", *time) }</span>
            </div>
            <h1>{ &c.title }</h1>
            <p>{ &c.story }</p>
            <p class="muted">
                { format!("Fault schedule: {}. Click a link to cut or heal it, a node to crash or restart it, at the current time.", describe_faults(&c.faults, &c.cp.nodes)) }
                if !request.extra_faults.is_empty() {
                    <button onclick={clear_faults} data-testid="cap-clear-faults">{ "Remove my faults" }</button>
                }
            </p>
            <div class="cap-side-by-side">
                <RunPanel run={c.cp.clone()} key_name="cp" time={*time} on_seek={seek.clone()} on_fault={add_fault.clone()} />
                <RunPanel run={c.ap.clone()} key_name="ap" time={*time} on_seek={seek.clone()} on_fault={add_fault.clone()} />
                if let Some(q) = c.quorum.clone() {
                    <RunPanel run={q} key_name="quorum" time={*time} on_seek={seek.clone()} on_fault={add_fault} />
                }
            </div>
            <p class="muted" data-testid="cap-speed">{ speed_note(&c, props.elapsed_ms) }</p>
            <h2>{ "AWS services and the modes that model them" }</h2>
            <table class="plain" data-testid="cap-services">
                <thead><tr><th>{ "Service" }</th><th>{ "CAP" }</th><th>{ "Consistency" }</th><th>{ "Use case" }</th><th>{ "Simulated as" }</th></tr></thead>
                <tbody>
                    { for c.services.iter().map(|s| html! {
                        <tr><td>{ &s.name }</td><td>{ &s.cap }</td><td>{ &s.consistency }</td><td>{ &s.use_case }</td><td>{ &s.modelled_as }</td></tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// "Simulated N events … in X ms in the worker: E events/s."
fn speed_note(c: &CapComparison, elapsed_ms: f64) -> String {
    let events = c.cp.events + c.ap.events + c.quorum.as_ref().map_or(0, |q| q.events);
    let runs = if c.quorum.is_some() {
        "CP, AP and quorum"
    } else {
        "CP and AP"
    };
    format!(
        "Simulated {events} events ({runs}) and checked the histories in {elapsed_ms:.0} ms in the worker: {:.0} events/s.",
        events as f64 / (elapsed_ms / 1_000.0).max(1e-6)
    )
}

fn describe_faults(faults: &[TimedFault], nodes: &[String]) -> String {
    if faults.is_empty() {
        return "none".into();
    }
    let name = |i: &usize| nodes.get(*i).cloned().unwrap_or_else(|| i.to_string());
    faults
        .iter()
        .map(|f| {
            let what = match &f.fault {
                Fault::Cut { a, b, one_way } => {
                    format!("cut {}{}{}", name(a), if *one_way { "→" } else { "↔" }, name(b))
                }
                Fault::Split { side } => format!(
                    "split {{{}}} from the rest",
                    side.iter().map(name).collect::<Vec<_>>().join(", ")
                ),
                Fault::Isolate { node } => format!("isolate {}", name(node)),
                Fault::Crash { node } => format!("crash {}", name(node)),
                Fault::Restart { node } => format!("restart {}", name(node)),
                Fault::HealLink { a, b } => format!("heal {}↔{}", name(a), name(b)),
                Fault::HealAll => "heal all".into(),
            };
            format!("{what} at {} ms", f.at_ms)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    run: CapRun,
    key_name: &'static str,
    time: f64,
    on_fault: Callback<Fault>,
    /// Move the clock (clicking an operation jumps to its completion).
    on_seek: Callback<f64>,
}

fn position(i: usize, n: usize) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2 - 0.6;
    (170.0 + 120.0 * angle.cos(), 125.0 + 90.0 * angle.sin())
}

#[function_component(RunPanel)]
fn run_panel(props: &PanelProps) -> Html {
    let run = &props.run;
    let t = props.time;
    let n = run.nodes.len();
    let net = run.network.iter().rev().find(|s| s.at_ms <= t).or(run.network.first());
    let cut = |a: usize, b: usize| net.is_some_and(|s| s.cut.contains(&(a, b)) || s.cut.contains(&(b, a)));
    let down = |i: usize| net.is_some_and(|s| s.down.contains(&i));
    let links = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).map(|(a, b)| {
        let ((x1, y1), (x2, y2)) = (position(a, n), position(b, n));
        let is_cut = cut(a, b);
        let fault = if is_cut { Fault::HealLink { a, b } } else { Fault::Cut { a, b, one_way: false } };
        let onclick = props.on_fault.reform(move |_: MouseEvent| fault.clone());
        html! {
            <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
                  class={classes!("link", is_cut.then_some("cut"))} onclick={onclick}
                  data-testid={format!("{}-link-{a}-{b}", props.key_name)}>
                <title>{ format!("{} ↔ {}: click to {}", run.nodes[a], run.nodes[b], if is_cut { "heal" } else { "cut" }) }</title>
            </line>
        }
    });
    let nodes = (0..n).map(|i| {
        let (x, y) = position(i, n);
        let is_down = down(i);
        let fault = if is_down { Fault::Restart { node: i } } else { Fault::Crash { node: i } };
        let onclick = props.on_fault.reform(move |_: MouseEvent| fault.clone());
        html! {
            <g class={classes!("node", is_down.then_some("down"))} onclick={onclick} data-testid={format!("{}-node-{i}", props.key_name)}>
                <circle cx={x.to_string()} cy={y.to_string()} r="26" />
                <text x={x.to_string()} y={(y + 4.0).to_string()} text-anchor="middle">{ &run.nodes[i] }</text>
                <title>{ format!("{}: click to {}", run.nodes[i], if is_down { "restart" } else { "crash" }) }</title>
            </g>
        }
    });
    let in_flight = run
        .messages
        .iter()
        .filter(|m| m.sent_ms <= t && t < m.at_ms)
        .take(300)
        .map(|m| {
            let ((x1, y1), (x2, y2)) = (position(m.from, n), position(m.to, n));
            let f = ((t - m.sent_ms) / (m.at_ms - m.sent_ms).max(0.001)).clamp(0.0, 1.0);
            html! {
                <circle class={classes!("msg", m.dropped.then_some("dropped"))} r="4"
                        cx={(x1 + (x2 - x1) * f).to_string()} cy={(y1 + (y2 - y1) * f).to_string()}>
                    <title>{ &m.label }</title>
                </circle>
            }
        });
    let verdict_class = match run.linearizable {
        Some(true) => "verdict good",
        Some(false) => "verdict bad",
        None => "verdict",
    };
    html! {
        <div class="cap-panel" data-testid={format!("{}-panel", props.key_name)}>
            <h2>{ &run.mode }</h2>
            <svg viewBox="0 0 340 250" class="cap-diagram">
                { for links }
                { for in_flight }
                { for nodes }
            </svg>
            <div class={verdict_class} data-testid={format!("{}-verdict", props.key_name)}>
                <strong>{ match run.linearizable { Some(true) => "Linearizable", Some(false) => "Not linearizable", None => "Undecided" } }</strong>
                if run.linearizable == Some(false) { <pre>{ &run.verdict }</pre> }
            </div>
            <table class="plain metrics">
                <tr><td>{ "rejected writes" }</td><td data-testid={format!("{}-rejected", props.key_name)}>{ run.rejected_writes }</td></tr>
                <tr><td>{ "stale reads" }</td><td data-testid={format!("{}-stale", props.key_name)}>{ format!("{} of {}", run.stale_reads, run.reads) }</td></tr>
                <tr><td>{ "latency p50 / p99, normal" }</td><td>{ format!("{:.0} / {:.0} ms", run.latency_normal_p50_ms, run.latency_normal_p99_ms) }</td></tr>
                <tr><td>{ "latency p50 / p99, during faults" }</td><td>{ format!("{:.0} / {:.0} ms", run.latency_degraded_p50_ms, run.latency_degraded_p99_ms) }</td></tr>
                <tr><td>{ "replication lag (mean)" }</td><td>{ format!("{:.0} ms", run.replication_lag_mean_ms) }</td></tr>
                <tr><td>{ "availability" }</td><td>{ run.regions.iter().map(|r| if r.ops == 0 { format!("{} –", r.name) } else { format!("{} {:.0}%", r.name, r.availability * 100.0) }).collect::<Vec<_>>().join(", ") }</td></tr>
                <tr><td>{ "events / log hash" }</td><td>{ format!("{} / {}", run.events, run.log_hash) }</td></tr>
            </table>
            { timeline(run, t, &props.on_seek, props.key_name) }
            <table class="plain ops">
                <thead><tr><th>{ "ms" }</th><th>{ "at" }</th><th>{ "key" }</th><th>{ "operation" }</th><th>{ "result" }</th></tr></thead>
                <tbody>
                    { for run.ops.iter().take(400).map(|o| {
                        let class = classes!(
                            "cap-op",
                            (o.invoke_ms > t).then_some("future"),
                            (o.outcome == "fail").then_some("rejected"),
                            o.stale.then_some("stale"),
                            o.in_violation.then_some("violation"),
                        );
                        html! {
                            <tr class={class} data-testid="cap-op">
                                <td>{ format!("{:.0}", o.invoke_ms) }</td>
                                <td>{ run.nodes.get(o.node).cloned().unwrap_or_default() }</td>
                                <td>{ &o.key }</td>
                                <td class="op-label" title={o.label.clone()}>{ &o.label }</td>
                                <td>{ match (o.outcome.as_str(), o.stale) {
                                    ("fail", _) => "rejected",
                                    ("info", _) => "unknown",
                                    (_, true) => "stale",
                                    _ => "ok",
                                } }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// One lane per client: each operation a bar from invocation to completion
/// (to the end if it never completed), coloured by its outcome; the clock
/// is the vertical line. Clicking a bar moves the clock to its completion.
fn timeline(run: &CapRun, t: f64, on_seek: &Callback<f64>, key_name: &str) -> Html {
    const WIDTH: f64 = 340.0;
    const LEFT: f64 = 78.0;
    const LANE: f64 = 14.0;
    let clients = run.ops.iter().map(|o| o.client + 1).max().unwrap_or(0);
    if clients == 0 {
        return html! {};
    }
    let span = run.duration_ms.max(1.0);
    let x = |ms: f64| LEFT + ms.clamp(0.0, span) / span * (WIDTH - LEFT - 4.0);
    let height = clients as f64 * LANE + 4.0;
    let lanes = (0..clients).map(|c| {
        let node = run.ops.iter().find(|o| o.client == c).map_or(0, |o| o.node);
        let y = c as f64 * LANE;
        html! {
            <g>
                <text x="2" y={(y + 10.0).to_string()} class="lane-label">{ format!("{} #{c}", run.nodes.get(node).cloned().unwrap_or_default()) }</text>
                <line x1={LEFT.to_string()} x2={WIDTH.to_string()} y1={(y + 7.0).to_string()} y2={(y + 7.0).to_string()} class="lane" />
            </g>
        }
    });
    let bars = run.ops.iter().take(3_000).map(|o| {
        let end = o.complete_ms.unwrap_or(span);
        let class = if o.in_violation {
            "bar violation"
        } else if o.stale {
            "bar stale"
        } else {
            match o.outcome.as_str() {
                "fail" => "bar rejected",
                "info" => "bar unknown",
                _ => "bar ok",
            }
        };
        let onclick = on_seek.reform(move |_: MouseEvent| end);
        html! {
            <rect class={class} x={x(o.invoke_ms).to_string()} y={(o.client as f64 * LANE + 2.0).to_string()}
                  width={(x(end) - x(o.invoke_ms)).max(2.0).to_string()} height="10" onclick={onclick}>
                <title>{ format!("{} {} {} ({}; {:.0}–{:.0} ms)", o.key, o.label, if o.stale { "stale" } else { &o.outcome }, if o.in_violation { "in the violation" } else { "click to jump" }, o.invoke_ms, end) }</title>
            </rect>
        }
    });
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="cap-timeline" data-testid={format!("{key_name}-timeline")}>
            { for lanes }
            { for bars }
            <line class="cursor" x1={x(t).to_string()} x2={x(t).to_string()} y1="0" y2={height.to_string()} />
        </svg>
    }
}
