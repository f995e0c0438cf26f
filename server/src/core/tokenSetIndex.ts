// Sets of token ids, indexed to find the ones whose Sørensen–Dice coefficient with a query set
// reaches SIMILAR_THRESHOLD, in other documents. Pure, and laid out in typed arrays: a search
// touches integers only, and allocates nothing per candidate.
//
// Prefix filtering on both sides (Bayardo et al., "Scaling up all pairs similarity search"):
// tokens are ranked once, rarest first, and a set is posted only under its first
// |B| − minimumOverlap(|B|) + 1 ranked tokens. Two sets with enough tokens in common have their
// lowest-ranked common token in both prefixes, so probing the query's own prefix meets every
// similar set, and common tokens are seldom probed. Positional filtering (Xiao et al., PPJoin)
// drops a candidate as soon as the tokens left after the current ones cannot make up the overlap.
// Tokens first seen after the ranking rank below all others (new tokens are rare); the ranking is
// redone when the index has doubled since.
import { minimumOverlap, SIMILAR_THRESHOLD } from './similarity';

/** Rank of a token the order has not placed yet. */
const UNRANKED = 0x7fffffff;

/** More tokens than any two sets share. */
const NEVER = 0x7fffffff;

/** Token ids stay below this (64 million distinct words), so a count and an id pack into one double. */
const ID_SPACE = 2 ** 26;

// A slot's fields in `meta`: its set's size and document; the last search that met it, how many
// tokens that search found in common so far (-1 once ruled out), and where in the query and in
// the set the last of them stands (-1 when none was looked for): the rest of both is compared from there.
const META = 6;
const SIZE = 0;
const DOC = 1;
const STAMP = 2;
const OVERLAP = 3;
const LAST_IN_QUERY = 4;
const LAST_IN_SET = 5;

export class TokenSetIndex<T> {
  /** Per token id: how many indexed sets hold it. */
  private counts: Int32Array = new Int32Array(1024);
  /** Per token id: its rank, or UNRANKED. */
  private rankOf: Int32Array = new Int32Array(1024).fill(UNRANKED);
  private tokens = 0;
  private ranked = false;
  /** The next rank for a token first seen after the ranking: below every rank given so far. */
  private nextNewRank = -1;
  private size = 0;
  private sizeWhenRanked = 0;

  // Per slot (an indexed set); freed slots are reused.
  private readonly values: Array<T | undefined> = [];
  private readonly idsOf: Array<Int32Array | undefined> = [];
  private readonly ranksOf: Array<Int32Array | undefined> = [];
  /** META fields of each slot side by side: a search reads one cache line per candidate. */
  private meta: Int32Array = new Int32Array(1024 * META);
  private readonly free: number[] = [];

  /** Per token id: the slots of the sets holding it, stale ones among them (see holdersOf). */
  private readonly holders: Array<number[] | undefined> = [];
  /**
   * The postings, per rank: (slot, position of the rank in the set) pairs of the sets whose prefix
   * holds it. In arrays, not a map: ranks from the ranking index `byRank`, those given since
   * (negative) index `byNewRank` by −1 − rank.
   */
  private byRank: Array<number[] | undefined> = [];
  private byNewRank: Array<number[] | undefined> = [];
  /** The slots a search met, its first `candidateCount`: kept between searches (emptying an array frees its room). */
  private candidates: Int32Array = new Int32Array(1024);
  private candidateCount = 0;
  /** Room for `overlapsNeeded`, kept between searches. */
  private needed = new Int32Array(64).fill(NEVER);
  private neededSizes = 0;
  private queries = 0;

  /** How many indexed sets hold token `t`. */
  count(t: number): number {
    return t < this.tokens ? this.counts[t] : 0;
  }

