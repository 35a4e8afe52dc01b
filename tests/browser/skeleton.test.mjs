// The whole path once: the console loads from serve.py, asks the mock API who it is, and shows it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, click, distinctColours, launchBrowser, snapshot, startServer, tempDir, waitForItem, waitForState,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the console shows who it acts as, drawn on a WebGL2 canvas', async () => {
  const server = await startServer();
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 }, deviceScaleFactor: 1 });
  try {
    await page.goto(server.url);
    const frame = await waitForState(page, 'ready');
    assert.deepEqual(frame.display, [1200, 760], 'the UI covers the whole canvas');
    await waitForItem(page, 'olivia.owner@example.com');
    await waitForItem(page, /role: owner/);
    const png = await page.screenshot({ path: path.join(ARTIFACTS, 'skeleton-ready.png') });
    assert.ok(await distinctColours(page, png) > 20, 'the canvas draws more than a blank background');
  } finally {
    await page.close();
    await server.stop();
  }
});

test('acting as another demo member through a real click asks the API again', async () => {
  const server = await startServer();
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  try {
    await page.goto(server.url);
    await waitForState(page, 'ready');
    await click(page, 'Wendy Writer (writer)');
    await waitForItem(page, 'wendy.writer@example.com');
    assert.equal((await snapshot(page)).state, 'ready');
  } finally {
    await page.close();
    await server.stop();
  }
});

test('text stays sharp at device pixel ratio 2: the canvas backing store doubles', async () => {
  const server = await startServer();
  const page = await browser.newPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  try {
    await page.goto(server.url);
    const frame = await waitForState(page, 'ready');
    assert.equal(frame.pixelRatio, 2);
    assert.deepEqual(frame.display, [1600, 1200], 'the UI is laid out in device pixels');
    const size = await page.evaluate(() => {
      const canvas = document.getElementById('canvas');
      return { width: canvas.width, height: canvas.height, css: canvas.getBoundingClientRect().width };
    });
    assert.equal(size.width, 1600);
    assert.equal(size.height, 1200);
    assert.equal(size.css, 800);
    // Widget rectangles come back in CSS pixels, so clicks land where the widget is drawn.
    const email = await waitForItem(page, 'olivia.owner@example.com');
    assert.ok(email.x < 800 && email.y < 600);
    await click(page, 'Adam Admin (admin)');
    await waitForItem(page, 'adam.admin@example.com');
    await page.screenshot({ path: path.join(ARTIFACTS, 'skeleton-dpr2.png') });
  } finally {
    await page.close();
    await server.stop();
  }
});

test('the canvas follows window resizes', async () => {
  const server = await startServer();
  const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
  try {
    await page.goto(server.url);
    await waitForState(page, 'ready');
    await page.setViewportSize({ width: 640, height: 480 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 640);
    assert.equal(await page.evaluate(() => document.getElementById('canvas').height), 480);
  } finally {
    await page.close();
    await server.stop();
  }
});

test('a failed act-as shows the HTTP status and the API message in place, and the console stays as it was', async () => {
  const { dir, remove } = tempDir();
  const db = path.join(dir, 'demo.sqlite3');
  let server = await startServer({ db });
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  try {
    await page.goto(server.url);
    await waitForState(page, 'ready');
    // Re-seeding the demo account on the same port invalidates every token the console holds.
    const { port } = server;
    await server.stop();
    server = await startServer({ db, port, extraArgs: ['--reset-demo'] });
    await click(page, 'Ravi Reader (reader)');
    await waitForItem(page, /^Could not act as Ravi Reader: 401 unauthorized: Invalid access token$/);
    await waitForState(page, 'ready');
    assert.ok((await snapshot(page)).items.some((item) => item.label === 'Ravi Reader (reader)'), 'the act-as buttons stay');
    await page.screenshot({ path: path.join(ARTIFACTS, 'skeleton-error.png') });
  } finally {
    await page.close();
    await server.stop();
    remove();
  }
});

test('the page explains itself when WebGL2 is missing', async () => {
  const server = await startServer();
  const page = await browser.newPage();
  try {
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
      };
    });
    await page.goto(server.url);
    await page.waitForSelector('#failure:not([hidden])');
    assert.match(await page.textContent('#failure-message'), /no WebGL2/);
  } finally {
    await page.close();
    await server.stop();
  }
});

test('the page explains itself when the bundle cannot be downloaded', async () => {
  const server = await startServer();
  const page = await browser.newPage();
  try {
    await page.route('**/tokenscope_console.*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(server.url);
    await page.waitForSelector('#failure:not([hidden])');
    assert.match(await page.textContent('#failure-message'), /could not be downloaded/);
    assert.match(await page.textContent('#failure-hint'), /HTTP 404/);
  } finally {
    await page.close();
    await server.stop();
  }
});

// serve.py sends the brotli or gzip copy made at build time, or the file as it is; the console starts with each.
for (const acceptEncoding of ['br', 'gzip', 'identity']) {
  test(`the console loads when the browser accepts ${acceptEncoding}`, async () => {
    const server = await startServer();
    const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Encoding': acceptEncoding } });
    const page = await context.newPage();
    try {
      const encodings = {};
      const headerReads = [];
      // A response still arriving as the context closes (a late API poll) has no headers left to read: ignore it.
      page.on('response', (response) => {
        const name = new URL(response.url()).pathname.replace(/\.[0-9a-f]{16}\./, '.');
        headerReads.push(response.allHeaders().then(
          (headers) => { encodings[name] = headers['content-encoding'] ?? 'identity'; },
          () => {},
        ));
      });
      await page.goto(server.url);
      await waitForState(page, 'ready');
      await waitForItem(page, 'olivia.owner@example.com');
      await Promise.all(headerReads);
      for (const asset of ['/', '/loader.js', '/tokenscope_console.js', '/tokenscope_console.wasm']) {
        assert.equal(encodings[asset], acceptEncoding, `${asset} is sent as ${acceptEncoding}`);
      }
    } finally {
      await context.close();
      await server.stop();
    }
  });
}
