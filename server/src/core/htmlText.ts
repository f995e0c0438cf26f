// The text a reader sees in a web page saved as a source's local copy (`file: page.html`), for
// quote checking: a quote copied from the browser has "–" where the file has `&ndash;`, and no
// `<b>` where the file has one. The view keeps the file's length, character for character, so
// that every offset found in it (the passage a quote matches, the closest one) is the file's.

/** Tags that break a line or a block: they stand for a space between words. */
const BLOCK_TAG = /^(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|tfoot|caption|section|article|header|footer|nav|main|aside|blockquote|pre|figure|figcaption|title|head|body|html|option|address|details|summary|form|fieldset|legend)$/i;
/** Elements whose content is no text: scripts, styles, templates. */
const HIDDEN = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<\/?([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
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
  const blank = (s: string, pad: string) => s.replace(/[^\r\n]/g, pad);
  return html
    .replace(HIDDEN, (m) => blank(m, ' '))
    .replace(MARKUP, (m, tag: string | undefined) => blank(m, tag === undefined || BLOCK_TAG.test(tag) ? ' ' : NOTHING))
    .replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      const ch = name !== undefined ? NAMED[name] : codePoint(dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16));
      return ch === undefined || ch.length > m.length ? m : ch + NOTHING.repeat(m.length - ch.length);
    });
}

function codePoint(n: number): string | undefined {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : undefined;
}

/** An excerpt of the reader text as shown in a message or a hover: without the padding. */
export function readerExcerpt(s: string): string {
  return s.includes(NOTHING) ? s.replaceAll(NOTHING, '') : s;
}
