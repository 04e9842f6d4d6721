// Foundation benchmark (`make bench`): page start-up, wasm sizes, and loading
// a 1M-row CSV and a 3M-row Parquet file in the page, with the longest
// main-thread stall during each load; peers on the same files in the same
// run: pandas (read_csv / read_parquet with pyarrow) and the same engine
// natively (`dataplay inspect`). Prints a Markdown table for BENCHMARKS.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { serveDist, launch, root, rowCount, settle } from './harness.mjs';
import { duckdbEtl, duckdbEtlVersion } from './duckdb.mjs';
import { cli, data, median, prepare, python, REPEAT } from './benchlib.mjs';

/** Seconds for `fn` run natively, median of REPEAT runs (wall clock, whole process). */
function timeProcess(cmd, args) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
    runs.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return median(runs);
}

/** Seconds pandas needs for one read, measured inside Python (no start-up). */
function pandasRead(expr, file) {
  const out = execFileSync(python, ['-c', `
import time, pandas as pd
ts = []
for _ in range(${REPEAT}):
    t = time.perf_counter(); df = ${expr}(${JSON.stringify(file)}); df.isna().sum(); ts.append(time.perf_counter() - t)
print(sorted(ts)[len(ts) // 2], len(df))
`]).toString().trim().split(' ');
  return Number(out[0]);
}

async function pageStartup(browser, url) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('dropzone').waitFor();
    const ui = await page.evaluate(() => performance.now());
    await page.getByTestId('engine-status').filter({ hasText: 'engine ready' }).waitFor();
    const engine = await page.evaluate(() => performance.now());
    runs.push({ ui, engine });
    await page.close();
  }
  return { ui: median(runs.map((r) => r.ui)) / 1000, engine: median(runs.map((r) => r.engine)) / 1000 };
}

/** Load one file through the file input; seconds until its row count shows, and the longest main-thread stall. */
async function loadInPage(browser, url, file, rows) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('engine-status').filter({ hasText: 'engine ready' }).waitFor();
    await page.evaluate(() => {
      window.__stall = { maxGap: 0, longest: 0, last: performance.now(), on: true };
      const tick = (t) => {
        const s = window.__stall;
        s.maxGap = Math.max(s.maxGap, t - s.last);
        s.last = t;
        if (s.on) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__stall.longest = Math.max(window.__stall.longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForFunction((n) => document.querySelector('[data-testid=row-count]')?.textContent === String(n), rows, { timeout: 300_000, polling: 20 });
    const seconds = (Date.now() - t0) / 1000;
    const stall = await page.evaluate(() => { window.__stall.on = false; return window.__stall; });
    const shown = await rowCount(page);
    if (shown !== rows) throw new Error(`expected ${rows} rows, page shows ${shown}`);
    runs.push({ seconds, maxFrameGap: stall.maxGap, longestTask: stall.longest });
    await page.close();
  }
  return {
    seconds: median(runs.map((r) => r.seconds)),
    maxFrameGapMs: Math.max(...runs.map((r) => r.maxFrameGap)),
    longestTaskMs: Math.max(...runs.map((r) => r.longestTask)),
  };
}

/** The CAP page's own timing of a random-workload comparison (16 clients per data center, 120 simulated seconds; CP and AP, checked), median of REPEAT. */
async function capSpeed(browser, url) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) {
    const page = await browser.newPage();
    await page.goto(`${url}#/cap?scenario=random&seed=${i + 1}&clients=16&duration_ms=120000`);
    // The page keeps its timing out of sight, in data attributes.
    const shown = page.locator('[data-testid=cap-page][data-elapsed-ms]');
    await shown.waitFor({ timeout: 120_000 });
    runs.push({ events: Number(await shown.getAttribute('data-events')), ms: Number(await shown.getAttribute('data-elapsed-ms')) });
    await page.close();
  }
  const rate = runs.map((r) => r.events / (r.ms / 1000));
  return { events: median(runs.map((r) => r.events)), eventsPerSecond: median(rate) };
}

/**
 * The ETL page on the bench's 1M-item retail CSVs, checks off, REPEAT times in
 * a fresh page each: uploading the six CSVs (from `setInputFiles` to the
 * tables loaded), the pipeline (the worker's own time, the stages heading's `data-ms`, and the wall
 * time from the click to the results), and exporting the three output tables
 * as CSV (from the click to the downloaded file). End to end is the sum, the
 * page's counterpart of `dataplay etl` and of the seed's code reading and
 * writing files. Medians of each part.
 */
