// The real, independently written OAI-PMH provider of ../shared/peers/oai-catmandu (Perl: Dancer with
// Dancer::Plugin::Catmandu::OAI over an in-memory CQL store), started on a free port of 127.0.0.1 with a
// records file written here, and a seeded generator of realistic oai_dc records in the shape it serves.
//
// What the peer can express, read from its code: records are a JSON array of objects with `_id` (published
// as oai:example.org:<_id>), `datestamp` (YYYY-MM-DDThh:mm:ssZ, compared as text), `set` (setSpecs),
// `status: "deleted"` (a persistent deletion: header only) and Dublin Core fields as arrays of strings.
// Only the sets `texts` and `images` exist (config.yml); asking for another set is badArgument. Records are
// read once at start-up and never change while it runs, so changing the data means restarting it with
// another file (on the same port, so that registered sources keep their URL). Pages hold 100 records and
// list records in file order; responseDate is the real clock; earliestDatestamp is always 2000-01-01.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHARED_DIR } from './shared-dir.js';
import { setTimeout as sleep } from 'node:timers/promises';

export const PEER_DIR = path.join(SHARED_DIR, 'peers', 'oai-catmandu');

/** The setSpecs the peer knows (its config.yml). */
export const PEER_SETS = ['texts', 'images'] as const;
export type PeerSet = (typeof PEER_SETS)[number];

/** Records per ListRecords page (the peer's `limit`). */
export const PEER_PAGE_SIZE = 100;

/** One record as the peer reads it from its JSON file. */
export interface PeerRecord {
  readonly _id: string;
  readonly datestamp: string;
  readonly set: readonly PeerSet[];
  readonly status?: 'deleted';
  readonly title?: readonly string[];
  readonly creator?: readonly string[];
  readonly subject?: readonly string[];
  readonly description?: readonly string[];
  readonly publisher?: readonly string[];
  readonly date?: readonly string[];
  readonly type?: readonly string[];
  readonly format?: readonly string[];
  readonly identifier?: readonly string[];
  readonly language?: readonly string[];
  readonly rights?: readonly string[];
}

/** The OAI identifier the peer publishes for a record. */
export function oaiIdentifier(id: string): string {
  return `oai:example.org:${id}`;
}

export function isDeleted(record: PeerRecord): boolean {
  return record.status === 'deleted';
}

/** A datestamp in the peer's (and OAI-PMH's seconds) granularity. */
export function peerDatestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

// ---------------------------------------------------------------------------------------------------------
// Seeded generation

/** mulberry32: a small, fast, well-spread 32-bit generator; the same seed always gives the same records. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

interface Flavour {
  /** As repositories write it in dc:language: ISO 639-2/B, 639-1 or a BCP 47 tag. */
  readonly language: string;
  readonly subjects: readonly string[];
  readonly title: (subject: string, n: number) => string;
  readonly description: (subject: string) => string;
  readonly creators: readonly string[];
  readonly publisher: string;
}

