import { describe, expect, it, vi } from 'vitest';
import type { Paper } from '@/lib/catalog/schema';
import { CatalogDb } from '@/lib/db/catalog-db';
import { upsertPapers } from '@/lib/db/catalog-upsert';
import { rebuildSearchIndex } from '@/lib/search/rebuild';
import type { ChampionRecord, SearchRecord, StatsRecord } from '@/lib/search/records';
import { searchCatalog, SearchUnavailableError } from '@/lib/search/search';
import { SegmentBuilder } from '@/lib/search/segment-builder';
import { tailSearchRecords } from '@/lib/search/tail-writer';
import { forEachPosting } from '@/lib/search/varint';
import { makePaper, papers } from './catalog-fixture';
import { loadPapers, relevanceSet } from '../fixtures/search/load';
import { appendTail, bundledPapers } from '../fixtures/search/tail';

/**
 * Papers appended after the base catalog (the tail, lib/search/tail-writer.ts) are found as if
 * the catalog had been loaded with them; superseded and withdrawn positions never show.
 */

const SEGMENT = 64;
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);
const code = (url: string) => [{ url, kind: 'repository' as const, official: true }];

/** Every search record of the active slot, the stats' batch stamp left out. */
async function records(db: CatalogDb, slot: 0 | 1 = 0) {
  const all = await db.search(slot).toArray();
  return all
    .map((r: SearchRecord) =>
      r.k === 's' && (r as StatsRecord).tail
        ? { ...r, tail: { ...(r as StatsRecord).tail!, stamp: '' } }
        : r,
    )
    .sort((a, b) => (a.k < b.k ? -1 : 1));
}

async function appendInBatches(db: CatalogDb, list: Paper[], size: number) {
  for (let i = 0; i < list.length; i += size) await appendTail(db, list.slice(i, i + size));
}

describe('a segment built as papers arrive', { timeout: 60_000 }, () => {
  it('hands over, after more papers, just the records that changed', () => {
    // 17,000 papers: `synthet` and `attent` spill into two pieces of postings.
    // Shorter titles among the later papers: they outrank earlier ones among the champions.
    const all = papers(17_000).map((p, i) =>
      i >= 16_500 && i % 2 === 0 ? makePaper(i, { title: `Synthetic Attention ${i}` }) : p,
    );
    // Typed arrays compared as bytes: deep equality of a segment's records is slow.
    const text = (r: SearchRecord) =>
      JSON.stringify(r, (_k, v: unknown) =>
        ArrayBuffer.isView(v)
          ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
          : v,
      );
    const byKey = (list: SearchRecord[]) => new Map(list.map((r) => [r.k, text(r)]));
    const growing = new SegmentBuilder(0, 65_536);
    all.slice(0, 16_500).forEach((p, i) => growing.add(i, p));
    const stored = byKey(growing.records());
    all.slice(16_500).forEach((p, i) => growing.add(16_500 + i, p));
    const changed = growing.records(16_500);
    const whole = new SegmentBuilder(0, 65_536);
    all.forEach((p, i) => whole.add(i, p));
    const expected = byKey(whole.records());
    expect(expected.has('p:000:synthet:1')).toBe(true);
    // The first pieces of a long list and the blocks of earlier papers are not written again.
    const keys = changed.map((r) => r.k);
    expect(keys).not.toContain('p:000:synthet:0');
    expect(keys).not.toContain('d:000000');
    expect(keys.length).toBeLessThan(expected.size / 2);
    for (const r of changed) stored.set(r.k, text(r));
    expect(stored).toEqual(expected);
    // And all of them again when asked.
    expect(byKey(growing.records())).toEqual(expected);
    // A builder that never handed over its first papers' records (read back from the chunks)
    // hands over the same.
    const reopened = new SegmentBuilder(0, 65_536);
    all.forEach((p, i) => reopened.add(i, p));
    expect(reopened.records(16_500).map(text)).toEqual(changed.map(text));
  });
});

