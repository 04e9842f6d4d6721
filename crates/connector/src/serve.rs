//! The connector's HTTP API for the playground (`dataplay serve`): run the
//! ETL against the configured source and warehouse databases, preview a
//! source table's first rows, list and query the lake. Credentials stay
//! here: the configuration (URLs, keys) is never part of a response or a
//! log line — errors show URLs redacted. Every route but `/api/health`
//! needs the token (`Authorization: Bearer …`); CORS admits only the
//! playground's origins; the default address is loopback.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dataplay_api::connector::{EtlRun, Health, LakeFiles, Rows, SqlAnswer, SqlRequest, DEFAULT_ROW_LIMIT};
use dataplay_api::etl::EtlParams;
use dataplay_api::{FileFormat, LoadOptions};
use dataplay_engine::warehouse::Warehouse;
use dataplay_engine::{etl, write};
use polars_core::prelude::DataFrame;
use serde::Deserialize;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::db::Db;
use crate::error::{ConnectorError, Result};
use crate::lake::{LakeStore, S3Config};
use crate::{source, warehouse};

/// What the server talks to and who may talk to it.
#[derive(Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// The bearer token every route but `/api/health` requires.
    pub token: String,
    /// Origins allowed by CORS (the playground's, e.g. `http://127.0.0.1:8080`).
    pub origins: Vec<String>,
    /// The ETL's source database; None: the ETL and preview routes say so.
    pub source_url: Option<String>,
    /// The warehouse database (the CLI's default is a SQLite file).
    pub warehouse_url: String,
    /// The lake: `s3://bucket/prefix` or a directory; None: no lake routes.
    pub lake: Option<String>,
    pub s3: S3Config,
    /// Where one line per request goes (method, path, status, time).
    pub log: Arc<dyn Fn(&str) + Send + Sync>,
}

struct AppState {
    token: String,
    source: Option<Db>,
    warehouse: Db,
    lake: Option<LakeStore>,
    /// One ETL at a time: two loads would only wait on each other's locks.
    etl: tokio::sync::Mutex<()>,
    kinds: Health,
}

/// An error as the API returns it: a status and a message.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.0, Json(dataplay_api::connector::ApiError { error: self.1 })).into_response();
        if self.0 == StatusCode::PAYLOAD_TOO_LARGE {
            // The rest of the body is not read: the connection cannot carry
            // another request, so the client must not reuse it.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

impl From<ConnectorError> for ApiError {
    fn from(e: ConnectorError) -> Self {
        let status = match &e {
            ConnectorError::Engine(_) | ConnectorError::Invalid(_) | ConnectorError::Column { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ConnectorError::NotFound { .. } => StatusCode::NOT_FOUND,
            // The database refused what the request named (a table that is
            // not there, a value it will not take); its other errors (locks,
            // connections, disk) stay the server's.
            ConnectorError::Database {
                cause: sqlx::Error::Database(refused),
                ..
            } if refused_request(refused.as_ref()) => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_GATEWAY,
        };
        ApiError(status, e.to_string())
    }
}

/// Is a database's error about the request (SQLSTATE classes 42: names and
/// syntax, 22: data, 23: constraints, 0A: not supported; SQLite's generic
/// error, which it gives for a missing table) rather than the server?
fn refused_request(e: &dyn sqlx::error::DatabaseError) -> bool {
    match e.code() {
        Some(code) => ["42", "22", "23", "0A"].iter().any(|c| code.starts_with(c)) || code == "1",
        None => false,
    }
}

/// A body that is not the JSON a route takes (malformed, of the wrong
/// shape, too large, not JSON at all): its status and axum's reason, as JSON.
impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        ApiError(r.status(), format!("the request body: {}", r.body_text()))
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError(r.status(), format!("the query string: {}", r.body_text()))
    }
}

/// The largest request body a route reads (a SQL text, ETL parameters).
pub const BODY_LIMIT: usize = 1 << 20;

