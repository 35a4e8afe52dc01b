// Shared by the browser tests: serve.py on a free loopback port, headless Chromium, and helpers that
// find widgets through the console's read-only test hook and act on them with real input events.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'build', 'browser-tests');
mkdirSync(ARTIFACTS, { recursive: true });

export function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenscope-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// A server with a freshly seeded demo account, and serve.py's options `extraArgs`. With a database file or a port
// of its own (a test that stops and restarts it), a serve.py process of its own; otherwise one of serve.py's
// servers in the test file's demo_servers.py process, started in milliseconds instead of half a second.
export function startServer({ db = ':memory:', port = 0, extraArgs = [] } = {}) {
  return db === ':memory:' && port === 0 ? startDemoServer(extraArgs) : startServeProcess({ db, port, extraArgs });
}

// The address serve.py prints when it listens.
function listeningAt(output) {
  const match = output.match(/http:\/\/([\d.]+):(\d+)\//);
  return match && { url: `http://${match[1]}:${match[2]}/`, port: Number(match[2]) };
}

// The test file's demo_servers.py (tests/browser/demo_servers.py): started at the first server asked for; it ends
// when this file's process does (its stdin closes). A command is a line of JSON; its answer, a line, in order.
let demoServers;
function demoServersProcess() {
  if (demoServers) return demoServers;
  const child = spawn('python3', [path.join('tests', 'browser', 'demo_servers.py')], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    waiting.shift()?.(line);
    if (waiting.length === 0) child.stdout.unref();
  });
  child.on('exit', (code) => { for (const answer of waiting.splice(0)) answer(`error: demo_servers.py exited ${code}`); });
  child.unref();  // the test file may end while it runs: closing its stdin ends it
  child.stdin.unref();
  child.stdout.unref();
  demoServers = (command) => new Promise((answer) => {
    waiting.push(answer);
    child.stdout.ref();  // keep this process alive until the answer comes
    child.stdin.write(`${JSON.stringify(command)}\n`);
  });
  return demoServers;
}

async function startDemoServer(extraArgs) {
  const command = demoServersProcess();
  const answer = await command({ start: extraArgs });
  const where = listeningAt(answer);
  if (!where) throw new Error(`demo_servers.py did not start a server: ${answer}`);
  return {
    ...where,
    stop: async () => {
      const stopped = await command({ stop: where.port });
      if (stopped !== `stopped ${where.port}`) throw new Error(`demo_servers.py: ${stopped}`);
    },
  };
}

