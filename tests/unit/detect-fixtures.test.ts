import { readdirSync, readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { detectorsFor, siteDetectors } from '@/lib/detect/sites';

/**
 * Every detector against saved pages of the real sites. The whole pipeline (detection, the
 * background's matching, markers) is measured over the same pages by detect-eval.test.ts.
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
