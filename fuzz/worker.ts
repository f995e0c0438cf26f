// One worker process of `npm run fuzz`: runs the core cases `first, first + step, …` and reports
// progress, its statistics, or the first failure, to the parent over IPC. A process rather than
// a thread, so that the CPU time each operation is held to is its own.
import { CoreFuzzer, FuzzFailure } from './core';
import { loadSamples } from './gen';

interface Job {
  seed: string;
  first: number;
  step: number;
  count: number;
  deadline: number;
  maxMs: number;
}

// The parent gone (it stops the run at the first failure anywhere): stop quietly.
process.on('disconnect', () => process.exit(0));
process.on('error', () => process.exit(0));

const send = (m: unknown) => new Promise<void>((resolve) => process.send!(m, () => resolve()));

process.once('message', async (job: Job) => {
  const fuzzer = new CoreFuzzer(loadSamples(), { seed: job.seed, maxMs: job.maxMs });
  let done = 0;
  let reported = 0;
  try {
    for (let i = job.first; done < job.count; i += job.step) {
      if (Date.now() > job.deadline) break;
      fuzzer.runCase(i);
      done++;
      if (done % 500 === 0) {
        process.send!({ type: 'progress', done: done - reported });
        reported = done;
      }
    }
    await send({ type: 'progress', done: done - reported });
    await send({ type: 'done', stats: fuzzer.stats });
  } catch (e) {
    const failure = e instanceof FuzzFailure ? { message: e.message, detail: e.detail } : { message: (e as Error)?.stack ?? String(e), detail: {} };
    await send({ type: 'failure', failure, stats: fuzzer.stats });
  }
  process.disconnect();
});
