// The Lake & Warehouse page as a workshop uses it: load the media sample
// into the lake, browse the zones, run the seed's Glue jobs (one edited as
// JSON), query the lake with partition pruning, hit the seed's missing
// column, run the warehouse script (star schema, COPY, daily summary) and
// see rows rejected with their reasons, then compare the two side by side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useBrowser, openApp, settle, root } from './harness.mjs';

const ctx = useBrowser();

async function runAndWait(page, button) {
  await settle(page, () => button.click());
}

test('lake: ingest, Glue jobs, SQL with pruning, warehouse with schema-on-write, comparison', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '#/lake');
  try {
    await page.getByTestId('lake-empty').waitFor();
    await page.getByTestId('lake-events').selectOption('3000');
    await runAndWait(page, page.getByTestId('lake-load-sample'));
    await page.getByTestId('lake-tree').waitFor();
    const datasets = await page.getByTestId('lake-dataset').allTextContents();
    assert.equal(datasets.length, 3, datasets.join(' | '));
    assert.ok(datasets.some((d) => d.startsWith('raw/user_interactions/ — 31 files')), datasets.join(' | '));
    const paths = await page.getByTestId('lake-file').allTextContents();
    assert.ok(paths.some((p) => p.startsWith('raw/user_interactions/year=2024/month=01/day=01/interactions.jsonl')), paths[0]);

    // Files of one's own go in as they are; a broken one is refused with its line, the others stay.
    await page.getByTestId('ingest-dataset').fill('orders');
    await page.getByTestId('ingest-dataset').dispatchEvent('change');
    await settle(page, () => page.getByTestId('ingest-files').setInputFiles([
      { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('id,amount\n1,10.5\n2,7\n') },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('[{"id": 1},\n {"id": }]') },
    ]));
    assert.match(await page.locator('[data-testid=error][data-place=lake-files]').textContent(), /broken\.json: line 2/);
    const uploaded = await page.getByTestId('lake-file').allTextContents();
    assert.ok(uploaded.some((p) => p.startsWith('raw/orders/year=2024/month=01/day=20/orders.csv')), uploaded.join(' | '));
    assert.ok(!uploaded.some((p) => p.includes('broken.json')));
    // Every dataset of the lake is a table by its name, partition columns included.
    await page.getByTestId('sql-editor').fill('SELECT SUM(amount) AS total, MAX(day) AS day FROM orders');
    await runAndWait(page, page.getByTestId('sql-run'));
    await page.getByTestId('lake-table-name').filter({ hasText: 'sql:lake' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=data-table] td').length >= 2);
    const cells = await page.locator('[data-testid=data-table] td').allTextContents();
    assert.ok(cells.includes('17.5') && cells.includes('20'), cells.join(' | '));

    // The seed's Athena query as written names upload_date: a clear error, the page keeps working.
    await page.getByTestId('sql-editor').fill("SELECT DATE_TRUNC('day', upload_date) AS date, COUNT(*) AS n FROM video_metadata GROUP BY 1");
    await runAndWait(page, page.getByTestId('sql-run'));
    // The error shows beside the console, the result of the query before is gone.
    const error = await page.getByTestId('sql-failure').textContent();
    assert.match(error, /unable to find column "upload_date"/);
    assert.match(error, /upload_timestamp/);
    assert.equal(await page.getByTestId('lake-table-name').filter({ hasText: 'sql:lake' }).count(), 0, 'no stale result under the error');
    assert.match(await page.locator('[data-testid=error][data-place=lake-files]').textContent(), /broken\.json/, 'the ingest error stays beside the ingest');

    // A query on partition columns reads only the matching days.
    await page.getByTestId('sql-editor').fill("SELECT event_type, COUNT(*) AS n FROM user_interactions WHERE day BETWEEN 1 AND 7 GROUP BY event_type ORDER BY n DESC");
    await runAndWait(page, page.getByTestId('sql-run'));
    assert.match(await page.getByTestId('lake-scan').first().textContent(), /user_interactions: 7 files scanned, 24 skipped by day BETWEEN 1 AND 7/);
    assert.equal(await page.getByTestId('sql-failure').count(), 0, 'the next run replaces the error');
    const skipped = await page.getByTestId('lake-columns-skipped').first().textContent();
    assert.match(skipped, /columns left out \(the query does not name them\): .*user_id/);
    assert.doesNotMatch(skipped, /event_type/);
    await page.getByTestId('lake-table-name').filter({ hasText: 'sql:lake' }).waitFor();
    assert.equal(Number(await page.getByTestId('lake-row-count').textContent()), 6);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /^event_type,n\nvideo_play,\d+/);

    // Glue jobs: the seed's per-video stats, edited to partition by category; then the rest.
    const stats = page.getByTestId('glue-video_stats');
    await stats.locator('details.glue-json > summary').click();
    const json = JSON.parse(await stats.getByTestId('glue-json').inputValue());
    assert.deepEqual(json.partition_by, ['category']);
    json.filter = '"analytics.views" > 1000';
    await stats.getByTestId('glue-json').fill(JSON.stringify(json));
    await runAndWait(page, stats.getByTestId('glue-run'));
    assert.match(await stats.getByTestId('glue-report').textContent(), /video_stats: \d+ rows in → \d+ rows out, 9 columns .*engagement_rate.*wrote \d+ Parquet file/);
    // The edited job as a PySpark script: what `dataplay export glue` writes for the same JSON.
    const [script] = await Promise.all([page.waitForEvent('download'), stats.getByTestId('glue-export').click()]);
    assert.equal(script.suggestedFilename(), 'video_stats.py');
    const pyspark = readFileSync(await script.path(), 'utf8');
    assert.match(pyspark, /> 1000/);
    const jobFile = path.join(mkdtempSync(path.join(tmpdir(), 'dataplay-glue-')), 'video_stats.json');
    writeFileSync(jobFile, JSON.stringify(json));
    const dataplay = path.join(process.env.CARGO_TARGET_DIR || path.join(root, 'target'), 'debug', 'dataplay');
    assert.equal(pyspark, execFileSync(dataplay, ['export', 'glue', '--job', jobFile], { encoding: 'utf8' }));
    // The other jobs run from their cards, unfolded; each result stays beside its job.
    for (const name of ['user_behavior', 'video_performance', 'dim_videos', 'dim_users']) {
      await runAndWait(page, page.getByTestId(`glue-${name}`).getByTestId('glue-run'));
    }
    for (const name of ['video_stats', 'user_behavior', 'video_performance', 'dim_videos', 'dim_users']) {
      const report = await page.getByTestId(`glue-${name}`).getByTestId('glue-report').textContent();
      assert.match(report, new RegExp(`^${name}: \\d+ rows in → \\d+ rows out`), report);
    }
    assert.ok((await page.getByTestId('lake-dataset').allTextContents()).some((d) => d.startsWith('curated/video_performance/')));

    // The warehouse script: the seed's star schema, COPY from curated, the daily summary.
    await page.getByTestId('sql-target-warehouse').check();
    assert.match(await page.getByTestId('sql-editor').inputValue(), /DISTKEY \(video_id\)/);
    await runAndWait(page, page.getByTestId('sql-run'));
    const fact = page.getByTestId('write-fact_video_performance');
    const accepted = Number(await fact.getByTestId('accepted').textContent());
    const rejected = Number(await fact.getByTestId('rejected').textContent());
    assert.ok(accepted > 0);
    assert.match(await fact.textContent(), new RegExp(`of ${accepted + rejected}`));
    await page.getByTestId('lake-table-name').filter({ hasText: 'sql:warehouse' }).waitFor();
    assert.equal(Number(await page.getByTestId('lake-row-count').textContent()), 31, 'one summary row per day');
    assert.match(await page.getByTestId('declared-fact_video_performance').textContent(), /DISTKEY \(video_id\).*SORTKEY \(date_id, video_id\)/s);

    // COPY the dimension again: its primary key rejects every row, with the reason.
    await page.getByTestId('sql-editor').fill("COPY dim_videos FROM 's3://media-datalake-curated/dim_videos/' FORMAT AS PARQUET;\nSELECT reason, COUNT(*) AS n FROM stl_load_errors GROUP BY reason");
    await runAndWait(page, page.getByTestId('sql-run'));
    const again = page.getByTestId('write-dim_videos');
    assert.equal(Number(await again.getByTestId('accepted').textContent()), 0);
    assert.match(await again.textContent(), /duplicates the primary key/);

    // The seed's comparison table, with the measured numbers.
    const comparison = await page.getByTestId('comparison').textContent();
    assert.match(comparison, /Schema-on-read/);
    assert.match(comparison, /json.*jsonl.*parquet/);
    assert.match(await page.getByTestId('lake-time').textContent(), /[\d.]+ m?s for the last query \(6 rows\)/);
    assert.match(await page.getByTestId('warehouse-time').textContent(), /[\d.]+ m?s for the last query/);
    assert.match(await page.getByTestId('warehouse-rejects').textContent(), /\d+ accepted, [1-9]\d* rejected/);
    assert.deepEqual(problems, [], 'no console errors or page errors');
  } finally {
    await page.close();
  }
});

