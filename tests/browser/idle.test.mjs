// An idle console draws nothing: after about a second without input, an answer, a timer or anything in motion
// it stops the browser's main loop, and the next input draws again. While it draws, a frame that would show
// exactly what the canvas shows is laid out but not painted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, distinctColours, launchBrowser, openAs, snapshot, startServer, waitForItem } from './harness.mjs';

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

// Draws `count` more frames, waking the console before each (an idle console draws nothing).
async function drawFrames(page, count) {
  for (let i = 0; i < count; ++i) {
    const before = await frame(page);
    await page.evaluate(() => window.tokenscopeTest.wake());
    await page.waitForFunction((f) => window.tokenscopeTest.snapshot().frame > f, before);
  }
}

test('a frame that shows nothing new is not painted, the canvas keeps its picture, and a change paints', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await page.mouse.move(5, 895);  // over no widget
    let painted;
    do {  // what is shown settles
      painted = (await snapshot(page)).painted;
      await drawFrames(page, 5);
    } while ((await snapshot(page)).painted !== painted);
    const settled = await page.screenshot();

    const drawnBefore = await frame(page);
    await drawFrames(page, 20);
    const shown = await snapshot(page);
    assert.ok(shown.frame >= drawnBefore + 20, 'the frames were drawn');
    assert.equal(shown.painted, painted, 'none of them was painted: each showed what the canvas shows');
    const kept = await page.screenshot();
    assert.ok(kept.equals(settled), 'the canvas shows the last painted frame, unchanged');
    assert.ok(await distinctColours(page, kept) > 8, 'and that frame is the console, not a blank canvas');

    const refresh = await waitForItem(page, 'Refresh');
    await page.mouse.move(refresh.x + refresh.w / 2, refresh.y + refresh.h / 2);  // a hovered button is lighter
    await page.waitForFunction((p) => window.tokenscopeTest.snapshot().painted > p, painted);
    assert.ok(!(await page.screenshot()).equals(settled), 'a frame that shows a change is painted');
  } finally {
    await context.close();
    await server.stop();
  }
});
