//! The lake on an object store: the engine's zones and Hive-partitioned
//! paths kept in an S3-compatible bucket (`s3://bucket/prefix`) or a local
//! directory, listed, read and written through `object_store`. The engine
//! does the work — schema-on-read, partition pruning, SQL, Glue jobs — on
//! what this module fetches, and a query fetches only the files its
//! partition filter keeps.
//!
//! S3 settings come from `S3Config` (by default the usual `AWS_*`
//! environment variables); the secret key never appears in an error.

use std::sync::Arc;
use std::time::Duration;

use dataplay_api::lake::{GlueJob, GlueReport, LakeFile};
use dataplay_api::{Fault, LoadOptions, Subject};
use dataplay_engine::lake::query::{self, LakeAnswer, LakeTable};
use dataplay_engine::lake::scan::FileRef;
use dataplay_engine::lake::{self as engine_lake, glue, Lake};
use dataplay_engine::EngineError;
use futures::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{BackoffConfig, ClientOptions, ObjectStore, PutPayload, RetryConfig};

use crate::error::{ConnectorError, Result};

/// How many objects move at once (uploads, downloads, deletes).
const CONCURRENCY: usize = 8;

/// Where an S3-compatible server is and how to sign for it. Empty fields
/// fall back to object_store's defaults (AWS itself, `us-east-1`).
#[derive(Clone, Default)]
pub struct S3Config {
    /// `http://127.0.0.1:9000` for a local server; None for AWS.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Config")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &self.secret_access_key.as_ref().map(|_| "***"))
            .finish()
    }
}

impl S3Config {
    /// `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT`), `AWS_REGION` (or
    /// `AWS_DEFAULT_REGION`), `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_SESSION_TOKEN`.
    pub fn from_env() -> S3Config {
        let var = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
        };
        S3Config {
            endpoint: var(&["AWS_ENDPOINT_URL", "AWS_ENDPOINT"]),
            region: var(&["AWS_REGION", "AWS_DEFAULT_REGION"]),
            access_key_id: var(&["AWS_ACCESS_KEY_ID"]),
            secret_access_key: var(&["AWS_SECRET_ACCESS_KEY"]),
            session_token: var(&["AWS_SESSION_TOKEN"]),
        }
    }
}

/// An S3 error's code and message (`NoSuchBucket: The specified bucket
/// does not exist`) in place of the XML body object_store quotes whole.
fn s3_reason(text: &str) -> String {
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&format!("</{name}>"))? + start;
        Some(text[start..end].to_string())
    };
    match (tag("Code"), tag("Message")) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        _ => text.to_string(),
    }
}

/// A lake kept in an object store under a root prefix.
pub struct LakeStore {
    store: Arc<dyn ObjectStore>,
    root: String,
    /// The location as given (it holds no secret), for Debug only: errors
    /// name lake paths, never where the lake is kept.
    shown: String,
    /// What a store's message must not show: the location, the directory
    /// as the system spells it, the endpoint, the bucket and root, the keys.
    hidden: Vec<String>,
}

/// `text` with every `http://…`/`https://…` address in it replaced by `the store`.
fn without_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = ["http://", "https://"].iter().filter_map(|p| rest.find(p)).min() {
        out.push_str(&rest[..at]);
        let end = rest[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | ',' | '>'))
            .map_or(rest.len(), |e| at + e);
        out.push_str("the store");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

impl std::fmt::Debug for LakeStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LakeStore({})", self.shown)
    }
}

/// Is `location` an object-store URL (rather than a local directory)?
pub fn is_s3(location: &str) -> bool {
    location.starts_with("s3://") || location.starts_with("s3a://")
}