// What a room meets first: the warehouse script run before any job, the
// keyboard in the editor, a job's JSON broken while editing it.
test('lake on first use: the script names the job it needs and its Run is one click away; Ctrl+Enter runs; broken job JSON → where → reset', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '#/lake');
  try {
    await page.getByTestId('lake-events').selectOption('3000');
    await runAndWait(page, page.getByTestId('lake-load-sample'));
    // Every job's Run is in view without unfolding anything, and none has a result yet.
    const runs = page.getByTestId('glue-run');
    assert.equal(await runs.count(), 5);
    for (const button of await runs.all()) assert.ok(await button.isVisible());
    assert.equal(await page.getByTestId('glue-not-run').count(), 5);

    // The editor: tall, monospace, resizable; Tab indents; Ctrl+Enter runs the query.
    const editor = page.getByTestId('sql-editor');
    const look = await editor.evaluate((e) => {
      const s = getComputedStyle(e);
      return { height: e.getBoundingClientRect().height, font: s.fontFamily, resize: s.resize };
    });
    assert.ok(look.height >= 280, `editor ${look.height}px tall`);
    assert.match(look.font, /mono/i);
    assert.equal(look.resize, 'vertical');
    await editor.fill('SELECT event_type, COUNT(*) AS n\nFROM user_interactions\nGROUP BY event_type');
    await editor.press('Home');
    await editor.press('Tab');
    assert.match(await editor.inputValue(), /\n    GROUP BY event_type$/);
    await settle(page, () => editor.press('Control+Enter'));
    await page.getByTestId('lake-table-name').filter({ hasText: 'sql:lake' }).waitFor();
    assert.equal(Number(await page.getByTestId('lake-row-count').textContent()), 6);
    // Esc, then Tab, leaves the editor; the focus shows.
    await editor.press('Escape');
    await editor.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'sql-run');

    // The warehouse script before the jobs: the error names the job that writes
    // the files, beside the editor, with its Run; after each such job, the script goes further.
    await page.getByTestId('sql-target-warehouse').check();
    const needed = [];
    for (let round = 0; round < 4; round++) {
      await runAndWait(page, page.getByTestId('sql-run'));
      if (await page.getByTestId('sql-failure').count() === 0) break;
      const failure = await page.getByTestId('sql-failure').textContent();
      const m = failure.match(/the Glue job (\w+) writes them: run it first/);
      assert.ok(m, failure);
      assert.match(failure, new RegExp(`no files under curated/${m[1]}`));
      needed.push(m[1]);
      await runAndWait(page, page.getByTestId('sql-failure-run-job'));
      assert.equal(await page.getByTestId('sql-failure').count(), 0, 'the job ran: the error is over');
      assert.match(await page.getByTestId(`glue-${m[1]}`).getByTestId('glue-report').textContent(), new RegExp(`^${m[1]}: \\d+ rows in`));
    }
    assert.deepEqual(needed, ['video_performance', 'dim_videos', 'dim_users']);
    const fact = page.getByTestId('write-fact_video_performance');
    assert.ok(Number(await fact.getByTestId('accepted').textContent()) > 0);
    // The rejected rows are the lesson: schema-on-write against the lake's schema-on-read.
    const lesson = await page.getByTestId('copy-lesson').textContent();
    assert.match(lesson, /COPY fact_video_performance refused \d+ of \d+ rows \([\d.]+ %\)/);
    assert.match(lesson, /Schema-on-write/);
    assert.match(lesson, /Schema-on-read/);
    assert.match(lesson, /DECIMAL\(5,4\)/);

    // A job's JSON broken while editing: where it stops parsing, Run held back, reset to the default.
    const job = page.getByTestId('glue-dim_users');
    await job.locator('details.glue-json > summary').click();
    const json = job.getByTestId('glue-json');
    const original = await json.inputValue();
    await json.fill('{"name": "dim_users",\n  "source": }');
    assert.match(await job.getByTestId('glue-error').textContent(), /^job JSON, line 2, column 13: expected value$/);
    assert.ok(await job.getByTestId('glue-run').isDisabled());
    assert.equal(await page.getByTestId('glue-error').count(), 1, 'only that job says so');
    await job.getByTestId('glue-reset').click();
    assert.equal(await job.getByTestId('glue-error').count(), 0);
    assert.equal(await json.inputValue(), original);
    assert.ok(await job.getByTestId('glue-run').isEnabled());
    assert.equal(await job.getByTestId('glue-reset').count(), 0, 'nothing left to reset');
    // Renamed in its JSON, the job runs under its new name and its result still shows on its card.
    const renamed = JSON.parse(original);
    renamed.name = 'dim_users_v2';
    await json.fill(JSON.stringify(renamed));
    await runAndWait(page, job.getByTestId('glue-run'));
    assert.match(await job.getByTestId('glue-report').textContent(), /^dim_users_v2: \d+ rows in/);
    await job.getByTestId('glue-reset').click();
    assert.deepEqual(problems, [], 'no console errors or page errors');
  } finally {
    await page.close();
  }
});

