//! The table a page's link names (`table=`, `stage=`): shown once it
//! exists (a link opened before the data is loaded or the run is made),
//! and until then the link keeps naming it; after that the link names the
//! table shown. One rule for the Data, ETL and Lake pages.

use yew::prelude::*;

use crate::state::Browser;

/// Show `wanted` when `browser` has it; the table the link should name.
#[hook]
pub fn use_linked_table(wanted: Option<String>, browser: &Browser, select: &Callback<String>) -> Option<String> {
    let pending = use_mut_ref(|| wanted);
    let names: Vec<String> = browser.datasets.iter().map(|d| d.name.clone()).collect();
    {
        let (pending, select, selected) = (pending.clone(), select.clone(), browser.selected.clone());
        use_effect_with(names, move |names| {
            let want = pending.borrow().clone();
            if let Some(w) = want.filter(|w| names.contains(w)) {
                *pending.borrow_mut() = None;
                if selected.as_deref() != Some(w.as_str()) {
                    select.emit(w);
                }
            }
        });
    }
    let want = pending.borrow().clone();
    want.or_else(|| browser.selected.clone())
}
