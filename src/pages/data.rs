//! The Data page: upload files (drop or pick, several at once), generate the
//! built-in samples, choose how files are read, and preview any table.

use dataplay_api::{DatasetSummary, Encoding, LoadOptions, RowsWindow, SampleKind, SampleSpec};
use wasm_bindgen::JsCast;
use web_sys::{File, FileList, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::EngineActions;
use crate::components::preview_table::PreviewTable;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub datasets: Vec<DatasetSummary>,
    pub selected: Option<DatasetSummary>,
    pub window: Option<RowsWindow>,
    pub busy: bool,
    /// Engine restarts so far (see `AppState::epoch`).
    pub epoch: u32,
    /// The engine is up and holds the tables listed (not starting, not restoring).
    pub engine_usable: bool,
    pub actions: EngineActions,
}

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

#[function_component(DataPage)]
pub fn data_page(props: &Props) -> Html {
    let options = use_state(LoadOptions::default);
    let dragging = use_state(|| false);
    let sample_size = use_state(|| 10_000usize);
    let seed = use_state(|| 42u64);

    let on_pick = {
        let load = props.actions.load_files.clone();
        let options = options.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = files_of(input.files());
            // Clear so picking the same file again fires `change`.
            input.set_value("");
            load.emit((files, (*options).clone()));
        })
    };
    let on_drop = {
        let load = props.actions.load_files.clone();
        let options = options.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files = files_of(e.data_transfer().and_then(|d| d.files()));
            load.emit((files, (*options).clone()));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };

    let set_delimiter = {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            let mut o = (*options).clone();
            o.delimiter = match v.as_str() {
                "tab" => Some(b'\t'),
                "auto" => None,
                other => other.bytes().next(),
            };
            options.set(o);
        })
    };
    let set_encoding = {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let mut o = (*options).clone();
            o.encoding = Encoding::from_key(&select_value(&e)).unwrap_or_default();
            options.set(o);
        })
    };
    let toggle = |field: fn(&mut LoadOptions) -> &mut bool| {
        let options = options.clone();
        Callback::from(move |_: Event| {
            let mut o = (*options).clone();
            let f = field(&mut o);
            *f = !*f;
            options.set(o);
        })
    };
    let toggle_header = toggle(|o| &mut o.has_header);
    let toggle_flatten = toggle(|o| &mut o.flatten);
    let toggle_dates = toggle(|o| &mut o.parse_dates);

    let load_sample = |kind: SampleKind| {
        let load = props.actions.load_sample.clone();
        let size = *sample_size;
        let seed = *seed;
        Callback::from(move |_: MouseEvent| load.emit(SampleSpec { kind, seed, size }))
    };
    let set_size = {
        let sample_size = sample_size.clone();
        Callback::from(move |e: Event| sample_size.set(select_value(&e).parse().unwrap_or(10_000)))
    };
    let set_seed = {
        let seed = seed.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().trim().parse() {
                seed.set(v);
            }
        })
    };

    let reread = {
        let reload = props.actions.reload.clone();
        let selected = props.selected.clone();
        let options = options.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = &selected {
                let mut o = (*options).clone();
                o.text_columns = s.options.text_columns.clone();
                reload.emit((s.name.clone(), o));
            }
        })
    };
    let as_text = {
        let reload = props.actions.reload.clone();
        let selected = props.selected.clone();
        Callback::from(move |column: String| {
            if let Some(s) = &selected {
                let mut o = s.options.clone();
                if !o.text_columns.contains(&column) {
                    o.text_columns.push(column);
                }
                reload.emit((s.name.clone(), o));
            }
        })
    };

    let delimiter_key = match options.delimiter {
        None => "auto".to_string(),
        Some(b'\t') => "tab".to_string(),
        Some(d) => (d as char).to_string(),
    };

    html! {
        <section class="data-page">
            <div class="loaders">
                <div class={classes!("dropzone", dragging.then_some("dragging"))}
                     ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave} data-testid="dropzone">
                    <p>{ "Drop CSV, JSON, JSONL or Parquet files here, or " }</p>
                    <label class="button">
                        { "choose files" }
                        <input type="file" multiple=true data-testid="file-input"
                               accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson,.parquet,.pq"
                               onchange={on_pick} />
                    </label>
                </div>
                <fieldset class="read-options">
                    <legend>{ "How files are read" }</legend>
                    <label>{ "Delimiter " }
                        <select onchange={set_delimiter} data-testid="opt-delimiter">
                            { for [("auto", "auto"), (",", ", comma"), (";", "; semicolon"), ("tab", "tab"), ("|", "| pipe")].iter().map(|(k, l)| html! {
                                <option value={*k} selected={delimiter_key == *k}>{ *l }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ "Encoding " }
                        <select onchange={set_encoding} data-testid="opt-encoding">
                            { for Encoding::ALL.iter().map(|e| html! {
                                <option value={e.key()} selected={options.encoding == *e}>{ e.label() }</option>
                            }) }
                        </select>
                    </label>
                    <label><input type="checkbox" checked={options.has_header} onchange={toggle_header} />{ " first row is a header" }</label>
                    <label><input type="checkbox" checked={options.parse_dates} onchange={toggle_dates} />{ " parse dates" }</label>
                    <label><input type="checkbox" checked={options.flatten} onchange={toggle_flatten} data-testid="opt-flatten" />{ " flatten nested JSON" }</label>
                    if props.selected.as_ref().is_some_and(|s| s.format.is_some()) {
                        <button onclick={reread} disabled={props.busy} data-testid="reread">{ "Re-read the shown file with these options" }</button>
                    }
                </fieldset>
                <fieldset class="samples">
                    <legend>{ "Built-in samples" }</legend>
                    <label>{ "Size " }
                        <select onchange={set_size} data-testid="sample-size">
                            { for SampleSpec::SIZES.iter().map(|n| html! {
                                <option value={n.to_string()} selected={*sample_size == *n}>{ format!("{n}") }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ "Seed " }<input type="number" value={seed.to_string()} onchange={set_seed} data-testid="sample-seed" /></label>
                    <button onclick={load_sample(SampleKind::Retail)} disabled={props.busy} data-testid="sample-retail">{ "Retail tables" }</button>
                    <button onclick={load_sample(SampleKind::Media)} disabled={props.busy} data-testid="sample-media">{ "Media JSON" }</button>
                </fieldset>
            </div>

            if props.datasets.is_empty() {
                <p class="empty" data-testid="empty">{ "No tables yet: drop a file or load a sample." }</p>
            } else {
                <nav class="dataset-tabs" data-testid="datasets">
                    { for props.datasets.iter().map(|d| {
                        let select = props.actions.select.reform({ let n = d.name.clone(); move |_: MouseEvent| n.clone() });
                        let remove = props.actions.remove.reform({ let n = d.name.clone(); move |_: MouseEvent| n.clone() });
                        let active = props.selected.as_ref().is_some_and(|s| s.name == d.name);
                        html! {
                            <span class={classes!("tab", active.then_some("active"))}>
                                <button class="tab-name" onclick={select} data-testid={format!("dataset-{}", d.name)}>
                                    { &d.name }<small>{ format!(" {}", d.rows) }</small>
                                </button>
                                <button class="tab-close" onclick={remove} title="remove this table" data-testid={format!("remove-{}", d.name)}>{ "×" }</button>
                            </span>
                        }
                    }) }
                </nav>
            }
            if let Some(s) = props.selected.clone() {
                <div class="dataset-info">
                    <h2 data-testid="dataset-name">{ &s.name }</h2>
                    <span class="stat"><span data-testid="row-count">{ s.rows }</span>{ " rows" }</span>
                    <span class="stat">{ format!("{} columns", s.columns.len()) }</span>
                    <span class="stat muted">{ format!("from {}", s.source) }</span>
                    if let Some(f) = s.format { <span class="stat muted">{ f.label() }</span> }
                    { for s.notes.iter().map(|n| html! { <span class="note">{ crate::words::note(n) }</span> }) }
                </div>
                <PreviewTable summary={s} epoch={props.epoch} can_fetch={props.engine_usable} window={props.window.clone()} on_rows={props.actions.rows.clone()} on_text={Some(as_text)} />
            }
        </section>
    }
}
