import { addDays, isWeekend } from '../lib/feeds/days';
import { syntheticPaper } from '../lib/catalog/synthetic';
import { int, mulberry32, type Rng } from '../lib/catalog/synthetic-rng';

/**
 * Generated Hugging Face `/api/daily_papers` pages for the feeds bench's backfill, in the item
 * shape of ../shared/data/feeds/hf-daily-papers.sample.json (huggingface_hub `PaperInfo`), with
 * fields missing as often as that README measured (`githubRepo` in about half the items,
 * `ai_summary` in a third). A weekday lists ITEMS_PER_DAY papers, under the page size of 100, so
 * each day is one request, as recent days are; weekend days answer `[]`. KNOWN_SHARE of the items
 * are papers of the synthetic catalog (a merge: Hugging Face adds upvotes and a summary); the
 * rest carry ids that catalog never uses. Deterministic per (seed, count, day).
 */

export const ITEMS_PER_DAY = { min: 25, max: 75 } as const;
export const KNOWN_SHARE = 0.2;
const TRENDING = 50;

const hex24 = (n: number) => n.toString(16).padStart(24, '0');

/** A catalog paper with an arXiv id (Hugging Face lists arXiv papers only). */
function knownPaper(seed: number, count: number, rng: Rng) {
  for (;;) {
    const paper = syntheticPaper(seed, count, int(rng, 0, count - 1));
    if (paper.arxivId) return paper;
  }
}

function dayItems(seed: number, count: number, day: string): object[] {
  if (isWeekend(day)) return [];
  const dayNumber = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  const rng = mulberry32((seed * 7919) ^ dayNumber);
  const n = int(rng, ITEMS_PER_DAY.min, ITEMS_PER_DAY.max);
  const yymm = `${day.slice(2, 4)}${day.slice(5, 7)}`;
  return Array.from({ length: n }, (_, j) => {
    const source = rng() < KNOWN_SHARE ? knownPaper(seed, count, rng) : null;
    const paper = source ?? syntheticPaper(seed + 2000, 100_000, (dayNumber * 100 + j) % 100_000);
    // Suffixes from 20,000 are never the synthetic catalog's (at most count / 144 a month).
    const id = source?.arxivId ?? `${yymm}.${20_000 + (dayNumber % 100) * 100 + j}`;
    const at = `${day}T09:${String(j % 60).padStart(2, '0')}:00.000Z`;
    const repo = paper.code.find((c) => c.kind === 'repository')?.url;
    return {
      paper: {
        id,
        authors: paper.authors.map((name, k) => ({ _id: hex24(j * 100 + k), name, hidden: false })),
        publishedAt: `${addDays(day, -1)}T17:00:00.000Z`,
        submittedOnDailyAt: at,
        title: paper.title,
        summary: paper.abstract,
        upvotes: int(rng, 0, 300),
        discussionId: hex24(dayNumber * 1000 + j),
        ...(rng() < 0.54 && {
          githubRepo: repo ?? `https://github.com/bench-lab/${id.replace('.', '-')}`,
          githubRepoAddedBy: 'auto',
          githubStars: int(rng, 0, 5000),
        }),
        ...(rng() < 0.34 && { ai_summary: paper.summary, ai_keywords: paper.keywords }),
      },
      publishedAt: at,
      title: paper.title,
      summary: paper.abstract,
      thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
      numComments: int(rng, 0, 12),
      submittedBy: { _id: hex24(7), name: 'akhaliq', fullname: 'AK', type: 'user' },
      isAuthorParticipating: false,
    };
  });
}

/** The body Hugging Face would answer for `url` (a daily_papers URL) on `today`. */
export function hfPageBody(seed: number, count: number, url: URL, today: string): string {
  const limit = Number(url.searchParams.get('limit') ?? '50');
  if (url.searchParams.get('sort') === 'trending') {
    const items: object[] = [];
    for (let day = today; items.length < TRENDING; day = addDays(day, -1)) {
      items.push(...dayItems(seed, count, day));
    }
    return JSON.stringify(items.slice(0, Math.min(limit, TRENDING)));
  }
  const day = url.searchParams.get('date');
  if (!day) throw new Error(`The bench serves dated or trending pages only: ${url.href}`);
  const page = Number(url.searchParams.get('p') ?? '0');
  const items = dayItems(seed, count, day).slice(page * limit, (page + 1) * limit);
  return JSON.stringify(items);
}
