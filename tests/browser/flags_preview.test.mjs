// The preview over the account's real flags and segments: the Session reads every project's flags and every
// environment's segments after the projects, and a key-glob or tag policy allows exactly the flags it names.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ALLOWED, ARTIFACTS, DENIED, api, click, matrixWithColumn, demoToken, launchBrowser, matrixState, openAs, pastePolicyJson,
  snapshot, startServer, waitForItem,
} from './harness.mjs';

const PARTLY = 3;  // CellShade::Partial: some of the group's flags, not all
// Tall enough that the builder's rows leave the matrix in sight.
const OPTIONS = { permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1400, height: 1600 } };

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function pastePolicy(page, statements) {
  await click(page, 'Inline policy');
  await waitForItem(page, 'Add statement');
  await pastePolicyJson(page, JSON.stringify(statements));
  await waitForItem(page, statements[statements.length - 1].resources[0]);  // a builder row shows it
  await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'flag');
}

// The demo project checkout's flags, as the API lists them to Wendy, and how many are kill- flags.
async function checkoutFlags(server) {
  const token = await demoToken(server, 'wendy.writer@example.com');
  const flags = (await api(server, token, 'flags/checkout?limit=100')).body.items;
  return { flags, kill: flags.filter((flag) => flag.key.startsWith('kill-')).length };
}

