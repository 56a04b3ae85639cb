import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Paper } from '../../lib/catalog/schema';
import { SegmentBuilder } from '../../lib/search/segment-builder';

/**
 * CPU the search index adds to an install, next to the JSON parsing every install does anyway:
 * the first `limit` papers of a catalog file, parsed, then indexed segment by segment (records
 * built, nothing written). Node's V8 stands in for the worker's.
 */
export async function buildCost(file: string, limit: number) {
  const lines: string[] = [];
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  for await (const line of input) {
    if (line.startsWith('{"id"')) lines.push(line);
    if (lines.length >= limit) break;
  }
  input.close();
  let t = performance.now();
  const papers = lines.map((l) => JSON.parse(l) as Paper);
  const parseMs = performance.now() - t;
  t = performance.now();
  // One segment of the real size, as the loader builds it (a partial one when limit < SEGMENT).
  const builder = new SegmentBuilder(0);
  papers.forEach((paper, i) => builder.add(i, paper));
  const records = builder.records().length;
  const indexMs = performance.now() - t;
  return {
    papers: papers.length,
    records,
    parseUsPerPaper: (1000 * parseMs) / papers.length,
    indexUsPerPaper: (1000 * indexMs) / papers.length,
  };
}
