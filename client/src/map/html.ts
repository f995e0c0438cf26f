// The evidence map webview's page: a strict Content-Security-Policy (no source at all but the
// page's own inline script and stylesheet, which carry its nonce), a toolbar, and an empty map
// that the script fills from the extension's messages. No `vscode` import, so the page can be
// tested in a plain browser.
import { WEBVIEW_SCRIPT, WEBVIEW_STYLE } from './assets';

export interface WebviewPageOptions {
  /** `webview.cspSource`: where the extension's own resources would come from (images only). */
  cspSource: string;
  /** A fresh random value per page. */
  nonce: string;
  title: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `img-src ${cspSource} data:`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function webviewPage(o: WebviewPageOptions): string {
  const nonce = esc(o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${WEBVIEW_STYLE}</style>
<title>${esc(o.title)}</title>
</head>
<body>
<header class="toolbar">
  <span id="title" class="title">${esc(o.title)}</span>
  <span id="status" class="status" role="status" aria-live="polite"></span>
  <span class="spacer"></span>
  <button id="zoom-out" type="button" title="Zoom out" aria-label="Zoom out">\u2212</button>
  <button id="zoom-reset" type="button" title="Actual size" aria-label="Actual size">100%</button>
  <button id="zoom-fit" type="button" title="Fit the width" aria-label="Fit the width">Fit</button>
  <button id="zoom-in" type="button" title="Zoom in" aria-label="Zoom in">+</button>
</header>
<div id="scroller" class="scroller"><div id="map" class="map"><p class="placeholder">Loading the evidence map\u2026</p></div></div>
<script nonce="${nonce}">${WEBVIEW_SCRIPT}</script>
</body>
</html>
`;
}