// A trainer's Lake page as a link: the query as edited, the sample's size,
// the datasets unfolded, the result shown; the navigation comes back to it,
// and the link opened in a fresh browser shows the same page.
test('lake link: the navigation keeps the page as it was, and its link restores it elsewhere', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/lake');
  let other;
  try {
    await page.getByTestId('lake-events').selectOption('3000');
    await runAndWait(page, page.getByTestId('lake-load-sample'));
    const sql = "SELECT event_type, COUNT(*) AS n FROM user_interactions WHERE day <= 3 GROUP BY event_type ORDER BY n DESC";
    await page.getByTestId('sql-editor').fill(sql);
    await runAndWait(page, page.getByTestId('sql-run'));
    await page.getByTestId('lake-dataset').filter({ hasText: 'raw/video_metadata/' }).click();
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('open=raw/video_metadata'));
    const rows = await page.getByTestId('lake-row-count').textContent();

    // Away and back through the navigation: the same page.
    await page.locator('.nav-link', { hasText: 'ETL' }).click();
    await page.getByTestId('etl-run').waitFor();
    await page.locator('.nav-link', { hasText: 'Lake' }).click();
    assert.equal(await page.getByTestId('sql-editor').inputValue(), sql);
    assert.ok(await page.locator('details[open] [data-testid=lake-dataset]', { hasText: 'raw/video_metadata/' }).isVisible());

    const link = await page.evaluate(() => location.href);
    assert.ok(link.length < 2048, `${link.length} characters`);
    assert.match(link, /events=3000/);
    assert.match(link, /table=sql:lake/);
    ({ page: other } = await openApp(ctx.browser, link, ''));
    assert.equal(await other.getByTestId('sql-editor').inputValue(), sql);
    assert.equal(await other.getByTestId('lake-events').inputValue(), '3000');
    await runAndWait(other, other.getByTestId('lake-load-sample'));
    assert.ok(await other.locator('details[open] [data-testid=lake-dataset]', { hasText: 'raw/video_metadata/' }).isVisible());
    await runAndWait(other, other.getByTestId('sql-run'));
    await other.getByTestId('lake-table-name').filter({ hasText: 'sql:lake' }).waitFor();
    assert.equal(await other.getByTestId('lake-row-count').textContent(), rows, 'the same answer');
    // A part it cannot read is named; the rest applies.
    await other.close();
    ({ page: other } = await openApp(ctx.browser, ctx.server.url, '?lang=en#/lake?v=1&sql=cloud&q=SELECT+1'));
    await other.getByTestId('lake-url-problems').getByText(/sql/).waitFor();
    assert.equal(await other.getByTestId('sql-editor').inputValue(), 'SELECT 1');
    assert.deepEqual(problems, []);
  } finally {
    await other?.close();
    await page.close();
  }
});
