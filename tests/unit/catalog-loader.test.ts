import { describe, expect, it } from 'vitest';
import { CHUNK, readMeta, type CatalogDb, type Slot } from '@/lib/db/catalog-db';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { resumeLoad, startLoad, type LoadOptions } from '@/lib/db/catalog-loader';
import { getCatalogStatus } from '@/lib/db/catalog-status';
import { lookupPaper } from '@/lib/db/lookup';
import { catalogText, freshDb, gzip, makePaper, papers } from './catalog-fixture';

async function loadText(db: CatalogDb, text: string | Uint8Array, options: LoadOptions = {}) {
  const fileId = await stageCatalogFile(new Blob([text as BlobPart]), db);
  return startLoad(db, { kind: 'file', fileId }, options);
}

/** The ids stored in a slot's chunks, in catalog order. */
async function storedIds(db: CatalogDb, slot: Slot): Promise<string[]> {
  const chunks = await db.chunks(slot).toArray();
  return chunks.flatMap((c) =>
    c.lines.split('\n').map((l) => (JSON.parse(l) as { id: string }).id),
  );
}

/** Papers stored per slot; a slot holding papers also holds its index once it is loaded. */
async function slotCounts(db: CatalogDb) {
  return [(await storedIds(db, 0)).length, (await storedIds(db, 1)).length];
}

/** Stops a load right after its `n`th batch committed, as a dying worker would. */
function abortAfterBatches(db: CatalogDb, controller: AbortController, n: number) {
  let batches = 0;
  db.meta.hook('updating', (_changes, key) => {
    if (key === 'job' && ++batches === n) controller.abort();
  });
}

