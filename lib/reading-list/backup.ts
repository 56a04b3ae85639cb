import { z } from 'zod';
import { EDITABLE_FIELDS, entrySchema, tombstoneSchema, type Entry, type Tombstone } from './entry';

/**
 * The full JSON backup: every entry with its notes, tags, dates and sync clocks, and the
 * tombstones, so that restoring it reproduces the list exactly. Its own format name and version
 * let the import refuse a file that is something else or from a newer PaperPeek.
 */

export const BACKUP_FORMAT = 'paperpeek-reading-list';
export const BACKUP_VERSION = 1;
/** A ceiling far above any real list; it bounds the work a hostile file can cause. */
export const MAX_BACKUP_ENTRIES = 100_000;

const CLOCK_KEYS = new Set<string>(['added', ...EDITABLE_FIELDS]);

/** An entry as stored, and nothing more: clocks name only real fields (never `__proto__`). */
export const backupEntrySchema = entrySchema
  .strict()
  .refine((entry) => Object.keys(entry.clock).every((key) => CLOCK_KEYS.has(key)), {
    message: 'clock names a field that does not exist',
    path: ['clock'],
  })
  // The manager renders these as links: a `javascript:` URL from a file must never become one.
  .refine(
    (entry) =>
      [entry.snapshot.url, entry.snapshot.pdf, entry.snapshot.code].every(
        (link) => link === undefined || /^https?:\/\//i.test(link),
      ),
    { message: 'only http(s) links are restored', path: ['snapshot'] },
  );

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `not a PaperPeek reading-list backup` }),
  version: z.number().int(),
  exportedAt: z.iso.datetime(),
  entries: z.array(z.unknown()).max(MAX_BACKUP_ENTRIES),
  tombstones: z.array(z.unknown()).max(MAX_BACKUP_ENTRIES),
});

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  entries: Entry[];
  tombstones: Tombstone[];
}

export function toBackup(
  entries: readonly Entry[],
  tombstones: readonly Tombstone[],
  exportedAt = new Date(),
): string {
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    entries: [...entries],
    tombstones: [...tombstones],
  };
  return `${JSON.stringify(backup, null, 1)}\n`;
}

export { tombstoneSchema };
