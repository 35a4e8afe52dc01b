// Loads the console: checks the browser can run it, downloads the WebAssembly with a progress bar,
// and says plainly what went wrong when something does.
'use strict';
(function () {
  const BUNDLE = 'tokenscope_console';
  const loading = document.getElementById('loading');
  const label = document.getElementById('loading-label');
  const progress = document.getElementById('loading-progress');

  function fail(message, hint) {
    loading.hidden = true;
    document.getElementById('failure-message').textContent = message;
    document.getElementById('failure-hint').textContent = hint || '';
    document.getElementById('failure').hidden = false;
    document.getElementById('canvas').hidden = true;
  }

  function hasWebGL2() {
    try {
      return !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      return false;
    }
  }

  if (typeof WebAssembly !== 'object') {
    fail('This browser cannot run WebAssembly.', 'Use a current Chrome, Firefox, Safari or Edge.');
    return;
  }
  if (!hasWebGL2()) {
    fail('This browser has no WebGL2, which the console draws with.',
         'Enable hardware acceleration in the browser settings, or use a current Chrome, Firefox, Safari or Edge.');
    return;
  }

  async function download(url, onProgress) {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received / total);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
    return bytes;
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${src} could not be loaded`));
      document.body.appendChild(script);
    });
  }

  let runtimeReady = false;
  window.Module = {
    canvas: document.getElementById('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onRuntimeInitialized() {
      runtimeReady = true;
      loading.hidden = true;
      document.getElementById('canvas').focus();
    },
    onAbort(reason) {
      fail('The console stopped unexpectedly.', String(reason || 'Reload the page to start it again.'));
    },
  };

  // A read-only view of the last frame for browser tests: visible texts and widgets with CSS-pixel rectangles.
  window.tokenscopeTest = {
    snapshot() {
      if (!runtimeReady) return { frame: 0, state: 'starting', items: [] };
      return JSON.parse(window.Module.UTF8ToString(window.Module._tokenscope_test_snapshot()));
    },
  };

  (async function start() {
    try {
      label.textContent = 'Downloading the console…';
      const wasm = await download(`${BUNDLE}.wasm`, (fraction) => { progress.value = Math.round(fraction * 90); });
      label.textContent = 'Starting the console…';
      progress.value = 95;
      window.Module.wasmBinary = wasm;
      await loadScript(`${BUNDLE}.js`);
    } catch (error) {
      fail('The console could not be downloaded.', `${error.message}. Check that serve.py is running, then reload.`);
    }
  })();
})();
