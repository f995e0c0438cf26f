// `unknown-attribute`: an attribute name the block does not take.
import { ALLOWED_ATTRIBUTES, KNOWN_ATTRIBUTES, REPEATABLE } from '../attributes';
import { nearestValue } from '../estimative';
import { nameSpan, type Item } from '../model';
import type { Check, CheckContext } from './context';

export const unknownAttribute: Check = {
  item(ctx, item) {
    const seen = new Set<string>();
    for (const attr of item.attributes) {
      const repeated = seen.has(attr.name);
      seen.add(attr.name);
      if (attr.allowed || (repeated && ALLOWED_ATTRIBUTES[item.kind].includes(attr.name))) continue;
      const allowed = ALLOWED_ATTRIBUTES[item.kind];
      const near = KNOWN_ATTRIBUTES.has(attr.name) ? undefined : nearestName(attr.name, allowed);
      const what = KNOWN_ATTRIBUTES.has(attr.name) ? `${aBlock(item.kind)} does not take \`${attr.name}\`` : `\`${attr.name}\` is not an attribute`;
      // A block holds most attributes once: renaming to one it has already would be a second, a syntax error.
      const fixable = near !== undefined && (REPEATABLE.has(near) || !item.attributes.some((a) => a.name === near));
      ctx.report({
        code: 'unknown-attribute',
        span: nameSpan(attr),
        message: `${item.kind} ${item.id}: ${what}${near ? ` (did you mean \`${near}\`?)` : ''}; it takes ${allowed.map((a) => '`' + a + '`').join(', ')}`,
        ...(fixable ? { fixes: [{ kind: 'replace' as const, span: nameSpan(attr), text: near, title: `Change to \`${near}\`` }] } : {}),
      });
    }
    if (item.statement.includes('\n')) reportCapitalisedNames(ctx, item);
  },
};

/**
 * `Likelihood: likely` on an indented line before the first attribute continues the statement
 * (names are lowercase), so the declared likelihood is silently lost, and worse, its word is read
 * as the statement's own estimate. Said on the name, when its lowercase is one the block takes and
 * does not have.
 */
function reportCapitalisedNames(ctx: CheckContext, item: Item): void {
  CAPITALISED_NAME.lastIndex = 0;
  for (let m = CAPITALISED_NAME.exec(item.statement); m; m = CAPITALISED_NAME.exec(item.statement)) {
    const written = m[2];
    const name = written.toLowerCase();
    if (!ALLOWED_ATTRIBUTES[item.kind].includes(name)) continue;
    // Where the block has that attribute, the line is the statement's own words ("Source: Reuters, 4 May").
    if (!REPEATABLE.has(name) && item.attributes.some((a) => a.name === name)) continue;
    const start = item.statementSpan.start + m.index + m[1].length;
    const span = { start, end: start + written.length };
    ctx.report({
      code: 'unknown-attribute',
      span,
      // A warning: the line may yet be meant as the statement's words.
      severity: 'warning',
      message: `${item.kind} ${item.id}: \`${written}:\` is read as part of the statement, as attribute names are lowercase (did you mean \`${name}\`?): this line is not its \`${name}\``,
      fixes: [{ kind: 'replace' as const, span, text: name, title: `Change to \`${name}\`` }],
    });
  }
}

/** A line of a statement after its first that starts, indented, with a capitalised word and a colon. */
const CAPITALISED_NAME = /(\n[ \t]*)([A-Z][A-Za-z-]*)[ \t]*:/g;

const KNOWN_NAMES = [...KNOWN_ATTRIBUTES];

/**
 * The name of the language nearest to a misspelt one, if the block takes it. Nearest among all
 * names, not only the block's: `reliabilty` on evidence is `reliability` in the wrong block, and
 * `credibility`, the nearest name evidence takes, would turn its `B` into an invalid value.
 */
function nearestName(name: string, allowed: readonly string[]): string | undefined {
  const near = nearestValue(name, KNOWN_NAMES);
  return near !== undefined && allowed.includes(near) ? near : undefined;
}

/** "a claim", "an assumption", "evidence" (a mass noun): "a assumption" read as a typo. */
function aBlock(kind: string): string {
  if (kind === 'evidence') return 'evidence';
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
