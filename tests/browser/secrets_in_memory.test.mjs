// A secret leaves the console's memory when it is forgotten: the whole WebAssembly heap is scanned for its bytes
// (any 24 consecutive of them: a copy whose first bytes the allocator overwrote still counts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api, click, demoToken, launchBrowser, openAs, snapshot, startServer, typeInto, waitForItem,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const WINDOW = 24;

// The places in the heap that hold a run of at least WINDOW bytes of `secret`, each as { at, bytes }: the heap
// read as one character a byte, searched for every WINDOW-byte piece of the secret, overlapping finds merged.
async function copiesInHeap(page, secret) {
  return page.evaluate(({ secret, window: size }) => {
    const heap = new TextDecoder('latin1').decode(window.Module.HEAPU8);  // one UTF-16 unit per byte
    const found = [];
    for (let start = 0; start + size <= secret.length; ++start) {
      const piece = secret.slice(start, start + size);
      for (let at = heap.indexOf(piece); at !== -1; at = heap.indexOf(piece, at + 1)) found.push([at - start, at + size]);
    }
    found.sort((a, b) => a[0] - b[0]);
    const copies = [];
    for (const [from, to] of found) {
      const last = copies[copies.length - 1];
      if (last && from <= last.to) last.to = Math.max(last.to, to);
      else copies.push({ from, to });
    }
    return copies.map(({ from, to }) => ({ at: from, bytes: to - Math.max(from, 0) }));
  }, { secret, window: WINDOW });
}

// Lets a few frames pass (frees and wipes that follow a click happen within them) and scans.
async function copiesAfterFrames(page, secret) {
  for (let i = 0; i < 5; ++i) {
    const { frame } = await snapshot(page);
    await page.evaluate(() => window.tokenscopeTest.wake());
    await page.waitForFunction((f) => window.tokenscopeTest.snapshot().frame > f, frame);
  }
  return copiesInHeap(page, secret);
}

// Connects to `instance` (another serve.py standing in for LaunchDarkly) with its token pasted into the masked
// field, as people bring tokens in, then Connect pressed (or Enter in the field); waits for the token's member.
async function connectByPaste(page, instance, token, memberEmail, how) {
  await click(page, 'Connect to a LaunchDarkly instance');
  await click(page, 'Another URL');
  await typeInto(page, 'Instance URL', instance.url, { enter: false });
  await page.evaluate((t) => navigator.clipboard.writeText(t), token);
  await click(page, 'Access token');
  await page.keyboard.press('Control+V');
  if (how === 'Enter') await page.keyboard.press('Enter');
  else await click(page, 'Connect');
  await waitForItem(page, memberEmail);
}

// Nothing of the secret in what the page keeps or shows outside the heap: storage, cookies, the address, the
// screen-reader mirror.
async function assertNotKeptOutsideTheHeap(page, context, secret) {
  const kept = await page.evaluate(() => JSON.stringify({
    local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie, url: location.href,
    mirror: document.getElementById('screen-reader')?.textContent ?? '',
  }));
  assert.ok(!kept.includes(secret), 'kept outside the heap');
  assert.ok(!(await context.cookies()).some((cookie) => cookie.value.includes(secret)));
}

test('a pasted token leaves the heap on "Back to the mock API": no copy of it remains', async () => {
  const consoleServer = await startServer();
  const instance = await startServer();
  const token = await demoToken(instance, 'adam.admin@example.com');
  const { context, page } = await openAs(browser, consoleServer, 'Wendy Writer (writer)', 'wendy.writer@example.com',
    { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await connectByPaste(page, instance, token, 'adam.admin@example.com', 'Connect');
    await waitForItem(page, 'Back to the mock API');
    assert.ok((await copiesAfterFrames(page, token)).length >= 1, 'the scan finds the token while it is in use');
    await assertNotKeptOutsideTheHeap(page, context, token);

    await click(page, 'Back to the mock API');
    await waitForItem(page, 'role: owner  |  personal token  |  mock API');
    assert.deepEqual(await copiesAfterFrames(page, token), [], 'copies of the pasted token left in the heap');
    await assertNotKeptOutsideTheHeap(page, context, token);
  } finally {
    await context.close();
    await consoleServer.stop();
    await instance.stop();
  }
});

test('a created token\'s secret leaves the heap on "Done", and stays gone after a switch of member', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com',
    { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await typeInto(page, 'Token name', 'Shown once');
    await click(page, 'Create token');
    const shown = await waitForItem(page, /^api-[0-9a-f-]{36}$/);
    const secret = shown.label;
    const owner = await demoToken(server, 'wendy.writer@example.com');
    const listed = await api(server, owner, 'tokens');
    assert.ok(listed.body.items.some((item) => item.name === 'Shown once'), 'the token was created');

    await click(page, 'Done');
    assert.deepEqual(await copiesAfterFrames(page, secret), [], 'copies of the secret left after Done');
    await assertNotKeptOutsideTheHeap(page, context, secret);

    await click(page, 'Adam Admin (admin)');
    await waitForItem(page, 'adam.admin@example.com');
    assert.deepEqual(await copiesAfterFrames(page, secret), [], 'copies of the secret left after a switch of member');
    await assertNotKeptOutsideTheHeap(page, context, secret);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a page going away (pagehide) wipes at once the connection\'s token and a secret shown but not yet done', async () => {
  const consoleServer = await startServer();
  const instance = await startServer();
  const token = await demoToken(instance, 'adam.admin@example.com');
  const { context, page } = await openAs(browser, consoleServer, 'Wendy Writer (writer)', 'wendy.writer@example.com',
    { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await connectByPaste(page, instance, token, 'adam.admin@example.com', 'Enter');
    await typeInto(page, 'Token name', 'Open when the page goes');
    await click(page, 'Create token');
    const secret = (await waitForItem(page, /^api-[0-9a-f-]{36}$/)).label;

    // As the browser fires it when the tab closes or the page goes into the back-forward cache (not reloaded
    // here: this page has pageshow reload it only when it comes back from that cache).
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
    assert.deepEqual(await copiesInHeap(page, token), [], 'copies of the connection\'s token');
    assert.deepEqual(await copiesInHeap(page, secret), [], 'copies of the one-time secret');
    await assertNotKeptOutsideTheHeap(page, context, token);
    await assertNotKeptOutsideTheHeap(page, context, secret);
  } finally {
    await context.close();
    await consoleServer.stop();
    await instance.stop();
  }
});

test('a one-time secret left open says until when it is shown, then is wiped and the person told', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await typeInto(page, 'Token name', 'Left open');
    await click(page, 'Create token');
    const secret = (await waitForItem(page, /^api-[0-9a-f-]{36}$/)).label;
    await waitForItem(page, /^It is wiped from this page at \d\d:\d\d:\d\d \(5 minutes after it was shown\), or when you press Done\.$/);

    await page.clock.setFixedTime(Date.now() + 5 * 60 * 1000 + 1000);  // the page's clock, 5 minutes on
    await page.evaluate(() => window.tokenscopeTest.wake());  // the frame the timer would have woken
    await waitForItem(page, 'A new secret of Wendy Writer\'s token was not closed with Done in 5 minutes and was ' +
                            'forgotten: if it was not copied, reset the token for another.');
    assert.ok(!(await snapshot(page)).items.some((item) => item.label === secret), 'the dialog is gone');
    assert.deepEqual(await copiesAfterFrames(page, secret), [], 'copies of the secret left after its time');
  } finally {
    await context.close();
    await server.stop();
  }
});
