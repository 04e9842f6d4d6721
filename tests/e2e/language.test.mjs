// The page in Vietnamese and English: the URL, the switch, the remembered
// choice and the browser's language pick it; a switch re-words what is on
// screen — errors included, since they are kept as data — and keeps the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp, rowCount, upload, settle } from './harness.mjs';

const ctx = useBrowser();

/** The app in a page of `context` (a browser context: its own storage and locale). */
const open = (context, query) => openApp(context, ctx.server.url, query);

/** Run `fn` in a fresh browser context whose language is `locale`. */
async function inLocale(locale, fn) {
  const context = await ctx.browser.newContext({ locale });
  try {
    await fn(context);
  } finally {
    await context.close();
  }
}

test('?lang=vi speaks Vietnamese, and switching to English keeps the tables and re-words the error', async () => {
  await inLocale('en-US', async (context) => {
    const { page, problems } = await open(context, '?lang=vi');
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await page.getByRole('link', { name: 'Dữ liệu', exact: true }).waitFor();
    assert.equal(await page.getByTestId('engine-status').textContent(), 'engine đã sẵn sàng');
    await upload(page, [{ name: 'good.csv', buffer: 'a,b\n1,2\n3,4\n' }]);
    await upload(page, [{ name: 'ragged.csv', buffer: 'a,b\n1,2\n3,4,5\n' }]);
    const vi = await page.getByTestId('error').textContent();
    assert.match(vi, /ragged\.csv: dòng 3, cột 5: /);
    assert.doesNotMatch(vi, /this row has|line 3/);

    await page.getByTestId('lang-en').click();
    await page.getByRole('link', { name: 'Data', exact: true }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(await page.getByTestId('error').textContent(), /ragged\.csv: line 3, column 5: this row has 3 fields, the first row has 2/);
    assert.equal(await page.getByTestId('dataset-name').textContent(), 'good');
    assert.equal(await rowCount(page), 2);
    assert.match(page.url(), /[?&]lang=en/);
    assert.deepEqual(problems, []);
    await page.close();

    // The choice is remembered: a visit without ?lang= opens in English,
    // and after switching to Vietnamese, in Vietnamese.
    const again = await open(context, '');
    await again.page.getByRole('link', { name: 'Data', exact: true }).waitFor();
    await again.page.getByTestId('lang-vi').click();
    await again.page.getByRole('link', { name: 'Dữ liệu', exact: true }).waitFor();
    await again.page.close();
    const third = await open(context, '#/etl');
    await third.page.getByRole('link', { name: 'Định lý CAP', exact: true }).waitFor();
    assert.equal(await third.page.getByTestId('lang-vi').getAttribute('aria-pressed'), 'true');
    await third.page.close();
  });
});

test('a first visit follows the browser language', async () => {
  for (const [locale, nav] of [['vi-VN', 'Dữ liệu'], ['fr-FR', 'Data']]) {
    await inLocale(locale, async (context) => {
      const { page } = await open(context, '');
      await page.getByRole('link', { name: nav, exact: true }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), locale.startsWith('vi') ? 'vi' : 'en');
    });
  }
});

