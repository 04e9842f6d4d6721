//! The CAP run a URL asks for: scenario, seed, added faults and the other
//! settings live in the hash (`#/cap?scenario=…&seed=…&faults=…`), so a
//! trainer can share the exact run; changing one navigates.

use dataplay_api::cap::{CapRequest, TimedFault};

use crate::dom;

pub use crate::link::BadPart;
use crate::link::{self, get, query};

/// The request encoded in the URL hash (`#/cap?scenario=…&seed=…&faults=…`),
/// and the parts of it that could not be read. The scenario is taken as it
/// is: the engine says whether it has one of that name.
pub fn request_from_hash(hash: &str) -> (CapRequest, Vec<BadPart>) {
    let params = query(hash);
    let get = |k: &str| get(&params, k);
    let mut bad = Vec::new();
    let mut read = |name: &'static str, parse: &dyn Fn(&str) -> bool| {
        let value = get(name)?;
        if parse(&value) {
            Some(value)
        } else {
            bad.push(BadPart { name, value });
            None
        }
    };
    let seed = read("seed", &|v| v.trim().parse::<u64>().is_ok()).and_then(|v| v.trim().parse().ok());
    let faults = read("faults", &|v| serde_json::from_str::<Vec<TimedFault>>(v).is_ok())
        .and_then(|v| serde_json::from_str(&v).ok());
    let count = |lo: usize, hi: usize| move |v: &str| v.trim().parse::<usize>().is_ok_and(|n| (lo..=hi).contains(&n));
    let nodes = read("nodes", &count(3, 7)).and_then(|v| v.trim().parse().ok());
    let quorum = read("quorum", &|v| quorum(v).is_some()).and_then(|v| quorum(&v));
    let clients = read("clients", &count(1, 32)).and_then(|v| v.trim().parse().ok());
    let duration_ms = read("duration_ms", &|v| {
        v.trim().parse::<u64>().is_ok_and(|d| (1_000..=600_000).contains(&d))
    })
    .and_then(|v| v.trim().parse().ok());
    let siblings = read("siblings", &|v| v == "1" || v == "0").is_some_and(|v| v == "1");
    let request = CapRequest {
        scenario: get("scenario").unwrap_or_else(|| "partition-ap".into()),
        seed: seed.unwrap_or(1),
        extra_faults: faults.unwrap_or_default(),
        nodes,
        quorum,
        clients,
        duration_ms,
        siblings,
    };
    (request, bad)
}

/// `3,2,2` → (n, r, w) with 1 ≤ r, w ≤ n.
fn quorum(text: &str) -> Option<(usize, usize, usize)> {
    let v: Vec<usize> = text.split(',').map(|x| x.trim().parse().ok()).collect::<Option<_>>()?;
    match v[..] {
        [n, r, w] if (1..=n).contains(&r) && (1..=n).contains(&w) => Some((n, r, w)),
        _ => None,
    }
}

/// The hash for `request` (what the page links to and navigates to).
pub fn hash_for(request: &CapRequest) -> String {
    let mut params = vec![
        ("scenario", request.scenario.clone()),
        ("seed", request.seed.to_string()),
    ];
    if !request.extra_faults.is_empty() {
        params.push((
            "faults",
            serde_json::to_string(&request.extra_faults).unwrap_or_default(),
        ));
    }
    if let Some(n) = request.nodes {
        params.push(("nodes", n.to_string()));
    }
    if request.siblings {
        params.push(("siblings", "1".into()));
    }
    if let Some((n, r, w)) = request.quorum {
        params.push(("quorum", format!("{n},{r},{w}")));
    }
    if let Some(c) = request.clients {
        params.push(("clients", c.to_string()));
    }
    if let Some(d) = request.duration_ms {
        params.push(("duration_ms", d.to_string()));
    }
    link::hash("cap", &params)
}

/// The scrub position a link holds (`t=650`, milliseconds into the run),
/// read apart from the request: moving the clock does not run anything.
pub fn scrub_from_hash(hash: &str) -> Option<f64> {
    get(&query(hash), "t")?
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|t| t.is_finite() && *t >= 0.0)
}

