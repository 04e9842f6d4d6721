// Hostile files in the page: 100 000 levels of JSON (which used to overflow
// the worker's stack and kill it), a Parquet footer of 1 000 nested groups
// (minutes of work in polars) or lying about its length, random bytes named
// .parquet, a CSV ending in a lone quote (a panic in polars), a Parquet
// page header with a negative count and a damaged page (a panic in polars'
// decoder, which used to abort the worker). Each is
// refused with a message naming the file, the engine is not restarted, the
// table loaded before is still listed and shown, and the engine answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openApp, rowCount, upload, root } from './harness.mjs';

const ctx = useBrowser();
const corpus = (name) => readFileSync(path.join(root, 'crates', 'engine', 'tests', 'corpus', name));

test('hostile files are refused by name, the engine survives and keeps its tables', async () => {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url);
  try {
    await upload(page, [{ name: 'good.csv', buffer: 'id,name\n1,a\n2,b\n3,c\n' }]);
    assert.equal(await rowCount(page), 3);
    const noise = Buffer.alloc(4096);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 13 & 0xff;
    const deep = 100_000;
    const cases = [
      ['deep.json', '['.repeat(deep) + ']'.repeat(deep),
        /deep\.json: line 1, column 66: a row nests arrays and objects more than 64 levels deep here/],
      ['deep.jsonl', '{"a":1}\n' + '{"a":'.repeat(deep) + '1' + '}'.repeat(deep) + '\n',
        /deep\.jsonl: line 2, column 321: a row nests arrays and objects more than 64 levels deep here/],
      ['noise.parquet', noise, /noise\.parquet: not a Parquet file/],
      ['schema.parquet', corpus('bad_deep_schema.parquet'),
        /schema\.parquet: the Parquet file's schema nests more than 64 levels deep/],
      ['footer.parquet', corpus('bad_footer_length.parquet'),
        /footer\.parquet: the Parquet footer is corrupt: it claims 4\.3 GB of metadata/],
      ['quote.csv', corpus('bad_lone_quote.csv'), /quote\.csv: line 3, column 3: this quoted field is never closed/],
      // A page header claiming -30 values (polars asked for exabytes).
      ['count.parquet', corpus('bad_page_negative_count.parquet'),
        /count\.parquet: the Parquet file is corrupt: a page of column chunk 6 \(byte 1114\) claims -30 values/],
      // A damaged page polars' decoder asserts on: the web build unwinds,
      // so the engine catches it instead of dying.
      ['page.parquet', corpus('bad_data_page.parquet'),
        /page\.parquet: the Parquet reader failed on damaged data \(assertion failed: offset \+ length <= self\.length\)/],
    ];
    for (const [name, buffer, pattern] of cases) {
      await upload(page, [{ name, buffer }]);
      const error = await page.getByTestId('error').textContent();
      assert.match(error, pattern);
      assert.doesNotMatch(error, /crashed|restarted/, `${name}: the engine kept running`);
      // The good table is still listed and shown.
      assert.equal(await page.getByTestId('dataset-good').count(), 1, name);
      assert.equal(await page.getByTestId('dataset-name').textContent(), 'good');
      assert.equal(await rowCount(page), 3);
      await page.getByTestId('dismiss-error').click();
    }
    // The same engine still answers: a pandas categorical Parquet (its
    // Arrow schema would panic polars) loads as text, then a new CSV.
    await upload(page, [{ name: 'categories.parquet', buffer: corpus('ok_pyarrow_dictionary.parquet') }]);
    assert.equal(await page.getByTestId('error').count(), 0);
    assert.equal(await page.getByTestId('dataset-name').textContent(), 'categories');
    assert.equal(await rowCount(page), 3);
    await upload(page, [{ name: 'after.csv', buffer: 'x\n1\n2\n' }]);
    assert.equal(await rowCount(page), 2);
    await page.getByTestId('dataset-good').click();
    assert.equal(await rowCount(page), 3);
    assert.deepEqual(problems, [], 'no console errors or page errors');
  } finally {
    await page.close();
  }
});
