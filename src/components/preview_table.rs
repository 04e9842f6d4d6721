//! The preview grid: renders only the rows in view (plus nothing else), asks
//! the engine for the rows it lacks, and scrolls through millions of rows.
//! Past a few million pixels browsers cap an element's height, so very long
//! tables map the scroll position onto the rows proportionally.

use std::cell::RefCell;
use std::rc::Rc;

use dataplay_api::{DatasetSummary, RowsWindow};
use web_sys::Element;
use yew::prelude::*;

use crate::dom;
use crate::i18n::{use_i18n, Args, I18n};

pub const ROW_HEIGHT: f64 = 28.0;
const VIEWPORT: f64 = 440.0;
const MAX_SCROLL_PX: f64 = 8_000_000.0;
const COLUMN_WIDTH: usize = 180;
/// Rows fetched beyond the visible ones, each side.
const OVERSCAN: usize = 80;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summary: DatasetSummary,
    pub window: Option<RowsWindow>,
    /// Engine restarts so far: a request sent before a restart is never answered.
    pub epoch: u32,
    /// False while the engine is starting or restoring: rows are asked for after.
    pub can_fetch: bool,
    /// (dataset, start, len)
    pub on_rows: Callback<(String, usize, usize)>,
    /// Re-read a column as text; `None` for tables that were not read from a
    /// file (stage outputs), which get no "as text" button.
    #[prop_or_default]
    pub on_text: Option<Callback<String>>,
}

/// Which rows are in view for a scroll position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub first: usize,
    pub count: usize,
    /// Height of the scrolled content.
    pub content_px: f64,
    /// Where the rendered rows are placed within it.
    pub top_px: f64,
}

pub fn viewport(rows: usize, scroll_top: f64) -> Viewport {
    let count = ((VIEWPORT / ROW_HEIGHT).ceil() as usize + 1).min(rows);
    let total_px = rows as f64 * ROW_HEIGHT;
    let last_first = rows - count;
    if total_px <= MAX_SCROLL_PX {
        let first = ((scroll_top / ROW_HEIGHT).max(0.0) as usize).min(last_first);
        Viewport {
            first,
            count,
            content_px: total_px,
            top_px: first as f64 * ROW_HEIGHT,
        }
    } else {
        let max_scroll = MAX_SCROLL_PX - VIEWPORT;
        let f = (scroll_top / max_scroll).clamp(0.0, 1.0);
        let first = ((f * last_first as f64).round() as usize).min(last_first);
        Viewport {
            first,
            count,
            content_px: MAX_SCROLL_PX,
            top_px: scroll_top.clamp(0.0, max_scroll),
        }
    }
}

fn covers(window: &RowsWindow, dataset: &str, first: usize, count: usize) -> bool {
    window.dataset == dataset && window.start <= first && first + count <= window.start + window.rows.len()
}

/// Rows asked of the engine and not received yet.
struct Pending {
    epoch: u32,
    dataset: String,
    start: usize,
    len: usize,
}

impl Pending {
    fn covers(&self, epoch: u32, dataset: &str, first: usize, count: usize) -> bool {
        self.epoch == epoch && self.dataset == dataset && self.start <= first && first + count <= self.start + self.len
    }
}

#[function_component(PreviewTable)]
pub fn preview_table(props: &Props) -> Html {
    let i18n = use_i18n();
    let scroll_top = use_state(|| 0.0f64);
    let scroller = use_node_ref();
    let requested: Rc<RefCell<Option<Pending>>> = use_mut_ref(|| None);
    let summary = &props.summary;
    let view = viewport(summary.rows, *scroll_top);

    // Back to the top when another dataset is shown.
    {
        let scroller = scroller.clone();
        let scroll_top = scroll_top.clone();
        let requested = requested.clone();
        use_effect_with(summary.name.clone(), move |_| {
            if let Some(el) = scroller.cast::<Element>() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
            *requested.borrow_mut() = None;
        });
    }
    use_fetch_rows(props, view, requested.clone());
    // A window that arrives for another range frees the pending marker.
    if let Some(w) = &props.window {
        let mut pending = requested.borrow_mut();
        if pending
            .as_ref()
            .is_some_and(|p| p.dataset == w.dataset && p.start == w.start)
        {
            *pending = None;
        }
    }

    let onscroll = {
        let scroll_top = scroll_top.clone();
        Callback::from(move |e: Event| scroll_top.set(dom::scroll_top(&e)))
    };

    let width = summary.columns.len().max(1) * COLUMN_WIDTH + 60;
    let colgroup = html! {
        <colgroup>
            <col style="width: 60px" />
            { for summary.columns.iter().map(|_| html! { <col style={format!("width: {COLUMN_WIDTH}px")} /> }) }
        </colgroup>
    };
    let window = props.window.as_ref().filter(|w| w.dataset == summary.name);

    html! {
        <div class="grid-scroll" ref={scroller} onscroll={onscroll} data-testid="grid-scroll">
            <table class="grid grid-head" style={format!("width: {width}px")}>
                { colgroup.clone() }
                <thead><tr><th class="rownum">{ "#" }</th>{ header(&i18n, summary, props.on_text.as_ref()) }</tr></thead>
            </table>
            <div class="grid-space" style={format!("height: {}px; width: {width}px", view.content_px)}>
                <table class="grid" data-testid="data-table" style={format!("width: {width}px; top: {}px", view.top_px)}>
                    { colgroup }
                    <tbody>{ rows(summary, view, window) }</tbody>
                </table>
            </div>
        </div>
    }
}

