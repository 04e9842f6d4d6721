//! A value carried as the data it is sent as — its code and parameters —
//! and typed only where a reader asks for it.
//!
//! The page words a [`crate::Fault`] from its code and parameters (the
//! catalogs hold one message per code), so it never needs the Rust enum.
//! Deserialising that enum (internally tagged, ~60 variants, one nested in
//! another) was a third of the page's JSON decoding code: 285 KB of its
//! 1.9 MB wasm (`twiggy top` on a build with names). `Coded<T>` keeps the
//! wire form exactly as `T` serialises and leaves the typed decoding to
//! whoever calls [`Coded::decode`]: the CLI, the connector, the tests. A
//! build that never calls it never links `T`'s deserializer.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

pub struct Coded<T> {
    data: Value,
    of: PhantomData<fn() -> T>,
}

impl<T: Serialize> Coded<T> {
    /// `value` as it crosses the wire.
    pub fn new(value: &T) -> Self {
        Coded {
            // Our codes serialise to JSON maps with string keys: this cannot fail.
            data: serde_json::to_value(value).unwrap_or(Value::Null),
            of: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Coded<T> {
    /// The typed value; `None` when the data is not a `T` (a newer engine's
    /// code, say).
    pub fn decode(&self) -> Option<T> {
        T::deserialize(&self.data).ok()
    }
}

impl<T> Coded<T> {
    /// The value as data: `{"code": …, <parameters>}`.
    pub fn data(&self) -> &Value {
        &self.data
    }

    /// Its code (the `code` tag), where it has one.
    pub fn code(&self) -> Option<&str> {
        self.data.get("code")?.as_str()
    }
}

impl<T: Serialize> From<&T> for Coded<T> {
    fn from(value: &T) -> Self {
        Coded::new(value)
    }
}

impl<T: Serialize + fmt::Display + DeserializeOwned> fmt::Display for Coded<T> {
    /// `T`'s own words (the CLI's English), or the data when it is not a `T`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.decode() {
            Some(value) => value.fmt(f),
            None => self.data.fmt(f),
        }
    }
}

impl<T> Clone for Coded<T> {
    fn clone(&self) -> Self {
        Coded {
            data: self.data.clone(),
            of: PhantomData,
        }
    }
}

impl<T> PartialEq for Coded<T> {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
    }
}

impl<T> fmt::Debug for Coded<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.data.fmt(f)
    }
}

impl<T> Serialize for Coded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.data.serialize(serializer)
    }
}

impl<'de, T> Deserialize<'de> for Coded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Coded {
            data: Value::deserialize(deserializer)?,
            of: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::{Fault, Subject};

    #[test]
    fn crosses_the_wire_as_the_value_does_and_decodes_back() {
        let fault = Fault::About {
            subject: Subject::Column("day".into()),
            fault: Box::new(Fault::NotADate {
                field: "from".into(),
                value: "2024-13-01".into(),
            }),
        };
        let coded = Coded::new(&fault);
        // The same JSON (its keys in alphabetical order: a JSON object's order means nothing).
        assert_eq!(
            serde_json::to_value(&coded).unwrap(),
            serde_json::to_value(&fault).unwrap()
        );
        let back: Coded<Fault> = serde_json::from_str(&serde_json::to_string(&fault).unwrap()).unwrap();
        assert_eq!(back, coded);
        assert_eq!(back.decode(), Some(fault.clone()));
        assert_eq!(back.code(), Some("about"));
        assert_eq!(back.to_string(), fault.to_string());
    }

    #[test]
    fn data_that_is_no_fault_stays_data() {
        let odd: Coded<Fault> = serde_json::from_str(r#"{"code": "from_a_newer_engine", "n": 1}"#).unwrap();
        assert_eq!(odd.decode(), None);
        assert_eq!(odd.code(), Some("from_a_newer_engine"));
        assert!(odd.to_string().contains("from_a_newer_engine"));
    }
}
