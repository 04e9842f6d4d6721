// The playground offline: after a first visit the page comes back and works
// with the server gone (the service worker keeps the page, its words and
// both wasm files), and a new build replaces the old cache cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, appendFileSync, readFileSync, utimesSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, serveDist, openApp, settle, root } from './harness.mjs';

/** The page controlled by the service worker, its cache complete. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  return page.evaluate(() => caches.keys());
}

test('after one visit the playground loads and works with the server gone', async () => {
  const server = await serveDist();
  const browser = await launch();
  try {
    const { page, problems } = await openApp(browser, server.url, '?lang=vi');
    const caches = await controlled(page);
    assert.equal(caches.length, 1, caches.join());
    server.close();
    // The server is gone: a request the worker does not answer fails.
    await page.waitForFunction(() => fetch('./not-cached', { cache: 'no-store' }).then(() => false, () => true),
      null, { polling: 250 });
    await page.reload();
    await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
    await page.getByText('Hồ & kho dữ liệu').first().waitFor(); // the Vietnamese words came from the cache
    await settle(page, () => page.getByTestId('sample-retail').click());
    assert.ok(await page.getByTestId('dataset-transactions').count(), 'the engine works offline');
    // A page the browser never fetched online (another query) is the same app.
    await page.goto(server.url + '?lang=en');
    await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
    assert.deepEqual(problems.filter((p) => !p.includes('Failed to load resource')), []);
  } finally {
    await browser.close();
    server.close();
  }
});

test('a new build replaces the cached one on the next visits', async () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'dataplay-dist-'));
  cpSync(path.join(root, 'dist'), dist, { recursive: true });
  const server = await serveDist(dist);
  const browser = await launch();
  try {
    const { page } = await openApp(browser, server.url, '?lang=en');
    const [first] = await controlled(page);

    // A new build: a file changes, and with it the worker's version.
    // (Written a minute later, as a real build is: the server's
    // Last-Modified tells the browser's HTTP cache it changed.)
    const sheet = path.join(dist, 'style.css');
    appendFileSync(sheet, '\n/* build 2 */\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(sheet, later, later);
    execFileSync('python3', [path.join(root, 'scripts', 'offline.py'), dist]);
    const version = readFileSync(path.join(dist, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)"/)[1];
    assert.notEqual(`dataplay-${version}`, first);

    await page.reload(); // the browser sees the new sw.js, installs it, and it takes over
    await page.evaluate(async (v) => {
      // Each step of the new worker (found, installed, activated: the old
      // cache deleted) until the only cache is the new build's.
      const reg = await navigator.serviceWorker.getRegistration();
      for (;;) {
        const keys = await caches.keys();
        if (keys.length === 1 && keys[0] === `dataplay-${v}`) return;
        const busy = reg.installing || reg.waiting || (reg.active?.state === 'activated' ? null : reg.active);
        await new Promise((r) => (busy ?? reg).addEventListener(busy ? 'statechange' : 'updatefound', r, { once: true }));
      }
    }, version);
    await page.reload();
    await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
    const css = await page.evaluate(() => fetch('./style.css').then((r) => r.text()));
    assert.match(css, /build 2/, 'the page is served from the new build');
  } finally {
    await browser.close();
    server.close();
    rmSync(dist, { recursive: true, force: true });
  }
});
