import { existsSync, mkdirSync, writeFileSync, createReadStream, renameSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { Index } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Paper } from '../../lib/catalog/schema';
import { anchorDoc, MINISEARCH_OPTIONS, type AnchorDoc } from './anchor-docs';

/**
 * The anchors' serialized indexes for a catalog file, built in Node once and cached next to the
 * file. They index title, authors, keywords, code and id but NOT the abstract: a smaller index
 * than ours, so their load times are a lower bound on what they would cost doing our job.
 */

export const FLEX_OPTIONS = { tokenize: 'forward' } as const;

export async function readAnchorDocs(file: string): Promise<AnchorDoc[]> {
  const docs: AnchorDoc[] = [];
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  for await (const line of lines) {
    const record = JSON.parse(line) as Partial<Paper>;
    if (typeof record.id !== 'string' || !record.title) continue;
    docs.push({ ...anchorDoc(record as Paper), abstract: '' });
  }
  return docs;
}

/** Writes (or reuses) `<stem>.minisearch.json` and `<stem>.flexsearch.json`; returns paths. */
export async function ensureAnchorIndexes(file: string, cacheDir: string) {
  mkdirSync(cacheDir, { recursive: true });
  const stem = `${cacheDir}/${file
    .split('/')
    .at(-1)!
    .replace(/\.ndjson\.gz$/, '')}`;
  const mini = `${stem}.minisearch.json`;
  const flex = `${stem}.flexsearch.json`;
  if (existsSync(mini) && existsSync(flex)) return { mini, flex, buildSeconds: null };
  const started = performance.now();
  const docs = await readAnchorDocs(file);
  const miniIndex = new MiniSearch(MINISEARCH_OPTIONS);
  miniIndex.addAll(docs);
  writeFileSync(`${mini}.tmp`, JSON.stringify(miniIndex));
  renameSync(`${mini}.tmp`, mini);
  const flexIndex = new Index(FLEX_OPTIONS);
  docs.forEach((d, i) =>
    flexIndex.add(i, [d.title, d.authors, d.keywords, d.code, d.id].join(' ')),
  );
  const exported: Record<string, string> = {};
  flexIndex.export((key: string, data: string) => {
    exported[key] = data;
  });
  writeFileSync(`${flex}.tmp`, JSON.stringify({ ids: docs.map((d) => d.id), index: exported }));
  renameSync(`${flex}.tmp`, flex);
  return { mini, flex, buildSeconds: (performance.now() - started) / 1000 };
}
