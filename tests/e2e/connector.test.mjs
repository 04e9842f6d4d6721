// The connector panel as a user meets it on the ETL page: no connector at
// the address (the page says how to start one and keeps working), then the
// real `dataplay serve` over a SQLite source and warehouse: found through
// its health route, refused without the token, a source table previewed,
// the pipeline run on the databases and re-run with nothing to change, and
// a margin change updating every sales row. The token is never stored.
// On the lake page: a connector without a lake says so; one serving a lake
// directory lists it by zone and answers SQL with the files it pruned and
// the rows `dataplay lake sql` prints for the same query.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { useBrowser, openApp, root } from './harness.mjs';

const ctx = useBrowser();
const TOKEN = 'e2e-connector-token-0123456789';
const dataplay = path.join(process.env.CARGO_TARGET_DIR || path.join(root, 'target'), 'debug', 'dataplay');
let serve;

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

const started = [];

/// `dataplay serve` on a free port with `args` (and the test's token); its
/// address is read from its log line.
async function serveWith(args) {
  const origin = new URL(ctx.server.url).origin;
  const proc = spawn(dataplay, ['serve', '--listen', '127.0.0.1:0', '--origin', origin, ...args],
    { env: { ...process.env, DATAPLAY_TOKEN: TOKEN }, stdio: ['ignore', 'ignore', 'pipe'] });
  started.push(proc);
  let log = '';
  const url = await new Promise((resolve, reject) => {
    proc.stderr.on('data', (d) => {
      log += d;
      const m = log.match(/http:\/\/(127\.0\.0\.1:\d+)\/api/);
      if (m) resolve(`http://${m[1]}`);
    });
    proc.on('exit', (code) => reject(new Error(`dataplay serve exited (${code}): ${log}`)));
  });
  return { url, proc, log: () => log };
}

async function startConnector() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dataplay-connector-e2e-'));
  execFileSync(dataplay, ['db', '--db', `sqlite:${dir}/source.db`, 'seed', '--size', '3000'], { encoding: 'utf8' });
  serve = await serveWith(['--source', `sqlite:${dir}/source.db`, '--warehouse', `sqlite:${dir}/warehouse.db`]);
}

after(() => started.forEach((p) => p.kill()));

async function connect(page, url) {
  await page.getByTestId('connector-address').fill(url);
  await page.getByTestId('connector-address').dispatchEvent('change');
  await page.getByTestId('connector-check').click();
  await page.getByTestId('connector-status').filter({ hasText: 'Connected' }).waitFor();
}

test('the ETL page finds the connector and runs the pipeline on the databases', async () => {
  await startConnector();
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '#/etl');
  try {
    const status = page.getByTestId('connector-status');
    await page.getByTestId('connector').waitFor();
    assert.match(await status.textContent(), /Not looked for yet/);

    // Nothing listens at this address: the page says so and works on.
    const dead = `http://127.0.0.1:${await freePort()}`;
    await page.getByTestId('connector-address').fill(dead);
    await page.getByTestId('connector-address').dispatchEvent('change');
    await page.getByTestId('connector-check').click();
    await status.filter({ hasText: 'Not running' }).waitFor();
    assert.match(await status.textContent(), /dataplay serve/);

    // The real connector.
    await page.getByTestId('connector-address').fill(serve.url);
    await page.getByTestId('connector-address').dispatchEvent('change');
    await page.getByTestId('connector-check').click();
    await status.filter({ hasText: 'Connected' }).waitFor();
    assert.match(await status.textContent(), /source sqlite, warehouse sqlite, lake none/);

    // Without the token nothing is sent (the server's 401 is the connector's own test).
    await page.getByTestId('connector-needs-token').waitFor();
    assert.ok(await page.getByTestId('connector-run').isDisabled());
    assert.ok(await page.getByTestId('connector-preview').isDisabled());

    // A small sample: the seed's per-day thresholds would stop the run.
    await page.getByTestId('etl-run-checks').uncheck();
    await page.getByTestId('connector-token').fill(TOKEN);
    await page.getByTestId('connector-token').dispatchEvent('change');
    await page.getByTestId('connector-table').selectOption('transactions');
    await page.getByTestId('connector-preview').click();
    const preview = page.getByTestId('connector-preview-rows');
    await preview.waitFor();
    assert.equal(await preview.locator('tr').count(), 11, 'a header and ten rows');
    assert.match(await preview.locator('tr').first().textContent(), /transaction_id/);

    const merged = async (table, what) =>
      Number((await page.getByTestId(`connector-merge-${table}`).getByTestId(what).textContent()).trim());
    const runOnce = async () => {
      await page.getByTestId('connector-run').click();
      // The buttons are disabled while a call is out.
      await page.waitForFunction(() => !document.querySelector('[data-testid=connector-run]').disabled, null, { timeout: 120_000 });
      const error = page.getByTestId('connector-error');
      if (await error.count()) assert.fail(`the connector said: ${await error.textContent()}`);
      await page.getByTestId('connector-merge-fact_sales').waitFor();
    };
    await runOnce();
    const inserted = await merged('fact_sales', 'inserted');
    assert.ok(inserted > 0, `inserted ${inserted}`);
    assert.ok(await merged('dim_customers', 'inserted') > 0);

    await runOnce();
    await page.getByTestId('connector-merge-fact_sales').getByTestId('unchanged').filter({ hasText: String(inserted) }).waitFor();
    assert.equal(await merged('fact_sales', 'inserted'), 0);
    assert.equal(await merged('fact_sales', 'updated'), 0);

    // A new margin changes every sales row's cost and profit.
    await page.getByTestId('etl-margin').fill('35');
    await page.getByTestId('etl-margin').dispatchEvent('change');
    await runOnce();
    await page.getByTestId('connector-merge-fact_sales').getByTestId('updated').filter({ hasText: String(inserted) }).waitFor();

    // The token is nowhere in the page's storage; the address is remembered.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.ok(!stored.includes(TOKEN), stored);
    assert.ok(stored.includes(serve.url), stored);
    assert.ok(!serve.log().includes(TOKEN), 'the connector never logs the token');

    // The one expected console error: the refused connection to the dead address.
    const unexpected = problems.filter((p) => !p.includes('ERR_CONNECTION_REFUSED'));
    assert.deepEqual(unexpected, []);
  } finally {
    await page.close();
  }
});

