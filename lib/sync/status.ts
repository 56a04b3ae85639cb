import { z } from 'zod';

/** What a user sees about sync, per remote: kept in storage.local by the background. */
export const remoteStatusSchema = z.object({
  kind: z.enum(['storage-sync', 'webdav']),
  label: z.string(),
  /** Epoch ms of the last sync that completed. */
  lastSuccessAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  /** Why the last attempt failed, in plain words; null once a sync succeeds. */
  error: z.string().nullable(),
  /** When the next automatic retry is due, after a failure that may pass (network, 5xx). */
  nextRetryAt: z.number().nullable(),
  failures: z.number().int(),
  /** Only part of the list fits in browser sync. */
  overQuota: z.object({ synced: z.number().int(), total: z.number().int() }).nullable(),
  /** A sync stopped because it would remove many papers; it waits for the user's go-ahead. */
  needsConfirmation: z
    .object({
      deleting: z.number().int(),
      total: z.number().int(),
      /** Papers syncs removed earlier in the window (run-sync.ts), when there were any. */
      recent: z.number().int().optional(),
    })
    .nullable(),
  lastBytesSent: z.number().int().nullable(),
  /** What the last completed sync left out and why (a damaged device file, future clocks). */
  warnings: z.array(z.string().max(500)).max(110).default([]),
});
export type RemoteStatus = z.infer<typeof remoteStatusSchema>;

export const syncStatusSchema = z.object({
  running: z.boolean(),
  remotes: z.array(remoteStatusSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** Plain-words line for the over-quota case (popup and options page). */
export function overQuotaMessage(q: { synced: number; total: number }): string {
  return `${q.synced.toLocaleString('en')} of ${q.total.toLocaleString('en')} papers sync through the browser; set up WebDAV to sync all.`;
}

export function confirmMessage(c: { deleting: number; total: number; recent?: number }): string {
  const papers = (n: number) => (n === 1 ? '1 paper' : `${n} papers`);
  const ask = c.recent
    ? `Sync would remove ${c.deleting} more of your ${c.total} papers (deleted on another device), after removing ${papers(c.recent)} in the last 7 days. Nothing more was removed yet.`
    : `Sync would remove ${c.deleting} of your ${c.total} papers (deleted on another device). Nothing was removed yet.`;
  return `${ask} Removed papers go to Recently deleted in the reading list, where you can restore them for 30 days.`;
}
