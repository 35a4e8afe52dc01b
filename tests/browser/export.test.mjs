// "Export the draft": a curl command, an ldcli command and a Terraform resource a person copies and hands over.
// The curl is run here, as the person handed it would, against serve.py; none holds a secret.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, api, click, clipboardText, demoToken, launchBrowser, openAs, scrollPartTo, settledMatrix, startServer, typeInto,
  waitForItem,
} from './harness.mjs';

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// Chooses a format, presses Copy and returns what reached the clipboard.
async function copyExport(page, format, accept) {
  await click(page, format, { part: 'draft' });
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
  await click(page, 'Copy', { at: 'left', part: 'draft' });
  await waitForItem(page, 'Copied to the clipboard.');
  return clipboardText(page, (text) => text !== '(nothing copied yet)' && accept(text));
}

test('the exported curl, run with a demo member\'s token in its variable, creates the drafted token: 201', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', CLIPBOARD);
  try {
    await typeInto(page, 'Token name', "Nightly 'export'; echo pwned", { enter: false });
    await click(page, 'writer');
    await click(page, 'Export the draft', { part: 'draft' });
    const curl = await copyExport(page, 'curl', (text) => text.startsWith('curl '));
    assert.match(curl, new RegExp(`^curl -sS -X POST '${server.url}api/v2/tokens'`));
    assert.match(curl, /-H "Authorization: \$LD_ACCESS_TOKEN"/);

    const wendy = await demoToken(server, 'wendy.writer@example.com');
    const output = execFileSync('bash', ['-c', `${curl.trimEnd()} -w '\\n%{http_code}'`], {
      env: { PATH: process.env.PATH, LD_ACCESS_TOKEN: wendy }, encoding: 'utf8', timeout: 20000,
    });
    const [body, status] = [output.slice(0, output.lastIndexOf('\n')), output.slice(output.lastIndexOf('\n') + 1)];
    assert.equal(status, '201', body);
    const created = JSON.parse(body);
    assert.equal(created.name, "Nightly 'export'; echo pwned", 'the name stays one word: nothing of it ran');
    assert.equal(created.role, 'writer');
    const listed = (await api(server, wendy, 'tokens')).body.items.find((token) => token._id === created._id);
    assert.equal(listed?.role, 'writer', 'the API lists it with the drafted scope');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('no export holds a secret: the token comes from a variable, in curl, ldcli and Terraform alike', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', CLIPBOARD);
  try {
    const secrets = [];
    for (const email of ['wendy.writer@example.com', 'olivia.owner@example.com']) secrets.push(await demoToken(server, email));
    await click(page, 'Custom roles');
    await waitForItem(page, 'Flag operator');
    await click(page, 'Flag operator', { at: 'left' });
    await page.waitForFunction(() => !window.tokenscopeTest.snapshot().items.some((i) => /^choose at least one custom role/.test(i.label)));
    await click(page, 'Export the draft', { part: 'draft' });
    const exports = {
      curl: await copyExport(page, 'curl', (text) => text.startsWith('curl ')),
      ldcli: await copyExport(page, 'ldcli', (text) => text.startsWith('ldcli ')),
      Terraform: await copyExport(page, 'Terraform', (text) => text.startsWith('variable ')),
    };
    await page.screenshot({ path: path.join(ARTIFACTS, 'export-terraform.png') });
    assert.match(exports.ldcli, /^ldcli access-tokens create \\\n {2}--base-uri '/);
    assert.match(exports.Terraform, /custom_roles += \["flag-operator"\]/, 'custom roles by key');
    assert.match(exports.Terraform, /access_token = var\.launchdarkly_access_token/);
    for (const [format, text] of Object.entries(exports)) {
      assert.ok(!/api-[0-9a-f]{8}-/.test(text), `${format} holds no token`);
      for (const secret of secrets) assert.ok(!text.includes(secret), `${format} holds no demo member's secret`);
    }
  } finally {
    await context.close();
    await server.stop();
  }
});

// The mirror's field holds what the console's field shows (web/screen_reader.js): a field's content for a test.
async function fieldText(page, name) {
  await scrollPartTo(page, 'draft', name, 'widget');
  const field = await page.waitForFunction((label) => document.querySelector(`#screen-reader [role=textbox][aria-label="${label}"]`), name);
  return field.evaluate((element) => element.textContent);
}

test('a share link opens a fresh browser on the same draft, member and view, and holds no secret', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Ravi Reader (reader)', 'ravi.reader@example.com', CLIPBOARD);
  let fresh;
  try {
    await typeInto(page, 'Token name', 'Walk-through #2: "checkout"', { enter: false });
    await typeInto(page, 'Token description', 'for the customer call', { enter: false });
    await click(page, 'Inline policy');
    await click(page, 'Add statement', { part: 'draft' });
    await waitForItem(page, 'proj/*:env/*:flag/*', 10000, 'text');  // the builder wrote its statement
    await click(page, 'Segments');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'segment');
    const kind = (await settledMatrix(page)).columns.find((column) => / \(\d+ actions\)$/.test(column));
    await click(page, kind);  // opened into a column per action: the link keeps that too
    await page.waitForFunction((k) => !window.tokenscopeTest.snapshot().matrix?.columns.includes(k), kind);
    const columns = (await settledMatrix(page)).columns;
    const policy = await fieldText(page, 'Policy JSON');
    assert.match(policy, /"effect"/, 'a statement to carry over');
    await click(page, 'Export the draft', { part: 'draft' });
    const link = await copyExport(page, 'Link', (text) => text.startsWith('http'));
    assert.ok(link.startsWith(`${server.url}#scenario=`), link);
    for (const member of ['ravi.reader@example.com', 'wendy.writer@example.com', 'olivia.owner@example.com']) {
      assert.ok(!link.includes(await demoToken(server, member)), 'no demo member\'s token in the link');
    }
    assert.ok(!/api-[0-9a-f]{8}/.test(decodeURIComponent(link)), 'no secret at all');

    fresh = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const opened = await fresh.newPage();
    await opened.goto(link);
    await opened.waitForFunction(() => {
      const labels = window.tokenscopeTest.snapshot().items.map((item) => item.label);
      return labels[labels.indexOf('Acting as') + 2] === 'ravi.reader@example.com';
    }, null, { timeout: 20000 });
    await opened.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.type === 'segment', null, { timeout: 20000 });
    assert.deepEqual((await settledMatrix(opened)).columns, columns, `the same columns, ${kind} opened`);
    assert.equal(await fieldText(opened, 'Token name'), 'Walk-through #2: "checkout"');
    assert.equal(await fieldText(opened, 'Token description'), 'for the customer call');
    assert.equal(await fieldText(opened, 'Policy JSON'), policy, 'the same inline policy');
    await opened.screenshot({ path: path.join(ARTIFACTS, 'share-link-opened.png') });
  } finally {
    await fresh?.close();
    await context.close();
    await server.stop();
  }
});

test('a link whose scenario cannot be read opens the console as usual and says why', async () => {
  const server = await startServer();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}#scenario=%7B%22draft%22%3A%7B%22scope%22%3A%22owner%22%7D%7D`);
    await waitForItem(page, /^This link's scenario could not be read: scope must be role, customRoles or inlinePolicy/);
    await waitForItem(page, 'Create token');
  } finally {
    await context.close();
    await server.stop();
  }
});
