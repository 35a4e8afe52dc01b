// A write the server may have performed finishes in front of the person, whatever they click meanwhile: each
// write's answer is held back (~2 s) with page.route while the person acts as another demo member.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ARTIFACTS, click, launchBrowser, openAs, snapshot, startServer, typeInto, waitForItem, whatIfWendyWereReader } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const HELD_MS = 2000;
const isPost = (path) => isCall('POST', path);
const isCall = (method, path) => (request) => request.method() === method && path.test(new URL(request.url()).pathname);

// Answers requests that `matches` only after HELD_MS, passing them on to serve.py (or answering `failWith`).
async function holdAnswers(page, matches, { failWith, urls = '**/api/v2/tokens**' } = {}) {
  await page.route(urls, async (route) => {
    if (!matches(route.request())) return route.fallback();
    await new Promise((resolve) => setTimeout(resolve, HELD_MS));
    if (failWith) return route.fulfill({ status: failWith, contentType: 'application/json', body: JSON.stringify({ code: 'internal_error', message: 'the mock broke' }) });
    return route.continue();
  });
}

const labels = async (page) => (await snapshot(page)).items.map((item) => item.label);

async function actAsRaviMeanwhile(page) {
  await click(page, 'Ravi Reader (reader)');
  await waitForItem(page, 'ravi.reader@example.com');
}

