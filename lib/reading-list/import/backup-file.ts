import { BACKUP_FORMAT, BACKUP_VERSION, backupEntrySchema, backupHeaderSchema } from '../backup';
import { backupChecksum } from '../backup-checksum';
import { tombstoneSchema, type Entry, type Tombstone } from '../entry';
import { ImportFileError } from './decode';
import { firstIssue } from './issues';
import type { ParsedImport } from './types';

/**
 * Reads a PaperPeek backup. The file as a whole must be ours and complete (a truncated file does
 * not parse as JSON); single entries that fail validation are listed as invalid and the rest can
 * still be restored.
 */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      // A backup we wrote never has these keys; a file that does is trying to reach prototypes.
      if (FORBIDDEN_KEYS.has(key)) throw new ImportFileError(`The backup contains a "${key}" key.`);
      return value;
    });
  } catch (error) {
    if (error instanceof ImportFileError) {
      throw new ImportFileError(
        `${error.message} PaperPeek never writes one; the file was altered.`,
      );
    }
    throw new ImportFileError(
      `The backup is not valid JSON; it may be cut short or damaged (${(error as Error).message}).`,
    );
  }
}

export async function parseBackup(text: string): Promise<ParsedImport> {
  const data = parseJson(text);
  if (typeof data === 'object' && data && 'version' in data && data.version !== BACKUP_VERSION) {
    const version = JSON.stringify(data.version).slice(0, 20);
    if ((data as { format?: unknown }).format === BACKUP_FORMAT) {
      throw new ImportFileError(
        `This backup has format version ${version}; this PaperPeek reads version ${BACKUP_VERSION}. Update PaperPeek to restore it.`,
      );
    }
  }
  const header = backupHeaderSchema.safeParse(data);
  if (!header.success) {
    throw new ImportFileError(`This is not a PaperPeek backup (${firstIssue(header.error)}).`);
  }
  const { sha256 } = header.data;
  if (sha256 !== undefined && (await backupChecksum(header.data)) !== sha256) {
    throw new ImportFileError(
      'The backup was changed after PaperPeek wrote it: its checksum does not match its content. Nothing was imported; restore an unedited copy.',
    );
  }
  const result: ParsedImport = {
    format: 'backup',
    records: [],
    entries: [],
    tombstones: [],
    invalid: [],
  };
  const seen = new Set<string>();
  header.data.entries.forEach((raw, i) => {
    const parsed = backupEntrySchema.safeParse(raw);
    if (!parsed.success) {
      result.invalid.push({ where: `entry ${i + 1}`, reason: firstIssue(parsed.error) });
    } else if (seen.has(parsed.data.id)) {
      result.invalid.push({
        where: `entry ${i + 1}`,
        reason: `id ${parsed.data.id} appears twice`,
      });
    } else {
      seen.add(parsed.data.id);
      result.entries.push(parsed.data as Entry);
    }
  });
  header.data.tombstones.forEach((raw, i) => {
    const parsed = tombstoneSchema.safeParse(raw);
    if (parsed.success) result.tombstones.push(parsed.data as Tombstone);
    else result.invalid.push({ where: `tombstone ${i + 1}`, reason: firstIssue(parsed.error) });
  });
  return result;
}