const FLAVOURS: readonly Flavour[] = [
  {
    language: 'eng',
    subjects: ['Algebra', 'Photosynthesis', 'World history', 'Statistics', 'Poetry'],
    title: (s, n) => `${s} for beginners, unit ${n}: exercises & answers <draft>`,
    description: (s) => `An open course module on ${s.toLowerCase()} with worksheets and a teacher's guide.`,
    creators: ['Smith, Jane', "O'Brien, Liam", 'Okafor, Chiamaka'],
    publisher: 'Open Learning Commons',
  },
  {
    language: 'ger',
    subjects: ['Bruchrechnung', 'Zellbiologie', 'Weimarer Republik', 'Wahrscheinlichkeit'],
    title: (s, n) => `${s} – Arbeitsblatt ${n} für die Sekundarstufe (Größen & Maße)`,
    description: (s) => `Unterrichtsmaterial zum Thema ${s} mit Lösungen und Übungen.`,
    creators: ['Müller, Anna', 'Schröder, Jürgen', 'Weiß, Björn'],
    publisher: 'Landesbildungsserver',
  },
  {
    language: 'fre',
    subjects: ['Équations', 'Changement climatique', 'Révolution française', 'Géométrie'],
    title: (s, n) => `${s} : séquence pédagogique n° ${n} pour l'école élémentaire`,
    description: (s) => `Ressource éducative libre sur « ${s.toLowerCase()} », avec exercices corrigés.`,
    creators: ['Dupont, Jean', 'Lefèvre, Hélène', 'Nguyễn, Thảo'],
    publisher: 'Réseau Canopé',
  },
  {
    language: 'es',
    subjects: ['Fracciones', 'Ecosistemas', 'Historia de España', 'Programación'],
    title: (s, n) => `${s}: lección ${n} del año académico (¿qué aprendemos?)`,
    description: (s) => `Material didáctico abierto sobre ${s.toLowerCase()} para educación secundaria.`,
    creators: ['García Márquez, Lucía', 'Núñez, Íñigo'],
    publisher: 'Procomún',
  },
  {
    language: 'pt-BR',
    subjects: ['Funções', 'Química orgânica', 'Literatura brasileira'],
    title: (s, n) => `${s} – aula ${n}: exercícios e avaliação`,
    description: (s) => `Recurso educacional aberto de ${s.toLowerCase()} com plano de aula.`,
    creators: ['Araújo, João', 'Conceição, Mônica'],
    publisher: 'MEC RED',
  },
  {
    language: 'ara',
    subjects: ['الكيمياء', 'الجبر', 'التاريخ'],
    title: (s, n) => `مقدمة في ${s} – الدرس ${n}`,
    description: (s) => `مورد تعليمي مفتوح في ${s} مع تمارين محلولة.`,
    creators: ['الحسن، فاطمة', 'يوسف، عمر'],
    publisher: 'منصة التعليم المفتوح',
  },
  {
    language: 'zh',
    subjects: ['光合作用', '三角函数', '中国古代史'],
    title: (s, n) => `${s}教案（第${n}课）`,
    description: (s) => `关于${s}的开放教育资源，包含练习和答案。`,
    creators: ['王, 芳', '李, 伟'],
    publisher: '国家教育资源公共服务平台',
  },
  {
    language: 'rus',
    subjects: ['Алгебра', 'Физика', 'История России'],
    title: (s, n) => `${s}: урок ${n} для 7 класса`,
    description: (s) => `Открытый образовательный ресурс по теме «${s}» с заданиями.`,
    creators: ['Иванова, Мария', 'Петров, Сергей'],
    publisher: 'Открытое образование',
  },
];

const LICENCES = [
  'https://creativecommons.org/licenses/by/4.0/',
  'https://creativecommons.org/licenses/by-sa/4.0/',
  'http://creativecommons.org/licenses/by-nc/3.0/igo/',
  'CC0 1.0',
  'CC BY-SA 3.0 DE',
];

const TYPES = ['Text', 'Image', 'InteractiveResource', 'MovingImage', 'Dataset'];
const FORMATS = ['application/pdf', 'text/html', 'image/png', 'video/mp4'];

/** Datestamps are spread uniformly over these years (all well in the past). */
const FIRST_STAMP_MS = Date.UTC(2014, 0, 1);
const LAST_STAMP_MS = Date.UTC(2024, 11, 31, 23, 59, 59);

function setsFor(random: () => number): PeerSet[] {
  const r = random();
  if (r < 0.15) return ['texts', 'images'];
  return r < 0.65 ? ['texts'] : ['images'];
}

function idOf(n: number): string {
  return `oer-${String(n).padStart(5, '0')}`;
}

