// The console as a screen reader meets it: Chromium's own accessibility tree (over CDP, as assistive technology
// reads it), built from the hidden mirror web/screen_reader.js keeps of what each frame shows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api, click, demoToken, launchBrowser, openAs, settledMatrix, snapshot, startServer, typeInto, waitForItem,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// The accessibility tree's nodes that are not ignored, as { role, name, focused, disabled, backendId }.
async function accessibleNodes(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes.filter((node) => !node.ignored).map((node) => {
    const property = (name) => node.properties?.find((p) => p.name === name)?.value?.value;
    return {
      role: node.role?.value, name: node.name?.value ?? '', focused: property('focused') === true,
      disabled: property('disabled') === true, expanded: property('expanded'), checked: property('checked'),
      value: node.value?.value,
      backendId: node.backendDOMNodeId,
    };
  });
}

async function waitForNode(cdp, accept, what, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await accessibleNodes(cdp)).find(accept);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`the accessibility tree has no ${what}`);
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
}

// What a screen reader does to activate a node: the default action, a click on its element (no pointer).
async function activate(cdp, node) {
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.backendId });
  await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
}

const button = (name) => (node) => node.role === 'button' && node.name === name;

async function openWithReader(server) {
  const opened = await openAs(browser, server, 'Wendy Writer (writer)', 'wendy.writer@example.com');
  const cdp = await opened.context.newCDPSession(opened.page);
  await cdp.send('Accessibility.enable');
  await cdp.send('DOM.enable');
  return { ...opened, cdp };
}

