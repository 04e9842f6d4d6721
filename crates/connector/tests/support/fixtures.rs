//! What several connector tests start from: the retail sample in a SQLite
//! source database, and `dataplay serve`'s routes running on loopback.

use dataplay_api::{SampleKind, SampleSpec};
use dataplay_connector::serve::{self, ServeConfig};
use dataplay_connector::{warehouse, Db};
use dataplay_engine::samples::{self, Table};

/// The retail sample (`seed`, `size` items) in the SQLite database at
/// `path` (its tables replaced); the database's URL.
pub async fn retail_source(path: &std::path::Path, seed: u64, size: usize) -> String {
    let url = format!("sqlite:{}", path.display());
    let db = Db::connect(&url).await.unwrap();
    let spec = SampleSpec {
        kind: SampleKind::Retail,
        seed,
        size,
    };
    for t in samples::generate(&spec).unwrap() {
        if let Table::Frame { name, frame } = t {
            warehouse::replace(&db, &name, &frame).await.unwrap();
        }
    }
    db.close().await;
    url
}

/// Serve `config` in the background; its base URL once it listens.
pub async fn serve_on(config: ServeConfig) -> String {
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        serve::serve(config, move |addr| {
            let _ = tx.send(addr);
        })
        .await
        .unwrap();
    });
    format!("http://{}", rx.await.unwrap())
}
