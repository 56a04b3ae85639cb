import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticCatalog } from '@/bench/synthetic-file';
import { ARXIV_ID_RE, normalizeTitle, titleId } from '@/lib/catalog/identifiers';
import { catalogFooterSchema, catalogHeaderSchema, paperSchema } from '@/lib/catalog/schema';
import {
  CODED_NAME_RE,
  codedName,
  idAt,
  MAX_COUNT,
  syntheticPaper,
  syntheticPapers,
} from '@/lib/catalog/synthetic';
import * as W from '@/lib/catalog/synthetic-words';

const dir = mkdtempSync(path.join(os.tmpdir(), 'synthetic-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('synthetic papers', () => {
  const count = 20_000;
  const papers = [...syntheticPapers(7, count)];

  it('all validate against the paper schema', () => {
    for (const paper of papers) expect(paperSchema.safeParse(paper).success, paper.id).toBe(true);
  });

  it('have unique ids and unique normalized titles', () => {
    expect(new Set(papers.map((p) => p.id)).size).toBe(count);
    expect(new Set(papers.map((p) => normalizeTitle(p.title))).size).toBe(count);
  });

  it('have realistic shapes', () => {
    for (const paper of papers) {
      const words = paper.title.replace(/^\w+: /, 'Name ').split(' ').length;
      expect(words).toBeGreaterThanOrEqual(6);
      expect(words).toBeLessThanOrEqual(14);
      expect(paper.authors.length).toBeGreaterThanOrEqual(2);
      expect(paper.authors.length).toBeLessThanOrEqual(12);
      expect(paper.abstract.length).toBeGreaterThan(700);
      expect(paper.abstract.length).toBeLessThan(2200);
      expect(paper.summary.length).toBeLessThanOrEqual(240);
      expect(paper.keywords.length).toBeGreaterThan(0);
    }
    const share = (test: (p: (typeof papers)[number]) => boolean) =>
      papers.filter(test).length / count;
    expect(share((p) => !p.arxivId)).toBeCloseTo(0.05, 1);
    expect(share((p) => p.code.length > 0)).toBeCloseTo(1 / 3, 1);
    expect(share((p) => Boolean(p.doi))).toBeGreaterThan(0.1);
    expect(share((p) => p.title.includes(': '))).toBeGreaterThan(0.3);
  });

  it('give arXiv ids that match the published month, and title ids otherwise', () => {
    for (const paper of papers) {
      if (paper.arxivId) {
        expect(paper.arxivId).toMatch(ARXIV_ID_RE);
        expect(paper.id).toBe(paper.arxivId);
        expect(paper.published).toBe(`20${paper.arxivId.slice(0, 2)}-${paper.arxivId.slice(2, 4)}`);
      } else {
        expect(paper.id).toBe(titleId(paper.title));
      }
    }
    expect(papers.find((p) => p.arxivId)!.id).toMatch(/^1501\.0000\d$/);
    expect(papers.at(-1)!.published).toBe('2026-12');
  });

  it('relate only to other papers of the same catalog', () => {
    const ids = new Set(papers.map((p) => p.id));
    for (const paper of papers) {
      expect(paper.related).not.toContain(paper.id);
      for (const id of paper.related) expect(ids.has(id), id).toBe(true);
    }
  });

  it('regenerate any single paper exactly', () => {
    expect(syntheticPaper(7, count, 12_345)).toEqual(papers[12_345]);
    expect(idAt(7, count, 999)).toBe(papers[999]!.id);
  });

  it('refuse a count the 5-digit id space cannot hold', () => {
    expect(() => [...syntheticPapers(1, MAX_COUNT + 1)]).toThrow(/count must be/);
  });
});

describe('title uniqueness by construction', () => {
  it('no vocabulary word looks like a coined name', () => {
    const vocabulary = [W.ADJECTIVES, W.NOUNS, W.LEADS, W.CONNECTORS].flat();
    const tokens = vocabulary.flatMap((w) => normalizeTitle(w).split(' '));
    expect(tokens.filter((t) => CODED_NAME_RE.test(t))).toEqual([]);
  });

  it('coined names are distinct across a million papers', () => {
    const names = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) names.add(codedName(1, i));
    expect(names.size).toBe(1_000_000);
  });
});

describe('catalog file', () => {
  it('is byte-identical for the same seed and count, gzip or not', async () => {
    const a = path.join(dir, 'a.ndjson');
    const b = path.join(dir, 'b.ndjson.gz');
    await writeSyntheticCatalog(a, 3, 500);
    await writeSyntheticCatalog(b, 3, 500);
    const plain = readFileSync(a);
    expect(gunzipSync(readFileSync(b)).equals(plain)).toBe(true);
    await writeSyntheticCatalog(a, 4, 500);
    expect(readFileSync(a).equals(plain)).toBe(false);

    const lines = plain.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(502);
    expect(catalogHeaderSchema.parse(JSON.parse(lines[0]!)).count).toBe(500);
    expect(catalogFooterSchema.parse(JSON.parse(lines[501]!))).toEqual({ end: true, count: 500 });
  });
});
