import { describe, expect, it } from 'vitest';
import { hash32, hash53, normalizeTitle } from '@/lib/catalog/identifiers';
import type { ActiveCatalog } from '@/lib/db/catalog-db';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import {
  buildIndex,
  headPositions,
  idAt,
  INDEX_FORMAT,
  indexBytes,
  keyPart,
  positionsOf,
} from '@/lib/db/catalog-index';
import { startLoad } from '@/lib/db/catalog-loader';
import { findTitlesInText, lookupCandidates, scanPageText } from '@/lib/db/lookup';
import { catalogText, freshDb, makePaper } from './catalog-fixture';

describe('the in-memory lookup index', () => {
  const ids = ['0704.0001', '1412.9999', '1501.00001', '2312.00752', 'hep-th/9901001', 't-abc123'];
  const papers = ids.map((id, i) =>
    makePaper(i, {
      id,
      title: i === 5 ? 'Two Words' : `Paper Number ${i} About Things`,
      doi: i === 3 ? '10.1/X' : undefined,
    }),
  );
  // Two parts, stored out of order, as a resumed load may leave them.
  const index = buildIndex([keyPart(4, papers.slice(4)), keyPart(0, papers.slice(0, 4))], 6);

  it('gives back every id exactly, whatever its era or style', () => {
    expect(ids.map((_, position) => idAt(index, position))).toEqual(ids);
  });

  it('finds each title and DOI at its position, and nothing for a near miss', () => {
    papers.forEach((paper, position) => {
      expect(positionsOf(index.title, hash53(normalizeTitle(paper.title)))).toEqual([position]);
    });
    expect(positionsOf(index.doi, hash53('10.1/x'))).toEqual([3]);
    expect(positionsOf(index.title, hash53(normalizeTitle('Paper Number 1 About')))).toEqual([]);
  });

  it('keeps every title head with all the titles sharing it, and each word count', () => {
    expect(index.format).toBe(INDEX_FORMAT);
    expect(headPositions(index.head, hash32('paper number 1'))).toEqual([1]);
    // "Two Words" has no three-word head: it can be found exactly, never in prose.
    expect(index.head.hash).toHaveLength(5);
    expect([...index.wordCount]).toEqual([5, 5, 5, 5, 5, 2]);
    // 8 bytes per head and 1 per title on top of the exact columns.
    const without = indexBytes({
      ...index,
      head: { hash: new Uint32Array(), pos: new Uint32Array() },
      wordCount: new Uint8Array(),
    });
    expect(indexBytes(index) - without).toBe(5 * 8 + 6);
  });

  it('refuses parts that do not cover the catalog', () => {
    expect(() => buildIndex([keyPart(0, papers.slice(0, 4))], 6)).toThrow(/6 papers but 4/);
  });
});

async function loaded(titles: string[]) {
  const db = freshDb();
  const catalog = titles.map((title, i) => makePaper(i, { title }));
  const fileId = await stageCatalogFile(new Blob([catalogText(catalog)]), db);
  expect((await startLoad(db, { kind: 'file', fileId })).status).toBe('loaded');
  return { db, ids: catalog.map((p) => p.id) };
}

describe('truncated titles (ending in … or ...)', () => {
  const titles = [
    'FRCRN: Boosting Feature Representation using Frequency Recurrence for Monaural Speech Enhancement',
    'A Survey of Selective Token Routing in Sparse Mixtures',
    'A Survey of Selective Token Routing in Dense Models',
    'Improving the Training of Rectified Flows',
    'Sliced Recursive Transformer',
  ];

  it('match the one catalog title they start, even cut mid-word', async () => {
    const { db, ids } = await loaded(titles);
    const answers = await lookupCandidates(db, [
      'FRCRN: Boosting feature representation using frequency recurrence for monaural speech …',
      'FRCRN: Boosting Feature Representation using Frequency Recurr...',
      'A Survey of Selective Token Routing in Sparse …',
    ]);
    expect(answers.map((a) => a?.id)).toEqual([ids[0], ids[0], ids[1]]);
  });

  it('match nothing when ambiguous, too short, not a prefix, or no longer than a title', async () => {
    const { db } = await loaded(titles);
    const answers = await lookupCandidates(db, [
      // Two titles start this way.
      'A Survey of Selective Token Routing in …',
      // Under four words / 24 characters shown.
      'FRCRN: Boosting Feature …',
      // Shares only a head with a catalog title.
      'FRCRN: Boosting Feature Representation for Music …',
      // As long as a catalog title: the page's title goes on, so it is another paper.
      'Improving the Training of Rectified Flows …',
      // Without the truncation mark, a prefix is never a match.
      'FRCRN: Boosting Feature Representation using Frequency Recurrence for Monaural Speech',
      // Cut, and too short to verify: not even the exactly equal short title.
      'Sliced Recursive Transformer …',
    ]);
    expect(answers).toEqual([null, null, null, null, null, null]);
    // The same short title uncut is an exact match.
    expect((await lookupCandidates(db, ['Sliced Recursive Transformer']))[0]).not.toBeNull();
  });
});

describe('titles in page text', () => {
  it('come back with their catalog id and span; texts without titles get none', async () => {
    const { db, ids } = await loaded(['Scaling Sparse Fine-Tuning to Large Language Models']);
    const text = 'This week we read “Scaling Sparse Fine-Tuning to Large Language Models” again.';
    const texts = [
      text,
      'Nothing here at all, really.',
      'We talked about scaling sparse fine-tuning, not the paper.',
      'Scaling Sparse Fine-Tuning to Large Language Models in Practice',
      'Scaling Sparse Fine-Tuning to Large Lang…',
    ];
    const { titles } = await findTitlesInText(db, texts);
    const [hits, none, phrase, longer, cut] = titles;
    expect(hits).toEqual([{ id: ids[0], start: 18, end: 71 }]);
    expect(text.slice(18, 71)).toBe('“Scaling Sparse Fine-Tuning to Large Language Models”');
    expect(none).toEqual([]);
    // Not titles in prose; but the whole title, or its start cut short, may be a heading's or a
    // link's: the page-text scan names where they start, and the content script reads the
    // elements there. A phrase is neither.
    expect([phrase, longer, cut]).toEqual([[], [], []]);
    const scans = await Promise.all(texts.map((t) => scanPageText(db, t)));
    expect(scans.map((scan) => scan.heads)).toEqual([[18], [], [], [0], [0]]);
    expect(await findTitlesInText(freshDb(), [text])).toEqual({ titles: [[]] });
  });
});

describe('an index stored by an older version', () => {
  it('is rebuilt from the records, used at once and stored in the current format', async () => {
    const { db, ids } = await loaded(['Scaling Sparse Fine-Tuning to Large Language Models']);
    const record = (await db.meta.get('active'))!;
    const active = record.value as ActiveCatalog;
    const stored = (await db.indexes.get(active.slot))!;
    const { head: _head, wordCount: _words, format: _format, ...old } = stored;
    await db.indexes.put(old as typeof stored);
    // A new loadedAt makes the lookup read the stored index instead of its cached one.
    await db.meta.put({ key: 'active', value: { ...active, loadedAt: `${active.loadedAt}+` } });
    const {
      titles: [hits],
    } = await findTitlesInText(db, [
      'We read Scaling Sparse Fine-Tuning to Large Language Models.',
    ]);
    expect(hits?.map((h) => h.id)).toEqual([ids[0]]);
    await expect.poll(async () => (await db.indexes.get(active.slot))?.format).toBe(INDEX_FORMAT);
  });
});
