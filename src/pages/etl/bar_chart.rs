//! A bar chart of labelled values on a [`Frame`]: the value axis with its
//! unit, one bar per category (its value above it when there are few), the
//! categories and their axis's title below, and a legend for bars below
//! zero when there are any.

use yew::prelude::*;

use super::frame::{f, x_title, Frame, BOTTOM, H, LEFT, RIGHT, W};
use crate::i18n::I18n;

/// What one bar chart shows.
pub struct Bars<'a> {
    pub title: String,
    pub testid: &'a str,
    /// The value axis's unit (`Revenue, million VND`), worded for `scale`.
    pub unit: String,
    pub scale: f64,
    /// The category axis's title.
    pub x_title: String,
    /// (category label, value); an empty label leaves the category unnamed.
    pub values: Vec<(String, f64)>,
    /// A note under the chart (what a category means).
    pub note: Option<String>,
}

/// Bars with at most this many categories show their value above them.
const VALUED: usize = 8;

pub fn bar_chart(i18n: &I18n, b: Bars) -> Html {
    let lang = i18n.lang();
    let lo = b.values.iter().map(|v| v.1).fold(0.0, f64::min);
    let hi = b.values.iter().map(|v| v.1).fold(0.0, f64::max);
    let frame = Frame::new(lo, hi, b.scale);
    let step = (W - LEFT - RIGHT) / b.values.len().max(1) as f64;
    let negative = lo < 0.0;
    let value_step = if b.scale > 1.0 { 0.1 } else { 1.0 };
    html! {
        <figure class="chart" data-testid={b.testid.to_string()}>
            <figcaption>{ &b.title }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={b.title.clone()}>
                { frame.draw(lang, &b.unit) }
                { for b.values.iter().enumerate().map(|(i, (label, v))| {
                    let x = LEFT + i as f64 * step;
                    let (top, bottom) = (frame.y(v.max(0.0)), frame.y(v.min(0.0)));
                    let value = frame.label(lang, *v, value_step);
                    let centre = f(x + step / 2.0);
                    html! {
                        <g>
                            <rect class={if *v < 0.0 { "bar neg" } else { "bar pos" }} x={f(x + step * 0.12)} y={f(top)}
                                width={f((step * 0.76).max(1.0))} height={f((bottom - top).max(0.0))}>
                                <title>{ format!("{label}: {} ({})", value, b.unit) }</title>
                            </rect>
                            if b.values.len() <= VALUED {
                                <text class="value" x={centre.clone()} y={f(if *v < 0.0 { bottom + 13.0 } else { top - 4.0 })} text-anchor="middle" data-testid="bar-value">{ value }</text>
                            }
                            <text class="tick" x={centre} y={f(H - BOTTOM + 16.0)} text-anchor="middle" data-testid="x-tick">{ label }</text>
                        </g>
                    }
                }) }
                { x_title(&b.x_title) }
            </svg>
            if negative {
                <ul class="legend"><li><span class="swatch neg"></span>{ i18n.t("etl-legend-negative") }</li></ul>
            }
            if let Some(note) = &b.note { <p class="chart-note" data-testid="chart-note">{ note }</p> }
        </figure>
    }
}
