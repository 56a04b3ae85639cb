import { SyncError } from './remote';

/** Reads a body up to `maxBytes`, giving up as soon as `signal` aborts. */
export async function readCapped(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  timeout: () => SyncError,
  tooLarge: () => SyncError,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  // fetch ends the body on abort; a body that is not tied to the signal is cancelled here.
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch {
        if (signal.aborted) throw timeout();
        throw new SyncError('The connection to the WebDAV server broke off.', true, 'network');
      }
      if (signal.aborted) throw timeout();
      if (step.done) break;
      total += step.value.byteLength;
      if (total > maxBytes) {
        cancel();
        throw tooLarge();
      }
      chunks.push(step.value);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