// Starts a serve.py process and resolves once it prints its address.
function startServeProcess({ db, port, extraArgs }) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['serve.py', '--quiet', '--db', db, '--port', String(port), ...extraArgs], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve.py did not start:\n${output}`)), 15000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const where = listeningAt(output);
      if (where) {
        clearTimeout(timer);
        resolve({
          ...where, process: child,
          stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }),
        });
      }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); if (!output.includes('http://')) reject(new Error(`serve.py exited ${code}:\n${output}`)); });
  });
}

// Headless Chromium drawing WebGL2 with SwiftShader. A test's page lives a few seconds, too few for V8's optimizing
// WebAssembly compiler to pay for itself (it compiles the whole bundle again, on the same two cores): the tests
// run the bundle as its baseline compiler (Liftoff) makes it; a benchmark asks for the optimizing compiler, as a
// person's browser runs it.
export async function launchBrowser({ optimizingCompiler = false } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
      ...(optimizingCompiler ? [] : ['--js-flags=--liftoff-only'])],
  });
}

export async function snapshot(page) {
  return page.evaluate(() => window.tokenscopeTest.snapshot());
}

// Waits until the console's state is one of `states`, and returns that frame's snapshot.
export async function waitForState(page, states, timeout = 20000) {
  const wanted = Array.isArray(states) ? states : [states];
  await page.waitForFunction((w) => w.includes(window.tokenscopeTest?.snapshot().state), wanted, { timeout });
  return snapshot(page);
}

// Waits until an item whose label matches `label` (string: exact, RegExp: test) is visible; returns it.
// `kind` narrows to 'widget' (buttons, fields, rows) or 'text'.
export async function waitForItem(page, label, timeout = 20000, kind = undefined) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await snapshot(page)).items.find((item) => (!kind || item.kind === kind) &&
      (label instanceof RegExp ? label.test(item.label) : item.label === label));
    if (found) return found;
    if (Date.now() > deadline) {
      const labels = (await snapshot(page)).items.map((item) => item.label);
      throw new Error(`no item ${label} on screen; visible: ${JSON.stringify(labels)}`);
    }
    await page.waitForTimeout(50);
  }
}

// Clicks the middle of a widget; `{ at: 'left' }` clicks near its left edge (table rows span every column,
// and their middle may fall on a column border). `{ part: 'draft' }` (or 'preview') first scrolls that part of
// the draft column until the widget is in sight, as a person would.
export async function click(page, label, { at = 'middle', kind = 'widget', part = undefined } = {}) {
  if (part) await scrollPartTo(page, part, label, kind);
  const item = await waitForSteadyItem(page, label, kind);
  const x = at === 'left' ? item.x + Math.min(12, item.w / 2) : item.x + item.w / 2;
  await page.mouse.click(x, item.y + item.h / 2);
  return item;
}

function matches(item, label, kind) {
  return (!kind || item.kind === kind) && (label instanceof RegExp ? label.test(item.label) : item.label === label);
}

// The rectangle of a part of the draft column: 'draft' (its scope, statements, create and export) or 'preview'.
export async function partOfDraftColumn(page, part) {
  const pattern = new RegExp(`^TokenScope/draft-column_[0-9A-F]+/${part}_[0-9A-F]+$`);
  const found = (await snapshot(page)).items.find((item) => pattern.test(item.label));
  if (!found) throw new Error(`the draft column has no ${part} part on screen`);
  return found;
}

// Scrolls a part of the draft column with the mouse wheel (over its scroll bar, where no inner list takes the
// wheel) until an item labelled `label` is in sight: down to the part's end, then back up to its top.
export async function scrollPartTo(page, part, label, kind = undefined) {
  for (const direction of [1, -1]) {
    let before = null;
    for (let step = 0; step < 60; ++step) {
      const shown = await inputHandled(page);
      const rect = await partOfDraftColumn(page, part);
      const whole = (item) => item.y >= rect.y - 0.5 && item.y + item.h <= rect.y + rect.h + 0.5;
      if (shown.items.some((item) => matches(item, label, kind) && whole(item))) {
        const steady = await waitForSteadyItem(page, label, kind);
        if (whole(steady)) return steady;
      }
      const where = JSON.stringify(shown.items.map((item) => [item.label, item.y]));
      if (where === before) break;  // the part scrolls no further this way
      before = where;
      await page.mouse.move(rect.x + rect.w - 3, rect.y + rect.h / 2);
      await page.mouse.wheel(0, direction * 120);
      await nextFrames(page, 2);
    }
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'not-found-in-part.png') });
  throw new Error(`no item ${label} in the ${part} part, scrolled from end to end`);
}

// Puts the keyboard in the inline policy's JSON editor (under the statements: scrolled into sight first).
export async function focusPolicyJson(page) {
  await focusField(page, 'Policy JSON', { part: 'draft' });
}

// Clicks a text field and waits until keys go to it: the click's frames have focused the field and handled the
// mouse button's release (Ctrl+A handled while the button still counts as held would be undone by the drag that
// selects from where the mouse is).
export async function focusField(page, label, options = {}) {
  await click(page, label, options);
  await page.waitForFunction((field) => window.tokenscopeTest.snapshot().focused === field, label);
  await inputHandled(page);
}

// Replaces the inline policy's JSON with `text` by pasting it, as a person would.
export async function pastePolicyJson(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await focusPolicyJson(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

// The inline policy's JSON, taken the way a person would: select all, Ctrl+C.
export async function copyPolicyJson(page) {
  await focusPolicyJson(page);
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  return JSON.parse(await clipboardText(page, (text) => text !== '(nothing copied yet)'));
}

// The first snapshot after the console has handled every input event sent so far (it takes a few typed keys a
// frame): earlier, what it shows may not follow the last keys and clicks yet.
export async function inputHandled(page) {
  await page.evaluate(() => window.tokenscopeTest.wake());
  await page.waitForFunction(() => !window.tokenscopeTest.snapshot().inputQueued);
  return snapshot(page);
}

// The first snapshot in which the items labelled `label` did not move since the frame before (a statement just
// added scrolls into sight on the frame after it shows).
export async function steadySnapshot(page, label, timeout = 10000) {
  const deadline = Date.now() + timeout;
  const where = (shown) => JSON.stringify(shown.items.filter((item) => matches(item, label)).map((item) => [item.x, item.y, item.w]));
  let previous = await inputHandled(page);
  for (;;) {
    await nextFrames(page, 1);
    const current = await snapshot(page);
    if (where(current) === where(previous)) return current;
    if (Date.now() > deadline) throw new Error('the console keeps moving');
    previous = current;
  }
}

// The first snapshot after the input sent so far was handled and `frames` more frames were drawn: whatever that
// input does (a request sent, a dialog closed) has been done. What a test waits for when it checks that nothing
// happened.
export async function inputSettled(page, frames = 3) {
  await inputHandled(page);
  await nextFrames(page, frames);
  return snapshot(page);
}

// Waits until the console has drawn `count` more frames (waking it: an idle console draws nothing).
async function nextFrames(page, count) {
  for (let i = 0; i < count; ++i) {
    const frame = (await snapshot(page)).frame;
    await page.evaluate(() => window.tokenscopeTest.wake());
    await page.waitForFunction((f) => window.tokenscopeTest.snapshot().frame > f, frame);
  }
}

// An item where it was in the frame before too: a popup's first frame is laid out out of sight and then
// moved, so a click aimed from that frame would miss.
async function waitForSteadyItem(page, label, kind, timeout = 20000) {
  const deadline = Date.now() + timeout;
  await inputHandled(page);
  let previous = await waitForItem(page, label, timeout, kind);
  for (;;) {
    await nextFrames(page, 1);
    const current = await waitForItem(page, label, Math.max(0, deadline - Date.now()), kind);
    if (current.x === previous.x && current.y === previous.y && current.w === previous.w) return current;
    if (Date.now() > deadline) throw new Error(`${label} keeps moving`);
    previous = current;
  }
}

// How many distinct colours a screenshot holds (decoded by the browser itself): a blank canvas has one.
export async function distinctColours(page, png) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set();
    for (let i = 0; i < pixels.length; i += 4 * 7) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    return colours.size;
  }, png.toString('base64'));
}

export const DENIED = 0;
export const ALLOWED = 1;
export const CAPPED = 2;

// A page acting as the demo member whose "act as" button reads `button`, once its tokens and preview show.
// waitForListings: false leaves the account's flags and segments loading (a rate-limited server takes long).
export async function openAs(browser, server, button, email, { waitForListings = true, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForState(page, 'ready');
  if (await actingAs(page) !== email) await click(page, button);
  await page.waitForFunction((wanted) => {
    const labels = window.tokenscopeTest.snapshot().items.map((item) => item.label);
    return labels[labels.indexOf('Acting as') + 2] === wanted;
  }, email);
  await waitForItem(page, /^Can turn flags on and off/);
  await page.waitForFunction((all) => !window.tokenscopeTest.snapshot().items.some(
    (i) => /loading|Loading/.test(i.label) && (all || !/^Loading flags and segments/.test(i.label))), waitForListings);
  return { context, page };
}

// The email of the member the console acts as, from the header ("Acting as", name, email): other members'
// addresses show in the tokens table too.
export async function actingAs(page) {
  const labels = (await snapshot(page)).items.map((item) => item.label);
  const at = labels.indexOf('Acting as');
  return at < 0 ? undefined : labels[at + 2];
}

// A demo member's token, as serve.py hands it to the console.
export async function demoToken(server, email) {
  const response = await fetch(`${server.url}console/demo-members`);
  const { members } = await response.json();
  return members.find((member) => member.email === email).token;
}

// One call to the mock API with a token.
export async function api(server, token, pathAndQuery, init = {}) {
  const response = await fetch(`${server.url}api/v2/${pathAndQuery}`, {
    ...init, headers: { Authorization: token, 'Content-Type': 'application/json', ...(init.headers || {}) },
  });
  return { status: response.status, body: await response.json() };
}

// Opens What-if and asks what Wendy Writer's personal tokens could do were she a reader.
export async function whatIfWendyWereReader(page) {
  await click(page, 'What if a member had a lower role?');
  await click(page, 'Member', { at: 'left' });
  await click(page, 'Wendy Writer (writer), wendy.writer@example.com');
  await click(page, 'as', { at: 'left' });
  await waitForItem(page, 'no_access');  // the role list is open (the draft has a "reader" too, further down)
  await click(page, 'reader');
}

// The preview's matrix once there is one and it is complete: a preview may first wait for what it is judged
// with (the members' teams, say) and show no matrix, and one that takes longer than a frame's share is worked
// out over several, the previous one shown meanwhile.
export async function settledMatrix(page) {
  await page.waitForFunction(() => {
    const shown = window.tokenscopeTest.snapshot();
    return shown.matrix && !shown.items.some((i) => /^Working out the preview/.test(i.label));
  });
  return (await snapshot(page)).matrix;
}

// The matrix with a column of its own for `action`: a type's tab sums up each kind of action in one column until
// the kind is opened, so "every action" is ticked when it has none.
export async function matrixWithColumn(page, action) {
  const matrix = await settledMatrix(page);
  if (matrix.columns.includes(action) || matrix.type === 'account') return matrix;
  await click(page, 'every action');
  await page.waitForFunction((a) => window.tokenscopeTest.snapshot().matrix?.columns.includes(a), action);
  return settledMatrix(page);
}

// The state of one matrix cell (the row must be in sight).
export async function matrixState(page, type, row, action) {
  const matrix = await matrixWithColumn(page, action);
  if (matrix.type !== type) throw new Error(`the matrix shows ${matrix.type}, not ${type}`);
  const r = matrix.rows.indexOf(row);
  const c = matrix.columns.indexOf(action);
  if (r < 0 || c < 0) throw new Error(`no cell ${row} × ${action} in ${JSON.stringify(matrix.rows)}`);
  return matrix.states[r * matrix.columns.length + c];
}

// Replaces a text field's content by typing, as a person would.
export async function typeInto(page, label, text, { enter = true } = {}) {
  await focusField(page, label);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  if (enter) await page.keyboard.press('Enter');
}

// The browser clipboard's text once `accept(text)` holds (the console writes it asynchronously, a frame after
// the key or click that asked for it).
export async function clipboardText(page, accept, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await page.evaluate(() => navigator.clipboard.readText());
    if (accept(text)) return text;
    if (Date.now() > deadline) throw new Error(`the clipboard holds ${JSON.stringify(text)}`);
    await page.waitForTimeout(50);
  }
}
