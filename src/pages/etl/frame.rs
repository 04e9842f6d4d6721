//! The frame every ETL chart is drawn in: one size (a 480 × 280 view box
//! shown 30 rem wide, so that its 12-unit labels are 12 px at the page's
//! 1× font and grow with it), the plot area, and the value axis — the
//! axis's unit above it, gridlines, and labelled round ticks.

use yew::prelude::*;

use super::axis;
use crate::i18n::Lang;

pub const W: f64 = 480.0;
pub const H: f64 = 280.0;
pub const LEFT: f64 = 58.0;
pub const RIGHT: f64 = 12.0;
pub const TOP: f64 = 30.0;
pub const BOTTOM: f64 = 46.0;

/// `x.y` with one decimal, for SVG attributes.
pub fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// The value axis of one chart: its ticks, and where a value is drawn.
pub struct Frame {
    ticks: Vec<f64>,
    step: f64,
    /// What a tick label is counted in (1, 1e3, 1e6, 1e9).
    scale: f64,
}

impl Frame {
    /// An axis from `lo` to `hi` (zero always in view), labels counted in `scale`.
    pub fn new(lo: f64, hi: f64, scale: f64) -> Frame {
        let ticks = axis::ticks(lo.min(0.0) / scale, hi.max(0.0) / scale, 5);
        let step = ticks.get(1).zip(ticks.first()).map_or(1.0, |(b, a)| b - a);
        let ticks = ticks.into_iter().map(|t| t * scale).collect();
        Frame { ticks, step, scale }
    }

    fn lo(&self) -> f64 {
        self.ticks.first().copied().unwrap_or(0.0)
    }

    fn hi(&self) -> f64 {
        self.ticks.last().copied().unwrap_or(1.0)
    }

    /// The y of a value.
    pub fn y(&self, v: f64) -> f64 {
        let span = (self.hi() - self.lo()).max(f64::MIN_POSITIVE);
        TOP + (self.hi() - v) / span * (H - TOP - BOTTOM)
    }

    /// A value as the axis counts it (`1.234,5` in Vietnamese).
    pub fn label(&self, lang: Lang, v: f64, step: f64) -> String {
        axis::tick_label(lang, v / self.scale, step)
    }

    /// The unit above the axis, gridlines and tick labels.
    pub fn draw(&self, lang: Lang, unit: &str) -> Html {
        html! {
            <g class="value-axis">
                <text class="axis-title" x="0" y="14">{ unit }</text>
                { for self.ticks.iter().map(|t| {
                    let y = f(self.y(*t));
                    html! {
                        <g>
                            <line class={if *t == 0.0 { "zero" } else { "grid" }} x1={f(LEFT)} x2={f(W - RIGHT)} y1={y.clone()} y2={y.clone()} />
                            <text class="tick" x={f(LEFT - 6.0)} y={f(self.y(*t) + 4.0)} text-anchor="end" data-testid="y-tick">{ self.label(lang, *t, self.step) }</text>
                        </g>
                    }
                }) }
            </g>
        }
    }
}

/// The title under the category or time axis.
pub fn x_title(title: &str) -> Html {
    html! { <text class="axis-title" x={f((LEFT + W - RIGHT) / 2.0)} y={f(H - 6.0)} text-anchor="middle">{ title }</text> }
}
