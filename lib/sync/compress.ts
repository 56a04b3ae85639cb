/**
 * gzip (WebDAV files) and gzip + base64 (storage.sync, whose quota counts characters): the
 * reading list's JSON (repeated keys, clocks sharing prefixes, similar titles) shrinks several-fold.
 * CompressionStream exists in extension pages, service workers and Node alike.
 */

export async function gzipBase64(text: string): Promise<string> {
  return toBase64(await gzip(text));
}

export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The most text a device's sync file may inflate to. A real reading list of 10,000 papers with
 * notes is a few MB; a few KB of crafted gzip can inflate to gigabytes.
 */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export class InflatedTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`it inflates to more than ${Math.round(limit / 1024 / 1024)} MB`);
  }
}

/** Throws on bytes that are not gzip, and InflatedTooLargeError past `limit` bytes of output. */
export async function gunzip(bytes: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<string> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new InflatedTooLargeError(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export async function gunzipBase64(base64: string): Promise<string> {
  return gunzip(fromBase64(base64));
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list within engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
