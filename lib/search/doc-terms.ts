import { parseDoi } from '../catalog/identifiers';
import type { Paper } from '../catalog/schema';
import { idTerm, indexTerms, repoTerms, words, termKey } from './tokenize';
import type { DocRow } from './records';

/**
 * Per paper: every term with the fields it occurs in and its impact, a BM25F-style weight
 * computed once at build time, so a query only adds up idf * impact.
 */

/** Field order is the bit order of a posting's field mask (FIELD in varint.ts). */
const FIELDS = ['title', 'authors', 'abstract', 'keywords', 'code', 'id'] as const;
/** A title word says far more about a paper than an abstract word. */
const WEIGHT = [5, 3, 1, 2.5, 2.5, 5];
const K1 = 1.2;
/** Length normalization for title and abstract only; fixed averages (in terms) keep impacts
 * independent of the order papers arrive in. */
const B = [0.75, 0, 0.75, 0, 0, 0];
const AVERAGE = [8, 1, 110, 1, 1, 1];
/** Impacts are stored as one byte: IMPACT_SCALE steps per unit. */
export const IMPACT_SCALE = 6;
export const AUTHORS_SHOWN = 5;
/** Term counts per field packed 5 bits each into one number (capped at 31). */
const TF_BITS = 5;
const TF_MAX = 31;

function paperIds(paper: Paper): string[] {
  const ids = [idTerm(paper.id)];
  if (paper.arxivId && paper.arxivId !== paper.id) ids.push(idTerm(paper.arxivId));
  const doi = paper.doi && parseDoi(paper.doi);
  if (doi) ids.push(idTerm(doi));
  return ids;
}

/** Numbers terms so the per-paper counting runs over typed arrays, not a Map per paper. */
export class TermTable {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  private packed = new Int32Array(1024);
  private lengths = [0, 0, 0, 0, 0, 0];
  private touched: number[] = [];

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
      if (id >= this.packed.length) {
        const grown = new Int32Array(this.packed.length * 2);
        grown.set(this.packed);
        this.packed = grown;
      }
    }
    return id;
  }

  /** Calls `emit` once per distinct term of the paper with its field mask and impact byte. */
  paper(paper: Paper, emit: (termId: number, mask: number, impact: number) => void): void {
    const fieldTerms = [
      indexTerms(paper.title),
      paper.authors.flatMap((name) => words(name).map(termKey)),
      indexTerms(paper.abstract),
      paper.keywords.flatMap(indexTerms),
      paper.code.filter((c) => c.kind === 'repository').flatMap((c) => repoTerms(c.url)),
      paperIds(paper),
    ];
    const { touched, lengths } = this;
    for (let f = 0; f < fieldTerms.length; f++) {
      const list = fieldTerms[f]!;
      lengths[f] = list.length;
      const shift = f * TF_BITS;
      for (let t = 0; t < list.length; t++) {
        // Read this.packed after id(): a new term may have grown it.
        const id = this.id(list[t]!);
        const value = this.packed[id]!;
        if (value === 0) touched.push(id);
        if (((value >>> shift) & TF_MAX) < TF_MAX) this.packed[id] = value + (1 << shift);
      }
    }
    for (const id of touched) {
      const value = this.packed[id]!;
      this.packed[id] = 0;
      let impact = 0;
      let mask = 0;
      for (let f = 0; f < FIELDS.length; f++) {
        const tf = (value >>> (f * TF_BITS)) & TF_MAX;
        if (!tf) continue;
        mask |= 1 << f;
        const norm = 1 - B[f]! + (B[f]! * Math.max(1, lengths[f]!)) / AVERAGE[f]!;
        impact += (WEIGHT[f]! * (tf * (K1 + 1))) / (tf + K1 * norm);
      }
      emit(id, mask, Math.max(1, Math.min(255, Math.round(impact * IMPACT_SCALE))));
    }
    touched.length = 0;
  }
}

export function yearOf(paper: Paper): number {
  return paper.published ? Number(paper.published.slice(0, 4)) : 0;
}

export function docRow(paper: Paper): DocRow {
  return [
    paper.id,
    paper.title,
    paper.authors.slice(0, AUTHORS_SHOWN),
    yearOf(paper),
    paper.venue ?? '',
    paper.code.length > 0 ? 1 : 0,
  ];
}
