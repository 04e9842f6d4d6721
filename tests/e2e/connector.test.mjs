// The connector panel as a user meets it on the ETL page: no connector at
// the address (the page says how to start one and keeps working), then the
// real `dataplay serve` over a SQLite source and warehouse: found through
// its health route, refused without the token, a source table previewed,
// the pipeline run on the databases and re-run with nothing to change, and
// a margin change updating every sales row. The token is never stored.
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

async function startConnector() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dataplay-connector-e2e-'));
  execFileSync(dataplay, ['db', '--db', `sqlite:${dir}/source.db`, 'seed', '--size', '3000'], { encoding: 'utf8' });
  const origin = new URL(ctx.server.url).origin;
  const proc = spawn(dataplay, ['serve', '--listen', '127.0.0.1:0', '--origin', origin,
    '--source', `sqlite:${dir}/source.db`, '--warehouse', `sqlite:${dir}/warehouse.db`],
  { env: { ...process.env, DATAPLAY_TOKEN: TOKEN }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    proc.stderr.on('data', (d) => {
      log += d;
      const m = log.match(/http:\/\/(127\.0\.0\.1:\d+)\/api/);
      if (m) resolve(`http://${m[1]}`);
    });
    proc.on('exit', (code) => reject(new Error(`dataplay serve exited (${code}): ${log}`)));
  });
  serve = { url, proc, log: () => log };
}

after(() => serve?.proc.kill());

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