test('a create answered after acting as someone else shows its secret once, labelled, and Create works again', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await holdAnswers(page, isPost(/^\/api\/v2\/tokens$/));
    await typeInto(page, 'Token name', 'Created while switching');
    await click(page, 'Create token');
    await waitForItem(page, 'creating...');
    await actAsRaviMeanwhile(page);

    const secret = (await waitForItem(page, /^api-[0-9a-f-]{36}$/)).label;
    await waitForItem(page, 'A token of Wendy Writer.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'writes-in-flight-secret.png') });
    await click(page, 'Done');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^Copy it now/.test(i.label)));
    assert.ok(!(await labels(page)).includes('creating...'), 'nothing is left creating');
    assert.ok(!(await labels(page)).some((label) => label.includes(secret)), 'the secret is shown once');

    await click(page, 'Wendy Writer (writer)');
    await waitForItem(page, 'Created while switching');
    await waitForItem(page, `...${secret.slice(-4)}`);
    await page.unrouteAll();
    await typeInto(page, 'Token name', 'Created again');
    await click(page, 'Create token');
    await waitForItem(page, /^api-[0-9a-f-]{36}$/);
    await waitForItem(page, 'A token of Wendy Writer.');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a create that fails after acting as someone else says whose token failed, and the error leaves on retry', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await holdAnswers(page, isPost(/^\/api\/v2\/tokens$/), { failWith: 500 });
    await typeInto(page, 'Token name', 'Fails while switching');
    await click(page, 'Create token');
    await waitForItem(page, 'creating...');
    await actAsRaviMeanwhile(page);
    await waitForItem(page, /^Wendy Writer's token "Fails while switching" was not created: 500 .*the mock broke$/);
    assert.ok(!(await labels(page)).includes('creating...'), 'nothing is left creating');

    // The error belongs to the attempt: switching member, or personal/service, takes it away.
    await click(page, 'Wendy Writer (writer)');
    await waitForItem(page, 'wendy.writer@example.com');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /was not created/.test(i.label)));
    await click(page, 'Create token');
    await waitForItem(page, /the mock broke/);
    await click(page, 'Adam Admin (admin)');
    await waitForItem(page, 'adam.admin@example.com');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /the mock broke/.test(i.label)));
    await click(page, 'Create token');
    await waitForItem(page, /the mock broke/);
    await click(page, 'Service');  // an admin may create both kinds
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /the mock broke/.test(i.label)));
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a reset answered after acting as someone else shows the new secret once, labelled', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await typeInto(page, 'Token name', 'Reset while switching');
    await click(page, 'Create token');
    const secret = (await waitForItem(page, /^api-[0-9a-f-]{36}$/)).label;
    await click(page, 'Done');
    await click(page, 'Reset while switching', { at: 'left' });

    await holdAnswers(page, isPost(/^\/api\/v2\/tokens\/[^/]+\/reset$/));
    await click(page, 'Reset secret');
    await click(page, 'Reset it');
    await actAsRaviMeanwhile(page);
    const newSecret = (await waitForItem(page, /^api-[0-9a-f-]{36}$/)).label;
    assert.notEqual(newSecret, secret);
    await waitForItem(page, 'A token of Wendy Writer.');
    await click(page, 'Done');

    await click(page, 'Wendy Writer (writer)');
    await waitForItem(page, `...${newSecret.slice(-4)}`);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a rename and a delete answered after acting as someone else are told under the header, with whose they were', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await holdAnswers(page, isCall('PATCH', /^\/api\/v2\/tokens\/[^/]+$/));
    await click(page, 'CI reader', { at: 'left' });
    await typeInto(page, 'New name', 'CI reader, renamed', { enter: false });
    await click(page, 'Save name and description');
    await actAsRaviMeanwhile(page);
    await waitForItem(page, 'Wendy Writer: "CI reader" was saved.');

    await click(page, 'Wendy Writer (writer)');
    await waitForItem(page, 'CI reader, renamed');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /was saved/.test(i.label)));
    await holdAnswers(page, isCall('DELETE', /^\/api\/v2\/tokens\/[^/]+$/));
    await click(page, 'Local scripts', { at: 'left' });
    await click(page, 'Delete token');
    await click(page, 'Delete');
    await actAsRaviMeanwhile(page);
    await waitForItem(page, 'Wendy Writer: "Local scripts" was deleted.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'writes-in-flight-told.png') });

    await click(page, 'Wendy Writer (writer)');
    await waitForItem(page, 'CI reader, renamed');
    assert.ok(!(await labels(page)).includes('Local scripts'), 'the deleted token is gone');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a rename answered after another token was selected is told under the header, not under the other token', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await holdAnswers(page, isCall('PATCH', /^\/api\/v2\/tokens\/[^/]+$/));
    await click(page, 'CI reader', { at: 'left' });
    await typeInto(page, 'New name', 'CI reader, renamed', { enter: false });
    await click(page, 'Save name and description');
    await click(page, 'Local scripts', { at: 'left' });
    await waitForItem(page, 'Wendy Writer: "CI reader" was saved.');
    await waitForItem(page, 'CI reader, renamed');
    assert.ok((await labels(page)).some((label) => label.startsWith('Selected: Local scripts')), 'the other token stays selected');
    assert.ok(!(await labels(page)).includes('Saved.'), 'the other token is not said to be saved');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a role change answered after acting as someone else is told, and the act-as buttons follow it', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Olivia Owner (owner)', 'olivia.owner@example.com');
  try {
    await whatIfWendyWereReader(page);
    await holdAnswers(page, isCall('PATCH', /^\/api\/v2\/members\/[^/]+$/), { urls: '**/api/v2/members/**' });
    await click(page, 'Make it real: Wendy Writer becomes reader');
    await actAsRaviMeanwhile(page);
    await waitForItem(page, 'Olivia Owner: Wendy Writer is now reader; their personal tokens follow.');
    await waitForItem(page, 'Wendy Writer (reader)');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('two secrets answered together are shown one after the other, each once', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await typeInto(page, 'Token name', 'First of two');
    await click(page, 'Create token');
    await waitForItem(page, /^api-[0-9a-f-]{36}$/);
    await click(page, 'Done');
    await click(page, 'First of two', { at: 'left' });

    await holdAnswers(page, (request) => request.method() === 'POST');
    await typeInto(page, 'Token name', 'Second of two', { enter: false });
    await click(page, 'Reset secret');
    await click(page, 'Reset it');
    await click(page, 'Create token');
    await actAsRaviMeanwhile(page);

    const first = (await waitForItem(page, /^api-[0-9a-f-]{36}$/)).label;
    await click(page, 'Done');
    const second = (await waitForItem(page, new RegExp(`^(?!${first}$)api-[0-9a-f-]{36}$`))).label;
    await click(page, 'Done');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^api-[0-9a-f-]{36}$/.test(i.label)));

    await click(page, 'Wendy Writer (writer)');
    await waitForItem(page, 'Second of two');
    const endings = (await labels(page)).filter((label) => /^\.\.\.[0-9a-f]{4}$/.test(label));
    assert.ok(endings.includes(`...${first.slice(-4)}`) && endings.includes(`...${second.slice(-4)}`), JSON.stringify(endings));
  } finally {
    await context.close();
    await server.stop();
  }
});
