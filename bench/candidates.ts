import { mulberry32, int, pick, type Rng } from '../lib/catalog/synthetic-rng';
import { syntheticPaper } from '../lib/catalog/synthetic';

/**
 * Lookup batches shaped like a busy page's candidates: per 200, 60 arXiv ids/URLs of papers in
 * the catalog, 40 catalog titles rendered differently (case, punctuation, quotes), and 100
 * strings that match nothing (UI text, foreign URLs, unknown ids and DOIs, plausible titles).
 */

export const BATCH_MIX = { arxiv: 60, title: 40, miss: 100 } as const;

const ARXIV_FORMS = [
  (id: string) => id,
  (id: string) => `https://arxiv.org/abs/${id}`,
  (id: string) => `https://arxiv.org/pdf/${id}v2`,
  (id: string) => `arXiv:${id}v1`,
  (id: string) => `https://huggingface.co/papers/${id}`,
  (id: string) => `https://www.alphaxiv.org/overview/${id}`,
];

const TITLE_FORMS = [
  (title: string) => title.toLowerCase(),
  (title: string) => title.toUpperCase(),
  (title: string) => `“${title.replace(': ', ' — ')}”`,
  (title: string) => `${title.replace(/-/g, ' ')}.`,
  (title: string) => `  ${title.replace(/ /g, '  ')} `,
];

const MISSES = [
  (rng: Rng) => pick(rng, ['Sign in', 'Related posts', 'Download PDF', 'Show more', 'Comments']),
  (rng: Rng) => `https://example.com/blog/${int(rng, 1, 1e6)}`,
  // A well-formed id the catalog does not have (months after the synthetic range).
  (rng: Rng) =>
    `https://arxiv.org/abs/27${String(int(rng, 1, 12)).padStart(2, '0')}.${String(int(rng, 1, 99999)).padStart(5, '0')}`,
  (rng: Rng) => `10.5555/unknown.${int(rng, 1, 1e9)}`,
  // Title-like text: every catalog title carries its coined name, so these never match.
  (rng: Rng) =>
    `Efficient ${pick(rng, ['Sparse', 'Robust', 'Latent'])} Attention for Long Documents ${int(rng, 1, 1e6)}`,
];

/** `expected[i]` is the catalog id candidate i names, or null for a string that matches nothing. */
export type LookupBatch = { candidates: string[]; expected: (string | null)[] };

export function lookupBatches(seed: number, count: number, batches: number): LookupBatch[] {
  const rng = mulberry32(seed ^ 0x5eed);
  const paperAt = () => syntheticPaper(seed, count, int(rng, 0, count - 1));
  return Array.from({ length: batches }, () => {
    const pairs: [string, string | null][] = [];
    while (pairs.length < BATCH_MIX.arxiv) {
      const paper = paperAt();
      if (paper.arxivId) pairs.push([pick(rng, ARXIV_FORMS)(paper.arxivId), paper.id]);
    }
    for (let i = 0; i < BATCH_MIX.title; i++) {
      const paper = paperAt();
      pairs.push([pick(rng, TITLE_FORMS)(paper.title), paper.id]);
    }
    for (let i = 0; i < BATCH_MIX.miss; i++) pairs.push([pick(rng, MISSES)(rng), null]);
    // Shuffle so hits and misses interleave as they do on a page.
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = int(rng, 0, i);
      [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
    }
    return { candidates: pairs.map(([c]) => c), expected: pairs.map(([, id]) => id) };
  });
}
