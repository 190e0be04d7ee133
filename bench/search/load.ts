// Loads the search benchmark's synthetic catalog into a fresh store through the Store port: the 40 sources,
// then batches of records (generated in a worker thread while the previous batch is written), each batch in
// one transaction that upserts the records, gives them the work ids the generator assigned (as the grouping
// pass would: duplicates share their original's) and takes them off the grouping queue, so the store ends as
// after a harvest followed by grouping. Every written record is queued for the search indexer by the store.
// Left out, to keep loading fast: blocking keys for duplicate grouping (no grouping runs: the work ids are
// known). Metadata quality is derived as the ingest pipeline does (assessRecord).
import type { Store } from '../../src/ports/store.js';
import { startWorker } from '../../src/worker-threads.js';
import { DEFAULT_SEED, createRecordGenerator, type BenchSource } from './generate.js';
import type { WireRecord, WorkerJob, WorkerMessage } from './generate-worker.js';
import { readCorpusShapes } from './shapes.js';

export interface LoadOptions {
  readonly records: number;
  readonly seed?: string;
  /** Records per transaction (default 1000). */
  readonly batchSize?: number;
  /** Generate in a worker thread (default true); false generates on the main thread between writes. */
  readonly worker?: boolean;
  /** Called after each batch with the number of records written so far. */
  readonly onProgress?: (written: number) => void;
}

export interface LoadFigures {
  readonly records: number;
  readonly sources: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  /** Time the main thread spent in store calls. */
  readonly storeSeconds: number;
  /** Time spent generating (in the worker when there is one). */
  readonly generateSeconds: number;
  readonly kinds: Readonly<Record<WireRecord['kind'], number>>;
  /** Records per primary language of their main text. */
  readonly languages: Readonly<Record<string, number>>;
}

/** The benchmark's sources, as the generator defines them for a seed (without reading the corpus twice). */
export async function benchSources(seed = DEFAULT_SEED): Promise<readonly BenchSource[]> {
  return createRecordGenerator(await readCorpusShapes(), { seed }).sources;
}

async function* workerBatches(
  job: WorkerJob,
  generated: { ms: number },
): AsyncGenerator<readonly WireRecord[]> {
  const worker = startWorker(import.meta.url, './generate-worker.js', { workerData: job });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const state: { failure: Error | null } = { failure: null };
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
    wake = null;
  });
  worker.on('error', (error) => {
    state.failure = error;
    wake?.();
    wake = null;
  });
  worker.postMessage({ type: 'more', credits: 3 });
  try {
    for (;;) {
      while (queue.length === 0 && state.failure === null)
        await new Promise<void>((resolve) => (wake = resolve));
      if (state.failure !== null) throw state.failure;
      const message = queue.shift();
      if (message === undefined) continue;
      if (message.type === 'done') return;
      if (message.type === 'error') throw new Error(`record generator failed: ${message.message}`);
      worker.postMessage({ type: 'more', credits: 1 });
      generated.ms += message.generateMs;
      yield JSON.parse(message.json) as WireRecord[];
    }
  } finally {
    await worker.terminate();
  }
}

async function* localBatches(
  job: WorkerJob,
  generated: { ms: number },
): AsyncGenerator<readonly WireRecord[]> {
  const generator = createRecordGenerator(await readCorpusShapes(), { seed: job.seed });
  const batches = generator.batches(job.count, job.batchSize, job.first);
  for (;;) {
    const started = performance.now();
    const next = batches.next();
    if (next.done === true) return;
    const wire = next.value.map((r) => ({ kind: r.kind, lang: r.lang, workId: r.workId, input: r.input }));
    generated.ms += performance.now() - started;
    yield wire;
  }
}

/** Writes the sources and `records` generated records into `store` (fresh, migrated). */
export async function loadCatalog(store: Store, options: LoadOptions): Promise<LoadFigures> {
  const seed = options.seed ?? DEFAULT_SEED;
  const batchSize = options.batchSize ?? 1000;
  const sources = await benchSources(seed);
  for (const source of sources) {
    const { weight: _w, mainLanguage: _m, host: _h, licence: _l, ...input } = source;
    await store.createSource(input);
  }
  const job: WorkerJob = { seed, first: 0, count: options.records, batchSize };
  const generated = { ms: 0 };
  const kinds = { original: 0, duplicate: 0, translation: 0 };
  const languages: Record<string, number> = {};
  let written = 0;
  let storeMs = 0;
  const started = performance.now();
  const batches = options.worker === false ? localBatches(job, generated) : workerBatches(job, generated);
  for await (const batch of batches) {
    const t = performance.now();
    await store.transaction(async (tx) => {
      await tx.upsertSourceRecords(batch.map((r) => r.input));
      const refs = batch.map((r) => ({ sourceId: r.input.sourceId, sourceRecordId: r.input.sourceRecordId }));
      await tx.setWorkIds(batch.map((r, i) => ({ ref: refs[i] ?? r.input, workId: r.workId })));
      await tx.dequeueGrouped(refs);
    });
    storeMs += performance.now() - t;
    for (const r of batch) {
      kinds[r.kind] += 1;
      languages[r.lang] = (languages[r.lang] ?? 0) + 1;
    }
    written += batch.length;
    options.onProgress?.(written);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    records: written,
    sources: sources.length,
    seconds,
    recordsPerSecond: written / seconds,
    storeSeconds: storeMs / 1000,
    generateSeconds: generated.ms / 1000,
    kinds,
    languages,
  };
}
