//! The engine's layers, read from its source: the top-level modules (a file
//! or a folder under `src/`) import each other without a cycle, the
//! foundation (`base`, and the `error` type under it) imports nothing else of
//! the engine, the files of a folder import each other without a cycle (so
//! `cap`'s `sim` and `metrics` do not import each other), and each module
//! imports only from the layers below its own.
//!
//! References are taken from the text: every `crate::…` path in code (`use
//! crate::{a, b::{c, d}}` included), and `super::x` between the files of a
//! folder. Comments, strings and char literals are skipped.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules, bottom first: a module imports only from the
/// layers below its own, never from its own layer or above.
const LAYERS: &[&[&str]] = &[
    &["error"],
    &["base"],
    // Below the loaders and SQL: their tests write the files they read.
    &["write"],
    &["cap", "load", "preview", "profile", "samples", "sql"],
    &["grade", "lake"],
    &["warehouse"],
    &["etl"],
    &["codegen"],
    &["workspace"],
];

/// The foundation and what it may import.
const FOUNDATION: &[(&str, &[&str])] = &[("error", &[]), ("base", &["error"])];

type Graph = BTreeMap<String, BTreeMap<String, usize>>;

struct Source {
    /// Path under `src/`, `/`-separated (`cap/sim.rs`).
    path: String,
    /// The code with comments, strings and char literals blanked out.
    code: String,
}

fn sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    let sources: Vec<Source> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let rel = f.strip_prefix(&src).unwrap_or(f);
            let path = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Source {
                path,
                code: code_only(&text),
            }
        })
        .collect();
    assert!(
        sources.len() > 20,
        "found only {} files under {}",
        sources.len(),
        src.display()
    );
    sources
}