  /** Index a set of ascending token ids, of document `doc`, carrying `value`; returns its slot. */
  add(ids: Int32Array, doc: number, value: T): number {
    const slot = this.free.pop() ?? this.newSlot();
    this.see(ids);
    this.values[slot] = value;
    this.idsOf[slot] = ids;
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i];
      this.counts[t]++;
      (this.holders[t] ??= []).push(slot);
      this.holdersOf(t); // keeps the list from filling up with the slots of sets removed
    }
    this.meta[slot * META + SIZE] = ids.length;
    this.meta[slot * META + DOC] = doc;
    this.size++;
    if (this.ranked) this.post(slot);
    return slot;
  }

  remove(slot: number): void {
    const ids = this.idsOf[slot]!;
    for (let i = 0; i < ids.length; i++) this.counts[ids[i]]--;
    if (this.ranksOf[slot]) this.unpost(slot);
    this.values[slot] = this.idsOf[slot] = undefined;
    this.free.push(slot);
    this.size--;
  }

  /**
   * The values of the indexed sets, not of document `doc`, that hold one of the tokens `via`, whose
   * size is within the bounds Dice ≥ δ allows (δ|A|/(2 − δ) ≤ |B| ≤ (2 − δ)|A|/δ) and whose Dice
   * coefficient with `ids` is ≥ δ. The candidates come from the shorter of two lists: the prefix
   * postings, or every set holding a token of `via` (when the prefixes are full of common tokens).
   * `slot` is where `ids` is indexed, or -1: an indexed set's ranks are not worked out again.
   */
  search(ids: Int32Array, doc: number, via: readonly number[], slot = -1): T[] {
    if (via.length === 0) return [];
    if (!this.ranked || this.size > 2 * this.sizeWhenRanked + 1000) this.rank();
    const a = slot >= 0 && this.idsOf[slot] === ids ? this.ranksOf[slot]! : this.rankedTokens(ids);
    const query = ++this.queries;
    this.candidateCount = 0;
    let holders = 0;
    for (const t of via) holders += this.count(t);
    const byHolders = this.prefixPostingsExceed(a, holders);
    if (byHolders) this.candidatesHolding(via, doc, a.length, query);
    else this.candidatesByPrefix(a, doc, query);
    let out: T[] | undefined;
    for (let c = 0; c < this.candidateCount; c++) {
      const found = this.candidates[c];
      const m = found * META;
      if (this.meta[m + OVERLAP] < 0) continue;
      if (!similar(a, this.ranksOf[found]!, this.meta[m + LAST_IN_QUERY] + 1, this.meta[m + LAST_IN_SET] + 1, this.meta[m + OVERLAP])) continue;
      if (byHolders || holdsAny(this.idsOf[found]!, via)) (out ??= []).push(this.values[found]!);
    }
    return out ?? [];
  }

  /** Whether a search by the prefix of `ranks` would read more than `limit` postings (counting stops there). */
  private prefixPostingsExceed(ranks: Int32Array, limit: number): boolean {
    let n = 0;
    for (let i = 0; i < prefixLength(ranks.length) && n <= limit; i++) n += (this.postings(ranks[i])?.length ?? 0) / 2;
    return n > limit;
  }

  /** Candidates: the sets, other than `doc`'s and of a size that can be similar, whose prefix shares a token with the query's. */
  private candidatesByPrefix(a: Int32Array, doc: number, query: number): void {
    const { meta } = this;
    const need = this.overlapsNeeded(a.length);
    const prefix = prefixLength(a.length);
    for (let i = 0; i < prefix; i++) {
      const list = this.postings(a[i]);
      if (list === undefined) continue;
      const after = a.length - i - 1;
      for (let x = 0; x < list.length; x += 2) {
        const m = list[x] * META;
        let overlap = meta[m + OVERLAP];
        if (meta[m + STAMP] !== query) {
          meta[m + STAMP] = query;
          overlap = meta[m + DOC] === doc ? -1 : 0;
        } else if (overlap < 0) continue;
        // This common token, and at most all the tokens after it in the shorter rest.
        const b = meta[m + SIZE];
        if (overlap >= 0 && b < need.length && overlap + 1 + Math.min(after, b - list[x + 1] - 1) >= need[b]) {
          if (overlap === 0) this.candidate(list[x]);
          meta[m + OVERLAP] = overlap + 1;
          meta[m + LAST_IN_QUERY] = i;
          meta[m + LAST_IN_SET] = list[x + 1];
        } else meta[m + OVERLAP] = -1;
      }
    }
  }

  /**
   * Per set size, the tokens a set of that size must share with a query of `size` tokens; NEVER
   * for a size that cannot be similar, past the last that can. Worked out once per query, not per
   * posting: a search reads thousands of postings.
   */
  private overlapsNeeded(size: number): Int32Array {
    const [shortest, longest] = sizeBounds(size);
    const sizes = Math.floor(longest) + 1;
    if (this.needed.length < sizes) this.needed = new Int32Array(2 * sizes).fill(NEVER);
    const need = this.needed;
    for (let b = 0; b < sizes; b++) need[b] = b < shortest ? NEVER : requiredOverlap(size, b);
    need.fill(NEVER, sizes, this.neededSizes);
    this.neededSizes = sizes;
    return need;
  }

  /** Candidates: the sets, other than `doc`'s and of a size that can be similar, that hold a token of `via`. */
  private candidatesHolding(via: readonly number[], doc: number, size: number, query: number): void {
    const { meta } = this;
    const [shortest, longest] = sizeBounds(size);
    for (const t of via) {
      const list = this.holdersOf(t);
      for (let x = 0; x < list.length; x++) {
        const slot = list[x];
        const m = slot * META;
        if (meta[m + STAMP] === query || !this.holds(slot, t)) continue;
        meta[m + STAMP] = query;
        meta[m + OVERLAP] = meta[m + DOC] === doc || meta[m + SIZE] < shortest || meta[m + SIZE] > longest ? -1 : 0;
        meta[m + LAST_IN_QUERY] = meta[m + LAST_IN_SET] = -1;
        if (meta[m + OVERLAP] === 0) this.candidate(slot);
      }
    }
  }

  private candidate(slot: number): void {
    if (this.candidateCount === this.candidates.length) this.candidates = grow(this.candidates, 0);
    this.candidates[this.candidateCount++] = slot;
  }

  /**
   * The slots of the sets holding token `t`. Removals leave their slots in these lists (a freed
   * slot may even hold another set by now): readers check, and a list mostly stale is rebuilt.
   */
  private holdersOf(t: number): number[] {
    const list = this.holders[t];
    if (list === undefined) return [];
    if (list.length <= 2 * this.counts[t] + 16) return list;
    const live = [...new Set(list.filter((slot) => this.holds(slot, t)))];
    this.holders[t] = live;
    return live;
  }

  /** Whether the set now at `slot` holds token `t`. */
  private holds(slot: number, t: number): boolean {
    const ids = this.idsOf[slot];
    return ids !== undefined && holds(ids, t);
  }

  private newSlot(): number {
    const slot = this.values.length;
    this.values.push(undefined);
    this.idsOf.push(undefined);
    this.ranksOf.push(undefined);
    if ((slot + 1) * META > this.meta.length) this.meta = grow(this.meta, 0);
    return slot;
  }

  /** Make room for the token ids of `ids`. */
  private see(ids: Int32Array): void {
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i];
      while (t >= this.counts.length) {
        this.counts = grow(this.counts, 0);
        this.rankOf = grow(this.rankOf, UNRANKED);
      }
      if (t >= this.tokens) this.tokens = t + 1;
    }
  }

  /** Rank every token, rarest first (ties by id), and post every set under its prefix. */
  private rank(): void {
    // Sorted as numbers count·2^26 + id (exact in a double): no comparator calls.
    const keys = new Float64Array(this.tokens);
    for (let t = 0; t < keys.length; t++) keys[t] = this.counts[t] * ID_SPACE + t;
    keys.sort();
    for (let r = 0; r < keys.length; r++) this.rankOf[keys[r] % ID_SPACE] = r;
    this.nextNewRank = -1;
    this.byRank = new Array(this.tokens);
    this.byNewRank = [];
    for (let slot = 0; slot < this.values.length; slot++) if (this.idsOf[slot]) this.post(slot);
    this.ranked = true;
    this.sizeWhenRanked = this.size;
  }

  private postings(rank: number): number[] | undefined {
    return rank >= 0 ? this.byRank[rank] : this.byNewRank[-1 - rank];
  }

  /** A set's tokens as ascending ranks, ranking the tokens the order has not placed yet; into `ranks` when given (of their length). */
  private rankedTokens(ids: Int32Array, ranks: Int32Array = new Int32Array(ids.length)): Int32Array {
    this.see(ids);
    for (let i = 0; i < ids.length; i++) {
      if (this.rankOf[ids[i]] === UNRANKED) this.rankOf[ids[i]] = this.nextNewRank--;
      ranks[i] = this.rankOf[ids[i]];
    }
    return sortAscending(ranks);
  }

  /** Post a set under its prefix; a set ranked before is re-ranked in place (same length), not copied. */
  private post(slot: number): void {
    const ranks = (this.ranksOf[slot] = this.rankedTokens(this.idsOf[slot]!, this.ranksOf[slot]));
    const prefix = prefixLength(ranks.length);
    for (let k = 0; k < prefix; k++) {
      const list = this.postings(ranks[k]);
      if (list) list.push(slot, k);
      else if (ranks[k] >= 0) this.byRank[ranks[k]] = [slot, k];
      else this.byNewRank[-1 - ranks[k]] = [slot, k];
    }
  }

  private unpost(slot: number): void {
    const ranks = this.ranksOf[slot]!;
    const prefix = prefixLength(ranks.length);
    for (let k = 0; k < prefix; k++) {
      const list = this.postings(ranks[k])!;
      let at = 0;
      while (list[at] !== slot) at += 2;
      list[at] = list[list.length - 2];
      list[at + 1] = list[list.length - 1];
      list.length -= 2;
    }
    this.ranksOf[slot] = undefined;
  }
}