/// The link of `request` shown at `time` (0 is left out).
pub fn hash_at(request: &CapRequest, time: f64) -> String {
    let t = time.round();
    if t >= 1.0 {
        format!("{}&t={t}", hash_for(request))
    } else {
        hash_for(request)
    }
}

/// Show `request`: the URL changes, and the page runs what it asks for.
pub fn navigate(request: &CapRequest) {
    dom::set_location_hash(&hash_for(request));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scrub_position_is_in_the_link_and_runs_nothing() {
        let (request, bad) = request_from_hash("#/cap?scenario=partition-ap&seed=1&t=650");
        assert!(bad.is_empty());
        assert_eq!(
            request_from_hash("#/cap?scenario=partition-ap&seed=1").0,
            request,
            "t is not part of the run"
        );
        assert_eq!(scrub_from_hash("#/cap?scenario=partition-ap&seed=1&t=650"), Some(650.0));
        let link = hash_at(&request, 649.6);
        assert!(link.ends_with("&t=650"), "{link}");
        assert_eq!(scrub_from_hash(&link), Some(650.0));
        assert_eq!(hash_at(&request, 0.2), hash_for(&request), "the start is the bare link");
        for bad in ["-5", "x", "NaN", "inf"] {
            assert_eq!(scrub_from_hash(&format!("#/cap?t={bad}")), None, "{bad}");
        }
    }
    use crate::link::decode;
    use dataplay_api::cap::Fault;

    #[test]
    fn a_shared_link_reads_back() {
        let faults = r#"[{"at_ms":100,"kind":"isolate","node":0}]"#;
        let hash = format!(
            "#/cap?scenario=heal&seed=7&nodes=5&quorum=3%2C2%2C2&siblings=1&faults={}",
            faults.replace('"', "%22").replace(',', "%2C")
        );
        let (r, bad) = request_from_hash(&hash);
        assert_eq!(bad, vec![]);
        assert_eq!(
            (r.scenario.as_str(), r.seed, r.nodes, r.quorum, r.siblings),
            ("heal", 7, Some(5), Some((3, 2, 2)), true)
        );
        assert_eq!(r.extra_faults[0].fault, Fault::Isolate { node: 0 });
        assert_eq!(request_from_hash("#/cap").0.scenario, "partition-ap");
    }

    #[test]
    fn the_hash_a_page_links_to_reads_back_as_its_request() {
        let (request, _) = request_from_hash(
            "#/cap?scenario=heal&seed=7&nodes=5&quorum=3,2,2&clients=4&duration_ms=9000&siblings=1&faults=%5B%7B%22at_ms%22%3A100%2C%22kind%22%3A%22isolate%22%2C%22node%22%3A0%7D%5D",
        );
        assert_eq!(request.extra_faults.len(), 1);
        let hash = hash_for(&request);
        assert!(hash.starts_with("#/cap?scenario=heal&seed=7&faults="), "{hash}");
        assert_eq!(request_from_hash(&hash), (request, vec![]));
    }

    #[test]
    fn unreadable_parts_are_named_and_the_rest_applies() {
        let (r, bad) = request_from_hash("#/cap?scenario=normal&seed=3&faults=garbage&nodes=99&quorum=3,9,1");
        assert_eq!(
            bad,
            vec![
                BadPart {
                    name: "faults",
                    value: "garbage".into()
                },
                BadPart {
                    name: "nodes",
                    value: "99".into()
                },
                BadPart {
                    name: "quorum",
                    value: "3,9,1".into()
                },
            ]
        );
        assert_eq!((r.scenario.as_str(), r.seed), ("normal", 3));
        assert!(r.extra_faults.is_empty() && r.nodes.is_none() && r.quorum.is_none());
        // An unknown scenario is the engine's to refuse; a broken escape is kept as typed.
        let (r, bad) = request_from_hash("#/cap?scenario=no%pe&seed=x");
        assert_eq!(r.scenario, "no%pe");
        assert_eq!(
            bad,
            vec![BadPart {
                name: "seed",
                value: "x".into()
            }]
        );
        assert_eq!(decode("a+b%C3%A9"), "a bé");
    }
}
