import { parseDoi, titleKey } from '@/lib/catalog/identifiers';
import type { StoredPaper } from '@/lib/db/catalog-db';

/**
 * Reads a catalog file (plain or gzip) as stored records, in chunks, so the floor benchmark can
 * parse a million papers outside its timed region without holding them all at once.
 */

async function isGzip(file: Blob): Promise<boolean> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return magic[0] === 0x1f && magic[1] === 0x8b;
}

/** The same derived keys the loader stores, so both sides write identical records. */
export function storedRecord(paper: StoredPaper): StoredPaper {
  paper.titleKey = titleKey(paper.title);
  if (paper.doi) paper.doiKey = parseDoi(paper.doi) ?? paper.doi.toLowerCase();
  return paper;
}

export async function* recordChunks(file: Blob, chunkSize: number): AsyncGenerator<StoredPaper[]> {
  // Node's and the DOM's stream typings disagree on these pairs; the runtime objects are the same.
  let stream = file.stream() as ReadableStream<BufferSource>;
  if (await isGzip(file)) stream = stream.pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  let lineNo = 0;
  const chunk: StoredPaper[] = [];
  const take = (line: string) => {
    lineNo++;
    // Line 1 is the header; the footer is the one line with `"end":true`.
    if (lineNo === 1 || !line || line.startsWith('{"end":')) return;
    chunk.push(storedRecord(JSON.parse(line) as StoredPaper));
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const lines = (rest + value).split('\n');
    rest = lines.pop()!;
    for (const line of lines) take(line);
    // Exact chunk sizes keep the floor's transactions the same size as the loader's batches.
    while (chunk.length >= chunkSize) yield chunk.splice(0, chunkSize);
  }
  take(rest);
  if (chunk.length) yield chunk;
}
