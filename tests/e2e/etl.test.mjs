// The ETL page as a trainer or analyst drives it: load the retail sample (or
// upload the source tables), run the pipeline, watch the quality gate stop
// it, relax a check, load, re-run (nothing changes), change the margin
// (every sales row updates), inspect stages and dropped rows, export a table
// — and get exactly what the native CLI writes for the same data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useBrowser, openApp, settle, upload, cliSample, root, tableRows } from './harness.mjs';

const ctx = useBrowser();

function cli(args) {
  const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
  return execFileSync(path.join(target, 'debug', 'dataplay'), args, { encoding: 'utf8' });
}

async function withEtl(fn) {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '#/etl');
  try {
    await page.getByTestId('etl-params').waitFor();
    await fn(page);
    assert.deepEqual(problems, [], 'no console errors or page errors');
  } finally {
    await page.close();
  }
}

async function run(page) {
  await settle(page, () => page.getByTestId('etl-run').click());
  await page.getByTestId('etl-results').waitFor();
}

const num = async (locator) => Number((await locator.textContent()).trim());
const merge = (page, table, what) => num(page.getByTestId(`merge-${table}`).getByTestId(what));

test('sample → the default gate passes → a threshold that fails says so, one click fixes it → load, re-run idempotent, margin updates; export matches the CLI', async () => {
  await withEtl(async (page) => {
    await page.getByTestId('etl-sample-size').selectOption('10000');
    await settle(page, () => page.getByTestId('etl-load-sample').click());
    await page.getByTestId('etl-run').waitFor();
    assert.equal(await page.getByTestId('etl-sources').locator('li.present').count(), 6);

    // The page's checks scale with the sample: the first run passes and loads.
    await run(page);
    assert.equal(await page.getByTestId('etl-failed').count(), 0);
    assert.deepEqual(await page.getByTestId('check-status').allTextContents(), ['pass', 'pass', 'pass']);
    const factRows = await num(page.getByTestId('stage-transform_sales').getByTestId('rows-out'));
    assert.ok(factRows > 5_000, `fact rows ${factRows}`);
    assert.equal(await merge(page, 'fact_sales', 'inserted'), factRows);

    // The course's own 1 000 rows a day cannot be met by 10 000 items: the
    // stop names the check, and one click sets what would pass.
    await page.getByTestId('check-threshold-0').fill('1000');
    await page.getByTestId('check-threshold-0').dispatchEvent('change');
    await run(page);
    const failed = await page.getByTestId('etl-failed').textContent();
    assert.match(failed, /Sales Count Check/);
    assert.match(failed, /nothing was loaded/);
    await page.getByTestId('merge-none').waitFor();
    assert.equal((await page.getByTestId('check-status').allTextContents())[0], 'fail');
    await page.getByTestId('check-fix').first().click();
    assert.ok(Number(await page.getByTestId('check-threshold-0').inputValue()) < 1000, 'the fix lowers the minimum');
    await run(page);
    assert.equal(await page.getByTestId('etl-failed').count(), 0);
    assert.deepEqual(await page.getByTestId('check-status').allTextContents(), ['pass', 'pass', 'pass']);

    // Make them warnings: reported, and the run loads.
    for (const i of [0, 1, 2]) await page.getByTestId(`check-severity-${i}`).selectOption('warn');
    await run(page);
    assert.equal(await page.getByTestId('etl-failed').count(), 0);
    assert.equal(await merge(page, 'fact_sales', 'unchanged'), factRows);

    // The same data natively: identical fact table, byte for byte.
    const src = cliSample(['--size', '10000', '--seed', '42']);
    const out = mkdtempSync(path.join(tmpdir(), 'dataplay-etl-'));
    cli(['etl', '--source', src, '--out', out, '--from', '2024-01-01', '--to', '2024-03-31', '--no-checks']);
    await page.getByTestId('etl-table-etl:fact_sales').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    assert.equal(download.suggestedFilename(), 'etl_fact_sales.csv');
    const exported = readFileSync(await download.path(), 'utf8');
    assert.equal(exported, readFileSync(path.join(out, 'fact_sales.csv'), 'utf8'));

    // Re-running the same load changes nothing.
    await run(page);
    assert.equal(await merge(page, 'fact_sales', 'unchanged'), factRows);
    assert.equal(await merge(page, 'fact_sales', 'inserted') + await merge(page, 'fact_sales', 'updated'), 0);

    // A new margin changes every sales row's cost and profit, and nothing in the customers.
    await page.getByTestId('etl-margin').fill('50');
    await page.getByTestId('etl-margin').dispatchEvent('change');
    await run(page);
    assert.equal(await merge(page, 'fact_sales', 'updated'), factRows);
    assert.equal(await merge(page, 'dim_customers', 'updated'), 0);

    // Stages open their tables; the dropped rows say why.
    await page.getByTestId('stage-extract_sales').getByRole('button').click();
    await page.getByTestId('etl-table-name').filter({ hasText: 'etl:extract_sales' }).waitFor();
    const extracted = await num(page.getByTestId('stage-extract_sales').getByTestId('rows-out'));
    assert.equal(await num(page.getByTestId('etl-row-count')), extracted);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=data-table] tr').length > 5);
    assert.equal(await page.locator('button.as-text').count(), 0, 'stage outputs are not files: no "as text"');
    await page.getByTestId('show-dropped').click();
    await page.getByTestId('etl-table-name').filter({ hasText: 'etl:dropped_rows' }).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=data-table] td')].some((td) => td.textContent === 'transaction_status'));
    assert.ok(await tableRows(page) > 5);

    // Charts are drawn from the run, with axes a room can read.
    assert.ok(await page.getByTestId('chart-segments').locator('rect.bar').count() >= 4);
    assert.equal(await page.getByTestId('chart-hours').locator('rect.bar').count(), 24);
    await page.getByTestId('chart-stock').locator('path.stock').waitFor();
    await readableCharts(page, 'en');
  });
});

