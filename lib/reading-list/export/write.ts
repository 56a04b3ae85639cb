import { toBackup } from '../backup';
import type { Entry, Tombstone } from '../entry';
import { toBibtex } from './bibtex';
import { toCslJson } from './csl-json';
import { toCsv } from './csv';
import { toMarkdown } from './markdown';
import { toRis } from './ris';
import type { ExportFormatId } from './formats';

/** The text of an export. Tombstones only go into the backup (async: its checksum is). */
export async function writeExport(
  id: ExportFormatId,
  entries: readonly Entry[],
  tombstones: readonly Tombstone[],
  now: Date,
): Promise<string> {
  switch (id) {
    case 'bibtex':
      return toBibtex(entries);
    case 'ris':
      return toRis(entries);
    case 'csl-json':
      return toCslJson(entries);
    case 'markdown':
      return toMarkdown(entries, now);
    case 'csv':
      return toCsv(entries);
    case 'backup':
      return toBackup(entries, tombstones, now);
  }
}