describe('search over papers appended after the base catalog', { timeout: 60_000 }, () => {
  it('answers the relevance queries as the same papers loaded in one catalog', async () => {
    const all = bundledPapers();
    expect(all.length).toBeGreaterThan(80);
    const whole = await loadPapers(all, { segment: SEGMENT });
    // 20 base papers, a gap to 64, then the rest in batches of 10: tail segments 1 and 2.
    const db = await loadPapers(all.slice(0, 20), { segment: SEGMENT });
    await appendInBatches(db, all.slice(20), 10);
    const stats = (await db.search(0).get('s')) as StatsRecord;
    expect(stats).toMatchObject({ count: 64 + all.length - 20, segments: 3 });
    expect(stats.tail).toMatchObject({ count: 20, base: 64, live: all.length });

    for (const q of relevanceSet()) {
      const [split, reference] = await Promise.all([
        searchCatalog(q.query, { limit: 3 }, db),
        searchCatalog(q.query, { limit: 3 }, whole),
      ]);
      expect(ids(split.hits), q.query).toEqual(ids(reference.hits));
      // idf counts the papers, not the positions (the gap before the tail holds none).
      expect(split.hits.map((h) => h.score)).toEqual(reference.hits.map((h) => h.score));
    }
    // The empty query lists every paper once, base first, and skips the gap.
    const listed = await searchCatalog('', { limit: 200 }, db);
    expect(ids(listed.hits)).toEqual(all.map((p) => p.id));
    expect(listed.total).toBe(all.length);
  });

  it('writes the records a load of all the papers writes, champion lists included', async () => {
    // A base of exactly one segment: the tail starts right after it, at the positions a load of
    // all the papers gives them. Segments of 1,024 make common words spill (champion lists);
    // shorter titles in the tail outrank base papers there.
    const all = papers(1024 + 1424).map((p, i) =>
      i >= 1024 && i % 3 === 0 ? makePaper(i, { title: `Synthetic Attention ${i}` }) : p,
    );
    const whole = await loadPapers(all, { segment: 1024 });
    const db = await loadPapers(all.slice(0, 1024), { segment: 1024 });
    await appendInBatches(db, all.slice(1024), 150);
    const own = (r: { k: string }) => !['s', 'x', 'h:base'].includes(r.k) && !r.k.startsWith('q:');
    const expected = (await records(whole)).filter(own);
    const champions: number[] = [];
    const list = expected.find((r) => r.k === 'c:synthet') as ChampionRecord;
    forEachPosting(list.data, (p) => champions.push(p));
    expect(champions.some((p) => p < 1024)).toBe(true);
    expect(champions.some((p) => p >= 2048)).toBe(true);
    expect((await records(db)).filter(own)).toEqual(expected);
  });

  it('writes, batch by batch, the records a rebuild writes, and a rebuild keeps the tail', async () => {
    const base = papers(100);
    const tail = papers(150, 1000);
    const db = await loadPapers(base, { segment: SEGMENT });
    // Batches of 37 across the tail's segments (128-191, 192-255, 256-277), one withdrawal.
    await appendInBatches(db, tail.slice(0, 74), 37);
    await appendTail(db, tail.slice(74, 111), [3]);
    await appendTail(db, tail.slice(111));
    const written = await records(db);
    expect(written.some((r) => r.k === 'b:004:syn')).toBe(true);

    // An index of an older format: dropped; a batch meanwhile writes only its dead positions.
    await db.search(0).put({ ...((await db.search(0).get('s')) as StatsRecord), format: 2 });
    const late = makePaper(5000, { title: 'Holographic Tensor Sketches' });
    const out = await tailSearchRecords(db, {
      slot: 0,
      count: 100,
      tailBase: 128,
      end: 278,
      papers: [late],
      dead: Uint32Array.of(3),
    });
    expect(out.map((r) => r.k)).toEqual(['x']);
    await appendTail(db, [late]);
    await expect(searchCatalog('holographic', {}, db)).rejects.toBeInstanceOf(
      SearchUnavailableError,
    );
    expect(await rebuildSearchIndex(db, SEGMENT)).toBe(true);
    expect(ids((await searchCatalog('holographic', {}, db)).hits)).toEqual([late.id]);
    expect(ids((await searchCatalog('"Study Number 1149 of"', {}, db)).hits)).toEqual([
      tail[149]!.id,
    ]);
    expect((await searchCatalog('', { limit: 1 }, db)).total).toBe(100 - 1 + 150 + 1);

    // The same papers appended to a fresh load, batch by batch: the same records.
    const again = await loadPapers(base, { segment: SEGMENT });
    await appendInBatches(again, tail.slice(0, 74), 37);
    await appendTail(again, tail.slice(74, 111), [3]);
    await appendTail(again, tail.slice(111));
    expect(await records(again)).toEqual(written);
    await appendTail(again, [late]);
    expect(await records(again)).toEqual(await records(db));
    expect(await rebuildSearchIndex(db, SEGMENT)).toBe(false);
  });

  it('shows a superseded paper once, with its new content', async () => {
    const old = makePaper(7, {
      title: 'Quokka Networks for Tabular Data',
      abstract: 'An early draft.',
      published: '2023-03-01',
    });
    const base = papers(100).map((p, i) => (i === 7 ? old : p));
    const db = await loadPapers(base, { segment: SEGMENT });
    expect(ids((await searchCatalog('quokka', {}, db)).hits)).toEqual([old.id]);

    // The new version moves to the tail (position 128); its base position goes dead.
    const v2 = {
      ...old,
      title: 'Quokka Networks for Tabular Learning',
      code: code('https://github.com/q/quokka'),
    };
    const [at] = await appendTail(db, [v2], [7]);
    expect(at).toBe(128);
    const found = await searchCatalog('quokka', {}, db);
    expect(found.hits).toHaveLength(1);
    expect(found.hits[0]).toMatchObject({ id: old.id, title: v2.title, hasCode: true });
    expect((await searchCatalog('tabular data', {}, db)).hits.map((h) => h.title)).toEqual([
      v2.title,
    ]);
    expect((await searchCatalog(old.id, {}, db)).hits).toMatchObject([{ title: v2.title }]);
    const withCode = await searchCatalog('', { filters: { hasCode: true } }, db);
    expect(ids(withCode.hits)).toEqual([old.id]);
    const saved = await searchCatalog('', { filters: { ids: new Set([old.id]) } }, db);
    expect(saved.hits).toMatchObject([{ title: v2.title }]);
    const listed = await searchCatalog('', { limit: 200 }, db);
    expect(ids(listed.hits).filter((id) => id === old.id)).toHaveLength(1);
    expect(listed.total).toBe(100);

    // Superseded again, from the tail: still one hit, the newest.
    const v3 = { ...v2, title: 'Quokka Networks Revisited' };
    await appendTail(db, [v3], [128]);
    expect((await searchCatalog('quokka', {}, db)).hits).toMatchObject([{ title: v3.title }]);
    expect((await searchCatalog('', { limit: 200 }, db)).total).toBe(100);
  });

  it('never shows a withdrawn paper: ranked, listed, filtered or pasted', async () => {
    const gone = makePaper(42, {
      title: 'Zeppelin Routing in Sparse Meshes',
      published: '2021-05-01',
      code: code('https://github.com/z/zeppelin'),
    });
    const fresh = makePaper(900, { title: 'Zeppelin Routing Reloaded', published: '2021-06-01' });
    const base = papers(100).map((p, i) => (i === 42 ? gone : p));
    const db = await loadPapers(base, { segment: SEGMENT });
    const [freshAt] = await appendTail(db, [fresh]);
    expect(ids((await searchCatalog('zeppelin', {}, db)).hits)).toEqual([gone.id, fresh.id]);

    await appendTail(db, [], [42]);
    expect(ids((await searchCatalog('zeppelin', {}, db)).hits)).toEqual([fresh.id]);
    expect((await searchCatalog('zeppelin', {}, db)).total).toBe(1);
    expect((await searchCatalog(gone.id, {}, db)).hits).toEqual([]);
    const listed = await searchCatalog('', { limit: 200 }, db);
    expect(ids(listed.hits)).not.toContain(gone.id);
    expect(listed.total).toBe(100);
    const filters = [
      { hasCode: true },
      { yearFrom: 2021, yearTo: 2021 },
      { ids: new Set([gone.id, fresh.id]) },
    ];
    for (const f of filters) {
      const hits = ids((await searchCatalog('', { filters: f }, db)).hits);
      expect(hits, JSON.stringify(f)).not.toContain(gone.id);
    }
    expect(ids((await searchCatalog('', { filters: filters[1] }, db)).hits)).toEqual([fresh.id]);

    // Withdrawn from the tail too.
    await appendTail(db, [], [freshAt!]);
    expect((await searchCatalog('zeppelin', {}, db)).hits).toEqual([]);
    expect((await searchCatalog('', { limit: 200 }, db)).total).toBe(99);
  });

  it('keeps withdrawn papers out of stored answers and shows superseded ones as they are now', async () => {
    // As in search-short-answers.test.ts: `sy` has a stored answer over this many papers.
    const base = papers(2100);
    const db = await loadPapers(base, { segment: 1024 });
    const before = await searchCatalog('sy', { limit: 10 }, db);
    const [first, second] = before.hits;
    const at = (id: string) => base.findIndex((p) => p.id === id);
    const renamed = { ...base[at(second!.id)]!, title: 'Synthetic Study Renamed' };
    await appendTail(db, [renamed], [at(first!.id), at(second!.id)]);

    const table = db.search(0);
    const read = vi.spyOn(table, 'bulkGet');
    const after = await searchCatalog('sy', { limit: 10 }, db);
    expect(read.mock.calls.flatMap(([keys]) => keys as string[])).toContain('q:sy');
    expect(ids(after.hits)).not.toContain(first!.id);
    expect(after.hits.find((h) => h.id === second!.id)?.title).toBe('Synthetic Study Renamed');
    expect(after.hits.filter((h) => h.id === second!.id)).toHaveLength(1);
    expect(after.total).toBe(before.total - 1);
    // The popup's 50: one hit short once the withdrawn one is out, so ranked live instead.
    const full = await searchCatalog('sy', { limit: 50 }, db);
    expect(full.hits).toHaveLength(50);
    expect(ids(full.hits)).not.toContain(first!.id);
    expect(full.hits.filter((h) => h.id === second!.id)).toHaveLength(1);
  });

  it('leaves no trace of a batch whose transaction failed', async () => {
    const db = await loadPapers(papers(100), { segment: SEGMENT });
    await appendTail(db, papers(10, 500));
    const lost = makePaper(900, { title: 'Vanishing Gradient Ledger' });
    // Records computed for a batch that never commits (a full disk, say).
    await tailSearchRecords(db, {
      slot: 0,
      count: 100,
      tailBase: 128,
      end: 138,
      papers: [lost],
      dead: new Uint32Array(0),
    });
    // Meanwhile another page (its own connection) stores a batch at the same position.
    const kept = makePaper(901, { title: 'Persistent Gradient Ledger' });
    const other = new CatalogDb(db.name);
    expect(await appendTail(other, [kept])).toEqual([138]);
    other.close();
    const next = makePaper(902, { title: 'Gradient Ledger Two' });
    expect(await appendTail(db, [next])).toEqual([139]);
    expect(ids((await searchCatalog('ledger', {}, db)).hits).sort()).toEqual([kept.id, next.id]);
    expect(ids((await searchCatalog('vanishing', {}, db)).hits)).toEqual([]);
    const reference = await loadPapers(papers(100), { segment: SEGMENT });
    await appendTail(reference, papers(10, 500));
    await appendTail(reference, [kept]);
    await appendTail(reference, [next]);
    expect(await records(db)).toEqual(await records(reference));
  });

  it('finds what lib/db/catalog-upsert.ts stores, as each batch commits', async () => {
    const db = await loadPapers(papers(100), { segment: SEGMENT });
    const fresh = makePaper(900, { title: 'Zeppelin Routing Reloaded' });
    await upsertPapers(db, { source: 'hf', put: [fresh] });
    expect(ids((await searchCatalog('zeppelin', {}, db)).hits)).toEqual([fresh.id]);
    // A known paper gains a keyword: a new position, found once, by its new word too.
    const known = { ...makePaper(5), keywords: ['attention', 'walrus'] };
    await upsertPapers(db, { source: 'hf', put: [known] });
    expect(ids((await searchCatalog('walrus', {}, db)).hits)).toEqual([known.id]);
    const synthetic = await searchCatalog('synthetic', { limit: 200 }, db);
    expect(ids(synthetic.hits).filter((id) => id === known.id)).toHaveLength(1);
    expect(synthetic.total).toBe(100);
    expect((await searchCatalog('', { limit: 200 }, db)).total).toBe(101);
    await upsertPapers(db, { source: 'sub', put: [], withdraw: [fresh.id] });
    expect((await searchCatalog('zeppelin', {}, db)).hits).toEqual([]);
    expect((await searchCatalog('', { limit: 200 }, db)).total).toBe(100);
  });
});
