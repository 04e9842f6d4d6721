//! Presenter mode, large type and high contrast for a projector: chosen at
//! start (`?present=1`, else the last choice), kept in the shell's reducer
//! (`shell.rs`), and on a switch remembered, written to the URL and to
//! `<html data-present>` (the style sheet follows it).

use yew::prelude::*;

use crate::dom;

const REMEMBERED: &str = "dataplay-present";

/// The URL's choice first (`1`/`0`), then the remembered one; off by default.
pub fn choose(url: Option<&str>, remembered: Option<&str>) -> bool {
    let read = |v: &str| match v.trim() {
        "1" | "true" | "on" => Some(true),
        "0" | "false" | "off" => Some(false),
        _ => None,
    };
    url.and_then(read)
        .or_else(|| remembered.and_then(read))
        .unwrap_or(false)
}

fn apply(on: bool) {
    dom::set_root_attribute("data-present", on.then_some("1"));
}

/// Presenter mode as the page opens: `?present=`, else the last choice.
pub fn initial() -> bool {
    choose(
        dom::search_param("present").as_deref(),
        dom::remembered(REMEMBERED).as_deref(),
    )
}

/// Follow the mode: `<html data-present>` always; the URL and the
/// remembered choice once it has been switched (opening a page writes
/// nothing).
#[hook]
pub fn use_presenter_effects(on: bool) {
    let first = use_mut_ref(|| true);
    use_effect_with(on, move |&on| {
        apply(on);
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            let code = if on { "1" } else { "0" };
            dom::remember(REMEMBERED, code);
            dom::replace_search_param("present", code);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::choose;

    #[test]
    fn the_url_wins_then_the_last_choice_then_off() {
        assert!(choose(Some("1"), Some("0")));
        assert!(!choose(Some("0"), Some("1")));
        assert!(choose(None, Some("1")));
        assert!(choose(Some("junk"), Some("1")));
        assert!(!choose(None, None));
        assert!(!choose(Some(""), None));
    }
}
