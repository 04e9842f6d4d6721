//! Partition pruning: the part of a query's WHERE clause that only names a
//! table's partition columns, so files whose directories cannot match are
//! skipped before they are read. Conservative: a table that appears more
//! than once, in a join, or under an alias the filter does not use is
//! scanned whole.

use std::ops::ControlFlow;

use sqlparser::ast::{
    visit_expressions, visit_relations, BinaryOperator, Expr, Query, SetExpr, Statement, TableFactor,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;

/// The conjuncts of `sql`'s WHERE on `table` that name only `partition_columns`,
/// joined with AND and unqualified — `None` when nothing can be pruned.
pub fn partition_filter(sql: &str, table: &str, partition_columns: &[String]) -> Option<String> {
    if partition_columns.is_empty() {
        return None;
    }
    let statements = Parser::parse_sql(&GenericDialect, sql).ok()?;
    let mut uses = 0;
    for s in &statements {
        let _ = visit_relations(s, |r| {
            if r.0.last().is_some_and(|i| i.value == table) {
                uses += 1;
            }
            ControlFlow::<()>::Continue(())
        });
    }
    if uses != 1 {
        return None;
    }
    let mut found = None;
    for s in &statements {
        if let Statement::Query(q) = s {
            find_in_query(q, table, partition_columns, &mut found);
        }
    }
    found
}

fn find_in_query(q: &Query, table: &str, partitions: &[String], found: &mut Option<String>) {
    if let Some(with) = &q.with {
        for cte in &with.cte_tables {
            find_in_query(&cte.query, table, partitions, found);
        }
    }
    find_in_set(&q.body, table, partitions, found);
}

fn find_in_set(body: &SetExpr, table: &str, partitions: &[String], found: &mut Option<String>) {
    match body {
        SetExpr::Select(select) => {
            if let [from] = select.from.as_slice() {
                if from.joins.is_empty() {
                    match &from.relation {
                        TableFactor::Table { name, alias, .. } if name.0.last().is_some_and(|i| i.value == table) => {
                            let qualifier = alias.as_ref().map_or(table.to_string(), |a| a.name.value.clone());
                            if let Some(selection) = &select.selection {
                                let mut keep = vec![];
                                conjuncts(selection, &mut keep);
                                let usable: Vec<String> = keep
                                    .into_iter()
                                    .filter(|c| only_partitions(c, &qualifier, partitions))
                                    .map(|c| unqualified(c, &qualifier))
                                    .collect();
                                if !usable.is_empty() {
                                    *found = Some(usable.join(" AND "));
                                }
                            }
                        }
                        TableFactor::Derived { subquery, .. } => find_in_query(subquery, table, partitions, found),
                        _ => {}
                    }
                }
            }
        }
        SetExpr::Query(q) => find_in_query(q, table, partitions, found),
        SetExpr::SetOperation { left, right, .. } => {
            find_in_set(left, table, partitions, found);
            find_in_set(right, table, partitions, found);
        }
        _ => {}
    }
}

fn conjuncts<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    match e {
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And,
            right,
        } => {
            conjuncts(left, out);
            conjuncts(right, out);
        }
        Expr::Nested(inner) => conjuncts(inner, out),
        other => out.push(other),
    }
}

/// True when every column `e` names is a partition column (bare or
/// qualified by the table) and it has no subquery.
fn only_partitions(e: &Expr, qualifier: &str, partitions: &[String]) -> bool {
    let mut ok = true;
    let mut names = 0;
    let _ = visit_expressions(e, |x| {
        match x {
            Expr::Identifier(i) => {
                names += 1;
                ok &= partitions.contains(&i.value);
            }
            Expr::CompoundIdentifier(parts) => {
                names += 1;
                ok &= matches!(parts.as_slice(), [q, c] if q.value == qualifier && partitions.contains(&c.value));
            }
            Expr::Subquery(_) | Expr::Exists { .. } | Expr::InSubquery { .. } => ok = false,
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
    ok && names > 0
}

fn unqualified(e: &Expr, qualifier: &str) -> String {
    let mut e = e.clone();
    let _ = sqlparser::ast::visit_expressions_mut(&mut e, |x| {
        if let Expr::CompoundIdentifier(parts) = x {
            if let [q, c] = parts.as_slice() {
                if q.value == qualifier {
                    *x = Expr::Identifier(c.clone());
                }
            }
        }
        ControlFlow::<()>::Continue(())
    });
    e.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<String> {
        ["year", "month", "day"].map(String::from).to_vec()
    }

    #[test]
    fn keeps_only_partition_conjuncts() {
        let f = partition_filter(
            "SELECT COUNT(*) FROM events e WHERE e.month = 1 AND user_id = 'u1' AND (day BETWEEN 3 AND 5)",
            "events",
            &parts(),
        );
        assert_eq!(f.as_deref(), Some("month = 1 AND day BETWEEN 3 AND 5"));
        let f = partition_filter(
            "SELECT * FROM (SELECT * FROM events WHERE year = 2024) s",
            "events",
            &parts(),
        );
        assert_eq!(f.as_deref(), Some("year = 2024"));
    }

    #[test]
    fn scans_whole_when_unsure() {
        let p = parts();
        assert_eq!(
            partition_filter("SELECT * FROM events WHERE month = 1 OR user_id = 'x'", "events", &p),
            None
        );
        assert_eq!(
            partition_filter(
                "SELECT * FROM events a JOIN events b ON a.day = b.day WHERE a.month = 1",
                "events",
                &p
            ),
            None
        );
        assert_eq!(
            partition_filter("SELECT * FROM events WHERE user_id = 'x'", "events", &p),
            None
        );
        assert_eq!(
            partition_filter("SELECT * FROM other WHERE month = 1", "events", &p),
            None
        );
    }
}
