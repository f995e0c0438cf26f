// `unknown-attribute`: an attribute name the block does not take.
import { ALLOWED_ATTRIBUTES, KNOWN_ATTRIBUTES } from '../attributes';
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
      const near = KNOWN_ATTRIBUTES.has(attr.name) ? undefined : nearestValue(attr.name, allowed);
      const what = KNOWN_ATTRIBUTES.has(attr.name) ? `${aBlock(item.kind)} does not take \`${attr.name}\`` : `\`${attr.name}\` is not an attribute`;
      ctx.report({
        code: 'unknown-attribute',
        span: nameSpan(attr),
        message: `${item.kind} ${item.id}: ${what}${near ? ` (did you mean \`${near}\`?)` : ''}; it takes ${allowed.map((a) => '`' + a + '`').join(', ')}`,
        ...(near ? { fixes: [{ kind: 'replace' as const, span: nameSpan(attr), text: near, title: `Change to \`${near}\`` }] } : {}),
      });
    }
  },
};

/** "a claim", "an assumption", "evidence" (a mass noun): "a assumption" read as a typo. */
function aBlock(kind: string): string {
  if (kind === 'evidence') return 'evidence';
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
