import { z } from 'zod';
import { clockProblem } from '../sync/hlc';
import { backupChecksum, CHECKSUM_RE } from './backup-checksum';
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
  // A clock from far ahead would outrank every later edit on every device it syncs to.
  .refine((entry) => Object.values(entry.clock).every((c) => !clockProblem(c, Date.now())), {
    message: 'a sync clock is dated more than a day in the future',
    path: ['clock'],
  });

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `not a PaperPeek reading-list backup` }),
  version: z.number().int(),
  exportedAt: z.iso.datetime(),
  /** Absent in backups written before checksums existed; those still restore. */
  sha256: z.string().regex(CHECKSUM_RE, { error: 'sha256 is not a checksum' }).optional(),
  entries: z.array(z.unknown()).max(MAX_BACKUP_ENTRIES),
  tombstones: z.array(z.unknown()).max(MAX_BACKUP_ENTRIES),
});

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  /** backup-checksum.ts: over everything else in the file. */
  sha256: string;
  entries: Entry[];
  tombstones: Tombstone[];
}

export async function toBackup(
  entries: readonly Entry[],
  tombstones: readonly Tombstone[],
  exportedAt = new Date(),
): Promise<string> {
  const content = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    entries: [...entries],
    tombstones: [...tombstones],
  } satisfies Omit<Backup, 'sha256'>;
  const { entries: list, tombstones: deletions, ...head } = content;
  // The checksum goes before the entries, where someone reading the file sees it.
  const backup: Backup = {
    ...head,
    sha256: await backupChecksum(content),
    entries: list,
    tombstones: deletions,
  };
  return `${JSON.stringify(backup, null, 1)}\n`;
}

export { tombstoneSchema };