async function etlInPage(browser, url) {
  const names = ['transactions', 'transaction_items', 'products', 'inventory_movements', 'product_inventory', 'customers'];
  const outputs = ['fact_sales', 'fact_inventory_movements', 'dim_customers'];
  const runs = [];
  let rows = 0;
  for (let i = 0; i < REPEAT; i++) {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${url}#/data`);
    await page.getByTestId('engine-status').filter({ hasText: 'engine ready' }).waitFor({ timeout: 60_000 });
    let t = performance.now();
    await settle(page, () => page.getByTestId('file-input').setInputFiles(names.map((n) => path.join(data, `${n}.csv`))));
    const load = (performance.now() - t) / 1000;
    await page.goto(`${url}#/etl`);
    await page.getByTestId('etl-run-checks').uncheck();
    t = performance.now();
    await settle(page, () => page.getByTestId('etl-run').click());
    const pipelineWall = (performance.now() - t) / 1000;
    const pipeline = Number(await page.getByTestId('etl-stages-time').getAttribute('data-ms')) / 1000;
    rows = Number((await page.getByTestId('stage-transform_sales').getByTestId('rows-out').textContent()).trim());
    t = performance.now();
    for (const name of outputs) {
      await page.getByTestId(`etl-table-etl:${name}`).click();
      await page.getByTestId('etl-table-name').filter({ hasText: `etl:${name}` }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('export-csv').click()]);
      const file = await download.path();
      if (statSync(file).size === 0) throw new Error(`empty export of ${name}`);
    }
    const exportSeconds = (performance.now() - t) / 1000;
    runs.push({ load, pipeline, pipelineWall, export: exportSeconds, endToEnd: load + pipelineWall + exportSeconds });
    await page.close();
  }
  const med = (k) => median(runs.map((r) => r[k]));
  return { seconds: med('pipeline'), load: med('load'), pipelineWall: med('pipelineWall'), export: med('export'), endToEnd: med('endToEnd'), rows };
}

