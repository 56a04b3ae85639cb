import { readdirSync, readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { normalizeTitle } from '@/lib/catalog/identifiers';
import { detectPage } from '@/lib/detect/detect-page';
import { detectorsFor, siteDetectors } from '@/lib/detect/sites';
import type { Candidate } from '@/lib/detect/types';

/**
 * Every detector against saved pages of the real sites, and the whole page pass against a
 * stand-in for the background's exact matching over data/paper-facts.tsv.
 */

interface Expected {
  url: string;
  site: string | null;
  siteCandidates: { kind: string; query: string; anchor: string; truncated?: boolean }[];
  papers: Record<string, string[]>;
}

const DIR = 'tests/fixtures/pages';
const expected: Record<string, Expected> = JSON.parse(
  readFileSync(`${DIR}/expected.json`, 'utf8'),
).fixtures;
const fixtures = Object.entries(expected);

// Fixtures reference real stylesheets; the test never fetches them and need not hear about it.
const window = new Window({ settings: { handleDisabledFileLoadingAsSuccess: true } });

function load(file: string): Document {
  const html = readFileSync(`${DIR}/${file}`, 'utf8');
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

function find(doc: Document, selector: string): Element {
  const el = doc.querySelector(selector);
  if (!el) throw new Error(`No element for ${selector}`);
  return el;
}

/** The background's rule as this library assumes it: ids exact, titles exact after normalizeTitle,
 * a truncated title only when it is a prefix of exactly one catalog title and has 5+ words. */
const facts = readFileSync('data/paper-facts.tsv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .filter(([, id]) => id)
  .map(([title, id]) => ({ id: id!, key: normalizeTitle(title!) }));
const byKey = new Map(facts.map((fact) => [fact.key, fact.id]));
const ids = new Set(facts.map((fact) => fact.id));

function match(candidate: Candidate): string | undefined {
  if (candidate.kind === 'arxiv') return ids.has(candidate.query) ? candidate.query : undefined;
  if (candidate.kind === 'doi') return undefined;
  const key = normalizeTitle(candidate.query);
  if (!candidate.truncated) return byKey.get(key);
  const hits = facts.filter((fact) => fact.key.startsWith(`${key} `));
  return hits.length === 1 && key.split(' ').length >= 5 ? hits[0]!.id : undefined;
}

describe('site detectors on fixture pages', () => {
  it.each(fixtures.filter(([, fixture]) => fixture.site))('%s', (file, fixture) => {
    const doc = load(file);
    const url = new URL(fixture.url);
    const sites = detectorsFor(url);
    expect(sites.map((site) => site.name)).toEqual([fixture.site]);
    const found = sites[0]!.detect(doc, url);
    expect(found.map((c) => ({ kind: c.kind, query: c.query, truncated: c.truncated }))).toEqual(
      fixture.siteCandidates.map((c) => ({ kind: c.kind, query: c.query, truncated: c.truncated })),
    );
    found.forEach((candidate, i) => {
      expect(candidate.anchor, fixture.siteCandidates[i]!.anchor).toBe(
        find(doc, fixture.siteCandidates[i]!.anchor),
      );
    });
  });
});

describe('detectPage marks exactly the catalog papers on each page', () => {
  it.each(fixtures)('%s', (file, fixture) => {
    const doc = load(file);
    const marked = new Map<string, Set<Element>>();
    for (const candidate of detectPage(doc, new URL(fixture.url))) {
      const id = match(candidate);
      if (id) marked.set(id, (marked.get(id) ?? new Set()).add(candidate.anchor));
    }
    expect([...marked.keys()].sort()).toEqual(Object.keys(fixture.papers).sort());
    for (const [id, selectors] of Object.entries(fixture.papers)) {
      expect(marked.get(id), id).toEqual(new Set(selectors.map((s) => find(doc, s))));
    }
  });
});

describe('fixture coverage', () => {
  it('every registered site detector has a fixture page', () => {
    const covered = new Set(fixtures.map(([, fixture]) => fixture.site));
    const missing = siteDetectors.map((site) => site.name).filter((name) => !covered.has(name));
    expect(missing).toEqual([]);
  });

  it('every fixture page is listed in expected.json', () => {
    const files = readdirSync(DIR).filter((file) => file.endsWith('.html'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it('pages without a site detector are matched by none', () => {
    for (const [, fixture] of fixtures.filter(([, f]) => !f.site)) {
      expect(detectorsFor(new URL(fixture.url))).toEqual([]);
    }
  });
});
