// The CAP page as a trainer uses it: a shared URL opens a scenario run under
// CP and AP side by side; the checker's verdicts and the stale/rejected
// operations show; clicking a link or node adds a fault and replays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp } from './harness.mjs';

const ctx = useBrowser();

async function withCap(query, fn) {
  const { page, problems } = await openApp(ctx.browser, ctx.server.url, `#/cap?${query}`);
  try {
    await page.getByTestId('cp-panel').waitFor();
    await fn(page);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

test('partition under AP: stale read flagged; CP rejects instead', async () => {
  await withCap('scenario=partition-ap&seed=1', async (page) => {
    assert.match(await page.getByTestId('ap-verdict').textContent(), /^Not linearizable/);
    assert.match(await page.getByTestId('ap-verdict').textContent(), /europe|process 2/);
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
    assert.match(await page.getByTestId('cap-speed').textContent(), /Simulated \d+ events .* \d+ events\/s/);
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
    // Under the split, clients on both sides write the same keys: some read returns both values.
    await page.getByTestId('ap-panel').locator('tr.cap-op', { hasText: 'read → siblings {' }).first().waitFor();
    assert.match(await page.getByTestId('ap-verdict').textContent(), /^Not linearizable/);
  });
});
