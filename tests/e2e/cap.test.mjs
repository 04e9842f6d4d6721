// The CAP page as a trainer uses it: a shared URL opens a scenario run under
// CP and AP side by side; the checker's verdicts (as of the clock's time)
// and the stale/rejected operations show; the default pace pauses at each
// event; clicking a link or node adds a fault and replays; a bad link says
// what is wrong with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp } from './harness.mjs';

const ctx = useBrowser();

async function withCap(query, fn, { lang = '', ready = 'cp-panel' } = {}) {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, `${lang}#/cap?${query}`);
  try {
    await page.getByTestId(ready).waitFor();
    await fn(page);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

test('partition under AP: stale read flagged; CP rejects instead', async () => {
  await withCap('scenario=partition-ap&seed=1', async (page) => {
    await page.getByTestId('cap-time').fill('3000');
    assert.match(await page.getByTestId('ap-verdict').textContent(), /^Not linearizable since \d+ ms/);
    assert.match(await page.getByTestId('ap-verdict').textContent(), /europe/);
    assert.match(await page.getByTestId('cp-verdict').textContent(), /^Linearizable/);
    assert.equal(await page.getByTestId('ap-panel').locator('tr.cap-op.stale').count(), 1);
    assert.ok(await page.getByTestId('cp-panel').locator('tr.cap-op.rejected').count() >= 1);
    assert.equal(await page.getByTestId('cap-services').locator('tbody tr').count(), 4);
    // Links across the split are drawn cut once the clock passes 200 ms.
    await page.getByTestId('cap-time').fill('300');
    assert.match(await page.getByTestId('ap-link-0-1').getAttribute('class'), /cut/);
    assert.doesNotMatch(await page.getByTestId('ap-link-0-2').getAttribute('class'), /cut/);
    // The violating read is a bar in the AP timeline; clicking it jumps to the moment it completed.
    await page.getByTestId('ap-timeline').locator('rect.bar.violation').last().click();
    assert.equal(await page.getByTestId('cap-clock').textContent(), 't = 650 ms');
  });
});

test('the scenario picker and seed live in the URL', async () => {
  await withCap('scenario=normal&seed=3', async (page) => {
    assert.match(await page.getByTestId('cp-verdict').textContent(), /^Linearizable/);
    await page.getByTestId('cap-scenario').selectOption('partition-cp');
    await page.waitForFunction(() => location.hash.includes('scenario=partition-cp'));
    await page.getByTestId('cp-rejected').filter({ hasText: '2' }).waitFor();
  });
});

test('clicking a node crashes it at the current time and the run replays', async () => {
  await withCap('scenario=normal&seed=1', async (page) => {
    const before = await page.getByTestId('cp-panel').textContent();
    await page.getByTestId('cap-time').fill('0');
    // Crash us-east (the writer) and europe at t=0: no majority for the read.
    await page.getByTestId('cp-node-0').click();
    await page.waitForFunction(() => location.hash.includes('faults='));
    await page.getByTestId('cap-clear-faults').waitFor();
    await page.waitForFunction((b) => document.querySelector('[data-testid=cp-panel]').textContent !== b, before);
    assert.match(await page.getByTestId('cp-node-0').getAttribute('class'), /down/);
    assert.ok(await page.getByTestId('cp-panel').locator('tr.cap-op.rejected').count() >= 1);
    // Play runs the clock forward.
    await page.getByTestId('cap-play').click();
    await page.waitForFunction(() => /t = [1-9]/.test(document.querySelector('[data-testid=cap-clock]').textContent));
  });
});

test('more data centers and a tunable quorum run as a third panel', async () => {
  await withCap('scenario=random&seed=2&nodes=5&quorum=3,2,2', async (page) => {
    await page.getByTestId('quorum-panel').waitFor();
    assert.match(await page.getByTestId('quorum-panel').locator('h2').textContent(), /Quorum N=3 R=2 W=2/);
    assert.equal(await page.getByTestId('cp-panel').locator('g.node').count(), 5);
    // The worker's speed is the benchmark's business, not the room's.
    assert.doesNotMatch(await page.getByTestId('cap-page').textContent(), /events\/s/);
    await page.getByTestId('cap-time').fill('10000');
    // Random workload under a 2–2 split: CP rejects some writes, AP serves stale reads.
    assert.ok(Number(await page.getByTestId('cp-rejected').textContent()) > 0);
    assert.match(await page.getByTestId('ap-verdict').textContent(), /^Not linearizable/);
  });
});

test('AP with version vectors: the toggle keeps concurrent writes as siblings, in the URL', async () => {
  await withCap('scenario=random&seed=2&clients=4', async (page) => {
    assert.match(await page.getByTestId('ap-panel').textContent(), /last writer wins/);
    await page.getByTestId('cap-siblings').check();
    await page.waitForFunction(() => location.hash.includes('siblings=1'));
    await page.getByTestId('ap-panel').filter({ hasText: 'siblings' }).waitFor();
    await page.getByTestId('cap-time').fill('10000');
    // Under the split, clients on both sides write the same keys: some read returns both values.
    await page.getByTestId('ap-panel').locator('tr.cap-op', { hasText: 'read → siblings {' }).first().waitFor();
    assert.match(await page.getByTestId('ap-verdict').textContent(), /^Not linearizable/);
  });
});

test('an unknown scenario says so, names it, and links the real ones (en and vi)', async () => {
  for (const [lang, said] of [['', /There is no scenario “nope”/], ['?lang=vi', /Không có kịch bản nào tên là “nope”/]]) {
    await withCap('scenario=nope&seed=4', async (page) => {
      const box = page.getByTestId('cap-unknown-scenario');
      assert.match(await box.textContent(), said);
      assert.equal(await box.getByTestId('cap-scenario-link').count(), 5);
      assert.equal(await page.getByText(/Simulating…|Đang mô phỏng…/).count(), 0);
      // The page keeps working: a link runs that scenario, with the link's seed.
      await box.getByTestId('cap-scenario-link').nth(1).click();
      await page.getByTestId('cp-panel').waitFor();
      assert.match(await page.evaluate(() => location.hash), /scenario=partition-cp&seed=4/);
      assert.equal(await page.getByTestId('cap-unknown-scenario').count(), 0);
    }, { lang, ready: 'cap-unknown-scenario' });
  }
});

test('an unreadable part of the link is named; the rest of it still applies (en and vi)', async () => {
  for (const [lang, said] of [['', /“faults” part could not be read \(“garbage”\)/], ['?lang=vi', /Không đọc được phần “faults” của đường dẫn \(“garbage”\)/]]) {
    await withCap('scenario=normal&seed=3&faults=garbage', async (page) => {
      assert.match(await page.getByTestId('cap-url-problems').textContent(), said);
      assert.equal(await page.getByTestId('cap-seed').inputValue(), '3');
      assert.equal(await page.getByTestId('cap-scenario').inputValue(), 'normal');
    }, { lang });
  }
});

test('before the first operation the verdict is not "not linearizable"; it says when it became so', async () => {
  await withCap('scenario=partition-ap&seed=1', async (page) => {
    const verdict = page.getByTestId('ap-verdict');
    assert.equal(await page.getByTestId('cap-clock').textContent(), 't = 0 ms');
    assert.match(await verdict.locator('strong').textContent(), /^Linearizable so far$/);
    assert.match(await verdict.textContent(), /first violation at \d+ ms/);
    await page.getByTestId('cap-time').fill('3000');
    assert.match(await verdict.locator('strong').textContent(), /^Not linearizable since \d+ ms$/);
  });
});

test('the default pace pauses at the first fault, says what happened, and continues', async () => {
  await withCap('scenario=partition-ap&seed=1', async (page) => {
    assert.equal(await page.getByTestId('cap-pace').inputValue(), 'events');
    await page.getByTestId('cap-play').click();
    const paused = page.getByTestId('cap-paused');
    await paused.waitFor();
    assert.match(await paused.textContent(), /^Paused at t = 200 ms:.*split \{us-east, europe\} from the rest at 200 ms/);
    assert.equal(await page.getByTestId('cap-clock').textContent(), 't = 200 ms');
    await page.getByTestId('cap-continue').click();
    // The next pause: an operation the run rejected or answered with old data.
    await page.waitForFunction(() => {
      const p = document.querySelector('[data-testid=cap-paused]');
      return p && !p.textContent.startsWith('Paused at t = 200 ms');
    });
    assert.match(await paused.textContent(), /^Paused at t = \d+ ms:.*(CP|AP): .*(rejected|stale)/);
  });
});

test('clicking an operation of the explanation scrubs to it and highlights it', async () => {
  await withCap('scenario=partition-ap&seed=1', async (page) => {
    await page.getByTestId('cap-time').fill('3000');
    const ops = page.getByTestId('ap-violation-op');
    assert.ok(await ops.count() >= 2);
    assert.doesNotMatch(await page.getByTestId('ap-verdict').textContent(), /line \d|lines \d/);
    await ops.last().click();
    assert.equal(await page.getByTestId('cap-clock').textContent(), 't = 650 ms');
    assert.equal(await page.getByTestId('ap-timeline').locator('rect.bar.selected').count(), 1);
    assert.equal(await page.getByTestId('ap-panel').locator('tr.cap-op.selected.stale').count(), 1);
  });
});

test('the random workload\'s timeline scrolls in its own box and zooms', async () => {
  await withCap('scenario=random&seed=2&clients=16', async (page) => {
    const { height, viewport } = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, viewport: innerHeight }));
    assert.ok(height < viewport + 2000, `page is ${height} px for a ${viewport} px viewport`);
    const box = page.getByTestId('cp-timeline-box');
    const fits = await box.evaluate((b) => [b.scrollHeight, b.clientHeight]);
    assert.ok(fits[0] > fits[1] * 2, `the box scrolls: ${fits}`);
    const width = () => page.getByTestId('cp-timeline').evaluate((s) => s.getBoundingClientRect().width);
    const before = await width();
    await page.getByTestId('cp-zoom-in').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((w) => document.querySelector('[data-testid=cp-timeline]').getBoundingClientRect().width > w * 1.5, before);
    await page.getByTestId('cp-zoom-out').click();
    await page.waitForFunction((w) => Math.abs(document.querySelector('[data-testid=cp-timeline]').getBoundingClientRect().width - w) < 2, before);
  });
});

