// The console on a large account, in headless Chromium (SwiftShader): 20 projects × 5 environments × 5,000 flags
// (500,000 flag-environment resources) and 20 segments per environment, seeded by bench/seed_bench_db.py.
// Prints the time from "act as" to a complete preview (every flag and segment read, the preview worked out over
// them), the longest frame meanwhile, and the longest frame while the preview is worked out again after a scope
// change (the console spreads that work over frames, at most 12 ms of it per frame).
//   node bench/console_large_account.mjs [projects=20] [environments=5] [flags=5000] [segments=20]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, launchBrowser, openAs, snapshot, startServer, tempDir, waitForItem } from '../tests/browser/harness.mjs';

const [projects = 20, environments = 5, flags = 5000, segments = 20] = process.argv.slice(2).map(Number);

// Follows the frames drawn from now on: the frame counter and the last 600 frames' CPU times, read often enough
// that none is missed.
function frameRecorder(page) {
  const times = [];
  let last;
  return {
    async start() { last = (await snapshot(page)).frame; times.length = 0; },
    async poll() {
      const now = await snapshot(page);
      const count = Math.min(now.frame - last, now.frameCpuMs.length);
      times.push(...now.frameCpuMs.slice(now.frameCpuMs.length - count));
      last = now.frame;
      return now;
    },
    times,
  };
}

function describe(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `${sorted.length} frames, CPU median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, longest ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

const busy = (labels) => labels.some((label) => /^Loading|^Working out the preview/.test(label));

// Polls until `done(labels)` holds, recording frames; returns the seconds it took.
async function until(page, recorder, done, timeoutMs) {
  const started = Date.now();
  for (;;) {
    const labels = (await recorder.poll()).items.map((item) => item.label);
    if (done(labels)) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`not done after ${timeoutMs / 1000} s: ${labels.filter((l) => /Load|Work/.test(l))}`);
    await page.waitForTimeout(250);
  }
}

const { dir, remove } = tempDir();
const browser = await launchBrowser({ optimizingCompiler: true });
try {
  const db = path.join(dir, 'large.sqlite3');
  execFileSync('python3', ['bench/seed_bench_db.py', '--out', db, '--tokens', '0', '--projects', String(projects),
    '--environments', String(environments), '--flags', String(flags), '--segments', String(segments)], { cwd: ROOT, stdio: 'ignore' });
  const server = await startServer({ db });
  try {
    console.log(`account: the demo's 5 projects plus ${projects} × ${environments} environments × ${flags.toLocaleString('en')} flags, ` +
      `${segments} segments per environment (${(projects * environments * flags).toLocaleString('en')} flag-environment resources)`);
    const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', { waitForListings: false });
    await page.evaluate(() => {  // main-thread tasks over 50 ms, frames or not (a response handled between frames)
      window.longTasks = [];
      new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    const longTasks = async () => page.evaluate(() => window.longTasks.splice(0).map((d) => d.toFixed(0)).join(', ') || 'none');
    const recorder = frameRecorder(page);
    const button = await waitForItem(page, 'Olivia Owner (owner)', 20000, 'widget');
    await recorder.start();
    await page.mouse.click(button.x + button.w / 2, button.y + button.h / 2);
    await waitForItem(page, /^Loading flags and segments/, 20000);
    const loaded = await until(page, recorder, (labels) => !busy(labels) && labels.some((l) => /^Can turn flags/.test(l)), 600000);
    const totals = (await snapshot(page)).items.find((item) => /^[\d,]+ resources: /.test(item.label)).label;
    console.log(`act as Olivia -> complete preview: ${loaded.toFixed(1)} s (${totals.split(':')[0]}); ${describe(recorder.times)}; ` +
      `main-thread tasks over 50 ms: ${await longTasks()}`);

    // A change of scope: the base role "writer" instead of "reader".
    await recorder.start();
    const writer = await waitForItem(page, 'writer', 5000, 'widget');
    await page.mouse.click(writer.x + 8, writer.y + writer.h / 2);
    const recomputed = await until(page, recorder, (labels) => !busy(labels) &&
      labels.some((l) => /^[\d,]+ resources: /.test(l) && l !== totals), 60000);
    console.log(`scope change (reader -> writer) -> new preview: ${recomputed.toFixed(2)} s; ${describe(recorder.times)}; ` +
      `main-thread tasks over 50 ms: ${await longTasks()}`);
    await context.close();
  } finally {
    await server.stop();
  }
} finally {
  await browser.close();
  remove();
}
