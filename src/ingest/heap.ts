// How far the JavaScript heap of a process that ingests may grow between two full garbage collections.
//
// Ingest keeps little alive (vocabularies, label indexes, a page at a time: about 60 MB after a full collection)
// but allocates a great deal that lives just long enough to leave the young generation (a page's parsed tree and
// records survive the awaits of its own write). By default V8 lets the old generation grow to up to four times
// what survived the last full collection before it collects again, so a harvest that holds 60 MB peaked near
// 470 MB of memory, most of it garbage. Capping the growth at a fifth keeps the peak near what is really used,
// for about the same CPU time (measured with the ingest benchmark: BENCHMARKS.md). It is a growth factor, not a
// ceiling: a page that needs more memory still gets it.
import v8 from 'node:v8';
import vm from 'node:vm';

/** V8's heap growth after a full collection, in percent of what survived it. */
export const INGEST_HEAP_GROWING_PERCENT = 20;

let applied = false;

/** Sets the heap growth of this process for ingest, once; later calls do nothing. */
export function keepHeapNearLiveSize(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString(`--heap-growing-percent=${INGEST_HEAP_GROWING_PERCENT}`);
}

let collect: (() => void) | undefined;

/**
 * A full garbage collection, between the steps of an ingest (after the harvest, before grouping; before the
 * index update). What a step allocated is dead once it ends; without a collection the next step's working set
 * lands on top of it, and the process's peak memory is the sum. V8 exposes a collection only to contexts made
 * after `--expose-gc`, so the flag is set once and the function taken from a fresh context. About a tenth of a
 * second per call on a harvest's heap.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}
