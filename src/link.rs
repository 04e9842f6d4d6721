//! What every page's link shares: the query after the route in the hash
//! (`#/cap?seed=3`, `#/etl?v=1&margin=0.35`), read as
//! `application/x-www-form-urlencoded` and written back the same way, and
//! the parts of a link that could not be read (left out, the rest applies).

/// A part of the link that could not be read: left out, the rest applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPart {
    /// The parameter's name (`faults`, `seed`…).
    pub name: &'static str,
    /// What the link says, as decoded.
    pub value: String,
}

/// The query of a hash (`#/cap?a=1&b=2`), each name and value decoded; the
/// last of a repeated name wins (see [`get`]).
pub fn query(hash: &str) -> Vec<(String, String)> {
    let query = hash.split_once('?').map(|(_, q)| q).unwrap_or_default();
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The value of `name` in a decoded query (the last one given).
pub fn get(params: &[(String, String)], name: &str) -> Option<String> {
    params.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

/// `#/<route>?name=value&…`, every value percent-encoded.
pub fn hash(route: &str, params: &[(&str, String)]) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    format!("#/{route}?{}", query.join("&"))
}

/// Percent-encode all but the characters a query value can hold as they
/// are (letters, digits, `-._~` and the separators read back as text:
/// `,:|`).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b',' | b':' | b'|' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `application/x-www-form-urlencoded` decoding (`+` is a space, `%XX` a
/// byte; a `%` not followed by two hex digits is kept as it is).
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |i: usize| bytes.get(i).and_then(|b| (*b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'+', ..) => out.push(b' '),
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            (b, ..) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let h = hash(
            "etl",
            &[("labels", "Đồng, Bạc & Vàng".into()), ("x", "a=b;c+d %".into())],
        );
        assert!(h.starts_with("#/etl?labels=%C4%90"), "{h}");
        let q = query(&h);
        assert_eq!(get(&q, "labels").as_deref(), Some("Đồng, Bạc & Vàng"));
        assert_eq!(get(&q, "x").as_deref(), Some("a=b;c+d %"));
        assert_eq!(get(&query("#/cap?a=1&a=2"), "a").as_deref(), Some("2"));
        assert_eq!(decode("a+b%C3%A9%zz"), "a bé%zz");
    }
}
