// The text a reader sees in a web page saved as a source's local copy (`file: page.html`), for
// quote checking: a quote copied from the browser has "–" where the file has `&ndash;`, and no
// `<b>` where the file has one. The view keeps the file's length, character for character, so
// that every offset found in it (the passage a quote matches, the closest one) is the file's.

/** Tags that break a line or a block: they stand for a space between words. */
const BLOCK_TAG = /^(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|tfoot|caption|section|article|header|footer|nav|main|aside|blockquote|pre|figure|figcaption|title|head|body|html|option|address|details|summary|form|fieldset|legend)$/i;
/** Elements whose content is no text: scripts, styles, templates. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;
/** Zero-width space: quote matching skips it, so it pads what vanishes inside a word (`<i>`, an entity's tail). */
const NOTHING = '\u200b';

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', minus: '−',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  lsaquo: '‹', rsaquo: '›', hellip: '…', bull: '•', middot: '·', shy: '\u00ad', thinsp: '\u2009',
  ensp: '\u2002', emsp: '\u2003', zwsp: '\u200b', copy: '©', reg: '®', trade: '™', deg: '°', para: '¶',
  sect: '§', euro: '€', pound: '£', yen: '¥', cent: '¢', times: '×', divide: '÷', plusmn: '±',
  frac12: '½', frac14: '¼', frac34: '¾', eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', aacute: 'á',
  agrave: 'à', acirc: 'â', auml: 'ä', aring: 'å', ccedil: 'ç', iacute: 'í', icirc: 'î', iuml: 'ï',
  ntilde: 'ñ', oacute: 'ó', ocirc: 'ô', ouml: 'ö', oslash: 'ø', uacute: 'ú', ucirc: 'û', uuml: 'ü',
  szlig: 'ß', Eacute: 'É', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', Aring: 'Å', Oslash: 'Ø',
};

/** Whether a local file is a web page, by its name. */
export function isWebPage(path: string): boolean {
  return /\.(?:html?|xhtml)$/i.test(path);
}

const views = new Map<string, string>();

/** The text quotes are looked for in: a web page's reader text (same length), any other file as it is. */
export function quotableText(path: string, text: string): string {
  if (!isWebPage(path)) return text;
  let view = views.get(text);
  if (view === undefined) {
    view = readerText(text);
    // A few pages at a time: the checks and the hover ask for the same one again and again.
    if (views.size >= 4) views.delete(views.keys().next().value!);
    views.set(text, view);
  }
  return view;
}

/** Markup as spaces (between blocks) or nothing (inside a line), entities as their characters. */
export function readerText(html: string): string {
  return withoutMarkup(html).replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const ch = name !== undefined ? (Object.hasOwn(NAMED, name) ? NAMED[name] : undefined) : codePoint(dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16));
    return ch === undefined || ch.length > m.length ? m : ch + NOTHING.repeat(m.length - ch.length);
  });
}

/**
 * Tags, comments and hidden elements blanked, in one pass: a scan for a tag's end stops at the
 * next `<`, and an unclosed comment or script blanks the rest at once, so a hostile page (a
 * million `<a "` or `<script>` never closed) costs time linear in its length.
 */
function withoutMarkup(html: string): string {
  const out: string[] = [];
  // ASCII only: toLowerCase lengthens some letters (`İ` is two units lower-cased), and every index here is the page's.
  const lower = html.replace(/[A-Z]+/g, (run) => run.toLowerCase());
  let copied = 0;
  const blank = (from: number, to: number, pad: string) => {
    out.push(html.slice(copied, from), html.slice(from, to).replace(/[^\r\n]+/g, (run) => pad.repeat(run.length)));
    copied = to;
  };
  for (let i = html.indexOf('<'); i >= 0 && i < html.length; i = html.indexOf('<', Math.max(i + 1, copied))) {
    if (lower.startsWith('<!--', i)) {
      const end = lower.indexOf('-->', i + 4);
      blank(i, end < 0 ? html.length : end + 3, ' ');
      continue;
    }
    const end = tagEnd(html, i);
    if (end < 0) continue;
    TAG_NAME.lastIndex = i;
    const name = TAG_NAME.exec(lower)?.[1];
    if (name !== undefined && html[i + 1] !== '/' && HIDDEN.has(name)) {
      const close = lower.indexOf(`</${name}`, end);
      const closeEnd = close < 0 ? -1 : tagEnd(html, close);
      blank(i, close < 0 ? html.length : closeEnd < 0 ? close + name.length + 2 : closeEnd, ' ');
      continue;
    }
    blank(i, end, name === undefined || BLOCK_TAG.test(name) ? ' ' : NOTHING);
  }
  out.push(html.slice(copied));
  return out.join('');
}

const TAG_NAME = /<\/?([a-z][a-z0-9-]*)/y;

/** The end (after `>`) of a tag or declaration opening at `i`; -1 when it is none (no name, or a `<` comes first). */
function tagEnd(html: string, i: number): number {
  const next = html.charCodeAt(i + 1) | 0x20; // a letter lower-cased; `/` (0x2f), `!` (0x21) and `?` (0x3f) kept
  if (!((next >= 0x61 && next <= 0x7a) || next === 0x2f || next === 0x21 || next === 0x3f)) return -1;
  let quote = '';
  for (let j = i + 1; j < html.length; j++) {
    const c = html[j];
    if (c === '<') return -1;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j + 1;
  }
  return -1;
}

function codePoint(n: number): string | undefined {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : undefined;
}

/** An excerpt of the reader text as shown in a message or a hover: without the padding. */
export function readerExcerpt(s: string): string {
  return s.includes(NOTHING) ? s.replaceAll(NOTHING, '') : s;
}

/**
 * Lines of a web page's reader text as a hover shows them: a tag is blanked, not removed (so that
 * every offset stays the page's), which leaves the markup's indentation and runs of spaces where
 * tags stood; each line is shown without them, trimmed, its words one space apart.
 */
export function readerLines(text: string): string[] {
  return readerExcerpt(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\r]+/g, ' ').trim());
}
