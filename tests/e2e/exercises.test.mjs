// The built-in exercises as a learner does them: start each from the
// exercises page (its data and its page come up), try a wrong answer and
// read what Check says (nothing of the answer given away), then the right
// one. The reference SQL is the fixture the native test derives the
// fingerprints from (tests/exercises/solutions.json, not in the build).
// Then a trainer's own set from a file, a damaged one, and the answers
// exported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openApp, settle, waitIdle, root } from './harness.mjs';

const ctx = useBrowser();
const solutions = JSON.parse(readFileSync(path.join(root, 'tests/exercises/solutions.json'), 'utf8'));
const builtin = JSON.parse(readFileSync(path.join(root, 'static/exercises/builtin.json'), 'utf8'));

/** Start an exercise; `replacing`: the lake has files, so the page asks first. */
async function start(page, id, replacing = false) {
  await page.evaluate(() => { location.hash = '#/exercises'; });
  const card = page.getByTestId(`exercise-${id}`);
  await card.waitFor();
  await card.getByTestId('exercise-start').click();
  if (replacing) {
    assert.match(await card.getByTestId('exercise-start-ask').textContent(), /files in the lake now .* are replaced/);
    await card.getByTestId('exercise-start-confirm').click();
  }
  await page.locator(`[data-testid=exercise-bar][data-exercise="${id}"]`).waitFor();
  await waitIdle(page);
}

/** Press Check; the feedback's text once it is not "Checking…". */
async function check(page, solved) {
  await page.getByTestId('exercise-check').click();
  const box = page.locator(`[data-testid=exercise-feedback][data-solved="${solved}"]`);
  await box.waitFor();
  await page.waitForFunction(() => !/Checking/.test(document.querySelector('[data-testid=exercise-feedback]').textContent));
  return box.textContent();
}

async function change(page, id, value) {
  await page.getByTestId(id).fill(value);
  await page.getByTestId(id).dispatchEvent('change');
}

const runEtl = (page) => settle(page, () => page.getByTestId('etl-run').click());

async function sql(page, text) {
  await page.getByTestId('sql-editor').fill(text);
  await settle(page, () => page.getByTestId('sql-run').click());
}

