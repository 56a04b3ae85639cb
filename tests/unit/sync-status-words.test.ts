import { describe, expect, it } from 'vitest';
import type { RemoteStatus } from '../../lib/sync/status';
import { BROWSER_SYNC_REACH, statusLines } from '../../lib/sync/status-words';

const NOW = Date.UTC(2026, 11, 8, 12, 0, 0);

function remote(kind: RemoteStatus['kind'], over: Partial<RemoteStatus> = {}): RemoteStatus {
  return {
    kind,
    label: kind === 'webdav' ? 'WebDAV (dav.example.org)' : 'Browser sync',
    lastSuccessAt: null,
    lastAttemptAt: null,
    error: null,
    nextRetryAt: null,
    failures: 0,
    overQuota: null,
    needsConfirmation: null,
    lastBytesSent: null,
    warnings: [],
    ...over,
  };
}

const texts = (...args: Parameters<typeof statusLines>) => statusLines(...args).map((l) => l.text);

describe('sync status in words', () => {
  it('first run: the switch is on and no sync has run; it says browser sync is on, not off', () => {
    const lines = texts(
      { storageSync: true, webdav: false },
      { running: false, remotes: [] },
      {
        now: NOW,
      },
    );
    expect(lines).toEqual([
      `Browser sync is on; your list has not been saved to the browser’s sync storage yet. ${BROWSER_SYNC_REACH}`,
    ]);
    expect(lines.join(' ')).not.toMatch(/\boff\b/);
  });

  it('after a browser sync it says saved to sync storage and when, never "synced"', () => {
    const status = {
      running: false,
      remotes: [remote('storage-sync', { lastSuccessAt: NOW - 60_000 })],
    };
    const full = texts({ storageSync: true, webdav: false }, status, { now: NOW });
    expect(full).toEqual([
      `Saved to this browser’s sync storage 1 minute ago. ${BROWSER_SYNC_REACH}`,
    ]);
    const short = texts({ storageSync: true, webdav: false }, status, {
      now: NOW,
      length: 'short',
    });
    expect(short).toEqual(['Saved to browser sync storage 1 minute ago.']);
    expect([...full, ...short].join(' ')).not.toMatch(/\bsynced\b/);
  });

  it('both switches off: "Sync is off", whatever an earlier status recorded', () => {
    const status = {
      running: false,
      remotes: [remote('storage-sync', { lastSuccessAt: NOW - 5_000 })],
    };
    expect(texts({ storageSync: false, webdav: false }, status, { now: NOW })).toEqual([
      'Sync is off on this device.',
    ]);
  });

  it('nothing is said while the switch is still loading', () => {
    expect(
      statusLines({ storageSync: undefined, webdav: false }, { running: false, remotes: [] }),
    ).toEqual([]);
  });

  it('WebDAV answers for itself: synced, with its host; browser sync off is not mentioned', () => {
    const status = {
      running: false,
      remotes: [remote('webdav', { lastSuccessAt: NOW - 2 * 3_600_000 })],
    };
    expect(texts({ storageSync: false, webdav: true }, status, { now: NOW })).toEqual([
      'WebDAV (dav.example.org): synced 2 hours ago.',
    ]);
    expect(texts({ storageSync: false, webdav: true }, { running: false, remotes: [] })).toEqual([
      'WebDAV: not synced yet.',
    ]);
  });

  it('errors and questions come first, marked as errors', () => {
    const status = {
      running: false,
      remotes: [
        remote('storage-sync', { error: 'Browser sync is full.', lastSuccessAt: NOW - 1 }),
        remote('webdav', { needsConfirmation: { deleting: 6, total: 10 } }),
      ],
    };
    const lines = statusLines({ storageSync: true, webdav: true }, status, { now: NOW });
    expect(lines.map((l) => [l.kind, l.error])).toEqual([
      ['storage-sync', true],
      ['webdav', true],
    ]);
    expect(lines[0]!.text).toBe('Browser sync: Browser sync is full.');
    expect(lines[1]!.text).toMatch(/^WebDAV \(dav\.example\.org\): Sync would remove 6 of your 10/);
  });
});
