//! Starting something that sets up its own lake (an exercise, a lesson):
//! when the lake has files, the page asks first and says how many are
//! replaced; otherwise it starts at once.

use yew::prelude::*;

use crate::i18n::{Args, I18n};

/// Which item (by id) is asking, and the start it guards.
#[derive(Clone)]
pub struct StartGuard {
    asking: UseStateHandle<Option<String>>,
    start: Callback<String>,
    lake_files: usize,
}

#[hook]
pub fn use_start_guard(start: Callback<String>, lake_files: usize) -> StartGuard {
    StartGuard {
        asking: use_state(|| None::<String>),
        start,
        lake_files,
    }
}

impl StartGuard {
    fn go(&self, id: &str) -> Callback<MouseEvent> {
        let (start, id, asking) = (self.start.clone(), id.to_string(), self.asking.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(None);
            start.emit(id.clone())
        })
    }

    /// What the Start button does: ask first when `sets_lake` and the lake
    /// has files.
    pub fn start(&self, id: &str, sets_lake: bool) -> Callback<MouseEvent> {
        if sets_lake && self.lake_files > 0 {
            let (asking, id) = (self.asking.clone(), id.to_string());
            Callback::from(move |_: MouseEvent| asking.set(Some(id.clone())))
        } else {
            self.go(id)
        }
    }

    /// The question, while `id` is asking (`message`: its catalog id with a
    /// `$files` argument; `testid`: `exercise` → `exercise-start-ask`, …).
    pub fn ask(&self, i18n: &I18n, id: &str, message: &str, testid: &str) -> Html {
        if self.asking.as_deref() != Some(id) {
            return Html::default();
        }
        let cancel = {
            let asking = self.asking.clone();
            Callback::from(move |_: MouseEvent| asking.set(None))
        };
        let files = Args::new().text("files", i18n.count(self.lake_files as f64));
        html! {
            <p role="alertdialog" data-testid={format!("{testid}-start-ask")}>
                { i18n.t_with(message, &files) }{ " " }
                <button class="danger" onclick={self.go(id)} data-testid={format!("{testid}-start-confirm")}>{ i18n.t("ex-replace-yes") }</button>{ " " }
                <button onclick={cancel}>{ i18n.t("data-workspace-reset-no") }</button>
            </p>
        }
    }
}
