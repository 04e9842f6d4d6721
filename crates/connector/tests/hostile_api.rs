//! `dataplay serve` under hostile input, over real HTTP on loopback: random
//! and malformed requests (methods, paths, query strings, bodies, tokens)
//! from a property-based generator, and a table of known attacks (path
//! traversal in `prefix` and dataset names, SQL in identifier positions,
//! huge bodies). Every answer to bad input is a 4xx with a JSON `error` —
//! never a 5xx, never a file from outside the lake, never the token, a
//! configured path or a key — and the server keeps answering.

use std::sync::{Arc, Mutex};

use dataplay_connector::lake::{LakeStore, S3Config};
use dataplay_connector::serve::{self, ServeConfig};
use dataplay_connector::Db;
use dataplay_engine::lake::{media, Lake};
use proptest::prelude::*;

#[path = "support/fixtures.rs"]
mod fixtures;
use reqwest::Method;

const TOKEN: &str = "hostile-api-token-0123456789abcdef";
/// A file beside the lake (outside it) that no answer may show.
const OUTSIDE: &str = "OUTSIDE-THE-LAKE-7f3a";

struct Server {
    base: String,
    log: Arc<Mutex<Vec<String>>>,
    /// What no answer or log line may contain.
    secrets: Vec<String>,
}

/// The connector over a SQLite source and warehouse and a lake in a
/// directory, all under a temporary directory whose path is a secret.
async fn start(tag: &str, s3: Option<(String, S3Config)>) -> Server {
    let dir = std::env::temp_dir().join(format!("dataplay-hostile-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("lake")).unwrap();
    std::fs::write(dir.join("outside.csv"), format!("secret\n{OUTSIDE}\n")).unwrap();
    std::fs::write(dir.join("lake").join("outside.csv"), format!("secret\n{OUTSIDE}\n")).unwrap();
    let source = fixtures::retail_source(&dir.join("source.db"), 11, 300).await;
    let (lake, s3) = match s3 {
        Some((lake, s3)) => (lake, s3),
        None => {
            let lake = dir.join("lake").to_string_lossy().into_owned();
            let mut sample = Lake::new();
            media::ingest_sample(&mut sample, 2, 200).unwrap();
            LakeStore::open(&lake, &S3Config::default())
                .unwrap()
                .put_all(&sample, "")
                .await
                .unwrap();
            (lake, S3Config::default())
        }
    };
    let mut secrets = vec![
        TOKEN.to_string(),
        dir.to_string_lossy().into_owned(),
        lake.clone(),
        OUTSIDE.to_string(),
    ];
    secrets.extend(s3.secret_access_key.iter().cloned());
    secrets.extend(s3.endpoint.iter().cloned());
    let log = Arc::new(Mutex::new(vec![]));
    let sink = log.clone();
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        token: TOKEN.into(),
        origins: vec!["http://127.0.0.1:8080".into()],
        source_url: Some(source),
        warehouse_url: format!("sqlite:{}", dir.join("warehouse.db").display()),
        lake: Some(lake),
        s3,
        log: Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_string())),
    };
    let base = fixtures::serve_on(config).await;
    Server { base, log, secrets }
}

/// One request as the generator or the table builds it.
#[derive(Debug, Clone)]
struct Hostile {
    method: Method,
    /// Path and query, sent as given (odd encodings included).
    target: String,
    token: Option<String>,
    content_type: Option<&'static str>,
    body: Vec<u8>,
}

