// `kent.json`: the scale, rule severities and confidence thresholds. A bad file is reported
// (`invalid-config`, with a position) and the defaults apply to whatever could not be read.
import * as jsonc from 'jsonc-parser';
import { nearestValue, type ScaleName } from './estimative';
import { jsonErrorText } from './jsonErrors';
import { oneLine } from './text';
import { CODES, type Code, type KentDiagnostic, type SeveritySetting } from './types';

export interface ConfidenceThreshold {
  /** Independent grounding sources needed. */
  sources: number;
  /** The worst reliability that still counts, `A`–`F`. */
  reliability: string;
}

export interface KentConfig {
  scale: ScaleName;
  rules: Partial<Record<Code, SeveritySetting>>;
  confidence: { high: ConfidenceThreshold; moderate: ConfidenceThreshold };
}

export const CONFIG_FILE = 'kent.json';

export function defaultConfig(): KentConfig {
  return {
    scale: 'icd203',
    rules: {},
    confidence: { high: { sources: 2, reliability: 'C' }, moderate: { sources: 1, reliability: 'D' } },
  };
}

const SEVERITIES: SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];
const SCALES: ScaleName[] = ['icd203', 'phia'];

/**
 * Parse `kent.json` text over `base` (the defaults, or the editor's settings laid over them:
 * what the file says wins, so the editor and CI agree). Never throws; problems come back as
 * `invalid-config` diagnostics on `path`, their messages naming the source as `label`.
 */
export function parseConfig(text: string, path = CONFIG_FILE, base: KentConfig = defaultConfig(), label = 'kent.json'): { config: KentConfig; diagnostics: KentDiagnostic[] } {
  const config = mergeConfig(base, {});
  const diagnostics: KentDiagnostic[] = [];
  const report = (offset: number, length: number, message: string) =>
    diagnostics.push({ path, span: { start: offset, end: offset + Math.max(length, 1) }, severity: 'error', code: 'invalid-config', message: oneLine(message) });

  const errors: jsonc.ParseError[] = [];
  let root: jsonc.Node | undefined;
  try {
    root = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // jsonc-parser recurses once per nesting level: 100,000 `[` overflow the stack.
    report(0, 1, `${label} cannot be read (${(e as Error).message}); the defaults apply`);
    return { config, diagnostics };
  }
  // jsonc-parser reports several errors at one place when a file is cut short (a property name,
  // a value and a "}" all expected): the first says it.
  const reported = new Set<number>();
  for (const e of errors) {
    if (reported.has(e.offset)) continue;
    reported.add(e.offset);
    report(e.offset, e.length, `${label} is not valid JSON: ${jsonErrorText(e.error)}; the defaults apply`);
  }
  // A file that is not JSON says nothing reliable: none of it applies.
  if (!root || errors.length) return { config, diagnostics };
  if (root.type !== 'object') {
    report(root.offset, root.length, `${label}: expected an object like { "scale": "icd203", "rules": { … } }`);
    return { config, diagnostics };
  }
  reportRepeats(root, report, label);
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    reportRepeats(valueNode, report, `${label}: "${key}"`);
    if (key === 'scale') {
      // In any case, as every value in a document is read: "PHIA" is the scale.
      const scale = anyCase(valueNode.value, SCALES);
      if (scale) config.scale = scale;
      else report(valueNode.offset, valueNode.length, `${label}: "scale" must be "icd203" or "phia"${suggest(valueNode.value, SCALES)}`);
    } else if (key === 'rules') {
      readRules(valueNode, config, report, label);
    } else if (key === 'confidence') {
      readThresholds(valueNode, config, report, label);
    } else if (key === '$schema') {
      // Where a JSON editor finds the schema (other editors than VS Code need it named): not Kent's setting.
      if (valueNode.type !== 'string') report(valueNode.offset, valueNode.length, `${label}: "$schema" must be a string, the path or URL of kent.schema.json`);
    } else {
      report(keyNode.offset, keyNode.length, `${label}: unknown setting "${key}"; expected "scale", "rules" or "confidence"${suggest(key, ['scale', 'rules', 'confidence'])}`);
    }
  }
  return { config, diagnostics };
}

type Report = (offset: number, length: number, message: string) => void;

/**
 * A name written twice in one object (`"rules"` twice, one code twice): JSON readers disagree on
 * which stands (most keep the last, Kent read both in turn), so it is said, at the second.
 */
function reportRepeats(node: jsonc.Node, report: Report, where: string): void {
  if (node.type !== 'object') return;
  const seen = new Set<string>();
  for (const prop of node.children ?? []) {
    const key = prop.children?.[0];
    if (!key) continue;
    const name = String(key.value);
    if (seen.has(name)) report(key.offset, key.length, `${where}: "${name}" is set twice; write it once`);
    seen.add(name);
    const value = prop.children?.[1];
    // Inside the thresholds (`confidence.high`), one level further.
    if (value && where.endsWith('"confidence"')) reportRepeats(value, report, `${where}.${name}`);
  }
}

