//! The ETL parameters a link asks for (`#/etl?v=1&from=…&margin=…`): range,
//! margin, segment edges and labels as typed, mode, whether the gate runs,
//! and each check's rule, threshold and severity — so a trainer's link
//! opens the same run on another machine. The page writes the link back as
//! the parameters change; old links keep working as keys are added (`v`).

use dataplay_api::etl::{days_in_range, CheckRule, CheckSpec, EtlMode, EtlParams, Severity};

use crate::link::{self, BadPart};

/// The link format this page writes; links without `v` are read as 1.
const VERSION: u32 = 1;

/// What a link sets; `None` leaves the page's default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Link {
    pub range: Option<(String, String)>,
    pub margin: Option<f64>,
    pub edges: Option<String>,
    pub labels: Option<String>,
    pub mode: Option<EtlMode>,
    pub run_checks: Option<bool>,
    /// Given by the link: kept as they are, not scaled to the data loaded.
    pub checks: Option<Vec<CheckSpec>>,
    /// The table shown under the run (`etl:fact_sales`, `dw:dim_customers`).
    pub stage: Option<String>,
    pub bad: Vec<BadPart>,
}

impl Link {
    /// The parameters with what the link sets.
    pub fn apply(&self, mut params: EtlParams) -> EtlParams {
        if let Some((from, to)) = &self.range {
            params.from.clone_from(from);
            params.to.clone_from(to);
        }
        if let Some(m) = self.margin {
            params.margin = m;
        }
        if let Some(mode) = self.mode {
            params.mode = mode;
        }
        if let Some(run) = self.run_checks {
            params.run_checks = run;
        }
        if let Some(checks) = &self.checks {
            params.checks.clone_from(checks);
        }
        params
    }
}

/// Read the ETL's part of a hash (`#/etl?…`); an unreadable part is named
/// and left out.
pub fn read(hash: &str) -> Link {
    let q = link::query(hash);
    let mut link = Link::default();
    let mut problems = Vec::new();
    let take = |name: &'static str| link::get(&q, name).map(|v| (name, v));
    if let Some((name, v)) = take("v") {
        if v.trim().parse::<u32>().map_or(true, |n| n == 0 || n > VERSION) {
            problems.push(BadPart { name, value: v });
        }
    }
    match (take("from"), take("to")) {
        (Some((_, from)), Some((_, to))) if days_in_range(&from, &to).is_some() => link.range = Some((from, to)),
        (from, to) => problems.extend(from.into_iter().chain(to).map(|(name, value)| BadPart { name, value })),
    }
    if let Some((name, v)) = take("margin") {
        match v.trim().parse::<f64>() {
            Ok(m) if (0.0..1.0).contains(&m) => link.margin = Some(m),
            _ => problems.push(BadPart { name, value: v }),
        }
    }
    link.edges = take("edges").map(|(_, v)| v);
    link.labels = take("labels").map(|(_, v)| v);
    if let Some((name, v)) = take("mode") {
        match v.as_str() {
            "etl" => link.mode = Some(EtlMode::Etl),
            "elt" => link.mode = Some(EtlMode::Elt),
            _ => problems.push(BadPart { name, value: v }),
        }
    }
    if let Some((name, v)) = take("gate") {
        match v.as_str() {
            "1" => link.run_checks = Some(true),
            "0" => link.run_checks = Some(false),
            _ => problems.push(BadPart { name, value: v }),
        }
    }
    if let Some((name, v)) = take("checks") {
        match checks(&v) {
            Some(c) => link.checks = Some(c),
            None => problems.push(BadPart { name, value: v }),
        }
    }
    link.stage = take("stage").map(|(_, v)| v).filter(|v| !v.is_empty());
    link.bad = problems;
    link
}