const CHARTS = ['chart-segments', 'chart-segment-revenue', 'chart-hours', 'chart-weekdays', 'chart-stock'];
const NUMBER = { en: /^-?\d{1,3}(,\d{3})*(\.\d+)?$/, vi: /^-?\d{1,3}(\.\d{3})*(,\d+)?$/ };
const DATE = { en: /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/, vi: /^\d{1,2}\/\d{1,2}$/ };

/** Each chart: a title, axis titles, numbered ticks in the language's style, labels of 12 px or more. */
async function readableCharts(page, lang) {
  const ticks = [];
  for (const id of CHARTS) {
    const chart = page.getByTestId(id);
    assert.ok((await chart.locator('figcaption').textContent()).trim().length > 5, id);
    assert.ok(await chart.locator('text.axis-title').count() >= 2, `${id}: a title on each axis`);
    const y = (await chart.getByTestId('y-tick').allTextContents()).map((t) => t.trim());
    assert.ok(y.length >= 3, `${id}: ${y}`);
    for (const t of y) assert.match(t, NUMBER[lang], `${id}: tick "${t}"`);
    ticks.push(...y);
    const x = (await chart.getByTestId('x-tick').allTextContents()).map((t) => t.trim()).filter(Boolean);
    assert.ok(x.length >= 2, `${id}: ${x}`);
    assert.ok(!x.includes('—'), `${id}: no bare dash for a category`);
    if (id === 'chart-stock') for (const d of x) assert.match(d, DATE[lang], `a date on the time axis: "${d}"`);
    const px = await chart.getByTestId('y-tick').first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
    assert.ok(px >= 12, `${id}: labels ${px}px`);
  }
  // The values above the bars too, with the language's separators (1.234,5 in Vietnamese, 1,234.5 in English).
  const values = (await page.getByTestId('bar-value').allTextContents()).map((t) => t.trim());
  assert.ok(values.length >= 10, values.join(' '));
  for (const v of values) assert.match(v, NUMBER[lang], `value "${v}"`);
  assert.ok([...ticks, ...values].some((t) => (lang === 'vi' ? /\d,\d|\d\.\d{3}/ : /\d\.\d|\d,\d{3}/).test(t)), values.join(' '));
  assert.ok(await page.getByTestId('chart-stock').locator('ul.legend li').count() >= 2, 'the stock chart says what its line and bands are');
  // The labels grow with the page's font (a presenter's larger type).
  await page.evaluate(() => { document.documentElement.style.fontSize = '20px'; });
  const bigger = await page.getByTestId('chart-hours').getByTestId('y-tick').first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  assert.ok(bigger >= 14.5, `labels at a 20px base: ${bigger}px`);
  await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
}