const { csv, parquet } = prepare();
const sizes = {};
for (const f of readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.wasm'))) {
  const bytes = readFileSync(path.join(root, 'dist', f));
  sizes[f] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
const server = await serveDist();
const browser = await launch();
const startup = await pageStartup(browser, server.url);
const pageCsv = await loadInPage(browser, server.url, csv, 1_000_000);
const pageParquet = await loadInPage(browser, server.url, parquet, 3_000_000);
const capInPage = await capSpeed(browser, server.url);
const etlPage = await etlInPage(browser, server.url);
const duck = await duckdbEtl(browser, data, REPEAT);
const etlDuck = { seconds: median(duck.map((d) => d.pipelineMs)) / 1000, loadSeconds: median(duck.map((d) => d.loadMs)) / 1000, rows: duck[0].rows };
await browser.close();
server.close();

const nativeCsv = timeProcess(cli, ['inspect', csv]);
const nativeParquet = timeProcess(cli, ['inspect', parquet]);
const pandasCsv = pandasRead('pd.read_csv', csv);
const pandasParquet = pandasRead('pd.read_parquet', parquet);

const mb = (n) => (n / 1e6).toFixed(2);
const r = (a, b) => (a / b).toFixed(2);
const lines = [
  `| measure | value |`,
  `| --- | --- |`,
  `| UI painted (navigation → drop zone) | ${startup.ui.toFixed(2)} s |`,
  `| engine ready (navigation → worker wasm running) | ${startup.engine.toFixed(2)} s |`,
  ...Object.entries(sizes).map(([f, s]) => `| ${f} | ${mb(s.raw)} MB raw, ${mb(s.gzip)} MB gzip |`),
  '',
  `| load | in the page (worker) | dataplay native | pandas | page ÷ pandas | page ÷ native | longest main-thread stall |`,
  `| --- | --- | --- | --- | --- | --- | --- |`,
  `| 1M-row CSV (${mb(statSync(csv).size)} MB) | ${pageCsv.seconds.toFixed(2)} s | ${nativeCsv.toFixed(2)} s | ${pandasCsv.toFixed(2)} s | ${r(pageCsv.seconds, pandasCsv)} | ${r(pageCsv.seconds, nativeCsv)} | ${pageCsv.longestTaskMs.toFixed(0)} ms long task, ${pageCsv.maxFrameGapMs.toFixed(0)} ms max frame gap |`,
  `| 3M-row Parquet (${mb(statSync(parquet).size)} MB) | ${pageParquet.seconds.toFixed(2)} s | ${nativeParquet.toFixed(2)} s | ${pandasParquet.toFixed(2)} s | ${r(pageParquet.seconds, pandasParquet)} | ${r(pageParquet.seconds, nativeParquet)} | ${pageParquet.longestTaskMs.toFixed(0)} ms long task, ${pageParquet.maxFrameGapMs.toFixed(0)} ms max frame gap |`,
];
lines.push('', `| CAP page (worker): random workload, 16 clients/DC, 120 s, CP + AP simulated and checked | ${capInPage.events} events | ${(capInPage.eventsPerSecond / 1e6).toFixed(2)} M events/s |`);
const etlNative = JSON.parse(execFileSync(python, [path.join(root, 'tests', 'golden', 'bench_etl.py'), cli, data], { encoding: 'utf8' }));
if (etlNative.rows !== etlPage.rows) throw new Error(`ETL rows differ: page ${etlPage.rows}, native ${etlNative.rows}`);
if (etlDuck.rows !== etlPage.rows) throw new Error(`ETL rows differ: page ${etlPage.rows}, DuckDB-WASM ${etlDuck.rows}`);
const s2 = (x) => `${x.toFixed(2)} s`;
lines.push('',
  `| ETL, 1M transaction items (${etlNative.rows} fact rows) | dataplay native | pandas (seed's code) | pandas ÷ native | in the page (worker) | page ÷ pandas |`,
  `| --- | --- | --- | --- | --- | --- |`,
  `| end to end: read 6 CSVs, pipeline, write 3 CSVs | ${s2(etlNative.dataplay_end_to_end)} | ${s2(etlNative.pandas_end_to_end)} | ${r(etlNative.pandas_end_to_end, etlNative.dataplay_end_to_end)} | ${s2(etlPage.endToEnd)} | ${r(etlPage.endToEnd, etlNative.pandas_end_to_end)} |`,
  `| read the 6 CSVs (page: upload) | ${s2(etlNative.dataplay_read)} | ${s2(etlNative.pandas_read)} | ${r(etlNative.pandas_read, etlNative.dataplay_read)} | ${s2(etlPage.load)} | ${r(etlPage.load, etlNative.pandas_read)} |`,
  `| pipeline only (tables in memory; page: worker's own timer, ${s2(etlPage.pipelineWall)} click to results) | ${s2(etlNative.dataplay_pipeline)} | ${s2(etlNative.pandas_pipeline)} | ${r(etlNative.pandas_pipeline, etlNative.dataplay_pipeline)} | ${s2(etlPage.seconds)} | ${r(etlPage.seconds, etlNative.pandas_pipeline)} |`,
  `| write the 3 CSVs (page: export to downloads) | ${s2(etlNative.dataplay_write)} | ${s2(etlNative.pandas_write)} | ${r(etlNative.pandas_write, etlNative.dataplay_write)} | ${s2(etlPage.export)} | ${r(etlPage.export, etlNative.pandas_write)} |`,
  '',
  `| ETL in Chromium, pipeline only | dataplay page (worker) | DuckDB-WASM ${duckdbEtlVersion()} (tests/e2e/duckdb/etl.sql) | DuckDB ÷ dataplay |`,
  `| --- | --- | --- | --- |`,
  `| 1M items, ${etlDuck.rows} fact rows | ${s2(etlPage.seconds)} | ${s2(etlDuck.seconds)} (+ ${s2(etlDuck.loadSeconds)} loading the CSVs) | ${r(etlDuck.seconds, etlPage.seconds)} |`);
const report = lines.join('\n');
console.log(report);
mkdirSync(path.join(here(), 'artifacts'), { recursive: true });
writeFileSync(path.join(here(), 'artifacts', 'bench-foundation.json'),
  JSON.stringify({ etlDuck, etlPage, etlNative, capInPage, startup, sizes, pageCsv, pageParquet, nativeCsv, nativeParquet, pandasCsv, pandasParquet }, null, 2));

function here() { return path.dirname(new URL(import.meta.url).pathname); }
