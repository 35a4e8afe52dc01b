// Connecting to another LaunchDarkly instance through serve.py's proxy (here a second serve.py on loopback
// stands in for it), with a pasted token that never reaches storage, cookies or the URL; the what-if
// downgrade; and a rate limit honoured through Retry-After.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, api, click, demoToken, launchBrowser, openAs, snapshot, startServer, typeInto, waitForItem, whatIfWendyWereReader,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a token pasted for another instance is used through the proxy and kept in memory only', async () => {
  const consoleServer = await startServer();
  const instance = await startServer();  // "the real LaunchDarkly": its own account and tokens
  const token = await demoToken(instance, 'adam.admin@example.com');
  const { context, page } = await openAs(browser, consoleServer, 'Wendy Writer (writer)', 'wendy.writer@example.com',
    { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await click(page, 'Connect to a LaunchDarkly instance');
    await waitForItem(page, 'Commercial');
    await waitForItem(page, 'EU');
    await waitForItem(page, 'Federal');
    await click(page, 'Another URL');
    await typeInto(page, 'Instance URL', instance.url, { enter: false });
    // The token arrives by paste (Ctrl+V into the masked field), as people bring tokens in.
    await page.evaluate((t) => navigator.clipboard.writeText(t), token);
    await click(page, 'Access token');
    await page.keyboard.press('Control+V');
    const labels = (await snapshot(page)).items.map((item) => item.label);
    assert.ok(!labels.some((label) => label.includes(token)), 'the field is masked');
    await page.screenshot({ path: path.join(ARTIFACTS, 'connect-instance.png') });
    await click(page, 'Connect');

    await waitForItem(page, 'adam.admin@example.com');
    await waitForItem(page, `role: admin  |  personal token  |  ${instance.url.replace(/\/$/, '')}`);
    await waitForItem(page, 'Back to the mock API');

    // A token created now lives in the instance's account, not in the console server's mock.
    await typeInto(page, 'Token name', 'Made through the proxy');
    await click(page, 'Create token');
    await waitForItem(page, /^api-[0-9a-f-]{36}$/);
    await click(page, 'Done');
    const there = await api(instance, token, 'tokens');
    assert.ok(there.body.items.some((item) => item.name === 'Made through the proxy'));
    const mockAdmin = await demoToken(consoleServer, 'adam.admin@example.com');
    const here = await api(consoleServer, mockAdmin, 'tokens?showAll=true');
    assert.ok(!here.body.items.some((item) => item.name === 'Made through the proxy'));

    // Nothing of the token in storage, cookies or the address.
    const kept = await page.evaluate(() => JSON.stringify({
      local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie, url: location.href,
    }));
    assert.ok(!kept.includes(token), kept);
    assert.ok(!(await context.cookies()).some((cookie) => cookie.value.includes(token)));

    await click(page, 'Back to the mock API');
    await waitForItem(page, 'role: owner  |  personal token  |  mock API');
  } finally {
    await context.close();
    await consoleServer.stop();
    await instance.stop();
  }
});

test('a token the instance refuses shows its 401 where the connection was made, and the mock stays one click away', async () => {
  const consoleServer = await startServer();
  const instance = await startServer();
  const { context, page } = await openAs(browser, consoleServer, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await click(page, 'Connect to a LaunchDarkly instance');
    await click(page, 'Another URL');
    await typeInto(page, 'Instance URL', 'app.launchdarkly.com', { enter: false });
    await typeInto(page, 'Access token', 'api-not-a-real-token', { enter: false });
    await click(page, 'Connect');
    await waitForItem(page, /^an instance URL starts with https:\/\//);

    await typeInto(page, 'Instance URL', instance.url, { enter: false });
    await typeInto(page, 'Access token', 'api-not-a-real-token', { enter: false });
    await click(page, 'Connect');
    await waitForItem(page, /^401 unauthorized/);
    await waitForItem(page, 'Retry');
    await page.screenshot({ path: path.join(ARTIFACTS, 'connect-refused.png') });
    await click(page, 'Back to the mock API');
    await waitForItem(page, 'role: owner  |  personal token  |  mock API');
  } finally {
    await context.close();
    await consoleServer.stop();
    await instance.stop();
  }
});

test('with serve.py --upstream the console asks for a token first, then acts as its member', async () => {
  const instance = await startServer();
  const consoleServer = await startServer({ extraArgs: ['--upstream', instance.url] });
  const token = await demoToken(instance, 'ravi.reader@example.com');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(consoleServer.url);
    await waitForItem(page, `serve.py relays the API to ${instance.url.replace(/\/$/, '')}`);
    await typeInto(page, 'Access token', token);  // Enter connects
    await waitForItem(page, 'ravi.reader@example.com');
    await waitForItem(page, `role: reader  |  personal token  |  ${instance.url.replace(/\/$/, '')}`);
  } finally {
    await context.close();
    await consoleServer.stop();
    await instance.stop();
  }
});

test('what-if: a member downgraded to reader, their personal tokens shrink; made real, then undone', async () => {
  const server = await startServer();
  const owner = await demoToken(server, 'olivia.owner@example.com');
  const { context, page } = await openAs(browser, server, 'Olivia Owner (owner)', 'olivia.owner@example.com');
  try {
    await click(page, 'Show all members\' tokens');
    await waitForItem(page, 'Local scripts');
    await whatIfWendyWereReader(page);
    const row = await waitForItem(page, /^Local scripts: \d+ -> \d+ actions allowed \(loses \d+\)$/);
    const [, before, afterDowngrade] = row.label.match(/(\d+) -> (\d+)/).map(Number);
    assert.ok(afterDowngrade < before, row.label);
    await page.screenshot({ path: path.join(ARTIFACTS, 'what-if.png') });

    await click(page, 'Make it real: Wendy Writer becomes reader');
    await waitForItem(page, 'Wendy Writer is now reader; their personal tokens follow.');
    const members = await api(server, owner, 'members');
    assert.equal(members.body.items.find((m) => m.email === 'wendy.writer@example.com').role, 'reader');
    // Now a reader, the same comparison loses nothing more.
    await waitForItem(page, /^Local scripts: (\d+) -> \1 actions allowed \(loses nothing\)$/);

    await click(page, 'Undo the role change');
    await waitForItem(page, 'The role change was undone.');
    const restored = await api(server, owner, 'members');
    assert.equal(restored.body.items.find((m) => m.email === 'wendy.writer@example.com').role, 'writer');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a 429 shows how long to wait, and the list carries on by itself once Retry-After has passed', async () => {
  const server = await startServer({ extraArgs: ['--rate-limit', '2'] });
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com',
    { waitForListings: false });
  try {
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await click(page, 'Refresh');
      await page.waitForTimeout(200);
      if ((await snapshot(page)).items.some((item) => /^429 rate_limited/.test(item.label))) break;
    }
    await waitForItem(page, /^429 rate_limited/);
    await waitForItem(page, /^The API asked to wait: try again in \d+ s\.$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'rate-limited.png') });
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^429/.test(i.label)),
      null, { timeout: 20000 });
    await waitForItem(page, 'Local scripts');
  } finally {
    await context.close();
    await server.stop();
  }
});
