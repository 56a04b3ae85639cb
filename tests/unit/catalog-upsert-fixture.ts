import type { CodeLink, Paper } from '@/lib/catalog/schema';
import { readMeta, type CatalogDb } from '@/lib/db/catalog-db';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { startLoad, type LoadOptions } from '@/lib/db/catalog-loader';
import { catalogText, freshDb, makePaper } from './catalog-fixture';

/** Catalogs with papers from feed sources on top (lib/db/catalog-upsert.ts), for unit tests. */

export const NOW = new Date('2025-03-01T08:00:00Z');
export const LATER = new Date('2025-03-02T08:00:00Z');

/** Test segments of 64 papers: a 40-paper base puts the tail at 64, chunk 4. */
export const SEGMENT = 64;

export const repo = (url: string): CodeLink => ({ url, kind: 'repository', official: true });

const TOPICS = [
  'Recursive Token Routing',
  'Sparse Expert Distillation',
  'Latent Diffusion Caching',
];

/** A paper no base catalog of these tests holds, with a title of its own. */
export function freshPaper(i: number, overrides: Partial<Paper> = {}): Paper {
  const id = `2503.${String(20000 + i).padStart(5, '0')}`;
  return makePaper(0, {
    id,
    arxivId: id,
    title: `Fresh Results ${i} on ${TOPICS[i % TOPICS.length]} for Language Models`,
    abstract: `Fresh abstract ${i}.`,
    links: { abs: `https://arxiv.org/abs/${id}` },
    ...overrides,
  });
}

export async function loadCatalog(
  papers: Paper[],
  options: LoadOptions & { db?: CatalogDb; version?: string } = {},
): Promise<CatalogDb> {
  const db = options.db ?? freshDb();
  const fileId = await stageCatalogFile(
    new Blob([catalogText(papers, { version: options.version ?? 'v1' })]),
    db,
  );
  const outcome = await startLoad(
    db,
    { kind: 'file', fileId },
    { searchSegment: SEGMENT, ...options },
  );
  if (outcome.status !== 'loaded') throw new Error(`Load failed: ${JSON.stringify(outcome)}`);
  return db;
}

export async function activeTail(db: CatalogDb) {
  return (await readMeta(db)).active?.tail;
}
