// Lake benchmark (`make bench`): SQL over a 3M-row Parquet file in the
// lake, in the page (the worker scans the file when queried, as Athena
// does), against DuckDB-WASM querying the same file in the same Chromium
// (a view over read_parquet on the file's bytes in its memory), and the
// same engine natively (`dataplay sql --table items=FILE`, whole process).
// Every query's answer is checked to be the same on both sides.
// Prints a Markdown table for BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, root, serveDist, waitIdle, settle } from './harness.mjs';
import { duckdbQueries, duckdbParquetVersion } from './duckdb.mjs';
import { cli, data, median, prepare, REPEAT } from './benchlib.mjs';

/** The Athena-style questions a workshop asks of the items: name and SQL (the same text on every side). */
const QUERIES = [
  ['filtered count and sum', 'SELECT COUNT(*) AS n, SUM(line_total) AS revenue FROM items WHERE quantity >= 3'],
  ['top 10 products (group by 2,000 keys)',
    'SELECT product_id, COUNT(*) AS lines, SUM(line_total) AS revenue, AVG(unit_price) AS avg_price FROM items GROUP BY product_id ORDER BY revenue DESC, product_id LIMIT 10'],
  ['median and p90 (exact percentiles)',
    'SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY line_total) AS median_line, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY line_total) AS p90_line FROM items'],
  ['one transaction (point lookup)', 'SELECT product_id, quantity, line_total FROM items WHERE transaction_id = 123457 ORDER BY product_id, quantity'],
];

/** CSV text → rows of numbers (or strings), header dropped. */
function parseCsv(text) {
  return text.trim().split('\n').slice(1).map((line) => line.split(',').map((v) => (v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v)));
}

function sameRows(a, b) {
  if (a.length !== b.length) return false;
  return a.every((row, i) => row.length === b[i].length && row.every((v, j) => {
    const w = b[i][j];
    if (typeof v === 'number' && typeof w === 'number') return Math.abs(v - w) <= 1e-9 * Math.max(1, Math.abs(v), Math.abs(w));
    return String(v) === String(w);
  }));
}

/** Ingest the file into the page's lake, then run each query REPEAT times: engine time, time to the answer on screen, answer. */
async function lakeInPage(browser, url, file) {
  const page = await browser.newPage();
  await page.goto(`${url}#/lake`);
  await page.getByTestId('engine-status').filter({ hasText: 'engine ready' }).waitFor({ timeout: 60_000 });
  await page.getByTestId('ingest-dataset').fill('items');
  await page.getByTestId('ingest-dataset').dispatchEvent('change');
  const t0 = Date.now();
  await page.getByTestId('ingest-files').setInputFiles(file);
  await page.getByTestId('lake-dataset').filter({ hasText: 'raw/items/' }).waitFor({ timeout: 300_000 });
  await waitIdle(page);
  const ingestSeconds = (Date.now() - t0) / 1000;
  const results = [];
  for (const [, sql] of QUERIES) {
    await page.getByTestId('sql-editor').fill(sql);
    const engineMs = [];
    const screenMs = [];
    for (let i = 0; i < REPEAT; i++) {
      const t = Date.now();
      // Wait for the query's request to finish (the header counts them).
      await settle(page, () => page.getByTestId('sql-run').click());
      screenMs.push(Date.now() - t);
      const problem = await page.getByTestId('error').count();
      if (problem) throw new Error(`${sql}: ${await page.getByTestId('error').first().textContent()}`);
      engineMs.push(Number((await page.getByTestId('lake-time').textContent()).match(/^(\d+) ms/)[1]));
    }
    await page.getByTestId('lake-table-name').filter({ hasText: 'sql:lake' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    results.push({ engineMs, screenMs, rows: parseCsv(readFileSync(await download.path(), 'utf8')) });
  }
  await page.close();
  return { ingestSeconds, results };
}

/** The same queries natively, whole process (reads the file from disk each time). */
function native(file) {
  return QUERIES.map(([, sql]) => {
    const runs = [];
    let out = '';
    for (let i = 0; i < REPEAT; i++) {
      const t = process.hrtime.bigint();
      const r = spawnSync(cli, ['sql', '--table', `items=${file}`, sql], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`dataplay sql failed: ${r.stderr}`);
      runs.push(Number(process.hrtime.bigint() - t) / 1e6);
      out = r.stdout;
    }
    return { ms: runs, rows: parseCsv(out) };
  });
}

const { parquet } = prepare();
const server = await serveDist();
const browser = await launch();
const page = await lakeInPage(browser, server.url, parquet);
const duck = await duckdbQueries(browser, data, path.basename(parquet), 'items', QUERIES.map(([, sql]) => sql), REPEAT);
await browser.close();
server.close();
const nat = native(parquet);

const ms = (x) => `${Math.round(x)} ms`;
const lines = [
  `3M-row Parquet (${(statSync(parquet).size / 1e6).toFixed(1)} MB, zstd). In the page: ingest into the lake ${page.ingestSeconds.toFixed(2)} s; DuckDB-WASM: fetch + register ${ms(duck.loadMs)}.`,
  '',
  `| query | dataplay page: engine | dataplay page: click → answer on screen | DuckDB-WASM ${duckdbParquetVersion()} | DuckDB ÷ dataplay (engine) | dataplay native (whole process) |`,
  '| --- | --- | --- | --- | --- | --- |',
];
QUERIES.forEach(([name, sql], i) => {
  const p = page.results[i];
  const d = duck.results[i];
  if (!sameRows(p.rows, d.rows)) throw new Error(`${name}: answers differ\n  dataplay: ${JSON.stringify(p.rows)}\n  DuckDB:   ${JSON.stringify(d.rows)}`);
  if (!sameRows(nat[i].rows, d.rows)) throw new Error(`${name}: native answer differs: ${JSON.stringify(nat[i].rows)}`);
  const engine = median(p.engineMs);
  const duckMs = median(d.ms);
  lines.push(`| ${name} | ${ms(engine)} | ${ms(median(p.screenMs))} | ${ms(duckMs)} | ${(duckMs / engine).toFixed(2)} | ${ms(median(nat[i].ms))} |`);
});
const report = lines.join('\n');
console.log(report);
mkdirSync(path.join(root, 'tests', 'e2e', 'artifacts'), { recursive: true });
writeFileSync(path.join(root, 'tests', 'e2e', 'artifacts', 'bench-lake.json'), JSON.stringify({ queries: QUERIES, page, duck, native: nat }, null, 2));
