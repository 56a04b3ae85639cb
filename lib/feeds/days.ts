/**
 * Calendar days as `YYYY-MM-DD` text, in UTC (Hugging Face's daily lists) or in a named time
 * zone (arXiv announces at midnight in New York). Pure; time zones through Intl, so daylight
 * saving time follows the zone's own rules.
 */

export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The UTC day of an instant. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Whether a text is a real calendar day (`2024-02-30` is not). */
export function isDay(day: string): boolean {
  return DAY_RE.test(day) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
}

export function addDays(day: string, n: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function isWeekend(day: string): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone, read back as if they were UTC. */
function wallAsUtc(at: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of format(timeZone).formatToParts(at)) parts[type] = Number(value);
  return Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
}

/** The day an instant falls on in a zone. */
export function zonedDay(at: Date, timeZone: string): string {
  return utcDay(new Date(wallAsUtc(new Date(Math.floor(at.getTime() / 1000) * 1000), timeZone)));
}

/**
 * The instant a zone's clocks show `day` at `hour:minute`. Two passes settle the offset; a time
 * that a spring-forward skips resolves to the instant one offset later, which is never asked for
 * here (arXiv's 00:15 is outside every DST change).
 */
export function zonedTime(day: string, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - (wallAsUtc(new Date(guess), timeZone) - guess);
  return new Date(guess);
}