/// Send `r`; check the answer; the status.
async fn check(server: &Server, http: &reqwest::Client, r: &Hostile) -> u16 {
    let url = format!("{}{}", server.base, r.target);
    let Ok(url) = reqwest::Url::parse(&url) else {
        return 0; // Not a URL a client can send: nothing to ask.
    };
    let mut request = http.request(r.method.clone(), url).body(r.body.clone());
    if let Some(t) = &r.token {
        if let Ok(v) = reqwest::header::HeaderValue::from_str(&format!("Bearer {t}")) {
            request = request.header(reqwest::header::AUTHORIZATION, v);
        }
    }
    if let Some(c) = r.content_type {
        request = request.header(reqwest::header::CONTENT_TYPE, c);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("{r:?}: no answer: {e}"));
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    assert!(status < 500, "{r:?}: {status} {text}");
    for s in &server.secrets {
        assert!(!text.contains(s.as_str()), "{r:?}: the answer shows {s:?}: {text}");
    }
    if r.method != Method::HEAD && !(r.method == Method::OPTIONS && status == 200) {
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{r:?}: {status}, not JSON ({e}): {text:?}"));
        if status >= 400 {
            let message = json["error"]
                .as_str()
                .unwrap_or_else(|| panic!("{r:?}: no error message: {text}"));
            assert!(!message.is_empty(), "{r:?}");
        }
    }
    status
}

fn request(method: Method, target: &str, token: bool, body: serde_json::Value) -> Hostile {
    Hostile {
        method,
        target: target.into(),
        token: token.then(|| TOKEN.to_string()),
        content_type: Some("application/json"),
        body: if body.is_null() {
            vec![]
        } else {
            body.to_string().into_bytes()
        },
    }
}

