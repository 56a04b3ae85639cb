import { parseDailyPaper, type DailyPaperRecord } from '../catalog/importers/hf-daily-entry';
import { toPaper } from '../catalog/importers/to-papers';
import { paperSchema, type Paper } from '../catalog/schema';
import { isDay } from './days';

/**
 * Hugging Face's daily papers (`/api/daily_papers`): the URLs, and one page read into papers.
 * The plan of a run is in hf-plan.ts.
 *
 * A run fetches the trending list, then days newest first: on the first run the last
 * `backfillDays` days, later the days since the last run plus the last two again (upvotes keep
 * changing). Each day is paged until a page has fewer than 100 items. Saturdays and Sundays are
 * skipped: Hugging Face's lists are empty on weekend days (../shared/data/feeds/README.md), so
 * asking would spend two of every seven requests of the 500 per 5 minutes it allows, and a
 * seventh of a backfill's time, on answers known to be `[]`; the trending list still carries any
 * paper that gets attention on a weekend. No day after today (UTC) is ever asked for: Hugging
 * Face refuses it.
 */

export const HF_HOST = 'huggingface.co';
export const HF_API = `https://${HF_HOST}/api/daily_papers`;
/** The API's largest page. */
export const HF_PAGE_SIZE = 100;
/** A page of 100 items is about 0.5 MB; far more is not a page of daily papers. */
export const HF_MAX_BYTES = 8 * 1024 * 1024;

export function hfDayUrl(day: string, page: number): string {
  if (!isDay(day)) throw new Error(`not a day: "${day}" (YYYY-MM-DD)`);
  if (!Number.isInteger(page) || page < 0) throw new Error(`not a page number: ${page}`);
  return `${HF_API}?date=${day}&limit=${HF_PAGE_SIZE}&p=${page}`;
}

/** The trending list (the API ignores date filters with this sort). */
export function hfTrendingUrl(): string {
  return `${HF_API}?sort=trending&limit=${HF_PAGE_SIZE}`;
}

export type HfItem = { id: string; upvotes?: number };

export type HfPage = {
  papers: Paper[];
  /** The page's papers in its order, for the lists the popup shows. */
  items: HfItem[];
  /** Entries left out or fields ignored, each with its position (1-based) and why. */
  issues: string[];
  /** Entries on the page, good or bad: fewer than HF_PAGE_SIZE means the day's last page. */
  count: number;
};

/**
 * One page of `/api/daily_papers`. Throws, saying what is wrong, when the body is not a JSON
 * array (cut off, an error object, HTML); bad entries are left out and named in `issues`.
 */
export function parseHfPage(text: string, at: string = new Date().toISOString()): HfPage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const cut = /^\s*\[/.test(text) && !/\]\s*$/.test(text);
    throw new Error(
      `Hugging Face's answer is not valid JSON${cut ? ' (it was cut off)' : ''}: ${(error as Error).message}`,
    );
  }
  if (!Array.isArray(value))
    throw new Error(`Hugging Face's answer is ${describe(value)}, not a list of papers`);
  const papers: Paper[] = [];
  const items: HfItem[] = [];
  const issues: string[] = [];
  const seen = new Set<string>();
  value.forEach((entry, i) => {
    const where = `item ${i + 1}`;
    const record = parseDailyPaper(entry);
    if (typeof record === 'string') {
      issues.push(`${where}: ${record}`);
      return;
    }
    if (seen.has(record.arxivId)) {
      issues.push(`${where}: ${record.arxivId} is listed twice`);
      return;
    }
    for (const field of record.ignored ?? [])
      issues.push(`${where}: ${record.arxivId}: ignored ${field}`);
    const paper = paperSchema.safeParse(hfPaper(record, at));
    if (!paper.success) {
      const issue = paper.error.issues[0]!;
      issues.push(`${where}: ${record.arxivId}: ${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    seen.add(record.arxivId);
    papers.push(paper.data);
    items.push({
      id: paper.data.id,
      ...(record.upvotes !== undefined && { upvotes: record.upvotes }),
    });
  });
  return { papers, items, issues, count: value.length };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'string' ? `an error ("${error.slice(0, 200)}")` : 'an object';
}

/** A daily-papers record as a catalog paper, with what only Hugging Face says. */
function hfPaper(record: DailyPaperRecord, at: string): Paper {
  const paper = toPaper(record, { keywords: record.aiKeywords });
  return {
    ...paper,
    ...(record.upvotes !== undefined && { upvotes: record.upvotes }),
    ...(record.aiSummary && { aiSummary: clip(record.aiSummary, 1000) }),
    origin: [{ source: 'hf', at }],
    updatedAt: at,
  };
}

/** At most `max` characters, cut at a word with an ellipsis. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
