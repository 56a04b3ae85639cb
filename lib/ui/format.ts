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

type When = { locale?: string; timeZone?: string };

const dayKey = (date: Date, timeZone?: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);

/** "3 May" (or "May 3"), with the year only when it is not this year's. */
export function formatDay(date: Date, now: Date, { locale, timeZone }: When = {}): string {
  const sameYear = dayKey(date, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/**
 * A time near now, as people say it after a verb: "at 14:20" today, "tomorrow at 00:10",
 * "yesterday at 18:05", else "on 3 May at 14:20". The clock follows the locale (24 h or AM/PM).
 */
export function formatWhen(iso: string, now: Date, options: When = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { locale, timeZone } = options;
  const time = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }).format(date);
  const day = dayKey(date, timeZone);
  const shift = (days: number) => dayKey(new Date(now.getTime() + days * 86_400_000), timeZone);
  if (day === dayKey(now, timeZone)) return `at ${time}`;
  if (day === shift(1)) return `tomorrow at ${time}`;
  if (day === shift(-1)) return `yesterday at ${time}`;
  return `on ${formatDay(date, now, options)} at ${time}`;
}

/**
 * How long ago, short: "just now", "5 min ago", "2 h ago", "yesterday", "3 days ago", then the
 * date ("3 May"). A time in the future (a clock set wrong) reads as "just now".
 */
export function formatAgo(iso: string, now: Date, options: When = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const minutes = Math.floor((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return formatDay(date, now, options);
}
