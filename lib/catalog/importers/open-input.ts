import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import streamArray from 'stream-json/streamers/stream-array.js';

/**
 * Streaming readers for input files, plain or gzip (told by the magic bytes, not the name), so a
 * multi-gigabyte snapshot is never held in memory whole.
 */

async function isGzip(path: string): Promise<boolean> {
  for await (const chunk of createReadStream(path, { start: 0, end: 1 })) {
    const bytes = chunk as Buffer;
    return bytes[0] === 0x1f && bytes[1] === 0x8b;
  }
  return false;
}

async function openStream(path: string): Promise<Readable> {
  const file = createReadStream(path);
  if (!(await isGzip(path))) return file;
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

/** The file's lines, without line terminators. */
export async function* readLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: await openStream(path), crlfDelay: Infinity });
  yield* lines;
}

/**
 * The elements of a file holding one JSON array, with their 0-based index. Throws (with the
 * parser's message) on JSON that does not parse: nothing after that point can be trusted.
 */
export async function* readJsonArray(
  path: string,
): AsyncGenerator<{ index: number; value: unknown }> {
  const items = (await openStream(path)).pipe(streamArray.withParserAsStream());
  for await (const item of items) {
    const { key, value } = item as { key: number; value: unknown };
    yield { index: key, value };
  }
}
