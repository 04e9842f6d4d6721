//! The three concept modules. Each page says what the module does and which
//! of the loaded tables it will work on; the modules' own views are built on
//! this shell by their issues.

use dataplay_api::DatasetSummary;
use yew::prelude::*;

pub struct Module {
    pub key: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// The tables the module reads, by name.
    pub tables: &'static [&'static str],
}

pub const MODULES: [Module; 3] = [
    Module {
        key: "etl",
        title: "ETL / ELT",
        summary: "Extract the retail chain's POS and inventory tables, join and clean them, derive time \
                  dimensions and business columns, segment customers, track running stock, and load \
                  into a warehouse through staging and merge, gated by data-quality checks.",
        tables: &dataplay_api::etl::SOURCE_TABLES,
    },
    Module {
        key: "lake",
        title: "Lake & Warehouse",
        summary: "Raw, processed and curated zones with partitioned paths; schema-on-read against \
                  schema-on-write; a Glue-style job that flattens and aggregates JSON into Parquet; SQL \
                  over the lake; a star schema in the warehouse.",
        tables: &["video_metadata", "user_interactions", "image_analysis"],
    },
    Module {
        key: "cap",
        title: "CAP theorem",
        summary: "A deterministic simulation of replicated data centers: partitions, crashes, CP \
                  (majority quorum) against AP (accept anywhere, replicate later), strong against \
                  eventual reads, with a consistency checker.",
        tables: &[],
    },
];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub module: usize,
    pub datasets: Vec<DatasetSummary>,
}

#[function_component(ModulePage)]
pub fn module_page(props: &Props) -> Html {
    let Some(module) = MODULES.get(props.module) else {
        return html! {};
    };
    html! {
        <section class="module" data-testid={format!("module-{}", module.key)}>
            <h1>{ module.title }</h1>
            <p>{ module.summary }</p>
            if !module.tables.is_empty() {
                <h2>{ "Source tables" }</h2>
                <ul class="table-status">
                    { for module.tables.iter().map(|t| {
                        let found = props.datasets.iter().find(|d| d.name == *t);
                        html! {
                            <li class={classes!(found.is_some().then_some("present"))}>
                                <code>{ *t }</code>
                                { match found {
                                    Some(d) => format!(" — {} rows, {} columns", d.rows, d.columns.len()),
                                    None => " — not loaded: load the sample or upload a file with this name on the Data page".to_string(),
                                } }
                            </li>
                        }
                    }) }
                </ul>
            }
            <p class="muted">{ "The interactive views of this module are being built; the Data page already loads and previews its tables." }</p>
        </section>
    }
}