/// Known attacks, each with the status family it must get.
fn attacks() -> Vec<(Hostile, std::ops::RangeInclusive<u16>)> {
    use serde_json::json;
    let get = |t: &str| request(Method::GET, t, true, serde_json::Value::Null);
    let sql = |body: serde_json::Value| request(Method::POST, "/api/lake/sql", true, body);
    let client = 400..=499;
    let mut out = vec![];
    for prefix in [
        "../",
        "..%2F..%2F",
        "%2e%2e/%2e%2e/etc",
        "raw/../../",
        "raw/%2E%2E/%2E%2E",
        "raw\\..\\..",
        "raw/%00",
        "..",
    ] {
        out.push((get(&format!("/api/lake/files?prefix={prefix}")), client.clone()));
    }
    // An absolute path is a lake path with slashes collapsed: nothing is there.
    out.push((get("/api/lake/files?prefix=//etc//passwd"), 200..=200));
    out.push((get("/api/lake/files?prefix=raw///video_metadata"), 200..=200));
    out.push((get("/api/lake/files?prefix=%"), 200..=200));
    for dataset in ["../outside.csv", "raw/../..", "%2e%2e", "/../../etc", "raw/\u{0}x"] {
        out.push((
            sql(json!({"sql": "SELECT * FROM t", "tables": [["t", dataset]]})),
            client.clone(),
        ));
    }
    out.push((
        sql(json!({"sql": "SELECT * FROM t", "tables": [["t", "outside.csv"]]})),
        client.clone(),
    ));
    for table in [
        "transactions\"; DROP TABLE transactions; --",
        "transactions' OR '1'='1",
        "`transactions`",
        "sqlite_master",
        &"x".repeat(5_000),
        "",
    ] {
        let q: String = url::form_urlencoded::byte_serialize(table.as_bytes()).collect();
        let status = if table == "sqlite_master" {
            200..=200
        } else {
            client.clone()
        };
        out.push((get(&format!("/api/sources/preview?table={q}")), status));
    }
    for body in [
        json!({"sql": "SELECT * FROM video_metadata; DROP TABLE x"}),
        json!({"sql": "SELECT * FROM \"video_metadata\"\"; --\""}),
        json!({"sql": "SELECT * FROM read_csv('../outside.csv')"}),
        json!({"sql": "COPY video_metadata TO '/tmp/x.csv'"}),
        json!({"sql": ""}),
        json!({"sql": "SELECT * FROM video_metadata", "limit": -1}),
        json!({"sql": 7}),
        json!({"tables": "x"}),
        json!([1, 2, 3]),
    ] {
        out.push((sql(body), client.clone()));
    }
    out.push((
        sql(json!({"sql": "SELECT 1 AS one", "limit": 18446744073709551615u64})),
        200..=200,
    ));
    // Values JSON has no spelling for (NaN, infinities) still answer.
    out.push((
        sql(json!({"sql": "SELECT SQRT(-1) AS nan, POWER(10, 400) AS inf, -POWER(10, 400) AS ninf"})),
        200..=200,
    ));
    // Malformed and oversized bodies, wrong types, wrong methods, no route.
    let mut raw = |method: Method, target: &str, content_type: Option<&'static str>, body: Vec<u8>| {
        out.push((
            Hostile {
                method,
                target: target.into(),
                token: Some(TOKEN.into()),
                content_type,
                body,
            },
            400..=499,
        ))
    };
    raw(
        Method::POST,
        "/api/etl",
        Some("application/json"),
        b"{\"from\": ".to_vec(),
    );
    raw(
        Method::POST,
        "/api/etl",
        Some("application/json"),
        vec![0xff, 0xfe, 0x00],
    );
    raw(Method::POST, "/api/etl", Some("text/plain"), b"{}".to_vec());
    raw(Method::POST, "/api/etl", None, b"{}".to_vec());
    raw(
        Method::POST,
        "/api/etl",
        Some("application/json"),
        "[".repeat(100_000).into_bytes(),
    );
    let huge = format!("{{\"sql\": \"{}\"}}", "x".repeat(3 << 20)).into_bytes();
    raw(Method::POST, "/api/lake/sql", Some("application/json"), huge);
    raw(
        Method::POST,
        "/api/etl",
        Some("application/json"),
        br#"{"from": "2024-01-01", "to": "2024-01-31", "margin": "lots"}"#.to_vec(),
    );
    raw(
        Method::POST,
        "/api/etl",
        Some("application/json"),
        br#"{"from": "2024-02-30", "to": "2024-01-31"}"#.to_vec(),
    );
    raw(
        Method::POST,
        "/api/etl",
        Some("application/json"),
        br#"{"from": "2024-01-31", "to": "2024-01-01"}"#.to_vec(),
    );
    raw(
        Method::POST,
        "/api/etl",
        Some("application/json"),
        br#"{"from": "2024-01-01", "to": "2024-01-31", "margin": 1e308}"#.to_vec(),
    );
    raw(Method::DELETE, "/api/etl", None, vec![]);
    raw(Method::PUT, "/api/lake/sql", None, vec![]);
    raw(Method::GET, "/api/etl", None, vec![]);
    raw(Method::GET, "/api/nothing/here", None, vec![]);
    raw(Method::GET, "/../../etc/passwd", None, vec![]);
    raw(
        Method::GET,
        "/api/sources/preview?table=customers&rows=-1",
        None,
        vec![],
    );
    raw(
        Method::GET,
        "/api/sources/preview?table=customers&rows=99999999999999",
        None,
        vec![],
    );
    raw(Method::GET, "/api/sources/preview?table=%FF%FE", None, vec![]);
    raw(Method::GET, "/api/sources/preview?table=a&table=b&&&==", None, vec![]);
    // Tokens: missing, short, long, Unicode, the right one with a twist.
    for token in [
        None,
        Some(String::new()),
        Some("x".into()),
        Some("y".repeat(10_000)),
        Some("tökén-ünïcödé-0123456789".into()),
        Some(format!("{TOKEN}x")),
        Some(format!("bearer{TOKEN}")),
        Some(TOKEN[..TOKEN.len() - 1].to_string()),
    ] {
        out.push((
            Hostile {
                token,
                ..get("/api/sources/preview?table=customers")
            },
            401..=401,
        ));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn known_attacks_get_clear_client_errors() {
    let server = start("table", None).await;
    let http = reqwest::Client::new();
    for (r, want) in attacks() {
        let status = check(&server, &http, &r).await;
        assert!(want.contains(&status), "{r:?}: {status}, expected {want:?}");
    }
    // Still answering, and the source table the injections named is intact.
    let ok = http
        .get(format!("{}/api/sources/preview?table=transactions&rows=3", server.base))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let rows: dataplay_api::connector::Rows = ok.json().await.unwrap();
    assert_eq!(rows.rows.len(), 3);
    for line in server.log.lock().unwrap().iter() {
        for s in &server.secrets {
            assert!(!line.contains(s.as_str()), "the log shows {s:?}: {line}");
        }
    }
}

/// Store errors name the lake path asked for, never the bucket, the
/// endpoint or the keys (a lake on a bucket that does not exist).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_errors_name_what_was_asked_not_where_it_is_kept() {
    let endpoint = std::env::var("DATAPLAY_TEST_S3_ENDPOINT")
        .unwrap_or_else(|_| panic!("DATAPLAY_TEST_S3_ENDPOINT is not set (scripts/services.sh)"));
    let s3 = S3Config {
        endpoint: Some(endpoint),
        access_key_id: Some("hostile-key-id".into()),
        secret_access_key: Some("hostile-secret-key-value".into()),
        ..S3Config::default()
    };
    let lake = "s3://no-such-bucket-hostile/private-prefix".to_string();
    let mut server = start("s3", Some((lake, s3))).await;
    server
        .secrets
        .extend(["no-such-bucket-hostile".into(), "private-prefix".into()]);
    let http = reqwest::Client::new();
    for r in [
        request(Method::GET, "/api/lake/files?prefix=raw", true, serde_json::Value::Null),
        request(
            Method::POST,
            "/api/lake/sql",
            true,
            serde_json::json!({"sql": "SELECT * FROM video_metadata", "tables": [["video_metadata", "raw/video_metadata"]]}),
        ),
    ] {
        let response = http
            .request(r.method.clone(), format!("{}{}", server.base, r.target))
            .bearer_auth(TOKEN)
            .header("content-type", "application/json")
            .body(r.body.clone())
            .send()
            .await
            .unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert!(status.is_server_error() || status.is_client_error(), "{status} {text}");
        assert!(text.contains("raw"), "names what was asked: {text}");
        for s in &server.secrets {
            assert!(!text.contains(s.as_str()), "{r:?}: shows {s:?}: {text}");
        }
    }
}

