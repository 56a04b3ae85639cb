/**
 * storage.sync's limits (Chrome and Firefox alike) and how it counts: an item costs its key's
 * length plus the length of its JSON-stringified value.
 */
export const SYNC_QUOTA = {
  bytes: 102_400,
  bytesPerItem: 8_192,
  items: 512,
  writesPerMinute: 120,
} as const;

export function itemBytes(key: string, value: unknown): number {
  return key.length + new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * Our share of the area: other keys (a setting someone stores in sync) keep theirs, and a margin
 * absorbs the meta item and rounding.
 */
export const SYNC_MARGIN_BYTES = 1_024;
/** Base64 characters per chunk item: 8,192 minus the key, the generation tag and JSON quotes. */
export const CHUNK_CHARS = 8_000;
/** Chunks we may use, leaving items for everything else in the area. */
export const MAX_CHUNKS = 480;

export const META_KEY = 'pp:m';
export const chunkKey = (i: number) => `pp:c${i}`;
export const isOurKey = (key: string) => key.startsWith('pp:');
