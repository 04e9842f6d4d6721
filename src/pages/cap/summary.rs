//! The CAP page's sentences about a comparison: the fault schedule.

use dataplay_api::cap::{Fault, TimedFault};

use crate::i18n::{Args, I18n};

pub fn describe_faults(i18n: &I18n, faults: &[TimedFault], nodes: &[String]) -> String {
    if faults.is_empty() {
        return i18n.t("cap-faults-none");
    }
    let name = |i: &usize| nodes.get(*i).cloned().unwrap_or_else(|| i.to_string());
    let node = |id: &str, i: &usize| i18n.t_with(id, &Args::new().text("node", name(i)));
    faults
        .iter()
        .map(|f| {
            let what = match &f.fault {
                Fault::Cut { a, b, one_way } => {
                    let args = Args::new()
                        .text("a", name(a))
                        .text("arrow", if *one_way { "→" } else { "↔" })
                        .text("b", name(b));
                    i18n.t_with("cap-fault-cut", &args)
                }
                Fault::Split { side } => {
                    let side = side.iter().map(name).collect::<Vec<_>>().join(", ");
                    i18n.t_with("cap-fault-split", &Args::new().text("side", side))
                }
                Fault::Isolate { node: i } => node("cap-fault-isolate", i),
                Fault::Crash { node: i } => node("cap-fault-crash", i),
                Fault::Restart { node: i } => node("cap-fault-restart", i),
                Fault::HealLink { a, b } => i18n.t_with(
                    "cap-fault-heal-link",
                    &Args::new().text("a", name(a)).text("b", name(b)),
                ),
                Fault::HealAll => i18n.t("cap-fault-heal-all"),
            };
            i18n.t_with(
                "cap-fault-at",
                &Args::new().text("fault", what).text("ms", f.at_ms.to_string()),
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
