//! What dataplay changes in a query before polars-sql runs it: percentiles
//! written the standard or the Athena way become `QUANTILE_CONT`/`_DISC`,
//! running windows (`… OVER (PARTITION BY … ORDER BY …)`) become calls of
//! `functions::RUNNING`, and what polars-sql would silently get wrong (it
//! ignores ORDER BY inside a partitioned window) is refused with a reason.

use std::ops::ControlFlow;

use dataplay_api::Fault;
use sqlparser::ast::{
    visit_expressions, visit_expressions_mut, BinaryOperator, CastKind, DataType as SqlType, Expr, Function,
    FunctionArg, FunctionArgExpr, FunctionArgumentList, FunctionArguments, GroupByExpr, Ident, ObjectName, Query,
    Select, SelectItem, SetExpr, Statement, TableAlias, TableFactor, Value, WildcardAdditionalOptions,
    WindowFrameBound, WindowFrameUnits, WindowType,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;

use super::functions::{RunningKind, RunningSpec, DATE_TRUNC, RUNNING, STRUCT, STRUCT_NAMES_SEPARATOR};

/// Rewrites one statement in place; the error says what is not supported.
pub fn rewrite(statement: &mut Statement) -> Result<(), Fault> {
    match statement {
        Statement::Query(q) => group_keys_in_query(q),
        Statement::CreateTable(c) => {
            if let Some(q) = c.query.as_mut() {
                group_keys_in_query(q);
            }
        }
        Statement::Insert(i) => {
            if let Some(q) = i.source.as_mut() {
                group_keys_in_query(q);
            }
        }
        _ => {}
    }
    match visit_expressions_mut(statement, |expr| match rewrite_expr(expr) {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => ControlFlow::Break(e),
    }) {
        ControlFlow::Continue(()) => Ok(()),
        ControlFlow::Break(e) => Err(e),
    }
}

/// polars-sql 0.51 names a computed GROUP BY key after its input column and
/// then evaluates the expression again on the grouped result (`GROUP BY
/// DATE_TRUNC('day', ts)` fails, as do `GROUP BY 1` and `GROUP BY alias` for
/// such keys). Computed keys are moved into a subquery as `__group_<n>`
/// columns and the grouping uses those.
fn group_keys_in_query(q: &mut Query) {
    if let Some(with) = q.with.as_mut() {
        for cte in &mut with.cte_tables {
            group_keys_in_query(&mut cte.query);
        }
    }
    let moved = group_keys_in_set(&mut q.body);
    if !moved.is_empty() {
        if let Some(order) = q.order_by.as_mut() {
            for o in &mut order.exprs {
                replace_keys(&mut o.expr, &moved);
            }
        }
    }
}

fn group_keys_in_set(body: &mut SetExpr) -> Vec<(String, Ident)> {
    match body {
        SetExpr::Select(select) => {
            for from in &mut select.from {
                if let TableFactor::Derived { subquery, .. } = &mut from.relation {
                    group_keys_in_query(subquery);
                }
            }
            group_keys_in_select(select)
        }
        SetExpr::Query(q) => {
            group_keys_in_query(q);
            vec![]
        }
        SetExpr::SetOperation { left, right, .. } => {
            group_keys_in_set(left);
            group_keys_in_set(right);
            vec![]
        }
        _ => vec![],
    }
}

/// Replaces every sub-expression that prints as a moved key by its column.
fn replace_keys(e: &mut Expr, moved: &[(String, Ident)]) {
    let _ = visit_expressions_mut(e, |x| {
        let text = x.to_string();
        if let Some((_, column)) = moved.iter().find(|(k, _)| *k == text) {
            *x = Expr::Identifier(column.clone());
        }
        ControlFlow::<()>::Continue(())
    });
}

fn group_keys_in_select(select: &mut Select) -> Vec<(String, Ident)> {
    let GroupByExpr::Expressions(keys, modifiers) = &select.group_by else {
        return vec![];
    };
    if !modifiers.is_empty() || select.from.len() != 1 || !select.from[0].joins.is_empty() {
        return vec![];
    }
    let item_expr = |item: &SelectItem| match item {
        SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => Some(e.clone()),
        _ => None,
    };
    // Each key as the expression it stands for (an ordinal or an alias
    // names a projection item).
    let resolved: Vec<Expr> = keys
        .iter()
        .map(|k| match k {
            Expr::Value(Value::Number(n, _)) => n
                .parse::<usize>()
                .ok()
                .and_then(|i| select.projection.get(i.wrapping_sub(1)))
                .and_then(item_expr)
                .unwrap_or_else(|| k.clone()),
            Expr::Identifier(id) => select
                .projection
                .iter()
                .find_map(|item| match item {
                    SelectItem::ExprWithAlias { expr, alias } if alias.value == id.value => Some(expr.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| k.clone()),
            other => other.clone(),
        })
        .collect();
    let computed = |e: &Expr| !matches!(e, Expr::Identifier(_) | Expr::CompoundIdentifier(_) | Expr::Value(_));
    if !resolved.iter().any(computed) {
        return vec![];
    }
    let mut moved: Vec<(String, Ident)> = vec![];
    let mut inner_items = vec![SelectItem::Wildcard(WildcardAdditionalOptions::default())];
    let mut new_keys = vec![];
    for e in &resolved {
        if computed(e) {
            let text = e.to_string();
            let column = match moved.iter().find(|(k, _)| *k == text) {
                Some((_, c)) => c.clone(),
                None => {
                    let c = Ident::new(format!("__group_{}", moved.len()));
                    inner_items.push(SelectItem::ExprWithAlias {
                        expr: e.clone(),
                        alias: c.clone(),
                    });
                    moved.push((text, c.clone()));
                    c
                }
            };
            new_keys.push(Expr::Identifier(column));
        } else {
            new_keys.push(e.clone());
        }
    }
    let Ok(mut template) = Parser::parse_sql(&GenericDialect, "SELECT 1") else {
        return vec![];
    };
    let Some(Statement::Query(mut inner_query)) = template.pop() else {
        return vec![];
    };
    let mut inner = select.clone();
    inner.projection = inner_items;
    inner.group_by = GroupByExpr::Expressions(vec![], vec![]);
    inner.having = None;
    inner_query.body = Box::new(SetExpr::Select(Box::new(inner)));
    // Outside, columns are no longer qualified by the inner table's name.
    let qualifiers: Vec<String> = match &select.from[0].relation {
        TableFactor::Table { name, alias, .. } => {
            let mut q: Vec<String> = name.0.last().map(|i| i.value.clone()).into_iter().collect();
            q.extend(alias.as_ref().map(|a| a.name.value.clone()));
            q
        }
        TableFactor::Derived { alias, .. } => alias.iter().map(|a| a.name.value.clone()).collect(),
        _ => vec![],
    };
    select.from[0].relation = TableFactor::Derived {
        lateral: false,
        subquery: inner_query,
        alias: Some(TableAlias {
            name: Ident::new("__grouped"),
            columns: vec![],
        }),
    };
    select.selection = None;
    select.group_by = GroupByExpr::Expressions(new_keys, vec![]);
    let fix = |e: &mut Expr| {
        replace_keys(e, &moved);
        let _ = visit_expressions_mut(e, |x| {
            if let Expr::CompoundIdentifier(parts) = x {
                if let [q, c] = parts.as_slice() {
                    if qualifiers.contains(&q.value) {
                        *x = Expr::Identifier(c.clone());
                    }
                }
            }
            ControlFlow::<()>::Continue(())
        });
    };
    for item in &mut select.projection {
        if let SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } = item {
            fix(e);
        }
    }
    if let GroupByExpr::Expressions(keys, _) = &mut select.group_by {
        keys.iter_mut().for_each(&fix);
    }
    if let Some(h) = select.having.as_mut() {
        fix(h);
    }
    moved
}

/// A text literal that sqlparser would print wrong, as a concatenation of
/// pieces it prints right. The statement is printed and parsed again by
/// polars-sql, and sqlparser 0.53 prints two adjacent quotes, or a quote
/// after a backslash, as if already escaped: `'x''''y'` (`x''y`) came back
/// as `x'y`, and `'a\'''` (`a\'`) did not parse. None: it prints as it is.
fn printable_literal(text: &str) -> Option<Expr> {
    let mut pieces: Vec<String> = vec![String::new()];
    let mut previous = None;
    for ch in text.chars() {
        if ch == '\'' && matches!(previous, Some('\'' | '\\')) {
            pieces.push(String::new());
        }
        if let Some(last) = pieces.last_mut() {
            last.push(ch);
        }
        previous = Some(ch);
    }
    if pieces.len() == 1 {
        return None;
    }
    let mut parts = pieces.into_iter().map(|p| Expr::Value(Value::SingleQuotedString(p)));
    let first = parts.next()?;
    let joined = parts.fold(first, |left, right| Expr::BinaryOp {
        left: Box::new(left),
        op: BinaryOperator::StringConcat,
        right: Box::new(right),
    });
    Some(Expr::Nested(Box::new(joined)))
}

fn rewrite_expr(expr: &mut Expr) -> Result<(), Fault> {
    if let Expr::Value(Value::SingleQuotedString(text)) = expr {
        if let Some(printable) = printable_literal(text) {
            *expr = printable;
        }
        return Ok(());
    }
    if let Expr::Struct { values, fields } = expr {
        if !fields.is_empty() || values.iter().any(|v| matches!(v, Expr::Named { .. })) {
            return Err(Fault::StructFields);
        }
        let names: Vec<String> = values.iter().map(field_name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
            return Err(Fault::StructDuplicate { field: w[0].clone() });
        }
        let names = Expr::Value(Value::SingleQuotedString(
            names.join(&STRUCT_NAMES_SEPARATOR.to_string()),
        ));
        let args = std::iter::once(names).chain(std::mem::take(values)).collect();
        *expr = Expr::Function(call(STRUCT, args));
        return Ok(());
    }
    let Expr::Function(f) = expr else {
        return Ok(());
    };
    let name = f.name.to_string().to_ascii_lowercase();
    if let Some(new) = percentile(f, &name)? {
        *f = new;
        return Ok(());
    }
    if name == "power" || name == "pow" {
        // DuckDB's POWER is DOUBLE; polars raises integers as integers,
        // and `POWER(10, 20)` overflowed (a panic in a debug build, a
        // wrapped wrong answer in release and in the page).
        let args = plain_args(f, &name)?;
        let [Some(base), Some(exponent)] = args.as_slice() else {
            return Err(Fault::PowerArguments);
        };
        let base = Expr::Cast {
            kind: CastKind::Cast,
            expr: Box::new(base.clone()),
            data_type: SqlType::Double,
            format: None,
        };
        *f = call("POWER", vec![base, exponent.clone()]);
        return Ok(());
    }
    if name == "date_trunc" {
        let args = plain_args(f, &name)?;
        let [Some(unit), Some(value)] = args.as_slice() else {
            return Err(Fault::DateTruncArguments);
        };
        *f = call(DATE_TRUNC, vec![value.clone(), unit.clone()]);
        return Ok(());
    }
    if let Some(WindowType::WindowSpec(spec)) = &f.over {
        if !spec.order_by.is_empty() {
            *f = running(f, &name)?;
        }
    }
    Ok(())
}

/// The name polars gives an expression's result: a column's own name, the
/// first column an expression reads, or `literal`.
fn field_name(e: &Expr) -> String {
    let mut name = None;
    let _ = visit_expressions(e, |x| {
        name = match x {
            Expr::Identifier(i) => Some(i.value.clone()),
            Expr::CompoundIdentifier(parts) => parts.last().map(|i| i.value.clone()),
            _ => None,
        };
        if name.is_some() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    name.unwrap_or_else(|| "literal".into())
}

fn call(name: &str, args: Vec<Expr>) -> Function {
    Function {
        name: ObjectName(vec![Ident::new(name)]),
        uses_odbc_syntax: false,
        parameters: FunctionArguments::None,
        args: FunctionArguments::List(FunctionArgumentList {
            duplicate_treatment: None,
            args: args
                .into_iter()
                .map(|e| FunctionArg::Unnamed(FunctionArgExpr::Expr(e)))
                .collect(),
            clauses: vec![],
        }),
        filter: None,
        null_treatment: None,
        over: None,
        within_group: vec![],
    }
}

/// The plain expression arguments of a call; `None` for `*`.
fn plain_args(f: &Function, name: &str) -> Result<Vec<Option<Expr>>, Fault> {
    match &f.args {
        FunctionArguments::None => Ok(vec![]),
        FunctionArguments::Subquery(_) => Err(Fault::SubqueryArgument { function: name.into() }),
        FunctionArguments::List(list) => {
            if list.duplicate_treatment.is_some() || !list.clauses.is_empty() {
                return Err(Fault::WindowClauses {
                    function: name.to_uppercase(),
                });
            }
            list.args
                .iter()
                .map(|a| match a {
                    FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => Ok(Some(e.clone())),
                    FunctionArg::Unnamed(FunctionArgExpr::Wildcard) => Ok(None),
                    _ => Err(Fault::NamedArguments {
                        function: name.to_uppercase(),
                    }),
                })
                .collect()
        }
    }
}

/// `PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)` (standard SQL) and
/// `APPROX_PERCENTILE(x, p)` (Athena/Presto) → `QUANTILE_CONT(x, p)`.
fn percentile(f: &Function, name: &str) -> Result<Option<Function>, Fault> {
    let target = match name {
        "percentile_cont" | "approx_percentile" | "percentile_approx" => "quantile_cont",
        "percentile_disc" => "quantile_disc",
        _ => return Ok(None),
    };
    let args = plain_args(f, name)?;
    let upper = name.to_uppercase();
    let (value, p) = if !f.within_group.is_empty() {
        let [Some(p)] = args.as_slice() else {
            return Err(Fault::WithinGroupFraction { function: upper });
        };
        let [order] = f.within_group.as_slice() else {
            return Err(Fault::WithinGroupOrder { function: upper });
        };
        let p = if order.asc == Some(false) {
            Expr::BinaryOp {
                left: Box::new(Expr::Value(Value::Number("1".into(), false))),
                op: sqlparser::ast::BinaryOperator::Minus,
                right: Box::new(p.clone()),
            }
        } else {
            p.clone()
        };
        (order.expr.clone(), p)
    } else {
        match args.as_slice() {
            [Some(x), Some(p)] => (x.clone(), p.clone()),
            _ => return Err(Fault::PercentileArguments { function: upper }),
        }
    };
    let mut new = call(target, vec![value, p]);
    new.over = f.over.clone();
    Ok(Some(new))
}

/// `SUM(x)`, `COUNT(x)`, `COUNT(*)`, `ROW_NUMBER()` over an ordered window.
fn running(f: &Function, name: &str) -> Result<Function, Fault> {
    let Some(WindowType::WindowSpec(spec)) = &f.over else {
        return Err(Fault::NamedWindow);
    };
    let upper = name.to_uppercase();
    if f.filter.is_some() {
        return Err(Fault::WindowFilter { function: upper });
    }
    let args = plain_args(f, name)?;
    let (kind, value) = match (name, args.as_slice()) {
        ("sum", [Some(x)]) => (RunningKind::Sum, Some(x.clone())),
        ("count", [Some(x)]) => (RunningKind::Count, Some(x.clone())),
        ("count", [None]) | ("count", []) => (RunningKind::CountRows, None),
        ("row_number", []) => (RunningKind::RowNumber, None),
        _ => return Err(Fault::OrderedWindow { function: upper }),
    };
    let rows = match &spec.window_frame {
        None => false,
        Some(frame) => {
            let from_start = matches!(frame.start_bound, WindowFrameBound::Preceding(None));
            let to_current = matches!(frame.end_bound, None | Some(WindowFrameBound::CurrentRow));
            if !from_start || !to_current || frame.units == WindowFrameUnits::Groups {
                return Err(Fault::WindowFrame { function: upper });
            }
            frame.units == WindowFrameUnits::Rows
        }
    };
    let running = RunningSpec {
        kind,
        partitions: spec.partition_by.len(),
        orders: spec
            .order_by
            .iter()
            .map(|o| {
                let descending = o.asc == Some(false);
                // SQL's default: NULLs sort as the largest value.
                let nulls_last = o.nulls_first.map_or(!descending, |first| !first);
                (descending, nulls_last)
            })
            .collect(),
        rows,
    };
    let mut call_args: Vec<Expr> = value.into_iter().collect();
    call_args.extend(spec.partition_by.iter().cloned());
    call_args.extend(spec.order_by.iter().map(|o| o.expr.clone()));
    call_args.push(Expr::Value(Value::SingleQuotedString(running.encode())));
    Ok(call(RUNNING, call_args))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(sql: &str) -> Result<String, String> {
        let mut statements = Parser::parse_sql(&GenericDialect, sql).map_err(|e| e.to_string())?;
        let statement = statements.first_mut().ok_or("no statement")?;
        rewrite(statement).map_err(|fault| fault.to_string())?;
        Ok(statement.to_string())
    }

    #[test]
    fn percentiles_become_quantiles() {
        let sql = rewritten("SELECT PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY x) FROM t").unwrap_or_default();
        assert_eq!(sql, "SELECT quantile_cont(x, 0.9) FROM t");
        let sql = rewritten("SELECT approx_percentile(x, 0.5) FROM t").unwrap_or_default();
        assert_eq!(sql, "SELECT quantile_cont(x, 0.5) FROM t");
    }

    #[test]
    fn ordered_windows_become_running_calls() {
        let sql = rewritten(
            "SELECT SUM(q) OVER (PARTITION BY p, s ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t",
        )
        .unwrap_or_default();
        assert_eq!(sql, "SELECT dataplay_running(q, p, s, d, 'sum;2;al;rows') FROM t");
        let sql = rewritten("SELECT ROW_NUMBER() OVER (ORDER BY d DESC) FROM t").unwrap_or_default();
        assert_eq!(sql, "SELECT dataplay_running(d, 'row_number;0;df;range') FROM t");
        // Without ORDER BY, polars-sql's own partitioned aggregate is right.
        let sql = rewritten("SELECT AVG(q) OVER (PARTITION BY p) FROM t").unwrap_or_default();
        assert!(sql.contains("AVG(q) OVER (PARTITION BY p)"), "{sql}");
    }

    #[test]
    fn computed_group_keys_move_into_a_subquery() {
        let sql = rewritten(
            "SELECT DATE_TRUNC('day', e.ts) AS d, COUNT(*) FROM events e WHERE e.v > 1 GROUP BY 1 ORDER BY d",
        )
        .unwrap_or_default();
        assert_eq!(
            sql,
            "SELECT __group_0 AS d, COUNT(*) FROM (SELECT *, dataplay_date_trunc(e.ts, 'day') AS __group_0 FROM events AS e \
             WHERE e.v > 1) AS __grouped GROUP BY __group_0 ORDER BY d"
        );
        // Plain column keys are left alone.
        let sql = rewritten("SELECT a, COUNT(*) FROM t GROUP BY a").unwrap_or_default();
        assert_eq!(sql, "SELECT a, COUNT(*) FROM t GROUP BY a");
    }

    #[test]
    fn unsupported_windows_say_why() {
        let err = rewritten("SELECT LAG(q) OVER (PARTITION BY p ORDER BY d) FROM t")
            .err()
            .unwrap_or_default();
        assert!(err.contains("LAG(…) OVER (… ORDER BY …) is not supported"), "{err}");
        let err = rewritten("SELECT SUM(q) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t")
            .err()
            .unwrap_or_default();
        assert!(err.contains("only the frames"), "{err}");
    }
}