/** The metadata of one live record (everything except `_id`, `datestamp`, `set`). */
function metadata(random: () => number, n: number): Omit<PeerRecord, '_id' | 'datestamp' | 'set'> {
  const flavour = pick(random, FLAVOURS);
  const subject = pick(random, flavour.subjects);
  const stamp = new Date(FIRST_STAMP_MS + Math.floor(random() * (LAST_STAMP_MS - FIRST_STAMP_MS)));
  return {
    title: [flavour.title(subject, n)],
    creator: [pick(random, flavour.creators)],
    subject: [subject],
    description: [flavour.description(subject)],
    publisher: [flavour.publisher],
    date: [stamp.toISOString().slice(0, 10)],
    type: [pick(random, TYPES)],
    format: [pick(random, FORMATS)],
    identifier: [`https://oer.example.org/resource/${idOf(n)}`],
    language: [flavour.language],
    rights: [pick(random, LICENCES)],
  };
}

export interface GenerateOptions {
  readonly count: number;
  readonly seed: number;
  /** Share of deleted records (tombstones), default 0.05. */
  readonly deletedShare?: number;
}

/**
 * `count` records in the peer's shape, always the same for the same seed: eight languages (with ISO 639-2,
 * 639-1 and BCP 47 codes), sets `texts`/`images` with 15% in both, datestamps over 2014-2024 in random order
 * and about 5% deleted records (header only, like the peer's own sample).
 */
export function generatePeerRecords(options: GenerateOptions): PeerRecord[] {
  const random = seededRandom(options.seed);
  const deletedShare = options.deletedShare ?? 0.05;
  const records: PeerRecord[] = [];
  for (let n = 1; n <= options.count; n += 1) {
    const datestamp = peerDatestamp(
      new Date(FIRST_STAMP_MS + Math.floor(random() * (LAST_STAMP_MS - FIRST_STAMP_MS))),
    );
    const set = setsFor(random);
    if (random() < deletedShare) {
      records.push({ _id: idOf(n), datestamp, set, status: 'deleted' });
    } else {
      records.push({ _id: idOf(n), datestamp, set, ...metadata(random, n) });
    }
  }
  return records;
}

export interface ChangeOptions {
  readonly seed: number;
  readonly add: number;
  readonly modify: number;
  readonly delete: number;
  /** The datestamp every changed record gets (the provider's "now"). */
  readonly at: Date;
}

export interface ChangedRecords {
  readonly records: PeerRecord[];
  readonly added: readonly string[];
  readonly modified: readonly string[];
  readonly deleted: readonly string[];
}

/**
 * What the repository looks like after some work: new records, live records edited (new title, new datestamp)
 * and live records deleted (header only, new datestamp). Edited and deleted records are distinct live ones.
 */
export function changePeerRecords(before: readonly PeerRecord[], options: ChangeOptions): ChangedRecords {
  const random = seededRandom(options.seed);
  const datestamp = peerDatestamp(options.at);
  const live = before.filter((r) => !isDeleted(r)).map((r) => r._id);
  // A seeded shuffle of the live ids; the first ones are edited, the next ones deleted.
  for (let i = live.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = live[i];
    const b = live[j];
    if (a === undefined || b === undefined) continue;
    live[i] = b;
    live[j] = a;
  }
  if (options.modify + options.delete > live.length) throw new RangeError('not enough live records');
  const modified = new Set(live.slice(0, options.modify));
  const deleted = new Set(live.slice(options.modify, options.modify + options.delete));
  const records = before.map((r): PeerRecord => {
    if (modified.has(r._id)) {
      return { ...r, datestamp, title: [`${r.title?.[0] ?? r._id} (revised edition)`] };
    }
    if (deleted.has(r._id)) return { _id: r._id, datestamp, set: r.set, status: 'deleted' };
    return r;
  });
  const added: string[] = [];
  const first = before.length + 1;
  for (let n = first; n < first + options.add; n += 1) {
    const id = idOf(n);
    added.push(id);
    records.push({ _id: id, datestamp, set: setsFor(random), ...metadata(random, n) });
  }
  return { records, added, modified: [...modified], deleted: [...deleted] };
}