// How each exercise is done wrong, then right, on its page.
const steps = {
  'etl-gate-stop': {
    wrong: runEtl, says: /gate let the run through/,
    right: async (p) => { await change(p, 'check-threshold-0', '100000'); await runEtl(p); },
  },
  'etl-idempotent': {
    wrong: async (p) => { await runEtl(p); await change(p, 'etl-margin', '30'); await runEtl(p); }, says: /Rows inserted or updated: [1-9]/,
    right: runEtl,
  },
  'etl-warn-only': {
    wrong: async (p) => { await change(p, 'check-threshold-1', '1000000000000'); await runEtl(p); }, says: /gate stopped the run/,
    right: async (p) => { await p.getByTestId('check-severity-1').selectOption('warn'); await runEtl(p); },
  },
  'etl-gold-count': {
    wrong: runEtl, says: /Customers in Gold: \d+/,
    right: async (p) => { await change(p, 'etl-edges', solutions['etl-gold-count'].edges); await runEtl(p); },
  },
  'etl-diamond': {
    wrong: runEtl, says: /no segment named Diamond/,
    right: async (p) => {
      await change(p, 'etl-edges', solutions['etl-diamond'].edges);
      await change(p, 'etl-labels', solutions['etl-diamond'].labels);
      await runEtl(p);
    },
  },
  'lake-daily-views': { wrong: (p) => sql(p, solutions['lake-daily-views'].wrong), says: /not in the answer/, right: (p) => sql(p, solutions['lake-daily-views'].sql) },
  'lake-events-week': { wrong: (p) => sql(p, solutions['lake-events-week'].wrong), says: /Your row 1 \(|not in the answer/, right: (p) => sql(p, solutions['lake-events-week'].sql) },
  'lake-skip-files': { wrong: (p) => sql(p, solutions['lake-skip-files'].wrong), says: /Files of user_interactions skipped: 0/, right: (p) => sql(p, solutions['lake-skip-files'].sql) },
  'lake-category-views': { wrong: (p) => sql(p, solutions['lake-category-views'].wrong), says: /not in the answer/, right: (p) => sql(p, solutions['lake-category-views'].sql) },
  'warehouse-rejects': { wrong: (p) => sql(p, solutions['warehouse-rejects'].wrong), says: /Expected columns missing: 1/, right: (p) => sql(p, solutions['warehouse-rejects'].sql) },
  'cap-stale-read': {
    wrong: async () => {}, says: /AP served no stale read/,
    right: async (p) => { await p.getByTestId('cap-scenario').selectOption('partition-ap'); await p.getByTestId('ap-stale').filter({ hasText: /^[1-9]/ }).waitFor(); },
  },
  'cap-cp-rejects': {
    wrong: async (p) => { await p.getByTestId('cap-time').fill('0'); await p.getByTestId('cp-link-0-1').click(); await p.waitForFunction(() => location.hash.includes('faults=')); }, says: /do not cut those data centers off/,
    right: async (p) => { await p.getByTestId('cp-link-0-2').press('Enter'); await p.getByTestId('cp-link-0-3').press('Enter'); await p.getByTestId('cp-rejected').filter({ hasText: /[1-9]/ }).waitFor(); },
  },
  'cap-quorum': {
    wrong: async (p) => { await p.getByTestId('cap-time').fill('0'); await p.getByTestId('cp-node-2').click(); await p.waitForFunction(() => location.hash.includes('faults=')); }, says: /no quorum run/,
    right: async (p) => { await p.getByTestId('cap-quorum').selectOption('3,2,2'); await p.getByTestId('quorum-panel').waitFor(); },
  },
  'cap-ap-history': {
    wrong: async () => {}, says: /AP's history is linearizable/,
    right: async (p) => { await p.getByTestId('cap-scenario').selectOption('partition-ap'); await p.getByTestId('ap-stale').filter({ hasText: /^[1-9]/ }).waitFor(); },
  },
  'cap-siblings': {
    wrong: async (p) => { await p.getByTestId('cap-scenario').selectOption('random'); await p.getByTestId('ap-stale').filter({ hasText: /^[1-9]\d/ }).waitFor(); }, says: /No read returned siblings/,
    right: async (p) => { await p.getByTestId('cap-siblings').check(); await p.getByTestId('ap-panel').getByText(/version vectors/).first().waitFor(); },
  },
};

/** Wait for the page the exercise opened to be usable. */
async function ready(page, concept) {
  if (concept === 'etl') await page.locator('[data-testid=etl-run]:not([disabled])').waitFor({ timeout: 120_000 });
  if (concept === 'lake') await page.locator('[data-testid=sql-run]:not([disabled])').waitFor({ timeout: 120_000 });
  if (concept === 'cap') await page.getByTestId('cp-verdict').waitFor({ timeout: 60_000 });
}

for (const concept of ['etl', 'lake', 'cap']) {
  test(`every ${concept} exercise: a wrong answer is told what differs, the right one is solved`, async () => {
    const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/exercises');
    try {
      let lakeFilled = false;
      for (const ex of builtin.exercises.filter((e) => e.concept === concept)) {
        const how = steps[ex.id];
        assert.ok(how, `steps for ${ex.id}`);
        await start(page, ex.id, Boolean(ex.start.lake) && lakeFilled);
        lakeFilled ||= Boolean(ex.start.lake);
        await ready(page, concept);
        await how.wrong(page);
        const told = await check(page, false);
        assert.match(told, how.says, `${ex.id}: ${told}`);
        await how.right(page);
        assert.match(await check(page, true), /Right!/, ex.id);
        if (ex.id === 'warehouse-rejects') {
          // Start again: the same start (the script runs again on fresh tables), the answer gone.
          await settle(page, () => page.getByTestId('exercise-reset').click());
          await ready(page, concept);
          assert.match(await check(page, false), /There is no sql:warehouse table yet/);
          await how.right(page);
          assert.match(await check(page, true), /Right!/);
        }
        await page.evaluate(() => { location.hash = '#/exercises'; });
        await page.locator(`[data-testid=exercise-${ex.id}][data-solved=true]`).waitFor();
      }
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

test('a trainer\'s own set from a file; a damaged one is named; the answers export; the exercise survives a reload', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=vi#/exercises');
  try {
    await page.getByTestId('exercises-set').filter({ hasText: builtin.title.vi }).waitFor();
    const own = { version: 1, title: { vi: 'Bộ của tôi', en: 'Mine' }, exercises: [builtin.exercises.find((e) => e.id === 'cap-stale-read')] };
    await page.getByTestId('exercises-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "title": ') });
    assert.match(await page.getByTestId('exercises-problem').textContent(), /broken\.json không phải bộ bài tập.*line 1/);
    await page.getByTestId('exercises-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
    await page.getByTestId('exercises-set').filter({ hasText: 'Bộ của tôi' }).waitFor();
    assert.equal(await page.locator('.exercise').count(), 1);
    await page.getByTestId('exercise-cap-stale-read').getByTestId('exercise-start').click();
    await page.getByTestId('cp-verdict').waitFor({ timeout: 60_000 });
    await page.getByTestId('exercise-check').click();
    await page.getByTestId('exercise-feedback').getByText(/Hệ AP không trả về lần đọc dữ liệu cũ nào/).waitFor();
    // A reload keeps the exercise under way (the link names it).
    await page.reload();
    await page.locator('[data-testid=exercise-bar][data-exercise=cap-stale-read]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => { location.hash = '#/exercises'; });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exercises-export').click()]);
    const answers = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(answers.answers['cap-stale-read'].tries, 1);
    assert.equal(answers.answers['cap-stale-read'].solved, false);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
