// Frames an idle console draws, in headless Chromium: after the demo account is shown and a settling second
// has passed, how many frames are drawn in the next 5 seconds without input (goal: 0), and how soon a mouse
// move draws again; then, of the frames drawn in the settling second after it, how many were painted (a frame
// that shows what the canvas shows already is not).
//   node bench/console_idle.mjs [seconds=5]
import { launchBrowser, openAs, snapshot, startServer } from '../tests/browser/harness.mjs';

const seconds = Number(process.argv[2] || 5);
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

const browser = await launchBrowser({ optimizingCompiler: true });
const server = await startServer();
try {
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  await sleep(1500);
  const first = (await snapshot(page)).frame;
  await sleep(seconds * 1000);
  const idle = (await snapshot(page)).frame - first;
  console.log(`idle: ${idle} frames drawn in ${seconds} s without input`);
  const before = (await snapshot(page)).frame;
  const started = Date.now();
  await page.mouse.move(200, 200);
  await page.waitForFunction((f) => window.tokenscopeTest.snapshot().frame > f, before);
  console.log(`woken: the first frame after a mouse move came ${Date.now() - started} ms later`);
  const woken = await snapshot(page);
  await sleep(1500);
  const settled = await snapshot(page);
  console.log(`settling: ${settled.frame - woken.frame} frames drawn after the mouse move, ${settled.painted - woken.painted} painted`);
  await context.close();
} finally {
  await server.stop();
  await browser.close();
}
