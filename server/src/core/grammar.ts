// The Ohm grammar of Kent's structured pieces: block headers, reference lists, likelihoods,
// resolutions, quotes and inline citations. Free text (statements, prose) never goes
// through Ohm: the line scanner in parser.ts isolates the small pieces that do.
//
// Ohm is the definition of these pieces and parses every one that is not in canonical form,
// which is also where its error messages ("expected an item ID") matter. The canonical forms
// that make up nearly all real text (`judgment KJ1:`, `C1, E2, @iiss-2024`, `likely`,
// `"quoted"`, `[@key, p. 4]`) are recognised first by the anchored regular expressions in
// fastpath.ts, which build the very same result; a property test holds the two to agreement.
// Ohm outcomes are memoised by text.
import * as ohm from 'ohm-js';
import { fastMatch } from './fastpath';

const SOURCE = String.raw`
Kent {
  Header = keyword id ":"
  keyword (a block keyword) = ("assessment" | "judgment" | "claim" | "assumption" | "evidence" | "source") ~idChar

  RefList = NonemptyListOf<Ref, ",">
  Ref = Citation | sourceKey | itemRef
  IdList = NonemptyListOf<itemRef, ",">
  OneRef = itemRef
  SourceAttr = sourceKey | key

  Likelihood = percentRange | percent | words
  percentRange = number space* "%"? space* rangeDash space* number space* "%"
  percent = number space* "%"
  rangeDash = "-" | "–" | "—"
  number (a number) = digit+ ("." digit+)?
  words (an estimative term or a percentage) = letter (letter | "-" | " ")*

  Resolved = boolean date?
  boolean (true or false) = (caseInsensitive<"true"> | caseInsensitive<"false">) ~idChar
  date (a date like 2024-09) = digit digit digit digit ("-" digit digit ("-" digit digit)?)?

  Quote = quoted
  quoted (a double-quoted string) = "\"" (~"\"" any)* "\""   -- straight
                                  | "“" (~"”" any)* "”"      -- curly

  Citation = "[" NonemptyListOf<Cite, ";"> "]"
  Cite = prefix? "-"? sourceKey ("," locator)?  -- located
  prefix (a prefix like see) = (~("-"? "@") ~("]" | ";" | "[") any)+
  locator (a locator like p. 4) = (~("]" | ";") any)+

  itemRef (an item ID) = (id "/")? id
  id (an ID) = asciiLetter idChar*
  idChar = asciiLetter | digit | "_" | "-"
  asciiLetter = "a".."z" | "A".."Z"
  sourceKey (a source key like @iiss-2024) = "@" key
  key (a source key) = (asciiLetter | digit | "_") keyChar*
  keyChar = asciiLetter | digit | "_" | "-" | ":" | "." | "/" | "+"
}
`;


/** Start rules the parser uses; each names the kind of text it parses. */
export type Rule = 'Header' | 'RefList' | 'IdList' | 'OneRef' | 'SourceAttr' | 'Likelihood' | 'Resolved' | 'Quote' | 'Citation';

/** Source-ref spans cover the key without its `@`. Offsets in these values are relative to the start of the matched text. */
export interface RelSpan {
  start: number;
  end: number;
}
export type RefNode =
  | { type: 'item'; doc?: string; id: string; span: RelSpan }
  | { type: 'source'; key: string; locator?: string; prefix?: string; span: RelSpan };
export type CitationNode = { type: 'citation'; span: RelSpan; refs: Extract<RefNode, { type: 'source' }>[] };
export type Parsed =
  | { type: 'header'; keyword: string; keywordSpan: RelSpan; id: string; idSpan: RelSpan; colon: number }
  | { type: 'refs'; refs: RefNode[] }
  | { type: 'likelihood'; text: string; percent?: { lo: number; hi: number } }
  | { type: 'resolved'; value: boolean; date?: string }
  | { type: 'quote'; text: string }
  | CitationNode;

export type MatchOutcome = { ok: true; value: Parsed } | { ok: false; offset: number; expected: string };

const span = (node: ohm.Node): RelSpan => ({ start: node.source.startIdx, end: node.source.endIdx });

let compiled: { grammar: ohm.Grammar; semantics: ohm.Semantics } | undefined;

/** The grammar with its semantics, compiled on first use (a fifth of a second): canonical text never needs it. */
function kent(): { grammar: ohm.Grammar; semantics: ohm.Semantics } {
  if (!compiled) {
    const grammar = ohm.grammar(SOURCE);
    compiled = { grammar, semantics: grammar.createSemantics().addOperation<unknown>('ast', AST) };
  }
  return compiled;
}

