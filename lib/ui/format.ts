/**
 * Number, size and date wording for the extension's pages. Locale-aware through `Intl`, so a
 * German browser reads "100.000 Papers" the way its user expects; callers may pin a locale.
 */

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Decimal units (1 MB = 1,000,000 bytes), as operating systems show file and disk sizes. */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  // Whole bytes need no decimals; "3.4 MB" is as precise as anyone reads a storage figure.
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number} ${BYTE_UNITS[unit]}`;
}

/** A date and time for people; the raw string when it is not a date, so nothing is hidden. */
export function formatDateTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "1 paper", "2 papers", with the count formatted. */
export function formatPapers(count: number, locale?: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? 'paper' : 'papers'}`;
}
