// `unknown-attribute`: an attribute name the block does not take.
import { ALLOWED_ATTRIBUTES, KNOWN_ATTRIBUTES, REPEATABLE } from '../attributes';
import { nearestValue } from '../estimative';
import { nameSpan } from '../model';
import type { Check } from './context';

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
  },
};

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
