//! How files are read (delimiter, encoding, header, dates, flattening), and
//! the buttons that read again with them the files that failed to load and
//! the shown file.

use dataplay_api::{DatasetSummary, Encoding, LoadOptions};
use web_sys::File;
use yew::prelude::*;

use crate::actions::use_actions;
use crate::dom;
use crate::i18n::{use_i18n, Args, I18n};
use crate::state::Restorable;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The options the next files are read with (the page keeps them).
    pub options: UseStateHandle<LoadOptions>,
    /// The shown table.
    pub selected: Option<DatasetSummary>,
    /// The sources of the latest load that failed.
    pub failed: Vec<Restorable>,
    pub busy: bool,
}

/// Each option of the delimiter select, and its message.
const DELIMITERS: [(&str, &str); 5] = [
    ("auto", "data-delimiter-auto"),
    (",", "data-delimiter-comma"),
    (";", "data-delimiter-semicolon"),
    ("tab", "data-delimiter-tab"),
    ("|", "data-delimiter-pipe"),
];

#[function_component(ReadOptions)]
pub fn read_options(props: &Props) -> Html {
    let i18n = use_i18n();
    let actions = use_actions();
    let reload = actions.reload;
    let options = &props.options;
    let failed: Vec<File> = props
        .failed
        .iter()
        .filter_map(|s| match s {
            Restorable::File { file, .. } => Some(file.clone()),
            Restorable::Sample(_) => None,
        })
        .collect();
    let failed_names: Vec<String> = failed.iter().map(File::name).collect();
    let read_failed = {
        let (load, options, failed) = (actions.load_files, options.clone(), failed.clone());
        Callback::from(move |_: MouseEvent| load.emit((failed.clone(), (*options).clone())))
    };
    let edit = |f: fn(&mut LoadOptions, &Event)| {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let mut o = (*options).clone();
            f(&mut o, &e);
            options.set(o);
        })
    };
    let set_delimiter = edit(|o, e| o.delimiter = delimiter(&dom::select_value(e)));
    let set_encoding = edit(|o, e| o.encoding = Encoding::from_key(&dom::select_value(e)).unwrap_or_default());
    let toggle_header = edit(|o, _| o.has_header = !o.has_header);
    let toggle_flatten = edit(|o, _| o.flatten = !o.flatten);
    let toggle_dates = edit(|o, _| o.parse_dates = !o.parse_dates);
    let reread = {
        let (selected, options) = (props.selected.clone(), options.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = &selected {
                let mut o = (*options).clone();
                o.text_columns = s.options.text_columns.clone();
                reload.emit((s.name.clone(), o));
            }
        })
    };
    let delimiter_key = delimiter_key(options.delimiter);
    html! {
            <fieldset class="read-options">
                <legend>{ i18n.t("data-read-options") }</legend>
                <label>{ i18n.t("data-delimiter") }{ " " }
                    <select onchange={set_delimiter} data-testid="opt-delimiter">
                        { for DELIMITERS.iter().map(|(k, l)| html! {
                            <option value={*k} selected={delimiter_key == *k}>{ i18n.t(l) }</option>
                        }) }
                    </select>
                </label>
                <label>{ i18n.t("data-encoding") }{ " " }
                    <select onchange={set_encoding} data-testid="opt-encoding">
                        { for Encoding::ALL.iter().map(|e| html! {
                            <option value={e.key()} selected={options.encoding == *e}>{ encoding_label(&i18n, *e) }</option>
                        }) }
                    </select>
                </label>
                <label><input type="checkbox" checked={options.has_header} onchange={toggle_header} />{ " " }{ i18n.t("data-has-header") }</label>
                <label><input type="checkbox" checked={options.parse_dates} onchange={toggle_dates} />{ " " }{ i18n.t("data-parse-dates") }</label>
                <label><input type="checkbox" checked={options.flatten} onchange={toggle_flatten} data-testid="opt-flatten" />{ " " }{ i18n.t("data-flatten") }</label>
                if !failed_names.is_empty() {
                    <button onclick={read_failed} disabled={props.busy} data-testid="reread-failed">
                        { i18n.t_with("data-reread-failed", &Args::new().text("files", failed_names.join(", ")).number("count", failed_names.len() as f64)) }
                    </button>
                }
                if props.selected.as_ref().is_some_and(|s| s.format.is_some()) {
                    <button onclick={reread} disabled={props.busy} data-testid="reread">{ i18n.t("data-reread") }
    </button>
                }
            </fieldset>
        }
}

/// An encoding as the select names it (the ones with words in them, in the
/// reader's language).
fn encoding_label(i18n: &I18n, e: Encoding) -> String {
    let args = Args::new().text("key", e.key()).text("label", e.label());
    i18n.t_with("data-encoding-name", &args)
}

/// The delimiter an option of the select stands for (`None`: detect it).
fn delimiter(key: &str) -> Option<u8> {
    match key {
        "tab" => Some(b'\t'),
        "auto" => None,
        other => other.bytes().next(),
    }
}

/// The select's option for a delimiter.
fn delimiter_key(delimiter: Option<u8>) -> String {
    match delimiter {
        None => "auto".to_string(),
        Some(b'\t') => "tab".to_string(),
        Some(d) => (d as char).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_delimiter_option_reads_back_as_itself() {
        for (key, _) in DELIMITERS {
            assert_eq!(delimiter_key(delimiter(key)), key);
        }
        assert_eq!(delimiter(","), Some(b','));
        assert_eq!(delimiter("tab"), Some(b'\t'));
        assert_eq!(delimiter("auto"), None);
        assert_eq!(delimiter(""), None);
    }
}
