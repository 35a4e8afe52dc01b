// The console to assistive technology. The console draws on a canvas; after each frame that changed what it
// shows, it hands this script that frame as a list of nodes (wasm/screen_reader.cpp), and this script keeps a
// visually hidden DOM mirror of them in reading order: headings, texts, buttons, fields, checkboxes, table
// cells, with ARIA roles, names and states. Activating a mirrored widget (a screen reader's click, or Enter or
// Space on it) activates the console's; focus follows the console's keyboard navigation, and a screen reader
// moving the focus moves the console's. Results and errors are announced by a live region.
'use strict';
(function () {
  const mirror = document.getElementById('screen-reader');
  const content = document.getElementById('screen-reader-content');
  const polite = document.getElementById('screen-reader-status');
  const urgent = document.getElementById('screen-reader-alert');

  const ROLES = {
    heading: { tag: 'h2' },
    text: { tag: 'p' },
    button: { role: 'button', focusable: true },
    expander: { role: 'button', focusable: true },
    combobox: { role: 'button', focusable: true, popup: 'listbox' },
    checkbox: { role: 'checkbox', focusable: true },
    radio: { role: 'radio', focusable: true },
    textbox: { role: 'textbox', focusable: true },
    columnheader: { role: 'button', focusable: true },
  };
  const TONE_PREFIX = { error: 'Error: ', warning: 'Warning: ' };

  let focusedId = 0;     // the console's keyboard focus, as last handed over
  let movingFocus = false;  // this script is moving the DOM focus: not a screen reader's move to pass back
  let dialogFocused = null;  // the title of the open modal dialog once it has taken the focus

  function consoleCall(name, id) {
    const module = window.Module;
    if (module && typeof module[name] === 'function') module[name](id);
  }

  // What the mirror should hold, as plain objects: { key, tag, attrs, text, children }. A key names an element
  // across frames (a widget by its id, a text by its words), so that an update changes the elements that
  // changed and moves none that stayed: a focused element stays focused, a screen reader's place stays put.
  function widget(node, keys) {
    const kind = ROLES[node.role] || ROLES.text;
    const text = (TONE_PREFIX[node.tone] || '') + node.name;
    const attrs = {
      role: kind.role || null,
      tabindex: kind.focusable ? '-1' : null,
      'aria-haspopup': kind.popup || null,
      'aria-label': kind.role === 'textbox' ? text : null,
      'aria-checked': node.checked === undefined ? null : String(node.checked),
      'aria-expanded': node.expanded === undefined ? null : String(node.expanded),
      'aria-disabled': node.disabled ? 'true' : null,
      'data-id': node.id === undefined ? null : String(node.id),
    };
    let key = node.id !== undefined ? `w${node.id}` : `${node.role}:${text}`;
    for (let n = 2; keys.has(key); ++n) key = `${node.role}:${text}#${n}`;
    keys.add(key);
    // A field is named by its label and reads as what it holds.
    return { key, tag: kind.tag || 'div', attrs, text: kind.role === 'textbox' ? node.value ?? '' : text, children: [] };
  }

  function group(key, role, label) {
    return { key, tag: 'div', attrs: { role, 'aria-label': label || null }, text: null, children: [] };
  }

  function textNode(key, tag, attrs, text) {
    return { key, tag, attrs, text, children: [] };
  }

  // The preview's matrix (drawn by a shader) as a grid: a row per resource in sight, a column per action, and in
  // each cell its state; pressing a cell clicks it on the canvas, where the console explains it.
  function matrix(node) {
    const grid = group('matrix', 'grid', node.name);
    grid.attrs['aria-readonly'] = 'true';
    const header = group('header', 'row');
    header.children = [textNode('corner', 'div', { role: 'columnheader' }, 'resource'),
      ...node.columns.map((column, c) => textNode(`h${c}`, 'div', { role: 'columnheader' }, column))];
    grid.children = [header, ...node.rows.map((row, r) => {
      const line = group(`r${r}`, 'row');  // by place: scrolling changes texts, not elements
      const y = node.y + node.cellHeight * (r + 0.5);
      line.children = [textNode('name', 'div', { role: 'rowheader' }, row.name), ...row.cells.map((state, c) => {
        const x = node.x + node.cellWidth * (c + 0.5);
        return textNode(`c${c}`, 'div', { role: 'gridcell', tabindex: '-1', 'data-cell': `${x},${y}` }, state);
      })];
      return line;
    })];
    return grid;
  }

  // Nodes that are cells of a table (node.cell: [table, row, column]) are grouped into table, row and cell
  // elements, the table named by the heading before it; the rest come as they are.
  function layout(frame) {
    const keys = new Set();
    const top = [];
    let table = null, row = null, cell = null, heading = '';
    for (const node of frame.nodes) {
      if (node.role === 'matrix') {
        table = row = cell = null;
        top.push(matrix(node));
        continue;
      }
      const built = widget(node, keys);
      if (node.role === 'heading') heading = node.name;
      if (!node.cell) {
        table = row = cell = null;
        top.push(built);
        continue;
      }
      const [tableId, rowIndex, column] = node.cell;
      if (!table || table.key !== `t${tableId}`) {
        table = group(`t${tableId}`, 'table', heading);
        top.push(table);
        row = cell = null;
      }
      if (!row || row.key !== `r${rowIndex}`) {
        row = table.children.find((r) => r.key === `r${rowIndex}`);
        if (!row) table.children.push(row = group(`r${rowIndex}`, 'row'));
        cell = null;
      }
      if (!cell || cell.key !== `c${column}`) {
        cell = row.children.find((c) => c.key === `c${column}`);
        if (!cell) row.children.push(cell = group(`c${column}`, node.role === 'columnheader' ? 'columnheader' : 'cell'));
      }
      cell.children.push(built);
    }
    // A modal dialog is all there is to read while it is open: the console under it cannot be acted on.
    const around = frame.dialog === null ? group('main', 'main', 'TokenScope console') : group('dialog', 'dialog', frame.dialog);
    if (frame.dialog !== null) around.attrs['aria-modal'] = 'true';
    around.children = top;
    return [around];
  }

  // What each element last got, so that an update compares with plain values, not the DOM:
  // element -> { tag, attrs, text, children: Map(key -> element) }.
  const shadows = new WeakMap();
  const shadowOf = (el) => shadows.get(el) ?? shadows.set(el, { tag: '', attrs: {}, text: null, children: new Map() }).get(el);

  function patch(parent, wanted) {
    const shadow = shadowOf(parent);
    const children = new Map();
    for (const want of wanted) {
      let el = shadow.children.get(want.key);
      if (!el || shadowOf(el).tag !== want.tag) {
        el = document.createElement(want.tag);
        shadowOf(el).tag = want.tag;
      }
      const own = shadowOf(el);
      for (const [name, value] of Object.entries(want.attrs)) {
        if ((own.attrs[name] ?? null) === value) continue;
        if (value === null) el.removeAttribute(name);
        else el.setAttribute(name, value);
        own.attrs[name] = value;
      }
      if (want.text !== null) {
        if (own.text !== want.text) el.textContent = want.text;
        own.text = want.text;
      } else {
        patch(el, want.children);
      }
      children.set(want.key, el);
    }
    for (const [key, el] of shadow.children) if (children.get(key) !== el) el.remove();
    shadow.children = children;
    let cursor = parent.firstElementChild;
    for (const el of children.values()) {
      if (cursor === el) cursor = cursor.nextElementSibling;
      else parent.insertBefore(el, cursor);
    }
  }

  // Frames come up to 60 a second while something moves (a table scrolled, a preview worked out); the mirror
  // follows at most every kEveryMs, with the latest, outside the console's frames.
  const kEveryMs = 100;
  let pending = null;
  let appliedAt = -Infinity;
  let consoleFocus = 0;    // the widget the console's keyboard focus is on now (the mirror's may lag behind)
  let requestedFocus = 0;  // a widget the focus was moved to here, not yet the console's
  function update(json, focus) {
    consoleFocus = focus;
    if (focus === requestedFocus) requestedFocus = 0;
    if (json === null) return;
    const waiting = pending !== null;
    pending = json;
    if (waiting) return;
    setTimeout(() => {
      const latest = pending;
      pending = null;
      appliedAt = performance.now();
      apply(latest);
    }, Math.max(0, appliedAt + kEveryMs - performance.now()));
  }

  function apply(json) {
    const frame = JSON.parse(json);
    movingFocus = true;
    try {
      patch(content, layout(frame));
      // The console's keyboard navigation moved: the focus follows it, unless it is elsewhere on the page.
      const active = document.activeElement;
      const ours = active === document.body || active === window.Module?.canvas || mirror.contains(active);
      let target = frame.focus !== 0 && frame.focus !== focusedId ? content.querySelector(`[data-id="${frame.focus}"]`) : null;
      // A dialog that opens takes the focus (its first widget), so that it is what is read next. Its first frames
      // may show no widget yet (ImGui sizes a new window before drawing it): it takes it on the first that does.
      if (frame.dialog === null) {
        dialogFocused = null;
      } else if (dialogFocused !== frame.dialog) {
        const first = content.querySelector('[role=dialog] [tabindex]');
        if (first) {
          dialogFocused = frame.dialog;
          if (!target || !target.closest('[role=dialog]')) target = first;
        }
      }
      if (target && ours && active !== target) target.focus({ preventScroll: true });
    } finally {
      movingFocus = false;
    }
    focusedId = frame.focus;
  }

  function announce(text, isUrgent) {
    const region = isUrgent ? urgent : polite;
    // The same words twice in a row are still said twice: the region is emptied, then filled a moment later.
    region.textContent = '';
    setTimeout(() => { region.textContent = text; }, 50);
  }

  // A click where the console drew something it has no widget for (a matrix cell): as the mouse would.
  function clickCanvas(x, y) {
    const canvas = window.Module?.canvas;
    if (!canvas) return;
    consoleCall('_tokenscope_wake');  // an idle console draws again to take them
    for (const type of ['mousemove', 'mousedown', 'mouseup']) {
      canvas.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, button: 0, buttons: type === 'mousedown' ? 1 : 0, bubbles: true }));
    }
  }

  mirror.addEventListener('click', (event) => {
    const cell = event.target.closest('[data-cell]');
    if (cell) {
      const [x, y] = cell.dataset.cell.split(',').map(Number);
      clickCanvas(x, y);
      return;
    }
    const target = event.target.closest('[data-id]');
    if (target && target.getAttribute('aria-disabled') !== 'true') consoleCall('_tokenscope_screen_reader_activate', Number(target.dataset.id));
  });
  mirror.addEventListener('focusin', (event) => {
    const target = event.target.closest('[data-id]');
    if (!target || movingFocus) return;
    requestedFocus = Number(target.dataset.id);
    consoleCall('_tokenscope_screen_reader_focus', requestedFocus);
  });
  // Enter and Space on a mirrored widget activate it, as on a button; the console's own keyboard handling
  // (GLFW's, on the window in the capture phase, added after this one) does not see them, so it cannot act
  // on another widget it has the focus on. Typing in a mirrored field goes on to the console.
  window.addEventListener('keydown', (event) => {
    const target = event.target instanceof Element ? event.target.closest('#screen-reader [data-id], #screen-reader [data-cell]') : null;
    if (!target || target.getAttribute('role') === 'textbox' || (event.key !== 'Enter' && event.key !== ' ')) return;
    // Keyboard navigation moved on and the mirror has not followed yet: the key is the console's, for the widget it
    // shows focused (a Tab then a quick Space must not press the widget before).
    const id = Number(target.dataset.id);
    if (target.dataset.id !== undefined && id !== consoleFocus && id !== requestedFocus) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    target.click();
  }, true);

  window.tokenscopeScreenReader = { update, announce };
})();