/// An origin for CORS, checked: `scheme://host[:port]` and nothing else. A
/// wildcard is refused (it would let any web page use the connector).
fn origin(o: &str) -> Result<HeaderValue> {
    let bad = |why: &str| ConnectorError::Invalid(format!("--origin {o:?}: not a valid origin: {why}"));
    if o.trim() == "*" {
        return Err(bad(
            "a wildcard would let every web page call the connector; give the playground's own origin, e.g. http://127.0.0.1:8080",
        ));
    }
    if o.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it holds spaces or control characters"));
    }
    let u = url::Url::parse(o).map_err(|e| bad(&format!("{e} (e.g. http://127.0.0.1:8080)")))?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err(bad("an origin is http://host[:port] or https://host[:port]"));
    }
    if !u.username().is_empty()
        || u.password().is_some()
        || u.query().is_some()
        || u.fragment().is_some()
        || !matches!(u.path(), "" | "/")
    {
        return Err(bad("an origin has no user, path, query or fragment"));
    }
    HeaderValue::from_str(&u.origin().ascii_serialization()).map_err(|_| bad("not a header value"))
}

async fn no_route() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such route".into())
}

async fn wrong_method() -> ApiError {
    ApiError(
        StatusCode::METHOD_NOT_ALLOWED,
        "this route does not take that method".into(),
    )
}

type ApiResult<T> = std::result::Result<Json<T>, ApiError>;

fn rows(frame: &DataFrame) -> std::result::Result<Rows, ApiError> {
    let mut frame = frame.clone();
    let bytes = write::to_bytes(&mut frame, FileFormat::Json).map_err(ConnectorError::from)?;
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("encoding rows: {e}")))?;
    Ok(Rows {
        columns: frame.get_column_names().iter().map(|c| c.to_string()).collect(),
        rows,
    })
}

fn kind_of(url: &str) -> String {
    url.split(':').next().unwrap_or_default().to_ascii_lowercase()
}

/// Connect to what `config` names and build the routes.
pub async fn router(config: &ServeConfig) -> Result<Router> {
    if config.token.len() < 16 {
        return Err(ConnectorError::Invalid(
            "the token must be at least 16 characters".into(),
        ));
    }
    // Checked before connecting to anything: a bad origin is a start-up error.
    let origins: Vec<HeaderValue> = config.origins.iter().map(|o| origin(o)).collect::<Result<_>>()?;
    if origins.is_empty() {
        return Err(ConnectorError::Invalid(
            "at least one --origin (the playground's address) is needed".into(),
        ));
    }
    let source = match &config.source_url {
        Some(url) => Some(Db::connect(url).await?),
        None => None,
    };
    let warehouse = Db::connect(&config.warehouse_url).await?;
    let lake = match &config.lake {
        Some(l) => Some(LakeStore::open(l, &config.s3)?),
        None => None,
    };
    let kinds = Health {
        service: "dataplay-connector".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        source: config.source_url.as_deref().map(kind_of),
        warehouse: kind_of(&config.warehouse_url),
        lake: config
            .lake
            .as_deref()
            .map(|l| if crate::lake::is_s3(l) { "s3" } else { "directory" }.to_string()),
    };
    let state = Arc::new(AppState {
        token: config.token.clone(),
        source,
        warehouse,
        lake,
        etl: tokio::sync::Mutex::new(()),
        kinds,
    });
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]);
    let protected = Router::new()
        .route("/api/sources/preview", get(preview))
        .route("/api/etl", post(run_etl))
        .route("/api/lake/files", get(lake_files))
        .route("/api/lake/sql", post(lake_sql))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token));
    let log = config.log.clone();
    Ok(Router::new()
        .route("/api/health", get(health))
        .merge(protected)
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(cors)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let log = log.clone();
            async move {
                // The path only: no query string, no header is logged.
                let line = format!("{} {}", req.method(), req.uri().path());
                let started = Instant::now();
                let response = next.run(req).await;
                log(&format!(
                    "{line} → {} in {:.1} ms",
                    response.status().as_u16(),
                    started.elapsed().as_secs_f64() * 1000.0
                ));
                response
            }
        })))
}

