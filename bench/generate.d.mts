// Types of what the tests use of generate.mjs.
/** A small deterministic PRNG: numbers in [0, 1). */
export function rng(seed: number): () => number;
/** A generated workspace: its files by relative path, and its total size. */
export function generateWorkspace(spec: { docs: number; bytesOf: (d: number) => number; format?: 'kent' | 'argdown' | 'markdown'; seed?: number }): { files: Map<string, string>; bytes: number; items: number };