/** How many of its ranked tokens a set is probed and posted under. */
function prefixLength(tokens: number): number {
  return tokens - minimumOverlap(tokens) + 1;
}

/** The sizes a set similar to one of `size` tokens can have. */
function sizeBounds(size: number): [number, number] {
  return [(SIMILAR_THRESHOLD * size) / (2 - SIMILAR_THRESHOLD) - 1e-9, ((2 - SIMILAR_THRESHOLD) * size) / SIMILAR_THRESHOLD + 1e-9];
}

/** Whether ascending `ids` hold `t` (binary search). */
export function holds(ids: Int32Array, t: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] === t) return true;
    if (ids[mid] < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * `a` sorted ascending, in place: by insertion for a statement's dozen tokens, where the built-in
 * sort's call costs more than the sorting.
 */
export function sortAscending(a: Int32Array): Int32Array {
  if (a.length > 32) return a.sort();
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let at = i;
    for (; at > 0 && a[at - 1] > x; at--) a[at] = a[at - 1];
    a[at] = x;
  }
  return a;
}

function holdsAny(ids: Int32Array, tokens: readonly number[]): boolean {
  return tokens.some((t) => holds(ids, t));
}

/** Tokens two sets of these sizes must share for Dice ≥ δ: a bound just below, so float rounding never rules out a pair the check would keep. */
function requiredOverlap(a: number, b: number): number {
  return Math.ceil((SIMILAR_THRESHOLD * (a + b)) / 2 - 1e-6);
}

function grow(a: Int32Array, fill: number): Int32Array {
  const bigger = new Int32Array(a.length * 2).fill(fill);
  bigger.set(a);
  return bigger;
}

/**
 * Whether the Sørensen–Dice coefficient of two ascending rank lists (twice the common ranks over
 * the total) reaches δ, given `common` ranks in common before positions `i` of `a` and `j` of `b`.
 * The merge stops as soon as the ranks left cannot make up the overlap.
 */
function similar(a: Int32Array, b: Int32Array, i: number, j: number, common: number): boolean {
  const need = requiredOverlap(a.length, b.length);
  while (i < a.length && j < b.length) {
    if (common + Math.min(a.length - i, b.length - j) < need) return false;
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length) >= SIMILAR_THRESHOLD;
}