fn methods() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::GET),
        Just(Method::POST),
        Just(Method::PUT),
        Just(Method::DELETE),
        Just(Method::PATCH),
        Just(Method::HEAD),
        Just(Method::OPTIONS),
    ]
}

fn paths() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/api/health".to_string()),
        Just("/api/sources/preview".to_string()),
        Just("/api/etl".to_string()),
        Just("/api/lake/files".to_string()),
        Just("/api/lake/sql".to_string()),
        "/api/[a-z%./]{0,12}",
        "/[ -~]{0,20}",
    ]
}

/// Query strings with odd encodings: raw bytes percent-encoded, bare `%`,
/// repeated keys, traversal, SQL.
fn queries() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        "[a-z_/.]{0,20}",
        "(%[0-9A-Fa-f]{2}){1,8}",
        "%[0-9a-z]?",
        Just("../../etc/passwd".to_string()),
        Just("%2e%2e%2f%2e%2e".to_string()),
        Just("x'; DROP TABLE customers; --".replace(' ', "+")),
        "[0-9-]{1,25}",
    ];
    let key = prop_oneof![
        Just("table".to_string()),
        Just("rows".to_string()),
        Just("prefix".to_string()),
        "[a-z]{1,5}"
    ];
    prop::collection::vec((key, value), 0..4).prop_map(|pairs| {
        if pairs.is_empty() {
            String::new()
        } else {
            let q: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("?{}", q.join("&"))
        }
    })
}

/// JSON-shaped and random bodies, valid ones mutated.
fn bodies() -> impl Strategy<Value = Vec<u8>> {
    let valid = prop_oneof![
        Just(r#"{"from":"2024-01-01","to":"2024-01-31","run_checks":false}"#.to_string()),
        Just(r#"{"sql":"SELECT COUNT(*) AS n FROM video_metadata"}"#.to_string()),
        Just(r#"{"sql":"SELECT * FROM user_interactions","limit":3}"#.to_string()),
    ];
    prop_oneof![
        Just(vec![]),
        prop::collection::vec(any::<u8>(), 0..200),
        valid.clone().prop_map(String::into_bytes),
        (valid.clone(), any::<prop::sample::Index>(), any::<u8>()).prop_map(|(v, at, b)| {
            let mut bytes = v.into_bytes();
            let i = at.index(bytes.len());
            bytes[i] = b;
            bytes
        }),
        (valid, any::<prop::sample::Index>()).prop_map(|(v, at)| {
            let bytes = v.into_bytes();
            bytes[..at.index(bytes.len())].to_vec()
        }),
        "\\{\"(sql|from|to|margin|tables|limit)\": ?(null|-?[0-9]{1,30}|\"[ -~]{0,30}\"|\\[\\]|\\{\\})\\}"
            .prop_map(String::into_bytes),
    ]
}

fn tokens() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(TOKEN.to_string())),
        Just(Some(TOKEN.to_string())),
        "[ -~]{0,40}".prop_map(Some),
        "\\PC{0,20}".prop_map(Some),
    ]
}

