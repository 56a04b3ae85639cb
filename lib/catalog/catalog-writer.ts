import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  CATALOG_FORMAT,
  CATALOG_FORMAT_VERSION,
  paperSchema,
  type CatalogFooter,
  type CatalogHeader,
  type Paper,
} from './schema';

/**
 * Node writer of the catalog file format (header line, one paper per line, footer line). The
 * header must carry the count and a content hash, which are known only after the last record, so
 * records stream to a temporary body file first; memory stays flat for any number of papers.
 */

export interface WriteCatalogOptions {
  /** Output path; a `.gz` suffix selects gzip. Written to a temporary file, then renamed. */
  path: string;
  /** For people: where the records came from. */
  source: string;
  createdAt?: Date;
  /** Check each record against `paperSchema` (on by default; a bad record aborts the write). */
  validate?: boolean;
}

export interface WriteCatalogResult {
  path: string;
  count: number;
  /** First 12 hex digits of the SHA-256 of the record lines: unchanged records, same version. */
  version: string;
  bytes: number;
}

export async function writeCatalog(
  papers: AsyncIterable<Paper> | Iterable<Paper>,
  options: WriteCatalogOptions,
): Promise<WriteCatalogResult> {
  const { path, validate = true } = options;
  await mkdir(dirname(path), { recursive: true });
  const bodyPath = `${path}.body.tmp`;
  const partPath = `${path}.part.tmp`;
  try {
    const hash = createHash('sha256');
    let count = 0;
    const body = createWriteStream(bodyPath);
    const failed = new Promise<never>((_, reject) => body.once('error', reject));
    for await (const paper of papers) {
      if (validate) checkPaper(paper, count + 1);
      const line = `${JSON.stringify(paper)}\n`;
      hash.update(line);
      count++;
      if (!body.write(line)) await Promise.race([once(body, 'drain'), failed]);
    }
    body.end();
    await Promise.race([once(body, 'finish'), failed]);

    const header: CatalogHeader = {
      format: CATALOG_FORMAT,
      formatVersion: CATALOG_FORMAT_VERSION,
      version: hash.digest('hex').slice(0, 12),
      source: options.source,
      createdAt: (options.createdAt ?? new Date()).toISOString(),
      count,
    };
    const footer: CatalogFooter = { end: true, count };
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for await (const chunk of createReadStream(bodyPath)) yield chunk as Buffer;
      yield `${JSON.stringify(footer)}\n`;
    }
    const out = createWriteStream(partPath);
    if (path.endsWith('.gz')) await pipeline(Readable.from(lines()), createGzip(), out);
    else await pipeline(Readable.from(lines()), out);
    await rename(partPath, path);
    return { path, count, version: header.version, bytes: (await stat(path)).size };
  } finally {
    await rm(bodyPath, { force: true });
    await rm(partPath, { force: true });
  }
}

function checkPaper(paper: Paper, index: number): void {
  const result = paperSchema.safeParse(paper);
  if (result.success) return;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`catalog record ${index} (id ${String(paper.id)}) is invalid: ${problems}`);
}
