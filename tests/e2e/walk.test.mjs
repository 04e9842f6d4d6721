// Every page and state in Vietnamese, then in English: in `vi` no visible
// text may still be an English message of the catalogs (nor hold one of
// their English phrases), in `en` no visible text may be Vietnamese. The
// catalogs are read from locales/ here, so a message added in English only
// is caught too. Data values (table cells, SQL, file names) are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openApp, root, settle, upload } from './harness.mjs';

const ctx = useBrowser();

/** A catalog's messages: id → the value's text with every placeable (`{ … }`, selects included) cut out. */
function catalog(lang) {
  const dir = path.join(root, 'locales', lang);
  const messages = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    let id = null;
    let value = '';
    const flush = () => { if (id) messages.set(id, value); id = null; value = ''; };
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const m = line.match(/^([a-z][a-z0-9_-]*)\s*=\s?(.*)$/i);
      if (m) { flush(); [, id, value] = m; continue; }
      if (id && /^\s+\S/.test(line) && !/^\s*\./.test(line)) value += '\n' + line.trim();
      else if (!/^\s*$/.test(line)) flush();
    }
    flush();
  }
  const parts = new Map();
  for (const [id, value] of messages) {
    // Cut out balanced placeables; what is left is the message's own words.
    let depth = 0;
    let text = '';
    for (const ch of value) {
      if (ch === '{') depth += 1;
      else if (ch === '}') { depth -= 1; text += '\u0000'; } else if (depth === 0) text += ch;
    }
    parts.set(id, { whole: depth === 0 && !value.includes('{') ? value.trim() : null, pieces: text.split('\u0000').map((p) => p.trim()) });
  }
  return parts;
}

/** What in English must not show in Vietnamese: whole messages, and phrases of 3+ words. */
function englishOnly() {
  const en = catalog('en');
  const vi = catalog('vi');
  const viText = [...vi.values()].map((m) => [m.whole ?? '', ...m.pieces].join(' ')).join('\n');
  const whole = new Set();
  const phrases = new Set();
  for (const [id, m] of en) {
    const same = vi.get(id);
    if (m.whole && m.whole !== same?.whole && /[a-z]{3}/i.test(m.whole) && !viText.includes(m.whole)) whole.add(m.whole);
    for (const piece of m.pieces) {
      const clean = piece.replace(/^[^A-Za-z]+|[^A-Za-z)]+$/g, '');
      if (clean.split(/\s+/).filter((w) => /[a-z]{2}/i.test(w)).length >= 3 && !viText.includes(clean)) phrases.add(clean);
    }
  }
  return { whole, phrases: [...phrases] };
}

/** Visible text nodes of the page, data left out (tables of data, code, editors, file names). */
async function visibleTexts(page) {
  return page.evaluate(() => {
    const skip = '[data-testid=data-table], pre, code, textarea, .sql, [data-data], .lang-switch, script, style';
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.replace(/\s+/g, ' ').trim();
      if (!text || !/\p{L}/u.test(text)) continue;
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      // Words marked as another language (the switch's "Tiếng Việt").
      if (el.closest('[lang]') !== document.documentElement) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue;
      if (el.closest('details:not([open])') && !el.closest('summary')) continue;
      out.push(text);
    }
    return out;
  });
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/** Check what the page shows now; `where` names the state in the failure. */
async function check(page, lang, where, english, found) {
  for (const text of await visibleTexts(page)) {
    if (lang === 'vi') {
      if (english.whole.has(text)) found.push(`${where}: "${text}"`);
      const phrase = english.phrases.find((p) => text.includes(p));
      if (phrase) found.push(`${where}: "${phrase}" in "${text}"`);
    } else if (VIETNAMESE.test(text)) {
      found.push(`${where}: "${text}"`);
    }
  }
}

