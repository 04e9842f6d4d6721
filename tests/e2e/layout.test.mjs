// The shell as a trainer uses it in a room and a student on a phone: every
// page (Data with samples loaded, ETL after a run, Lake, CAP, Glossary) in
// both languages, with and without presenter mode, at 1280×720 and 390×844,
// with no horizontal scrolling of the page and touch targets of 40 px;
// presenter mode by `p`, the button and `?present=1`; the shortcuts dialog;
// the keyboard reaching every button with a visible focus; the glossary's
// accentless search and a term's popover. Screenshots go to a temp dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useBrowser, openApp, settle } from './harness.mjs';

const ctx = useBrowser();
const shots = mkdtempSync(path.join(tmpdir(), 'dataplay-layout-'));
const VIEWPORTS = [{ width: 1280, height: 720 }, { width: 390, height: 844 }];
const PAGES = [
  ['data', '[data-testid=data-table]'],
  ['etl', '[data-testid=etl-results]'],
  ['lake', '[data-testid=lake-page]'],
  ['cap', '[data-testid=cp-panel]'],
  ['glossary', '[data-testid=glossary-page]'],
];

/** Visible elements that stick out of the viewport, not inside a box that scrolls or clips. */
function overflowing() {
  const vw = document.documentElement.clientWidth;
  const bad = [];
  if (document.documentElement.scrollWidth > vw) bad.push(`the page scrolls: ${document.documentElement.scrollWidth} > ${vw}`);
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || (r.right <= vw + 0.5 && r.left >= -0.5)) continue;
    let p = el.parentElement;
    let inBox = false;
    while (p && p !== document.body) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) { inBox = true; break; }
      p = p.parentElement;
    }
    if (!inBox) bad.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return bad.slice(0, 8);
}

