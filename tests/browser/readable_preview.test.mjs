// The preview read at a glance: what the draft allows said per resource type in words, a reader's reading said
// too; the matrix's columns grouped by kind with readable headers; the preview keeping its room however long the
// draft grows.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, click, clipboardText, launchBrowser, openAs, snapshot, startServer, waitForItem } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

async function pastePolicy(page, policy) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), JSON.stringify(policy));
  const label = await waitForItem(page, 'Policy JSON', 5000, 'text');
  await page.mouse.click(label.x + 40, label.y + label.h * 2.5);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

const labels = async (page) => (await snapshot(page)).items.map((item) => item.label);

test('the preview says in words what the draft allows per resource type, and that a reader reads everything', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com', CLIPBOARD);
  try {
    // The draft starts as a reader token: it reads everything and changes nothing but its member's own tokens.
    await waitForItem(page, /^Reads everything: every project with its environments, flags and segments/);
    await waitForItem(page, 'Projects: view — in every project (5)');
    await waitForItem(page, "Personal tokens: create, archive and delete (1 of 2 actions) (its member's own)");
    assert.ok(!(await labels(page)).some((label) => /^Flags: /.test(label)), 'a reader changes no flag');

    await click(page, 'writer');
    await waitForItem(page, /^Flags: everything — /);
    const more = await waitForItem(page, /^and \d+ more types: show them$/);
    const shown = (await labels(page)).filter((label) => /^[A-Z][a-zA-Z ]+: /.test(label)).length;
    await click(page, more.label);
    await waitForItem(page, 'Show fewer');
    assert.ok((await labels(page)).filter((label) => /^[A-Z][a-zA-Z ]+: /.test(label)).length > shown, 'the rest shows');

    // An inline policy: one place, two kinds of action; no reader base, so it reads only what it may view.
    await click(page, 'Inline policy');
    await pastePolicy(page, [
      { effect: 'allow', resources: ['proj/*'], actions: ['viewProject'] },
      { effect: 'allow', resources: ['proj/checkout:env/production:flag/*'], actions: ['updateOn', 'updateTargets'] },
    ]);
    await waitForItem(page, /^Flags: turn on\/off, edit targeting \(1 of 10 actions\) — in checkout \/ production \(all \d+ flags\)$/);
    await waitForItem(page, /^Reads every project \(5\) with its environments, flags and segments; not the account's custom roles or service tokens/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-in-words.png') });

    await pastePolicy(page, []);
    await waitForItem(page, 'Changes nothing: no action is allowed.');
    await waitForItem(page, /^Reads no project \(viewProject allows none\)/);
  } finally {
    await context.close();
    await server.stop();
  }
});
