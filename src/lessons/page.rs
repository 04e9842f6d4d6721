//! The lessons page: each lesson with what it is about, how far the learner
//! got (steps done, predictions right) and Start, Resume or Start over.

use dataplay_api::lesson::Lesson;
use yew::prelude::*;

use super::{Lessons, Turn};
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
    let confirming = use_state(|| None::<String>);
    let Some(ls) = use_context::<Lessons>() else {
        return Html::default();
    };
    let card = |l: &Lesson| {
        let p = ls.book.of(&l.id);
        let steps = l.steps.len();
        let passed = (0..steps).filter(|i| p.passed(*i)).count();
        let (right, made) = p.score();
        let go = {
            let (start, id, confirming) = (ls.start.clone(), l.id.clone(), confirming.clone());
            Callback::from(move |_: MouseEvent| {
                confirming.set(None);
                start.emit(id.clone())
            })
        };
        let start = if l.start.lake.is_some() && props.lake_files > 0 {
            let (confirming, id) = (confirming.clone(), l.id.clone());
            Callback::from(move |_: MouseEvent| confirming.set(Some(id.clone())))
        } else {
            go.clone()
        };
        let cancel = {
            let confirming = confirming.clone();
            Callback::from(move |_: MouseEvent| confirming.set(None))
        };
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
                if confirming.as_deref() == Some(l.id.as_str()) {
                    <p role="alertdialog" data-testid="lesson-start-ask">
                        { i18n.t_with("lesson-replace-lake", &Args::new().text("files", count(props.lake_files))) }{ " " }
                        <button class="danger" onclick={go} data-testid="lesson-start-confirm">{ i18n.t("ex-replace-yes") }</button>{ " " }
                        <button onclick={cancel}>{ i18n.t("data-workspace-reset-no") }</button>
                    </p>
                }
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
