//! The concept a module page teaches, at its top: a short explanation, the
//! glossary terms it uses (each a `<Term>`), and the course's comparison
//! table for it (ETL vs ELT, data lake vs data warehouse, CP vs AP vs CA).
//! Collapsible; open on a first visit, then as the reader last left it.

use yew::prelude::*;

use crate::components::term::Term;
use crate::dom;
use crate::i18n::use_i18n;

/// The module pages that open with a concept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    Data,
    Etl,
    Lake,
    Cap,
}

/// The course's comparison table of a module: the message ids of its
/// header (`concept-<key>-col-<n>`) and of its cells
/// (`concept-<key>-<row>-<n>`); a column header that is a glossary term
/// is shown as one.
pub struct Table {
    pub key: &'static str,
    pub columns: &'static [Option<&'static str>],
    pub rows: &'static [&'static str],
}

impl Module {
    #[cfg(test)]
    pub const ALL: [Module; 4] = [Module::Data, Module::Etl, Module::Lake, Module::Cap];

    pub fn key(self) -> &'static str {
        match self {
            Module::Data => "data",
            Module::Etl => "etl",
            Module::Lake => "lake",
            Module::Cap => "cap",
        }
    }

    /// The glossary terms the explanation uses.
    pub fn terms(self) -> &'static [&'static str] {
        match self {
            Module::Data => &["extract", "schema-on-read", "parquet", "partition", "data-lake"],
            Module::Etl => &[
                "etl",
                "elt",
                "staging",
                "merge",
                "idempotent",
                "quality-gate",
                "segment",
                "running-stock",
            ],
            Module::Lake => &[
                "data-lake",
                "data-warehouse",
                "zone",
                "partition-pruning",
                "schema-on-read",
                "schema-on-write",
                "star-schema",
                "distkey-sortkey",
            ],
            Module::Cap => &[
                "cap",
                "consistency",
                "availability",
                "partition-tolerance",
                "quorum",
                "replication-lag",
                "stale-read",
                "last-writer-wins",
                "pacelc",
            ],
        }
    }

    pub fn table(self) -> Option<Table> {
        match self {
            Module::Data => None,
            Module::Etl => Some(Table {
                key: "etl",
                columns: &[None, Some("etl"), Some("elt")],
                rows: &["order", "where", "raw", "approach", "here"],
            }),
            Module::Lake => Some(Table {
                key: "lake",
                columns: &[None, Some("data-lake"), Some("data-warehouse")],
                rows: &["schema", "types", "processing", "cost", "flexibility", "performance"],
            }),
            Module::Cap => Some(Table {
                key: "cap",
                columns: &[None, Some("cp"), Some("ap"), Some("ca")],
                rows: &["keeps", "partition", "read", "examples", "here"],
            }),
        }
    }

    /// Every message the concept shows (the catalog test checks them).
    #[cfg(test)]
    pub fn message_ids(self) -> Vec<String> {
        let key = self.key();
        let mut ids = vec![format!("concept-{key}-title"), format!("concept-{key}-text")];
        if let Some(t) = self.table() {
            ids.push(format!("concept-{}-caption", t.key));
            for (n, c) in t.columns.iter().enumerate() {
                if c.is_none() {
                    ids.push(format!("concept-{}-col-{n}", t.key));
                }
            }
            for row in t.rows {
                ids.extend((0..t.columns.len()).map(|n| format!("concept-{}-{row}-{n}", t.key)));
            }
        }
        ids
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub module: Module,
}

#[function_component(Concept)]
pub fn concept(props: &Props) -> Html {
    let i18n = use_i18n();
    let key = props.module.key();
    let remembered = format!("dataplay-concept-{key}");
    let open = use_state(|| dom::remembered(&remembered).as_deref() != Some("closed"));
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            dom::remember(&remembered, if *open { "closed" } else { "open" });
            open.set(!*open);
        })
    };
    let body_id = format!("concept-{key}");
    html! {
        <section class="concept" data-testid={format!("concept-{key}")}>
            <h2 class="concept-head">
                <button type="button" class="concept-toggle" aria-expanded={open.to_string()} aria-controls={body_id.clone()} onclick={toggle}>
                    { i18n.t(&format!("concept-{key}-title")) }
                </button>
            </h2>
            if *open {
                <div class="concept-body" id={body_id}>
                    <p>{ i18n.t(&format!("concept-{key}-text")) }</p>
                    <p class="concept-terms">
                        { for props.module.terms().iter().map(|t| html! { <Term id={*t} /> }) }
                    </p>
                    if let Some(table) = props.module.table() {
                        { comparison(&i18n, &table) }
                    }
                </div>
            }
        </section>
    }
}

fn comparison(i18n: &crate::i18n::I18n, t: &Table) -> Html {
    let head = t.columns.iter().enumerate().map(|(n, c)| match c {
        Some(term) => html! { <th scope="col"><Term id={*term} /></th> },
        None => html! { <th scope="col">{ i18n.t(&format!("concept-{}-col-{n}", t.key)) }</th> },
    });
    let row = |r: &&str| {
        let cells = (1..t.columns.len()).map(|n| html! { <td>{ i18n.t(&format!("concept-{}-{r}-{n}", t.key)) }</td> });
        html! { <tr><th scope="row">{ i18n.t(&format!("concept-{}-{r}-0", t.key)) }</th>{ for cells }</tr> }
    };
    html! {
        <div class="table-scroll">
            <table class="comparison" data-testid={format!("comparison-{}", t.key)}>
                <caption>{ i18n.t(&format!("concept-{}-caption", t.key)) }</caption>
                <thead><tr>{ for head }</tr></thead>
                <tbody>{ for t.rows.iter().map(row) }</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::TERMS;
    use crate::i18n::{I18n, Lang};

    #[test]
    fn every_concept_message_is_in_both_languages() {
        for lang in Lang::ALL {
            let i18n = I18n::new(lang);
            for m in Module::ALL {
                for id in m.message_ids() {
                    assert_ne!(i18n.t(&id), id, "{lang:?}: {id} is missing");
                }
            }
        }
    }

    #[test]
    fn the_terms_used_are_in_the_glossary() {
        for m in Module::ALL {
            let columns = m
                .table()
                .map(|t| t.columns.iter().flatten().copied().collect::<Vec<_>>());
            for t in m.terms().iter().chain(columns.unwrap_or_default().iter()) {
                assert!(TERMS.contains(t), "{t} is not a glossary term");
            }
        }
    }

    #[test]
    fn the_course_tables_have_their_rows() {
        let lake = Module::Lake.table().map(|t| t.rows.len());
        assert_eq!(
            lake,
            Some(6),
            "the course's data lake vs warehouse table has six aspects"
        );
        assert!(Module::Etl.table().is_some() && Module::Cap.table().is_some());
        assert!(Module::Data.table().is_none());
    }
}
