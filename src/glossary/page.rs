//! The glossary page (`#/glossary?q=…`): a search box over every term, in
//! both languages and without accents, and the terms it finds with their
//! definitions; the search is kept in the URL as it is typed.

use yew::prelude::*;

use crate::dom;
use crate::glossary::{definition_id, hash_of_query, name_id, query_of_hash, search};
use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub hash: String,
    /// Raised by the `/` shortcut: focus the search box.
    pub focus: u32,
}

#[function_component(GlossaryPage)]
pub fn glossary_page(props: &Props) -> Html {
    let i18n = use_i18n();
    let query = use_state(|| query_of_hash(&props.hash));
    {
        let query = query.clone();
        use_effect_with(props.hash.clone(), move |hash| query.set(query_of_hash(hash)));
    }
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(props.focus, move |focus| {
            if *focus > 0 {
                dom::focus(&input);
            }
        });
    }
    let on_input = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let q = dom::input_value(&e);
            dom::replace_hash(&hash_of_query(&q));
            query.set(q);
        })
    };
    let found = search(&query);
    html! {
        <section class="module glossary" data-testid="glossary-page">
            <h1>{ i18n.t("glossary-title") }</h1>
            <p class="muted">{ i18n.t("glossary-intro") }</p>
            <label class="glossary-search">
                <span>{ i18n.t("glossary-search") }</span>
                <input type="search" id="glossary-search" data-testid="glossary-search" ref={input}
                    value={(*query).clone()} oninput={on_input} />
            </label>
            <p class="muted" aria-live="polite" data-testid="glossary-count">
                { i18n.t_with("glossary-count", &Args::new().number("count", found.len() as f64)) }
            </p>
            if found.is_empty() {
                <p data-testid="glossary-none">{ i18n.t_with("glossary-none", &Args::new().text("query", (*query).clone())) }</p>
            }
            <dl class="glossary-list">
                { for found.iter().map(|t| html! {
                    <div class="glossary-entry" data-term={*t} id={format!("glossary-{t}")}>
                        <dt>{ i18n.t(&name_id(t)) }</dt>
                        <dd>{ i18n.t(&definition_id(t)) }</dd>
                    </div>
                }) }
            </dl>
        </section>
    }
}