// ---------------------------------------------------------------------------------------------------------
// The running peer

export interface CatmanduPeer {
  /** The OAI-PMH base URL, http://127.0.0.1:PORT/oai. */
  readonly url: string;
  readonly port: number;
  /** The records it serves now. */
  readonly records: readonly PeerRecord[];
  /** Stops it and starts it again on the same port serving `records` (the peer reads records only at start). */
  restart(records: readonly PeerRecord[]): Promise<void>;
  /** Stops it and removes its records files. Calling it twice is harmless. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): string;
}

/**
 * A detached shell that stops the peer if this process dies without stopping it (the `exit` handler does
 * not run on SIGKILL); it ends by itself as soon as the peer is gone.
 */
function watchdog(peerPid: number): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${peerPid} 2>/dev/null; do sleep 1; done; kill ${peerPid} 2>/dev/null; exit 0`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore', cwd: tmpdir() }).unref();
}

function spawnPeer(port: number, file: string): Running {
  const child = spawn(path.join(PEER_DIR, 'run.sh'), [String(port), file], {
    cwd: PEER_DIR,
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  if (child.pid !== undefined) watchdog(child.pid);
  return { child, exited, output: () => output };
}

/** Resolves once Identify answers with an Identify element; rejects when the process ends first. */
async function waitUntilReady(running: Running, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void running.exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`the OAI-PMH peer exited before it answered:\n${running.output()}`);
    try {
      const answer = await fetch(`${url}?verb=Identify`, { signal: AbortSignal.timeout(2_000) });
      const body = await answer.text();
      if (answer.status === 200 && body.includes('<Identify>')) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the OAI-PMH peer did not answer Identify within ${timeoutMs} ms:\n${running.output()}`,
      );
    }
    await sleep(100);
  }
}

async function stopRunning(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 5_000);
  await running.exited;
  clearTimeout(timer);
}

/** Starts the peer (run.sh PORT FILE) on a free port of 127.0.0.1 serving `records`. */
export async function startCatmanduPeer(
  initial: readonly PeerRecord[],
  options: { readonly startTimeoutMs?: number } = {},
): Promise<CatmanduPeer> {
  const folder = mkdtempSync(path.join(tmpdir(), 'atlas-catmandu-'));
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let generation = 0;
  let records: readonly PeerRecord[] = initial;
  let running: Running | null = null;
  let port = 0;

  const writeRecords = (list: readonly PeerRecord[]): string => {
    generation += 1;
    const file = path.join(folder, `records-${generation}.json`);
    writeFileSync(file, JSON.stringify(list));
    return file;
  };
  const kill = (): void => {
    running?.child.kill('SIGKILL');
  };
  // Never outlive the test process.
  process.once('exit', kill);

  const launch = async (file: string, fixedPort: number | null): Promise<void> => {
    // A port found free can be taken before the peer binds it; a restart may find its port briefly busy.
    for (let attempt = 1; ; attempt += 1) {
      port = fixedPort ?? (await freePort());
      const url = `http://127.0.0.1:${port}/oai`;
      const candidate = spawnPeer(port, file);
      running = candidate;
      try {
        await waitUntilReady(candidate, url, timeoutMs);
        return;
      } catch (error) {
        await stopRunning(candidate);
        if (attempt >= 5) throw error;
        await sleep(200 * attempt);
      }
    }
  };

  try {
    await launch(writeRecords(records), null);
  } catch (error) {
    process.removeListener('exit', kill);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const fixedPort = port;
  let stopped = false;

  return {
    get url() {
      return `http://127.0.0.1:${fixedPort}/oai`;
    },
    port: fixedPort,
    get records() {
      return records;
    },
    async restart(next) {
      if (stopped) throw new Error('the peer was stopped');
      if (running !== null) await stopRunning(running);
      records = next;
      await launch(writeRecords(next), fixedPort);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (running !== null) await stopRunning(running);
      process.removeListener('exit', kill);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