const AST: ohm.ActionDict<unknown> = {
  Header(keyword, id, _colon) {
    return {
      type: 'header',
      keyword: keyword.sourceString,
      keywordSpan: span(keyword),
      id: id.sourceString,
      idSpan: span(id),
      colon: _colon.source.startIdx,
    };
  },
  RefList(list) {
    return { type: 'refs', refs: flatRefs(list.asIteration().children.map((c: ohm.Node) => c.ast())) };
  },
  IdList(list) {
    return { type: 'refs', refs: list.asIteration().children.map((c: ohm.Node) => c.ast()) };
  },
  OneRef(ref) {
    return { type: 'refs', refs: [ref.ast()] };
  },
  SourceAttr(key) {
    const ref = key.ctorName === 'sourceKey' ? key.ast() : { type: 'source', key: key.sourceString, span: span(key) };
    return { type: 'refs', refs: [ref] };
  },
  Likelihood(value) {
    return value.ast();
  },
  percentRange(lo, _s0, _pct0, _s1, _dash, _s2, hi, _s3, _pct) {
    return { type: 'likelihood', text: this.sourceString, percent: { lo: Number(lo.sourceString) / 100, hi: Number(hi.sourceString) / 100 } };
  },
  percent(n, _s, _pct) {
    const p = Number(n.sourceString) / 100;
    return { type: 'likelihood', text: this.sourceString, percent: { lo: p, hi: p } };
  },
  words(_first, _rest) {
    return { type: 'likelihood', text: this.sourceString.trim() };
  },
  Resolved(bool, date) {
    return { type: 'resolved', value: bool.sourceString.toLowerCase() === 'true', date: date.children[0]?.sourceString };
  },
  Quote(q) {
    const s = q.sourceString;
    return { type: 'quote', text: s.slice(1, -1) };
  },
  Ref(ref) {
    return ref.ast();
  },
  Citation(_open, list, _close) {
    return { type: 'citation', span: span(this), refs: list.asIteration().children.map((c: ohm.Node) => c.ast()) };
  },
  Cite_located(prefix, _minus, key, _comma, locator) {
    const loc = locator.children[0]?.sourceString.trim();
    const before = prefix.children[0]?.sourceString.trim();
    const ref = key.ast() as Extract<RefNode, { type: 'source' }>;
    if (loc) ref.locator = loc;
    if (before) ref.prefix = before;
    return ref;
  },
  itemRef(docPart, _slash, id) {
    const doc = docPart.children[0]?.sourceString;
    return doc !== undefined ? { type: 'item', doc, id: id.sourceString, span: span(this) } : { type: 'item', id: id.sourceString, span: span(this) };
  },
  sourceKey(_at, key) {
    // The span covers the key alone (not the `@`), so a rename replaces just the key.
    return { type: 'source', key: key.sourceString, span: span(key) };
  },
};

/** A citation inside a ref list contributes its refs (with their locators) to the list. */
function flatRefs(nodes: Array<RefNode | CitationNode>): RefNode[] {
  const out: RefNode[] = [];
  for (const n of nodes) {
    if (n.type === 'citation') out.push(...n.refs);
    else out.push(n);
  }
  return out;
}

const MEMO_LIMIT = 100_000;
const memo = new Map<string, MatchOutcome>();
let matchCount = 0;

/** How many outcomes are memoised (the long-session bench watches it). */
export function matchMemoSize(): number {
  return memo.size;
}

/** How many real Ohm matches ran (memo misses): tests use it to prove caching works. */
export function ohmMatchCount(): number {
  return matchCount;
}

/** Match `text` with `rule`, never throwing; outcomes are memoised by rule and text. */
export function matchRule(rule: Rule, text: string): MatchOutcome {
  const fast = fastMatch(rule, text);
  if (fast) return { ok: true, value: fast };
  if (text.length <= OHM_LIMIT) return ohmMatch(rule, text);
  // Ohm costs ~10 µs a character on a long value that does not match (an unclosed quote pasted
  // with a whole report behind it): give it the head, which shows where such a value goes wrong.
  const head = ohmMatch(rule, text.slice(0, OHM_LIMIT));
  if (!head.ok && head.offset < OHM_LIMIT - 64) return head;
  return { ok: false, offset: 0, expected: `${describe(rule)} of at most ${OHM_LIMIT} characters in this form (this one has ${text.length})` };
}

/** Longest non-canonical value given to Ohm whole. */
const OHM_LIMIT = 4096;

function describe(rule: Rule): string {
  return { Header: 'a block header', RefList: 'a list of references', IdList: 'a list of IDs', OneRef: 'an item ID', SourceAttr: 'a source key', Likelihood: 'a likelihood', Resolved: 'true or false', Quote: 'a double-quoted string', Citation: 'a citation' }[rule];
}

/** Match with Ohm alone (memoised): the reference the fast path is tested against. */
export function ohmMatch(rule: Rule, text: string): MatchOutcome {
  const memoKey = rule + '\u0000' + text;
  const hit = memo.get(memoKey);
  if (hit) return hit;
  matchCount++;
  let outcome: MatchOutcome;
  try {
    const { grammar, semantics } = kent();
    const m: ohm.MatchResult = grammar.match(text, rule);
    if (m.succeeded()) outcome = { ok: true, value: semantics(m).ast() as Parsed };
    else {
      const failure = m as ohm.MatchResult & { getRightmostFailurePosition(): number; getExpectedText(): string };
      outcome = { ok: false, offset: failure.getRightmostFailurePosition(), expected: failure.getExpectedText() };
    }
  } catch (e) {
    // Ohm should not throw on any input; if it does, report it as a parse failure, never crash.
    outcome = { ok: false, offset: 0, expected: `valid ${rule} (internal: ${(e as Error).message})` };
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, outcome);
  return outcome;
}
