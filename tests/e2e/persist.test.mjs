// The workspace survives: uploaded files and samples come back after a
// reload and after the browser is closed and opened again (same profile),
// a removed table stays removed, "reset workspace" forgets everything, and
// a browser that refuses to store a file (its quota) keeps the table for
// the visit, says so, and loses nothing stored before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { useBrowser, openApp, settle, upload, waitIdle, cell } from './harness.mjs';

const ctx = useBrowser();

const csv = 'id,city,amount\n1,Hà Nội,10.5\n2,Huế,7\n3,Đà Nẵng,\n';
const csvB = 'sku;qty\nA-1;3\nB-2;4\n';

/** Every table the Data page lists: name, rows, and its first rows as shown. */
async function snapshot(page) {
  const tabs = page.getByTestId('datasets').locator('.tab-name');
  const names = await tabs.evaluateAll((els) => els.map((e) => e.dataset.testid.replace(/^dataset-/, '')));
  const tables = {};
  for (const name of names) {
    await page.getByTestId(`dataset-${name}`).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid=dataset-name]')?.textContent === n, name);
    await page.getByTestId('data-table').locator('tbody tr').first().waitFor();
    const rows = Number(await page.getByTestId('row-count').textContent());
    const first = [];
    for (let r = 0; r < Math.min(rows, 3); r++) {
      first.push([await cell(page, r, 0), await cell(page, r, 1)]);
    }
    tables[name] = { rows, first };
  }
  return tables;
}

/** Wait until the store holds `files` uploaded files and is not writing. */
async function stored(page, files) {
  await page.locator(`[data-testid=workspace][data-files="${files}"][data-saving=false]`).waitFor();
}

/** The page after a reload: ready, the kept workspace restored. */
async function restored(page, names) {
  await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
  for (const name of names) await page.getByTestId(`dataset-${name}`).waitFor({ timeout: 120_000 });
  await waitIdle(page);
}

