// Seeded randomness for the search benchmark: a small fast PRNG (sfc32) whose state comes from a seed and
// an index, so record number i can be generated again on its own (duplicates of it, translations of it)
// without keeping it in memory; and samplers for skewed (Zipf-like) and weighted choices.

/** 32-bit mix of a string and numbers (FNV-1a, then murmur3's finalizer): stable across runs and machines. */
export function hash32(text: string, ...numbers: readonly number[]): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  for (const n of numbers) {
    h ^= n >>> 0;
    h = Math.imul(h, 0x01000193);
    h ^= Math.floor(n / 0x1_0000_0000);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic random stream (sfc32). */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: string, ...numbers: readonly number[]) {
    this.#a = hash32(seed, ...numbers, 1);
    this.#b = hash32(seed, ...numbers, 2);
    this.#c = hash32(seed, ...numbers, 3);
    this.#d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen item; the list must not be empty. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** 20 hexadecimal digits, like the work ids the grouping pass gives. */
  hex20(): string {
    let out = '';
    for (let i = 0; i < 5; i++) out += this.int(0x10000).toString(16).padStart(4, '0');
    return out;
  }
}

/** Draws indexes 0..n-1 with fixed weights (cumulative table and binary search: O(log n) per draw). */
export class Weighted {
  readonly #cumulative: Float64Array;
  readonly size: number;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new Error('no weights');
    this.size = weights.length;
    this.#cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      total += Math.max(0, w);
      this.#cumulative[i] = total;
    });
    if (total <= 0) throw new Error('weights sum to zero');
    for (let i = 0; i < weights.length; i++) this.#cumulative[i] = (this.#cumulative[i] ?? 0) / total;
  }

  /** Zipf weights 1/rank^s over n ranks. */
  static zipf(n: number, s: number): Weighted {
    return new Weighted(Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s)));
  }

  draw(random: Random): number {
    const x = random.next();
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cumulative[mid] ?? 1) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The probability of index i. */
  share(i: number): number {
    return (this.#cumulative[i] ?? 0) - (i === 0 ? 0 : (this.#cumulative[i - 1] ?? 0));
  }
}

/** A list with Zipf-skewed draws: the first items come up most. */
export class ZipfList<T> {
  readonly items: readonly T[];
  readonly #weights: Weighted;

  constructor(items: readonly T[], s: number) {
    if (items.length === 0) throw new Error('empty Zipf list');
    this.items = items;
    this.#weights = Weighted.zipf(items.length, s);
  }

  draw(random: Random): T {
    return this.items[this.#weights.draw(random)] as T;
  }

  /** Several distinct items (at most the list's size), each Zipf-drawn. */
  drawDistinct(random: Random, count: number): T[] {
    const wanted = Math.min(count, this.items.length);
    const out = new Set<T>();
    for (let tries = 0; out.size < wanted && tries < wanted * 8; tries++) out.add(this.draw(random));
    return [...out];
  }
}

/** Items in an order shuffled by a seed (Fisher-Yates), so that popularity does not follow the source order. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
