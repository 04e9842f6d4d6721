//! The warehouse's declared tables: rows, rejects, size, columns, how each
//! is distributed and sorted, and its rows per slice.

use dataplay_api::lake::DeclaredTable;
use yew::prelude::*;

use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub tables: Vec<DeclaredTable>,
}

#[function_component(DeclaredTables)]
pub fn declared_tables(props: &Props) -> Html {
    let i18n = use_i18n();
    if props.tables.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h2>{ i18n.t("lake-declared-title") }</h2>
            <div class="declared" data-testid="declared">
                { for props.tables.iter().map(|t| {
                    let max = t.slices.iter().copied().max().unwrap_or(1).max(1);
                    html! {
                        <div class="declared-table" data-testid={format!("declared-{}", t.name)}>
                            <h3><code>{ &t.name }</code>{ format!(" — {}", i18n.t_with("lake-declared-table", &Args::new().text("rows", i18n.count(t.rows as f64)).text("rejected", i18n.count(t.rejects as f64)).text("size", i18n.bytes(t.bytes)))) }</h3>
                            <p class="muted">{ t.columns.join(", ") }</p>
                            { for t.explain.iter().map(|e| html! { <p>{ crate::words::explanation(&i18n, e) }</p> }) }
                            <div class="slices" title={i18n.t("lake-declared-slices")}>
                                { for t.slices.iter().enumerate().map(|(i, n)| html! {
                                    <div class="slice"><span class="bar kept" style={format!("width:{:.0}%", 100.0 * *n as f64 / max as f64)}></span>{ format!(" {}", i18n.t_with("lake-declared-slice", &Args::new().text("slice", i.to_string()).text("rows", i18n.count(*n as f64)))) }</div>
                                }) }
                            </div>
                        </div>
                    }
                }) }
            </div>
        </>
    }
}