/// Ask for the rows in view when the window does not hold them (nor a
/// request already sent to this engine).
#[hook]
fn use_fetch_rows(props: &Props, view: Viewport, requested: Rc<RefCell<Option<Pending>>>) {
    let summary = &props.summary;
    let on_rows = props.on_rows.clone();
    let have = props
        .window
        .as_ref()
        .is_some_and(|w| covers(w, &summary.name, view.first, view.count));
    let name = summary.name.clone();
    let rows_version = (summary.rows, summary.columns.clone());
    let epoch = props.epoch;
    let can_fetch = props.can_fetch;
    use_effect_with(
        (name, view.first, view.count, have, rows_version, epoch, can_fetch),
        move |(name, first, count, have, _, epoch, can_fetch)| {
            let pending = requested
                .borrow()
                .as_ref()
                .is_some_and(|p| p.covers(*epoch, name, *first, *count));
            if *can_fetch && !*have && !pending && *count > 0 {
                let start = first.saturating_sub(OVERSCAN);
                let len = count + 2 * OVERSCAN;
                *requested.borrow_mut() = Some(Pending {
                    epoch: *epoch,
                    dataset: name.clone(),
                    start,
                    len,
                });
                on_rows.emit((name.clone(), start, len));
            }
        },
    );
}

/// A header cell per column: name, type (inferred or declared), nulls, and
/// the "as text" button where a column can be re-read as text.
fn header(i18n: &I18n, summary: &DatasetSummary, on_text: Option<&Callback<String>>) -> Html {
    summary.columns.iter().map(|c| {
        let name = c.name.clone();
        let on_text = on_text.map(|cb| cb.reform(move |_: MouseEvent| name.clone()));
        html! {
            <th data-testid="column-header" data-column={c.name.clone()} title={c.name.clone()}>
                <div class="col-name">{ &c.name }</div>
                <div class="col-meta">
                    <span class={classes!("dtype", c.inferred.then_some("inferred"))} data-testid="column-type"
                          title={i18n.t(if c.inferred { "data-type-inferred" } else { "data-type-declared" })}>
                        { &c.dtype }
                    </span>
                    <span class="nulls" data-testid="null-count" title={i18n.t("data-nulls-title")}>
                        { i18n.t_with("data-nulls", &Args::new().text("count", c.null_count.to_string())) }
                    </span>
                    if on_text.is_some() && c.dtype != "str" && !c.dtype.starts_with("struct") && !c.dtype.starts_with("list") {
                        <button class="as-text" onclick={on_text} data-testid={format!("as-text-{}", c.name)}
                                title={i18n.t("data-as-text-title")}>{ i18n.t("data-as-text") }</button>

                    }
                </div>
            </th>
        }
    }).collect()
}

/// The rows in view, from the window where it holds them, placeholders
/// where it does not (yet).
fn rows(summary: &DatasetSummary, view: Viewport, window: Option<&RowsWindow>) -> Html {
    (view.first..view.first + view.count).map(|i| {
        let row = window.and_then(|w| i.checked_sub(w.start).and_then(|k| w.rows.get(k)));
        html! {
            <tr key={i} class={classes!(row.is_none().then_some("loading"))}>
                <td class="rownum">{ i + 1 }</td>
                {
                    match row {
                        Some(cells) => cells.iter().map(|cell| match cell {
                            Some(text) => html! { <td title={text.clone()}>{ text }</td> },
                            None => html! { <td class="null">{ "null" }</td> },
                        }).collect::<Html>(),
                        None => summary.columns.iter().map(|_| html! { <td class="placeholder">{ "…" }</td> }).collect::<Html>(),
                    }
                }
            </tr>
        }
    }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_tables_scroll_by_pixels() {
        let v = viewport(1_000, 280.0);
        assert_eq!(v.first, 10);
        assert_eq!(v.top_px, 280.0);
        assert_eq!(v.content_px, 28_000.0);
    }

    #[test]
    fn huge_tables_map_scroll_to_rows() {
        let rows = 3_000_000;
        let end = viewport(rows, MAX_SCROLL_PX);
        assert_eq!(end.first + end.count, rows);
        assert_eq!(viewport(rows, 0.0).first, 0);
        let mid = viewport(rows, (MAX_SCROLL_PX - VIEWPORT) / 2.0);
        assert!((mid.first as i64 - (rows as i64 - mid.count as i64) / 2).abs() <= 1);
    }

    #[test]
    fn tiny_and_empty_tables() {
        assert_eq!(viewport(0, 0.0).count, 0);
        assert_eq!(viewport(3, 500.0).first, 0);
        assert_eq!(viewport(3, 500.0).count, 3);
    }
}