test('the accessibility tree names the member, the Create token button and the preview summary, with their roles', async () => {
  const server = await startServer();
  const { context, page, cdp } = await openWithReader(server);
  try {
    const summary = (await snapshot(page)).items.find((item) => /^Can /.test(item.label));
    assert.ok(summary, 'the preview says what the draft can do');
    const nodes = await accessibleNodes(cdp);
    // A paragraph's words are its text's (StaticText), as a screen reader reads them.
    const member = nodes.find((node) => node.role === 'StaticText' && /wendy\.writer@example\.com/.test(node.name));
    assert.match(member?.name ?? '', /^Acting as Wendy Writer wendy\.writer@example\.com role: writer/,
                 'one line, read as one');
    assert.ok(nodes.some(button('Create token')), 'Create token is a button');
    assert.ok(nodes.some((node) => node.role === 'heading' && node.name === 'New token'), 'the draft has a heading');
    assert.ok(nodes.some((node) => node.role === 'heading' && node.name === 'Preview:'), 'the preview has a heading');
    assert.ok(nodes.some((node) => node.role === 'StaticText' && node.name === summary.label), 'the summary is read');
    assert.ok(!nodes.some((node) => /^#/.test(node.name)), 'no widget named by its ImGui id');
    assert.ok(nodes.some((node) => node.role === 'textbox' && node.name === 'Token name'), 'a named field');
    const radio = (name) => nodes.find((node) => node.role === 'radio' && node.name === name);
    assert.equal(radio('Base role')?.checked, 'true', 'the scope chosen');
    assert.equal(radio('Custom roles')?.checked, 'false');
    const table = nodes.find((node) => node.role === 'table');
    assert.equal(table?.name, 'Tokens', 'the tokens table, named by its heading');
    assert.ok(nodes.some((node) => node.role === 'columnheader' && /Name/.test(node.name)), 'its column headers');
    assert.ok(!nodes.some((node) => node.role === 'button' && node.name === 'TokenScope'), 'no window as a button');

    // Choosing custom roles through the tree: the radio buttons follow, and each role is a checkbox.
    await activate(cdp, radio('Custom roles'));
    await waitForNode(cdp, (node) => node.role === 'radio' && node.name === 'Custom roles' && node.checked === 'true',
                      'Custom roles chosen');
    const role = await waitForNode(cdp, (node) => node.role === 'checkbox', "a custom role's checkbox");
    assert.equal(role.checked, 'false');
    await activate(cdp, role);
    await waitForNode(cdp, (node) => node.role === 'checkbox' && node.name === role.name && node.checked === 'true',
                      'the role checked');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('pressing the mirrored Create token button creates the token; the secret dialog is all there is to read, then the result is said', async () => {
  const server = await startServer();
  const { context, page, cdp } = await openWithReader(server);
  try {
    const wendy = await demoToken(server, 'wendy.writer@example.com');
    const before = (await api(server, wendy, 'tokens')).body.items.length;
    await activate(cdp, await waitForNode(cdp, button('Create token'), 'Create token button'));

    const dialog = await waitForNode(cdp, (node) => node.role === 'dialog', 'dialog');
    assert.equal(dialog.name, 'Your new token secret');
    const focused = await waitForNode(cdp, (node) => node.focused && node.role === 'button', 'the focus in the dialog');
    assert.equal(focused.name, 'Copy', 'the dialog takes the focus: it is what is read next');
    assert.equal((await api(server, wendy, 'tokens')).body.items.length, before + 1, 'created, by the API');
    const nodes = await accessibleNodes(cdp);
    assert.ok(nodes.some((node) => /^Warning: Copy it now/.test(node.name)), 'the warning, said as one');
    assert.ok(!nodes.some(button('Create token')), 'what the dialog covers is not there to act on');
    await page.waitForFunction(() => /was created\.$/.test(document.getElementById('screen-reader-status').textContent));

    await activate(cdp, await waitForNode(cdp, button('Done'), 'Done button'));
    await waitForNode(cdp, button('Create token'), 'Create token button, the dialog gone');
    assert.ok(!(await accessibleNodes(cdp)).some((node) => node.role === 'dialog'));
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a dialog whose first frames show no widget yet takes the focus on the first that shows one', async () => {
  const server = await startServer();
  const { context, page } = await openWithReader(server);
  try {
    // ImGui sizes a new window on its first frame before it draws its widgets: the mirror may get such a frame.
    const focusAfter = (frame) => page.evaluate(async (json) => {
      window.tokenscopeScreenReader.update(json);
      await new Promise((resolve) => { setTimeout(resolve, 300); });
      return document.activeElement?.textContent ?? '';
    }, JSON.stringify(frame));
    const text = { role: 'text', name: 'Warning: Copy it now' };
    const copy = { role: 'button', name: 'Copy', id: 4242 };
    assert.notEqual(await focusAfter({ focus: 0, dialog: 'Your new token secret', nodes: [text] }), 'Copy');
    assert.equal(await focusAfter({ focus: 0, dialog: 'Your new token secret', nodes: [text, copy] }), 'Copy');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('Space right after Tab presses the widget the console moved to, not the one the mirror has not left yet', async () => {
  const server = await startServer();
  const { context, page } = await openWithReader(server);
  try {
    // A screen reader puts the focus on Create token; the console's keyboard focus follows.
    await page.evaluate(() => [...document.querySelectorAll('#screen-reader [data-id]')].find((e) => e.textContent === 'Create token').focus());
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().focused === 'Create token');
    // The mirror lags (it is updated at most every 100 ms): here it does not follow at all, but the console's
    // focus is still told.
    await page.evaluate(() => {
      const mirror = window.tokenscopeScreenReader;
      const update = mirror.update;
      mirror.update = (json, focus) => update(null, focus);
    });
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().focused === 'Export the draft');
    await page.keyboard.press('Space');
    await waitForItem(page, 'curl');  // the export opened: Space went to the widget shown focused
    assert.ok(!(await snapshot(page)).items.some((item) => /^Copy it now/.test(item.label)), 'no token created');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a widget the mirror did not show cannot be activated through it: not a disabled one, nor one a dialog covers', async () => {
  const server = await startServer();
  const { context, page, cdp } = await openWithReader(server);
  try {
    // Wendy's own act-as button is disabled: the mirror says so, and pressing it does nothing.
    const own = await waitForNode(cdp, button('Wendy Writer (writer)'), 'her own act-as button');
    assert.equal(own.disabled, true);
    const olivia = await waitForNode(cdp, button('Olivia Owner (owner)'), "Olivia's act-as button");
    await activate(cdp, own);
    await new Promise((resolve) => { setTimeout(resolve, 500); });
    assert.match((await accessibleNodes(cdp)).find((n) => /^Acting as/.test(n.name)).name, /Wendy Writer/);

    // With the secret dialog open, the act-as button's id, handed to the console directly, is refused.
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: olivia.backendId });
    const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, returnByValue: true,
                                                                  functionDeclaration: 'function () { return this.dataset.id; }' });
    await activate(cdp, await waitForNode(cdp, button('Create token'), 'Create token button'));
    await waitForNode(cdp, (node) => node.role === 'dialog', 'dialog');
    await page.evaluate((id) => window.Module._tokenscope_screen_reader_activate(Number(id)), result.value);
    await new Promise((resolve) => { setTimeout(resolve, 500); });
    await activate(cdp, await waitForNode(cdp, button('Done'), 'Done button'));
    await waitForNode(cdp, button('Create token'), 'Create token button, the dialog gone');
    assert.match((await accessibleNodes(cdp)).find((n) => /^Acting as/.test(n.name)).name, /Wendy Writer/,
                 'still Wendy: the covered button was not pressed');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the focus follows keyboard navigation, and a screen reader moving the focus moves the console\'s', async () => {
  const server = await startServer();
  const { context, page, cdp } = await openWithReader(server);
  try {
    await click(page, 'Token name');
    const widgetFocused = (node) => node.focused && ['textbox', 'button', 'checkbox', 'radio'].includes(node.role);
    let focused = await waitForNode(cdp, widgetFocused, 'focused widget');
    assert.deepEqual([focused.role, focused.name], ['textbox', 'Token name'], 'a click in a field focuses it');
    await page.keyboard.type('Read aloud');
    await page.keyboard.press('Tab');
    await waitForNode(cdp, (node) => node.role === 'textbox' && node.name === 'Token name' && node.value === 'Read aloud',
                      'the field reading what was typed');
    focused = await waitForNode(cdp, (node) => node.focused && node.name === 'Token description', 'the next field focused');
    assert.equal(focused.role, 'textbox');
    await page.keyboard.press('Tab');
    focused = await waitForNode(cdp, (node) => widgetFocused(node) && node.name !== 'Token description', 'the next widget focused');
    assert.equal((await snapshot(page)).focused, focused.name, 'the console and the tree agree');

    // A screen reader puts the focus on Create token: the console's keyboard focus goes there, and Enter presses it.
    const create = await waitForNode(cdp, button('Create token'), 'Create token button');
    await cdp.send('DOM.focus', { backendNodeId: create.backendId });
    await page.waitForFunction(() => window.tokenscopeTest.snapshot().focused === 'Create token');
    await page.keyboard.press('Enter');
    await waitForItem(page, 'Copy it now: it will not be shown again.');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the mirror changes only when what is shown changes', async () => {
  const server = await startServer();
  const { context, page } = await openWithReader(server);
  try {
    await new Promise((resolve) => { setTimeout(resolve, 1500); });
    await page.evaluate(() => {
      const reader = window.tokenscopeScreenReader;
      window.mirrorUpdates = 0;
      const update = reader.update;
      reader.update = (json) => { window.mirrorUpdates += 1; update(json); };
    });
    const drawn = (await snapshot(page)).frame;
    for (let x = 5; x < 60; x += 5) await page.mouse.move(x, 400);  // over nothing: frames, the same content
    await page.waitForFunction((f) => window.tokenscopeTest.snapshot().frame > f + 3, drawn);
    assert.equal(await page.evaluate(() => window.mirrorUpdates), 0);
    await click(page, 'Token name');
    await page.keyboard.type('x');
    await page.waitForFunction(() => window.mirrorUpdates > 0);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the preview\'s matrix reads as a grid of states, and pressing a cell explains it aloud', async () => {
  const server = await startServer();
  const { context, page, cdp } = await openWithReader(server);
  try {
    const matrix = await settledMatrix(page);
    const table = await waitForNode(cdp, (node) => node.role === 'grid' && /^What it may do, by flag/.test(node.name), 'the matrix');
    assert.ok(table);
    const row = 'checkout / production';
    const column = matrix.columns.indexOf('updateOn');
    const state = matrix.states[matrix.rows.indexOf(row) * matrix.columns.length + column];
    const cell = (r, c) => {
      const header = [...document.querySelectorAll('#screen-reader [role=rowheader]')].find((e) => e.textContent === r);
      return header.parentElement.children[c + 1];
    };
    const read = await page.evaluate(`(${cell})(${JSON.stringify(row)}, ${column}).textContent`);
    assert.equal(read, ['denied', 'allowed', 'capped', 'partly allowed'][state], 'the cell says what the shader shows');
    const nodes = await accessibleNodes(cdp);
    assert.ok(nodes.some((node) => node.role === 'rowheader' && node.name === row));
    assert.ok(nodes.some((node) => node.role === 'columnheader' && node.name === 'updateOn'));

    await page.evaluate(`(${cell})(${JSON.stringify(row)}, ${column}).click()`);
    const explained = await waitForItem(page, /^updateOn on the \d+ flags of /);  // not the cell's tooltip
    await page.waitForFunction((said) => document.getElementById('screen-reader-status').textContent === said, explained.label);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a pasted access token never reaches the mirror: the field reads as masked', async () => {
  const server = await startServer();
  const { context, page, cdp } = await openWithReader(server);
  try {
    await activate(cdp, await waitForNode(cdp, button('Connect to a LaunchDarkly instance'), 'the connect section'));
    await waitForNode(cdp, (node) => node.role === 'textbox' && node.name === 'Access token', 'the token field');
    await typeInto(page, 'Access token', 'api-0123-secret-4567', { enter: false });
    const field = await waitForNode(cdp, (node) => node.role === 'textbox' && node.name === 'Access token' && node.value?.length === 20,
                                    'the token field, filled');
    assert.equal(field.value, '\u2022'.repeat(20));
    const mirrored = await page.evaluate(() => document.getElementById('screen-reader').innerHTML);
    assert.ok(!mirrored.includes('secret') && !mirrored.includes('0123'), 'no character of the token in the DOM');
  } finally {
    await context.close();
    await server.stop();
  }
});
