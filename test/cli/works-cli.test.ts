// `oer-atlas works` as a curator meets it, on a real SQLite file: two imports of real DSpace OAI-PMH responses
// of the shared corpus (a full ListRecords and two GetRecord answers about records it also holds) become two
// sources; the grouping run after each import puts each shared record into one work, which `works --json` lists
// with its members' source record ids and the reasons; join, split and undo with good and bad references. Then
// two imports of AMB records written here: a translation and an adaptation stay works of their own, which
// `works --linked` lists with the link and its reason.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CORPUS_DIR } from '../formats/corpus.js';
import { runInProcess, type CliResult } from '../support/cli-harness.js';

interface Ref {
  readonly sourceId: string;
  readonly sourceRecordId: string;
}
interface Link {
  readonly a: Ref;
  readonly b: Ref;
  readonly relation: string;
  readonly score: number;
  readonly reason: string;
}
interface ListedWork {
  readonly workId: string;
  readonly members: readonly { readonly ref: Ref; readonly name: string | null }[];
  readonly links: readonly Link[];
  readonly decisions: readonly { readonly id: string; readonly action: string }[];
}

const FEED_FILES = [
  'dspace-erasmus-2003_ListRecords_oai_dc.xml',
  'dspace-erasmus-2004_ListRecords_oai_dc_large.xml',
];
const PICKED_FILES = ['dspace-erasmus-2003_GetRecord_oai_dc.xml', 'dspace-erasmus-2004_GetRecord_oai_dc.xml'];
/** The OAI identifiers of the two GetRecord answers; the ListRecords responses hold both records too. */
const SHARED = ['hdl:1765/315', 'hdl:1765/1162'];

