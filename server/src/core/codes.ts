// One line per diagnostic code: SARIF rule descriptions and editor code links use these.
import type { Code } from './types';

export const CODE_SUMMARY: Record<Code, string> = {
  syntax: 'A line or value does not parse.',
  'unknown-attribute': 'An attribute name the block does not take.',
  'invalid-value': 'A value the attribute does not allow.',
  'missing-attribute': 'A block lacks an attribute it requires (evidence needs `source:`).',
  'duplicate-id': 'Two items with one ID in a document, or two documents with one assessment ID.',
  'unresolved-reference': 'A reference, @key or [[ID]] that names nothing.',
  'unsupported-claim': 'A judgment or claim with no support and no citation.',
  'ungrounded-claim': 'Support that never reaches a source.',
  'circular-support': 'Support that leads back to itself.',
  'missing-likelihood': 'A judgment that does not say how likely it is.',
  'missing-confidence': 'A judgment without a confidence level.',
  'vague-estimate': 'A hedged statement (could, may, …) with no likelihood.',
  'estimative-mismatch': "The statement's estimative words disagree with its declared likelihood.",
  'mixed-likelihood-confidence': 'One sentence combines an estimative term and a confidence phrase.',
  overconfident: 'Confidence higher than its independent, reliable sources allow.',
  contradiction: 'Two estimates of one proposition on opposite sides of even odds.',
  'inconsistent-estimate': 'Two estimates of one proposition that do not overlap.',
  'acknowledged-disagreement': 'A `contradicts` relation, with both estimates.',
  'revised-estimate': 'A `revises` relation: the old and the new estimate.',
  'possible-contradiction': 'Similar statements in two documents that seem to disagree, with no relation declared.',
  'inconsistent-source-rating': 'One source rated differently in two places.',
  'quote-not-found': "An evidence quote that is not in the source's local file.",
  'source-file-missing': 'A source file or bibliography that is missing or cannot be parsed.',
  'path-outside-workspace': 'A file path that leaves the workspace; it is never read.',
  'unused-source': 'A source nothing cites.',
  'unused-ignore': 'A `kent-ignore` that silences nothing: it applies to no block, or a code it names has nothing to silence.',
  'unindented-attribute': 'An attribute name at column 0 right under a block: prose that ends the block, not an attribute.',
  'invalid-config': 'A problem in kent.json; the defaults apply.',
};

/** The documentation anchor of a code in docs/checks.md. */
export function codeDocAnchor(code: Code): string {
  return `docs/checks.md#${code}`;
}
