// The three guided lessons as a learner does them: start each from the
// lessons page, and at every step check that the control it is about is
// outlined, that Next does nothing until the page's state shows the step
// done, make the predictions (one of them wrong on purpose) and read who
// was right, then do the step with the real controls. Then a reload
// resumes the lesson at its step (the link names it), `n`/`b` move, and a
// trainer in presenter mode can skip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp, settle, waitIdle } from './harness.mjs';

const ctx = useBrowser();

async function change(page, id, value) {
  await page.getByTestId(id).fill(value);
  await page.getByTestId(id).dispatchEvent('change');
}
const runEtl = (page) => settle(page, () => page.getByTestId('etl-run').click());
async function sql(page, text) {
  await page.getByTestId('sql-editor').fill(text);
  await settle(page, () => page.getByTestId('sql-run').click());
}
const scenario = (page, key) => page.getByTestId('cap-scenario').selectOption(key);

/** Start `id` from the lessons page. */
async function start(page, id) {
  await page.evaluate(() => { location.hash = '#/lessons'; });
  await page.getByTestId(`lesson-${id}`).getByTestId('lesson-start').click();
  await page.locator(`[data-testid=lesson-panel][data-lesson=${id}][data-step="1"]`).waitFor();
  await waitIdle(page);
}

/**
 * Step `n`: the control outlined, Next not yet possible; the guess (if
 * any) before the task is shown; `act`; then the step is done. Returns the
 * prediction's outcome element, if there was one.
 */
async function step(page, n, { guess, act }) {
  const panel = page.locator(`[data-testid=lesson-panel][data-step="${n}"]`);
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-passed'), 'false', `step ${n} is not done by itself`);
  const next = page.locator('[data-testid=lesson-next], [data-testid=lesson-finish]');
  assert.ok(await next.isDisabled(), `step ${n}: Next waits for the state`);
  if (guess !== undefined) {
    assert.equal(await page.getByTestId('lesson-task').count(), 0, `step ${n}: the guess comes first`);
    await page.getByTestId(`lesson-choice-${guess}`).click();
    await page.getByTestId('lesson-guessed').waitFor();
  }
  const point = await panel.getAttribute('data-point');
  if (point) {
    const target = page.locator(`[data-testid="${point}"]`).first();
    await target.waitFor();
    assert.equal(await target.evaluate((el) => getComputedStyle(el).outlineStyle), 'solid', `step ${n}: ${point} outlined`);
  }
  await act(page);
  await page.locator(`[data-testid=lesson-panel][data-step="${n}"][data-passed=true]`).waitFor({ timeout: 120_000 });
  return guess === undefined ? null : page.getByTestId('lesson-outcome');
}

async function next(page) {
  await page.getByTestId('lesson-next').click();
}

