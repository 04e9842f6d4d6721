//! The customer segments as typed on the ETL page (edges and labels, each a
//! comma-separated list): whether they fit together, and the parameters
//! they make. Plain Rust, tested natively.

use dataplay_api::etl::EtlParams;

use crate::i18n::{Args, I18n};

/// `1_000, 5e6` → `[1000, 5000000]`; `None` if any is not a number.
fn numbers(text: &str) -> Option<Vec<f64>> {
    text.split(',')
        .map(|v| v.trim().replace('_', "").parse::<f64>().ok())
        .collect()
}

fn labels(text: &str) -> Vec<String> {
    text.split(',')
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Why the edges and labels do not fit together.
#[derive(Debug, Clone, PartialEq)]
pub enum SegmentError {
    /// An edge is not a number.
    NotNumbers,
    /// Not one label per edge.
    LabelCount { edges: usize, labels: usize },
}

impl SegmentError {
    /// In the reader's language.
    pub fn words(&self, i18n: &I18n) -> String {
        match self {
            SegmentError::NotNumbers => i18n.t("etl-segments-not-numbers"),
            SegmentError::LabelCount { edges, labels } => i18n.t_with(
                "etl-segments-label-count",
                &Args::new()
                    .number("edges", *edges as f64)
                    .number("labels", *labels as f64),
            ),
        }
    }
}

/// What is wrong with the edges and labels, if anything.
pub fn error(edges: &str, labels_text: &str) -> Option<SegmentError> {
    match numbers(edges) {
        None => Some(SegmentError::NotNumbers),
        Some(edges) => {
            let labels = labels(labels_text).len();
            (labels != edges.len()).then_some(SegmentError::LabelCount {
                edges: edges.len(),
                labels,
            })
        }
    }
}

/// `params` with the segments as typed (edges kept as they were while they
/// do not parse).
pub fn effective(params: &EtlParams, edges: &str, labels_text: &str) -> EtlParams {
    let mut p = params.clone();
    if let Some(e) = numbers(edges) {
        p.segment_edges = e;
    }
    p.segment_labels = labels(labels_text);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::i18n::Lang;

    #[test]
    fn edges_and_labels_must_pair_up() {
        assert_eq!(error("0, 1_000", "Low, High"), None);
        let count = error("0, 10, 20", "a, , b");
        assert_eq!(count, Some(SegmentError::LabelCount { edges: 3, labels: 2 }));
        assert_eq!(error("0, ten", "a, b"), Some(SegmentError::NotNumbers));
        assert_eq!(error("", "a"), Some(SegmentError::NotNumbers));
        let en = I18n::new(Lang::En);
        assert_eq!(count.unwrap().words(&en), "3 edges need 3 labels, not 2");
        assert_eq!(
            SegmentError::NotNumbers.words(&en),
            "segment edges: numbers separated by commas"
        );
    }

    #[test]
    fn the_effective_parameters_take_the_segments_as_typed() {
        let base = EtlParams::default();
        let p = effective(&base, " 0, 1_000 ,5e3", "Low, ,Mid , High");
        assert_eq!(p.segment_edges, [0.0, 1000.0, 5000.0]);
        assert_eq!(p.segment_labels, ["Low", "Mid", "High"]);
        assert_eq!(p.from, base.from);
        // Edges that do not parse leave the previous ones.
        let kept = effective(&base, "0, x", "a");
        assert_eq!(kept.segment_edges, base.segment_edges);
        assert_eq!(kept.segment_labels, ["a"]);
    }
}
