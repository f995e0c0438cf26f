// `inconsistent-estimate`: two estimates of one proposition that are disjoint on the same side of even odds.
import { reportPairs } from '../relations';
import type { CheckContext } from './context';

export function inconsistentEstimate(ctx: CheckContext): void {
  reportPairs(ctx, 'inconsistent', 'inconsistent-estimate');
}
