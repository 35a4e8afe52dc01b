// The console's main path, through real mouse and keyboard events: draft, preview, submit, copy the secret,
// rename, reset, delete; capped cells; and an error that recovers when serve.py returns.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ALLOWED, ARTIFACTS, DENIED, click, clipboardText, launchBrowser, matrixState, openAs, settledMatrix, snapshot, startServer, tempDir, typeInto,
  waitForItem,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function openAsWriter(server, options = {}) {
  return openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', options);
}

test('a writer drafts a reader token, previews it, submits it and manages it', async () => {
  const server = await startServer();
  const { context, page } = await openAsWriter(server, { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await typeInto(page, 'Token name', 'CI reader from the console');
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), DENIED);
    await click(page, 'Projects');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'proj');
    assert.equal(await matrixState(page, 'proj', 'checkout', 'viewProject'), ALLOWED);
    assert.equal(await matrixState(page, 'proj', 'checkout', 'deleteProject'), DENIED);
    await waitForItem(page, '1/12');  // each project row counts its allowed cells: viewProject of 12 actions
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-draft.png') });

    // A cell's reasons on click.
    const { matrix } = await snapshot(page);
    const column = matrix.columns.indexOf('viewProject');
    await page.mouse.click(matrix.x + (column + 0.5) * matrix.cellWidth, matrix.y + 0.5 * matrix.cellHeight);
    await waitForItem(page, /^viewProject on proj\/checkout: allowed$/);

    await click(page, 'Create token');
    const secretItem = await waitForItem(page, /^api-[0-9a-f-]{36}$/);
    const secret = secretItem.label;
    await waitForItem(page, 'Copy it now: it will not be shown again.');
    await click(page, 'Copy');
    await clipboardText(page, (text) => text === secret);
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-secret.png') });
    await click(page, 'Done');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^Copy it now/.test(i.label)));

    await waitForItem(page, 'CI reader from the console');
    await waitForItem(page, `...${secret.slice(-4)}`);
    const labels = (await snapshot(page)).items.map((item) => item.label);
    assert.ok(!labels.some((label) => label.includes(secret)), 'the full secret is never shown again');

    await click(page, 'CI reader from the console', { at: 'left' });
    await waitForItem(page, 'New name');
    await typeInto(page, 'New name', 'Renamed in the console');
    await click(page, 'Save name and description');
    await waitForItem(page, 'Renamed in the console');

    // Before/after: re-scoping the reader token to a writer draft gains actions and loses none.
    await click(page, 'writer');
    await click(page, 'Compare with the draft\'s scope');
    const diff = await waitForItem(page, /^the draft's scope gains \d+ actions, loses 0$/);
    assert.ok(Number(diff.label.match(/gains (\d+)/)[1]) > 0);
    await waitForItem(page, /^\+ Flags: .* and \d+ more$/);  // which actions, per resource type
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-rescope.png') });
    await click(page, 'Apply the draft\'s scope');
    await waitForItem(page, 'Scope changed.');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().items.some((i) => /^Selected: Renamed in the console \(writer/.test(i.label)));

    await click(page, 'Reset secret');
    await click(page, 'Reset it');
    const newSecret = (await waitForItem(page, /^api-[0-9a-f-]{36}$/)).label;
    assert.notEqual(newSecret, secret);
    await click(page, 'Done');

    await click(page, 'Renamed in the console', { at: 'left' });
    await click(page, 'Delete token');
    await waitForItem(page, /stops working at once/);
    await click(page, 'Delete');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => i.label === 'Renamed in the console'));
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a writer drafting an admin-scoped personal token sees capped cells', async () => {
  const server = await startServer();
  const { context, page } = await openAsWriter(server);
  try {
    await click(page, 'admin');
    await waitForItem(page, 'This token asks for more than its member can do: those cells are capped.');
    const summary = (await snapshot(page)).items.find((item) => / capped by your member's permissions$/.test(item.label));
    assert.ok(Number(summary.label.match(/(\d+) capped/)[1]) > 0);
    await click(page, 'Account');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'account');
    const matrix = await settledMatrix(page);
    const CAPPED = 2;
    for (const name of ['Service tokens', 'Custom roles']) {
      const row = matrix.rows.findIndex((label) => label.startsWith(name));
      assert.ok(row >= 0, JSON.stringify(matrix.rows));
      const cells = matrix.states.slice(row * matrix.columns.length, (row + 1) * matrix.columns.length);
      assert.ok(cells.includes(CAPPED), `an admin-scoped token of a writer is capped on ${name}`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-account-capped.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-capped.png') });
  } finally {
    await context.close();
    await server.stop();
  }
});

test('with serve.py stopped the tokens panel shows an error, and recovers when it returns', async () => {
  const { dir, remove } = tempDir();
  const db = path.join(dir, 'offline.sqlite3');
  let server = await startServer({ db });
  const { context, page } = await openAsWriter(server);
  try {
    const { port } = server;
    await server.stop();
    await click(page, 'Refresh');
    await waitForItem(page, /No answer from the API/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-offline.png') });
    server = await startServer({ db, port });
    await click(page, 'Retry');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /No answer/.test(i.label)));
    await waitForItem(page, 'Local scripts');
  } finally {
    await context.close();
    await server.stop();
    remove();
  }
});

test('the keyboard alone fills the draft and creates the token: Tab moves between widgets, Space presses', async () => {
  const server = await startServer();
  const { context, page } = await openAsWriter(server);
  try {
    await click(page, 'Token name');
    await page.keyboard.type('Typed, not clicked');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().focused === 'Token description');
    await page.keyboard.type('made with the keyboard');
    for (let presses = 0; presses < 40; presses += 1) {
      if ((await snapshot(page)).focused === 'Create token') break;
      const { focused } = await snapshot(page);
      await page.keyboard.press('Tab');
      await page.waitForFunction((f) => window.tokenscopeTest.snapshot().focused !== f, focused);  // handled
    }
    assert.equal((await snapshot(page)).focused, 'Create token');
    await page.keyboard.press('Space');
    await waitForItem(page, 'Copy it now: it will not be shown again.');
    await page.keyboard.press('Escape');
    await click(page, 'Done');
    await waitForItem(page, 'Typed, not clicked');
  } finally {
    await context.close();
    await server.stop();
  }
});
