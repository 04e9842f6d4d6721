// The playground as a user meets it: the page loads, samples load, files of
// every format upload and preview, bad files are refused with a message that
// names them while the app keeps what it had, and long work can be cancelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openApp, rowCount, upload, waitIdle, settle, cliSample, tableRows, cell } from './harness.mjs';

const ctx = useBrowser();

async function withApp(fn, query = '') {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, query);
  try {
    await fn(page);
    assert.deepEqual(problems, [], 'no console errors or page errors');
  } finally {
    await page.close();
  }
}

test('the shell loads and every module page renders', async () => {
  await withApp(async (page) => {
    assert.equal(await page.title(), 'dataplay — a data-engineering playground');
    await page.getByTestId('empty').waitFor();
    for (const [link, id] of [['ETL / ELT', 'module-etl'], ['Lake & Warehouse', 'lake-page'], ['CAP theorem', 'cap-page']]) {
      await page.getByRole('link', { name: link }).click();
      await page.getByTestId(id).waitFor();
    }
    await page.getByRole('link', { name: 'Data' }).click();
    await page.getByTestId('dropzone').waitFor();
  });
});

test('the retail sample loads in one click and previews', async () => {
  await withApp(async (page) => {
    await settle(page, () => page.getByTestId('sample-retail').click());
    assert.equal(await page.getByTestId('dataset-name').textContent(), 'transactions');
    assert.equal(await rowCount(page), 4000); // 10 000 items ⇒ 4 000 transactions
    const rows = await tableRows(page);
    assert.ok(rows > 5 && rows <= 20, `only visible rows are rendered (${rows})`);
    await page.getByTestId('dataset-transaction_items').click();
    assert.equal(await rowCount(page), 10000);
    await page.getByTestId('dataset-customers').click();
    assert.equal(await rowCount(page), 400);
    // The phone column keeps its leading zero: it is generated as text.
    const headers = await page.getByTestId('column-header').allTextContents();
    assert.ok(headers.some((h) => h.startsWith('phone') && h.includes('str')), headers.join(' | '));
    // The ETL page sees the loaded source tables.
    await page.getByRole('link', { name: 'ETL / ELT' }).click();
    await page.getByTestId('module-etl').waitFor();
    assert.equal(await page.locator('.table-status li.present').count(), 6);
  });
});

test('scrolling a 100k-row table renders only the rows in view', async () => {
  await withApp(async (page) => {
    await page.getByTestId('sample-size').selectOption('100000');
    await settle(page, () => page.getByTestId('sample-retail').click());
    await page.getByTestId('dataset-transaction_items').click();
    assert.equal(await rowCount(page), 100000);
    const grid = page.getByTestId('grid-scroll');
    await grid.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.getByTestId('data-table').locator('td.rownum', { hasText: /^100000$/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=data-table] tr.loading'));
    assert.ok(await tableRows(page) <= 20);
    await grid.evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
    await page.waitForFunction(() => {
      const first = document.querySelector('[data-testid=data-table] td.rownum');
      return first && Math.abs(Number(first.textContent) - 50000) < 100;
    });
  });
});

test('CSV, JSON, JSONL and Parquet files upload together and preview', async () => {
  const dir = cliSample(['--format', 'parquet', '--size', '2000', '--seed', '9']);
  await withApp(async (page) => {
    await upload(page, [
      { name: 'zips.csv', buffer: 'zip;city;pop;fips\n00501;Holtsville;"1,000";36103\n10001;New York;"8,000,000";36061\n' },
      { name: 'videos.json', buffer: JSON.stringify([{ video_id: 'v1', analytics: { views: 10, likes: 2 } }, { video_id: 'v2', analytics: { views: 5, likes: 1 } }]) },
      { name: 'events.jsonl', buffer: '{"user_id":"u1","n":1}\n{"user_id":"u2","n":2}\n{"user_id":"u3","n":null}\n' },
      { name: 'products.parquet', buffer: readFileSync(path.join(dir, 'products.parquet')) },
    ]);
    const tabs = await page.getByTestId('datasets').locator('.tab-name').allTextContents();
    assert.deepEqual(tabs.map((t) => t.split(' ')[0]), ['zips', 'videos', 'events', 'products']);

    await page.getByTestId('dataset-zips').click();
    assert.equal(await rowCount(page), 2);
    assert.equal(await cell(page, 0, 0), '00501'); // leading zeros keep a column as text
    const zipTypes = () => page.getByTestId('column-type').allTextContents();
    assert.deepEqual((await zipTypes()).map((t) => t.trim()), ['str', 'str', 'str', 'i64']);
    // A number column forced to text.
    await settle(page, () => page.getByTestId('as-text-fips').click());
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=column-type]')].map((e) => e.textContent.trim()).join() === 'str,str,str,str');
    assert.equal(await cell(page, 0, 3), '36103');
    assert.equal(await cell(page, 0, 2), '1,000');

    await page.getByTestId('dataset-events').click();
    assert.equal(await rowCount(page), 3);
    const nulls = await page.getByTestId('null-count').allTextContents();
    assert.deepEqual(nulls, ['0 null', '1 null']);

    await page.getByTestId('dataset-products').click();
    assert.equal(await rowCount(page), 50);
    const types = await page.getByTestId('column-type').allTextContents();
    assert.equal(types[0], 'i64');

    // Nested JSON: kept as a struct, or flattened on request.
    await page.getByTestId('dataset-videos').click();
    assert.equal(await page.getByTestId('column-header').count(), 2);
    await page.getByTestId('opt-flatten').check();
    await settle(page, () => page.getByTestId('reread').click());
    const names = await page.locator('[data-testid=column-header] .col-name').allTextContents();
    assert.deepEqual(names, ['video_id', 'analytics.views', 'analytics.likes']);
  });
});

