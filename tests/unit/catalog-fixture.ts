import { gzipSync } from 'node:zlib';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION, type Paper } from '@/lib/catalog/schema';
import { CatalogDb } from '@/lib/db/catalog-db';

/** Small catalogs built in tests: distinct ids and titles, valid against paperSchema. */

export function makePaper(i: number, overrides: Partial<Paper> = {}): Paper {
  const arxivId = `2401.${String(10000 + i).padStart(5, '0')}`;
  return {
    id: arxivId,
    arxivId,
    title: `Synthetic Study Number ${i} of Sparse Attention`,
    authors: [`Author ${i}`],
    published: '2024-01-15',
    abstract: `Abstract of paper ${i}.`,
    summary: `Summary ${i}.`,
    links: { abs: `https://arxiv.org/abs/${arxivId}` },
    code: [],
    keywords: ['attention'],
    related: [],
    ...overrides,
  };
}

/** The least a paper record needs, for tests about markers and scans rather than content. */
export function stubPaper(id: string): Paper {
  return {
    id,
    title: `Paper ${id}`,
    authors: [],
    abstract: '',
    summary: '',
    links: {},
    code: [],
    keywords: [],
    related: [],
  };
}

export function header(count: number, version = 'v1') {
  return {
    format: CATALOG_FORMAT,
    formatVersion: CATALOG_FORMAT_VERSION,
    version,
    source: 'unit test',
    createdAt: '2025-01-01T00:00:00Z',
    count,
  };
}

/** NDJSON text of a catalog; `lines` lets a test replace any line with raw text. */
export function catalogText(papers: unknown[], { version = 'v1', footer = true } = {}): string {
  const lines = [JSON.stringify(header(papers.length, version))];
  for (const paper of papers) lines.push(typeof paper === 'string' ? paper : JSON.stringify(paper));
  if (footer) lines.push(JSON.stringify({ end: true, count: papers.length }));
  return `${lines.join('\n')}\n`;
}

export function papers(count: number, from = 0): Paper[] {
  return Array.from({ length: count }, (_, i) => makePaper(from + i));
}

export function gzip(text: string): Uint8Array {
  return new Uint8Array(gzipSync(Buffer.from(text)));
}

/** A stream delivering `bytes` in chunks of `chunkSize` (line boundaries fall mid-chunk). */
export function streamOf(bytes: Uint8Array | string, chunkSize = 777): ReadableStream<Uint8Array> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      controller.enqueue(data.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

let dbCounter = 0;
export function freshDb(): CatalogDb {
  return new CatalogDb(`catalog-test-${Date.now()}-${dbCounter++}`);
}
