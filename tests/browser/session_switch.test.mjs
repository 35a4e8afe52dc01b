// Switching who the console acts as: a switch that fails leaves the console as it was, usable, and the
// act-as choices follow the roles the person changed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, click, launchBrowser, openAs, snapshot, startServer, tempDir, waitForItem, whatIfWendyWereReader } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const labels = async (page) => (await snapshot(page)).items.map((item) => item.label);

test('act-as while serve.py is down fails in place, keeps the act-as buttons, and works once it is back', async () => {
  const data = tempDir();
  const db = path.join(data.dir, 'console.db');
  let server = await startServer({ db });
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await server.stop();
    await click(page, 'Ravi Reader (reader)');
    await waitForItem(page, /^Could not act as Ravi Reader: .*the server did not answer/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'act-as-server-down.png') });
    // Still Wendy, with everything that was shown, and the buttons to try again.
    const shown = await labels(page);
    assert.ok(shown.includes('wendy.writer@example.com'), 'the member shown before stays');
    assert.ok(shown.includes('Ravi Reader (reader)'), 'the act-as buttons stay');
    assert.equal((await snapshot(page)).state, 'ready');

    server = await startServer({ db, port: server.port });
    await click(page, 'Ravi Reader (reader)');
    await waitForItem(page, 'ravi.reader@example.com');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^Could not act as/.test(i.label)));
    await waitForItem(page, /^Can turn flags on and off/);
  } finally {
    await context.close();
    await server.stop();
    data.remove();
  }
});

test('the act-as buttons and Undo follow a role changed by What-if "Make it real"', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Olivia Owner (owner)', 'olivia.owner@example.com');
  try {
    await whatIfWendyWereReader(page);
    await click(page, 'Make it real: Wendy Writer becomes reader');
    await waitForItem(page, 'Wendy Writer is now reader; their personal tokens follow.');
    await waitForItem(page, 'Wendy Writer (reader)');
    assert.ok(!(await labels(page)).includes('Wendy Writer (writer)'), 'the button says the role she has now');

    // Acting as her shows her as a reader; back as Olivia, the change can still be undone.
    await click(page, 'Wendy Writer (reader)');
    await waitForItem(page, /^role: reader {2}\| {2}personal token/);
    await click(page, 'Olivia Owner (owner)');
    await waitForItem(page, 'olivia.owner@example.com');
    await click(page, 'Undo the role change');
    await waitForItem(page, 'The role change was undone.');
    await waitForItem(page, 'Wendy Writer (writer)');
  } finally {
    await context.close();
    await server.stop();
  }
});
