// The preview over the account's real flags and segments: the Session reads every project's flags and every
// environment's segments after the projects, and a key-glob or tag policy allows exactly the flags it names.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ALLOWED, ARTIFACTS, DENIED, api, click, demoToken, launchBrowser, matrixState, openAs, snapshot, startServer, waitForItem,
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
  await page.evaluate((t) => navigator.clipboard.writeText(t), JSON.stringify(statements));
  const label = await waitForItem(page, 'Policy JSON', 5000, 'text');
  await page.mouse.click(label.x + 40, label.y + label.h * 2.5);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await waitForItem(page, statements[statements.length - 1].resources[0]);  // a builder row shows it
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

// "allowed/cells" of a matrix row, as the row shows it.
async function rowCount(page, row) {
  const labels = (await snapshot(page)).items.map((item) => item.label);
  return labels[labels.indexOf(row) + 1];
}

test('a kill-* policy on qa shows qa partly allowed: exactly the kill- flags, nowhere else', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', OPTIONS);
  try {
    const token = await demoToken(server, 'wendy.writer@example.com');
    const flags = (await api(server, token, 'flags/checkout?limit=100')).body.items;
    const kill = flags.filter((flag) => flag.key.startsWith('kill-')).length;
    assert.ok(kill > 0 && kill < flags.length, 'the demo project has some kill- flags, not only those');

    await pastePolicy(page, [
      { effect: 'allow', resources: ['proj/*'], actions: ['viewProject'] },
      { effect: 'allow', resources: ['proj/checkout:env/qa:flag/kill-*'], actions: ['updateOn'] },
    ]);
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'flag');
    await waitForItem(page, 'checkout / qa');
    assert.equal(await settledState(page, 'checkout / qa', 'updateOn', PARTLY), PARTLY);
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), DENIED);
    assert.equal(await matrixState(page, 'flag', 'checkout / test', 'updateOn'), DENIED);
    assert.equal(await matrixState(page, 'flag', 'mobile-app / production', 'updateOn'), DENIED);
    assert.equal(await matrixState(page, 'flag', 'checkout / qa', 'deleteFlag'), DENIED);
    assert.match(await rowCount(page, 'checkout / qa'), new RegExp(`^${kill}/\\d+$`), 'the row counts the kill- flags');
    await page.screenshot({ path: path.join(ARTIFACTS, 'flags-kill-glob.png') });
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a tag policy allows the tagged flags; a policy on every flag allows the whole row', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', OPTIONS);
  try {
    await pastePolicy(page, [
      { effect: 'allow', resources: ['proj/*'], actions: ['viewProject'] },
      { effect: 'allow', resources: ['proj/*:env/staging:flag/*;beta'], actions: ['updateOn'] },
      { effect: 'allow', resources: ['proj/*:env/test:flag/*'], actions: ['updateOn'] },
    ]);
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'flag');
    await waitForItem(page, 'checkout / staging');
    assert.equal(await settledState(page, 'checkout / staging', 'updateOn', PARTLY), PARTLY);
    assert.equal(await matrixState(page, 'flag', 'checkout / test', 'updateOn'), ALLOWED);
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), DENIED);
  } finally {
    await context.close();
    await server.stop();
  }
});
