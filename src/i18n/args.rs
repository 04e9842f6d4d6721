//! Message arguments: built by hand ([`Args`]), or read from the data the
//! engine sends (a `Problem`, a `Fault`, a `LoadNote`, as serialised), and
//! how numbers read in each language.
//!
//! From data, each field of the object is an argument of its name: text as
//! text, numbers as numbers, lists joined with ", ", a nested fault (an
//! object with a `code`) worded by its own message `fault-<code>`, a
//! subject (`kind` and `name`) by `subject-<kind>`; another nested object
//! (a tagged enum) gives its tag under the field's name and its own fields
//! under theirs.

use fluent_bundle::{FluentArgs, FluentValue};
use serde_json::Value;

use super::{I18n, Lang};

/// Arguments for one message.
#[derive(Default)]
pub struct Args {
    pub(super) fluent: FluentArgs<'static>,
}

/// The tags of the engine's tagged enums (`#[serde(tag = …)]`) other than
/// `code` (faults, problems) and `kind` (subjects).
const TAGS: [&str; 3] = ["why", "note", "type"];

impl Args {
    pub fn new() -> Self {
        Args::default()
    }

    pub fn text(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.fluent.set(key, FluentValue::from(value.into()));
        self
    }

    pub fn number(mut self, key: &'static str, value: impl Into<f64>) -> Self {
        self.fluent.set(key, FluentValue::from(value.into()));
        self
    }
}

pub fn from_data(i18n: &I18n, data: &Value) -> Args {
    let mut args = Args::new();
    if let Value::Object(fields) = data {
        for (key, value) in fields {
            add(i18n, &mut args.fluent, key, value);
        }
    }
    args
}

fn add(i18n: &I18n, args: &mut FluentArgs<'static>, key: &str, value: &Value) {
    let key = key.to_string();
    match value {
        Value::Null => {}
        Value::Bool(b) => args.set(key, FluentValue::from(b.to_string())),
        Value::Number(n) => args.set(key, FluentValue::from(n.as_f64().unwrap_or_default())),
        Value::String(s) => args.set(key, FluentValue::from(s.clone())),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|v| plain(i18n, v)).collect();
            args.set(key, FluentValue::from(items.join(", ")));
        }
        Value::Object(fields) => {
            if let Some(code) = fields.get("code").and_then(Value::as_str) {
                args.set(key, FluentValue::from(i18n.t_data(&format!("fault-{code}"), value)));
            } else if let Some(kind) = fields.get("kind").and_then(Value::as_str) {
                // A subject: its `name`, when it has one, is the message's argument.
                args.set(key, FluentValue::from(i18n.t_data(&format!("subject-{kind}"), value)));
            } else {
                for (inner, v) in fields {
                    if TAGS.contains(&inner.as_str()) {
                        add(i18n, args, &key, v);
                    } else {
                        add(i18n, args, inner, v);
                    }
                }
            }
        }
    }
}

fn plain(i18n: &I18n, value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => i18n.number(n.as_f64().unwrap_or_default()),
        other => other.to_string(),
    }
}

/// How the catalogs print a number argument.
pub fn format_value(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(format_number(lang, n.value)),
        _ => None,
    }
}

/// Whole numbers from 10 000 up in groups of three (`1.234.567` in
/// Vietnamese, `12,345` in English); decimals with a comma in Vietnamese.
pub fn format_number(lang: Lang, n: f64) -> String {
    let (group, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::Vi => ('.', ','),
    };
    if !n.is_finite() {
        return n.to_string();
    }
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let digits = format!("{}", n.abs() as u64);
        let sign = if n < 0.0 { "-" } else { "" };
        if n.abs() < 10_000.0 {
            return format!("{sign}{digits}");
        }
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        return format!("{sign}{out}");
    }
    n.to_string().replace('.', &decimal.to_string())
}
