// DuckDB-WASM as the in-browser peer of the benchmarks: installs its npm
// packages (tests/e2e/duckdb, not needed by `make test`), bundles a tiny page
// with esbuild, serves it next to the bench data and runs SQL in Chromium.
// The ETL uses DuckDB-WASM 1.32; Parquet uses 1.28 (`duckdb-wasm-parquet`),
// the last release with the parquet reader built in — later ones fetch it
// from extensions.duckdb.org, unreachable here, and then fail with
// "function signature mismatch".
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './harness.mjs';

const dir = path.join(root, 'tests', 'e2e', 'duckdb');

function serve(folder) {
  const proc = spawn('python3', [path.join(root, 'scripts', 'serve.py'), folder, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ url: m[0], close: () => proc.kill() });
    });
    proc.on('exit', (code) => reject(new Error(`static server exited (${code})`)));
  });
}

const ETL_PACKAGE = '@duckdb/duckdb-wasm';
const PARQUET_PACKAGE = 'duckdb-wasm-parquet';

/** The version of DuckDB-WASM behind `pkg` (for the benchmark tables). */
export function duckdbVersion(pkg) {
  return JSON.parse(readFileSync(path.join(dir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}
export const duckdbEtlVersion = () => duckdbVersion(ETL_PACKAGE);
export const duckdbParquetVersion = () => duckdbVersion(PARQUET_PACKAGE);

/** Serve the page bundled with DuckDB-WASM from `pkg` next to `data` and run `fn(page)` in it. */
async function withDuckdbPage(browser, data, pkg, fn) {
  if (![ETL_PACKAGE, PARQUET_PACKAGE].every((p) => existsSync(path.join(dir, 'node_modules', p, 'package.json')))) {
    execFileSync('npm', ['ci', '--silent', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  }
  const site = mkdtempSync(path.join(tmpdir(), 'dataplay-duckdb-'));
  execFileSync(path.join(dir, 'node_modules', '.bin', 'esbuild'),
    ['entry.mjs', '--bundle', '--format=esm', ...(pkg === ETL_PACKAGE ? [] : [`--alias:${ETL_PACKAGE}=${pkg}`]),
      `--outfile=${path.join(site, 'bundle.mjs')}`, '--log-level=warning'], { cwd: dir });
  const dist = path.join(dir, 'node_modules', pkg, 'dist');
  for (const f of ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js']) copyFileSync(path.join(dist, f), path.join(site, f));
  copyFileSync(path.join(dir, 'index.html'), path.join(site, 'index.html'));
  symlinkSync(data, path.join(site, 'data'));
  const server = await serve(site);
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}index.html`);
    await page.waitForFunction(() => typeof window.runDuckdbQueries === 'function');
    return await fn(page);
  } finally {
    await page.close();
    server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

/** The seed's pipeline as SQL (duckdb/etl.sql) on the bench CSVs in `data`, `repeat` times in one page. */
export async function duckdbEtl(browser, data, repeat) {
  const sql = readFileSync(path.join(dir, 'etl.sql'), 'utf8').replace(/^--.*$/gm, '');
  const names = ['transactions', 'transaction_items', 'products', 'inventory_movements', 'product_inventory', 'customers'];
  return withDuckdbPage(browser, data, ETL_PACKAGE, async (page) => {
    const runs = [];
    for (let i = 0; i < repeat; i++) runs.push(await page.evaluate(([n, s]) => window.runDuckdbEtl(n, s), [names, sql]));
    return runs;
  });
}

/** `queries` over the Parquet file `file` of `data` as the view `table`, each `repeat` times. */
export async function duckdbQueries(browser, data, file, table, queries, repeat) {
  return withDuckdbPage(browser, data, PARQUET_PACKAGE, (page) =>
    page.evaluate(([f, t, q, r]) => window.runDuckdbQueries(f, t, q, r), [file, table, queries, repeat]));
}