impl LakeStore {
    /// `s3://bucket/prefix` (signed with `s3`) or a local directory,
    /// created if missing.
    pub fn open(location: &str, s3: &S3Config) -> Result<LakeStore> {
        let bad = |message: String| ConnectorError::Url {
            url: crate::db::redact(location),
            message,
        };
        if is_s3(location) {
            let url = url::Url::parse(location).map_err(|e| bad(e.to_string()))?;
            let bucket = url
                .host_str()
                .filter(|b| !b.is_empty())
                .ok_or_else(|| bad("no bucket".into()))?;
            if !url.username().is_empty() || url.password().is_some() {
                return Err(bad(
                    "credentials belong in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, not the URL".into(),
                ));
            }
            // A server that is down fails in seconds, not after object_store's
            // default of ten retries over three minutes.
            let retry = RetryConfig {
                backoff: BackoffConfig {
                    init_backoff: Duration::from_millis(100),
                    max_backoff: Duration::from_secs(2),
                    base: 2.0,
                },
                max_retries: 3,
                retry_timeout: Duration::from_secs(20),
            };
            let client = ClientOptions::new()
                .with_connect_timeout(Duration::from_secs(5))
                .with_timeout(Duration::from_secs(120));
            let mut builder = AmazonS3Builder::new()
                .with_bucket_name(bucket)
                .with_retry(retry)
                .with_client_options(client);
            if let Some(e) = &s3.endpoint {
                builder = builder.with_endpoint(e).with_allow_http(e.starts_with("http://"));
            }
            builder = builder.with_region(s3.region.as_deref().unwrap_or("us-east-1"));
            if let (Some(k), Some(s)) = (&s3.access_key_id, &s3.secret_access_key) {
                builder = builder.with_access_key_id(k).with_secret_access_key(s);
            }
            if let Some(t) = &s3.session_token {
                builder = builder.with_token(t);
            }
            let store = builder.build().map_err(|e| bad(e.to_string()))?;
            let root = url.path().trim_matches('/').to_string();
            let mut hidden = vec![location.trim_end_matches('/').to_string(), format!("{bucket}/{root}")];
            hidden.extend(s3.endpoint.iter().cloned());
            hidden.extend(s3.access_key_id.iter().cloned());
            hidden.extend(s3.secret_access_key.iter().cloned());
            hidden.extend(s3.session_token.iter().cloned());
            hidden.push(bucket.to_string());
            Ok(LakeStore {
                store: Arc::new(store),
                root,
                shown: location.trim_end_matches('/').to_string(),
                hidden,
            })
        } else {
            let dir = location.strip_prefix("file://").unwrap_or(location);
            std::fs::create_dir_all(dir).map_err(|e| bad(format!("cannot create the directory: {e}")))?;
            let store = LocalFileSystem::new_with_prefix(dir).map_err(|e| bad(e.to_string()))?;
            let mut hidden = vec![dir.trim_end_matches('/').to_string()];
            if let Ok(real) = std::fs::canonicalize(dir) {
                hidden.push(real.to_string_lossy().into_owned());
            }
            Ok(LakeStore {
                store: Arc::new(store),
                root: String::new(),
                shown: dir.trim_end_matches('/').to_string(),
                hidden,
            })
        }
    }

    /// The store's key of a lake path.
    fn key(&self, path: &str) -> ObjectPath {
        if self.root.is_empty() {
            ObjectPath::from(path)
        } else {
            ObjectPath::from(format!("{}/{path}", self.root))
        }
    }

    /// A store's error about `path`, as the user may see it: the lake path
    /// they asked for and why, never the bucket, the endpoint or the
    /// server's directory.
    fn fail(&self, path: &str, e: object_store::Error) -> ConnectorError {
        let path = path.trim_matches('/');
        let location = if path.is_empty() {
            "the lake".to_string()
        } else {
            path.to_string()
        };
        let message = match e {
            object_store::Error::NotFound { .. } => return ConnectorError::NotFound { location },
            e => {
                let mut text = s3_reason(&e.to_string());
                let mut hidden: Vec<&String> = self.hidden.iter().filter(|h| h.len() > 1).collect();
                hidden.sort_by_key(|h| std::cmp::Reverse(h.len()));
                for h in hidden {
                    text = text.replace(h.as_str(), "the lake");
                }
                without_addresses(&text)
            }
        };
        ConnectorError::Store { location, message }
    }

