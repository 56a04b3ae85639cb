/**
 * Turns the bytes of an import file into text, or refuses it with a message a user can act on.
 * Nothing is parsed from a file that is too big, binary, or not UTF-8: reading Latin-1 or UTF-16
 * bytes as UTF-8 would import garbled titles silently.
 */

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Refuses a file by size alone, before reading it into memory. */
export function checkImportSize(size: number): void {
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportFileError(
      `The file is ${megabytes(size)}; PaperPeek imports files up to ${megabytes(MAX_IMPORT_BYTES)}. Split it into smaller files.`,
    );
  }
}

export function decodeImportBytes(bytes: Uint8Array): string {
  checkImportSize(bytes.length);
  if (bytes.length === 0) throw new ImportFileError('The file is empty.');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFileError(
      'The file is UTF-16 text. Save it as UTF-8 (in Zotero: Export with "Unicode (UTF-8)") and import it again.',
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new ImportFileError(
      `The file contains a NUL byte (at byte ${nul}): it is binary or UTF-16 text, not a UTF-8 text file.`,
    );
  }
  try {
    // The decoder drops a UTF-8 byte-order mark, which Windows editors add.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      'The file is not UTF-8 text (it may be Latin-1 or Windows-1252). Save it as UTF-8 and import it again.',
    );
  }
}
