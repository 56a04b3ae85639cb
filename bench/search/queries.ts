import { arxivIdAt, codedName, syntheticPaper } from '../../lib/catalog/synthetic';

/**
 * Bench queries from the synthetic generator: each names one paper (its `target`) the way a
 * user might recall it. Papers come from the first 100k positions, whose titles and authors are
 * the same in every catalog size of a seed, so both sizes answer the same kinds of query.
 */

export type BenchQuery = { kind: string; query: string; target: string };

const KINDS = ['title words', 'coined name', 'author + word', 'prefix', 'typo', 'arXiv id'];
const WORD = /^[a-z]{4,}$/;

function contentWords(title: string, name: string): string[] {
  return title
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => WORD.test(w) && w !== name.toLowerCase());
}

function queryFor(kind: string, seed: number, count: number, index: number): BenchQuery {
  const paper = syntheticPaper(seed, count, index);
  const name = codedName(seed, index);
  const words = contentWords(paper.title, name);
  const last = words.at(-1) ?? name.toLowerCase();
  const before = words.at(-2) ?? last;
  const long = words.find((w) => w.length >= 7) ?? last;
  const family = paper.authors[0]!.split(' ').at(-1)!;
  const query = {
    'title words': `${name.toLowerCase()} ${before} ${last}`,
    'coined name': name.toLowerCase(),
    'author + word': `${family} ${name.toLowerCase()}`,
    prefix: `${name.toLowerCase().slice(0, 6)} ${long.slice(0, 5)}`,
    typo: `${name.toLowerCase().slice(0, 3)}${name.toLowerCase().slice(4)} ${long}`,
    'arXiv id': arxivIdAt(count, index),
  }[kind]!;
  return { kind, query, target: paper.id };
}

/** `perKind` queries of each kind, about papers spread over the first 100k positions. */
export function benchQueries(seed: number, count: number, perKind: number): BenchQuery[] {
  const span = Math.min(count, 100_000);
  const out: BenchQuery[] = [];
  for (let k = 0; k < perKind; k++) {
    KINDS.forEach((kind, j) => {
      const index = (7919 * (k * KINDS.length + j) + 13) % span;
      const q = queryFor(kind, seed, count, index);
      // Papers without an arXiv id have no id to paste: ask for the title words instead.
      out.push(
        kind === 'arXiv id' && !/^\d/.test(q.target)
          ? queryFor('title words', seed, count, index)
          : q,
      );
    });
  }
  return out;
}

/** Queries a user types letter by letter (the warm path). */
export function typedQueries(seed: number, count: number, n: number): BenchQuery[] {
  return benchQueries(seed, count, n)
    .filter((q) => q.kind !== 'arXiv id')
    .slice(0, n);
}
