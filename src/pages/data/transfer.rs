//! The whole workspace as one file: export it, or import one (another
//! browser's, a trainer's) after saying what it replaces.

use web_sys::File;
use yew::prelude::*;

use crate::app::persist::Keeping;
use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub keeping: Keeping,
}

#[function_component(WorkspaceTransfer)]
pub fn workspace_transfer(props: &Props) -> Html {
    let i18n = use_i18n();
    let chosen = use_state(|| None::<File>);
    let keeping = &props.keeping;
    if keeping.importing {
        return html! { <span role="status" data-testid="workspace-importing">{ i18n.t("data-workspace-importing") }</span> };
    }
    let export = keeping.export.reform(|_: MouseEvent| ());
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = crate::dom::take_files(&e).into_iter().next() {
                chosen.set(Some(file));
            }
        })
    };
    if let Some(file) = (*chosen).clone() {
        let yes = {
            let (import, chosen, file) = (keeping.import.clone(), chosen.clone(), file.clone());
            Callback::from(move |_: MouseEvent| {
                chosen.set(None);
                import.emit(file.clone());
            })
        };
        let no = {
            let chosen = chosen.clone();
            Callback::from(move |_: MouseEvent| chosen.set(None))
        };
        return html! {
            <span role="alertdialog" aria-label={i18n.t("data-workspace-import")}>
                { i18n.t_with("data-workspace-import-confirm", &Args::new().text("file", file.name())) }{ " " }
                <button class="danger" onclick={yes} data-testid="workspace-import-confirm">{ i18n.t("data-workspace-import-yes") }</button>
                <button onclick={no}>{ i18n.t("data-workspace-reset-no") }</button>
            </span>
        };
    }
    html! {
        <>
            <button onclick={export} data-testid="workspace-export">{ i18n.t("data-workspace-export") }</button>{ " " }
            <label class="button">
                { i18n.t("data-workspace-import") }
                <input type="file" accept=".dataplay" data-testid="workspace-import" onchange={on_pick} />
            </label>{ " " }
        </>
    }
}