function parse(result: CliResult): unknown {
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe('oer-atlas works on two imports that share records', () => {
  let dir: string;
  let run: (args: readonly string[]) => Promise<CliResult>;
  let feed: string;
  let picked: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-works-cli-'));
    const copy = (folder: string, files: readonly string[]): string => {
      const target = path.join(dir, folder);
      mkdirSync(target);
      for (const file of files) copyFileSync(path.join(CORPUS_DIR, 'oai-pmh', file), path.join(target, file));
      return target;
    };
    const env = { ATLAS_DATA_DIR: path.join(dir, 'data') };
    mkdirSync(env.ATLAS_DATA_DIR);
    run = (args) => runInProcess(args, { env });
    const imported = async (folder: string): Promise<string> => {
      const report = parse(await run(['import', folder, '--json'])) as {
        source: { id: string };
        run: { status: string; report: Record<string, unknown> };
      };
      assert.equal(report.run.status, 'succeeded');
      assert.equal(report.run.report.afterRunError, undefined, 'the grouping after the import did not fail');
      return report.source.id;
    };
    feed = await imported(copy('erasmus-feed', FEED_FILES));
    picked = await imported(copy('erasmus-picks', PICKED_FILES));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function listed(): Promise<ListedWork[]> {
    const out = parse(await run(['works', '--json'])) as { works: ListedWork[]; next: string | null };
    return out.works;
  }

  function workHolding(
    works: readonly ListedWork[],
    sourceId: string,
    recordId: string,
  ): ListedWork | undefined {
    return works.find((w) =>
      w.members.some((m) => m.ref.sourceId === sourceId && m.ref.sourceRecordId === recordId),
    );
  }

  it('lists each shared record as one work of both sources, with the reason, right after the imports', async () => {
    const works = await listed();
    for (const id of SHARED) {
      const work = workHolding(works, picked, id);
      assert.ok(work !== undefined, `${id} is in a listed work`);
      assert.deepEqual(
        work.members.map((m) => `${m.ref.sourceId} ${m.ref.sourceRecordId}`).sort(),
        [`${feed} ${id}`, `${picked} ${id}`].sort(),
      );
      const [link] = work.links.filter((l) => l.relation === 'same');
      assert.ok(link !== undefined);
      assert.match(link.reason, new RegExp(`same HANDLE ${id.replace('hdl:', '')}`));
      assert.ok(work.members.every((m) => m.name !== null && m.name.length > 0));
    }
    // Only records of the imports, each in at most one listed work.
    const members = works.flatMap((w) => w.members.map((m) => `${m.ref.sourceId} ${m.ref.sourceRecordId}`));
    assert.equal(new Set(members).size, members.length);
    assert.ok(members.every((m) => m.startsWith(`${feed} `) || m.startsWith(`${picked} `)));

    const text = await run(['works']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`same: .*${SHARED[0] ?? ''}.*same HANDLE`));
    const bySource = parse(await run(['works', 'list', '--source', picked, '--json'])) as {
      works: ListedWork[];
    };
    assert.deepEqual(
      bySource.works.map((w) => w.workId).sort(),
      SHARED.map((id) => workHolding(works, picked, id)?.workId).sort(),
    );
  });

  it('groups nothing twice, and regroups everything to the same works with --all', async () => {
    const before = await listed();
    const pending = parse(await run(['works', 'group', '--json'])) as { processed: number };
    assert.equal(pending.processed, 0);
    const all = parse(await run(['works', 'group', '--all', '--json'])) as {
      processed: number;
      regrouped: number;
      compared: number;
    };
    assert.ok(all.processed >= 90, `records regrouped: ${all.processed}`);
    assert.ok(all.compared > 0);
    assert.equal(all.regrouped, 0);
    assert.deepEqual(await listed(), before);
    const one = parse(await run(['works', 'group', '--all', '--source', picked, '--json'])) as {
      processed: number;
    };
    assert.equal(one.processed, 2);
    const text = await run(['works', 'group']);
    assert.match(text.stdout, /^0 records grouped/);
  });

  it('splits two records, joins them back by undoing, and says which works they are in', async () => {
    const [id] = SHARED;
    assert.ok(id !== undefined);
    const a = `${feed}:${id}`;
    const b = `${picked}:${id}`;
    const split = await run(['works', 'split', a, b, '--note', 'checking the editions']);
    assert.equal(split.code, 0, split.stderr);
    const decisionId = /^Decision (dec_\w+): split /.exec(split.stdout)?.[1];
    assert.ok(decisionId !== undefined, split.stdout);
    assert.match(split.stdout, /works w_\w+ and w_\w+/);
    assert.equal(workHolding(await listed(), picked, id), undefined, 'no longer one work');

    const undo = await run(['works', 'undo', decisionId]);
    assert.equal(undo.code, 0, undo.stderr);
    assert.equal(workHolding(await listed(), picked, id)?.members.length, 2);

    const joined = parse(await run(['works', 'join', a, `${picked}:${SHARED[1] ?? ''}`, '--json'])) as {
      decision: { id: string; action: string };
      effective: boolean;
      workIds: string[];
    };
    assert.equal(joined.decision.action, 'join');
    assert.equal(joined.effective, true);
    assert.equal(joined.workIds[0], joined.workIds[1]);
    const work = workHolding(await listed(), picked, id);
    assert.equal(work?.members.length, 4, 'the two works became one');
    assert.deepEqual(
      work.decisions.map((d) => d.id),
      [joined.decision.id],
    );
    assert.equal((await run(['works', 'undo', joined.decision.id])).code, 0);
    assert.equal(workHolding(await listed(), picked, id)?.members.length, 2);
  });

  it('refuses bad references with a clear message and exit code', async () => {
    const [id] = SHARED;
    const good = `${feed}:${id ?? ''}`;

    const malformed = await run(['works', 'join', 'no-colon-here', good]);
    assert.equal(malformed.code, 2);
    assert.match(
      malformed.stderr,
      /"no-colon-here" is not a record reference; write SOURCE_ID:SOURCE_RECORD_ID/,
    );

    const unknown = await run(['works', 'split', good, `${picked}:hdl:1765/999999`]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, new RegExp(`There is no record ${picked}:hdl:1765/999999`));

    const unknownSource = await run(['works', 'join', 'src_nothere:x', good, '--json']);
    assert.equal(unknownSource.code, 1);
    assert.equal(
      (JSON.parse(unknownSource.stdout) as { error: { code: string } }).error.code,
      'not_found',
      'the JSON error names the code',
    );

    const itself = await run(['works', 'split', good, good]);
    assert.equal(itself.code, 2);
    assert.match(itself.stderr, /cannot be joined with or split from itself/);

    const noDecision = await run(['works', 'undo', 'dec_doesnotexist']);
    assert.equal(noDecision.code, 1);
    assert.match(noDecision.stderr, /There is no decision dec_doesnotexist/);

    const sourceWithoutAll = await run(['works', 'group', '--source', feed]);
    assert.equal(sourceWithoutAll.code, 2);
    assert.match(sourceWithoutAll.stderr, /--source only goes with --all/);

    const badLimit = await run(['works', 'list', '--limit', '0']);
    assert.equal(badLimit.code, 2);

    // Nothing was decided by the refused commands.
    assert.ok((await listed()).every((w) => w.decisions.length === 0));
  });
});

