//! Column pruning: the columns of a table's files a query can touch, so a
//! columnar file (Parquet) is read only for those, as Athena and DuckDB do.
//! Conservative: every word of the query (identifiers, keywords, each part
//! of a dotted or quoted name) counts as a possible column, and what
//! reaches columns without naming them keeps every column: a `*` wildcard
//! (`SELECT *`, `t.*`), `NATURAL` joins, `COLUMNS(…)` patterns.

use std::collections::HashSet;

use sqlparser::dialect::GenericDialect;
use sqlparser::tokenizer::{Token, Tokenizer};

/// Which top-level columns of a file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Projection {
    All,
    /// Lower-cased words of the query; a column is read when its lower-cased
    /// name (or the part before its first `.`) is one of them.
    Named(HashSet<String>),
}

impl Projection {
    /// The projection `sql` allows; `All` when it cannot be tokenized or has a wildcard.
    pub fn of(sql: &str) -> Projection {
        let Ok(tokens) = Tokenizer::new(&GenericDialect, sql).tokenize() else {
            return Projection::All;
        };
        let mut words = HashSet::new();
        let mut previous: Option<&Token> = None;
        for token in &tokens {
            match token {
                Token::Whitespace(_) => continue,
                Token::Mul if is_wildcard_position(previous) => return Projection::All,
                Token::Word(w)
                    if w.quote_style.is_none() && matches!(w.value.to_uppercase().as_str(), "NATURAL" | "COLUMNS") =>
                {
                    return Projection::All
                }
                Token::Word(w) => {
                    let value = w.value.to_lowercase();
                    words.extend(value.split('.').map(str::to_string));
                    words.insert(value);
                }
                _ => {}
            }
            previous = Some(token);
        }
        Projection::Named(words)
    }

    pub fn keeps(&self, column: &str) -> bool {
        match self {
            Projection::All => true,
            Projection::Named(words) => {
                let lower = column.to_lowercase();
                words.contains(&lower) || lower.split('.').next().is_some_and(|head| words.contains(head))
            }
        }
    }
}

/// `*` right after SELECT / DISTINCT / ALL, a comma or a `.` is a wildcard;
/// after `(` (COUNT(*)) or an operand it is not.
fn is_wildcard_position(previous: Option<&Token>) -> bool {
    match previous {
        None | Some(Token::Comma) | Some(Token::Period) => true,
        Some(Token::Word(w)) => {
            w.quote_style.is_none() && matches!(w.value.to_uppercase().as_str(), "SELECT" | "DISTINCT" | "ALL")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_columns_only() {
        let p = Projection::of(
            "SELECT product_id, COUNT(*) AS n, SUM(line_total) FROM items WHERE Quantity > 2 GROUP BY 1",
        );
        assert!(p.keeps("product_id") && p.keeps("line_total") && p.keeps("quantity"));
        assert!(!p.keeps("unit_price") && !p.keeps("tax_amount"));
    }

    #[test]
    fn wildcards_keep_everything() {
        for sql in [
            "SELECT * FROM t",
            "SELECT a, * FROM t",
            "SELECT t.* FROM t",
            "SELECT DISTINCT * FROM t",
        ] {
            assert_eq!(Projection::of(sql), Projection::All, "{sql}");
        }
        assert_ne!(Projection::of("SELECT a * b, COUNT(*) FROM t"), Projection::All);
        assert_eq!(Projection::of("SELECT a FROM t NATURAL JOIN u"), Projection::All);
        assert_eq!(Projection::of("SELECT COLUMNS('^a') FROM t"), Projection::All);
    }

    #[test]
    fn nested_and_quoted_names() {
        let p = Projection::of(r#"SELECT analytics.views, "device.type" FROM v"#);
        assert!(p.keeps("analytics") && p.keeps("device.type") && p.keeps("device"));
        assert!(!p.keeps("title"));
    }
}
