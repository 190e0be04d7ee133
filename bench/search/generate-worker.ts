// Worker thread of the search benchmark's loader: generates records (bench/search/generate.ts) with their
// metadata quality, as the ingest pipeline derives it, while the main thread writes the previous batch to the
// store. Each batch goes over as one JSON text (cheaper to pass than the records as objects), and the worker
// runs ahead by at most the credits the main thread gave it, so memory stays bounded.
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceRecordInput } from '../../src/domain/catalog.js';
import { assessRecord } from '../../src/quality/record-quality.js';
import { createRecordGenerator } from './generate.js';
import { readCorpusShapes } from './shapes.js';

export interface WorkerJob {
  readonly seed: string;
  readonly first: number;
  readonly count: number;
  readonly batchSize: number;
}

/** One generated record as the worker hands it over. */
export interface WireRecord {
  readonly kind: 'original' | 'duplicate' | 'translation';
  readonly lang: string;
  readonly workId: string;
  readonly input: SourceRecordInput;
}

export type WorkerMessage =
  | { readonly type: 'batch'; readonly json: string; readonly generateMs: number }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

const port = parentPort;
if (port === null) throw new Error('generate-worker.ts runs as a worker thread');
const job = workerData as WorkerJob;

let credits = 0;
let wake: (() => void) | null = null;
port.on('message', (message: { type: 'more'; credits: number }) => {
  credits += message.credits;
  wake?.();
  wake = null;
});

try {
  const generator = createRecordGenerator(await readCorpusShapes(), { seed: job.seed });
  const batches = generator.batches(job.count, job.batchSize, job.first);
  for (;;) {
    const started = performance.now();
    const next = batches.next();
    if (next.done === true) break;
    const batch = next.value;
    const wire: WireRecord[] = batch.map((r) => {
      const quality = r.input.record === null ? null : assessRecord(r.input.record);
      return {
        kind: r.kind,
        lang: r.lang,
        workId: r.workId,
        input:
          quality === null
            ? r.input
            : {
                ...r.input,
                quality: { score: quality.score, fixes: [...new Set(quality.fixes.map((f) => f.code))] },
              },
      };
    });
    const json = JSON.stringify(wire);
    const generateMs = performance.now() - started;
    while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
    port.postMessage({ type: 'batch', json, generateMs } satisfies WorkerMessage);
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
} catch (error) {
  port.postMessage({
    type: 'error',
    message: (error as Error).stack ?? String(error),
  } satisfies WorkerMessage);
}
