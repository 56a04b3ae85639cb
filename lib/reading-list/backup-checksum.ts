import { stableJson } from '../sync/merge';

/**
 * The backup's checksum: SHA-256 over its content with keys sorted, so re-indenting the file
 * keeps it valid while any changed value does not. It catches a damaged download and a hand edit
 * that leaves the checksum in place; it cannot stop someone who recomputes it or deletes it (a
 * backup without one is read as one from before checksums, which all restore).
 */

export type BackupContent = {
  format: unknown;
  version: unknown;
  exportedAt: unknown;
  entries: readonly unknown[];
  tombstones: readonly unknown[];
};

export const CHECKSUM_RE = /^[0-9a-f]{64}$/;

export async function backupChecksum(content: BackupContent): Promise<string> {
  const { format, version, exportedAt, entries, tombstones } = content;
  const canonical = stableJson({ format, version, exportedAt, entries, tombstones });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
