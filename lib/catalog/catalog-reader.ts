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

/**
 * Validated papers with their lines as read (CR stripped): a line that validated is stored as it
 * is, which costs nothing, where re-serialising the parsed paper would cost a JSON.stringify each.
 */
export type CatalogBatch = { papers: Paper[]; lines: string[] };

export type CatalogStream = RecordStream<CatalogHeader, CatalogBatch>;

const GZIP_MAGIC = [0x1f, 0x8b];

export function describeIssue(error: z.ZodError): string {
  const [first] = error.issues;
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where}${first?.message ?? 'invalid'}${more}`;
}

export function parseJson(line: string, lineNo: number): unknown {
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

/** Decoded text gathered before splitting: fewer, larger chunks keep per-chunk overhead low. */
const SPLIT_CHARS = 1 << 20;

/**
 * The longest line read, in characters. The schema's maxima multiply out to more (5,000 authors
 * of 300 characters), but no real record comes near: the longest in arXiv (a 3,000-author
 * physics paper) is about 100 KB. Without a bound, one 2 GB line in a 2 MB gzip file was held
 * whole in memory before JSON.parse could refuse it.
 */
export const MAX_LINE_CHARS = 1 << 20;

/** Set once the header is read: how much text the papers it announces can take. */
type TextBudget = { maxChars: number };

function tooLong(lineNo: number): CatalogFormatError {
  return new CatalogFormatError(
    `Line ${lineNo}: longer than ${MAX_LINE_CHARS.toLocaleString('en')} characters, which no paper record is; the file is damaged or not a catalog.`,
  );
}

/**
 * Lines of the file, in arrays of about a megabyte of text each. A line over MAX_LINE_CHARS is
 * refused as soon as that much of it has arrived, and the whole text may not outgrow the budget.
 */
async function* lineChunks(
  source: ReadableStream<Uint8Array>,
  budget: TextBudget,
): AsyncGenerator<string[]> {
  let rest = '';
  let parts: string[] = [];
  let size = 0;
  let total = 0;
  let lineNo = 0;
  const split = (): string[] => {
    const lines = (rest + parts.join('')).split('\n');
    parts = [];
    size = 0;
    rest = lines.pop()!;
    for (const line of lines) {
      lineNo++;
      if (line.length > MAX_LINE_CHARS) throw tooLong(lineNo);
    }
    if (rest.length > MAX_LINE_CHARS) throw tooLong(lineNo + 1);
    return lines;
  };
  for await (const chunk of textChunks(source)) {
    parts.push(chunk);
    size += chunk.length;
    total += chunk.length;
    if (total > budget.maxChars) {
      throw new CatalogFormatError(
        `Line ${lineNo + 1}: the file holds more text than its header's paper count allows (${budget.maxChars.toLocaleString('en')} characters); it is damaged or not a catalog.`,
      );
    }
    if (size < SPLIT_CHARS) continue;
    const lines = split();
    if (lines.length) yield lines;
  }
  const lines = split();
  if (rest.trim()) lines.push(rest);
  if (lines.length) yield lines;
}

/**
 * Line cursor over lineChunks: taking a line is synchronous; only refilling awaits, once per
 * megabyte, so the per-line cost is a plain array read.
 */
class LineCursor {
  private pending: string[] = [];
  private index = 0;
  lineNo = 0;
  constructor(private readonly chunks: AsyncGenerator<string[]>) {}

  /** True when a line can be taken synchronously; false at the end of the file. */
  async ready(): Promise<boolean> {
    while (this.index >= this.pending.length) {
      const next = await this.chunks.next();
      if (next.done) return false;
      this.pending = next.value;
      this.index = 0;
    }
    return true;
  }

  /** Lines left in the current chunk: that many can be taken without awaiting. */
  get buffered(): number {
    return this.pending.length - this.index;
  }

  take(): string {
    this.lineNo++;
    const line = this.pending[this.index++]!;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  close(): Promise<unknown> {
    return this.chunks.return(undefined);
  }
}

/** Line 1 as JSON, refused unless it names `format` (`what` says the kind of file). */
export function headerValue(
  line: string | undefined,
  format: string,
  what: string,
): Record<string, unknown> {
  if (line === undefined) throw new CatalogFormatError('The file is empty.');
  const value = parseJson(line.replace(/^\uFEFF/, ''), 1) as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || value.format !== format) {
    throw new CatalogFormatError(
      `Line 1: not a PaperPeek ${what} (the first line must have "format": "${format}").`,
    );
  }
  return value;
}

/** A record line that failed its schema, named by line and, when it has one, by id. */
export function invalidRecord(lineNo: number, id: unknown, error: z.ZodError): CatalogFormatError {
  const named = typeof id === 'string' ? ` (id ${id.slice(0, 64)})` : '';
  return new CatalogFormatError(`Line ${lineNo}${named}: ${describeIssue(error)}`);
}

function parseHeader(line: string | undefined): CatalogHeader {
  const value = headerValue(line, CATALOG_FORMAT, 'catalog');
  if (value.formatVersion !== CATALOG_FORMAT_VERSION) {
    throw new CatalogFormatError(
      `Line 1: catalog format version ${String(value.formatVersion)} is not supported; this PaperPeek reads version ${CATALOG_FORMAT_VERSION}.`,
    );
  }
  const header = catalogHeaderSchema.safeParse(value);
  if (!header.success) throw new CatalogFormatError(`Line 1: ${describeIssue(header.error)}`);
  return header.data;
}

