// Frame CPU time of the console in large accounts, in headless Chromium (SwiftShader): the main-thread time
// of each frame as the console measures it (performance.now() around its frame function), while a person
// scrolls. Two accounts, each seeded by bench/seed_bench_db.py:
//   tokens:  the demo account plus 10,000 personal tokens, all listed ("Show all members' tokens")
//   preview: the demo account plus 1,000 projects × 50 environments, the preview open on it
//   node bench/console_frames.mjs [seconds=4]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, launchBrowser, openAs, snapshot, startServer, tempDir, waitForItem } from '../tests/browser/harness.mjs';

const seconds = Number(process.argv[2] || 4);

function seed(file, args) {
  execFileSync('python3', ['bench/seed_bench_db.py', '--out', file, ...args], { cwd: ROOT, stdio: 'ignore' });
}

function describe(label, times, elapsedMs) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(`${label}: ${sorted.length} frames in ${(elapsedMs / 1000).toFixed(1)} s (${(sorted.length / (elapsedMs / 1000)).toFixed(0)} fps); ` +
    `frame CPU median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`);
}

// Scrolls with the mouse wheel over (x, y) for `seconds`, and returns the frames drawn meanwhile.
async function framesWhileScrolling(page, x, y) {
  await page.mouse.move(x, y);
  const first = (await snapshot(page)).frame;
  const started = Date.now();
  let direction = 1;
  while (Date.now() - started < seconds * 1000) {
    await page.mouse.wheel(0, 120 * direction);
    await page.waitForTimeout(30);
    if ((Date.now() - started) % 2000 < 40) direction = -direction;
  }
  const elapsed = Date.now() - started;
  const last = await snapshot(page);
  const count = Math.min(last.frame - first, last.frameCpuMs.length);
  return { times: last.frameCpuMs.slice(-count), elapsed };
}

const { dir, remove } = tempDir();
const browser = await launchBrowser({ optimizingCompiler: true });
try {
  const tokensDb = path.join(dir, 'tokens.sqlite3');
  seed(tokensDb, ['--tokens', '10000', '--projects', '0']);
  let server = await startServer({ db: tokensDb });
  try {
    const { context, page } = await openAs(browser, server, 'Olivia Owner (owner)', 'olivia.owner@example.com');
    const started = Date.now();
    const checkbox = await waitForItem(page, 'Show all members\' tokens');
    await page.mouse.click(checkbox.x + 8, checkbox.y + checkbox.h / 2);
    const listed = await waitForItem(page, /^1\d{4} listed$/, 60000);
    console.log(`tokens: ${listed.label} after ${((Date.now() - started) / 1000).toFixed(1)} s of paging through the API (100 a page)`);
    const table = await waitForItem(page, 'Audit export', 5000, 'widget');
    const { times, elapsed } = await framesWhileScrolling(page, table.x + 100, table.y + 100);
    describe('tokens: scrolling the table of 10,000+', times, elapsed);
    await context.close();
  } finally {
    await server.stop();
  }

  const previewDb = path.join(dir, 'preview.sqlite3');
  seed(previewDb, ['--tokens', '0', '--projects', '1000', '--environments', '50']);
  server = await startServer({ db: previewDb });
  try {
    const started = Date.now();
    // Its 51,000 listings of flags and segments take minutes to read (bench/console_large_account.mjs measures a
    // large account read whole); this measures the matrix of 50,000 rows, over the stand-in "any flag".
    const { context, page } = await openAs(browser, server, 'Olivia Owner (owner)', 'olivia.owner@example.com', { waitForListings: false });
    const summary = await waitForItem(page, /^[\d,]+ resources: /, 120000);
    console.log(`preview: ${summary.label.split(':')[0]} in the account, shown ${((Date.now() - started) / 1000).toFixed(1)} s after opening`);
    const { matrix } = await snapshot(page);
    console.log(`preview: the Flags tab has ${matrix.rowCount} rows (project / environment), ${matrix.rows.length} in sight`);
    const { times, elapsed } = await framesWhileScrolling(page, matrix.x + 40, matrix.y + 40);
    describe('preview: scrolling the matrix', times, elapsed);

    // A change of scope: the preview of the whole account is computed again within one frame.
    const before = (await snapshot(page)).frame;
    const writer = await waitForItem(page, 'writer', 5000, 'widget');
    await page.mouse.click(writer.x + 8, writer.y + writer.h / 2);
    await page.waitForTimeout(1500);
    const after = await snapshot(page);
    const recompute = Math.max(...after.frameCpuMs.slice(-(after.frame - before)));
    console.log(`preview: the frame that recomputes it after a scope change took ${recompute.toFixed(1)} ms`);
    await context.close();
  } finally {
    await server.stop();
  }
} finally {
  await browser.close();
  remove();
}
