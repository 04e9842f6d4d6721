//! The top bar: the brand, a link per route (the current one marked), the
//! language switch, presenter mode and the shortcuts' buttons, and the engine's status with the count of finished
//! requests the tests wait on.

use yew::prelude::*;

use crate::i18n::{use_i18n, Lang};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub route: Route,
    pub ready: bool,
    /// `AppState::finished`.
    pub finished: u64,
    pub on_language: Callback<Lang>,
    pub present: bool,
    pub on_present: Callback<bool>,
    pub on_help: Callback<()>,
}

#[function_component(TopBar)]
pub fn top_bar(props: &Props) -> Html {
    let i18n = use_i18n();
    let link = |target: Route| {
        let class = if props.route == target {
            "nav-link active"
        } else {
            "nav-link"
        };
        html! { <a class={class} href={target.link()}>{ i18n.t(target.title_id()) }</a> }
    };
    html! {
        <header class="topbar">
            <span class="brand">{ "dataplay" }</span>
            <nav>
                { for Route::ALL.into_iter().map(link) }
            </nav>
            <LanguageSwitch on_language={props.on_language.clone()} />
            <button class="presenter-toggle" aria-pressed={props.present.to_string()} data-testid="presenter"
                onclick={{ let (set, on) = (props.on_present.clone(), props.present); Callback::from(move |_| set.emit(!on)) }}>
                { i18n.t(if props.present { "presenter-on" } else { "presenter" }) }
            </button>
            <button class="shortcuts-button" aria-haspopup="dialog" data-testid="shortcuts-button"
                onclick={props.on_help.reform(|_| ())}>{ i18n.t("shortcuts") }</button>
            <span class={classes!("engine-status", props.ready.then_some("ready"))} data-testid="engine-status" data-finished={props.finished.to_string()}>
                { if props.ready { i18n.t("engine-ready") } else { i18n.t("engine-starting") } }
            </span>
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct SwitchProps {
    on_language: Callback<Lang>,
}

/// One button per language, the current one pressed.
#[function_component(LanguageSwitch)]
fn language_switch(props: &SwitchProps) -> Html {
    let i18n = use_i18n();
    let button = |lang: Lang| {
        let pick = props.on_language.reform(move |_: MouseEvent| lang);
        let current = i18n.lang() == lang;
        html! {
            <button class={classes!("lang", current.then_some("active"))} lang={lang.code()}
                aria-pressed={current.to_string()} onclick={pick} data-testid={format!("lang-{}", lang.code())}>
                { lang.name() }
            </button>
        }
    };
    html! {
        <span class="language-switch" role="group" aria-label={i18n.t("language")}>
            { for Lang::ALL.into_iter().map(button) }
        </span>
    }
}