/**
 * What sets one NDJSON record file apart from another (a catalog, a subscription delta): its
 * header, its record lines and the batches handed out. The framing (a header announcing a count,
 * one record a line, the `{end, count}` closing line) and every bound are shared.
 */
export type RecordFormat<H extends { count: number }, R, B> = {
  /** What a record line holds, plural, for messages ("papers"). */
  unit: string;
  /** Parses line 1 (undefined for an empty file); throws a CatalogFormatError. */
  header(line: string | undefined): H;
  /** Validates one record line's JSON value; throws a CatalogFormatError naming `lineNo`. */
  record(value: Record<string, unknown> | null, lineNo: number): R;
  /** The id no two records of a file may share. */
  id(record: R): string;
  /** A batch as handed out; `read` counts the records read so far, skipped ones included. */
  batch(records: R[], lines: string[], read: number): B;
};

export type RecordStream<H, B> = {
  header: H;
  /** Validated records in batches; returns the footer once the whole file checked out. */
  batches: AsyncGenerator<B, CatalogFooter>;
  /** Stop reading without consuming the records (releases the source). */
  cancel: () => Promise<void>;
};

export async function openRecords<H extends { count: number }, R, B>(
  source: ReadableStream<Uint8Array>,
  format: RecordFormat<H, R, B>,
  { skip = 0, batchSize = 2000 }: OpenOptions = {},
): Promise<RecordStream<H, B>> {
  const { unit } = format;
  const budget: TextBudget = { maxChars: Infinity };
  const cursor = new LineCursor(lineChunks(source, budget));
  let header: H;
  try {
    header = format.header((await cursor.ready()) ? cursor.take() : undefined);
  } catch (error) {
    await cursor.close();
    throw error;
  }
  // The header, every record and the footer, each at most a line's bound.
  budget.maxChars = (header.count + 2) * (MAX_LINE_CHARS + 1);

  async function* batches(): AsyncGenerator<B, CatalogFooter> {
    try {
      for (let skipped = 0; skipped < skip;) {
        if (!(await cursor.ready())) {
          throw new CatalogFormatError(
            `The file ends after ${skipped} ${unit}, before the ${skip} already loaded: it changed since the load started.`,
          );
        }
        for (let n = Math.min(cursor.buffered, skip - skipped); n > 0; n--, skipped++)
          cursor.take();
      }
      const seen = new Set<string>();
      let count = skip;
      let records: R[] = [];
      let lines: string[] = [];
      for (;;) {
        if (!(await cursor.ready())) {
          throw new CatalogFormatError(
            `The file ends after ${count} of ${header.count} ${unit} without its closing line: it is truncated. Download it again.`,
          );
        }
        // Everything buffered is handled without an await: per-line async overhead dominated.
        for (let n = cursor.buffered; n > 0; n--) {
          const line = cursor.take();
          const lineNo = cursor.lineNo;
          if (!line.trim()) throw new CatalogFormatError(`Line ${lineNo}: empty line.`);
          const value = parseJson(line, lineNo) as Record<string, unknown> | null;
          if (typeof value === 'object' && value !== null && 'end' in value) {
            if (records.length) yield format.batch(records, lines, count);
            return await checkFooter(value, count);
          }
          if (count >= header.count) {
            throw new CatalogFormatError(
              `Line ${lineNo}: the header says ${header.count} ${unit}, but the file holds more.`,
            );
          }
          const record = format.record(value, lineNo);
          const id = format.id(record);
          if (seen.has(id)) throw new CatalogFormatError(`Line ${lineNo}: duplicate id ${id}.`);
          seen.add(id);
          records.push(record);
          lines.push(line);
          count++;
          if (records.length >= batchSize) {
            yield format.batch(records, lines, count);
            records = [];
            lines = [];
          }
        }
      }
    } finally {
      await cursor.close();
    }
  }

  async function checkFooter(value: object, count: number): Promise<CatalogFooter> {
    const lineNo = cursor.lineNo;
    const footer = catalogFooterSchema.safeParse(value);
    if (!footer.success)
      throw new CatalogFormatError(`Line ${lineNo}: ${describeIssue(footer.error)}`);
    if (footer.data.count !== count || header.count !== count) {
      throw new CatalogFormatError(
        `Line ${lineNo}: the file holds ${count} ${unit} but its header says ${header.count} and its closing line ${footer.data.count}.`,
      );
    }
    while (await cursor.ready()) {
      if (cursor.take().trim()) {
        throw new CatalogFormatError(`Line ${cursor.lineNo}: data after the closing line.`);
      }
    }
    return footer.data;
  }

  const cancel = async () => {
    await cursor.close();
  };
  return { header, batches: batches(), cancel };
}

const paperFormat: RecordFormat<CatalogHeader, Paper, CatalogBatch> = {
  unit: 'papers',
  header: parseHeader,
  record(value, lineNo) {
    const paper = paperSchema.safeParse(value);
    if (paper.success) return paper.data;
    throw invalidRecord(lineNo, value?.id, paper.error);
  },
  id: (paper) => paper.id,
  batch: (papers, lines) => ({ papers, lines }),
};

export function openCatalog(
  source: ReadableStream<Uint8Array>,
  options: OpenOptions = {},
): Promise<CatalogStream> {
  return openRecords(source, paperFormat, options);
}
