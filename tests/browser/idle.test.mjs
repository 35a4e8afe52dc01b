// An idle console draws nothing: after about a second without input, an answer, a timer or anything in motion
// it stops the browser's main loop, and the next input draws again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, launchBrowser, openAs, snapshot, startServer, waitForItem } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const frame = async (page) => (await snapshot(page)).frame;
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

test('no frame is drawn in 2 idle seconds, and the next input draws again', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await sleep(1500);  // what is shown settles
    const settled = await frame(page);
    await sleep(2000);
    assert.equal(await frame(page), settled, 'idle: no frames');

    await page.mouse.move(300, 300);
    await page.waitForFunction((f) => window.tokenscopeTest.snapshot().frame > f, settled, { timeout: 2000 });

    // A click acts at once, though the console was asleep.
    await sleep(1500);
    await click(page, 'Segments');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'segment', null, { timeout: 2000 });
    await waitForItem(page, 'checkout / production');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a request on its way keeps the console drawing past the idle second, and its answer is drawn', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    let answered = false;
    await page.route('**/api/v2/tokens**', async (route) => {
      await sleep(2500);  // a slow API
      await route.continue();
      answered = true;
    });
    await sleep(1500);
    await click(page, 'Refresh');
    await sleep(1500);  // past the idle second, the answer still on its way
    const waiting = await frame(page);
    await sleep(300);
    assert.ok(!answered, 'the answer has not come yet');
    assert.ok(await frame(page) > waiting, 'still drawing while the answer is awaited');
    while (!answered) await sleep(50);
    await waitForItem(page, 'Local scripts');
    await sleep(1500);
    const settled = await frame(page);
    await sleep(1000);
    assert.equal(await frame(page), settled, 'idle once it is drawn');
  } finally {
    await context.close();
    await server.stop();
  }
});
