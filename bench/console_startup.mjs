// Prints the console's bundle sizes (raw and gzip) and navigation-to-first-frame in headless Chromium:
// the time from navigation start until the console has drawn its first frame, median of N runs.
//   node bench/console_startup.mjs [runs=5]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, launchBrowser, startServer } from '../tests/browser/harness.mjs';

const runs = Number(process.argv[2] || 5);
const site = path.join(ROOT, 'build', 'web', 'site');

for (const file of ['tokenscope_console.wasm', 'tokenscope_console.js', 'loader.js', 'index.html']) {
  const bytes = readFileSync(path.join(site, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(`${file.padEnd(26)} raw ${(bytes.length / 1024).toFixed(1).padStart(8)} KiB   gzip ${(gzip / 1024).toFixed(1).padStart(8)} KiB`);
}

const server = await startServer();
const browser = await launchBrowser();
const timings = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.waitForFunction(() => window.tokenscopeTest?.snapshot().frame >= 1, null, { timeout: 30000 });
    // The console stamps its first frame with performance.now(), which counts from navigation start.
    timings.push(await page.evaluate(() => window.tokenscopeTest.snapshot().firstFrameMs));
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)];
console.log(`navigation to first frame: median ${median.toFixed(0)} ms over ${runs} runs ` +
  `(min ${timings[0].toFixed(0)}, max ${timings[timings.length - 1].toFixed(0)})`);
