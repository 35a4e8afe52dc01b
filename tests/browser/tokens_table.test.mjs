// The tokens table at 1280×720 tells the truth: headers, endings and dates whole; the count follows the
// filter; a reset says when the old secret stops working before it happens; Copy says whether it copied.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, click, inputSettled, launchBrowser, openAs, snapshot, startServer, waitForItem } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const SMALL_SCREEN = { viewport: { width: 1280, height: 720 } };
const items = async (page) => (await snapshot(page)).items;
const resets = (page) => {
  const sent = [];
  page.on('request', (request) => { if (request.method() === 'POST' && /\/reset(\?|$)/.test(request.url())) sent.push(request.url()); });
  return sent;
};

// What the table at 1280×720 shows cut: headers narrower than their label, endings, dates and kinds clipped.
function tableProblems(shown) {
  const problems = [];
  for (const header of ['Name', 'Kind', 'Owner', 'Scope', 'Created', 'Last used', 'Ends in']) {
    const item = shown.find((i) => i.kind === 'widget' && i.label === header);
    if (!item) problems.push(`no header ${header}`);
    else if (item.textW > item.w) problems.push(`header "${header}" is cut: ${item.textW} of ${item.w} px`);
  }
  const endings = shown.filter((i) => /^\.\.\.[0-9a-zA-Z_-]{4}$/.test(i.label));
  const dates = shown.filter((i) => /^[A-Z][a-z]{2} \d{1,2} \d\d:\d\d$/.test(i.label));
  if (endings.length !== 5) problems.push(`${endings.length} endings, not one per token Wendy sees (her three, two service tokens)`);
  if (dates.length < 3) problems.push('created dates with their time are missing');
  for (const item of [...endings, ...dates, ...shown.filter((i) => i.label === 'personal')])
    if (item.visibleW < item.w - 0.5) problems.push(`"${item.label}" is cut: ${item.visibleW} of ${item.w} px in sight`);
  return problems;
}

test('at 1280×720 every header, ending and date shows whole, and the dates carry their time', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', SMALL_SCREEN);
  try {
    await waitForItem(page, 'Local scripts');
    // ImGui fits a column to what the frame before it held: a date that just changed ("never" -> "Dec 6 05:19")
    // is laid out whole from the next frame on. Checked until it holds, for at most 3 s.
    let problems;
    const deadline = Date.now() + 3000;
    do {
      await page.waitForTimeout(100);
      problems = tableProblems(await items(page));
    } while (problems.length > 0 && Date.now() < deadline);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tokens-table-1280.png') });
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the count follows the filter as it is typed', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', SMALL_SCREEN);
  try {
    await waitForItem(page, '5 listed');
    await click(page, 'Filter tokens');
    await page.keyboard.type('scr');
    await waitForItem(page, '1 of 5 listed match the filter');
    await page.keyboard.type('x');
    await waitForItem(page, '0 of 5 listed match the filter');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitForItem(page, '5 listed');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a reset asks first and says when the old secret stops, in local time and UTC; Copy says it copied', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', {
    ...SMALL_SCREEN, timezoneId: 'Asia/Kolkata', permissions: ['clipboard-read', 'clipboard-write'],
  });
  try {
    const sent = resets(page);
    await click(page, 'Local scripts', { at: 'left' });
    await click(page, '+');
    await click(page, '+');
    await click(page, 'Reset secret');
    const until = await waitForItem(page, /^The old secret keeps working for 2 hours, until /);
    const [, local, utc] = until.label.match(/until (\d{4}-\d\d-\d\d \d\d:\d\d) your time \((\d{4}-\d\d-\d\d \d\d:\d\d) UTC\)\.$/);
    const minutes = (text) => Date.parse(`${text.replace(' ', 'T')}:00Z`) / 60000;
    assert.equal(minutes(local) - minutes(utc), 330, 'Kolkata is UTC+5:30');
    assert.ok(Math.abs(minutes(utc) - (Date.now() / 60000 + 120)) < 2, 'two hours from now');
    await waitForItem(page, 'The new secret is shown to you once.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'reset-confirm.png') });

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => i.label === 'Reset it'));
    await inputSettled(page);
    assert.deepEqual(sent, [], 'Escape resets nothing');

    await click(page, 'Reset secret');
    await click(page, 'Reset it');
    await waitForItem(page, /^api-[0-9a-f-]{36}$/);
    assert.equal(sent.length, 1);
    await click(page, 'Copy');
    await waitForItem(page, 'Copied to the clipboard.');
    await click(page, 'Done');

    // A refused clipboard is said, not silently ignored.
    await click(page, 'Reset secret');
    await click(page, 'Reset it');
    await waitForItem(page, /^api-[0-9a-f-]{36}$/);
    assert.ok(!(await items(page)).some((i) => i.label === 'Copied to the clipboard.'), 'the last secret\'s copy is not this one\'s');
    await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
    await click(page, 'Copy');
    await waitForItem(page, 'The browser did not allow copying: allow clipboard access for this page, then Copy again.');
    await click(page, 'Done');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('an admin resetting another member\'s token is told the new secret is not theirs to see', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Adam Admin (admin)', 'adam.admin@example.com', SMALL_SCREEN);
  try {
    await click(page, 'Show all members\' tokens');
    await click(page, 'Local scripts', { at: 'left' });
    await click(page, 'Reset secret');
    await waitForItem(page, 'Only wendy.writer@example.com can see a new secret: you will not. They reset it themselves to get one.');
    await waitForItem(page, 'The old secret stops working at once: whatever uses it fails until given the new one.');
    await click(page, 'Cancel');
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => i.label === 'Reset it'));
  } finally {
    await context.close();
    await server.stop();
  }
});
