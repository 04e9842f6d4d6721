//! Row locks a test holds so that a load stops exactly where the test
//! needs it — waiting for the lock inside its merge of one table — instead
//! of being caught at some instant by polling. Shared by the connector's
//! tests and the CLI's (`#[path]`).

use dataplay_connector::{source, Db};

/// A transaction of the test's own holding every row of a table `FOR UPDATE`.
pub enum RowLock {
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
    MySql(sqlx::Transaction<'static, sqlx::MySql>),
}

impl RowLock {
    /// Lock every row of `table`: a merge that updates or re-inserts any of
    /// them waits until `release` (reads are not blocked).
    pub async fn hold(db: &Db, table: &str) -> RowLock {
        let sql = format!("SELECT 1 FROM {} FOR UPDATE", db.dialect().quote(table));
        match db {
            Db::Postgres(p) => {
                let mut tx = p.begin().await.unwrap();
                sqlx::query(&sql).fetch_all(&mut *tx).await.unwrap();
                RowLock::Postgres(tx)
            }
            Db::MySql(p) => {
                let mut tx = p.begin().await.unwrap();
                sqlx::query(&sql).fetch_all(&mut *tx).await.unwrap();
                RowLock::MySql(tx)
            }
            Db::Sqlite(_) => panic!("SQLite has no row locks"),
        }
    }

    pub async fn release(self) {
        match self {
            RowLock::Postgres(tx) => tx.rollback().await.unwrap(),
            RowLock::MySql(tx) => tx.rollback().await.unwrap(),
        }
    }
}

/// How many sessions wait for a lock inside a merge into `table` (the
/// upsert's `INSERT INTO "table" …`; on MariaDB, run it at all: with the
/// rows locked, it cannot finish).
pub async fn merges_waiting(db: &Db, table: &str) -> i64 {
    let sql = match db {
        Db::Postgres(_) => format!(
            "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO \"{table}\" %'"
        ),
        // The test's user sees its own sessions only (no PROCESS privilege
        // for INNODB_TRX); a merge there cannot get past the locked rows.
        _ => format!(
            "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO `{table}` %'"
        ),
    };
    let frame = source::read(db, "lock waits", &sql, &[]).await.unwrap();
    let n = frame
        .column("n")
        .unwrap()
        .cast(&polars_core::prelude::DataType::Int64)
        .unwrap();
    n.i64().unwrap().get(0).unwrap_or(0)
}

/// Wait until a merge into `table` waits for the test's lock (true), or
/// the load has ended (`ended`: false). Once the merge waits it stays so
/// until the lock is released, so how often this looks decides nothing.
pub async fn until_a_merge_waits(db: &Db, table: &str, mut ended: impl FnMut() -> bool) -> bool {
    let started = std::time::Instant::now();
    while merges_waiting(db, table).await == 0 {
        if ended() {
            return false;
        }
        assert!(
            started.elapsed().as_secs() < 300,
            "no merge into {table} waited for the lock in 5 minutes"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    true
}

/// Wait until no other session's transaction holds `table` for writing (a
/// killed client's transaction, ended by the server): take a table lock
/// that conflicts with theirs, and let it go.
pub async fn until_writers_end(db: &Db, table: &str) {
    let t = db.dialect().quote(table);
    match db {
        Db::Postgres(p) => {
            let mut tx = p.begin().await.unwrap();
            sqlx::query(&format!("LOCK TABLE {t} IN SHARE ROW EXCLUSIVE MODE"))
                .execute(&mut *tx)
                .await
                .unwrap();
            tx.rollback().await.unwrap();
        }
        Db::MySql(p) => {
            let mut conn = p.acquire().await.unwrap();
            sqlx::raw_sql(&format!("LOCK TABLES {t} WRITE"))
                .execute(&mut *conn)
                .await
                .unwrap();
            sqlx::raw_sql("UNLOCK TABLES").execute(&mut *conn).await.unwrap();
        }
        Db::Sqlite(_) => {}
    }
}
