// The preview read at a glance: what the draft allows said per resource type in words, a reader's reading said
// too; the matrix's columns grouped by kind with readable names.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, click, launchBrowser, openAs, pastePolicyJson, settledMatrix, snapshot, startServer, waitForItem,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

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
    await pastePolicyJson(page, JSON.stringify([
      { effect: 'allow', resources: ['proj/*'], actions: ['viewProject'] },
      { effect: 'allow', resources: ['proj/checkout:env/production:flag/*'], actions: ['updateOn', 'updateTargets'] },
    ]));
    await waitForItem(page, /^Flags: turn on\/off, edit targeting \(1 of 10 actions\) — in checkout \/ production \(all \d+ flags\)$/);
    await waitForItem(page, /^Reads every project \(5\) with its environments, flags and segments; not the account's custom roles or service tokens/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-in-words.png') });

    await pastePolicyJson(page, '[]');
    await waitForItem(page, 'Changes nothing: no action is allowed.');
    await waitForItem(page, /^Reads no project \(viewProject allows none\)/);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the matrix sums up each kind of action in a column with a readable name; a kind opens into its actions', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await click(page, 'writer');
    await waitForItem(page, /^Flags: everything — /);
    let matrix = await settledMatrix(page);
    assert.ok(matrix.columns.includes('updateOn'), 'a kind of one action is that action');
    assert.ok(matrix.columns.includes('Targeting (10 actions)'), JSON.stringify(matrix.columns));
    assert.ok(matrix.columns.length <= 10, `a column per kind (${matrix.columns.length})`);
    assert.ok(matrix.cellWidth >= 12, `columns wide enough for their names (${matrix.cellWidth} px)`);
    const nameOf = async (label) => waitForItem(page, label, 5000, 'widget');
    const targeting = matrix.columns.indexOf('Targeting (10 actions)');
    const name = await nameOf('Targeting (10 actions)');
    assert.ok(Math.abs(name.x - (matrix.x + targeting * matrix.cellWidth)) <= 1 && name.y + name.h <= matrix.y + 1,
              'the name stands over its column');
    await page.mouse.move(name.x + name.w / 2, name.y + name.h / 2);
    await waitForItem(page, 'Targeting: 10 actions (edit targeting). Click to show each.');

    // A kind's cell says how much of each of its actions is allowed.
    const row = matrix.rows[0];
    await page.mouse.click(matrix.x + (targeting + 0.5) * matrix.cellWidth, matrix.y + 0.5 * matrix.cellHeight);
    await waitForItem(page, new RegExp(`^Targeting on ${row}: 10 of 10 actions allowed on all`));
    await waitForItem(page, '- updateFallthrough: all allowed');

    // Opened, the kind shows a column per action under its heading; each cell explains its own action.
    await click(page, 'Targeting (10 actions)');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.columns.includes('updateFallthrough'));
    matrix = await settledMatrix(page);
    const columns = ['updateTargets', 'updateRules', 'updateFallthrough', 'updateOffVariation', 'updatePrerequisites']
      .map((action) => matrix.columns.indexOf(action));
    assert.ok(columns.every((c) => c >= 0) && Math.max(...columns) - Math.min(...columns) < 10, 'side by side');
    const heading = await nameOf('Targeting');
    assert.ok(heading.x <= matrix.x + Math.min(...columns) * matrix.cellWidth + 1 &&
              heading.x + heading.w >= matrix.x + (Math.max(...columns) + 1) * matrix.cellWidth - 1, 'its heading spans them');
    const column = matrix.columns.indexOf('updateFallthrough');
    const fallthrough = await nameOf('updateFallthrough');
    await page.mouse.move(fallthrough.x + fallthrough.w / 2, fallthrough.y + fallthrough.h / 2);
    await waitForItem(page, 'updateFallthrough (Targeting: edit targeting)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'matrix-headers.png') });
    await page.mouse.click(matrix.x + (column + 0.5) * matrix.cellWidth, matrix.y + 0.5 * matrix.cellHeight);
    await waitForItem(page, new RegExp(`^updateFallthrough on the \\d+ flags of ${row}: all allowed$`));

    // Its heading closes it again; "every action" opens every kind.
    await click(page, 'Targeting');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.columns.includes('Targeting (10 actions)'));
    await click(page, 'every action');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.columns.length > 50);
  } finally {
    await context.close();
    await server.stop();
  }
});

// Waits until the words' first type stands above the matrix (the frame a tab changes is laid out as the last).
async function wordsAboveMatrix(page) {
  await settledMatrix(page);
  await page.waitForFunction(() => {
    const shown = window.tokenscopeTest.snapshot();
    const words = shown.items.find((item) => /^Flags: everything — /.test(item.label));
    return words && shown.matrix && words.y + words.h <= shown.matrix.y;
  }, null, { timeout: 5000 });
}

test('on a wide screen the words stand beside the matrix; on a narrower one above it, and with every action too', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com',
    { viewport: { width: 1920, height: 1080 } });
  try {
    await click(page, 'writer');
    const words = await waitForItem(page, /^Flags: everything — /);
    let matrix = await settledMatrix(page);
    const matrixRight = matrix.x + matrix.columns.length * matrix.cellWidth;
    assert.ok(words.x > matrixRight, `the words (x ${words.x}) stand right of the cells (which end at ${matrixRight})`);
    assert.ok(words.y < matrix.y + matrix.rows.length * matrix.cellHeight, 'beside the rows, not under them');
    assert.ok(matrix.rows.includes('checkout / production'), 'the rows keep their names whole');
    const reads = await waitForItem(page, /^Reads everything/);
    assert.ok(reads.x > matrixRight, 'what it reads is said beside the matrix too');
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-words-beside.png') });

    // A column per action takes the width: the words go above the matrix.
    await click(page, 'every action');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.columns.length > 50);
    await wordsAboveMatrix(page);

    await page.setViewportSize({ width: 1400, height: 900 });
    await click(page, 'every action');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().matrix?.columns.length < 12);
    await wordsAboveMatrix(page);  // at 1400 px, with a column per kind
  } finally {
    await context.close();
    await server.stop();
  }
});
