//! Beside a COPY that rejected rows: why that is the lesson. The warehouse
//! checks each row against the declared types as it loads (schema-on-write)
//! and refuses what does not fit; the lake took the same rows as they came
//! and leaves the reading to each query (schema-on-read).

use dataplay_api::lake::{ConsoleStep, WriteReport};
use yew::prelude::*;

use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub steps: Vec<ConsoleStep>,
}

/// The COPYs (not the INSERTs) of the script that rejected rows.
fn rejecting_copies(steps: &[ConsoleStep]) -> impl Iterator<Item = &WriteReport> {
    steps.iter().filter_map(|s| match s {
        ConsoleStep::Wrote(w) if w.rejected > 0 && !w.source.starts_with("INSERT") => Some(w),
        _ => None,
    })
}

#[function_component(CopyLesson)]
pub fn copy_lesson(props: &Props) -> Html {
    let i18n = use_i18n();
    if rejecting_copies(&props.steps).next().is_none() {
        return html! {};
    }
    html! {
        <aside class="lesson" data-testid="copy-lesson">
            <h3>{ i18n.t("lake-lesson-title") }</h3>
            { for rejecting_copies(&props.steps).map(|w| {
                let share = 100.0 * w.rejected as f64 / w.rows_in.max(1) as f64;
                let args = Args::new()
                    .text("table", w.table.clone())
                    .text("rejected", i18n.count(w.rejected as f64))
                    .text("rows", i18n.count(w.rows_in as f64))
                    .text("share", i18n.number((share * 10.0).round() / 10.0))
                    .text("path", w.source.clone());
                html! { <p data-testid={format!("lesson-{}", w.table)}>{ i18n.t_with("lake-lesson-copy", &args) }</p> }
            }) }
            <p>{ i18n.t("lake-lesson-write") }</p>
            <p>{ i18n.t("lake-lesson-read") }</p>
            <p class="muted">{ i18n.t("lake-lesson-decimal") }</p>
        </aside>
    }
}
