import { beforeAll, describe, expect, it } from 'vitest';
import { hash53, normalizeTitle, titleKey } from '@/lib/catalog/identifiers';
import type { ActiveCatalog, CatalogDb } from '@/lib/db/catalog-db';
import { positionsOf } from '@/lib/db/catalog-index';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { startLoad } from '@/lib/db/catalog-loader';
import { getPapers, lookupCandidates, lookupPaper } from '@/lib/db/lookup';
import { catalogText, freshDb, makePaper } from './catalog-fixture';

const mamba = makePaper(0, {
  id: '2312.00752',
  arxivId: '2312.00752',
  title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
});
const oldStyle = makePaper(1, {
  id: 'hep-th/9901001',
  arxivId: 'hep-th/9901001',
  title: 'Old Strings',
});
const journal = makePaper(2, {
  id: titleKeyId('Don’t Stop Pretraining & Adapt: “Quotes” — Dashes'),
  arxivId: undefined,
  doi: '10.1145/3442188.3445922',
  title: 'Don’t Stop Pretraining & Adapt: “Quotes” — Dashes',
});

function titleKeyId(title: string) {
  return `t-${titleKey(title)}`;
}

let db: CatalogDb;
beforeAll(async () => {
  db = freshDb();
  const fileId = await stageCatalogFile(new Blob([catalogText([mamba, oldStyle, journal])]), db);
  expect((await startLoad(db, { kind: 'file', fileId })).status).toBe('loaded');
});

