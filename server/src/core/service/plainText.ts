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

/** One line outside a fence: a backslash keeps the next character; `**`, `` ` ``, `_…_` around a line and `<…>` around a URL go (user text's own `<`, `>`, `&` come as entities). */
function inline(line: string): string {
  const emphasized = /^_(.*)_$/.exec(line);
  const text = emphasized ? emphasized[1] : line;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) out += text[++i];
    else if (c === '*' && text[i + 1] === '*') i++;
    else if (c === '`' || c === '<' || c === '>') continue;
    else out += c;
  }
  return out.replace(/&lt;|&gt;|&amp;/g, (e) => (e === '&lt;' ? '<' : e === '&gt;' ? '>' : '&'));
}
