// What-if asks "what if a member had a lower role?": it offers only roles below the member's own.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, launchBrowser, openAs, snapshot, startServer, waitForItem } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// The roles the open "as" list offers. The draft's base-role radios are widgets named reader, writer and
// admin too, so an offered role is one that appears once more than those radios account for (the tokens
// table's scopes are text, not widgets).
async function offeredRoles(page) {
  const labels = (await snapshot(page)).items.filter((item) => item.kind === 'widget').map((item) => item.label);
  const count = (name) => labels.filter((label) => label === name).length;
  const draftRadios = { admin: 1, writer: 1, reader: 1, no_access: 0 };
  return Object.keys(draftRadios).filter((role) => count(role) > draftRadios[role]);
}

async function chooseMember(page, label) {
  await click(page, 'Member', { at: 'left' });
  await click(page, label);
}

test('what-if offers each member only the roles below their own', async () => {
  const server = await startServer();
  const { context, page } = await openAs(browser, server, 'Olivia Owner (owner)', 'olivia.owner@example.com');
  try {
    await click(page, 'What if a member had a lower role?');
    await chooseMember(page, 'Wendy Writer (writer), wendy.writer@example.com');
    await waitForItem(page, /^Make it real: Wendy Writer becomes reader$/);  // the next role down is chosen for her
    await click(page, 'as', { at: 'left' });
    await waitForItem(page, 'no_access');
    assert.deepEqual(await offeredRoles(page), ['reader', 'no_access']);
    await page.keyboard.press('Escape');

    await chooseMember(page, 'Adam Admin (admin), adam.admin@example.com');
    await click(page, 'as', { at: 'left' });
    await waitForItem(page, 'no_access');
    assert.deepEqual(await offeredRoles(page), ['writer', 'reader', 'no_access']);
    await page.keyboard.press('Escape');

    await chooseMember(page, 'Ravi Reader (reader), ravi.reader@example.com');
    await waitForItem(page, 'Make it real: Ravi Reader becomes no_access');

    await chooseMember(page, 'Quinn QA (no_access), quinn.qa@example.com');
    await waitForItem(page, 'Quinn QA has no access already: there is no lower role.');
    assert.ok(!(await snapshot(page)).items.some((item) => /^Make it real/.test(item.label)));
  } finally {
    await context.close();
    await server.stop();
  }
});
