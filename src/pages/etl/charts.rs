//! The run's charts: customers and revenue per segment, revenue by hour and
//! by weekday (bars), and one product's running stock against its reorder
//! and maximum levels — each with its axes, units and tick values in the
//! reader's language. Amounts are shortened as `1.2M` where a sentence
//! needs them.

use dataplay_api::etl::EtlReport;
use yew::prelude::*;

use super::axis;
use super::bar_chart::{bar_chart, Bars};
use super::stock_chart::stock_chart;
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

/// The label the engine gives customers without a segment (their total is
/// at or below the first edge: returns and discounts cancel what they bought).
const NO_SEGMENT: &str = "—";

/// The segments as charted: the engine's "—" worded, and left out when no
/// customer is in it (an empty bar nobody asked for only puzzles a room).
fn segments(i18n: &I18n, report: &EtlReport) -> (Vec<(String, usize, f64)>, bool) {
    let mut unsegmented = false;
    let rows = report
        .charts
        .segments
        .iter()
        .filter(|(label, n, _)| label != NO_SEGMENT || *n > 0)
        .map(|(label, n, r)| {
            if label == NO_SEGMENT {
                unsegmented = true;
                (i18n.t("etl-segment-none"), *n, *r)
            } else {
                (label.clone(), *n, *r)
            }
        })
        .collect();
    (rows, unsegmented)
}

fn amount_chart(
    i18n: &I18n,
    title: &str,
    testid: &str,
    x_title: &str,
    values: Vec<(String, f64)>,
    note: Option<String>,
) -> Html {
    let max = values.iter().map(|v| v.1.abs()).fold(0.0, f64::max);
    let (scale, unit) = axis::scale(max);
    bar_chart(
        i18n,
        Bars {
            title: i18n.t(title),
            testid,
            unit: i18n.t_with("etl-axis-revenue", &Args::new().text("unit", unit)),
            scale,
            x_title: i18n.t(x_title),
            values,
            note,
        },
    )
}

pub fn charts(i18n: &I18n, report: &EtlReport) -> Html {
    let c = &report.charts;
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let (segments, unsegmented) = segments(i18n, report);
    let note = || unsegmented.then(|| i18n.t("etl-segment-none-note"));
    let customers: Vec<(String, f64)> = segments.iter().map(|(l, n, _)| (l.clone(), *n as f64)).collect();
    let (scale, unit) = axis::scale(customers.iter().map(|v| v.1).fold(0.0, f64::max));
    let revenue: Vec<(String, f64)> = segments.iter().map(|(l, _, r)| (l.clone(), *r)).collect();
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
            { bar_chart(i18n, Bars {
                title: i18n.t("etl-chart-segments"),
                testid: "chart-segments",
                unit: i18n.t_with("etl-axis-customers", &Args::new().text("unit", unit)),
                scale,
                x_title: i18n.t("etl-axis-segment"),
                values: customers,
                note: note(),
            }) }
            { amount_chart(i18n, "etl-chart-segment-revenue", "chart-segment-revenue", "etl-axis-segment", revenue, note()) }
            { amount_chart(i18n, "etl-chart-hours", "chart-hours", "etl-axis-hour", hours, None) }
            { amount_chart(i18n, "etl-chart-weekdays", "chart-weekdays", "etl-axis-weekday", days, None) }
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

    #[test]
    fn customers_without_a_segment_are_named_or_left_out_when_there_are_none() {
        let mut report = EtlReport::default();
        report.charts.segments = vec![("Bronze".into(), 5, 10.0), (NO_SEGMENT.into(), 2, -3.0)];
        let (en, vi) = (I18n::new(Lang::En), I18n::new(Lang::Vi));
        let (rows, unsegmented) = segments(&en, &report);
        assert!(unsegmented);
        assert_eq!(rows[1], ("No segment".to_string(), 2, -3.0));
        assert_eq!(segments(&vi, &report).0[1].0, "Chưa phân khúc");
        report.charts.segments[1].1 = 0;
        assert_eq!(segments(&en, &report), (vec![("Bronze".to_string(), 5, 10.0)], false));
    }
}
