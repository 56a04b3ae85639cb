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
import { MAX_LINE_CHARS } from './catalog-reader';

/**
 * Node writer of the catalog file format (header line, one paper per line, footer line). The
 * header must carry the count and a content hash, which are known only after the last record, so
 * records stream to a temporary body file first (unless the caller knows both); memory stays flat
 * for any number of papers.
 */

export interface WriteCatalogOptions {
  /** Output path; a `.gz` suffix selects gzip. Written to a temporary file, then renamed. */
  path: string;
  /** For people: where the records came from. */
  source: string;
  createdAt?: Date;
  /** Check each record against `paperSchema` (on by default; a bad record aborts the write). */
  validate?: boolean;
  /**
   * A version and count known up front (a generator knows both): the records then stream straight
   * into the output, with no temporary body file, and a wrong count aborts the write.
   */
  known?: { version: string; count: number };
}

export interface WriteCatalogResult {
  path: string;
  count: number;
  /** First 12 hex digits of the SHA-256 of the record lines: unchanged records, same version. */
  version: string;
  bytes: number;
}

function headerLine(options: WriteCatalogOptions, version: string, count: number): string {
  const header: CatalogHeader = {
    format: CATALOG_FORMAT,
    formatVersion: CATALOG_FORMAT_VERSION,
    version,
    source: options.source,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    count,
  };
  return `${JSON.stringify(header)}\n`;
}

export const footerLine = (count: number) =>
  `${JSON.stringify({ end: true, count } satisfies CatalogFooter)}\n`;

/** Streams `lines` into `path` (gzip for `.gz`) through a temporary file renamed at the end. */
export async function writeOut(
  path: string,
  lines: AsyncIterable<string | Buffer>,
): Promise<number> {
  const partPath = `${path}.part.tmp`;
  try {
    const out = createWriteStream(partPath);
    if (path.endsWith('.gz')) await pipeline(Readable.from(lines), createGzip(), out);
    else await pipeline(Readable.from(lines), out);
    await rename(partPath, path);
    return (await stat(path)).size;
  } finally {
    await rm(partPath, { force: true });
  }
}

async function writeKnown(
  papers: AsyncIterable<Paper> | Iterable<Paper>,
  options: WriteCatalogOptions,
  known: { version: string; count: number },
): Promise<WriteCatalogResult> {
  const { path, validate = true } = options;
  await mkdir(dirname(path), { recursive: true });
  let count = 0;
  async function* lines() {
    yield headerLine(options, known.version, known.count);
    let batch: string[] = [];
    for await (const paper of papers) {
      if (validate) checkPaper(paper, count + 1);
      count++;
      batch.push(checkedLine(JSON.stringify(paper), count, validate));
      // Joined batches keep per-chunk stream overhead negligible at a million lines.
      if (batch.length === 1000) {
        yield `${batch.join('\n')}\n`;
        batch = [];
      }
    }
    if (batch.length) yield `${batch.join('\n')}\n`;
    if (count !== known.count) {
      throw new Error(`catalog: ${count} records written but the header announced ${known.count}`);
    }
    yield footerLine(count);
  }
  const bytes = await writeOut(path, lines());
  return { path, count, version: known.version, bytes };
}

export async function writeCatalog(
  papers: AsyncIterable<Paper> | Iterable<Paper>,
  options: WriteCatalogOptions,
): Promise<WriteCatalogResult> {
  if (options.known) return writeKnown(papers, options, options.known);
  const { path, validate = true } = options;
  await mkdir(dirname(path), { recursive: true });
  const bodyPath = `${path}.body.tmp`;
  try {
    const hash = createHash('sha256');
    let count = 0;
    const body = createWriteStream(bodyPath);
    const failed = new Promise<never>((_, reject) => body.once('error', reject));
    for await (const paper of papers) {
      if (validate) checkPaper(paper, count + 1);
      const line = `${checkedLine(JSON.stringify(paper), count + 1, validate)}\n`;
      hash.update(line);
      count++;
      if (!body.write(line)) await Promise.race([once(body, 'drain'), failed]);
    }
    body.end();
    await Promise.race([once(body, 'finish'), failed]);

    const version = hash.digest('hex').slice(0, 12);
    async function* lines() {
      yield headerLine(options, version, count);
      for await (const chunk of createReadStream(bodyPath)) yield chunk as Buffer;
      yield footerLine(count);
    }
    return { path, count, version, bytes: await writeOut(path, lines()) };
  } finally {
    await rm(bodyPath, { force: true });
  }
}

/** The loader refuses a longer line, so the builder must not write one. */
export function checkedLine(line: string, index: number, validate: boolean): string {
  if (validate && line.length > MAX_LINE_CHARS) {
    throw new Error(
      `catalog record ${index} is ${line.length} characters long; the loader reads lines up to ${MAX_LINE_CHARS}`,
    );
  }
  return line;
}

export function checkPaper(paper: Paper, index: number): void {
  const result = paperSchema.safeParse(paper);
  if (result.success) return;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`catalog record ${index} (id ${String(paper.id)}) is invalid: ${problems}`);
}