test('?lang=vi: the charts\' ticks, units and dates read in Vietnamese', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=vi#/etl');
  try {
    await page.getByTestId('etl-params').waitFor();
    await page.getByTestId('etl-sample-size').selectOption('10000');
    await settle(page, () => page.getByTestId('etl-load-sample').click());
    await run(page);
    await readableCharts(page, 'vi');
    const hours = await page.getByTestId('chart-hours').textContent();
    assert.match(hours, /Doanh thu \(total_sales\), (nghìn|triệu|tỷ) đồng/);
    assert.match(hours, /Giờ trong ngày/);
    assert.match(await page.getByTestId('chart-stock').textContent(), /Ngày phát sinh, từ \d{1,2}\/\d{1,2}\/\d{4} đến/);
    assert.deepEqual(problems, [], 'no console errors or page errors');
  } finally {
    await page.close();
  }
});

test('uploaded source tables are matched by name and give the CLI\'s row counts', async () => {
  const src = cliSample(['--size', '3000', '--seed', '5', '--format', 'jsonl']);
  const out = mkdtempSync(path.join(tmpdir(), 'dataplay-etl-'));
  const printed = cli(['etl', '--source', src, '--out', out, '--from', '2024-02-01', '--to', '2024-02-29', '--no-checks']);
  const cliRows = Number(printed.match(/^transform_sales\s+\d+ →\s+(\d+) rows/m)[1]);
  await withEtl(async (page) => {
    await page.getByRole('link', { name: 'Data' }).click();
    const files = readdirSync(src).map((name) => ({ name, buffer: readFileSync(path.join(src, name)) }));
    await upload(page, files);
    const errors = await page.getByTestId('error').allTextContents();
    assert.deepEqual(errors, [], 'the six files load');
    await page.getByRole('link', { name: 'ETL / ELT' }).click();
    await page.getByTestId('etl-sources').waitFor();
    assert.equal(await page.getByTestId('etl-sources').locator('li.present').count(), 6);
    for (const [id, value] of [['etl-from', '2024-02-01'], ['etl-to', '2024-02-29']]) {
      await page.getByTestId(id).fill(value);
      await page.getByTestId(id).dispatchEvent('change');
    }
    await page.getByTestId('etl-run-checks').uncheck();
    await run(page);
    assert.equal(await num(page.getByTestId('stage-transform_sales').getByTestId('rows-out')), cliRows);
    assert.equal(await page.getByTestId('quality').getByText('Skipped for this run.').count(), 1);
  });
});

