// Loads the console: checks the browser can run it, downloads the WebAssembly with a progress bar,
// and says plainly what went wrong when something does.
'use strict';
(function () {
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

  function downloadFailed(error) {
    fail('The console could not be downloaded.', `${error.message}. Check that serve.py is running, then reload.`);
  }

  if (typeof WebAssembly !== 'object') {
    fail('This browser cannot run WebAssembly.', 'Use a current Chrome, Firefox, Safari or Edge.');
    return;
  }

  // The bundle's names (content-hashed by the build) and the WebAssembly's decoded size, for the progress bar:
  // the bytes arrive compressed, but the stream below counts them decoded.
  const bundle = document.currentScript.dataset;
  const wasmBytes = Number(bundle.consoleWasmBytes) || 0;

  // The WebAssembly compiles while it downloads; the progress bar counts the bytes the compiler has been fed.
  function compileWhileDownloading(url, signal, onProgress) {
    return fetch(url, { signal }).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
      let received = 0;
      const counted = response.body.pipeThrough(new TransformStream({
        transform(chunk, controller) {
          received += chunk.length;
          if (wasmBytes) onProgress(Math.min(1, received / wasmBytes));
          controller.enqueue(chunk);
        },
      }));
      return WebAssembly.compileStreaming(new Response(counted, { headers: { 'Content-Type': 'application/wasm' } }));
    });
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

  // Downloads start first (index.html preloads them): the network and the compiler work on other threads
  // while this one creates the WebGL2 context below, the slowest single step of a first visit.
  let runtimeReady = false;
  label.textContent = 'Downloading the console…';
  const downloads = new AbortController();
  const compiled = compileWhileDownloading(bundle.consoleWasm, downloads.signal,
                                           (fraction) => { progress.value = Math.round(fraction * 95); });
  compiled.then(() => { label.textContent = 'Starting the console…'; }, () => {});
  window.Module = {
    canvas: document.getElementById('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    // The runtime asks for its WebAssembly instance: the module compiled meanwhile, with the runtime's imports.
    instantiateWasm(imports, receiveInstance) {
      compiled
        .then((module) => WebAssembly.instantiate(module, imports).then(
          (instance) => receiveInstance(instance, module),
          (error) => fail('The console could not start.', `${error.message}. Reload the page; if it persists, rebuild.`)))
        .catch(() => {}); // a failed download is reported once, below
      return {};
    },
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
      const text = window.Module.UTF8ToString(window.Module._tokenscope_test_snapshot());
      window.Module._tokenscope_test_snapshot_read();  // wiped in the heap: it may show a one-time secret
      return JSON.parse(text);
    },
    // Draws again (an idle console draws nothing), as input would, without moving the pointer or a key.
    wake() {
      if (runtimeReady) window.Module._tokenscope_wake();
    },
  };

  // The console's one context, made here on its canvas: GLFW's getContext later returns this same one. The
  // attributes are those main.cpp asks GLFW for (no alpha, depth, stencil or multisampling: ImGui needs none).
  // Its backing store is sized first to what the console will use (CSS pixels times the pixel ratio, as
  // display_scale.cpp computes it): each resize of a WebGL canvas reallocates its buffers, which is slow.
  const canvas = document.getElementById('canvas');
  const box = canvas.getBoundingClientRect();
  canvas.width = Math.max(1, Math.round(box.width * window.devicePixelRatio));
  canvas.height = Math.max(1, Math.round(box.height * window.devicePixelRatio));
  let gl = null;
  try {
    gl = canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false });
  } catch (e) {
    gl = null;
  }
  if (!gl) {
    downloads.abort();
    fail('This browser has no WebGL2, which the console draws with.',
         'Enable hardware acceleration in the browser settings, or use a current Chrome, Firefox, Safari or Edge.');
    return;
  }
  compiled.catch(downloadFailed);
  loadScript(bundle.consoleJs).catch(downloadFailed);
})();
