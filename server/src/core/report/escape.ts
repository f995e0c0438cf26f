// Escaping for everything the report and the map write: user text never becomes markup.

/** Text for HTML or XML content and double- or single-quoted attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** Whitespace (continuation lines, indentation, blanked comments) collapsed to single spaces. */
export function flat(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The value as an http(s) URL, or undefined for anything else (`javascript:`, `file:`, `command:`, text). */
export function httpUrl(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v || !/^https?:\/\/[^\s/]/i.test(v) || /[\s<>"']/.test(v)) return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** `text` cut to `max` characters at a word boundary where possible, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, cutPoint(text, Math.max(0, max - 1)));
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}

/**
 * Where to cut `text` at `at`, or one before: never between the two halves of a character
 * written as two UTF-16 units (an emoji, a rare ideograph). A lone half is no text: the HTML
 * report would show U+FFFD, and the Markdown report's `data:` image threw (encodeURIComponent).
 */
export function cutPoint(text: string, at: number): number {
  return at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

/** Whether a UTF-16 unit is the first half of a pair. */
export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** A number for SVG coordinates: at most two decimals, no exponent. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}
