//! The keyboard shortcuts: which key does what (plain Rust, tested
//! natively), the document's key listener that runs them, and the dialog
//! that lists them (opened by `?` or the header's button, closed by Escape).

use yew::prelude::*;

use crate::dom;
use crate::i18n::{use_i18n, Args};
use crate::route::Route;

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    TogglePresenter,
    ToggleHelp,
    Go(Route),
    SearchGlossary,
    Escape,
}

/// The command a key names; none while typing in a field (Escape aside)
/// or with Ctrl, Alt or Meta held (the browser's own shortcuts).
pub fn command(key: &str, modified: bool, typing: bool) -> Option<Command> {
    if modified || (typing && key != "Escape") {
        return None;
    }
    Some(match key {
        "p" | "P" => Command::TogglePresenter,
        "?" => Command::ToggleHelp,
        "/" => Command::SearchGlossary,
        "Escape" => Command::Escape,
        digit => {
            let n: usize = digit.parse().ok()?;
            Command::Go(*Route::ALL.get(n.checked_sub(1)?)?)
        }
    })
}

/// Run `run` on the command of every key pressed, for the app's lifetime.
#[hook]
pub fn use_shortcuts(run: Callback<Command>) {
    use_effect_with((), move |_| {
        let listener = dom::on_keydown(move |e| {
            let modified = e.ctrl_key() || e.alt_key() || e.meta_key();
            if let Some(c) = command(&e.key(), modified, dom::is_typing(&e)) {
                if c != Command::Escape {
                    e.prevent_default();
                }
                run.emit(c);
            }
        });
        move || drop(listener)
    });
}

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub on_close: Callback<()>,
}

/// The list of shortcuts, as a modal dialog; its close button takes focus.
#[function_component(ShortcutsDialog)]
pub fn shortcuts_dialog(props: &DialogProps) -> Html {
    let i18n = use_i18n();
    let close = use_node_ref();
    {
        let close = close.clone();
        use_effect_with((), move |_| dom::focus(&close));
    }
    let row = |keys: String, what: String| html! { <tr><td><kbd>{ keys }</kbd></td><td>{ what }</td></tr> };
    let pages = Route::ALL.into_iter().enumerate().map(|(n, r)| {
        row(
            (n + 1).to_string(),
            i18n.t_with("shortcut-page", &Args::new().text("page", i18n.t(r.title_id()))),
        )
    });
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
                <h2 id="shortcuts-title">{ i18n.t("shortcuts-title") }</h2>
                <p class="muted">{ i18n.t("shortcuts-intro") }</p>
                <table class="plain shortcuts">
                    <tbody>
                        { row("p".into(), i18n.t("shortcut-presenter")) }
                        { row("?".into(), i18n.t("shortcut-help")) }
                        { for pages }
                        { row("/".into(), i18n.t("shortcut-search")) }
                        { row("n, PageDown".into(), i18n.t("shortcut-lesson-next")) }
                        { row("b, PageUp".into(), i18n.t("shortcut-lesson-back")) }
                        { row("Esc".into(), i18n.t("shortcut-escape")) }
                        { row("Tab".into(), i18n.t("shortcut-tab")) }
                    </tbody>
                </table>
                <button ref={close} onclick={props.on_close.reform(|_| ())} data-testid="shortcuts-close">{ i18n.t("shortcuts-close") }</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_commands() {
        assert_eq!(command("p", false, false), Some(Command::TogglePresenter));
        assert_eq!(command("?", false, false), Some(Command::ToggleHelp));
        assert_eq!(command("/", false, false), Some(Command::SearchGlossary));
        assert_eq!(command("1", false, false), Some(Command::Go(Route::Data)));
        assert_eq!(command("4", false, false), Some(Command::Go(Route::Cap)));
        assert_eq!(command("5", false, false), Some(Command::Go(Route::Lessons)));
        assert_eq!(command("6", false, false), Some(Command::Go(Route::Exercises)));
        assert_eq!(command("7", false, false), Some(Command::Go(Route::Glossary)));
        assert_eq!(command("Escape", false, false), Some(Command::Escape));
    }

    #[test]
    fn nothing_fires_while_typing_or_with_a_modifier() {
        for key in ["p", "?", "/", "1"] {
            assert_eq!(command(key, false, true), None, "{key}");
            assert_eq!(command(key, true, false), None, "{key}");
        }
        assert_eq!(command("Escape", false, true), Some(Command::Escape));
    }

    #[test]
    fn other_keys_do_nothing() {
        for key in ["0", "8", "9", "x", "Enter", "", "12"] {
            assert_eq!(command(key, false, false), None, "{key}");
        }
    }
}
