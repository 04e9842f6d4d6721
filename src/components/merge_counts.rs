//! What a staging + MERGE load did to each warehouse table — staged,
//! inserted, updated, unchanged, rows after — as the ETL page shows it for
//! the in-browser warehouse and the connector panel for a real one.

use dataplay_api::etl::MergeCounts;
use yew::prelude::*;

use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub tables: Vec<MergeCounts>,
    /// Each row's test id is `{prefix}{table}`.
    pub testid_prefix: AttrValue,
}

#[function_component(MergeCountsTable)]
pub fn merge_counts_table(props: &Props) -> Html {
    let i18n = use_i18n();
    let headers = [
        "etl-merge-table",
        "etl-merge-key",
        "etl-merge-staged",
        "etl-merge-inserted",
        "etl-merge-updated",
        "etl-merge-unchanged",
        "etl-merge-rows-now",
    ];
    html! {
        <table class="merge">
            <tr>{ for headers.iter().map(|id| html! { <th>{ i18n.t(id) }</th> }) }</tr>

            { for props.tables.iter().map(|t| html! {
                <tr data-testid={format!("{}{}", props.testid_prefix, t.table)}>
                    <td><code>{ &t.table }</code></td>
                    <td>{ t.key.join(", ") }</td>
                    <td class="num">{ t.staged }</td>
                    <td class="num" data-testid="inserted">{ t.inserted }</td>
                    <td class="num" data-testid="updated">{ t.updated }</td>
                    <td class="num" data-testid="unchanged">{ t.unchanged }</td>
                    <td class="num">{ t.rows_after }</td>
                </tr>
            }) }
        </table>
    }
}
