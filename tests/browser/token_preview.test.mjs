// Any token selected in the table shows what it can do now, read-only: its scope capped by its own member
// (a service token: by its creator as they are now, marked approximate), whoever is looking.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ALLOWED, ARTIFACTS, CAPPED, DENIED, api, click, demoToken, launchBrowser, matrixState, openAs, settledMatrix, snapshot, startServer, waitForItem,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const labels = async (page) => (await snapshot(page)).items.map((item) => item.label);
const totals = async (page) => (await labels(page)).find((label) => /^[\d,]+ resources: [\d,]+ of [\d,]+ actions allowed/.test(label));

// The table row of `email`'s token: clicking the owner's address selects the whole row.
async function selectTokenOf(page, email) {
  await click(page, email, { kind: 'text' });
}

async function cellsOfRow(page, rowStart) {
  const matrix = await settledMatrix(page);
  const row = matrix.rows.findIndex((label) => label.startsWith(rowStart));
  assert.ok(row >= 0, JSON.stringify(matrix.rows));
  return matrix.states.slice(row * matrix.columns.length, (row + 1) * matrix.columns.length);
}

test('an admin looking at a no-access member\'s token sees only what her team gives her, and no role writes, as the API says', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Adam Admin (admin)', 'adam.admin@example.com');
  try {
    await click(page, 'Show all members\' tokens');
    await waitForItem(page, 'quinn.qa@example.com');
    await selectTokenOf(page, 'quinn.qa@example.com');
    await waitForItem(page, 'what "Demo console" can do now');
    await waitForItem(page, /^Read-only: quinn\.qa@example\.com's personal token, .*judged with its member as they are now\.$/);
    // Her inline "allow everything" is capped to what she has: nothing of her own, her QA team's role in qa.
    await waitForItem(page, 'Its scope asks for more than its member can do now: those cells are capped.');
    assert.match(await totals(page), / capped by its member's permissions$/);
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), CAPPED);
    assert.equal(await matrixState(page, 'flag', 'checkout / qa', 'updateOn'), ALLOWED);
    await click(page, 'Account');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'account');
    const roleCells = await cellsOfRow(page, 'Custom roles');
    assert.ok(!roleCells.includes(ALLOWED), 'Quinn\'s token cannot create roles');
    assert.ok(roleCells.includes(CAPPED), 'its scope asks for them, and her role caps them');
    await page.screenshot({ path: path.join(ARTIFACTS, 'token-preview-no-access.png') });

    // Compare judges both scopes with Quinn too: the draft gains her token nothing.
    await click(page, 'Compare with the draft\'s scope');
    // A reader-scoped draft gains her nothing and loses her QA team's writes.
    await waitForItem(page, /^the draft's scope gains 0 actions, loses [1-9]\d* *$/);
    assert.ok(!(await labels(page)).some((label) => label.startsWith('+ ')), 'nothing is gained');

    const quinn = await demoToken(server, 'quinn.qa@example.com');
    const refused = await api(server, quinn, 'roles', {
      method: 'POST', body: JSON.stringify({ key: 'from-quinn', name: 'From Quinn', policy: [] }),
    });
    assert.equal(refused.status, 403);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('another member\'s token takes the role attribute values her team gives, as the API judges it', async () => {
  const server = await startServer();
  // Sam keeps flag-operator only through his team, whose projectKeys attribute names checkout alone.
  const olivia = await demoToken(server, 'olivia.owner@example.com');
  const sam = (await api(server, olivia, 'members')).body.items.find((m) => m.email === 'sam.scoped@example.com');
  const patched = await api(server, olivia, `members/${sam._id}`, {
    method: 'PATCH', body: JSON.stringify([{ op: 'replace', path: '/customRoles', value: [] }]),
  });
  assert.equal(patched.status, 200);

  const { context, page } = await openAs(browser, server, 'Adam Admin (admin)', 'adam.admin@example.com');
  try {
    await click(page, 'Show all members\' tokens');
    await waitForItem(page, 'sam.scoped@example.com');
    await selectTokenOf(page, 'sam.scoped@example.com');
    await waitForItem(page, /^Read-only: sam\.scoped@example\.com's personal token/);
    await settledMatrix(page);
    const problem = (await labels(page)).find((label) => /^No preview of/.test(label));
    assert.equal(problem, undefined, 'judged with the team\'s attribute values, not refused for want of them');
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), ALLOWED, 'the team\'s projectKeys: checkout');
    assert.notEqual(await matrixState(page, 'flag', 'mobile-app / production', 'updateOn'), ALLOWED, 'not mobile-app');
    assert.ok(!(await labels(page)).some((label) => /^Some teams of the account's members could not be read/.test(label)));
    await page.screenshot({ path: path.join(ARTIFACTS, 'token-preview-team-attributes.png') });
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a member\'s own tokens each show their scope; editing the draft brings the draft back', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await click(page, 'CI reader', { at: 'left' });
    await waitForItem(page, 'what "CI reader" can do now');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().items.some((i) => / capped by its member's permissions$/.test(i.label)));
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateOn'), DENIED);
    assert.equal(await matrixState(page, 'flag', 'checkout / production', 'updateName'), DENIED);

    await click(page, 'Local scripts', { at: 'left' });
    await waitForItem(page, 'what "Local scripts" can do now');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().items.some((i) => /^Read-only: .*, writer, /.test(i.label)));
    assert.equal(await matrixState(page, 'flag', 'checkout / staging', 'updateName'), ALLOWED, 'the writer token may rename flags');
    await page.screenshot({ path: path.join(ARTIFACTS, 'token-preview-own.png') });

    await click(page, 'admin');
    await waitForItem(page, 'This token asks for more than its member can do: those cells are capped.');
    assert.match(await totals(page), / capped by your member's permissions$/);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a service token is judged with its creator as they are now, and says it is approximate', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Adam Admin (admin)', 'adam.admin@example.com');
  try {
    await click(page, 'Deploy pipeline', { at: 'left' });
    await waitForItem(page, /^Approximate: a service token is capped by its creator as they were when it was made/);
    assert.match(await totals(page), / capped by its creator's permissions now$/);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('when the members cannot be read, another member\'s token gets no guessed preview', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Adam Admin (admin)', 'adam.admin@example.com');
  try {
    await page.route(/\/api\/v2\/members(\?|$)/, (route) => route.fulfill({
      status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'internal', message: 'members are down' }),
    }));
    await click(page, 'Show all members\' tokens');
    await waitForItem(page, 'quinn.qa@example.com');
    await selectTokenOf(page, 'quinn.qa@example.com');
    await waitForItem(page, /^The console cannot read the account's members \(.*members are down.*\), so it cannot say what "Demo console" can do/);
    assert.equal(await totals(page), undefined, 'no totals are shown for a token it cannot judge');
    assert.ok(!(await labels(page)).some((label) => /^Can turn flags on and off/.test(label)));
  } finally {
    await context.close();
    await server.stop();
  }
});
