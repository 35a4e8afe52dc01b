// The preview keeps a usable share of the screen however long the draft is: the draft column is split into the
// draft (scrolling in its part once it is long) and the preview under it; the bar between them moves the share.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, click, launchBrowser, openAs, partOfDraftColumn, settledMatrix, snapshot, startServer, waitForItem } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function parts(page) {
  const column = (await snapshot(page)).items.find((item) => /^TokenScope\/draft-column_[0-9A-F]+$/.test(item.label));
  return { column, draft: await partOfDraftColumn(page, 'draft'), preview: await partOfDraftColumn(page, 'preview') };
}

// How many matrix rows show whole inside the preview part.
async function matrixRowsInSight(page) {
  const matrix = await settledMatrix(page);
  const { preview } = await parts(page);
  const bottom = Math.min(preview.y + preview.h, matrix.y + matrix.rows.length * matrix.cellHeight);
  return Math.max(0, Math.floor((bottom - matrix.y) / matrix.cellHeight + 0.01));
}

test('however many statements the draft has, the preview keeps its share and the statement just added is in sight', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await settledMatrix(page);
    await click(page, 'Inline policy');
    for (let statement = 1; statement <= 8; ++statement) {
      await click(page, 'Add statement', { part: 'draft' });
      const added = await waitForItem(page, `#${statement}`, 10000, 'text');  // in sight: scrolled to when added
      const { column, draft, preview } = await parts(page);
      assert.ok(added.y >= draft.y && added.y + added.h <= draft.y + draft.h, `#${statement} is inside the draft part`);
      assert.ok(draft.h <= column.h * 0.45, `the draft part takes ${draft.h} of ${column.h} px with ${statement} statements`);
      assert.ok(preview.h >= column.h * 0.5, `the preview part keeps ${preview.h} of ${column.h} px`);
      await waitForItem(page, 'what the draft could do', 5000);  // the preview's head is in sight
      const rows = await matrixRowsInSight(page);
      assert.ok(rows >= 8, `${rows} matrix rows in sight with ${statement} statements`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-under-a-long-draft.png') });

    // The rest of the draft is a scroll away: the Create button at its end.
    await click(page, 'Create token', { part: 'draft' });
    await waitForItem(page, /^Token ".*" created|^Create failed|can't be created|^Statement/, 10000);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('dragging the bar between the draft and the preview moves their share; a double-click puts it back', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  try {
    await settledMatrix(page);
    await click(page, 'Inline policy');
    for (let statement = 1; statement <= 4; ++statement) {
      await click(page, 'Add statement', { part: 'draft' });
      await waitForItem(page, `#${statement}`, 10000, 'text');
    }
    const first = await parts(page);
    const bar = await waitForItem(page, '#draft-preview-bar', 5000, 'widget');
    const dragBy = async (dy) => {
      await page.mouse.move(bar.x + bar.w / 2, bar.y + bar.h / 2);
      await page.mouse.down();
      for (let step = 1; step <= 5; ++step) await page.mouse.move(bar.x + bar.w / 2, bar.y + bar.h / 2 + (dy * step) / 5);
      await page.mouse.up();
    };

    await dragBy(-120);  // more room for the preview
    await page.waitForFunction((h) => {
      const preview = window.tokenscopeTest.snapshot().items.find((item) => /\/preview_[0-9A-F]+$/.test(item.label));
      return preview && preview.h > h + 100;
    }, first.preview.h);
    const dragged = await parts(page);
    assert.ok(Math.abs(dragged.draft.h - (first.draft.h - 120)) < 12, `the draft part shrank by the drag: ${first.draft.h} → ${dragged.draft.h}`);
    assert.ok(await matrixRowsInSight(page) > 8, 'the matrix shows more rows');

    const movedBar = await waitForItem(page, '#draft-preview-bar', 5000, 'widget');
    await page.mouse.dblclick(movedBar.x + movedBar.w / 2, movedBar.y + movedBar.h / 2);
    await page.waitForFunction((h) => {
      const preview = window.tokenscopeTest.snapshot().items.find((item) => /\/preview_[0-9A-F]+$/.test(item.label));
      return preview && Math.abs(preview.h - h) < 2;
    }, first.preview.h);
  } finally {
    await context.close();
    await server.stop();
  }
});