test('bad files are refused with file, line and column, and the app keeps its tables', async () => {
  await withApp(async (page) => {
    await upload(page, [{ name: 'good.csv', buffer: 'a,b\n1,2\n3,4\n' }]);
    assert.equal(await rowCount(page), 2);
    const noise = Buffer.alloc(5000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 13 & 0xff;
    const cases = [
      ['empty.csv', '', /empty\.csv: the file is empty/],
      ['ragged.csv', 'a,b\n1,2\n3,4,5\n', /ragged\.csv: line 3, column 5: this row has 3 fields/],
      ['broken.json', '[{"a": 1},\n {"a": 2,}]', /broken\.json: line 2, column \d+: invalid JSON/],
      ['truncated.json', '[{"a": 1}, {"a"', /truncated\.json: line 1, column \d+/],
      // Russian in windows-1251, a code page the page does not offer (windows-1252 and -1258 are detected).
      ['cyrillic.csv', Buffer.from([0xe8, 0xec, 0xff, 0x0a, 0xc8, 0xe2, 0xe0, 0xed, 0x0a, 0xcf, 0xb8, 0xf2, 0xf0, 0x0a]), /cyrillic\.csv: line 1, column 1: byte 0xE8 is not valid UTF-8/],
      ['random.csv', noise, /random\.csv: /],
      ['cut.parquet', Buffer.from('PAR1 this is not really parquet'), /cut\.parquet: .*truncated/],
    ];
    for (const [name, buffer, pattern] of cases) {
      await upload(page, [{ name, buffer }]);
      const error = await page.getByTestId('error').textContent();
      assert.match(error, pattern);
      // What was shown before is still shown.
      assert.equal(await page.getByTestId('dataset-name').textContent(), 'good');
      assert.equal(await rowCount(page), 2);
      await page.getByTestId('dismiss-error').click();
    }
    // And the app still works.
    await upload(page, [{ name: 'after.csv', buffer: 'x\n1\n2\n3\n' }]);
    assert.equal(await rowCount(page), 3);
    assert.equal(await page.getByTestId('error').count(), 0);
  });
});

/** Vietnamese as Windows-1258 writes it: precomposed ă â ê ô ơ ư đ, tone marks as combining bytes. */
function windows1258(text) {
  const tones = { '\u0300': 0xcc, '\u0301': 0xec, '\u0303': 0xde, '\u0309': 0xd2, '\u0323': 0xf2 };
  const letters = { 'a\u0302': 0xe2, 'e\u0302': 0xea, 'o\u0302': 0xf4, 'a\u0306': 0xe3, 'o\u031b': 0xf5, 'u\u031b': 0xfd, 'đ': 0xf0, 'Đ': 0xd0 };
  const out = [];
  for (const ch of text) {
    const parts = [...ch.normalize('NFD')];
    const tone = parts.find((p) => tones[p] !== undefined);
    const rest = parts.filter((p) => tones[p] === undefined).join('');
    out.push(rest.length === 1 && rest.charCodeAt(0) < 128 ? rest.charCodeAt(0) : letters[rest]);
    if (tone) out.push(tones[tone]);
  }
  if (out.some((b) => b === undefined)) throw new Error(`not encodable in windows-1258: ${text}`);
  return Buffer.from(out);
}

test('a Vietnamese file in Windows-1258 is detected; a file that failed reads again with other options', async () => {
  const text = 'họ_tên,thành_phố\nNguyễn Văn An,Hà Nội\nTrần Thị Bình,Hồ Chí Minh\nLê Văn Cường,Đà Nẵng\nPhạm Thu Hương,Hải Phòng\n';
  await withApp(async (page) => {
    await upload(page, [{ name: 'khach_hang.csv', buffer: windows1258(text) }]);
    assert.equal(await rowCount(page), 4);
    assert.equal(await cell(page, 0, 1), 'Hà Nội'); // composed, as a user types it
    assert.equal(await cell(page, 2, 0), 'Lê Văn Cường');
    assert.match((await page.getByTestId('dataset-note').allTextContents()).join(' | '), /not UTF-8: read as windows-1258 \(detected/);

    // Read as UTF-8 on purpose: it fails, then the failed file (not the
    // shown table) is read again once the right encoding is chosen.
    await page.getByTestId('opt-encoding').selectOption('utf-8');
    await upload(page, [{ name: 'don_hang.csv', buffer: windows1258('mã,cửa_hàng\n1,Quận Một\n2,Thủ Đức\n') }]);
    assert.match(await page.getByTestId('error').textContent(), /don_hang\.csv: line 1, column 3: byte 0xDE is not valid UTF-8/);
    assert.equal(await page.getByTestId('dataset-name').textContent(), 'khach_hang');
    await page.getByTestId('opt-encoding').selectOption('windows-1258');
    assert.match(await page.getByTestId('reread-failed').textContent(), /Read don_hang\.csv again with these options/);
    await settle(page, () => page.getByTestId('reread-failed').click());
    assert.equal(await page.getByTestId('dataset-name').textContent(), 'don_hang');
    assert.equal(await cell(page, 1, 1), 'Thủ Đức');
    assert.equal(await page.getByTestId('reread-failed').count(), 0, 'nothing failed this time');
  });
});

test('a file larger than the engine accepts is refused before it is read', async () => {
  await withApp(async (page) => {
    await upload(page, [{ name: 'big.csv', buffer: 'x\n' + '1234567\n'.repeat(300_000) }]);
    assert.match(await page.getByTestId('error').textContent(), /big\.csv: the file is 2\.4 MB, larger than the 1\.0 MB this engine accepts/);
    await upload(page, [{ name: 'small.csv', buffer: 'x\n1\n' }]);
    assert.equal(await rowCount(page), 1);
  }, '?max_file_mb=1');
});

test('cancel stops long work at once and keeps the tables already loaded', async () => {
  await withApp(async (page) => {
    await upload(page, [{ name: 'keep.csv', buffer: 'k\n1\n2\n' }]);
    await page.getByTestId('sample-size').selectOption('1000000');
    await page.getByTestId('sample-retail').click();
    await page.getByTestId('cancel').click();
    assert.match(await page.getByTestId('error').textContent(), /Cancelled/);
    await page.getByTestId('engine-status').filter({ hasText: 'engine ready' }).waitFor();
    await waitIdle(page); // the restore
    assert.equal(await page.getByTestId('dataset-name').textContent(), 'keep');
    assert.equal(await rowCount(page), 2);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=data-table] tr:not(.loading)').length === 2);
    // The restored engine answers new work.
    await upload(page, [{ name: 'next.csv', buffer: 'n\n1\n' }]);
    assert.equal(await rowCount(page), 1);
  });
});