/// The hash for these parameters (edges and labels as typed) and the
/// table shown.
pub fn hash_for(params: &EtlParams, edges: &str, labels: &str, stage: Option<&str>) -> String {
    let mode = match params.mode {
        EtlMode::Etl => "etl",
        EtlMode::Elt => "elt",
    };
    let checks: Vec<String> = params.checks.iter().map(check).collect();
    link::hash(
        "etl",
        &[
            ("v", VERSION.to_string()),
            ("from", params.from.clone()),
            ("to", params.to.clone()),
            ("margin", params.margin.to_string()),
            ("edges", edges.to_string()),
            ("labels", labels.to_string()),
            ("mode", mode.to_string()),
            ("gate", if params.run_checks { "1" } else { "0" }.to_string()),
            ("checks", checks.join(";")),
        ]
        .into_iter()
        .chain(stage.map(|s| ("stage", s.to_string())))
        .collect::<Vec<_>>(),
    )
}

/// `rows:964:fail::Sales Count Check`, `nulls:0:warn:product_id|customer_id:Null Check`.
fn check(c: &CheckSpec) -> String {
    let severity = match c.severity {
        Severity::Fail => "fail",
        Severity::Warn => "warn",
    };
    let (rule, value, columns) = match &c.rule {
        CheckRule::MinRowsPerDay { min } => ("rows", *min, String::new()),
        CheckRule::MinRevenuePerDay { min } => ("revenue", *min, String::new()),
        CheckRule::MaxNulls { columns, max } => ("nulls", *max, columns.join("|")),
    };
    format!("{rule}:{value}:{severity}:{columns}:{}", c.name)
}

fn checks(text: &str) -> Option<Vec<CheckSpec>> {
    if text.is_empty() {
        return Some(vec![]);
    }
    text.split(';')
        .map(|c| {
            let mut parts = c.splitn(5, ':');
            let (rule, value, severity, columns, name) = (
                parts.next()?,
                parts.next()?,
                parts.next()?,
                parts.next()?,
                parts.next()?,
            );
            let value: f64 = value.parse().ok().filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
            let columns: Vec<String> = columns.split('|').filter(|c| !c.is_empty()).map(String::from).collect();
            let rule = match rule {
                "rows" => CheckRule::MinRowsPerDay { min: value },
                "revenue" => CheckRule::MinRevenuePerDay { min: value },
                "nulls" if !columns.is_empty() => CheckRule::MaxNulls { columns, max: value },
                _ => return None,
            };
            let severity = match severity {
                "fail" => Severity::Fail,
                "warn" => Severity::Warn,
                _ => return None,
            };
            Some(CheckSpec {
                name: name.to_string(),
                rule,
                severity,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parameters_a_page_writes_read_back_the_same() {
        let mut p = EtlParams {
            mode: EtlMode::Elt,
            run_checks: false,
            margin: 0.35,
            ..EtlParams::default()
        };
        p.checks = CheckSpec::scaled_defaults(100_000, 91);
        p.checks[1].severity = Severity::Warn;
        let hash = hash_for(&p, "0, 2000000", "Đồng; Vàng", Some("dw:dim_customers"));
        assert!(hash.len() < 2048, "{}", hash.len());
        let link = read(&hash);
        assert_eq!(link.bad, vec![]);
        assert_eq!(link.stage.as_deref(), Some("dw:dim_customers"));
        assert_eq!(read(&hash_for(&p, "0", "A", None)).stage, None);
        assert_eq!(link.apply(EtlParams::default()), p);
        assert_eq!(
            (link.edges.as_deref(), link.labels.as_deref()),
            (Some("0, 2000000"), Some("Đồng; Vàng"))
        );
    }

    #[test]
    fn an_old_or_partial_link_sets_what_it_says_and_names_what_it_cannot_read() {
        let link = read("#/etl?margin=0.3");
        assert_eq!(link.apply(EtlParams::default()).margin, 0.3);
        assert_eq!(
            link.checks, None,
            "no checks in the link: the page scales them to the data"
        );
        let link = read("#/etl?v=9&from=2024-02-01&to=2024-01-01&margin=1.5&mode=batch&gate=yes&checks=rows:x:fail::A");
        let names: Vec<&str> = link.bad.iter().map(|b| b.name).collect();
        assert_eq!(names, ["v", "from", "to", "margin", "mode", "gate", "checks"]);
        assert_eq!(link.apply(EtlParams::default()), EtlParams::default());
        assert_eq!(read("#/etl").apply(EtlParams::default()), EtlParams::default());
    }
}
