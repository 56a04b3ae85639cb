/**
 * `npm run eval:detect`: detection and matching over the whole fixture set
 * (tests/fixtures/pages/*.html + expected.json), run in Node exactly as the extension runs them:
 * the bundled catalog (public/catalog/default.ndjson.gz, `npm run catalog`) goes through the
 * extension's loader into IndexedDB (fake-indexeddb), each page is parsed by happy-dom at its
 * real URL, and the content script's own scan (scanRoots) puts markers on it, asking the
 * background's own lookup functions through the message contract's schemas. Prints recall and
 * precision overall and per page, every miss and every false marker. Exits non-zero below
 * recall 0.95 or with any false marker.
 *
 * Quiet markers are on, as they are for users: on a site with a detector, an identifier the
 * catalog lacks gets one (`data-in-catalog="false"`). They are not catalog marks: recall and
 * precision count catalog markers only, the `quiet` column counts the others, and a quiet marker
 * for a paper the catalog has (which should have had a catalog marker) is an error.
 */
import 'fake-indexeddb/auto';
import './node-browser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BUNDLED_CATALOG, bundledCatalogFile } from './bundled-catalog';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';
import { MarkerLayer } from '../lib/content/markers';
import { scanRoots, type ScanDeps } from '../lib/content/scanner';
import { CatalogDb } from '../lib/db/catalog-db';
import { stageCatalogFile } from '../lib/db/catalog-files';
import { startLoad } from '../lib/db/catalog-loader';
import { findTitlesInText, getPapers, lookupCandidates, scanPageText } from '../lib/db/lookup';
import { protocol } from '../lib/messaging/protocol';

export const FIXTURES = 'tests/fixtures/pages';
export const CATALOG = BUNDLED_CATALOG;
export const MIN_RECALL = 0.95;

interface Fixture {
  url: string;
  papers: Record<string, string[]>;
}

export interface PageResult {
  file: string;
  /** (paper, anchor) pairs expected / marked where expected. */
  expected: number;
  found: number;
  markers: number;
  /** Quiet markers: papers the page names by identifier that the catalog lacks. */
  quiet: number;
  misses: string[];
  falseMarkers: string[];
}

export interface Evaluation {
  pages: PageResult[];
  recall: number;
  precision: number;
  expected: number;
  found: number;
  markers: number;
  quiet: number;
  falseMarkers: number;
}

/** The bundled catalog (built to a temporary file on a fresh checkout); any other path must exist. */
function catalogFile(file: string): string {
  if (file === CATALOG) return bundledCatalogFile();
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run catalog\` first.`);
  return file;
}

/** The bundled catalog, loaded by the extension's own loader into a fresh database. */
async function loadCatalog(file: string): Promise<CatalogDb> {
  const db = new CatalogDb(`eval-detect-${Date.now()}`);
  const fileId = await stageCatalogFile(new Blob([readFileSync(file)]), db);
  const outcome = await startLoad(db, { kind: 'file', fileId });
  if (outcome.status !== 'loaded') throw new Error(`The catalog did not load: ${outcome.status}`);
  return db;
}

/** The background's answers, with each request checked against the contract as the receiver does. */
function background(
  db: CatalogDb,
): Pick<ScanDeps, 'lookup' | 'findTitles' | 'scanText' | 'getPapers'> {
  return {
    lookup: (candidates) =>
      lookupCandidates(db, protocol.lookupCandidates.input.parse({ candidates }).candidates),
    findTitles: (texts) =>
      findTitlesInText(db, protocol.findTitlesInText.input.parse({ texts }).texts),
    scanText: (text) => scanPageText(db, protocol.scanPageText.input.parse({ text }).text),
    getPapers: (ids) => getPapers(db, protocol.getPapers.input.parse({ ids }).ids),
  };
}

/** The words just before a marker, to say where a false one landed. */
function context(marker: Element): string {
  let text = '';
  for (let node = marker.previousSibling; node && text.length < 60; node = node.previousSibling) {
    text = (node.textContent ?? '') + text;
  }
  if (!text.trim()) text = marker.parentElement?.textContent ?? '';
  return `…${text.replace(/\s+/g, ' ').trim().slice(-60)}`;
}