test('CP and AP stay side by side at 150% zoom on 1280 px (853×720)', async () => {
  await withCap('scenario=partition-ap&seed=1', async (page) => {
    await page.setViewportSize({ width: 853, height: 720 });
    const cp = await page.getByTestId('cp-panel').boundingBox();
    const ap = await page.getByTestId('ap-panel').boundingBox();
    assert.equal(Math.round(cp.y), Math.round(ap.y));
    assert.ok(ap.x >= cp.x + cp.width, `${JSON.stringify({ cp, ap })}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
    // The explanation's operations (long JSON values) wrap inside the panel.
    await page.getByTestId('cap-time').fill('3000');
    await page.getByTestId('ap-violation-op').first().waitFor();
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(widths[0] <= widths[1], `page ${widths[0]} px wide in a ${widths[1]} px viewport`);
  });
});

test('the scrub position is in the link: a reload or a shared link opens the run paused at that moment', async () => {
  await withCap('scenario=partition-ap&seed=1&t=650', async (page) => {
    assert.equal(await page.getByTestId('cap-clock').textContent(), 't = 650 ms');
    assert.match(await page.getByTestId('ap-verdict').textContent(), /^Not linearizable since \d+ ms/, 'the verdict as of 650 ms');
    assert.equal(await page.getByTestId('cap-play').textContent(), 'Play', 'opened paused');
    await page.getByTestId('cap-time').fill('300');
    await page.waitForFunction(() => location.hash.endsWith('&t=300'));
    await page.reload();
    await page.getByTestId('cp-panel').waitFor();
    assert.equal(await page.getByTestId('cap-clock').textContent(), 't = 300 ms');
    assert.match(await page.getByTestId('ap-link-0-1').getAttribute('class'), /cut/);
  });
});
