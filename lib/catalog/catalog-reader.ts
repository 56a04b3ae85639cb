import {
  CATALOG_FORMAT,
  CATALOG_FORMAT_VERSION,
  catalogFooterSchema,
  catalogHeaderSchema,
  paperSchema,
  type CatalogFooter,
  type CatalogHeader,
  type Paper,
} from './schema';
import type { z } from 'zod';

/**
 * Streaming reader for catalog files (schema.ts): NDJSON, optionally gzip, header line, one paper
 * per line, footer line. It never holds more than one batch in memory, so a million-paper file
 * loads in a service worker. Every problem is a CatalogFormatError that names the line.
 */

export class CatalogFormatError extends Error {
  override name = 'CatalogFormatError';
}

export type OpenOptions = {
  /** Papers already loaded by an interrupted run: counted, not parsed or validated again. */
  skip?: number;
  batchSize?: number;
};

export type CatalogStream = {
  header: CatalogHeader;
  /** Validated papers in batches; returns the footer once the whole file checked out. */
  batches: AsyncGenerator<Paper[], CatalogFooter>;
  /** Stop reading without consuming the papers (releases the source). */
  cancel: () => Promise<void>;
};

const GZIP_MAGIC = [0x1f, 0x8b];

function describeIssue(error: z.ZodError): string {
  const [first] = error.issues;
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where}${first?.message ?? 'invalid'}${more}`;
}

function parseJson(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new CatalogFormatError(`Line ${lineNo}: not valid JSON.`);
  }
}

/**
 * Decoded text of the file, gunzipped when it starts with the gzip magic. Errors of the source
 * itself pass through unchanged (an interrupted read is not a bad file); errors the decompressor
 * raises mean a corrupt or truncated gzip file.
 */
async function* textChunks(source: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = source.getReader();
  let sourceError: unknown;
  const first = await reader.read();
  const gzip = !first.done && GZIP_MAGIC.every((byte, i) => first.value[i] === byte);
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(first.value);
    },
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        sourceError = error;
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // The DOM typings declare these transforms over BufferSource; Uint8Array chunks are what flows.
  type Bytes = TransformStream<Uint8Array, Uint8Array>;
  const bytes = gzip
    ? replay.pipeThrough(new DecompressionStream('gzip') as unknown as Bytes)
    : replay;
  const text = bytes.pipeThrough(
    new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>,
  );
  const textReader = text.getReader();
  try {
    for (;;) {
      const next = await textReader.read();
      if (next.done) return;
      yield next.value;
    }
  } catch (error) {
    if (sourceError !== undefined || !gzip) throw sourceError ?? error;
    throw new CatalogFormatError(
      'The gzip data is corrupt or cut short: the file is truncated or damaged. Download it again.',
    );
  } finally {
    await textReader.cancel().catch(() => undefined);
  }
}

/** Lines of the file, in arrays (one per decoded chunk) to keep per-line overhead low. */
async function* lineChunks(source: ReadableStream<Uint8Array>): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of textChunks(source)) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    if (lines.length) yield lines;
  }
  if (rest.trim()) yield [rest];
}

function parseHeader(line: string | undefined): CatalogHeader {
  if (line === undefined) throw new CatalogFormatError('The file is empty.');
  const value = parseJson(line.replace(/^\uFEFF/, ''), 1) as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || value.format !== CATALOG_FORMAT) {
    throw new CatalogFormatError(
      `Line 1: not a PaperPeek catalog (the first line must have "format": "${CATALOG_FORMAT}").`,
    );
  }
  if (value.formatVersion !== CATALOG_FORMAT_VERSION) {
    throw new CatalogFormatError(
      `Line 1: catalog format version ${String(value.formatVersion)} is not supported; this PaperPeek reads version ${CATALOG_FORMAT_VERSION}.`,
    );
  }
  const header = catalogHeaderSchema.safeParse(value);
  if (!header.success) throw new CatalogFormatError(`Line 1: ${describeIssue(header.error)}`);
  return header.data;
}

export async function openCatalog(
  source: ReadableStream<Uint8Array>,
  { skip = 0, batchSize = 2000 }: OpenOptions = {},
): Promise<CatalogStream> {
  const lines = lineChunks(source);
  let pending: string[] = [];
  let index = 0;
  let lineNo = 0;
  /** The next line, or undefined at the end of the file. */
  async function nextLine(): Promise<string | undefined> {
    while (index >= pending.length) {
      const next = await lines.next();
      if (next.done) return undefined;
      pending = next.value;
      index = 0;
    }
    lineNo++;
    const line = pending[index++]!;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  let header: CatalogHeader;
  try {
    header = parseHeader(await nextLine());
  } catch (error) {
    await lines.return(undefined);
    throw error;
  }

  async function* batches(): AsyncGenerator<Paper[], CatalogFooter> {
    try {
      for (let skipped = 0; skipped < skip; skipped++) {
        if ((await nextLine()) === undefined) {
          throw new CatalogFormatError(
            `The file ends after ${skipped} papers, before the ${skip} already loaded: it changed since the load started.`,
          );
        }
      }
      const seen = new Set<string>();
      let count = skip;
      let batch: Paper[] = [];
      for (;;) {
        const line = await nextLine();
        if (line === undefined) {
          throw new CatalogFormatError(
            `The file ends after ${count} of ${header.count} papers without its closing line: it is truncated. Download it again.`,
          );
        }
        if (!line.trim()) throw new CatalogFormatError(`Line ${lineNo}: empty line.`);
        const value = parseJson(line, lineNo) as Record<string, unknown> | null;
        if (typeof value === 'object' && value !== null && 'end' in value) {
          if (batch.length) yield batch;
          return checkFooter(value, count);
        }
        const paper = paperSchema.safeParse(value);
        if (!paper.success) {
          const id = typeof value?.id === 'string' ? ` (id ${value.id.slice(0, 64)})` : '';
          throw new CatalogFormatError(`Line ${lineNo}${id}: ${describeIssue(paper.error)}`);
        }
        if (seen.has(paper.data.id)) {
          throw new CatalogFormatError(`Line ${lineNo}: duplicate id ${paper.data.id}.`);
        }
        seen.add(paper.data.id);
        batch.push(paper.data);
        count++;
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    } finally {
      await lines.return(undefined);
    }
  }

  async function checkFooter(value: object, count: number): Promise<CatalogFooter> {
    const footer = catalogFooterSchema.safeParse(value);
    if (!footer.success)
      throw new CatalogFormatError(`Line ${lineNo}: ${describeIssue(footer.error)}`);
    if (footer.data.count !== count || header.count !== count) {
      throw new CatalogFormatError(
        `Line ${lineNo}: the file holds ${count} papers but its header says ${header.count} and its closing line ${footer.data.count}.`,
      );
    }
    for (let line = await nextLine(); line !== undefined; line = await nextLine()) {
      if (line.trim()) throw new CatalogFormatError(`Line ${lineNo}: data after the closing line.`);
    }
    return footer.data;
  }

  const cancel = async () => {
    await lines.return(undefined);
  };
  return { header, batches: batches(), cancel };
}
