import type { DeltaOp } from '../lib/catalog/delta';
import type { Paper } from '../lib/catalog/schema';
import { idAt, syntheticPaper } from '../lib/catalog/synthetic';
import { int, mulberry32, pick, type Rng } from '../lib/catalog/synthetic-rng';

/**
 * Subscription deltas for `npm run bench -- feeds`, against the synthetic catalog of (seed,
 * count): per delta of `size` changes, MERGE_SHARE are known papers sent again with fields a
 * publisher's rebuild adds (upvotes, categories, a venue), WITHDRAW_SHARE withdraw known papers,
 * the rest are papers the catalog does not have. Deterministic, like the catalog itself.
 */

export const MERGE_SHARE = 0.1;
export const WITHDRAW_SHARE = 0.01;

export type DeltaPlan = {
  ops: DeltaOp[];
  /** Ids the catalog did not have. */
  added: string[];
  merged: string[];
  withdrawn: string[];
};

const CATEGORIES = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'stat.ML', 'cs.RO'];

/**
 * An arXiv id the synthetic catalog never uses: its ids run 1501-2612 with suffixes up to
 * count / 144 (6,945 at 1M), so suffixes from 40,000 are free; the lookups' misses use 27xx.
 */
function freshArxivId(g: number): string {
  const month = String(1 + (g % 12)).padStart(2, '0');
  return `26${month}.${40_000 + Math.floor(g / 12)}`;
}

/** A new paper: a synthetic paper of another seed under an id and DOI the catalog lacks. */
function newPaper(
  seed: number,
  count: number,
  k: number,
  i: number,
  g: number,
  rng: Rng,
  allRelated: boolean,
): Paper {
  const p = syntheticPaper(seed + 1000 + k, 100_000, i);
  const n = allRelated ? Math.max(1, p.related.length) : p.related.length;
  const related = Array.from({ length: n }, () => idAt(seed, count, int(rng, 0, count - 1)));
  if (!p.arxivId) return { ...p, ...(p.doi && { doi: `10.9999/bench.${g}` }), related };
  const id = freshArxivId(g);
  return {
    ...p,
    id,
    arxivId: id,
    ...(p.doi && { doi: `10.9999/bench.${g}` }),
    links: { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
    related,
  };
}

/** A known paper as a rebuilt catalog would publish it again: the same record, more fields. */
function mergedPaper(
  seed: number,
  count: number,
  index: number,
  rng: Rng,
  allRelated: boolean,
): Paper {
  const p = syntheticPaper(seed, count, index);
  const related =
    allRelated && p.related.length === 0 ? [idAt(seed, count, (index + 1) % count)] : p.related;
  return {
    ...p,
    related,
    upvotes: int(rng, 1, 500),
    categories: [pick(rng, CATEGORIES)],
    ...(!p.venue && { venue: `BenchConf ${p.published?.slice(0, 4) ?? '2026'}` }),
  };
}

/**
 * `deltas` consecutive deltas of `size` changes each; no known paper is merged or withdrawn
 * twice, and no id in `keep` is withdrawn (the lookup batches expect to find those). Papers carry
 * related lists as often as the synthetic catalog's do (about 5 in 6; the feed service computes
 * the rest after each batch), or, with `allRelated`, all of them.
 */
export function makeDeltas(
  seed: number,
  count: number,
  deltas: number,
  size: number,
  keep: ReadonlySet<string>,
  allRelated = false,
): DeltaPlan[] {
  const rng = mulberry32(seed ^ 0xfeed5);
  const used = new Set<number>();
  const unused = (ok: (index: number) => boolean) => {
    for (;;) {
      const index = int(rng, 0, count - 1);
      if (!used.has(index) && ok(index)) {
        used.add(index);
        return index;
      }
    }
  };
  const merges = Math.round(size * MERGE_SHARE);
  const withdrawals = Math.round(size * WITHDRAW_SHARE);
  const fresh = size - merges - withdrawals;
  if (fresh < 0 || merges + withdrawals > count / 2) throw new Error('Delta too large for catalog');
  return Array.from({ length: deltas }, (_, d) => {
    const k = d + 1;
    const plan: DeltaPlan = { ops: [], added: [], merged: [], withdrawn: [] };
    for (let i = 0; i < merges; i++) {
      const paper = mergedPaper(
        seed,
        count,
        unused(() => true),
        rng,
        allRelated,
      );
      plan.ops.push({ op: 'put', paper });
      plan.merged.push(paper.id);
    }
    for (let i = 0; i < withdrawals; i++) {
      const id = idAt(
        seed,
        count,
        unused((index) => !keep.has(idAt(seed, count, index))),
      );
      plan.ops.push({ op: 'withdraw', id });
      plan.withdrawn.push(id);
    }
    for (let i = 0; i < fresh; i++) {
      const paper = newPaper(seed, count, k, i, d * fresh + i, rng, allRelated);
      plan.ops.push({ op: 'put', paper });
      plan.added.push(paper.id);
    }
    // A publisher writes changes in no particular order: every batch mixes the three kinds.
    for (let i = plan.ops.length - 1; i > 0; i--) {
      const j = int(rng, 0, i);
      [plan.ops[i], plan.ops[j]] = [plan.ops[j]!, plan.ops[i]!];
    }
    return plan;
  });
}