/// `text` with comments, string literals and char literals replaced by
/// spaces (newlines kept), so only code is searched.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, s: &[char]| {
        out.extend(s.iter().map(|&ch| if ch == '\n' { '\n' } else { ' ' }));
    };
    let starts = |i: usize, s: &str| s.chars().enumerate().all(|(k, ch)| c.get(i + k) == Some(&ch));
    let word_before = |i: usize| i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
    let mut i = 0;
    while i < c.len() {
        let end = if starts(i, "//") {
            c[i..].iter().position(|&ch| ch == '\n').map_or(c.len(), |n| i + n)
        } else if starts(i, "/*") {
            let (mut j, mut depth) = (i + 2, 1);
            while j < c.len() && depth > 0 {
                if starts(j, "/*") {
                    depth += 1;
                    j += 2;
                } else if starts(j, "*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            j
        } else if (c[i] == 'r' || (c[i] == 'b' && c.get(i + 1) == Some(&'r'))) && !word_before(i) && {
            let r = if c[i] == 'b' { i + 1 } else { i };
            let hashes = c[r + 1..].iter().take_while(|&&ch| ch == '#').count();
            c.get(r + 1 + hashes) == Some(&'"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let r = if c[i] == 'b' { i + 1 } else { i };
            let hashes = c[r + 1..].iter().take_while(|&&ch| ch == '#').count();
            let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let mut j = r + 2 + hashes;
            while j < c.len() && !c[j..].starts_with(&close) {
                j += 1;
            }
            (j + close.len()).min(c.len())
        } else if c[i] == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            (j + 1).min(c.len())
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            // An escaped char literal: '\n', '\'', '\u{2028}'.
            let mut j = i + 2;
            while j < c.len() && c[j] != '\'' {
                j += 1;
            }
            (j + 1).min(c.len())
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i + 3
        } else {
            // Code (a lifetime's quote included).
            out.push(c[i]);
            i += 1;
            continue;
        };
        blank(&mut out, &c[i..end]);
        i = end;
    }
    out
}

/// Every path that follows `prefix::` in `code` (`crate` or `super`), braces
/// expanded: `crate::{a, b::{c, d as e}}` gives `[a]`, `[b, c]`, `[b, d]`.
/// `$crate` and a `super` after `::` (`super::super`) are not counted.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let c: Vec<char> = code.chars().collect();
    let p: Vec<char> = format!("{prefix}::").chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + p.len() <= c.len() {
        let boundary = i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_' || c[i - 1] == '$' || c[i - 1] == ':');
        if boundary && c[i..].starts_with(&p) {
            let mut at = i + p.len();
            out.extend(tree(&c, &mut at));
            i = at.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn skip_space(c: &[char], at: &mut usize) {
    while *at < c.len() && c[*at].is_whitespace() {
        *at += 1;
    }
}

fn ident(c: &[char], at: &mut usize) -> String {
    let start = *at;
    while *at < c.len() && (c[*at].is_alphanumeric() || c[*at] == '_') {
        *at += 1;
    }
    c[start..*at].iter().collect()
}

/// A use tree (or a plain path) from `at`: its paths, each from its first segment.
fn tree(c: &[char], at: &mut usize) -> Vec<Vec<String>> {
    skip_space(c, at);
    if c.get(*at) == Some(&'{') {
        *at += 1;
        let mut out = Vec::new();
        loop {
            skip_space(c, at);
            match c.get(*at) {
                None => return out,
                Some('}') => {
                    *at += 1;
                    return out;
                }
                Some(',') => *at += 1,
                Some(_) => {
                    let before = *at;
                    out.extend(tree(c, at));
                    if *at == before {
                        *at += 1; // `*` or anything unexpected
                    }
                }
            }
        }
    }
    let name = ident(c, at);
    if name.is_empty() {
        return vec![];
    }
    skip_space(c, at);
    if c[*at..].starts_with(&[':', ':']) {
        *at += 2;
        let rest = tree(c, at);
        if rest.is_empty() {
            return vec![vec![name]];
        }
        return rest
            .into_iter()
            .map(|mut r| {
                r.insert(0, name.clone());
                r
            })
            .collect();
    }
    // `a as b`: the alias is not a path.
    let mut peek = *at;
    if ident(c, &mut peek) == "as" {
        skip_space(c, &mut peek);
        ident(c, &mut peek);
        *at = peek;
    }
    vec![vec![name]]
}

/// The top-level module a file belongs to (`cap/sim.rs` → `cap`), or `None`
/// for the crate root.
fn top_module(path: &str) -> Option<String> {
    if path == "lib.rs" {
        return None;
    }
    let first = path.split('/').next().unwrap_or(path);
    Some(first.strip_suffix(".rs").unwrap_or(first).to_string())
}

/// Top-level module → top-level module it references → how many times.
fn module_graph(sources: &[Source]) -> Graph {
    let mut graph = Graph::new();
    for s in sources {
        let Some(from) = top_module(&s.path) else { continue };
        let entry = graph.entry(from.clone()).or_default();
        for path in paths_after(&s.code, "crate") {
            if path[0] != from && path[0] != "self" {
                *entry.entry(path[0].clone()).or_default() += 1;
            }
        }
    }
    let known: BTreeSet<String> = graph.keys().cloned().collect();
    for (from, to) in &graph {
        for name in to.keys() {
            assert!(
                known.contains(name),
                "{from} references crate::{name}, which is not a module under src/"
            );
        }
    }
    graph
}

/// For each folder module, its files (and subfolders) → the siblings they reference.
fn folder_graphs(sources: &[Source]) -> BTreeMap<String, Graph> {
    let mut siblings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in sources {
        let parts: Vec<&str> = s.path.split('/').collect();
        if parts.len() >= 2 && parts[1] != "mod.rs" {
            let name = parts[1].strip_suffix(".rs").unwrap_or(parts[1]);
            siblings
                .entry(parts[0].to_string())
                .or_default()
                .insert(name.to_string());
        }
    }
    let mut graphs: BTreeMap<String, Graph> = BTreeMap::new();
    for s in sources {
        let parts: Vec<&str> = s.path.split('/').collect();
        if parts.len() < 2 || parts[1] == "mod.rs" {
            continue;
        }
        let (folder, from) = (parts[0], parts[1].strip_suffix(".rs").unwrap_or(parts[1]));
        let names = &siblings[folder];
        let mut targets: Vec<String> = paths_after(&s.code, "crate")
            .into_iter()
            .filter(|p| p.len() >= 2 && p[0] == folder)
            .map(|p| p[1].clone())
            .collect();
        if parts.len() == 2 {
            // In `folder/file.rs`, `super::x` is the folder's `x`.
            targets.extend(paths_after(&s.code, "super").into_iter().map(|p| p[0].clone()));
        }
        let entry = graphs
            .entry(folder.to_string())
            .or_default()
            .entry(from.to_string())
            .or_default();
        for t in targets {
            if t != from && names.contains(&t) {
                *entry.entry(t).or_default() += 1;
            }
        }
    }
    graphs
}

/// A cycle of `graph` as a path (`a → b → a`), if it has one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit<'g>(
        graph: &'g Graph,
        node: &'g str,
        stack: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = stack[at..].iter().map(|n| n.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node);
        for next in graph.get(node).into_iter().flat_map(|to| to.keys()) {
            if let Some(cycle) = visit(graph, next, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

fn show(graph: &Graph) -> String {
    graph
        .iter()
        .map(|(from, to)| {
            let to: Vec<String> = to.iter().map(|(t, n)| format!("{t}({n})")).collect();
            format!("  {from} -> {}\n", to.join(", "))
        })
        .collect()
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let graph = module_graph(&sources());
    println!("{}", show(&graph));
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}\nthe graph:\n{}", cycle.join(" → "), show(&graph));
    }
}

#[test]
fn the_foundation_imports_nothing_else_of_the_engine() {
    let graph = module_graph(&sources());
    for (module, allowed) in FOUNDATION {
        let imports = graph
            .get(*module)
            .unwrap_or_else(|| panic!("no module {module} under src/"));
        let extra: Vec<&String> = imports.keys().filter(|m| !allowed.contains(&m.as_str())).collect();
        assert!(
            extra.is_empty(),
            "{module} imports {extra:?}; the foundation may import only {allowed:?}"
        );
    }
}

#[test]
fn the_files_of_a_folder_import_each_other_without_a_cycle() {
    let graphs = folder_graphs(&sources());
    for (folder, graph) in &graphs {
        if let Some(cycle) = find_cycle(graph) {
            panic!("import cycle in {folder}/: {}\n{}", cycle.join(" → "), show(graph));
        }
    }
    // The simulation records into its metrics; the metrics know nothing of the
    // simulation (both share `cap::version`).
    let cap = &graphs["cap"];
    assert!(
        cap["sim"].contains_key("metrics") && cap["sim"].contains_key("version"),
        "{}",
        show(cap)
    );
    assert!(
        !cap["metrics"].contains_key("sim"),
        "cap/metrics imports sim:\n{}",
        show(cap)
    );
}

#[test]
fn each_module_imports_only_from_the_layers_below_it() {
    let graph = module_graph(&sources());
    let layer = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let unplaced: Vec<&String> = graph.keys().filter(|m| layer(m).is_none()).collect();
    assert!(unplaced.is_empty(), "modules in no layer of LAYERS: {unplaced:?}");
    let layer = |m: &str| layer(m).unwrap_or(LAYERS.len());
    let mut wrong = Vec::new();
    for (from, to) in &graph {
        for target in to.keys() {
            if layer(target) >= layer(from) {
                wrong.push(format!(
                    "{from} (layer {}) imports {target} (layer {})",
                    layer(from),
                    layer(target)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}\nthe graph:\n{}", wrong.join("\n"), show(&graph));
}

/// The reader and the cycle search themselves, on made-up code: the checks
/// above can fail.
#[test]
fn the_reader_finds_imports_and_cycles() {
    let code = code_only(
        "use crate::{a, b::{c, d as e}, self};\n\
         // crate::commented\n\
         let s = \"crate::quoted\"; let r = r#\"crate::raw\"#; let q = '\"';\n\
         fn f<'a>(x: &'a str) { crate::g::h(x); $crate::macro_path; super::super::up; }\n\
         use super::sibling::Thing;",
    );
    let found: Vec<String> = paths_after(&code, "crate").iter().map(|p| p.join("::")).collect();
    assert_eq!(found, ["a", "b::c", "b::d", "self", "g::h"]);
    let found: Vec<String> = paths_after(&code, "super").iter().map(|p| p.join("::")).collect();
    assert_eq!(found, ["super::up", "sibling::Thing"]);

    let graph = |edges: &[(&str, &str)]| {
        let mut g = Graph::new();
        for (a, b) in edges {
            *g.entry(a.to_string()).or_default().entry(b.to_string()).or_default() += 1;
            g.entry(b.to_string()).or_default();
        }
        g
    };
    assert_eq!(find_cycle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])), None);
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
