// The inline policy's statement builder and the JSON editor, kept in step; errors shown at their statement;
// copy and paste in text fields through the browser's clipboard.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ALLOWED, ARTIFACTS, DENIED, click, copyPolicyJson, focusField, launchBrowser, matrixState, openAs, pastePolicyJson, scrollPartTo,
  inputSettled, snapshot, startServer, steadySnapshot, waitForItem,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

// Clicks the last widget labelled `label` (statement rows repeat their labels), near its left edge.
async function clickLast(page, label) {
  const items = (await steadySnapshot(page, label)).items.filter((item) => item.kind === 'widget' && item.label === label);
  assert.ok(items.length > 0, `no ${label} on screen`);
  const item = items[items.length - 1];
  await page.mouse.click(item.x + Math.min(12, item.w / 2), item.y + item.h / 2);
}

test('pickers build a statement, the JSON follows, and the preview shows it', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', CLIPBOARD);
  try {
    await click(page, 'Inline policy');
    // Statement 1: viewProject on every project (without it nothing inside a project is reachable).
    await click(page, 'Add statement', { part: 'draft' });
    await waitForItem(page, 'proj/*:env/*:flag/*');
    await waitForItem(page, /^No project is viewable/);
    await click(page, 'resource type', { at: 'left' });
    await waitForItem(page, 'Relay Proxy configurations');  // the list is open (the preview has a Projects tab too)
    await click(page, 'Projects');
    await waitForItem(page, 'proj/*');
    await click(page, 'actions', { at: 'left' });
    await click(page, 'All actions (*)');
    await click(page, 'viewProject');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^No project is viewable/.test(i.label)));

    // Statement 2: updateOn, flags, production environments.
    await click(page, 'Add statement', { part: 'draft' });
    await waitForItem(page, '#2');
    await clickLast(page, 'actions');
    await click(page, 'All actions (*)');
    await click(page, 'updateOn');
    await page.keyboard.press('Escape');
    await click(page, 'environment', { at: 'left' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('production');
    await page.keyboard.press('Enter');
    await waitForItem(page, 'proj/*:env/production:flag/*');
    await clickLast(page, 'project tags');
    await click(page, 'payments');  // a tag of the account's projects
    await page.keyboard.press('Escape');
    await waitForItem(page, 'proj/*;payments:env/production:flag/*');

    assert.deepEqual(await copyPolicyJson(page), [
      { effect: 'allow', resources: ['proj/*'], actions: ['viewProject'] },
      { effect: 'allow', resources: ['proj/*;payments:env/production:flag/*'], actions: ['updateOn'] },
    ]);
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), ALLOWED);
    assert.equal(await matrixState(page, 'flag', 'checkout / staging', 'updateOn'), DENIED);
    assert.equal(await matrixState(page, 'flag', 'mobile-app / production', 'updateOn'), DENIED);  // not tagged payments
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'deleteFlag'), DENIED);
    await page.screenshot({ path: path.join(ARTIFACTS, 'builder-statement.png') });
  } finally {
    await context.close();
    await server.stop();
  }
});

test('JSON pasted into the editor becomes builder rows; what the pickers cannot express stays JSON, errors sit at their statement', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', CLIPBOARD);
  try {
    await click(page, 'Inline policy');
    await pastePolicyJson(page, JSON.stringify([
      { effect: 'allow', resources: ['proj/checkout:env/*:segment/*'], actions: ['*'] },
      { effect: 'deny', notResources: ['proj/*:env/production:flag/*'], actions: ['updateOn'] },
      { effect: 'allow', resources: ['proj/*:env/staging:flag/*;{critical:'], actions: ['updateOn'] },
    ]));
    await waitForItem(page, 'proj/checkout:env/*:segment/*');
    await waitForItem(page, /^edited in the JSON only: .*notResources/);
    const error = await scrollPartTo(page, 'draft', /^Statement #3 error: /, 'text');
    assert.match(error.label, /column \d+/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'builder-json.png') });
    // The faulty statement cannot be submitted.
    await click(page, 'Create token', { part: 'draft' });
    assert.ok(!(await inputSettled(page)).items.some((item) => /Copy it now/.test(item.label)));

    // Removing statement 3 in the builder rewrites the JSON; the JSON-only statement is kept as written.
    await scrollPartTo(page, 'draft', '#3', 'text');
    await clickLast(page, 'Remove');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^Statement #3/.test(i.label)));
    assert.deepEqual(await copyPolicyJson(page), [
      { effect: 'allow', resources: ['proj/checkout:env/*:segment/*'], actions: ['*'] },
      { effect: 'deny', notResources: ['proj/*:env/production:flag/*'], actions: ['updateOn'] },
    ]);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a key the specifier grammar cannot hold is refused at the statement, and the JSON keeps the last good text', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', CLIPBOARD);
  try {
    await click(page, 'Inline policy');
    await click(page, 'Add statement', { part: 'draft' });
    await waitForItem(page, 'proj/*:env/*:flag/*');
    await focusField(page, 'key', { at: 'left' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('a:b');
    await waitForItem(page, /^Statement #1: /);
    // The JSON keeps the last text the builder could write: the key as it was before the colon.
    assert.deepEqual(await copyPolicyJson(page), [{ effect: 'allow', resources: ['proj/*:env/*:flag/a'], actions: ['*'] }]);
  } finally {
    await context.close();
    await server.stop();
  }
});
