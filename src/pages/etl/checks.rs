//! The data-quality gate as edited before a run: on or off, and each
//! check's threshold and what a failure does.

use dataplay_api::etl::{CheckRule, CheckSpec, EtlParams, Severity};
use yew::prelude::*;

use crate::dom;
use crate::i18n::{use_i18n, Args, I18n};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub params: UseStateHandle<EtlParams>,
}

#[function_component(QualityGate)]
pub fn quality_gate(props: &Props) -> Html {
    let i18n = use_i18n();
    let params = &props.params;
    let toggle_checks = {
        let params = params.clone();
        Callback::from(move |_: Event| {
            let mut p = (*params).clone();
            p.run_checks = !p.run_checks;
            params.set(p);
        })
    };
    html! {
        <>
            <h3>
                <label><input type="checkbox" checked={params.run_checks} onchange={toggle_checks} data-testid="etl-run-checks" />{ " " }{ i18n.t("etl-gate") }</label>
            </h3>
            if params.run_checks {
                <table class="checks-edit">
                    <tr>
                        <th>{ i18n.t("etl-gate-check") }</th><th>{ i18n.t("etl-gate-rule") }</th>
                        <th>{ i18n.t("etl-gate-threshold") }</th><th>{ i18n.t("etl-gate-on-failure") }</th>
                    </tr>
                    { for params.checks.iter().enumerate().map(|(i, c)| check_row(&i18n, i, c, params)) }
                </table>
            }
        </>
    }
}

fn check_row(i18n: &I18n, i: usize, check: &CheckSpec, params: &UseStateHandle<EtlParams>) -> Html {
    let (rule, threshold) = match &check.rule {
        CheckRule::MinRowsPerDay { min } => (i18n.t("etl-rule-rows-per-day"), *min),
        CheckRule::MinRevenuePerDay { min } => (i18n.t("etl-rule-revenue-per-day"), *min),
        CheckRule::MaxNulls { columns, max } => {
            let or = format!(" {} ", i18n.t("etl-rule-or"));
            let args = Args::new().text("columns", columns.join(&or));
            (i18n.t_with("etl-rule-max-nulls", &args), *max)
        }
    };
    let on_threshold = {
        let params = params.clone();
        Callback::from(move |e: Event| {
            let Ok(v) = dom::input_value(&e).parse::<f64>() else {
                return;
            };
            let mut p = (*params).clone();
            if let Some(check) = p.checks.get_mut(i) {
                match &mut check.rule {
                    CheckRule::MinRowsPerDay { min } | CheckRule::MinRevenuePerDay { min } => *min = v,
                    CheckRule::MaxNulls { max, .. } => *max = v,
                }
            }
            params.set(p);
        })
    };
    let on_severity = {
        let params = params.clone();
        Callback::from(move |e: Event| {
            let mut p = (*params).clone();
            if let Some(check) = p.checks.get_mut(i) {
                check.severity = match dom::select_value(&e).as_str() {
                    "warn" => Severity::Warn,
                    _ => Severity::Fail,
                };
            }
            params.set(p);
        })
    };
    html! {
            <tr>
                <td>{ &check.name }</td>
                <td>{ rule }</td>
                <td><input type="number" value={threshold.to_string()} onchange={on_threshold} data-testid={format!("check-threshold-{i}")} /></td>
                <td>
                    <select onchange={on_severity} data-testid={format!("check-severity-{i}")}>
                        <option value="fail" selected={check.severity == Severity::Fail}>{ i18n.t("etl-severity-fail") }</option>
                        <option value="warn" selected={check.severity == Severity::Warn}>{ i18n.t("etl-severity-warn") }
    </option>
                    </select>
                </td>
            </tr>
        }
}