/** Visible controls smaller than 40×40 px; a checkbox or radio counts by its label. */
function smallTargets() {
  const sel = 'button, a[href], select, input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=hidden]), label:has(> input[type=checkbox]), label:has(> input[type=radio])';
  return [...document.querySelectorAll(sel)].filter((el) => {
    const r = el.getBoundingClientRect();
    const min = el.tagName === 'LABEL' ? 0 : 39.5; // a label is as wide as its words
    return r.width > 0 && r.height > 0 && (r.width < min || r.height < 39.5);
  }).slice(0, 8).map((el) => `${el.tagName.toLowerCase()}[${el.dataset.testid || el.className || el.textContent.trim().slice(0, 20)}] ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);
}

/** Chart labels drawn smaller than 12 px (their font size times the view box's scale). */
function smallLabels() {
  return [...document.querySelectorAll('figure.chart svg text')].filter((t) => t.getClientRects().length).map((t) => {
    const svg = t.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale };
  }).filter((l) => l.px < 11.9).slice(0, 4).map((l) => `"${l.text}" ${l.px.toFixed(1)} px`);
}

const baseFont = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
/** Wait until the page's base font is (`big`) or is not presenter-sized. */
const presenting = (page, big) => page.waitForFunction(
  (b) => (parseFloat(getComputedStyle(document.documentElement).fontSize) >= 20) === b, big);

async function visit(page, key, ready) {
  await page.evaluate((h) => { location.hash = h; }, `#/${key}`);
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
}

test('every page fits 1280×720 and a phone, in both languages, with and without presenter mode', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/data');
  const found = [];
  try {
    await settle(page, () => page.getByTestId('sample-retail').click());
    await visit(page, 'etl', '[data-testid=etl-run]');
    await settle(page, () => page.getByTestId('etl-run').click());
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      for (const lang of ['en', 'vi']) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        for (const present of [false, true]) {
          if ((await page.getByTestId('presenter').getAttribute('aria-pressed')) !== String(present)) await page.getByTestId('presenter').click();
          await presenting(page, present);
          for (const [key, ready] of PAGES) {
            await visit(page, key, ready);
            const where = `${key} ${lang} ${viewport.width}px${present ? ' presenter' : ''}`;
            await page.screenshot({ path: path.join(shots, `${key}-${lang}-${viewport.width}${present ? '-present' : ''}.png`) });
            for (const bad of await page.evaluate(overflowing)) found.push(`${where}: wider than the viewport: ${bad}`);
            if (key === 'etl') assert.ok(await page.locator('figure.chart svg text').count() > 0, `${where}: the charts are drawn`);
            for (const bad of await page.evaluate(smallLabels)) found.push(`${where}: a chart label under 12 px: ${bad}`);
            if (present || viewport.width < 600) {
              for (const bad of await page.evaluate(smallTargets)) found.push(`${where}: a touch target under 40 px: ${bad}`);
            }
          }
        }
      }
    }
    assert.deepEqual(found, [], found.join('\n'));
    // Switching language, presenter mode and size kept the run.
    await visit(page, 'etl', '[data-testid=etl-results]');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('presenter mode: the p key, the header button and ?present=1, remembered', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/glossary');
  try {
    assert.ok((await baseFont(page)) < 20);
    await page.locator('body').focus();
    await page.keyboard.press('p');
    await presenting(page, true);
    assert.match(page.url(), /present=1/);
    await page.getByTestId('presenter').click();
    await presenting(page, false);
    await page.getByTestId('presenter').click();
    await presenting(page, true);
    await page.reload();
    await page.locator('[data-testid=engine-status].ready').waitFor();
    await presenting(page, true); // remembered
    // Not while typing.
    await page.getByTestId('glossary-search').focus();
    await page.keyboard.type('p');
    assert.equal(await page.getByTestId('glossary-search').inputValue(), 'p');
    assert.ok((await baseFont(page)) >= 20);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  const fresh = await ctx.browser.newPage();
  try {
    await fresh.goto(`${ctx.server.url}?present=1#/cap`);
    await fresh.getByTestId('presenter').waitFor();
    await presenting(fresh, true); // ?present=1
    assert.equal(await fresh.getByTestId('presenter').getAttribute('aria-pressed'), 'true');
  } finally {
    await fresh.close();
  }
});

test('? opens the shortcuts, Escape closes them, digits and / move around', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=vi#/data');
  try {
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Phím tắt/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('shortcuts-button').click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('2');
    await page.getByTestId('module-etl').waitFor();
    await page.keyboard.press('/');
    await page.getByTestId('glossary-page').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'glossary-search');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the glossary finds a term by an accentless Vietnamese query; a term opens on focus', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=vi#/glossary');
  try {
    await page.getByTestId('glossary-search').fill('nhat quan');
    const entry = page.locator('.glossary-entry[data-term=consistency]');
    await entry.waitFor();
    assert.match(await entry.textContent(), /nhất quán/);
    assert.match(page.url(), /#\/glossary\?q=nhat\+quan/);
    await page.getByTestId('glossary-search').fill('zzqxw');
    await page.getByTestId('glossary-none').waitFor();
    // A term in the ETL page's concept: its definition on keyboard focus.
    await page.evaluate(() => { location.hash = '#/etl'; });
    const term = page.locator('[data-testid=concept-etl] .term[data-term=staging]');
    await term.locator('button').focus();
    const pop = page.locator(`#${await term.locator('button').getAttribute('aria-describedby')}`);
    await pop.waitFor({ state: 'visible' });
    assert.match(await pop.textContent(), /staging/);
    await page.keyboard.press('Escape');
    await pop.waitFor({ state: 'hidden' });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('Tab reaches every button of a page, each with a visible focus', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/lake');
  try {
    await page.locator('[data-testid=lake-page] .concept').waitFor();
    const buttons = await page.evaluate(() => [...document.querySelectorAll('button')]
      .filter((b) => !b.disabled && b.getBoundingClientRect().width > 0).length);
    const reached = new Set();
    let previous = null;
    for (let i = 0; i < 600 && reached.size < buttons; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const again = Boolean(el.dataset.tabbed);
        if (!again) el.dataset.tabbed = String(Math.random());
        const s = getComputedStyle(el);
        return { again, id: el.dataset.tabbed, tag: el.tagName, what: `${el.tagName} ${el.className} ${el.dataset.testid || ''}`, button: el.tagName === 'BUTTON', outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
      });
      if (!info) continue;
      if (info.id === previous) {
        // Still inside one control: a date input's fields, or a code
        // editor, where Tab indents and Esc then Tab leaves.
        if (info.tag === 'TEXTAREA') await page.keyboard.press('Escape');
        continue;
      }
      if (info.again) break; // round the page once
      previous = info.id;
      assert.ok(info.outline, `${info.what}: the focused element shows a focus ring`);
      if (info.button) reached.add(info.id);
    }
    assert.equal(reached.size, buttons, 'every enabled button is reached by Tab');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the CAP diagram is played from the keyboard: Tab to a node, Enter crashes it', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/cap?scenario=normal&seed=1');
  try {
    await page.getByTestId('cp-verdict').waitFor({ timeout: 120_000 });
    assert.equal(await page.getByTestId('cap-clear-faults').count(), 0);
    let on = null;
    for (let i = 0; i < 300 && on !== 'cp-node-0'; i++) {
      await page.keyboard.press('Tab');
      on = await page.evaluate(() => document.activeElement?.dataset?.testid ?? null);
    }
    assert.equal(on, 'cp-node-0', 'Tab reaches the first node');
    assert.ok(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none'), 'with a focus ring');
    await page.keyboard.press('Enter');
    await page.getByTestId('cap-clear-faults').waitFor();
    assert.match(page.url(), /faults=/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
