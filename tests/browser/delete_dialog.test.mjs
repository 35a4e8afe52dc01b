// The Delete dialog asks before anything is lost, and Escape closes it as Cancel does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, inputSettled, launchBrowser, openAs, snapshot, startServer, waitForItem } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const dialogOpen = async (page) => (await snapshot(page)).items.some((item) => /stops working at once/.test(item.label));

test('Escape closes the Delete dialog and the token stays', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  const deletes = [];
  page.on('request', (request) => { if (request.method() === 'DELETE') deletes.push(request.url()); });
  try {
    await click(page, 'Local scripts', { at: 'left' });
    await click(page, 'Delete token');
    await waitForItem(page, '"Local scripts" stops working at once. This cannot be undone.');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /stops working at once/.test(i.label)));
    assert.equal(await dialogOpen(page), false);
    await inputSettled(page);
    assert.deepEqual(deletes, [], 'nothing was deleted');
    await waitForItem(page, 'Local scripts');
  } finally {
    await context.close();
    await server.stop();
  }
});