test('the lake page lists and queries the connector\'s lake', async () => {
  const bare = await serveWith(['--warehouse', `sqlite:${mkdtempSync(path.join(tmpdir(), 'dataplay-nolake-'))}/wh.db`]);
  const lakeDir = mkdtempSync(path.join(tmpdir(), 'dataplay-lake-e2e-'));
  execFileSync(dataplay, ['lake', '--lake', lakeDir, 'sample', '--events', '3000'], { encoding: 'utf8' });
  const withLake = await serveWith(['--warehouse', `sqlite:${lakeDir}/wh.db`, '--lake', lakeDir]);
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '#/lake');
  try {
    const panel = page.getByTestId('lake-connector');
    await panel.waitFor();

    // A connector without a lake says how to give it one.
    await connect(page, bare.url);
    assert.match(await page.getByTestId('connector-status').textContent(), /lake none/);
    await panel.getByTestId('lake-connector-none').waitFor();
    assert.equal(await panel.getByTestId('lake-connector-list').count(), 0);

    await connect(page, withLake.url);
    assert.match(await page.getByTestId('connector-status').textContent(), /lake directory/);
    assert.ok(await panel.getByTestId('lake-connector-list').isDisabled(), 'no token, no call');
    await page.getByTestId('connector-token').fill(TOKEN);
    await page.getByTestId('connector-token').dispatchEvent('change');

    // The raw zone only, grouped by dataset, the same files the CLI lists.
    await panel.getByTestId('lake-connector-zone').selectOption('raw');
    await panel.getByTestId('lake-connector-list').click();
    await panel.getByTestId('lake-connector-summary').waitFor();
    const listed = execFileSync(dataplay, ['lake', '--lake', lakeDir, 'ls', 'raw'], { encoding: 'utf8' }).trim().split('\n');
    assert.match(await panel.getByTestId('lake-connector-summary').textContent(), new RegExp(`^${listed.length} files, `));
    const datasets = await panel.getByTestId('lake-dataset').allTextContents();
    assert.ok(datasets.length >= 2 && datasets.every((d) => d.startsWith('raw/')), datasets.join(' | '));
    assert.ok(datasets.some((d) => d.startsWith('raw/user_interactions/ — 31 files')), datasets.join(' | '));

    // SQL where the files are: pruned by the partition filter, the CLI's rows.
    const sql = 'SELECT event_type, COUNT(*) AS n FROM user_interactions WHERE day BETWEEN 1 AND 7 GROUP BY event_type ORDER BY n DESC, event_type';
    await panel.getByTestId('lake-connector-sql').fill(sql);
    await panel.getByTestId('lake-connector-run').click();
    await panel.getByTestId('lake-connector-result').waitFor();
    assert.match(await panel.getByTestId('lake-scan').first().textContent(), /user_interactions: 7 files scanned, 24 skipped by day BETWEEN 1 AND 7/);
    const cells = await panel.getByTestId('lake-connector-result').locator('tr').evaluateAll(
      (rows) => rows.map((r) => [...r.children].map((c) => c.textContent).join(',')));
    const csv = execFileSync(dataplay, ['lake', '--lake', lakeDir, 'sql', sql], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(cells, csv);
    assert.equal(await panel.getByTestId('lake-connector-rows').textContent(), `${csv.length - 1} rows`);

    // The seed's Athena query names a column the table lacks: the connector says which it has.
    await panel.getByTestId('lake-connector-sql').fill('SELECT upload_date FROM video_metadata');
    await panel.getByTestId('lake-connector-run').click();
    await page.getByTestId('connector-error').waitFor();
    assert.match(await page.getByTestId('connector-error').textContent(), /422.*upload_timestamp/s);

    // A big answer is its first 1,000 rows, and says how many there were.
    await panel.getByTestId('lake-connector-sql').fill('SELECT * FROM user_interactions');
    await panel.getByTestId('lake-connector-run').click();
    await panel.getByTestId('lake-connector-rows').filter({ hasText: 'first 1000 shown' }).waitFor();
    assert.match(await panel.getByTestId('lake-connector-rows').textContent(), /^3000 rows \(the first 1000 shown\)$/);
    assert.equal(await panel.getByTestId('lake-connector-result').locator('tr').count(), 1001);
    assert.equal(await page.getByTestId('connector-error').count(), 0, 'a good answer clears the error');
    assert.ok(!withLake.log().includes(TOKEN));
    // The one expected console error: the browser's note of the 422.
    assert.deepEqual(problems.filter((p) => !p.includes('status of 422')), []);
  } finally {
    await page.close();
  }
});