// A matrix cell's state once the preview has caught up with the draft (it follows when typing pauses).
async function settledState(page, row, action, expected) {
  const deadline = Date.now() + 10000;
  let state;
  while (Date.now() < deadline) {
    state = await matrixState(page, 'flag', row, action);
    if (state === expected) return state;
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  return state;
}

// Clicks one cell of the matrix (its row in sight).
async function clickCell(page, row, action) {
  const matrix = await matrixWithColumn(page, action);
  const r = matrix.rows.indexOf(row);
  const c = matrix.columns.indexOf(action);
  assert.ok(r >= 0 && c >= 0, `${row} × ${action} in sight`);
  await page.mouse.click(matrix.x + (c + 0.5) * matrix.cellWidth, matrix.y + (r + 0.5) * matrix.cellHeight);
}

// Scrolls the matrix with the mouse wheel until `accept(matrix)` holds; returns that matrix.
async function scrollMatrix(page, accept, step) {
  for (let tries = 0; tries < 400; ++tries) {
    const { matrix } = await snapshot(page);
    if (accept(matrix)) return matrix;
    await page.mouse.move(matrix.x + matrix.cellWidth, matrix.y + matrix.cellHeight);
    await page.mouse.wheel(0, step(matrix));
    const frame = (await snapshot(page)).frame;
    await page.waitForFunction((f) => window.tokenscopeTest.snapshot().frame > f + 1, frame);
  }
  throw new Error('the matrix did not scroll there');
}

async function scrollTo(page, row) {
  await scrollMatrix(page, (m) => m.firstRow === 0, () => -2000);
  await scrollMatrix(page, (m) => m.rows.indexOf(row) >= 0 && m.rows.indexOf(row) < m.rows.length - 3, () => 100);
}

// Every row's state for one action, read by scrolling the matrix from top to bottom.
async function everyRow(page, action) {
  await matrixWithColumn(page, action);
  await scrollMatrix(page, (m) => m.firstRow === 0, () => -2000);
  const states = {};
  await scrollMatrix(page, (m) => {
    const c = m.columns.indexOf(action);
    m.rows.forEach((row, r) => { states[row] = m.states[r * m.columns.length + c]; });
    return m.firstRow + m.rows.length >= m.rowCount;
  }, () => 200);
  return states;
}

// "allowed/cells" of a matrix row, as the row shows it.
async function rowCount(page, row) {
  const labels = (await snapshot(page)).items.map((item) => item.label);
  return labels[labels.indexOf(row) + 1];
}

test('a kill-* policy on qa shows qa partly allowed: exactly the kill- flags, nowhere else', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', OPTIONS);
  try {
    const { flags, kill } = await checkoutFlags(server);
    assert.ok(kill > 0 && kill < flags.length, 'the demo project has some kill- flags, not only those');

    await pastePolicy(page, [
      { effect: 'allow', resources: ['proj/*'], actions: ['viewProject'] },
      { effect: 'allow', resources: ['proj/checkout:env/qa:flag/kill-*'], actions: ['updateOn'] },
    ]);
    await waitForItem(page, 'checkout / qa');
    assert.equal(await settledState(page, 'checkout / qa', 'updateOn', PARTLY), PARTLY);
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), DENIED);
    assert.equal(await matrixState(page, 'flag', 'checkout / test', 'updateOn'), DENIED);
    assert.equal(await matrixState(page, 'flag', 'mobile-app / production', 'updateOn'), DENIED);
    assert.equal(await matrixState(page, 'flag', 'checkout / qa', 'deleteFlag'), DENIED);
    assert.match(await rowCount(page, 'checkout / qa'), new RegExp(`^${kill}/\\d+$`), 'the row counts the kill- flags');

    // The group's cell says how many of its flags, with one flag's reasons per state.
    await clickCell(page, 'checkout / qa', 'updateOn');
    await waitForItem(page, `updateOn on the ${flags.length} flags of checkout / qa: ${kill} allowed, ${flags.length - kill} denied (open the row for each)`);

    // The row opens into its flags: every kill- flag allowed, every other flag denied; one flag's reasons on click.
    await click(page, 'checkout / qa');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix.rows.some((row) => row.startsWith('checkout / qa / ')));
    const rows = await everyRow(page, 'updateOn');
    const qaFlags = Object.keys(rows).filter((row) => row.startsWith('checkout / qa / '));
    assert.deepEqual(qaFlags.sort(), flags.map((flag) => `checkout / qa / ${flag.key}`).sort(), 'a row per flag of checkout');
    for (const flag of flags)
      assert.equal(rows[`checkout / qa / ${flag.key}`], flag.key.startsWith('kill-') ? ALLOWED : DENIED, flag.key);
    const killFlag = flags.find((flag) => flag.key.startsWith('kill-')).key;
    await scrollTo(page, `checkout / qa / ${killFlag}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'flags-kill-glob.png') });
    await clickCell(page, `checkout / qa / ${killFlag}`, 'updateOn');
    await waitForItem(page, `updateOn on proj/checkout:env/qa:flag/${killFlag}: allowed`);
    await waitForItem(page, /^- .*proj\/checkout:env\/qa:flag\/kill-\*/);

    await click(page, 'checkout / qa');  // closes again
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().matrix.rows.some((row) => row.startsWith('checkout / qa / ')));
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a tag policy allows the tagged flags; a policy on every flag allows the whole row', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', OPTIONS);
  try {
    const { flags, kill } = await checkoutFlags(server);
    await pastePolicy(page, [
      { effect: 'allow', resources: ['proj/*'], actions: ['viewProject'] },
      { effect: 'allow', resources: ['proj/*:env/staging:flag/*;beta'], actions: ['updateOn'] },
      { effect: 'allow', resources: ['proj/*:env/test:flag/*'], actions: ['updateOn'] },
      { effect: 'allow', resources: ['proj/checkout:env/production:flag/kill-*'], actions: ['updateOn'] },
    ]);
    await waitForItem(page, 'checkout / staging');
    assert.equal(await settledState(page, 'checkout / staging', 'updateOn', PARTLY), PARTLY);
    assert.equal(await matrixState(page, 'flag', 'checkout / test', 'updateOn'), ALLOWED);
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), PARTLY);
    assert.equal(await matrixState(page, 'flag', 'mobile-app / production', 'updateOn'), DENIED);
    // The summary speaks of the flags themselves, in the one critical environment where some can be toggled.
    await waitForItem(page, `Can turn flags on and off in 1 of 5 critical environments: ${kill} of ${flags.length} flags in checkout / production.`);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('under a rate limit the listings slow down before the API refuses: no 429, every flag and segment read', async () => {
  // 12 calls per route per 10 s: the demo's 20 environments' segment listings need two windows.
  const server = await startServer({ extraArgs: ['--rate-limit', '12'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const refused = [];
  const listingCalls = [];
  page.on('response', (response) => {
    if (!/\/api\/v2\/(flags|segments)\//.test(response.url())) return;
    listingCalls.push(response.url());
    if (response.status() === 429) refused.push(response.url());
  });
  try {
    await page.goto(server.url);
    await waitForItem(page, /^Can turn flags on and off/);
    await waitForItem(page, /^Loading flags and segments/);
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^Loading flags and segments/.test(i.label)),
      null, { timeout: 40000 });
    assert.deepEqual(refused, [], 'paced by X-Ratelimit-Route-Remaining, never refused');
    assert.ok(listingCalls.filter((url) => url.includes('/segments/')).length >= 20, 'every environment\'s segments were read');
    const labels = (await snapshot(page)).items.map((item) => item.label);
    assert.ok(!labels.some((label) => /could not be read|may not read/.test(label)), JSON.stringify(labels));
  } finally {
    await context.close();
    await server.stop();
  }
});
