// Young-generation garbage collected while the server is idle. Each keystroke in a large document
// leaves about a megabyte of garbage; V8 collects it when its young generation fills, every
// dozen keystrokes or so, and that keystroke's diagnostics then wait ~10 ms for the collection.
// Collected between keystrokes instead (once the young generation is half full, after the
// diagnostics are written), it never falls in the middle of one. What Chrome does in idle time.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' | 'major' }) => void;

/** V8's `gc`, from a context made after the flag is set (the main one never has it). */
let collect: Collect | undefined;
function collector(): Collect | undefined {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } catch {
      collect = () => undefined;
    }
  }
  return collect;
}

/** How full the young generation may be before an idle moment is used to empty it. */
const THRESHOLD = 0.5;

/** Whether the young generation is past THRESHOLD. */
export function youngGenerationFull(): boolean {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  // Its size counts both semispaces; what it can hold before collecting is what is used plus what is free.
  return space !== undefined && space.space_used_size > THRESHOLD * (space.space_used_size + space.space_available_size);
}

/** Empty the young generation now, if it is past THRESHOLD: call it only when nothing waits. */
export function collectYoungGeneration(): boolean {
  if (!youngGenerationFull()) return false;
  collector()?.({ type: 'minor' });
  return true;
}