test('?lang=vi words the Lake & Warehouse and CAP pages in Vietnamese', async () => {
  await inLocale('en-US', async (context) => {
    const { page, problems } = await open(context, '?lang=vi#/lake');
    const headingsAndButtons = async () =>
      [...await page.locator('h1, h2').allTextContents(), ...await page.locator('button').allTextContents()].map((t) => t.trim());

    assert.equal(await page.getByTestId('lake-empty').textContent(), 'Hồ đang trống: hãy nạp dữ liệu mẫu truyền thông.');
    await page.getByTestId('lake-events').selectOption('3000');
    await settle(page, () => page.getByTestId('lake-load-sample').click());
    await page.getByTestId('lake-tree').waitFor();
    const datasets = await page.getByTestId('lake-dataset').allTextContents();
    assert.ok(datasets.some((d) => d.startsWith('raw/user_interactions/ — 31 tệp, ')), datasets.join(' | '));
    await page.getByTestId('sql-editor').fill('SELECT event_type, COUNT(*) AS n FROM user_interactions WHERE day BETWEEN 1 AND 7 GROUP BY event_type');
    await settle(page, () => page.getByTestId('sql-run').click());
    assert.match(await page.getByTestId('lake-scan').first().textContent(), /^user_interactions: quét 7 tệp, bỏ qua 24 nhờ điều kiện day BETWEEN 1 AND 7 — /);
    assert.match(await page.getByTestId('lake-columns-skipped').first().textContent(), /các cột không cần đọc/);
    assert.match(await page.getByTestId('lake-time').textContent(), /^[\d,.]+ m?s cho truy vấn gần nhất \(6 dòng\); quét 7 tệp, bỏ qua 24$/);
    const lake = await headingsAndButtons();
    for (const vi of ['Hồ dữ liệu & kho dữ liệu', 'Job kiểu Glue', 'Hồ dữ liệu và kho dữ liệu, đo thực tế', 'Hồ dữ liệu của bạn (connector)',
      'Nạp dữ liệu mẫu truyền thông vào hồ', 'Chạy']) {
      assert.ok(lake.includes(vi), `${vi} in ${lake.join(' | ')}`);
    }
    for (const en of ['Lake & Warehouse', 'Glue-style jobs', 'Lake vs warehouse, measured', 'Your lake (connector)', 'Results and tables',
      'Load the media sample into the lake', 'Run', 'Export as PySpark (.py)']) {
      assert.ok(!lake.includes(en), `${en} still in English`);
    }
    assert.doesNotMatch(await page.getByTestId('lake-page').textContent(), /files scanned|Schema-on-read: inferred|The seed's/);

    await page.evaluate(() => { location.hash = '#/cap'; });
    await page.getByTestId('ap-verdict').waitFor({ timeout: 120_000 });
    await page.getByTestId('cap-time').fill('3000');
    assert.match(await page.getByTestId('ap-verdict').locator('strong').textContent(), /^Không còn linearizable từ \d+ ms$/);
    assert.match(await page.getByTestId('cp-verdict').locator('strong').textContent(), /^Linearizable \(nhất quán mạnh\)$/);
    assert.match(await page.getByTestId('cap-page').textContent(), /Lịch trình sự cố: .*lúc \d+ ms/);
    assert.match(await page.getByTestId('cp-panel').textContent(), /lượt ghi bị từ chối.*lượt đọc dữ liệu cũ/);
    const cap = await headingsAndButtons();
    for (const vi of ['Các dịch vụ AWS và chế độ mô phỏng tương ứng', 'Phát', 'Tiến +25 ms']) {
      assert.ok(cap.includes(vi), `${vi} in ${cap.join(' | ')}`);
    }
    for (const en of ['AWS services and the modes that model them', 'Play', 'Step +25 ms']) {
      assert.ok(!cap.includes(en), `${en} still in English`);
    }
    assert.doesNotMatch(await page.getByTestId('cp-panel').textContent(), /rejected writes|stale reads|Not linearizable/);
    assert.deepEqual(problems, []);
  });
});

test('?lang=vi words the Data and ETL pages: read options, samples, the table, the run, the gate and the charts', async () => {
  await inLocale('en-US', async (context) => {
    const { page, problems } = await open(context, '?lang=vi');
    await page.getByTestId('empty').filter({ hasText: 'Chưa có bảng nào' }).waitFor();
    const loaders = page.locator('.loaders');
    assert.match(await page.getByTestId('dropzone').textContent(), /Kéo thả tệp CSV, JSON, JSONL hoặc Parquet vào đây, hoặc\s*chọn tệp/);
    assert.match(await loaders.textContent(), /Cách đọc tệp/);
    assert.match(await loaders.textContent(), /Dấu phân cách/);
    assert.equal((await page.getByTestId('sample-retail').textContent()).trim(), 'Các bảng bán lẻ');
    for (const english of ['Drop CSV', 'choose files', 'How files are read', 'Delimiter', 'Built-in samples', 'Retail tables', 'first row is a header']) {
      assert.doesNotMatch(await loaders.textContent(), new RegExp(english), english);
    }

    await settle(page, () => page.getByTestId('sample-retail').click());
    const info = page.locator('.dataset-info');
    assert.match(await info.textContent(), /\d+ dòng/);
    assert.match(await info.textContent(), /\d+ cột/);
    assert.doesNotMatch(await info.textContent(), / rows| columns/);
    assert.equal(await page.getByTestId('column-header').first().getByTestId('null-count').getAttribute('title'), 'số giá trị null');

    await page.getByRole('link', { name: 'ETL / ELT', exact: true }).click();
    const etl = page.getByTestId('module-etl');
    await etl.locator('h1').filter({ hasText: 'tải dữ liệu hằng ngày của chuỗi bán lẻ' }).waitFor();
    assert.equal((await page.getByTestId('etl-run').textContent()).trim(), 'Chạy pipeline');
    assert.match(await page.getByTestId('etl-sources').locator('h2').textContent(), /^Các bảng nguồn$/);
    assert.match(await page.getByTestId('etl-params').textContent(), /Cổng kiểm tra chất lượng dữ liệu/);

    // The course's 1 000 rows a day stops a run over 10 000 items: the stop, the gate and the charts in Vietnamese.
    await page.getByTestId('check-threshold-0').fill('1000');
    await page.getByTestId('check-threshold-0').dispatchEvent('change');
    await settle(page, () => page.getByTestId('etl-run').click());
    await page.getByTestId('etl-results').waitFor();
    assert.match(await page.getByTestId('etl-failed').textContent(), /^Kiểm tra chất lượng dữ liệu không đạt — không có gì được tải vào kho dữ liệu\. /);
    assert.deepEqual(await page.getByTestId('check-status').allTextContents(), ['không đạt', 'đạt', 'đạt']);
    await page.getByTestId('merge-none').filter({ hasText: 'kho dữ liệu giữ nguyên phiên bản trước' }).waitFor();
    assert.equal(await page.getByTestId('stage-transform_sales').getByTestId('ran-in').textContent(), 'engine');
    assert.match(await page.getByTestId('etl-charts').textContent(), /Doanh thu theo thứ trong tuần/);
    const headings = (await etl.locator('h1, h2, h3, button, th, figcaption, legend').allTextContents()).join('\n');
    for (const english of ['ETL / ELT — the retail', 'Source tables', 'Parameters', 'Data-quality gate', 'Run pipeline',
      'Stages (', 'Charts', 'Tables', 'Revenue by', 'Your databases', 'Look for the connector', 'rows in', 'on failure']) {
      assert.ok(!headings.includes(english), `no English "${english}" in the ETL page's headings and buttons`);
    }
    assert.doesNotMatch(await page.getByTestId('etl-failed').textContent(), /Data Quality Check Failed|nothing was loaded/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
