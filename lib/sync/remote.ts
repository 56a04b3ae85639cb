import type { SyncState } from './state';

/**
 * One place where devices meet. A remote reads the merge of everything stored there and writes a
 * state that already contains it (the driver merges first), so a remote never needs to merge.
 */
export interface Remote {
  readonly kind: RemoteKind;
  /** For people: "Browser sync" or the WebDAV host. */
  readonly label: string;
  read(): Promise<RemoteRead>;
  /** Store `next`; `read` is what this sync read, for preconditions (ETags, unchanged checks). */
  write(next: SyncState, read: RemoteRead): Promise<RemoteWrite>;
}

export type RemoteKind = 'storage-sync' | 'webdav';

export interface RemoteRead {
  state: SyncState;
  /** Remote-specific bookkeeping for the matching write (ETags, the text already stored). */
  token?: unknown;
  /**
   * What was left out and why, in plain words (a damaged device file, entries dated in the
   * future). The sync still completes with the rest; the status shows these until they clear.
   */
  warnings?: string[];
}

export interface RemoteWrite {
  /** Bytes sent to the remote (0 when nothing had changed). */
  bytesSent: number;
  /** Set when only part of the list fits (storage.sync's quota). */
  overQuota?: { synced: number; total: number };
}

/**
 * A sync failure, with the message already in words for the user. `retryable` failures (network,
 * time-outs, 5xx, another device mid-write) are retried with back-off; the others wait for the user.
 */
export class SyncError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code: SyncErrorCode,
  ) {
    super(message);
  }
}

export type SyncErrorCode =
  | 'auth'
  | 'permission'
  | 'network'
  | 'timeout'
  | 'server'
  | 'conflict'
  | 'malformed'
  | 'busy'
  | 'quota'
  | 'config';
