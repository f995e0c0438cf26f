// `inconsistent-estimate`: two estimates of one proposition that are disjoint on the same side of even odds.
import { reportPairs } from '../relations';
import type { Check } from './context';

export const inconsistentEstimate: Check = {
  item(ctx, item) {
    reportPairs(ctx, item, 'inconsistent', 'inconsistent-estimate');
  },
};
