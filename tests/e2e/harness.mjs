// Shared set-up for the end-to-end tests: serve dist/ on 127.0.0.1, start
// Debian's Chromium headless through playwright-core, and open the page with
// every console error and page error recorded (a test fails on any).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');

export async function serveDist(dist = path.join(root, 'dist')) {
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ is missing: run `make dist` first');
  const proc = spawn('python3', [path.join(root, 'scripts', 'serve.py'), dist, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve(m[0]);
    });
    proc.on('exit', (code) => reject(new Error(`static server exited (${code})`)));
  });
  return { url, close: () => proc.kill() };
}

/** Serve dist/ and start Chromium once per test file; `ctx.server.url`, `ctx.browser`. */
export function useBrowser() {
  const ctx = {};
  before(async () => {
    ctx.server = await serveDist();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.server?.close();
  });
  return ctx;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Open the app; `problems` collects console errors and uncaught page errors. */
export async function openApp(browser, url, query = '') {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(url + query);
  await page.locator('[data-testid=engine-status].ready').waitFor({ timeout: 60_000 });
  return { page, problems };
}

export async function rowCount(page) {
  return Number((await page.getByTestId('row-count').textContent()).trim());
}

export async function waitIdle(page) {
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 120_000 });
}

/** How many engine requests the page has seen finish (the header's `data-finished`). */
export async function finished(page) {
  return Number(await page.getByTestId('engine-status').getAttribute('data-finished'));
}

/**
 * Do `action` (a click, an upload) and wait until the request it starts has
 * finished — answered, failed or lost — and the page is idle: a state, not
 * a time, so a slow machine waits longer and a fast one never races ahead.
 * Call it with the page idle (the count is of any request), for an action
 * that starts a request (one that does not would wait until the timeout).
 */
export async function settle(page, action, timeout = 300_000) {
  const before = await finished(page);
  await action();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="engine-status"]').dataset.finished) > n,
    before, { timeout });
  await waitIdle(page);
}

/** Upload files given as { name, buffer } through the file input. */
export async function upload(page, files) {
  await settle(page, () => page.getByTestId('file-input').setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.buffer) }))));
}

/** Files written by the native CLI (`dataplay sample`), for Parquet uploads. */
export function cliSample(args) {
  const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
  const bin = path.join(target, 'debug', 'dataplay');
  const out = mkdtempSync(path.join(tmpdir(), 'dataplay-e2e-'));
  if (existsSync(bin)) {
    execFileSync(bin, ['sample', '--out', out, ...args]);
  } else {
    execFileSync('cargo', ['run', '-q', '-p', 'dataplay-cli', '--', 'sample', '--out', out, ...args], { cwd: root });
  }
  return out;
}

export async function tableRows(page) {
  return page.getByTestId('data-table').locator('tr').count();
}

export async function cell(page, row, col) {
  return (await page.getByTestId('data-table').locator('tr').nth(row).locator('td').nth(col + 1).textContent()).trim();
}
