//! Presenter mode as state: large type and high contrast for a projector,
//! chosen at start (`?present=1`, else the last choice) and on a switch
//! remembered, written to the URL and to `<html data-present>` (the style
//! sheet follows it). Nothing else changes with it.

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

/// Whether presenter mode is on, and the callback that sets it.
#[hook]
pub fn use_presenter() -> (bool, Callback<bool>) {
    let on = use_state(|| {
        let on = choose(
            dom::search_param("present").as_deref(),
            dom::remembered(REMEMBERED).as_deref(),
        );
        apply(on);
        on
    });
    let set = {
        let on = on.clone();
        Callback::from(move |to: bool| {
            let code = if to { "1" } else { "0" };
            dom::remember(REMEMBERED, code);
            dom::replace_search_param("present", code);
            apply(to);
            on.set(to);
        })
    };
    (*on, set)
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