test('the ETL lesson: every step checked on the page, a wrong prediction told so', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/lessons');
  try {
    await start(page, 'etl');
    await step(page, 1, { act: (p) => settle(p, () => p.getByTestId('etl-load-sample').click()) });
    await next(page);
    const dropped = await step(page, 2, { guess: 0, act: runEtl });
    assert.equal(await dropped.getAttribute('data-right'), 'false');
    assert.match(await dropped.textContent(), /Not this time\. The run says: More than 100 \(\d+\)/);
    await next(page);
    await step(page, 3, { act: (p) => p.getByTestId('show-dropped').click() });
    await next(page);
    const merge = await step(page, 4, { guess: 0, act: runEtl });
    assert.equal(await merge.getAttribute('data-right'), 'true');
    await next(page);
    await step(page, 5, { act: async (p) => { await change(p, 'etl-margin', '30'); await runEtl(p); } });
    await next(page);
    await step(page, 6, {
      act: async (p) => {
        await change(p, 'etl-edges', '0, 1000000, 5000000, 20000000, 30000000');
        await change(p, 'etl-labels', 'Bronze, Silver, Gold, Platinum, Diamond');
        await runEtl(p);
      },
    });
    await next(page);
    const gate = await step(page, 7, { guess: 1, act: async (p) => { await change(p, 'check-threshold-0', '100000'); await runEtl(p); } });
    assert.equal(await gate.getAttribute('data-right'), 'true');
    await next(page);
    await step(page, 8, { act: async (p) => { await p.getByTestId('check-fix').click(); await runEtl(p); } });
    await next(page);
    const elt = await step(page, 9, { guess: 0, act: async (p) => { await p.getByTestId('etl-mode-elt').check(); await runEtl(p); } });
    assert.equal(await elt.getAttribute('data-right'), 'true', await elt.textContent());
    await page.getByTestId('lesson-finish').click();
    await page.getByTestId('lesson-panel').waitFor({ state: 'detached' });
    await page.evaluate(() => { location.hash = '#/lessons'; });
    const progress = await page.getByTestId('lesson-etl').getByTestId('lesson-progress').textContent();
    assert.match(progress, /Steps done: 9 of 9 · predictions right: 3 of 4/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the lake lesson: zones, schema-on-read, pruning, the warehouse', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/lessons');
  try {
    await start(page, 'lake');
    await page.locator('[data-testid=sql-run]:not([disabled])').waitFor({ timeout: 120_000 });
    await step(page, 1, { act: (p) => p.getByTestId('lake-dataset').filter({ hasText: 'user_interactions' }).first().click() });
    await next(page);
    await step(page, 2, { act: (p) => settle(p, () => p.getByTestId('glue-video_stats').getByTestId('glue-run').click()) });
    await next(page);
    await step(page, 3, { act: (p) => settle(p, () => p.getByTestId('sql-run').click()) });
    await next(page);
    const pruned = await step(page, 4, { guess: 2, act: (p) => sql(p, 'SELECT COUNT(*) AS n FROM user_interactions WHERE day <= 7') });
    assert.equal(await pruned.getAttribute('data-right'), 'true');
    await next(page);
    await step(page, 5, { act: (p) => sql(p, 'SELECT video_id, total_views FROM video_analytics') });
    await next(page);
    const refused = await step(page, 6, {
      guess: 0,
      act: async (p) => { await p.getByTestId('sql-target-warehouse').check(); await settle(p, () => p.getByTestId('sql-run').click()); },
    });
    assert.equal(await refused.getAttribute('data-right'), 'false', 'the DECIMAL(5,4) column refuses rows');
    await next(page);
    await step(page, 7, { act: (p) => sql(p, 'SELECT * FROM stl_load_errors') });
    await next(page);
    await step(page, 8, {
      act: (p) => sql(p, 'SELECT v.category, SUM(f.views_count) AS views FROM fact_video_performance f JOIN dim_videos v ON f.video_id = v.video_id GROUP BY v.category'),
    });
    await page.getByTestId('lesson-finish').click();
    await page.evaluate(() => { location.hash = '#/lessons'; });
    assert.match(await page.getByTestId('lesson-lake').getByTestId('lesson-progress').textContent(), /Steps done: 8 of 8 · predictions right: 1 of 2/);
    // Starting over replaces the lake that is there now: the page asks first.
    await page.getByTestId('lesson-lake').getByTestId('lesson-start').click();
    assert.match(await page.getByTestId('lesson-start-ask').textContent(), /the \d+ files in the lake now .* are replaced/);
    await page.getByTestId('lesson-start-confirm').click();
    await page.locator('[data-testid=lesson-panel][data-lesson=lake][data-step="1"][data-passed=false]').waitFor();
    await waitIdle(page);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the CAP lesson in Vietnamese: splits, a cut of one\'s own, quorum, siblings, the seed', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=vi#/lessons');
  try {
    await start(page, 'cap');
    await page.getByTestId('cp-verdict').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('lesson-panel').textContent(), /Khi mạng bình thường/);
    await step(page, 1, { act: (p) => scenario(p, 'normal') });
    await next(page);
    const cp = await step(page, 2, { guess: 1, act: (p) => scenario(p, 'partition-cp') });
    assert.match(await cp.textContent(), /Bạn đoán đúng\./);
    await next(page);
    await step(page, 3, { guess: 1, act: (p) => scenario(p, 'partition-ap') });
    await next(page);
    await step(page, 4, {
      act: async (p) => {
        await p.getByTestId('cap-time').fill('0');
        await p.getByTestId('cp-link-0-1').click();
        await p.waitForFunction(() => location.hash.includes('faults='));
        await p.getByTestId('cp-link-0-2').press('Enter');
        await p.getByTestId('cp-link-0-3').press('Enter');
      },
    });
    await next(page);
    await step(page, 5, { act: (p) => scenario(p, 'heal') });
    await next(page);
    const quorum = await step(page, 6, {
      guess: 1,
      act: async (p) => {
        await scenario(p, 'normal');
        await p.waitForFunction(() => !location.hash.includes('faults=') && location.hash.includes('scenario=normal'));
        await p.getByTestId('cp-verdict').waitFor();
        await p.getByTestId('cap-time').fill('0');
        await p.getByTestId('cp-node-2').click();
        await p.waitForFunction(() => location.hash.includes('faults='));
        await p.getByTestId('cap-quorum').selectOption('3,2,2');
      },
    });
    assert.equal(await quorum.getAttribute('data-right'), 'false');
    assert.match(await quorum.textContent(), /Lần này bạn đoán chưa đúng\./);
    await next(page);
    await step(page, 7, {
      act: async (p) => {
        await scenario(p, 'random');
        await p.waitForFunction(() => location.hash.includes('scenario=random'));
        await p.getByTestId('cap-siblings').check();
      },
    });
    // The keyboard goes on, as a presenter's clicker does.
    await page.keyboard.press('PageDown');
    await step(page, 8, { act: (p) => change(p, 'cap-seed', '7') });
    await page.getByTestId('lesson-finish').click();
    await page.evaluate(() => { location.hash = '#/lessons'; });
    assert.match(await page.getByTestId('lesson-cap').getByTestId('lesson-progress').textContent(), /Đã xong 8\/8 bước · dự đoán đúng 2\/3/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a lesson resumes after a reload at the step its link names; keys move; a trainer skips', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/lessons');
  try {
    await start(page, 'cap');
    await page.getByTestId('cp-verdict').waitFor({ timeout: 60_000 });
    await step(page, 1, { act: (p) => scenario(p, 'normal') });
    await page.keyboard.press('n');
    await page.locator('[data-testid=lesson-panel][data-step="2"]').waitFor();
    await page.getByTestId('lesson-choice-0').click();
    assert.match(page.url(), /lesson=cap&step=2/);
    await page.reload();
    await page.locator('[data-testid=lesson-panel][data-lesson=cap][data-step="2"]').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('lesson-choice-0').getAttribute('aria-pressed'), 'true', 'the guess is kept');
    assert.equal(await page.getByTestId('lesson-skip').count(), 0, 'a learner cannot skip');
    await page.keyboard.press('b');
    await page.locator('[data-testid=lesson-panel][data-step="1"][data-passed=true]').waitFor();
    await page.keyboard.press('n');
    // A trainer at the projector skips the step.
    await page.keyboard.press('p');
    await page.locator('html[data-present]').waitFor();
    // On the projector the panel leaves the page most of the screen and no sideways scrolling.
    const fit = await page.evaluate(() => ({
      wide: document.documentElement.scrollWidth <= innerWidth,
      share: document.querySelector('[data-testid=lesson-panel]').getBoundingClientRect().height / innerHeight,
      font: parseFloat(getComputedStyle(document.querySelector('[data-testid=lesson-panel]')).fontSize),
    }));
    assert.ok(fit.wide && fit.share <= 0.5 && fit.font >= 20, JSON.stringify(fit));
    await page.getByTestId('lesson-skip').click();
    await page.getByTestId('lesson-skipped').waitFor();
    await page.getByTestId('lesson-next').click();
    await page.locator('[data-testid=lesson-panel][data-step="3"]').waitFor();
    await page.getByTestId('lesson-close').click();
    await page.evaluate(() => { location.hash = '#/lessons'; });
    assert.match(await page.getByTestId('lesson-cap').getByTestId('lesson-resume').textContent(), /Resume at step 3/);
    assert.doesNotMatch(page.url(), /lesson=/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
