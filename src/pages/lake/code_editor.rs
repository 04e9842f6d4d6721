//! The page's code editor (the lake's SQL, the warehouse script, a Glue
//! job's JSON): a tall, resizable monospace text area where Ctrl/Cmd+Enter
//! runs, Tab indents, and Esc then Tab leaves it (Shift+Tab always does).

use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::dom;
use crate::i18n::use_i18n;

/// What Tab inserts.
const INDENT: &str = "    ";

/// `text` with [`INDENT`] in place of the selection `start..end` (offsets
/// in UTF-16 units, as the browser counts them), and where the caret goes.
pub fn indent(text: &str, start: u32, end: u32) -> (String, u32) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let end = (end as usize).min(units.len());
    let start = (start as usize).min(end);
    let mut out: Vec<u16> = units[..start].to_vec();
    out.extend(INDENT.encode_utf16());
    out.extend_from_slice(&units[end..]);
    (String::from_utf16_lossy(&out), (start + INDENT.len()) as u32)
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: String,
    pub on_change: Callback<String>,
    /// Ctrl/Cmd+Enter.
    pub on_run: Callback<()>,
    pub testid: AttrValue,
    /// What the editor holds, for assistive technology.
    pub label: AttrValue,
    #[prop_or(14)]
    pub rows: u32,
    /// The text does not parse (shown by the frame).
    #[prop_or_default]
    pub invalid: bool,
}

#[function_component(CodeEditor)]
pub fn code_editor(props: &Props) -> Html {
    let i18n = use_i18n();
    // Set by Esc: the next Tab moves the focus on instead of indenting.
    let leaving = use_mut_ref(|| false);
    let on_input = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| on_change.emit(dom::textarea_value(&e)))
    };
    let on_keydown = {
        let (on_run, on_change, leaving) = (props.on_run.clone(), props.on_change.clone(), leaving.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let was_leaving = leaving.replace(key == "Escape");
            match key.as_str() {
                "Enter" if e.ctrl_key() || e.meta_key() => {
                    e.prevent_default();
                    on_run.emit(());
                }
                "Tab" if !e.shift_key() && !was_leaving && !e.ctrl_key() && !e.alt_key() && !e.meta_key() => {
                    let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() else {
                        return;
                    };
                    e.prevent_default();
                    let start = area.selection_start().ok().flatten().unwrap_or(0);
                    let end = area.selection_end().ok().flatten().unwrap_or(start);
                    let (text, caret) = indent(&area.value(), start, end);
                    area.set_value(&text);
                    area.set_selection_range(caret, caret).ok();
                    on_change.emit(text);
                }
                _ => {}
            }
        })
    };
    let hint = format!("{}-keys", props.testid);
    html! {
        <div class="code-editor">
            <textarea class={classes!("code", props.invalid.then_some("invalid"))} rows={props.rows.to_string()}
                spellcheck="false" autocomplete="off" aria-label={props.label.clone()} aria-describedby={hint.clone()}
                aria-invalid={props.invalid.to_string()}
                value={props.value.clone()} oninput={on_input} onkeydown={on_keydown} data-testid={props.testid.clone()} />
            <p class="editor-keys muted" id={hint}>{ i18n.t("lake-editor-keys") }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_replaces_the_selection_with_spaces_counting_as_the_browser_does() {
        assert_eq!(indent("SELECT\nFROM", 7, 7), ("SELECT\n    FROM".to_string(), 11));
        assert_eq!(indent("abcdef", 1, 4), ("a    ef".to_string(), 5));
        // "đ" and "😀" are one and two UTF-16 units: the offsets are the browser's.
        assert_eq!(indent("đ😀x", 3, 3), ("đ😀    x".to_string(), 7));
        // Offsets past the end (a stale selection) indent at the end.
        assert_eq!(indent("ab", 9, 12), ("ab    ".to_string(), 6));
    }
}