describe('lookupPaper', () => {
  it.each([
    '2312.00752',
    '2312.00752v2',
    'arXiv:2312.00752',
    'https://arxiv.org/abs/2312.00752',
    'https://arxiv.org/abs/2312.00752v1',
    'https://arxiv.org/pdf/2312.00752',
    'https://arxiv.org/pdf/2312.00752v2.pdf',
    'https://arxiv.org/html/2312.00752v2',
    'https://export.arxiv.org/abs/2312.00752',
    'https://www.alphaxiv.org/abs/2312.00752',
    'https://www.alphaxiv.org/overview/2312.00752',
    'https://huggingface.co/papers/2312.00752',
    'https://ar5iv.labs.arxiv.org/html/2312.00752',
    'https://doi.org/10.48550/arXiv.2312.00752',
    '10.48550/arXiv.2312.00752',
  ])('finds the paper by arXiv id from %s', async (query) => {
    expect(await lookupPaper(db, query)).toMatchObject({
      paper: { id: '2312.00752' },
      matchedBy: 'arxiv',
    });
  });

  it('finds old-style ids and DOIs in any case or URL form', async () => {
    expect((await lookupPaper(db, 'https://arxiv.org/abs/hep-th/9901001v3'))?.paper.id).toBe(
      'hep-th/9901001',
    );
    for (const query of [
      '10.1145/3442188.3445922',
      'https://doi.org/10.1145/3442188.3445922',
      'DOI: 10.1145/3442188.3445922',
    ]) {
      expect(await lookupPaper(db, query.toUpperCase())).toMatchObject({
        paper: { id: journal.id, doi: '10.1145/3442188.3445922' },
        matchedBy: 'doi',
      });
    }
  });

  it.each([
    'mamba: linear-time sequence modeling with selective state spaces',
    'MAMBA LINEAR TIME SEQUENCE MODELING WITH SELECTIVE STATE SPACES',
    'Mamba — Linear–Time  Sequence Modeling with Selective   State Spaces.',
    '  Mamba: Linear-Time Sequence Modeling with Selective State Spaces  ',
  ])('finds a title variant: %s', async (query) => {
    expect(await lookupPaper(db, query)).toMatchObject({
      paper: { id: '2312.00752' },
      matchedBy: 'title',
    });
  });

  it('matches quotes, dashes and & against "and"', async () => {
    const match = await lookupPaper(db, `Don't Stop Pretraining and Adapt: "Quotes" - Dashes`);
    expect(match?.paper.id).toBe(journal.id);
    expect(match?.paper).toEqual(journal);
  });

  it.each([
    'Mamba',
    'Mamba: Linear-Time Sequence Modeling',
    '2312.00753',
    'https://arxiv.org/abs/2312.00753',
    '10.1145/0000000',
    'https://example.com/papers/2312.00752',
    '!!!',
  ])('does not match %s', async (query) => {
    expect(await lookupPaper(db, query)).toBeNull();
  });

  const TWO32 = 2 ** 32;
  // A title or DOI entry must agree with the query on all 53 hash bits; an id must be equal.
  it.each([
    ['title', 'A Title Nobody Wrote', hash53(normalizeTitle('A Title Nobody Wrote')), 0, 1],
    ['doi', '10.1000/nobody', hash53('10.1000/nobody'), 2, 1],
    // Even a full 53-bit collision cannot make an id match: ids are compared exactly.
    ['id', '2312.99999', hash53('2312.99999'), 0, 0],
  ] as const)(
    'a record whose %s hash collides is not a match',
    async (column, query, hash, target, checkOffset) => {
      const record = (await db.meta.get('active'))!;
      const active = record.value as ActiveCatalog;
      const index = (await db.indexes.get(active.slot))!;
      const low = hash % TWO32;
      const high = Math.floor(hash / TWO32);
      // Point the query's low 32 bits at a stored paper, as a 32-bit collision would.
      const hashes = [...index[column].hash, low];
      const positions = [...index[column].pos, target];
      const checks = [...index[column].check, (high + checkOffset) % 2 ** 21];
      const order = hashes.map((_, i) => i).sort((a, b) => hashes[a]! - hashes[b]!);
      const colliding = {
        hash: Uint32Array.from(order.map((i) => hashes[i]!)),
        pos: Uint32Array.from(order.map((i) => positions[i]!)),
        check: Uint32Array.from(order.map((i) => checks[i]!)),
      };
      await db.indexes.put({ ...index, [column]: colliding });
      // A new loadedAt makes the lookup read the changed index instead of its cached one.
      await db.meta.put({ key: 'active', value: { ...active, loadedAt: `${active.loadedAt}+` } });
      try {
        expect(positionsOf(colliding, hash)).toEqual(checkOffset ? [] : [target]);
        expect(await lookupPaper(db, query)).toBeNull();
        expect(await lookupCandidates(db, [query])).toEqual([null]);
        expect((await lookupPaper(db, mamba.title))?.paper.id).toBe(mamba.id);
      } finally {
        await db.indexes.put(index);
        await db.meta.put(record);
      }
    },
  );
});

describe('lookupCandidates', () => {
  it('answers each candidate in order, null for misses, duplicates included', async () => {
    const answers = await lookupCandidates(db, [
      'https://arxiv.org/abs/2312.00752',
      'nothing at all here',
      '2312.00752v3',
      'old strings',
      '10.1145/3442188.3445922',
    ]);
    expect(answers.map((a) => a && `${a.matchedBy}:${a.id}`)).toEqual([
      'arxiv:2312.00752',
      null,
      'arxiv:2312.00752',
      'title:hep-th/9901001',
      `doi:${journal.id}`,
    ]);
  });

  it('answers null for everything before any catalog is loaded', async () => {
    expect(await lookupCandidates(freshDb(), ['2312.00752', 'Old Strings'])).toEqual([null, null]);
    expect(await getPapers(freshDb(), ['2312.00752'])).toEqual([null]);
  });
});

describe('getPapers', () => {
  it('returns full records by id, in order, null for unknown ids', async () => {
    const papers = await getPapers(db, ['hep-th/9901001', '2401.99999', mamba.id, journal.id]);
    expect(papers.map((p) => p?.id ?? null)).toEqual([
      'hep-th/9901001',
      null,
      mamba.id,
      journal.id,
    ]);
    expect(papers[2]).toEqual(mamba);
  });
});
