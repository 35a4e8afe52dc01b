// The console's first visit: what it costs on the wire and how soon it shows something, in headless Chromium.
//   node bench/console_startup.mjs [runs=5]
// Prints each asset's size (raw, gzip, brotli, from the build's site manifest), the bytes the first load
// actually transferred (Resource Timing, headers included), and the medians over the runs of: navigation
// to the first frame, and navigation to the first frame that shows the member the console acts as.
// For scale, the same browser's floor: navigation to the first frame of a bare page that only makes a WebGL2
// context the console's size and clears it (under SwiftShader, on a small machine, this alone is slow).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, launchBrowser, startServer } from '../tests/browser/harness.mjs';

const runs = Number(process.argv[2] || 5);
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'build', 'web', 'site-manifest.json'), 'utf8'));
const kib = (bytes) => (bytes === undefined ? '-' : (bytes / 1024).toFixed(1)).padStart(8);

console.log(`${'asset'.padEnd(26)} ${'raw KiB'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
const total = { raw: 0, gz: 0, br: 0 };
for (const [name, sizes] of Object.entries(manifest)) {
  console.log(`${name.padEnd(26)} ${kib(sizes.raw)} ${kib(sizes.gz)} ${kib(sizes.br)}`);
  for (const key of Object.keys(total)) total[key] += sizes[key] ?? sizes.raw;
}
console.log(`${'all assets'.padEnd(26)} ${kib(total.raw)} ${kib(total.gz)} ${kib(total.br)}`);
for (const [part, sizes] of Object.entries(manifest['tokenscope_console.wasm'].parts ?? {})) {
  console.log(`  wasm: ${part.padEnd(19)} ${kib(sizes.raw)} ${kib(sizes.gz)} ${kib(sizes.br)}`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const server = await startServer();
const browser = await launchBrowser({ optimizingCompiler: true });
const firstFrame = [];
const memberShown = [];
const bareFrame = [];
const BARE_WEBGL2_PAGE = `<!doctype html><canvas style="width:100vw;height:100vh;display:block"></canvas><script>
  const canvas = document.querySelector('canvas');
  canvas.width = innerWidth * devicePixelRatio; canvas.height = innerHeight * devicePixelRatio;
  const gl = canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false });
  gl.clearColor(0, 0, 0, 1); gl.clear(gl.COLOR_BUFFER_BIT); gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  requestAnimationFrame(() => { window.firstFrameMs = performance.now(); });
</script>`;
const transferred = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });  // an empty cache
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.tokenscopeTest?.snapshot().memberShownMs > 0, null, { timeout: 30000 });
    const stamps = await page.evaluate(() => {
      const { firstFrameMs, memberShownMs } = window.tokenscopeTest.snapshot();
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      const bytes = entries.filter((entry) => entry.startTime <= memberShownMs)
        .reduce((sum, entry) => sum + entry.transferSize, 0);
      return { firstFrameMs, memberShownMs, bytes };
    });
    firstFrame.push(stamps.firstFrameMs);
    memberShown.push(stamps.memberShownMs);
    transferred.push(stamps.bytes);
    await context.close();

    const bare = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const barePage = await bare.newPage();
    await barePage.route('**/bare-webgl2', (route) => route.fulfill({ contentType: 'text/html', body: BARE_WEBGL2_PAGE }));
    await barePage.goto(`${server.url}bare-webgl2`);
    bareFrame.push(await barePage.waitForFunction(() => window.firstFrameMs).then((handle) => handle.jsonValue()));
    await bare.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const range = (values) => `(min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
console.log(`on the wire until the member is shown: median ${kib(median(transferred)).trim()} KiB`);
console.log(`navigation to first frame: median ${median(firstFrame).toFixed(0)} ms over ${runs} runs ${range(firstFrame)}`);
console.log(`floor, a bare WebGL2 page's first frame: median ${median(bareFrame).toFixed(0)} ms ${range(bareFrame)}`);
console.log(`navigation to member shown: median ${median(memberShown).toFixed(0)} ms over ${runs} runs ${range(memberShown)}`);
