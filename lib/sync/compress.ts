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

/** Throws on bytes that are not gzip. */
export async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
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
