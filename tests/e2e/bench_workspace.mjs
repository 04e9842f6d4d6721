// Workspace benchmark: what keeping the workspace costs on a 1M-row upload
// (the upload alone is the peer: the same file, the same run), how long a
// reload takes to bring it back, and the time from opening a link to the
// view it restores against opening the same page bare. Prints a Markdown
// table for BENCHMARKS.md. Run: `make dist && cd tests/e2e && node bench_workspace.mjs`.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { serveDist, launch } from './harness.mjs';
import { data, median, REPEAT } from './benchlib.mjs';

const ROWS = 1_000_000;

function csv() {
  mkdirSync(data, { recursive: true });
  const file = path.join(data, 'workspace_1m.csv');
  if (!existsSync(file)) {
    const lines = ['item_id,transaction_id,product_id,quantity,unit_price,sold_at'];
    for (let i = 0; i < ROWS; i++) {
      lines.push(`${i + 1},T${(i / 3) | 0},P${i % 997},${1 + (i % 7)},${(i % 5000) / 100 + 1},2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00`);
    }
    writeFileSync(file, lines.join('\n') + '\n');
  }
  return file;
}

const rowsShown = (page, n) => page.waitForFunction(
  (n) => document.querySelector('[data-testid=row-count]')?.textContent?.replace(/\D/g, '') === String(n),
  ROWS, { timeout: 300_000, polling: 20 });

async function persistence(browser, url, file) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url + '?lang=en');
    await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=workspace][data-kept=true]').waitFor();
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(file);
    await rowsShown(page, ROWS);
    const load = (Date.now() - t0) / 1000;
    await page.locator('[data-testid=workspace][data-files="1"][data-saving=false]').waitFor({ timeout: 300_000 });
    const kept = (Date.now() - t0) / 1000;
    const t1 = Date.now();
    await page.reload();
    await rowsShown(page, ROWS);
    const restore = (Date.now() - t1) / 1000;
    runs.push({ load, kept, restore });
    await context.close();
  }
  return Object.fromEntries(['load', 'kept', 'restore'].map((k) => [k, median(runs.map((r) => r[k]))]));
}

/** Seconds from navigating to `hash` until `shown` holds, median of REPEAT fresh contexts. */
async function open(browser, url, hash, shown) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(url + '?lang=en' + hash);
    await shown(page);
    runs.push((Date.now() - t0) / 1000);
    await context.close();
  }
  return median(runs);
}

const { url, close } = await serveDist();
const browser = await launch();
try {
  const file = csv();
  const p = await persistence(browser, url, file);
  const etlLink = '#/etl?v=1&from=2024-01-01&to=2024-03-31&margin=0.35&edges=0%2C%201000000%2C%205000000&labels=A%2C%20B%2C%20C&mode=elt&gate=0';
  const capLink = '#/cap?scenario=partition-ap&seed=7&faults=' + encodeURIComponent(JSON.stringify([{ at_ms: 0, kind: 'crash', node: 3 }]));
  const etlBare = await open(browser, url, '#/etl', (page) => page.getByTestId('etl-params').waitFor());
  const etlLinked = await open(browser, url, etlLink, (page) => page.waitForFunction(() => document.querySelector('[data-testid=etl-margin]')?.value === '35' && document.querySelector('[data-testid=etl-mode-elt]')?.checked));
  const capBare = await open(browser, url, '#/cap', (page) => page.getByTestId('cp-verdict').waitFor({ timeout: 60_000 }));
  const capLinked = await open(browser, url, capLink, (page) => page.locator('[data-testid=cp-node-3].down, [data-testid=cp-node-3][class*=down]').waitFor({ timeout: 60_000 }));
  const f = (x) => x.toFixed(2);
  console.log(`| measure (median of ${REPEAT}) | seconds | ratio |`);
  console.log('| --- | --- | --- |');
  console.log(`| 1M-row CSV upload, table shown (peer) | ${f(p.load)} | 1.00 |`);
  console.log(`| … and kept in the browser (written in the background after it shows) | ${f(p.kept)} | ${f(p.kept / p.load)} |`);
  console.log(`| reload until the kept table shows again | ${f(p.restore)} | ${f(p.restore / p.load)} |`);
  console.log(`| open #/etl bare, parameters shown (peer) | ${f(etlBare)} | 1.00 |`);
  console.log(`| open an ETL link, its parameters shown | ${f(etlLinked)} | ${f(etlLinked / etlBare)} |`);
  console.log(`| open #/cap bare, the run shown (peer) | ${f(capBare)} | 1.00 |`);
  console.log(`| open a CAP link (scenario, seed, a crash), its run shown | ${f(capLinked)} | ${f(capLinked / capBare)} |`);
} finally {
  await browser.close();
  close();
}