function readRules(node: jsonc.Node, config: KentConfig, report: Report, label: string): void {
  if (node.type !== 'object') return report(node.offset, node.length, `${label}: "rules" must be an object of code → severity`);
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const code = String(k.value);
    if (!(CODES as readonly string[]).includes(code)) {
      report(k.offset, k.length, `${label}: no rule "${code}"${suggest(code, CODES)}`);
      continue;
    }
    const severity = anyCase(v.value, SEVERITIES);
    if (!severity) {
      report(v.offset, v.length, `${label}: severity of "${code}" must be one of ${SEVERITIES.join(', ')}${suggest(String(v.value), SEVERITIES)}`);
      continue;
    }
    // A bad config must not pass a CI run: its problems can be silenced, never made milder.
    if (code === 'invalid-config' && severity !== 'off' && severity !== 'error') {
      report(v.offset, v.length, `${label}: "invalid-config" can only be turned "off"; it stays an error`);
      continue;
    }
    config.rules[code as Code] = severity;
  }
}

function readThresholds(node: jsonc.Node, config: KentConfig, report: Report, label: string): void {
  if (node.type !== 'object') return report(node.offset, node.length, `${label}: "confidence" must be an object like { "high": { "sources": 2, "reliability": "C" } }`);
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const level = String(k.value);
    if (level !== 'high' && level !== 'moderate') {
      report(k.offset, k.length, `${label}: confidence thresholds are for "high" and "moderate", not "${level}"`);
      continue;
    }
    readThreshold(v, level, config.confidence[level], report, label);
  }
}

/** One level's threshold: each valid field applies; the rest keep what they were (the defaults, or the editor's settings). */
function readThreshold(node: jsonc.Node, level: 'high' | 'moderate', threshold: ConfidenceThreshold, report: Report, label: string): void {
  // Anything but an object would otherwise be read as having no fields, and pass unreported.
  if (node.type !== 'object') {
    const { sources, reliability } = defaultConfig().confidence[level];
    return report(node.offset, node.length, `${label}: confidence.${level} must be an object like { "sources": ${sources}, "reliability": "${reliability}" }`);
  }
  for (const field of node.children ?? []) {
    const [fk, fv] = field.children ?? [];
    if (!fk || !fv) continue;
    if (fk.value === 'sources' && Number.isInteger(fv.value) && fv.value >= 0) threshold.sources = fv.value;
    // A letter in either case, as a rating is read in a document (`reliability: b`).
    else if (fk.value === 'reliability' && typeof fv.value === 'string' && /^[A-F]$/i.test(fv.value)) threshold.reliability = fv.value.toUpperCase();
    else report(fv.offset, fv.length, `${label}: confidence.${level}.${fk.value} must be ${fk.value === 'sources' ? 'a whole number ≥ 0' : fk.value === 'reliability' ? 'a letter A–F' : 'one of "sources", "reliability"'}`);
  }
}

/** One of `options` written in any case (`"PHIA"`, `"Warning"`), as that option. */
function anyCase<T extends string>(value: unknown, options: readonly T[]): T | undefined {
  return typeof value === 'string' ? options.find((o) => o === value.toLowerCase()) : undefined;
}

/** "did you mean": the one option a value begins (`"err"`, `"warn"`), else the nearest spelling. */
function suggest(value: unknown, options: readonly string[]): string {
  if (typeof value !== 'string') return '';
  const lower = value.toLowerCase();
  const begun = lower.length >= 2 ? options.filter((o) => o.startsWith(lower)) : [];
  const near = begun.length === 1 ? begun[0] : nearestValue(value, options);
  return near ? ` (did you mean "${near}"?)` : '';
}

/**
 * The editor's settings (`kent.scale`, `kent.rules`, `kent.confidence`, as an object), read as
 * `kent.json` is: what is valid applies over the defaults, and each problem comes back as a
 * sentence (settings have no position to point at). Editors other than VS Code pass them unchecked.
 */
export function editorSettings(raw: unknown): { settings: KentConfig; problems: string[] } {
  const { config, diagnostics } = parseConfig(JSON.stringify(raw ?? {}) ?? '{}', CONFIG_FILE, defaultConfig(), 'Kent settings');
  return { settings: config, problems: diagnostics.map((d) => d.message) };
}

/** Lay partial settings over a config. */
export function mergeConfig(base: KentConfig, over: Partial<KentConfig> | undefined): KentConfig {
  if (!over) return base;
  return {
    scale: over.scale && SCALES.includes(over.scale) ? over.scale : base.scale,
    rules: { ...base.rules, ...(over.rules ?? {}) },
    confidence: {
      high: { ...base.confidence.high, ...(over.confidence?.high ?? {}) },
      moderate: { ...base.confidence.moderate, ...(over.confidence?.moderate ?? {}) },
    },
  };
}
