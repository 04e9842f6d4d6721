//! The run's charts: customers and revenue per segment, revenue by hour and
//! by weekday (bars), and one product's running stock against its reorder
//! and maximum levels. Amounts are shortened as `1.2M`.

use dataplay_api::etl::{EtlReport, StockSeries};
use yew::prelude::*;

use crate::i18n::{Args, I18n, Lang};

/// `1234567.0` → `1.2M`.
pub fn money(v: f64) -> String {
    let abs = v.abs();
    let (n, unit) = if abs >= 1e9 {
        (v / 1e9, "B")
    } else if abs >= 1e6 {
        (v / 1e6, "M")
    } else if abs >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    format!("{n:.1}{unit}")
}

/// [`money`] with the reader's decimal separator (`1,2M` in Vietnamese).
pub fn money_in(i18n: &I18n, v: f64) -> String {
    match i18n.lang() {
        Lang::En => money(v),
        Lang::Vi => money(v).replace('.', ","),
    }
}

/// A bar chart of labelled values.
fn bars(i18n: &I18n, title: &str, testid: &str, values: &[(String, f64)]) -> Html {
    const W: f64 = 360.0;
    const H: f64 = 140.0;
    let max = values.iter().map(|(_, v)| v.abs()).fold(0.0, f64::max).max(1.0);
    let step = W / values.len().max(1) as f64;
    html! {
        <figure class="chart">
            <figcaption>{ title }</figcaption>
            <svg viewBox={format!("0 0 {W} {}", H + 18.0)} data-testid={testid.to_string()}>
                { for values.iter().enumerate().map(|(i, (label, v))| {
                    let h = (v.abs() / max) * H;
                    let x = i as f64 * step;
                    html! {
                        <g>
                            <rect x={format!("{:.1}", x + 1.0)} y={format!("{:.1}", H - h)} width={format!("{:.1}", (step - 2.0).max(1.0))} height={format!("{h:.1}")} class={if *v < 0.0 { "neg" } else { "pos" }}>
                                <title>{ format!("{label}: {}", money_in(i18n, *v)) }</title>
                            </rect>
                            <text x={format!("{:.1}", x + step / 2.0)} y={format!("{}", H + 13.0)} text-anchor="middle">{ label }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}

fn stock_chart(i18n: &I18n, s: &StockSeries) -> Html {
    const W: f64 = 360.0;
    const H: f64 = 140.0;
    if s.points.len() < 2 {
        return html! {};
    }
    let (t0, t1) = (s.points[0].0 as f64, s.points[s.points.len() - 1].0 as f64);
    let values = s
        .points
        .iter()
        .map(|p| p.1)
        .chain(s.reorder_level)
        .chain(s.max_stock_level);
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = (lo.min(0.0), hi.max(lo + 1.0));
    let x = |t: i64| (t as f64 - t0) / (t1 - t0).max(1.0) * W;
    let y = |v: f64| H - (v - lo) / (hi - lo) * H;
    let path: String = s
        .points
        .iter()
        .enumerate()
        .map(|(i, (t, v))| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(*t), y(*v)))
        .collect();
    html! {
        <figure class="chart">
            <figcaption>{ i18n.t_with("etl-chart-stock", &Args::new()
                .text("product", s.product_id.to_string())
                .text("store", s.store_id.to_string())) }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} data-testid="chart-stock">
                if let Some(r) = s.reorder_level {
                    <rect class="band stockout" x="0" y={format!("{:.1}", y(r))} width={W.to_string()} height={format!("{:.1}", (H - y(r)).max(0.0))} />
                }
                if let Some(m) = s.max_stock_level {
                    <rect class="band overstock" x="0" y="0" width={W.to_string()} height={format!("{:.1}", y(m).max(0.0))} />
                }
                <line class="zero" x1="0" x2={W.to_string()} y1={format!("{:.1}", y(0.0))} y2={format!("{:.1}", y(0.0))} />
                <path class="stock" d={path} />
            </svg>
        </figure>
    }
}

pub fn charts(i18n: &I18n, report: &EtlReport) -> Html {
    let c = &report.charts;
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let segments: Vec<(String, f64)> = c.segments.iter().map(|(l, n, _)| (l.clone(), *n as f64)).collect();
    let revenue: Vec<(String, f64)> = c.segments.iter().map(|(l, _, r)| (l.clone(), *r)).collect();
    let hours: Vec<(String, f64)> = c
        .revenue_by_hour
        .iter()
        .enumerate()
        .map(|(h, v)| (if h % 3 == 0 { h.to_string() } else { String::new() }, *v))
        .collect();
    let days: Vec<(String, f64)> = c
        .revenue_by_weekday
        .iter()
        .zip(DAYS)
        .map(|(v, d)| (i18n.t_with("etl-weekday", &Args::new().text("day", d)), *v))
        .collect();
    html! {
        <div class="charts" data-testid="etl-charts">
            <h2>{ i18n.t("etl-charts") }</h2>
            { bars(i18n, &i18n.t("etl-chart-segments"), "chart-segments", &segments) }
            { bars(i18n, &i18n.t("etl-chart-segment-revenue"), "chart-segment-revenue", &revenue) }
            { bars(i18n, &i18n.t("etl-chart-hours"), "chart-hours", &hours) }
            { bars(i18n, &i18n.t("etl-chart-weekdays"), "chart-weekdays", &days) }
            if let Some(s) = &c.stock { { stock_chart(i18n, s) } }

        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_shortened_by_their_size() {
        assert_eq!(money(950.0), "950.0");
        assert_eq!(money(1_240.0), "1.2k");
        assert_eq!(money(-3_400_000.0), "-3.4M");
        assert_eq!(money(2e9), "2.0B");
        assert_eq!(money_in(&I18n::new(Lang::En), 1_240.0), "1.2k");
        assert_eq!(money_in(&I18n::new(Lang::Vi), 1_240.0), "1,2k");
    }
}
