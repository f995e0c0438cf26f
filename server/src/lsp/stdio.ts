// The stdio transport (`kent-language-server --stdio`, every editor but VS Code, which uses IPC):
// vscode-languageserver's own, but with messages encoded by `encodeJson`.
import { Console } from 'node:console';
import { StreamMessageReader, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

/**
 * A message's JSON in UTF-8, byte for byte what `JSON.stringify` gives, built from the JSON of
 * its parts. Why: a large document's diagnostics (100 KB of JSON and more) hold characters
 * beyond Latin-1 ("80–95%", "likely → unlikely"), so V8 builds their JSON as one two-byte rope,
 * and encoding that first copies it whole into a fresh string: about a millisecond on every
 * keystroke. The JSON of each element of an array is small, and cheap to encode; that of an
 * element marked `lasting` is encoded once.
 */
export function encodeJson(value: unknown): Buffer {
  const parts: Array<string | Buffer> = [];
  if (!collect(value, parts)) throw new TypeError(`${typeof value} has no JSON`);
  // Written into one buffer: not a buffer per comma of 100,000 diagnostics, then all copied again.
  let size = 0;
  for (const part of parts) size += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const part of parts) at += typeof part === 'string' ? out.write(part, at, 'utf8') : part.copy(out, at);
  return out;
}

/** The encoded JSON of objects that never change once made, once they have been sent (null until then). */
const encoded = new WeakMap<object, Buffer | null>();

/**
 * Mark an object that will not change again (nor anything it holds): each time it is sent as
 * an element of an array, its JSON is the bytes made the first time. The server marks the
 * diagnostics it publishes: a keystroke republishes hundreds of them unchanged.
 */
export function lasting<T extends object>(value: T): T {
  if (!encoded.has(value)) encoded.set(value, null);
  return value;
}

/** Push the JSON of `value` in parts, recursing into objects down to their arrays; false if it has none (`undefined`, a function). */
function collect(value: unknown, parts: Array<string | Buffer>): boolean {
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) return false;
    parts.push(json);
    return true;
  }
  if (Array.isArray(value)) {
    // Numbers and strings alone (semantic tokens: five integers a token) are encoded at once.
    if (value.every(isPrimitive)) {
      parts.push(JSON.stringify(value));
      return true;
    }
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i) parts.push(',');
      parts.push(elementJson(value[i]));
    }
    parts.push(']');
    return true;
  }
  parts.push('{');
  let comma = '';
  for (const key of Object.keys(value)) {
    const at = parts.length;
    parts.push(`${comma}${JSON.stringify(key)}:`);
    if (collect((value as Record<string, unknown>)[key], parts)) comma = ',';
    else parts.length = at;
  }
  parts.push('}');
  return true;
}

/** Not an object: its JSON (or `null` in an array) does not depend on `lasting`. */
function isPrimitive(element: unknown): boolean {
  return element === null || typeof element !== 'object';
}

/** An array element's JSON (`null` for one that has none, as `JSON.stringify` writes it). */
function elementJson(element: unknown): string | Buffer {
  const kept = typeof element === 'object' && element !== null ? encoded.get(element) : undefined;
  if (kept) return kept;
  const json = JSON.stringify(element) ?? 'null';
  if (kept === null) {
    const bytes = Buffer.from(json, 'utf8');
    encoded.set(element as object, bytes);
    return bytes;
  }
  return json;
}

/**
 * The reader and writer of a connection over stdin and stdout. As with vscode-languageserver's
 * own `--stdio`, the process exits when its input ends (with 1 unless `shutDown()`), and nothing
 * logged with `console` (by a library) can reach the messages on stdout: it goes to stderr.
 */
export function stdioTransport(shutDown: () => boolean): [MessageReader, MessageWriter] {
  const end = () => process.exit(shutDown() ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  globalThis.console = new Console(process.stderr);
  const contentTypeEncoder = { name: 'application/json', encode: async (message: unknown) => encodeJson(message) };
  return [new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout, { contentTypeEncoder })];
}
