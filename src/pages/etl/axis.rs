//! The arithmetic of the ETL charts' axes, plain Rust tested natively:
//! round tick values, their labels in the reader's language, the unit an
//! amount axis is counted in, and the dates of a time axis.

use crate::i18n::{I18n, Lang};

/// Round values from at most `lo` to at least `hi`, about `count` steps
/// apart (steps of 1, 2, 2.5 or 5 times a power of ten).
pub fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), hi.max(lo))
    } else {
        (0.0, 1.0)
    };
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    let hi = lo + span;
    let raw = span / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    let first = (lo / step).floor() as i64;
    let last = ((hi / step).ceil() as i64).max(first + 1);
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A tick's label: as many decimals as the step needs, digits grouped in
/// threes from 1 000 up (`1.500` in Vietnamese, `1,500` in English) so that
/// the labels of one axis all read alike.
pub fn tick_label(lang: Lang, v: f64, step: f64) -> String {
    let decimals = if step >= 1.0 || step <= 0.0 {
        0
    } else {
        (-step.log10()).ceil().min(6.0) as usize
    };
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::Vi => ('.', ','),
    };
    let mut out = String::new();
    if v < 0.0 && text.chars().any(|c| c != '0' && c != '.') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// The unit an amount axis counts in: the smallest of 1, a thousand, a
/// million, a billion that keeps its labels under 10 000.
pub fn scale(max: f64) -> (f64, &'static str) {
    [(1.0, "one"), (1e3, "thousand"), (1e6, "million"), (1e9, "billion")]
        .into_iter()
        .find(|(s, _)| max.abs() / s < 10_000.0)
        .unwrap_or((1e9, "billion"))
}

pub use dataplay_api::units::civil;

pub const DAY_MS: i64 = 86_400_000;

/// Midnights (in ms) between `t0` and `t1`, every 1, 2, 7, 14 or 28 days,
/// as many as make about `count` ticks.
pub fn day_ticks(t0: i64, t1: i64, count: usize) -> Vec<i64> {
    let days = (t1 - t0).max(0) / DAY_MS + 1;
    let every = [1, 2, 7, 14, 28, 56, 91]
        .into_iter()
        .find(|e| days / e < count.max(1) as i64)
        .unwrap_or(182);
    let first = t0.div_euclid(DAY_MS) + i64::from(t0.rem_euclid(DAY_MS) != 0);
    (0..)
        .map(|i| (first + i * every) * DAY_MS)
        .take_while(|t| *t <= t1)
        .collect()
}

/// A date of a time axis in the reader's language (`5 Jan` / `5/1`).
pub fn date_label(i18n: &I18n, ms: i64) -> String {
    let (_, month, day) = civil(ms.div_euclid(DAY_MS));
    let args = crate::i18n::Args::new().number("day", day).number("month", month);
    i18n.t_with("etl-axis-date", &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        assert_eq!(ticks(0.0, 9.0, 5), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(0.0, 2_300.0, 5), [0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0]);
        assert_eq!(ticks(-30.0, 70.0, 4), [-50.0, -25.0, 0.0, 25.0, 50.0, 75.0]);
        assert_eq!(ticks(0.0, 0.0, 5), [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(ticks(f64::NAN, 1.0, 5).len(), 6, "no panic, a plain axis");
    }

    #[test]
    fn tick_labels_read_as_each_language_writes_numbers() {
        assert_eq!(tick_label(Lang::Vi, 1_500.0, 500.0), "1.500");
        assert_eq!(tick_label(Lang::En, 1_500.0, 500.0), "1,500");
        assert_eq!(tick_label(Lang::Vi, 1_234_567.0, 1.0), "1.234.567");
        assert_eq!(tick_label(Lang::Vi, 2.5, 0.5), "2,5");
        assert_eq!(tick_label(Lang::En, 0.6000000000000001, 0.2), "0.6");
        assert_eq!(tick_label(Lang::En, -250.0, 250.0), "-250");
        assert_eq!(tick_label(Lang::En, -0.0001, 0.5), "0.0");
        assert_eq!(tick_label(Lang::En, 999.0, 1.0), "999");
    }

    #[test]
    fn an_amount_axis_counts_in_the_unit_that_keeps_labels_short() {
        assert_eq!(scale(850.0), (1.0, "one"));
        assert_eq!(scale(9_999.0), (1.0, "one"));
        assert_eq!(scale(12_000.0), (1e3, "thousand"));
        assert_eq!(scale(3.2e9), (1e6, "million"));
        assert_eq!(scale(4e13), (1e9, "billion"));
        assert_eq!(scale(-2e7), (1e6, "million"));
    }

    #[test]
    fn days_become_dates_and_ticks_fall_on_midnights() {
        let jan1 = 19_723 * DAY_MS;
        let t = day_ticks(jan1 + 3_600_000, jan1 + 30 * DAY_MS, 6);
        assert_eq!(t.first(), Some(&(jan1 + DAY_MS)), "the first midnight after the start");
        assert!(t.windows(2).all(|w| w[1] - w[0] == 7 * DAY_MS), "{t:?}");
        assert!(t.len() <= 6 && t.len() >= 4, "{t:?}");
        assert_eq!(day_ticks(jan1, jan1 + DAY_MS, 5), [jan1, jan1 + DAY_MS]);
        let (en, vi) = (I18n::new(Lang::En), I18n::new(Lang::Vi));
        assert_eq!(date_label(&en, jan1 + 4 * DAY_MS + 5), "5 Jan");
        assert_eq!(date_label(&vi, jan1 + 4 * DAY_MS), "5/1");
    }
}
