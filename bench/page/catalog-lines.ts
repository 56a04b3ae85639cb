import { parseDoi, titleKey } from '@/lib/catalog/identifiers';
import type { Paper } from '@/lib/catalog/schema';

/**
 * Reads a catalog file (plain or gzip) in chunks of paper lines, so the floor benchmarks can parse
 * a million papers outside their timed region without holding them all at once.
 */

/** What the per-record floor stores: the paper plus the keys the old one-record layout indexed. */
export type FloorRecord = Paper & { titleKey: string; doiKey?: string };

async function isGzip(file: Blob): Promise<boolean> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return magic[0] === 0x1f && magic[1] === 0x8b;
}

export function floorRecord(line: string): FloorRecord {
  const paper = JSON.parse(line) as FloorRecord;
  paper.titleKey = titleKey(paper.title);
  if (paper.doi) paper.doiKey = parseDoi(paper.doi) ?? paper.doi.toLowerCase();
  return paper;
}

/** The paper lines of the file (header and footer dropped), `chunkSize` at a time. */
export async function* paperLines(file: Blob, chunkSize: number): AsyncGenerator<string[]> {
  // Node's and the DOM's stream typings disagree on these pairs; the runtime objects are the same.
  let stream = file.stream() as ReadableStream<BufferSource>;
  if (await isGzip(file)) stream = stream.pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  let lineNo = 0;
  const chunk: string[] = [];
  const take = (line: string) => {
    lineNo++;
    // Line 1 is the header; the footer is the one line with `"end":true`.
    if (lineNo === 1 || !line || line.startsWith('{"end":')) return;
    chunk.push(line);
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
