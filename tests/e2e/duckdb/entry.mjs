// Bundled by bench.mjs with esbuild into one module the bench page loads.
import * as duckdb from '@duckdb/duckdb-wasm';

/** Load the CSVs into DuckDB tables, then run the ETL SQL; times each part. */
window.runDuckdbEtl = async (tables, sql) => {
  const worker = new Worker('./duckdb-browser-eh.worker.js');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate('./duckdb-eh.wasm');
  const conn = await db.connect();
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
