// Bundled by duckdb.mjs with esbuild into one module the bench page loads.
import * as duckdb from '@duckdb/duckdb-wasm';

async function open() {
  const worker = new Worker('./duckdb-browser-eh.worker.js');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate('./duckdb-eh.wasm');
  return { db, conn: await db.connect() };
}

/** Load the CSVs into DuckDB tables, then run the ETL SQL; times each part. */
window.runDuckdbEtl = async (tables, sql) => {
  const { db, conn } = await open();
  let t0 = performance.now();
  for (const name of tables) {
    const bytes = new Uint8Array(await (await fetch(`./data/${name}.csv`)).arrayBuffer());
    await db.registerFileBuffer(`${name}.csv`, bytes);
    await conn.query(`CREATE TABLE ${name} AS SELECT * FROM read_csv_auto('${name}.csv')`);
  }
  const loadMs = performance.now() - t0;
  t0 = performance.now();
  for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) {
    await conn.query(statement);
  }
  const pipelineMs = performance.now() - t0;
  const rows = Number((await conn.query('SELECT count(*) AS n FROM fact_sales')).toArray()[0].n);
  await conn.close();
  await db.terminate();
  return { loadMs, pipelineMs, rows };
};

/**
 * Query a Parquet file where it lies (as Athena does): the file is fetched
 * into DuckDB's memory once, `table` is a view over read_parquet, and each
 * query runs `repeat` times. Returns the load time, each query's times and
 * its result rows (numbers as numbers).
 */
window.runDuckdbQueries = async (file, table, queries, repeat) => {
  const { db, conn } = await open();
  const t0 = performance.now();
  const bytes = new Uint8Array(await (await fetch(`./data/${file}`)).arrayBuffer());
  await db.registerFileBuffer(file, bytes);
  await conn.query(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${file}')`);
  const loadMs = performance.now() - t0;
  const results = [];
  for (const sql of queries) {
    const ms = [];
    let rows = [];
    for (let i = 0; i < repeat; i++) {
      const t = performance.now();
      const result = await conn.query(sql);
      ms.push(performance.now() - t);
      rows = result.toArray().map((r) => Object.values(r.toJSON()).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    }
    results.push({ ms, rows });
  }
  await conn.close();
  await db.terminate();
  return { loadMs, results };
};