    /// Every file under `prefix` (a zone, a dataset, a partition; "" for
    /// all), as lake paths with sizes, sorted.
    pub async fn list(&self, prefix: &str) -> Result<Vec<LakeFile>> {
        let prefix = engine_lake::normalize_path(prefix)?;
        let prefix = prefix.as_str();
        let key = match (self.root.is_empty(), prefix.is_empty()) {
            (true, true) => None,
            (true, false) => Some(ObjectPath::from(prefix)),
            (false, true) => Some(ObjectPath::from(self.root.as_str())),
            (false, false) => Some(self.key(prefix)),
        };
        let strip = if self.root.is_empty() {
            String::new()
        } else {
            format!("{}/", self.root)
        };
        let metas: Vec<_> = self
            .store
            .list(key.as_ref())
            .try_collect()
            .await
            .map_err(|e| self.fail(prefix, e))?;
        let mut out: Vec<LakeFile> = metas
            .into_iter()
            .filter_map(|m| {
                let path = m.location.as_ref().strip_prefix(strip.as_str())?.to_string();
                // Only what the lake could hold: a zone, a dataset, a file.
                engine_lake::check_path(&path).ok()?;
                Some(LakeFile { path, bytes: m.size })
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    pub async fn get(&self, path: &str) -> Result<Arc<[u8]>> {
        let path = &engine_lake::normalize_path(path)?;
        let fail = |e| self.fail(path, e);
        let got = self.store.get(&self.key(path)).await.map_err(fail)?;
        let bytes = got.bytes().await.map_err(|e| self.fail(path, e))?;
        Ok(Arc::from(bytes.as_ref()))
    }

    pub async fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let path = &engine_lake::normalize_path(path)?;
        engine_lake::check_path(path)?;
        let payload = PutPayload::from(bytes.to_vec());
        self.store
            .put(&self.key(path), payload)
            .await
            .map_err(|e| self.fail(path, e))?;
        Ok(())
    }

    /// Ingest a file as the engine's lake does (`zone/dataset/year=…/month=…/day=…/name`).
    pub async fn ingest(
        &self,
        zone: &str,
        dataset: &str,
        day: (i64, u32, u32),
        file: &str,
        bytes: &[u8],
    ) -> Result<String> {
        let path = engine_lake::ingest_path(zone, dataset, day, file)?;
        self.put(&path, bytes).await?;
        Ok(path)
    }

    /// Write every file of an in-memory lake here (what a sample or a job made).
    pub async fn put_all(&self, lake: &Lake, prefix: &str) -> Result<Vec<LakeFile>> {
        let files = lake.list(prefix);
        futures::stream::iter(files.iter())
            .map(|f| async move {
                let bytes = lake
                    .get(&f.path)
                    .ok_or_else(|| ConnectorError::Invalid(format!("{}: gone from the lake", f.path)))?;
                self.put(&f.path, bytes).await
            })
            .buffer_unordered(CONCURRENCY)
            .try_collect::<Vec<()>>()
            .await?;
        Ok(files)
    }

    /// Delete the given files.
    async fn delete(&self, files: &[String]) -> Result<()> {
        futures::stream::iter(files.iter())
            .map(|p| async move { self.store.delete(&self.key(p)).await.map_err(|e| self.fail(p, e)) })
            .buffer_unordered(CONCURRENCY)
            .try_collect::<Vec<()>>()
            .await?;
        Ok(())
    }

    /// Delete every file under `prefix`; returns how many.
    pub async fn remove(&self, prefix: &str) -> Result<usize> {
        if engine_lake::normalize_path(prefix)?.is_empty() {
            return Err(ConnectorError::Invalid("refusing to remove the whole lake".into()));
        }
        let files: Vec<String> = self.list(prefix).await?.into_iter().map(|f| f.path).collect();
        self.delete(&files).await?;
        Ok(files.len())
    }

    /// The datasets (`zone/dataset`) in the lake.
    pub async fn datasets(&self) -> Result<Vec<String>> {
        let files = self.list("").await?;
        Ok(engine_lake::datasets_of(files.iter().map(|f| f.path.as_str())))
    }

    /// A dataset's files as the engine's scan reads them.
    pub async fn dataset_files(&self, dataset: &str) -> Result<Vec<FileRef>> {
        let root = engine_lake::normalize_path(dataset)?;
        Ok(engine_lake::dataset_refs(&root, self.list(&root).await?))
    }

    /// Fetch the files under `prefix` into an in-memory lake.
    pub async fn fetch(&self, prefix: &str) -> Result<Lake> {
        let files = self.list(prefix).await?;
        let fetched: Vec<(String, Arc<[u8]>)> = futures::stream::iter(files)
            .map(|f| async move { self.get(&f.path).await.map(|b| (f.path, b)) })
            .buffer_unordered(CONCURRENCY)
            .try_collect()
            .await?;
        let mut lake = Lake::new();
        for (path, bytes) in fetched {
            lake.put(&path, bytes)?;
        }
        Ok(lake)
    }

    /// Run a Glue job on the lake: its source is fetched, the engine runs
    /// it, its files are written to the target and the target's older
    /// files that the job did not rewrite are deleted afterwards (an
    /// object store has no transaction: readers see old or new files, and
    /// a failure before the writes leaves the target as it was).
    pub async fn run_glue(&self, job: &GlueJob) -> Result<GlueReport> {
        let mut lake = self.fetch(&job.source).await?;
        let report = glue::run(&mut lake, job)?;
        let before: Vec<String> = self.list(&job.target).await?.into_iter().map(|f| f.path).collect();
        self.put_all(&lake, &job.target).await?;
        let stale: Vec<String> = before
            .into_iter()
            .filter(|p| !report.files_written.iter().any(|w| &w.path == p))
            .collect();
        self.delete(&stale).await?;
        Ok(report)
    }

    /// The lake's datasets as SQL tables: each named after its dataset
    /// (`raw/video_metadata` → `video_metadata`); when two zones hold a
    /// dataset of the same name, both are named `zone_dataset`.
    pub async fn tables(&self) -> Result<Vec<(String, String)>> {
        let datasets = self.datasets().await?;
        let short = |d: &str| d.rsplit('/').next().unwrap_or(d).to_string();
        Ok(datasets
            .iter()
            .map(|d| {
                let name = short(d);
                let clash = datasets.iter().filter(|o| short(o) == name).count() > 1;
                let name = if clash { d.replace('/', "_") } else { name };
                (name, d.clone())
            })
            .collect())
    }

    /// SQL over the lake's datasets (`tables`: name → dataset): the engine
    /// prunes by partition, and only the files it keeps are downloaded.
    /// Blocking: call it off the async runtime (`spawn_blocking`), with
    /// the runtime's handle.
    pub fn query(
        &self,
        handle: &tokio::runtime::Handle,
        tables: &[(String, String)],
        sql: &str,
        options: &LoadOptions,
    ) -> Result<LakeAnswer> {
        // Only the tables the query names are listed (an empty one is the
        // engine's error, naming the table).
        let tables = tables
            .iter()
            .filter(|(name, _)| query::mentions(sql, name))
            .map(|(name, dataset)| {
                Ok(LakeTable {
                    name: name.clone(),
                    files: handle.block_on(self.dataset_files(dataset))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let read = |f: &FileRef| -> dataplay_engine::Result<Arc<[u8]>> {
            handle.block_on(self.get(&f.path)).map_err(|e| {
                EngineError::invalid(
                    Subject::LakePath(f.path.clone()),
                    Fault::LakeFetch { detail: e.to_string() },
                )
            })
        };
        Ok(query::run(&tables, sql, options, &read)?)
    }
}