test('uploads and samples come back after a reload; a removed table stays removed; reset forgets all', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en');
  try {
    await page.getByTestId('workspace').and(page.locator('[data-kept=true]')).waitFor();
    await upload(page, [{ name: 'cities.csv', buffer: csv }, { name: 'stock.csv', buffer: csvB }]);
    await page.getByTestId('sample-size').selectOption('1000');
    await settle(page, () => page.getByTestId('sample-retail').click());
    const before = await snapshot(page);
    await stored(page, 2);
    assert.ok(before.cities && before.stock && before.transactions, Object.keys(before).join());
    assert.equal(before.cities.rows, 3);
    await page.getByTestId('dataset-stock').click();
    await page.waitForFunction(() => location.hash === '#/data?table=stock');

    await page.reload();
    await restored(page, Object.keys(before));
    await page.waitForFunction(() => document.querySelector('[data-testid=dataset-name]')?.textContent === 'stock',
      null, { timeout: 10_000 }); // the link shows the table it names
    assert.deepEqual(await snapshot(page), before, 'the same tables after a reload');

    await page.getByTestId('remove-stock').click();
    await page.getByTestId('dataset-stock').waitFor({ state: 'detached' });
    await stored(page, 1);
    await page.reload();
    await restored(page, ['cities', 'transactions']);
    assert.equal(await page.getByTestId('dataset-stock').count(), 0, 'a removed table is not brought back');

    await page.getByTestId('workspace-reset').click();
    await page.getByTestId('workspace-reset-confirm').click();
    await page.getByTestId('empty').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
    await page.getByTestId('workspace').and(page.locator('[data-kept=true]')).waitFor();
    assert.equal(await page.getByTestId('datasets').count(), 0, 'nothing comes back after a reset');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the workspace survives closing the browser and opening it again', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'dataplay-profile-'));
  const open = () => chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  let browser;
  try {
    browser = await open();
    let page = browser.pages()[0] ?? await browser.newPage();
    await page.goto(ctx.server.url + '?lang=en');
    await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
    await upload(page, [{ name: 'cities.csv', buffer: csv }]);
    const before = await snapshot(page);
    await stored(page, 1);
    await browser.close();

    browser = await open();
    page = browser.pages()[0] ?? await browser.newPage();
    await page.goto(ctx.server.url + '?lang=en');
    await restored(page, ['cities']);
    assert.deepEqual(await snapshot(page), before);
  } finally {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a file the browser will not store stays loaded for the visit, is named, and nothing stored is lost', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en');
  try {
    await upload(page, [{ name: 'cities.csv', buffer: csv }]);
    await stored(page, 1);
    // The browser's quota cannot be filled here in reasonable time: its
    // refusal is what the page sees, so stand in for it at the API.
    await page.evaluate(() => {
      const real = FileSystemFileHandle.prototype.createWritable;
      FileSystemFileHandle.prototype.createWritable = function (...args) {
        if (this.name !== 'manifest.json') {
          return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
        }
        return real.apply(this, args);
      };
    });
    await upload(page, [{ name: 'stock.csv', buffer: csvB }]);
    const notice = page.locator('[data-testid=error][data-place=page]');
    await notice.getByText(/stock\.csv is loaded, but this browser would not keep it .*QuotaExceededError/).waitFor();
    assert.equal(await page.getByTestId('dataset-name').textContent(), 'stock', 'the table is there for this visit');

    await page.reload();
    await restored(page, ['cities']);
    assert.equal(await page.getByTestId('dataset-stock').count(), 0, 'the refused file is not in the store');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

/** The lake's files, as the Lake page lists them. */
async function lakeFiles(page) {
  await page.getByTestId('lake-tree').waitFor({ timeout: 60_000 });
  return (await page.getByTestId('lake-file').allTextContents()).sort();
}

/** Go to the Data page and wait until every change to the lake is kept. */
async function lakeKept(page) {
  await page.evaluate(() => { location.hash = '#/data'; });
  await page.locator('[data-testid=workspace][data-lake-kept=true][data-saving=false]').waitFor({ timeout: 60_000 });
}

test('the lake and both warehouses survive a reload and an engine restart', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en');
  try {
    await page.getByTestId('sample-size').selectOption('1000');
    await settle(page, () => page.getByTestId('sample-retail').click());
    await page.evaluate(() => { location.hash = '#/etl'; });
    await settle(page, () => page.getByTestId('etl-run').click());
    const facts = Number(await page.getByTestId('merge-fact_sales').getByTestId('inserted').textContent());
    assert.ok(facts > 0);

    await page.evaluate(() => { location.hash = '#/lake'; });
    await page.getByTestId('lake-events').selectOption('3000');
    await settle(page, () => page.getByTestId('lake-load-sample').click());
    await settle(page, () => page.getByTestId('glue-run').first().click());
    await page.getByTestId('sql-target-warehouse').check();
    await page.getByTestId('sql-editor').fill('CREATE TABLE kept_here (id INTEGER NOT NULL, name VARCHAR(20));');
    await settle(page, () => page.getByTestId('sql-run').click());
    await page.getByTestId('declared-kept_here').waitFor();
    const before = await lakeFiles(page);
    assert.ok(before.some((f) => f.startsWith('curated/')), 'the job wrote to the curated zone');
    await lakeKept(page);

    await page.reload();
    await restored(page, ['transactions']);
    await page.evaluate(() => { location.hash = '#/lake'; });
    await page.getByTestId('declared-kept_here').waitFor({ timeout: 60_000 });
    assert.deepEqual(await lakeFiles(page), before, 'the same lake after a reload');

    // The ETL's warehouse came back: the same run again changes nothing.
    await page.evaluate(() => { location.hash = '#/etl'; });
    await settle(page, () => page.getByTestId('etl-run').click());
    const merged = page.getByTestId('merge-fact_sales');
    assert.equal(Number(await merged.getByTestId('unchanged').textContent()), facts);
    assert.equal(Number(await merged.getByTestId('inserted').textContent()), 0);
    await lakeKept(page);

    // A cancel replaces the engine: the new one gets the lake back.
    await page.getByTestId('sample-size').selectOption('1000000');
    await page.getByTestId('sample-retail').click();
    await page.getByTestId('cancel').click();
    await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
    await waitIdle(page);
    await page.evaluate(() => { location.hash = '#/lake'; });
    await page.getByTestId('declared-kept_here').waitFor({ timeout: 60_000 });
    assert.deepEqual(await lakeFiles(page), before, 'the same lake after a restart');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a whole workspace exports as one file that another browser imports to the same state; a damaged one is refused', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en');
  let other;
  try {
    await upload(page, [{ name: 'cities.csv', buffer: csv }]);
    await page.getByTestId('sample-size').selectOption('1000');
    await settle(page, () => page.getByTestId('sample-retail').click());
    await page.evaluate(() => { location.hash = '#/etl?v=1&margin=0.35'; });
    await settle(page, () => page.getByTestId('etl-run').click());
    const facts = Number(await page.getByTestId('merge-fact_sales').getByTestId('inserted').textContent());
    await page.evaluate(() => { location.hash = '#/lake'; });
    await page.getByTestId('lake-events').selectOption('3000');
    await settle(page, () => page.getByTestId('lake-load-sample').click());
    await settle(page, () => page.getByTestId('glue-run').first().click());
    const lake = await lakeFiles(page);
    await lakeKept(page);
    const tables = await snapshot(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workspace-export').click()]);
    assert.match(download.suggestedFilename(), /^dataplay-workspace-\d{4}-\d\d-\d\d\.dataplay$/);
    const file = await download.path();

    ({ page: other } = await openApp(ctx.browser, ctx.server.url, '?lang=en'));
    const otherProblems = [];
    other.on('pageerror', (e) => otherProblems.push(e.message));
    // Damaged (cut short): refused by name, nothing replaced.
    const bytes = readFileSync(file);
    await upload(other, [{ name: 'mine.csv', buffer: 'a\n1\n' }]);
    await stored(other, 1);
    await other.getByTestId('workspace-import').setInputFiles({ name: 'cut.dataplay', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, bytes.length - 100) });
    await other.getByTestId('workspace-import-confirm').click();
    await other.locator('[data-testid=error][data-place=page]').getByText(/cut\.dataplay was not imported: not a dataplay workspace file.*Your workspace is as it was/).waitFor();
    assert.equal(await other.getByTestId('dataset-name').textContent(), 'mine');

    await other.getByTestId('workspace-import').setInputFiles(file);
    await other.getByTestId('workspace-import-confirm').click();
    await restored(other, Object.keys(tables));
    assert.deepEqual(await snapshot(other), tables, 'the same tables');
    assert.equal(await other.getByTestId('dataset-mine').count(), 0, 'the import replaced the workspace');
    await other.locator('.nav-link', { hasText: 'Lake' }).click();
    assert.deepEqual(await lakeFiles(other), lake, 'the same lake');
    await other.locator('.nav-link', { hasText: 'ETL' }).click();
    assert.equal(await other.getByTestId('etl-margin').inputValue(), '35', 'the ETL parameters came with it');
    await settle(other, () => other.getByTestId('etl-run').click());
    assert.equal(Number(await other.getByTestId('merge-fact_sales').getByTestId('unchanged').textContent()), facts, 'the same warehouse');
    assert.deepEqual(problems, []);
    assert.deepEqual(otherProblems, []);
  } finally {
    await other?.close();
    await page.close();
  }
});