/// Serve until the process stops; `ready` gets the bound address.
pub async fn serve(config: ServeConfig, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let app = router(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| ConnectorError::Invalid(format!("{}: cannot listen: {e}", config.listen)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| ConnectorError::Invalid(format!("{}: {e}", config.listen)))?;
    ready(addr);
    axum::serve(listener, app)
        .await
        .map_err(|e| ConnectorError::Invalid(format!("serving on {addr}: {e}")))
}

/// Equal in time whatever the first differing byte (the token check).
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn require_token(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !same_secret(given.as_bytes(), state.token.as_bytes()) {
        return ApiError(
            StatusCode::UNAUTHORIZED,
            "a valid token is required (Authorization: Bearer …)".into(),
        )
        .into_response();
    }
    next.run(req).await
}

async fn health(State(state): State<Arc<AppState>>) -> Json<Health> {
    Json(state.kinds.clone())
}

fn source_db(state: &AppState) -> std::result::Result<&Db, ApiError> {
    state.source.as_ref().ok_or_else(|| {
        ApiError(
            StatusCode::CONFLICT,
            "no source database is configured (DATAPLAY_SOURCE_URL)".into(),
        )
    })
}

fn lake(state: &AppState) -> std::result::Result<&LakeStore, ApiError> {
    state
        .lake
        .as_ref()
        .ok_or_else(|| ApiError(StatusCode::CONFLICT, "no lake is configured (DATAPLAY_LAKE)".into()))
}

#[derive(Deserialize)]
struct PreviewQuery {
    table: String,
    #[serde(default = "ten")]
    rows: u32,
}

fn ten() -> u32 {
    10
}

async fn preview(
    State(state): State<Arc<AppState>>,
    q: std::result::Result<Query<PreviewQuery>, QueryRejection>,
) -> ApiResult<Rows> {
    let Query(q) = q?;
    let db = source_db(&state)?;
    let frame = source::preview(db, &q.table, q.rows.min(1_000)).await?;
    Ok(Json(rows(&frame)?))
}

async fn run_etl(
    State(state): State<Arc<AppState>>,
    params: std::result::Result<Json<EtlParams>, JsonRejection>,
) -> ApiResult<EtlRun> {
    let Json(params) = params?;
    let db = source_db(&state)?;
    etl::validate(&params).map_err(ConnectorError::from)?;
    let day = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| ApiError(StatusCode::UNPROCESSABLE_ENTITY, format!("{d}: not a day (YYYY-MM-DD)")))
    };
    let (from, to) = (day(&params.from)?, day(&params.to)?);
    let _one_at_a_time = state.etl.lock().await;
    let sources: HashMap<String, DataFrame> = source::extract_sources(db, from, to).await?.into_iter().collect();
    let (report, engine) = tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let clock = move || started.elapsed().as_secs_f64() * 1000.0;
        let mut engine = Warehouse::new();
        etl::run(&|name| sources.get(name), &params, &mut engine, &clock).map(|out| (out.report, engine))
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("the ETL run stopped: {e}")))?
    .map_err(ConnectorError::from)?;
    let merged = if report.failed.is_none() {
        warehouse::load_etl(&state.warehouse, &engine).await?
    } else {
        vec![]
    };
    Ok(Json(EtlRun {
        report,
        warehouse: merged,
    }))
}

#[derive(Deserialize)]
struct LakeQuery {
    #[serde(default)]
    prefix: String,
}

async fn lake_files(
    State(state): State<Arc<AppState>>,
    q: std::result::Result<Query<LakeQuery>, QueryRejection>,
) -> ApiResult<LakeFiles> {
    let Query(q) = q?;
    Ok(Json(LakeFiles {
        files: lake(&state)?.list(&q.prefix).await?,
    }))
}

async fn lake_sql(
    State(state): State<Arc<AppState>>,
    req: std::result::Result<Json<SqlRequest>, JsonRejection>,
) -> ApiResult<SqlAnswer> {
    let Json(req) = req?;
    lake(&state)?;
    let tables = if req.tables.is_empty() {
        lake(&state)?.tables().await?
    } else {
        req.tables
    };
    let handle = tokio::runtime::Handle::current();
    let answer = tokio::task::spawn_blocking(move || {
        let store = state
            .lake
            .as_ref()
            .ok_or_else(|| ConnectorError::Invalid("no lake".into()))?;
        store.query(&handle, &tables, &req.sql, &LoadOptions::default())
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("the query stopped: {e}")))??;
    let limit = req.limit.unwrap_or(DEFAULT_ROW_LIMIT);
    Ok(Json(SqlAnswer {
        rows: rows(&answer.frame.head(Some(limit)))?,
        total_rows: answer.frame.height(),
        scans: answer.scans,
    }))
}
