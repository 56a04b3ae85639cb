import { CHUNK, type ChunkRecord, type CatalogDb, type Slot } from './catalog-db';

/** Packing catalog lines into chunk records and reading single lines back out of them. */

/** Chunk records for `lines`, the papers from position `start` (a multiple of CHUNK) on. */
export function packChunks(start: number, lines: readonly string[]): ChunkRecord[] {
  if (start % CHUNK !== 0) throw new Error(`Chunks must start at a multiple of ${CHUNK}: ${start}`);
  const chunks: ChunkRecord[] = [];
  for (let i = 0; i < lines.length; i += CHUNK) {
    chunks.push({ n: (start + i) / CHUNK, lines: lines.slice(i, i + CHUNK).join('\n') });
  }
  return chunks;
}

export function chunkOf(position: number): number {
  return Math.floor(position / CHUNK);
}

/** Line `position % CHUNK` of its chunk, found without splitting the whole chunk. */
export function lineAt(chunk: ChunkRecord, position: number): string {
  let begin = 0;
  for (let skip = position % CHUNK; skip > 0; skip--) {
    begin = chunk.lines.indexOf('\n', begin) + 1;
    if (begin === 0) throw new Error(`Chunk ${chunk.n} has no line for paper ${position}.`);
  }
  const end = chunk.lines.indexOf('\n', begin);
  return end < 0 ? chunk.lines.slice(begin) : chunk.lines.slice(begin, end);
}

/**
 * The stored lines at `positions`, read in one transaction with one bulkGet of the distinct
 * chunks. Call inside a transaction to read alongside other tables.
 */
export async function readLines(
  db: CatalogDb,
  slot: Slot,
  positions: Iterable<number>,
): Promise<Map<number, string>> {
  const wanted = [...new Set(positions)];
  const numbers = [...new Set(wanted.map(chunkOf))];
  const chunks = await db.chunks(slot).bulkGet(numbers);
  const byNumber = new Map(chunks.flatMap((c) => (c ? [[c.n, c] as const] : [])));
  const lines = new Map<number, string>();
  for (const position of wanted) {
    const chunk = byNumber.get(chunkOf(position));
    if (chunk) lines.set(position, lineAt(chunk, position));
  }
  return lines;
}
