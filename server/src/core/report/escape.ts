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
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}

/** A number for SVG coordinates: at most two decimals, no exponent. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}
