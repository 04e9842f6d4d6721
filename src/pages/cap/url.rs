//! The CAP run a URL asks for: scenario, seed, added faults and the other
//! settings live in the hash (`#/cap?scenario=…&seed=…&faults=…`), so a
//! trainer can share the exact run; changing one navigates.

use dataplay_api::cap::CapRequest;

use crate::dom;

/// The request encoded in the URL hash: `#/cap?scenario=…&seed=…&faults=…`.
pub fn request_from_hash(hash: &str) -> CapRequest {
    let query = hash.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(query).ok();
    let get = |k: &str| params.as_ref().and_then(|p| p.get(k));
    CapRequest {
        scenario: get("scenario").unwrap_or_else(|| "partition-ap".into()),
        seed: get("seed").and_then(|s| s.parse().ok()).unwrap_or(1),
        extra_faults: get("faults")
            .and_then(|f| serde_json::from_str(&f).ok())
            .unwrap_or_default(),
        nodes: get("nodes").and_then(|n| n.parse().ok()),
        quorum: get("quorum").and_then(|q| {
            let v: Vec<usize> = q.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            (v.len() == 3).then(|| (v[0], v[1], v[2]))
        }),
        clients: get("clients").and_then(|n| n.parse().ok()),
        duration_ms: get("duration_ms").and_then(|n| n.parse().ok()),
        siblings: get("siblings").is_some_and(|v| v == "1"),
    }
}

fn hash_for(request: &CapRequest) -> String {
    let params = web_sys::UrlSearchParams::new().ok();
    if let Some(p) = &params {
        p.set("scenario", &request.scenario);
        p.set("seed", &request.seed.to_string());
        if !request.extra_faults.is_empty() {
            p.set(
                "faults",
                &serde_json::to_string(&request.extra_faults).unwrap_or_default(),
            );
        }
        if let Some(n) = request.nodes {
            p.set("nodes", &n.to_string());
        }
        if request.siblings {
            p.set("siblings", "1");
        }
        if let Some((n, r, w)) = request.quorum {
            p.set("quorum", &format!("{n},{r},{w}"));
        }
        if let Some(c) = request.clients {
            p.set("clients", &c.to_string());
        }
        if let Some(d) = request.duration_ms {
            p.set("duration_ms", &d.to_string());
        }
    }
    format!(
        "#/cap?{}",
        params.map(|p| String::from(p.to_string())).unwrap_or_default()
    )
}

/// Show `request`: the URL changes, and the page runs what it asks for.
pub fn navigate(request: &CapRequest) {
    dom::set_location_hash(&hash_for(request));
}