async function evaluatePage(
  file: string,
  fixture: Fixture,
  deps: Pick<ScanDeps, 'lookup' | 'findTitles' | 'scanText' | 'getPapers'>,
): Promise<PageResult> {
  const window = new Window({
    url: fixture.url,
    settings: { handleDisabledFileLoadingAsSuccess: true, disableJavaScriptEvaluation: true },
  });
  try {
    const doc = window.document as unknown as Document;
    doc.write(readFileSync(path.join(FIXTURES, file), 'utf8'));
    const markers = new MarkerLayer(doc);
    await scanRoots([doc], new URL(fixture.url), {
      ...deps,
      markers,
      pause: async () => undefined,
      cancelled: () => false,
      quiet: true,
    });
    const all = [...doc.querySelectorAll('[data-paperpeek="marker"]')];
    const placed = all.filter((m) => m.getAttribute('data-in-catalog') !== 'false');
    const quiet = all.filter((m) => m.getAttribute('data-in-catalog') === 'false');
    // A quiet marker stands for a paper the catalog lacks: one it has is a wrong mark.
    const inCatalog = await deps.getPapers(quiet.map((m) => m.getAttribute('data-paper-id')!));
    // As tests/e2e/content.spec.ts: a marker sits in its anchor, or right after it or its link.
    const at = (marker: Element, anchor: Element) =>
      marker.parentElement === anchor ||
      marker.previousElementSibling === anchor ||
      marker.previousElementSibling === anchor.closest('a');
    const used = new Set<Element>();
    const misses: string[] = [];
    let expected = 0;
    for (const [id, selectors] of Object.entries(fixture.papers)) {
      for (const selector of selectors) {
        expected++;
        const anchor = doc.querySelector(selector);
        const marker = anchor
          ? placed.find(
              (m) => !used.has(m) && m.getAttribute('data-paper-id') === id && at(m, anchor),
            )
          : undefined;
        if (marker) used.add(marker);
        else misses.push(`${id} at ${selector}`);
      }
    }
    const falseMarkers = [
      ...placed
        .filter((m) => !used.has(m))
        .map((m) => `${m.getAttribute('data-paper-id')} after "${context(m)}"`),
      ...quiet
        .filter((_, i) => inCatalog[i])
        .map((m) => `quiet marker for catalog paper ${m.getAttribute('data-paper-id')}`),
    ];
    return {
      file,
      expected,
      found: expected - misses.length,
      markers: placed.length,
      quiet: quiet.length,
      misses,
      falseMarkers,
    };
  } finally {
    await window.happyDOM.close();
  }
}

export async function evaluateFixtures(catalog = CATALOG): Promise<Evaluation> {
  const fixtures: Record<string, Fixture> = JSON.parse(
    readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8'),
  ).fixtures;
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
  const unlisted = files.filter((f) => !fixtures[f]);
  if (unlisted.length) throw new Error(`Not in expected.json: ${unlisted.join(', ')}`);
  const db = await loadCatalog(catalogFile(catalog));
  const deps = background(db);
  const pages: PageResult[] = [];
  for (const [file, fixture] of Object.entries(fixtures)) {
    pages.push(await evaluatePage(file, fixture, deps));
  }
  db.close();
  const sum = (f: (p: PageResult) => number) => pages.reduce((n, p) => n + f(p), 0);
  const expected = sum((p) => p.expected);
  const found = sum((p) => p.found);
  const markers = sum((p) => p.markers);
  return {
    pages,
    expected,
    found,
    markers,
    quiet: sum((p) => p.quiet),
    falseMarkers: sum((p) => p.falseMarkers.length),
    recall: expected ? found / expected : 1,
    precision: markers ? found / markers : 1,
  };
}

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(3) : '  -  ');

export function formatEvaluation(result: Evaluation): string {
  const width = Math.max(...result.pages.map((p) => p.file.length), 7);
  const lines = [
    `${'page'.padEnd(width)}  expected  found  markers  recall  precision  quiet`,
    ...result.pages.map(
      (p) =>
        `${p.file.padEnd(width)}  ${String(p.expected).padStart(8)}  ${String(p.found).padStart(5)}  ${String(p.markers).padStart(7)}  ${ratio(p.found, p.expected).padStart(6)}  ${ratio(p.found, p.markers).padStart(9)}  ${String(p.quiet).padStart(5)}`,
    ),
    `${'overall'.padEnd(width)}  ${String(result.expected).padStart(8)}  ${String(result.found).padStart(5)}  ${String(result.markers).padStart(7)}  ${result.recall.toFixed(3).padStart(6)}  ${result.precision.toFixed(3).padStart(9)}  ${String(result.quiet).padStart(5)}`,
  ];
  for (const p of result.pages) {
    for (const miss of p.misses) lines.push(`MISS   ${p.file}: ${miss}`);
    for (const wrong of p.falseMarkers) lines.push(`FALSE  ${p.file}: ${wrong}`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const result = await evaluateFixtures();
  console.log(formatEvaluation(result));
  const ok = result.recall >= MIN_RECALL && result.falseMarkers === 0;
  console.log(
    ok
      ? `OK: recall ${result.recall.toFixed(3)} ≥ ${MIN_RECALL}, no false marker.`
      : `FAIL: need recall ≥ ${MIN_RECALL} and no false marker.`,
  );
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
