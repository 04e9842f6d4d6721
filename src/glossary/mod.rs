//! The course's glossary: the terms (ids into `locales/*/glossary.ftl`,
//! `term-<id>` and `term-<id>-def`), the search over them in both languages
//! (accent-insensitive, so `nhat quan` finds `nhất quán`), and the
//! `#/glossary?q=…` query. Plain Rust, tested natively.

pub mod page;

use crate::i18n::{I18n, Lang};

/// Every term, in the order the glossary lists them (the course's order:
/// ETL, then the lake and the warehouse, then CAP).
pub const TERMS: &[&str] = &[
    "etl",
    "elt",
    "extract",
    "transform",
    "load",
    "staging",
    "merge",
    "idempotent",
    "quality-gate",
    "segment",
    "running-stock",
    "data-lake",
    "data-warehouse",
    "zone",
    "partition",
    "partition-pruning",
    "schema-on-read",
    "schema-on-write",
    "parquet",
    "star-schema",
    "fact",
    "dimension",
    "distkey-sortkey",
    "cap",
    "consistency",
    "availability",
    "partition-tolerance",
    "cp",
    "ap",
    "ca",
    "quorum",
    "replication-lag",
    "stale-read",
    "eventual-consistency",
    "linearizability",
    "last-writer-wins",
    "version-vector",
    "pacelc",
];

/// The catalog message of a term's name.
pub fn name_id(term: &str) -> String {
    format!("term-{term}")
}

/// The catalog message of a term's definition.
pub fn definition_id(term: &str) -> String {
    format!("term-{term}-def")
}

/// Lower case, Vietnamese diacritics removed (`Nhất Quán` → `nhat quan`,
/// `đ` → `d`), runs of whitespace and punctuation as one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = base_letter(c);
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_string()
}

/// The letter without its accents, for the letters Vietnamese writes.
fn base_letter(c: char) -> char {
    const GROUPS: [(char, &str); 7] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
        ('e', "èéẻẽẹêềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọôồốổỗộơờớởỡợ"),
        ('u', "ùúủũụưừứửữự"),
        ('y', "ỳýỷỹỵ"),
        ('d', "đ"),
    ];
    GROUPS
        .iter()
        .find(|(_, accented)| accented.contains(c))
        .map_or(c, |(base, _)| *base)
}

/// Whether every word of the (normalised) query is in the term's name or
/// definition, in either language.
pub fn matches(term: &str, query: &str) -> bool {
    let words: Vec<String> = normalize(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    if words.is_empty() {
        return true;
    }
    let text: String = Lang::ALL
        .into_iter()
        .map(|lang| {
            let i18n = I18n::new(lang);
            format!("{} {}", i18n.t(&name_id(term)), i18n.t(&definition_id(term)))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let text = normalize(&text);
    words.iter().all(|w| text.contains(w.as_str()))
}

/// The terms a query finds, in the glossary's order.
pub fn search(query: &str) -> Vec<&'static str> {
    TERMS.iter().copied().filter(|t| matches(t, query)).collect()
}

/// The search in a hash: `#/glossary?q=nh%E1%BA%A5t+qu%C3%A1n` → `nhất quán`.
pub fn query_of_hash(hash: &str) -> String {
    let Some((_, query)) = hash.split_once('?') else {
        return String::new();
    };
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("q="))
        .map(percent_decode)
        .unwrap_or_default()
}

/// The glossary's hash for a search (`#/glossary` when it is empty).
pub fn hash_of_query(query: &str) -> String {
    if query.is_empty() {
        return "#/glossary".into();
    }
    let mut out = String::from("#/glossary?q=");
    for b in query.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(b) = hex {
                    out.push(b);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
