//! The shell's own state — presenter mode, the shortcuts dialog, and the
//! glossary search's requests for focus — as a reducer over the keyboard's
//! commands and the header's buttons (tested natively). What leaves the
//! state (the URL, `localStorage`, `<html data-present>`) is written by
//! `presenter::use_presenter_effects`.

use std::rc::Rc;

use yew::Reducible;

use super::shortcuts::Command;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    pub present: bool,
    /// The shortcuts dialog is open.
    pub help: bool,
    /// Bumped each time the glossary's search field should take focus.
    pub search_focus: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellAction {
    /// A shortcut (moving to a page changes nothing here).
    Key(Command),
    /// The header's presenter button.
    Present(bool),
    OpenHelp,
    CloseHelp,
}

impl Shell {
    pub fn new(present: bool) -> Self {
        Shell {
            present,
            help: false,
            search_focus: 0,
        }
    }
}

impl Reducible for Shell {
    type Action = ShellAction;

    fn reduce(self: Rc<Self>, action: ShellAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            ShellAction::Key(Command::TogglePresenter) => s.present = !s.present,
            ShellAction::Key(Command::ToggleHelp) => s.help = !s.help,
            ShellAction::Key(Command::Escape) | ShellAction::CloseHelp => s.help = false,
            ShellAction::Key(Command::SearchGlossary) => s.search_focus = s.search_focus.wrapping_add(1),
            ShellAction::Key(Command::Go(_)) => {}
            ShellAction::Present(on) => s.present = on,
            ShellAction::OpenHelp => s.help = true,
        }
        if s == *self {
            self
        } else {
            Rc::new(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Route;

    fn after(start: Shell, actions: &[ShellAction]) -> Shell {
        let mut s = Rc::new(start);
        for a in actions {
            s = s.reduce(*a);
        }
        (*s).clone()
    }

    #[test]
    fn p_toggles_presenter_mode_and_the_button_sets_it() {
        let s = after(Shell::new(false), &[ShellAction::Key(Command::TogglePresenter)]);
        assert!(s.present);
        let s = after(s, &[ShellAction::Key(Command::TogglePresenter)]);
        assert!(!s.present);
        assert!(
            after(
                Shell::new(false),
                &[ShellAction::Present(true), ShellAction::Present(true)]
            )
            .present
        );
        assert!(!after(Shell::new(true), &[ShellAction::Present(false)]).present);
    }

    #[test]
    fn question_mark_toggles_the_dialog_and_escape_or_close_shuts_it() {
        let open = after(Shell::new(false), &[ShellAction::Key(Command::ToggleHelp)]);
        assert!(open.help);
        assert!(!after(open.clone(), &[ShellAction::Key(Command::ToggleHelp)]).help);
        assert!(!after(open.clone(), &[ShellAction::Key(Command::Escape)]).help);
        assert!(!after(open, &[ShellAction::CloseHelp]).help);
        assert!(after(Shell::new(false), &[ShellAction::OpenHelp, ShellAction::OpenHelp]).help);
        // Escape with nothing open changes nothing (no re-render).
        let s = Rc::new(Shell::new(false));
        assert!(Rc::ptr_eq(&s.clone().reduce(ShellAction::Key(Command::Escape)), &s));
    }

    #[test]
    fn slash_asks_for_the_search_each_time_and_digits_leave_it_alone() {
        let s = after(
            Shell::new(false),
            &[
                ShellAction::Key(Command::SearchGlossary),
                ShellAction::Key(Command::Go(Route::Etl)),
                ShellAction::Key(Command::SearchGlossary),
            ],
        );
        assert_eq!((s.search_focus, s.present, s.help), (2, false, false));
    }
}