fn content_types() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        Just(Some("application/json")),
        Just(Some("application/json; charset=latin1")),
        Just(Some("text/plain")),
        Just(None),
    ]
}

fn hostile() -> impl Strategy<Value = Hostile> {
    (methods(), paths(), queries(), tokens(), content_types(), bodies()).prop_map(
        |(method, path, query, token, content_type, body)| Hostile {
            method,
            target: format!("{path}{query}"),
            token,
            content_type,
            body,
        },
    )
}

#[test]
fn random_requests_never_get_a_server_error_or_a_secret() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(start("random", None));
    let http = reqwest::Client::new();
    let config = ProptestConfig {
        cases: 400,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(r in hostile())| {
        rt.block_on(check(&server, &http, &r));
    });
    let health = rt
        .block_on(http.get(format!("{}/api/health", server.base)).send())
        .unwrap();
    assert_eq!(health.status(), 200, "the server still answers");
    for line in server.log.lock().unwrap().iter() {
        for s in &server.secrets {
            assert!(!line.contains(s.as_str()), "the log shows {s:?}: {line}");
        }
    }
}

/// Connecting with a wrong password given as a parameter, key paths and
/// key passwords in the URL: the error says what failed, and none of them.
#[tokio::test(flavor = "current_thread")]
async fn connect_errors_never_show_passwords_or_key_paths() {
    for var in ["DATAPLAY_TEST_PG_WH", "DATAPLAY_TEST_MYSQL_WH"] {
        let good =
            url::Url::parse(&std::env::var(var).unwrap_or_else(|_| panic!("{var} is not set (scripts/services.sh)")))
                .unwrap();
        let real_password = good.password().unwrap().to_string();
        let mut url = good.clone();
        url.set_password(None).unwrap();
        let secrets = [
            "wrong-password-in-query",
            "/srv/private/keys",
            "client-key.pem",
            "key-passphrase-x",
        ];
        let query = match url.scheme() {
            "postgres" => "password=wrong-password-in-query&sslpassword=key-passphrase-x&sslkey=/srv/private/keys/client-key.pem&sslmode=disable",
            _ => "password=wrong-password-in-query&ssl-key=/srv/private/keys/client-key.pem&ssl-mode=disabled",
        };
        url.set_query(Some(query));
        let err = match Db::connect(url.as_str()).await {
            Ok(_) => panic!("{var}: connected with a wrong password"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("could not connect") || err.contains("***"), "{var}: {err}");
        for s in secrets.iter().chain([&real_password.as_str()]) {
            assert!(!err.contains(s), "{var}: the error shows {s:?}: {err}");
        }
        // The same URL as the connector's warehouse: a start-up error, as clean.
        let config = ServeConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            token: TOKEN.into(),
            origins: vec!["http://127.0.0.1:8080".into()],
            source_url: None,
            warehouse_url: url.to_string(),
            lake: None,
            s3: S3Config::default(),
            log: Arc::new(|_: &str| {}),
        };
        let err = serve::router(&config).await.expect_err("a wrong password").to_string();
        for s in secrets {
            assert!(!err.contains(s), "{var}: start-up error shows {s:?}: {err}");
        }
    }
    // A malformed URL that still carries a password.
    let err = Db::connect("postgres://user:hunter2-secret@[::1/db?password=hunter3")
        .await
        .expect_err("not a URL")
        .to_string();
    assert!(!err.contains("hunter2") && !err.contains("hunter3"), "{err}");
}
