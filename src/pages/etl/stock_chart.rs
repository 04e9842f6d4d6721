//! One product's running stock at one store over time, on a [`Frame`]:
//! units on the value axis, dates (in the reader's language) on the time
//! axis, the reorder and maximum levels as bands, and a legend for each.

use dataplay_api::etl::StockSeries;
use yew::prelude::*;

use super::axis::{self, civil, date_label, DAY_MS};
use super::frame::{f, x_title, Frame, BOTTOM, H, LEFT, RIGHT, TOP, W};
use crate::i18n::{Args, I18n};

/// `1 Jan 2024` / `1/1/2024`.
fn full_date(i18n: &I18n, ms: i64) -> String {
    let (year, month, day) = civil(ms.div_euclid(DAY_MS));
    let args = Args::new()
        .number("day", day)
        .number("month", month)
        .number("year", year as f64);
    i18n.t_with("etl-axis-full-date", &args)
}

pub fn stock_chart(i18n: &I18n, s: &StockSeries) -> Html {
    let (Some(first), Some(last)) = (s.points.first(), s.points.last()) else {
        return html! {};
    };
    if s.points.len() < 2 {
        return html! {};
    }
    let lang = i18n.lang();
    let (t0, t1) = (first.0, last.0.max(first.0 + 1));
    let levels = s.reorder_level.into_iter().chain(s.max_stock_level);
    let values = s.points.iter().map(|p| p.1).chain(levels);
    let (lo, hi) = values.fold((0.0, 0.0), |(a, b): (f64, f64), v| (a.min(v), b.max(v)));
    let (scale, unit) = axis::scale(lo.abs().max(hi));
    let frame = Frame::new(lo, hi, scale);
    let x = |t: i64| LEFT + (t - t0) as f64 / (t1 - t0) as f64 * (W - LEFT - RIGHT);
    let path: String = s
        .points
        .iter()
        .enumerate()
        .map(|(i, (t, v))| format!("{}{},{}", if i == 0 { "M" } else { "L" }, f(x(*t)), f(frame.y(*v))))
        .collect();
    let level = |v: f64| frame.label(lang, v, 1.0);
    let (plot_top, plot_bottom) = (TOP, H - BOTTOM);
    let title = i18n.t_with(
        "etl-chart-stock",
        &Args::new()
            .text("product", s.product_id.to_string())
            .text("store", s.store_id.to_string()),
    );
    let dates = Args::new()
        .text("from", full_date(i18n, t0))
        .text("to", full_date(i18n, t1));
    html! {
        <figure class="chart wide" data-testid="chart-stock">
            <figcaption>{ &title }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={title.clone()}>
                if let Some(r) = s.reorder_level {
                    <rect class="band stockout" x={f(LEFT)} y={f(frame.y(r))} width={f(W - LEFT - RIGHT)} height={f((plot_bottom - frame.y(r)).max(0.0))} />
                }
                if let Some(m) = s.max_stock_level {
                    <rect class="band overstock" x={f(LEFT)} y={f(plot_top)} width={f(W - LEFT - RIGHT)} height={f((frame.y(m) - plot_top).max(0.0))} />
                }
                { frame.draw(lang, &i18n.t_with("etl-axis-stock", &Args::new().text("unit", unit))) }
                { for axis::day_ticks(t0, t1, 6).into_iter().map(|t| html! {
                    <g>
                        <line class="grid" x1={f(x(t))} x2={f(x(t))} y1={f(plot_bottom)} y2={f(plot_bottom + 4.0)} />
                        <text class="tick" x={f(x(t))} y={f(plot_bottom + 16.0)} text-anchor="middle" data-testid="x-tick">{ date_label(i18n, t) }</text>
                    </g>
                }) }
                <path class="stock" d={path} />
                { x_title(&i18n.t_with("etl-axis-dates", &dates)) }
            </svg>
            <ul class="legend">
                <li><span class="swatch stock"></span>{ i18n.t("etl-legend-stock") }</li>
                if let Some(r) = s.reorder_level {
                    <li><span class="swatch stockout"></span>{ i18n.t_with("etl-legend-reorder", &Args::new().text("level", level(r))) }</li>
                }
                if let Some(m) = s.max_stock_level {
                    <li><span class="swatch overstock"></span>{ i18n.t_with("etl-legend-max", &Args::new().text("level", level(m))) }</li>
                }
            </ul>
        </figure>
    }
}
