// What any list of semantic tokens must be, in LSP's relative encoding: five non-negative
// integers per token, in order, each inside one line of the text and not overlapping the last.
export function tokenProblem(data: readonly number[], text: string): string | undefined {
  if (data.length % 5 !== 0) return `${data.length} integers, not a multiple of 5`;
  // Lines as LSP counts them: a lone \r ends one too.
  const lines = text.split(/\r\n|\r|\n/);
  let line = 0;
  let char = 0;
  let end = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dLine, dChar, length, type, mods] = data.slice(i, i + 5);
    if ([dLine, dChar, length, type, mods].some((x) => !Number.isInteger(x) || x < 0)) return `token ${i / 5}: ${data.slice(i, i + 5)}`;
    if (dLine > 0) end = 0;
    line += dLine;
    char = dLine === 0 ? char + dChar : dChar;
    if (line >= lines.length) return `token ${i / 5} on line ${line} of ${lines.length}`;
    if (length === 0 || char + length > lines[line].length) return `token ${i / 5} (${char}+${length}) past line ${line}'s ${lines[line].length} characters`;
    if (i > 0 && dLine === 0 && char < end) return `token ${i / 5} overlaps the one before`;
    end = char + length;
  }
  return undefined;
}
