import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDb } from '@/lib/db/catalog-db';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { startLoad } from '@/lib/db/catalog-loader';
import { getPapers, lookupCandidates } from '@/lib/db/lookup';
import { catalogMatcher } from '@/lib/reading-list/import/catalog-match';
import { catalogText, freshDb, makePaper } from './catalog-fixture';

/**
 * The import's catalog matching with the real lookups over a loaded catalog: arXiv id first, then DOI, then exact title, and a title match is refused when
 * the file names a different arXiv id.
 */

const mamba = makePaper(0, {
  id: '2312.00752',
  arxivId: '2312.00752',
  title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
});
const journal = makePaper(1, {
  id: 't-journal',
  arxivId: undefined,
  doi: '10.1145/3442188.3445922',
  title: 'On the Dangers of Stochastic Parrots',
});

let db: CatalogDb;
beforeAll(async () => {
  db = freshDb();
  const fileId = await stageCatalogFile(new Blob([catalogText([mamba, journal])]), db);
  expect((await startLoad(db, { kind: 'file', fileId })).status).toBe('loaded');
});

// The same functions the background's handlers call; the message hop itself is covered by
// register.test.ts and end to end by tests/e2e/export-import.spec.ts.
const matchInCatalog = (snapshots: Parameters<ReturnType<typeof catalogMatcher>>[0]) =>
  catalogMatcher({
    lookupCandidates: (candidates) => lookupCandidates(db, candidates),
    getPapers: (ids) => getPapers(db, ids),
  })(snapshots);

describe('matchInCatalog', () => {
  it('finds papers by arXiv id, DOI or exact title, and nothing else', async () => {
    const found = await matchInCatalog([
      { title: 'Whatever the file calls it', authors: [], arxivId: '2312.00752' },
      { title: 'Parrots', authors: [], doi: '10.1145/3442188.3445922' },
      { title: 'on the dangers of stochastic parrots!', authors: [] },
      { title: 'A paper the catalog does not have', authors: [] },
    ]);
    expect(found.map((p) => p?.id ?? null)).toEqual(['2312.00752', 't-journal', 't-journal', null]);
  });

  it('refuses a title match when the file names another arXiv id', async () => {
    const [found] = await matchInCatalog([
      { title: mamba.title, authors: [], arxivId: '2401.99999' },
    ]);
    expect(found).toBeNull();
  });
});
