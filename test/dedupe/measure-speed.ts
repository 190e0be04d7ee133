// Measures matchKeys and comparePair on the labeled pairs' real records: per call, on records seen for the
// first time (their features computed on the way) and on records already seen (features cached, as when
// one record is compared with the several candidates its keys bring). Prints medians of 7 runs, in CPU time.
//   node --import tsx test/dedupe/measure-speed.ts
import { comparePair, matchKeys } from '../../src/dedupe/index.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { buildPairs } from './build-pairs.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const pairs = await buildPairs('main');
const runs = 7;
// Fresh shallow copies per run (new objects, so nothing is cached for them), dropped after the run.
const batch = (): [ResourceRecord, ResourceRecord][] => pairs.map((p) => [{ ...p.a }, { ...p.b }]);

// CPU time of this process rather than wall time: the machines are shared, and other processes' turns on
// the cores would otherwise be counted as ours.
function perCall(
  list: [ResourceRecord, ResourceRecord][],
  repeat: number,
  fn: (a: ResourceRecord, b: ResourceRecord) => void,
): number {
  const start = process.cpuUsage();
  for (let i = 0; i < repeat; i++) for (const [a, b] of list) fn(a, b);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (list.length * repeat);
}

const keys = (a: ResourceRecord, b: ResourceRecord): void => {
  matchKeys(a);
  matchKeys(b);
};
const compare = (a: ResourceRecord, b: ResourceRecord): void => {
  comparePair(a, b);
};
const keysNew: number[] = [];
const keysCached: number[] = [];
const compareNew: number[] = [];
const compareAfterKeys: number[] = [];
const compareCached: number[] = [];
for (let run = 0; run < runs + 1; run++) {
  const first = run > 0; // the first run warms the JIT up and is not counted
  let list = batch();
  const k = perCall(list, 1, keys) / 2;
  const kc = perCall(list, 10, keys) / 2;
  const ca = perCall(list, 1, compare);
  const cc = perCall(list, 10, compare);
  list = batch();
  const cn = perCall(list, 1, compare);
  if (first) {
    keysNew.push(k);
    keysCached.push(kc);
    compareAfterKeys.push(ca);
    compareCached.push(cc);
    compareNew.push(cn);
  }
}
const f = (v: number[]): string => `${median(v).toFixed(1)} µs`;
process.stdout.write(
  `${pairs.length} pairs (${pairs.length * 2} records), median of ${runs} runs, CPU time per call:\n` +
    `  matchKeys    new record ${f(keysNew)}; again ${f(keysCached)}\n` +
    `  comparePair  new records ${f(compareNew)}; after matchKeys ${f(compareAfterKeys)}; again ${f(compareCached)}\n`,
);
