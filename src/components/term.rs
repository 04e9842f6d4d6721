//! `<Term id="quorum" />`: a glossary term where it appears in a page, its
//! definition as a popover shown on hover, on keyboard focus and on a tap,
//! closed by Escape; the word is a button described by the popover
//! (`aria-describedby`), so a screen reader reads the definition too.

use std::cell::Cell;

use yew::prelude::*;

use crate::glossary;
use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The term's id (see `glossary::TERMS`).
    pub id: AttrValue,
    /// The words shown, when not the term's own name.
    #[prop_or_default]
    pub children: Children,
}

thread_local! {
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// Tapped open, or closed by Escape until the pointer or focus comes back.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Auto,
    Open,
    Closed,
}

#[function_component(Term)]
pub fn term(props: &Props) -> Html {
    let i18n = use_i18n();
    let shown = use_state(|| Shown::Auto);
    let pop_id = use_memo((), |_| {
        NEXT.with(|n| {
            n.set(n.get() + 1);
            format!("term-pop-{}", n.get())
        })
    });
    let tap = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            shown.set(if *shown == Shown::Open {
                Shown::Closed
            } else {
                Shown::Open
            })
        })
    };
    let escape = {
        let shown = shown.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *shown != Shown::Closed {
                e.stop_propagation();
                shown.set(Shown::Closed);
            }
        })
    };
    let again = {
        let shown = shown.clone();
        move || {
            if *shown == Shown::Closed {
                shown.set(Shown::Auto);
            }
        }
    };
    let (on_enter, on_focus) = {
        let again2 = again.clone();
        (
            Callback::from(move |_: MouseEvent| again()),
            Callback::from(move |_: FocusEvent| again2()),
        )
    };
    let class = match *shown {
        Shown::Auto => "term",
        Shown::Open => "term open",
        Shown::Closed => "term closed",
    };
    let word = if props.children.is_empty() {
        html! { i18n.t(&glossary::name_id(&props.id)) }
    } else {
        html! { <>{ for props.children.iter() }</> }
    };
    html! {
        <span class={class} data-term={props.id.clone()} onkeydown={escape} onmouseenter={on_enter}>
            <button type="button" class="term-word" aria-describedby={(*pop_id).clone()}
                aria-expanded={(*shown == Shown::Open).to_string()} onclick={tap} onfocus={on_focus}>
                { word }
            </button>
            <span role="tooltip" id={(*pop_id).clone()} class="term-pop" data-testid="term-pop">
                <strong>{ i18n.t(&glossary::name_id(&props.id)) }</strong>{ " " }
                { i18n.t(&glossary::definition_id(&props.id)) }
            </span>
        </span>
    }
}