describe('catalog loader', () => {
  it('loads a gzip catalog into a slot and makes it active', async () => {
    const db = freshDb();
    const outcome = await loadText(db, gzip(catalogText(papers(5000))));
    expect(outcome).toMatchObject({ status: 'loaded', active: { count: 5000, version: 'v1' } });
    expect(await slotCounts(db)).toEqual([5000, 0]);
    expect(await storedIds(db, 0)).toEqual(papers(5000).map((p) => p.id));
    expect((await db.indexes.get(0))?.count).toBe(5000);
    // Key parts only serve to build the index; the switch leaves none behind.
    expect((await db.parts0.count()) + (await db.parts1.count())).toBe(0);
    const status = await getCatalogStatus(db);
    expect(status).toMatchObject({ active: { count: 5000, source: 'catalog file' }, job: null });
    expect(status.lastError).toBeNull();
    expect(await db.files.count()).toBe(0);
  });

  it('loading the same file again duplicates nothing and leaves one slot filled', async () => {
    const db = freshDb();
    await loadText(db, catalogText(papers(3000)));
    await loadText(db, catalogText(papers(3000)));
    expect(await slotCounts(db)).toEqual([0, 3000]);
    expect(await db.indexes.toCollection().primaryKeys()).toEqual([1]);
    expect((await readMeta(db)).active).toMatchObject({ slot: 1, count: 3000 });
  });

  it('a malformed file leaves the active catalog intact and says which line is wrong', async () => {
    const db = freshDb();
    await loadText(db, catalogText(papers(10)));
    const bad: unknown[] = papers(4000, 100);
    const { title: _title, ...noTitle } = makePaper(3135);
    bad[3035] = noTitle;
    const outcome = await loadText(db, catalogText(bad), { batchSize: 500 });
    expect(outcome).toEqual({
      status: 'failed',
      error: expect.stringMatching(/^Line 3037 \(id 2401\.13135\): title: /),
    });
    expect(await slotCounts(db)).toEqual([10, 0]);
    expect(await db.parts1.count()).toBe(0);
    const status = await getCatalogStatus(db);
    expect(status).toMatchObject({ active: { count: 10 }, job: null });
    expect(status.lastError).toBe(outcome.status === 'failed' ? outcome.error : '');
    expect(await lookupPaper(db, '2401.10003')).not.toBeNull();
    expect(await db.files.count()).toBe(0);
  });

  it('a bad header fails before anything is touched', async () => {
    const db = freshDb();
    await loadText(db, catalogText(papers(10)));
    const outcome = await loadText(db, '{"format":"bibtex"}\n{"id":1}\n');
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Line 1:/) });
    expect(await slotCounts(db)).toEqual([10, 0]);
  });

  it('an id repeated across a resume is caught when the index is built, with both lines', async () => {
    const db = freshDb();
    const list = [...papers(3000), makePaper(10)];
    const controller = new AbortController();
    const fileId = await stageCatalogFile(new Blob([catalogText(list)]), db);
    abortAfterBatches(db, controller, 1);
    const run = startLoad(
      db,
      { kind: 'file', fileId },
      { batchSize: 1000, signal: controller.signal },
    );
    await expect(run).rejects.toThrow();
    // The first copy was committed before the stop, so the resumed reader never sees it.
    expect((await readMeta(db)).job?.done).toBe(Math.ceil(1000 / CHUNK) * CHUNK);
    const outcome = await resumeLoad(db, { batchSize: 1000 });
    expect(outcome).toEqual({
      status: 'failed',
      error: 'Duplicate id 2401.10010 on lines 12 and 3002: every paper needs its own id.',
    });
    expect((await readMeta(db)).active).toBeNull();
    expect(await slotCounts(db)).toEqual([0, 0]);
  });

  it('refuses a catalog larger than the layout holds before loading anything', async () => {
    const db = freshDb();
    await loadText(db, catalogText(papers(10)));
    const text = catalogText([]).replace('"count":0', '"count":3000000');
    const outcome = await loadText(db, text);
    expect(outcome).toEqual({
      status: 'failed',
      error: 'The catalog lists 3,000,000 papers; PaperPeek holds at most 2,097,152.',
    });
    expect(await slotCounts(db)).toEqual([10, 0]);
    expect((await readMeta(db)).active).toMatchObject({ count: 10 });
  });

  it('resumes an interrupted load: exact count, nothing twice, old catalog served meanwhile', async () => {
    const db = freshDb();
    const old = await loadText(db, catalogText(papers(50, 80000), { version: 'old' }));
    expect(old.status).toBe('loaded');
    const total = 12_345;
    const controller = new AbortController();
    const first = loadText(db, gzip(catalogText(papers(total), { version: 'new' })), {
      batchSize: 1000,
      signal: controller.signal,
    });
    abortAfterBatches(db, controller, 4);
    await expect(first).rejects.toThrow();
    const interrupted = await readMeta(db);
    expect(interrupted.job).toMatchObject({ version: 'new', total });
    expect(interrupted.job!.done).toBeGreaterThan(0);
    expect(interrupted.job!.done).toBeLessThan(total);
    expect((await storedIds(db, interrupted.job!.slot)).length).toBe(interrupted.job!.done);
    expect(await db.parts(interrupted.job!.slot).count()).toBe(4);
    // Mid-load, lookups answer from the old catalog only.
    expect(await lookupPaper(db, '2401.10001')).toBeNull();
    expect((await lookupPaper(db, '2401.90001'))?.paper.id).toBe('2401.90001');
    expect((await getCatalogStatus(db)).job).toMatchObject({ done: interrupted.job!.done, total });

    const outcome = await resumeLoad(db, { batchSize: 1000 });
    expect(outcome).toMatchObject({ status: 'loaded', active: { version: 'new', count: total } });
    expect(await slotCounts(db)).toEqual([0, total]);
    expect(await storedIds(db, 1)).toEqual(papers(total).map((p) => p.id));
    expect(await lookupPaper(db, '2401.90001')).toBeNull();
    expect((await lookupPaper(db, '2401.10001'))?.paper.id).toBe('2401.10001');
  });

  it('a resume of a file whose version changed fails cleanly', async () => {
    const db = freshDb();
    const controller = new AbortController();
    const fileId = await stageCatalogFile(new Blob([catalogText(papers(3000))]), db);
    const run = startLoad(
      db,
      { kind: 'file', fileId },
      {
        batchSize: 1000,
        signal: controller.signal,
        onStarted: () => setTimeout(() => controller.abort(), 0),
      },
    );
    await expect(run).rejects.toThrow();
    await db.files.update(fileId, { blob: new Blob([catalogText(papers(10), { version: 'v2' })]) });
    const outcome = await resumeLoad(db);
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/changed/) });
    expect(await slotCounts(db)).toEqual([0, 0]);
  });

  it('a new load is refused while a job is recorded', async () => {
    const db = freshDb();
    const controller = new AbortController();
    const run = loadText(db, catalogText(papers(3000)), {
      batchSize: 1000,
      signal: controller.signal,
      onStarted: () => setTimeout(() => controller.abort(), 0),
    });
    await expect(run).rejects.toThrow();
    await expect(loadText(db, catalogText(papers(5)))).rejects.toThrow(/already running/);
  });

  it('clears a slot left behind when the worker died right after the switch', async () => {
    const db = freshDb();
    await loadText(db, catalogText(papers(20)));
    const left = papers(5, 500).map((p) => JSON.stringify(p));
    await db.chunks1.put({ n: 0, lines: left.join('\n') });
    await db.parts1.put({ start: 0, ...emptyKeys() });
    await db.parts0.put({ start: 0, ...emptyKeys() });
    await db.indexes.put({ ...(await db.indexes.get(0))!, slot: 1 });
    expect(await resumeLoad(db)).toBeNull();
    expect(await slotCounts(db)).toEqual([20, 0]);
    expect(await db.indexes.toCollection().primaryKeys()).toEqual([0]);
    expect((await db.parts0.count()) + (await db.parts1.count())).toBe(0);
    expect((await lookupPaper(db, '2401.10003'))?.paper.id).toBe('2401.10003');
  });
});

function emptyKeys() {
  return {
    ids: [],
    titleHash: new Float64Array(0),
    doiHash: new Float64Array(0),
    doiPos: new Uint32Array(0),
  };
}
