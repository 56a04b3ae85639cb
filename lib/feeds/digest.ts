import type { Paper } from '../catalog/schema';
import { cosine, type TermVector } from '../search/related-text';

/**
 * The daily notification's choice (optional, off by default): of the papers sources brought since
 * the last one, the few closest in topic to the reading list. A reading list spans several topics,
 * so a paper is scored by its nearest saved paper (the build's similarity, related-text.ts), not
 * by an average that would match none of them.
 */

/** Papers a notification names. */
export const DIGEST_MAX = 3;
/**
 * The least similarity to a saved paper that counts as the same topic. Related papers the
 * project labelled (data/related-labels.json) mostly score above it, unrelated pairs of the
 * bundled catalog below it (tests/unit/feeds-digest.test.ts).
 */
export const DIGEST_MIN_SCORE = 0.15;

/** What the similarity reads of a paper: a saved paper the catalog lacks has no abstract. */
export type DigestDoc = Pick<Paper, 'id' | 'title' | 'abstract'>;

export type DigestPick = {
  paper: Paper;
  score: number;
  /** The saved paper it is closest to. */
  near: string;
};

/**
 * Up to `max` of `fresh` that score at least `minScore` against some paper of `saved`, best
 * first; papers already saved are left out.
 */
export function pickDigest(
  vector: (paper: DigestDoc) => TermVector,
  saved: readonly DigestDoc[],
  fresh: readonly Paper[],
  { max = DIGEST_MAX, minScore = DIGEST_MIN_SCORE } = {},
): DigestPick[] {
  const savedIds = new Set(saved.map((p) => p.id));
  const profile = saved.map((paper) => ({ paper, vector: vector(paper) }));
  const picks: DigestPick[] = [];
  const seen = new Set<string>();
  for (const paper of fresh) {
    if (savedIds.has(paper.id) || seen.has(paper.id)) continue;
    seen.add(paper.id);
    const v = vector(paper);
    let best = { score: 0, near: '' };
    for (const s of profile) {
      const score = cosine(v, s.vector);
      if (score > best.score) best = { score, near: s.paper.title };
    }
    if (best.score >= minScore) picks.push({ paper, ...best });
  }
  return picks.sort((a, b) => b.score - a.score).slice(0, max);
}