test('ELT: raw tables load into the warehouse, the SQL runs there, and the facts match ETL\'s', async () => {
  await withEtl(async (page) => {
    await page.getByTestId('etl-sample-size').selectOption('10000');
    await settle(page, () => page.getByTestId('etl-load-sample').click());
    await page.getByTestId('etl-run-checks').uncheck();

    // ETL first: the engine transforms, the warehouse only loads.
    await run(page);
    const etlRows = await num(page.getByTestId('stage-transform_sales').getByTestId('rows-out'));
    assert.equal(await page.getByTestId('stage-transform_sales').getByTestId('ran-in').textContent(), 'engine');
    await page.getByTestId('etl-table-etl:fact_sales').click();
    const [etlFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const etlCsv = readFileSync(await etlFile.path(), 'utf8');

    // ELT: the same parameters, transformed inside the warehouse with SQL.
    await page.getByTestId('etl-mode-elt').check();
    await run(page);
    assert.equal(await page.getByTestId('stage-load_raw').getByTestId('ran-in').textContent(), 'warehouse');
    for (const s of ['extract_sales', 'transform_sales', 'transform_inventory']) {
      assert.equal(await page.getByTestId(`stage-${s}`).getByTestId('ran-in').textContent(), 'warehouse (SQL)', s);
    }
    assert.equal(await num(page.getByTestId('stage-transform_sales').getByTestId('rows-out')), etlRows);
    const sql = page.getByTestId('stage-sql-transform_inventory');
    await sql.locator('summary').click();
    assert.match(await sql.locator('pre').textContent(), /SUM\(quantity_change\) OVER \(PARTITION BY product_id, store_id ORDER BY movement_date/);
    // Same rows as the ETL run loaded: the merge finds nothing to change.
    assert.equal(await merge(page, 'fact_sales', 'unchanged'), etlRows);
    assert.equal(await merge(page, 'fact_sales', 'updated'), 0);

    // The raw tables are there to look at, and fact_sales exports the same bytes.
    await page.getByTestId('etl-table-etl:raw_transactions').click();
    await page.getByTestId('etl-table-name').filter({ hasText: 'etl:raw_transactions' }).waitFor();
    await page.getByTestId('etl-table-etl:fact_sales').click();
    await page.getByTestId('etl-table-name').filter({ hasText: 'etl:fact_sales' }).waitFor();
    const [eltFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    assert.equal(readFileSync(await eltFile.path(), 'utf8'), etlCsv);
  });
});

test('export: the page\'s parameters as a PySpark job and a PostgreSQL script, the CLI\'s text; a bad margin is an error', async () => {
  await withEtl(async (page) => {
    // No data needed: the pipeline is exported, not run.
    await page.getByTestId('etl-from').fill('2024-02-01');
    await page.getByTestId('etl-to').fill('2024-02-29');
    await page.getByTestId('etl-margin').fill('25');
    await page.getByTestId('etl-margin').dispatchEvent('change');
    await page.getByTestId('check-severity-1').selectOption('warn');
    // The page's checks, as `--checks` takes them.
    const checks = path.join(mkdtempSync(path.join(tmpdir(), 'dataplay-export-')), 'checks.json');
    writeFileSync(checks, JSON.stringify([
      { name: 'Sales Count Check', rule: 'min_rows_per_day', min: 1000, severity: 'fail' },
      { name: 'Revenue Range Check', rule: 'min_revenue_per_day', min: 50000000, severity: 'warn' },
      { name: 'Null Check', rule: 'max_nulls', columns: ['product_id', 'customer_id'], max: 0, severity: 'fail' },
    ]));
    const args = ['--from', '2024-02-01', '--to', '2024-02-29', '--margin', '0.25', '--checks', checks];

    const [job] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pyspark').click()]);
    assert.equal(job.suggestedFilename(), 'dataplay_etl_job.py');
    const pyspark = readFileSync(await job.path(), 'utf8');
    assert.match(pyspark, /0\.75/, 'estimated cost at a 25% margin');
    assert.equal(pyspark, cli(['export', 'etl', '--as', 'pyspark', ...args]));

    const [script] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-postgres').click()]);
    assert.equal(script.suggestedFilename(), 'dataplay_etl.sql');
    const sql = readFileSync(await script.path(), 'utf8');
    assert.match(sql, /'2024-02-29'/);
    assert.equal(sql, cli(['export', 'etl', '--as', 'postgres', ...args]));

    // A margin the pipeline refuses: a clear error, no file, and the page goes on.
    await page.getByTestId('etl-margin').fill('150');
    await page.getByTestId('etl-margin').dispatchEvent('change');
    await page.getByTestId('export-postgres').click();
    assert.match(await page.getByTestId('error').textContent(), /margin 1\.5 is not between 0 and 1/);
    await page.getByTestId('dismiss-error').click();
    await page.getByTestId('etl-margin').fill('40');
    await page.getByTestId('etl-margin').dispatchEvent('change');
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-postgres').click()]);
    assert.match(readFileSync(await again.path(), 'utf8'), /0\.6/);
  });
});

/** What a run showed: each stage's rows out, the gate, the MERGE, the segments. */
async function outcome(page) {
  const texts = (id) => page.getByTestId(id).allTextContents();
  return {
    stages: await page.locator('[data-testid^=stage-] [data-testid=rows-out]').allTextContents(),
    checks: await texts('check-status'),
    merge: await page.locator('[data-testid^=merge-]').allTextContents(),
    segments: await page.getByTestId('chart-segments').getByTestId('bar-value').allTextContents(),
  };
}

test('a link opens the ETL with the same parameters elsewhere and the same run; an unreadable part is named', async () => {
  const change = async (id, value) => {
    await page.getByTestId(id).fill(value);
    await page.getByTestId(id).dispatchEvent('change');
  };
  let page;
  let link;
  let before;
  await withEtl(async (p) => {
    page = p;
    await page.getByTestId('etl-sample-size').selectOption('10000');
    await settle(page, () => page.getByTestId('etl-load-sample').click());
    await change('etl-margin', '35');
    await page.getByTestId('etl-mode-elt').check();
    await change('etl-labels', 'Đồng, Bạc, Vàng, Kim cương');
    await change('check-threshold-0', '5');
    await page.getByTestId('check-severity-2').selectOption('warn');
    await run(page);
    before = await outcome(page);
    await page.getByTestId('etl-table-dw:dim_customers').click();
    await page.getByTestId('etl-table-name').filter({ hasText: 'dw:dim_customers' }).waitFor();
    await page.waitForFunction(() => location.hash.includes('stage=dw:dim_customers'));
    link = page.url();
  });
  assert.ok(link.length < 2048, `${link.length} characters`);
  assert.ok(before.stages.length >= 5 && before.segments.length >= 4, JSON.stringify(before));

  // Another browser (a fresh context), the same data, the link.
  const other = await openApp(ctx.browser, link);
  page = other.page;
  try {
    await page.getByTestId('etl-sample-size').selectOption('10000');
    await settle(page, () => page.getByTestId('etl-load-sample').click());
    assert.equal(await page.getByTestId('etl-margin').inputValue(), '35');
    assert.ok(await page.getByTestId('etl-mode-elt').isChecked());
    assert.equal(await page.getByTestId('etl-labels').inputValue(), 'Đồng, Bạc, Vàng, Kim cương');
    assert.equal(await page.getByTestId('check-threshold-0').inputValue(), '5', 'the link’s threshold, not one scaled to the data');
    assert.equal(await page.getByTestId('check-severity-2').inputValue(), 'warn');
    await run(page);
    assert.deepEqual(await outcome(page), before);
    await page.getByTestId('etl-table-name').filter({ hasText: 'dw:dim_customers' }).waitFor(); // the table the link shows
    assert.deepEqual(other.problems, []);
  } finally {
    await page.close();
  }

  // An older or damaged link: what it says applies, the rest is named.
  const old = await openApp(ctx.browser, ctx.server.url, '#/etl?margin=0.3&mode=batch');
  try {
    assert.equal(await old.page.getByTestId('etl-margin').inputValue(), '30');
    assert.match(await old.page.getByTestId('etl-url-problems').textContent(), /“mode”.*“batch”/);
    assert.ok(await old.page.getByTestId('etl-mode-etl').isChecked());
  } finally {
    await old.page.close();
  }
});