/** Walk every page and state in `lang`; returns what was found out of place. */
async function walk(lang) {
  const english = englishOnly();
  const found = [];
  const context = await ctx.browser.newContext({ locale: lang === 'vi' ? 'vi-VN' : 'en-US' });
  const { page, problems } = await openApp(context, ctx.server.url, `?lang=${lang}`);
  const at = (where) => check(page, lang, where, english, found);
  const go = async (hash) => { await page.evaluate((h) => { location.hash = h; }, hash); };
  try {
    await at('data, empty');
    // Each kind of bad file, one at a time.
    for (const [name, buffer] of [
      ['empty.csv', ''], ['ragged.csv', 'a,b\n1,2\n3,4,5\n'], ['broken.json', '[{"a": 1},\n {"a": 2,}]'],
      // Russian in Windows-1251: a code page the page does not read.
      ['cyrillic.csv', Buffer.from('e8ecff2ce3eef0eee40ac0ebe5eaf1e5e92ccceef1eae2e00acce0f0e8ff2cd1e0edeaf22dcfe5f2e5f0e1f3f0e30ac8e2e0ed2ccdeee2eef1e8e1e8f0f1ea0a', 'hex')],
      ['cut.parquet', Buffer.from('PAR1 this is not really parquet')],
    ]) {
      await upload(page, [{ name, buffer }]);
      await page.getByTestId('error').first().waitFor();
      await at(`data, error of ${name}`);
      await page.getByTestId('dismiss-error').first().click();
    }
    await settle(page, () => page.getByTestId('sample-retail').click());
    await at('data, retail sample');
    await settle(page, () => page.getByTestId('sample-media').click());
    await at('data, media sample');

    await go('#/etl');
    await page.getByTestId('etl-run').waitFor();
    await at('etl, before a run');
    await settle(page, () => page.getByTestId('etl-run').click());
    await page.getByTestId('etl-results').waitFor();
    await at('etl, after an ETL run');
    await page.getByTestId('etl-mode-elt').check();
    await settle(page, () => page.getByTestId('etl-run').click());
    await page.getByTestId('etl-results').waitFor();
    await at('etl, after an ELT run');
    // The course's 1 000 rows a day stops a run over the 10 000-item sample.
    await page.getByTestId('check-threshold-0').fill('1000');
    await page.getByTestId('check-threshold-0').dispatchEvent('change');
    await settle(page, () => page.getByTestId('etl-run').click());
    await page.getByTestId('etl-failed').waitFor();
    await at('etl, a failing gate');

    await go('#/lake');
    await page.getByTestId('lake-load-sample').waitFor();
    await at('lake, empty');
    await page.getByTestId('sql-target-warehouse').click();
    await settle(page, () => page.getByTestId('sql-run').click());
    await at('lake, the warehouse script before the jobs');
    await page.getByTestId('lake-events').selectOption('3000');
    await settle(page, () => page.getByTestId('lake-load-sample').click());
    await at('lake, sample loaded');
    for (const run of await page.getByTestId('glue-run').all()) {
      await settle(page, () => run.click());
    }
    await at('lake, after the jobs');
    await settle(page, () => page.getByTestId('sql-run').click());
    await at('lake, the warehouse script');
    await page.getByTestId('sql-target-lake').click();
    await page.getByTestId('sql-editor').fill('SELECT no_such_column FROM user_interactions');
    await settle(page, () => page.getByTestId('sql-run').click());
    await page.getByTestId('sql-failure').waitFor();
    await at('lake, a failed query');

    await go('#/cap');
    await page.getByTestId('ap-verdict').waitFor({ timeout: 120_000 });
    const scenarios = await page.getByTestId('cap-scenario').locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(scenarios.length >= 4, scenarios.join());
    for (const scenario of scenarios) {
      await page.getByTestId('cap-scenario').selectOption(scenario);
      await page.locator(`[data-testid=cap-page][data-scenario="${scenario}"] [data-testid=ap-verdict]`).waitFor({ timeout: 120_000 });
      await page.waitForFunction((s) => location.hash.includes(`scenario=${s}`), scenario);
      await at(`cap, ${scenario}`);
    }
    await go('#/cap?scenario=nope&faults=garbage');
    await page.getByTestId('cap-unknown-scenario').waitFor({ timeout: 120_000 });
    await at('cap, an unknown scenario and unreadable faults');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  return found;
}

test('in Vietnamese, no page or state shows an English message of the catalogs', async () => {
  const found = await walk('vi');
  assert.deepEqual(found, [], `English left in the Vietnamese page:\n${found.join('\n')}`);
});

test('in English, no page or state shows Vietnamese', async () => {
  const found = await walk('en');
  assert.deepEqual(found, [], `Vietnamese in the English page:\n${found.join('\n')}`);
});
