// What a member cannot create is not offered, with the reason in words, before the form is filled; the
// API agrees (it refuses the same creates with 403).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, api, click, demoToken, inputSettled, launchBrowser, openAs, snapshot, startServer, waitForItem } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const labels = async (page) => (await snapshot(page)).items.map((item) => item.label);
const createRequests = (page) => {
  const sent = [];
  page.on('request', (request) => { if (request.method() === 'POST' && /\/api\/v2\/tokens$/.test(request.url())) sent.push(request); });
  return sent;
};

test('a writer is not offered service tokens, told why, and the API refuses them too', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await waitForItem(page, 'Wendy Writer cannot create service tokens: the writer role does not allow createAccessToken on service tokens.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'writer-no-service-tokens.png') });
    await click(page, 'Service');  // disabled: the draft stays personal
    await inputSettled(page);
    assert.ok((await labels(page)).some((label) => /capped by your member's permissions$/.test(label)), 'still a personal draft');

    const refused = await api(server, await demoToken(server, 'wendy.writer@example.com'), 'tokens', {
      method: 'POST', body: JSON.stringify({ name: 'x', serviceToken: true, role: 'reader' }),
    });
    assert.equal(refused.status, 403);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a member without access cannot press Create, and is told why', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Quinn QA (no_access)', 'quinn.qa@example.com');
  const sent = createRequests(page);
  try {
    await waitForItem(page, /^Quinn QA cannot create personal tokens: the no_access role does not allow createAccessToken/);
    await click(page, 'Create token');
    await inputSettled(page);
    assert.equal(sent.length, 0, 'no create was sent');

    const refused = await api(server, await demoToken(server, 'quinn.qa@example.com'), 'tokens', {
      method: 'POST', body: JSON.stringify({ name: 'x', role: 'reader' }),
    });
    assert.equal(refused.status, 403);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('an admin is offered both kinds, with no reason shown', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Adam Admin (admin)', 'adam.admin@example.com');
  try {
    await click(page, 'Service');
    await waitForItem(page, /capped by your permissions \(creator\)$/);
    assert.ok(!(await labels(page)).some((label) => /cannot create/.test(label)));
  } finally {
    await context.close();
    await server.stop();
  }
});