describe('oer-atlas works --linked on a translation and an adaptation', () => {
  let dir: string;
  let run: (args: readonly string[]) => Promise<CliResult>;

  const amb = (id: string, fields: Record<string, unknown>): string =>
    JSON.stringify({
      '@context': 'https://w3id.org/kim/amb/context.jsonld',
      id,
      type: ['LearningResource'],
      license: { id: 'https://creativecommons.org/licenses/by/4.0/' },
      ...fields,
    });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-works-linked-'));
    const env = { ATLAS_DATA_DIR: path.join(dir, 'data') };
    mkdirSync(env.ATLAS_DATA_DIR);
    run = (args) => runInProcess(args, { env });
    const originals = path.join(dir, 'originals.ndjson');
    writeFileSync(
      originals,
      [
        amb('https://oer.example.org/photosynthesis', {
          name: 'Introduction to Photosynthesis',
          description:
            'How plants turn light into chemical energy: chlorophyll, light reactions, Calvin cycle.',
          inLanguage: ['en'],
          creator: [{ type: 'Person', name: 'Maria Lopez' }],
        }),
        amb('https://econ.example.org/principles', {
          name: 'Principles of Economics',
          description: 'A comprehensive introductory economics textbook.',
          inLanguage: ['en'],
          creator: [{ type: 'Person', name: 'Tim Carter' }],
        }),
      ].join('\n'),
    );
    const derived = path.join(dir, 'derived.ndjson');
    writeFileSync(
      derived,
      [
        amb('https://oer.example.org/es/fotosintesis', {
          name: 'Introducción a la fotosíntesis',
          description: 'Cómo las plantas convierten la luz en energía química.',
          inLanguage: ['es'],
          translationOfWork: { id: 'https://oer.example.org/photosynthesis' },
        }),
        amb('https://online.example.edu/econ-remix', {
          name: 'Principles of Economics - Remix for Online Learners',
          description: 'Remix of Principles of Economics by Tim Carter with new videos and exercises.',
          inLanguage: ['en'],
          creator: [{ type: 'Organization', name: 'Online Learning Team' }],
        }),
      ].join('\n'),
    );
    for (const file of [originals, derived]) {
      const result = await run(['import', file, '--json']);
      assert.equal(result.code, 0, result.stderr);
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps them out of the works of two records, and lists them with their links when asked', async () => {
    const grouped = parse(await run(['works', '--json'])) as { works: ListedWork[] };
    assert.deepEqual(grouped.works, [], 'no translation or adaptation is merged with its original');
    const linked = (parse(await run(['works', '--linked', '--json'])) as { works: ListedWork[] }).works;
    assert.equal(linked.length, 4);
    for (const work of linked) assert.equal(work.members.length, 1);
    const relations = new Map<string, string>();
    for (const work of linked) {
      for (const link of work.links)
        relations.set(`${link.a.sourceRecordId} ${link.b.sourceRecordId}`, link.relation);
    }
    const relationOf = (x: string, y: string): string | undefined =>
      relations.get(`${x} ${y}`) ?? relations.get(`${y} ${x}`);
    assert.equal(
      relationOf('https://oer.example.org/es/fotosintesis', 'https://oer.example.org/photosynthesis'),
      'translation',
    );
    assert.equal(
      relationOf('https://online.example.edu/econ-remix', 'https://econ.example.org/principles'),
      'adaptation',
    );
    const text = await run(['works', '--linked']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /\(1 record\)/);
    assert.match(text.stdout, /adaptation: .* says it is adapted from the other/);
    const none = await run(['works']);
    assert.match(none.stdout, /No works with more than one record\./);
  });
});
