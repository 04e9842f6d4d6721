//! Whether the browser keeps the user's tables for the next visit, and the
//! button that forgets them (and everything loaded) at once.

use yew::prelude::*;

use crate::app::persist::Keeping;
use crate::i18n::use_i18n;

#[function_component(Workspace)]
pub fn workspace() -> Html {
    let i18n = use_i18n();
    let Some(keeping) = use_context::<Keeping>() else {
        return Html::default();
    };
    let confirming = use_state(|| false);
    let status = match keeping.available {
        None => return Html::default(),
        Some(true) => "data-workspace-kept",
        Some(false) => "data-workspace-not-kept",
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let reset = keeping.reset.reform(|_: MouseEvent| ());
    html! {
        <p class="workspace muted" data-testid="workspace" data-kept={keeping.available.unwrap_or(false).to_string()}
            data-files={keeping.progress.files.to_string()} data-saving={keeping.progress.saving.to_string()}
            data-lake-kept={keeping.lake_kept.to_string()}>
            { i18n.t(status) }{ " " }
            if keeping.progress.saving {
                <span role="status">{ i18n.t("data-workspace-saving") }{ " " }</span>
            }
            if *confirming {
                <span role="alertdialog" aria-label={i18n.t("data-workspace-reset")}>
                    { i18n.t("data-workspace-reset-confirm") }{ " " }
                    <button class="danger" onclick={reset} data-testid="workspace-reset-confirm">
                        { i18n.t("data-workspace-reset-yes") }
                    </button>
                    <button onclick={cancel}>{ i18n.t("data-workspace-reset-no") }</button>
                </span>
            } else {
                if keeping.available == Some(true) {
                    <super::transfer::WorkspaceTransfer keeping={keeping.clone()} />
                }
                <button onclick={ask} data-testid="workspace-reset">{ i18n.t("data-workspace-reset") }</button>
            }
        </p>
    }
}
