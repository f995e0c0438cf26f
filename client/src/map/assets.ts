// The evidence map webview's script and stylesheet, inlined into its page under the page's
// nonce: the webview loads no file at all, and a packaged extension needs nothing beyond dist/.
// Plain browser JavaScript and CSS kept as text (String.raw: no backquote or dollar-brace inside).
//
// The script shows the SVG the Kent language server drew, keeps the zoom and the scroll position
// across updates, and tells the extension which node was chosen (by click, Enter or Space); the
// extension opens the item in the editor. It loads nothing and evaluates nothing: the SVG is
// parsed as XML and imported, never run. The map is drawn for a light ground, so it keeps its
// white background in dark themes; the toolbar follows VS Code's theme.

export const WEBVIEW_SCRIPT = String.raw`
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const scroller = /** @type {HTMLElement} */ (document.getElementById('scroller'));
  const map = /** @type {HTMLElement} */ (document.getElementById('map'));
  const title = /** @type {HTMLElement} */ (document.getElementById('title'));
  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  const state = vscode.getState() || {};
  let zoom = typeof state.zoom === 'number' ? state.zoom : 1;
  let natural = { width: 0, height: 0 };
  let selected = typeof state.selected === 'string' ? state.selected : undefined;
  let uri = state.uri;

  function svgElement() {
    return map.querySelector('svg.kent-map');
  }

  function applyZoom() {
    const svg = svgElement();
    if (!svg || !natural.width) return;
    svg.setAttribute('width', String(Math.round(natural.width * zoom)));
    svg.setAttribute('height', String(Math.round(natural.height * zoom)));
    document.getElementById('zoom-reset').textContent = Math.round(zoom * 100) + '%';
    vscode.setState({ zoom, selected, uri });
  }

  function setZoom(z, anchor) {
    const before = zoom;
    zoom = Math.min(3, Math.max(0.15, z));
    // Keep the point under the anchor (the viewport's centre) in place.
    const ax = anchor ? anchor.x : scroller.clientWidth / 2;
    const ay = anchor ? anchor.y : scroller.clientHeight / 2;
    const cx = (scroller.scrollLeft + ax) / before;
    const cy = (scroller.scrollTop + ay) / before;
    applyZoom();
    scroller.scrollLeft = cx * zoom - ax;
    scroller.scrollTop = cy * zoom - ay;
  }

  function mark(key) {
    for (const g of map.querySelectorAll('.kent-node.selected')) g.classList.remove('selected');
    if (!key) return;
    for (const g of map.querySelectorAll('.kent-node')) if (g.getAttribute('data-key') === key) g.classList.add('selected');
  }

  function render(msg) {
    const parsed = new DOMParser().parseFromString(msg.svg, 'image/svg+xml');
    const root = parsed.documentElement;
    if (!root || root.nodeName !== 'svg' || parsed.getElementsByTagName('parsererror').length) {
      showMessage('The evidence map could not be read.');
      return;
    }
    // The server's SVG holds neither; drop them anyway rather than trust.
    for (const bad of root.querySelectorAll('script, foreignObject, iframe, image, use')) bad.remove();
    const keepLeft = scroller.scrollLeft;
    const keepTop = scroller.scrollTop;
    const sameDocument = msg.uri === uri;
    uri = msg.uri;
    natural = { width: Number(root.getAttribute('width')) || 0, height: Number(root.getAttribute('height')) || 0 };
    map.replaceChildren(document.importNode(root, true));
    applyZoom();
    if (sameDocument) {
      scroller.scrollLeft = keepLeft;
      scroller.scrollTop = keepTop;
    } else {
      scroller.scrollLeft = 0;
      scroller.scrollTop = 0;
      selected = undefined;
    }
    mark(selected);
    title.textContent = msg.title || 'Evidence map';
    const p = msg.problems || { errors: 0, warnings: 0 };
    const plural = (n, noun) => n + ' ' + noun + (n === 1 ? '' : 's');
    const problems = p.errors || p.warnings ? ' \u00b7 ' + plural(p.errors, 'error') + ', ' + plural(p.warnings, 'warning') : '';
    status.textContent = msg.nodeCount + ' nodes \u00b7 ' + msg.edgeCount + ' links' + problems;
    document.body.classList.remove('stale');
  }

  function showMessage(text) {
    const p = document.createElement('p');
    p.className = 'placeholder';
    p.textContent = text;
    map.replaceChildren(p);
    natural = { width: 0, height: 0 };
    status.textContent = '';
  }

  function choose(g) {
    const key = g.getAttribute('data-key');
    if (!key) return;
    selected = key;
    mark(key);
    vscode.setState({ zoom, selected, uri });
    vscode.postMessage({ type: 'reveal', key });
  }

  map.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    const g = target && target.closest ? target.closest('.kent-node') : null;
    if (!g) return;
    event.preventDefault();
    choose(g);
  });
  map.addEventListener('keydown', (event) => {
    const target = /** @type {Element} */ (event.target);
    const g = target && target.closest ? target.closest('.kent-node') : null;
    if (!g || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    choose(g);
  });
  scroller.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const rect = scroller.getBoundingClientRect();
      setZoom(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1), { x: event.clientX - rect.left, y: event.clientY - rect.top });
    },
    { passive: false },
  );
  document.getElementById('zoom-in').addEventListener('click', () => setZoom(zoom * 1.25));
  document.getElementById('zoom-out').addEventListener('click', () => setZoom(zoom / 1.25));
  document.getElementById('zoom-reset').addEventListener('click', () => setZoom(1));
  document.getElementById('zoom-fit').addEventListener('click', () => {
    if (natural.width) setZoom((scroller.clientWidth - 16) / natural.width);
  });

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'update' && typeof msg.svg === 'string') render(msg);
    else if (msg.type === 'message' && typeof msg.text === 'string') showMessage(msg.text);
    else if (msg.type === 'stale') document.body.classList.add('stale');
    else if (msg.type === 'select' && typeof msg.key === 'string') {
      selected = msg.key;
      mark(selected);
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
`;

export const WEBVIEW_STYLE = String.raw`
html, body { height: 100%; margin: 0; padding: 0; }
body { display: flex; flex-direction: column; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
.toolbar { display: flex; align-items: center; gap: 0.5rem; padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35)); flex: none; }
.title { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.status { color: var(--vscode-descriptionForeground); white-space: nowrap; }
.spacer { flex: 1; }
button { font: inherit; min-width: 2rem; padding: 0.15rem 0.5rem; color: var(--vscode-button-secondaryForeground, var(--vscode-foreground)); background: var(--vscode-button-secondaryBackground, transparent); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground, rgba(128, 128, 128, 0.2)); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.scroller { flex: 1; overflow: auto; }
.map { padding: 8px; width: max-content; }
.map svg { display: block; border-radius: 3px; }
.placeholder { padding: 1rem; color: var(--vscode-descriptionForeground); }
.stale .map { opacity: 0.7; }
.kent-node { cursor: pointer; }
.kent-node:hover > rect:first-of-type { stroke: #0b5cad; }
.kent-node:focus { outline: none; }
.kent-node:focus-visible > rect:first-of-type, .kent-node.selected > rect:first-of-type { stroke: #0b5cad; stroke-width: 4px; }
`;
