//! The lessons page: each lesson with what it is about, how far the learner
//! got (steps done, predictions right) and Start, Resume or Start over.

use dataplay_api::lesson::Lesson;
use yew::prelude::*;

use super::{Lessons, Turn};
use crate::components::start_guard::use_start_guard;
use crate::exercises::words::pick;
use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Files in the lake now: a lesson that sets up its own lake asks
    /// before it replaces them.
    pub lake_files: usize,
}

#[function_component(LessonsPage)]
pub fn lessons_page(props: &Props) -> Html {
    let i18n = use_i18n();
    let ls = use_context::<Lessons>();
    let guard = use_start_guard(
        ls.as_ref().map(|l| l.start.clone()).unwrap_or_default(),
        props.lake_files,
    );
    let Some(ls) = ls else {
        return Html::default();
    };
    let card = |l: &Lesson| {
        let p = ls.book.of(&l.id);
        let steps = l.steps.len();
        let passed = (0..steps).filter(|i| p.passed(*i)).count();
        let (right, made) = p.score();
        let start = guard.start(&l.id, l.start.lake.is_some());
        let resume = {
            let id = l.id.clone();
            ls.turn.reform(move |_: MouseEvent| Turn::Open {
                lesson: id.clone(),
                step: None,
                steps,
            })
        };
        let count = |n: usize| i18n.count(n as f64);
        html! {
            <li class="lesson" data-testid={format!("lesson-{}", l.id)} data-passed={passed.to_string()}>
                <h3>{ pick(&i18n, &l.title) }</h3>
                <p>{ pick(&i18n, &l.intro) }</p>
                <p class="muted" data-testid="lesson-progress">
                    { i18n.t_with("lesson-progress", &Args::new().text("passed", count(passed)).text("steps", count(steps))) }
                    if made > 0 {
                        { " · " }{ i18n.t_with("lesson-score", &Args::new().text("right", count(right)).text("made", count(made))) }
                    }
                </p>
                { guard.ask(&i18n, &l.id, "lesson-replace-lake", "lesson") }
                <p>
                    if passed > 0 || p.step > 0 {
                        <button class="primary" onclick={resume} data-testid="lesson-resume">
                            { i18n.t_with("lesson-resume", &Args::new().text("step", (p.step + 1).to_string())) }
                        </button>{ " " }
                        <button onclick={start} data-testid="lesson-start">{ i18n.t("lesson-start-over") }</button>
                    } else {
                        <button class="primary" onclick={start} data-testid="lesson-start">{ i18n.t("lesson-start") }</button>
                    }
                </p>
            </li>
        }
    };
    html! {
        <section class="lessons-page" data-testid="lessons-page">
            <h2>{ i18n.t("lesson-title") }</h2>
            <p>{ i18n.t("lesson-intro") }</p>
            if let Some((source, why)) = &ls.problem {
                <p class="error" data-testid="lessons-problem">{ i18n.t_with("lesson-unreadable", &Args::new().text("source", source.clone()).text("why", why.clone())) }</p>
            }
            if let Some(set) = &ls.set {
                <ul class="lessons">{ for set.lessons.iter().map(card) }</ul>
            } else if ls.problem.is_none() {
                <p class="muted">{ i18n.t("lesson-loading") }</p>
            }
        </section>
    }
}
