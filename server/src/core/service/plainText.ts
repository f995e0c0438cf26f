// Hover cards and completion documentation are Markdown; an editor that shows only plain text
// (Emacs's eglot without markdown-mode, for one) would show its escapes and stars. This reads the
// Markdown Kent writes back to the text it shows: escapes undone, emphasis, code marks and link
// brackets dropped, fenced passages kept as they are.

const FENCE = /^(`{3,})[a-z]*$/;

/** The text a card in Kent's Markdown shows. */
export function plainText(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    if (fence) {
      if (line === fence) fence = undefined;
      else out.push(line);
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    const body = line.replace(/ {2}$/, '');
    out.push(body.startsWith('> ') ? '> ' + inline(body.slice(2)) : inline(body));
  }
  return out.join('\n');
}

/** One line outside a fence: a backslash before punctuation keeps it (CommonMark's escape); `**`, `` ` ``, `_…_` around a line and `<…>` around a URL go (user text's `<`, and an `&` that would open an entity, come as entities). */
function inline(line: string): string {
  const emphasized = /^_(.*)_$/.exec(line);
  const text = emphasized ? emphasized[1] : line;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    AUTOLINK.lastIndex = i;
    const url = c === '<' ? AUTOLINK.exec(text) : null;
    if (url) {
      out += url[1];
      i += url[0].length - 1;
    } else if (c === '\\' && PUNCTUATION.test(text[i + 1] ?? '')) out += text[++i];
    else if (c === '*' && text[i + 1] === '*') i++;
    else if (c !== '`') out += c;
  }
  return out.replace(/&lt;|&amp;/g, (e) => (e === '&lt;' ? '<' : '&'));
}
const AUTOLINK = /<(https?:\/\/[^\s<>]*)>/y;
const PUNCTUATION = /^[!-/:-@[-`{-~]$/;
