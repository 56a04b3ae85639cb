import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Entry } from '../../../lib/reading-list/entry';
import { sampleEntries } from '../../fixtures/reading-list/entries';
import { expect, test } from '../fixtures';
import { OptionsPage } from '../pages/options-page';

/**
 * Crafted files a user might be handed: a catalog that inflates to one enormous line, a catalog
 * whose link is `javascript:`, a backup carrying such a link, a backup edited by hand. Each is
 * refused with the reason, and the catalog and the reading list (notes, tags) stay as they were.
 */

const BUNDLED_COUNT = '89 papers';
const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
const FIXTURES = path.resolve('tests/fixtures/reading-list');
const work = mkdtempSync(path.join(tmpdir(), 'paperpeek-e2e-crafted-'));

function header(count: number) {
  return JSON.stringify({
    format: 'paperpeek-catalog',
    formatVersion: 1,
    version: 'crafted-v1',
    source: 'crafted-files.spec.ts',
    createdAt: '2026-01-01T00:00:00Z',
    count,
  });
}

function paper(n: number, links: Record<string, string>) {
  const arxivId = `2401.${String(10000 + n).padStart(5, '0')}`;
  return JSON.stringify({
    id: arxivId,
    arxivId,
    title: `Crafted Paper Number ${n}`,
    authors: ['Ada Lovelace'],
    abstract: '',
    summary: '',
    links,
    code: [],
    keywords: [],
    related: [],
  });
}

/** A valid header, then `megabytes` of 'a' with no newline, gzip-streamed to a file. */
async function oneHugeLine(megabytes: number): Promise<string> {
  const file = path.join(work, 'one-line.ndjson.gz');
  const block = Buffer.alloc(1 << 20, 'a');
  async function* text() {
    yield Buffer.from(`${header(1)}\n`);
    for (let i = 0; i < megabytes; i++) yield block;
  }
  await pipeline(text(), createGzip({ level: 9 }), createWriteStream(file));
  return file;
}

/** Highest resident memory of one browser process, in MB (a rough figure for the report). */
function browserPeakMb(): number {
  const out = execFileSync('ps', ['-eo', 'rss=,comm='], { encoding: 'utf8' });
  const sizes = out
    .split('\n')
    .filter((line) => /chrom/i.test(line))
    .map((line) => Number.parseInt(line, 10) / 1024);
  return Math.round(Math.max(0, ...sizes));
}

async function openWithBundledCatalog(context: BrowserContext, id: string) {
  const options = await OptionsPage.open(context, id);
  await expect(options.fact('Papers')).toHaveText(BUNDLED_COUNT, { timeout: 30_000 });
  await expect(options.loadButton).toBeEnabled();
  return options;
}

async function expectBundledCatalogKept(options: OptionsPage, fileName: string) {
  await expect(options.error).toContainText(`Could not load ${fileName}`);
  await expect(options.error).toContainText(`The current catalog is unchanged: ${BUNDLED_COUNT}`);
  await expect(options.fact('Papers')).toHaveText(BUNDLED_COUNT);
  await expect(options.fact('Source')).toHaveText('Bundled catalog');
  expect(await options.lookupTitle(MAMBA)).toBe(MAMBA);
}

test('a small gzip inflating to one enormous line is refused quickly; the catalog stays', async ({
  context,
  extensionId,
}) => {
  const file = await oneHugeLine(400);
  const options = await openWithBundledCatalog(context, extensionId);
  let peak = browserPeakMb();
  const sampler = setInterval(() => (peak = Math.max(peak, browserPeakMb())), 200);
  const started = Date.now();
  await options.chooseFile({
    name: 'one-line.ndjson.gz',
    mimeType: 'application/gzip',
    buffer: readFileSync(file),
  });
  await expect(options.error).toContainText(
    'Line 2: longer than 1,048,576 characters, which no paper record is',
    { timeout: 50_000 },
  );
  clearInterval(sampler);
  // Reported, not asserted: time and memory vary with the machine.
  const measured = `${(statSync(file).size / 1024).toFixed(0)} KB gzip of 400 MB refused in ${Date.now() - started} ms; largest browser process ${peak} MB`;
  test.info().annotations.push({ type: 'measured', description: measured });
  console.log(measured);
  await expectBundledCatalogKept(options, 'one-line.ndjson.gz');
});

test('a catalog whose paper links to javascript: is refused naming the line; the catalog stays', async ({
  context,
  extensionId,
}) => {
  const options = await openWithBundledCatalog(context, extensionId);
  const lines = [
    header(3),
    paper(1, { abs: 'https://arxiv.org/abs/2401.10001' }),
    paper(2, { abs: 'javascript:alert(document.domain)' }),
    paper(3, {}),
    JSON.stringify({ end: true, count: 3 }),
  ];
  await options.chooseFile({
    name: 'script-link.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
  await expect(options.error).toContainText(
    'Line 3 (id 2401.10002): links.abs: only http(s) links are allowed',
    { timeout: 30_000 },
  );
  await expectBundledCatalogKept(options, 'script-link.ndjson');
  expect(await options.lookupTitle('Crafted Paper Number 1')).not.toBe('Crafted Paper Number 1');
});

async function openManager(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manager.html`);
  await expect(page.locator('#result-count')).not.toHaveText('Loading…');
  return page;
}

async function pickImport(page: Page, file: string | { name: string; buffer: Buffer }) {
  await page.getByRole('button', { name: 'Import…' }).click();
  const d = page.getByRole('dialog', { name: 'Import papers' });
  await d
    .getByLabel('File to import')
    .setInputFiles(
      typeof file === 'string'
        ? file
        : { name: file.name, mimeType: 'application/json', buffer: file.buffer },
    );
  return d;
}

/** The manager with the sample list (notes, tags, statuses) restored from the fixture backup. */
async function managerWithList(context: BrowserContext, extensionId: string) {
  const page = await openManager(context, extensionId);
  const d = await pickImport(page, path.join(FIXTURES, 'backup.json'));
  await d.getByRole('button', { name: /^Import \d+ papers$/ }).click();
  await expect(d.getByRole('status')).toContainText(`Imported ${sampleEntries.length} new papers`);
  await d.getByRole('button', { name: 'Close' }).click();
  return page;
}

/** Every stored entry, read from IndexedDB directly (not through the page's code). */
async function stored(page: Page): Promise<Entry[]> {
  const all = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('paperpeek-user');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const request = db.transaction('entries').objectStore('entries').getAll();
    const rows = await new Promise<Entry[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result as Entry[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows;
  });
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

async function closeUnchanged(page: Page, d: Locator, before: Entry[]) {
  await d.getByRole('button', { name: /^(Close|Cancel)$/ }).click();
  await expect(d).toBeHidden();
  expect(await stored(page)).toEqual(before);
}

test('a backup with javascript: links is refused entry by entry; the list stays', async ({
  context,
  extensionId,
}) => {
  const page = await managerWithList(context, extensionId);
  const before = await stored(page);
  const backup = JSON.parse(readFileSync(path.join(FIXTURES, 'backup.json'), 'utf8'));
  const [existing] = backup.entries;
  backup.entries = [
    // A saved paper whose link the file tries to replace, and a new one.
    { ...existing, snapshot: { ...existing.snapshot, url: 'javascript:alert(1)' }, note: 'x' },
    { ...existing, id: '2401.99999', snapshot: { ...existing.snapshot, pdf: 'data:,x' } },
  ];
  const d = await pickImport(page, {
    name: 'script-links.json',
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  const invalid = d.getByRole('list', { name: 'Invalid records' });
  await expect(invalid).toContainText('entry 1: snapshot.url: only http(s) links are allowed');
  await expect(invalid).toContainText('entry 2: snapshot.pdf: only http(s) links are allowed');
  await expect(d.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
  await closeUnchanged(page, d, before);
  expect(await page.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
});

test('a hand-edited backup is refused by its checksum; the list stays', async ({
  context,
  extensionId,
}) => {
  const page = await managerWithList(context, extensionId);
  const before = await stored(page);
  // A backup this PaperPeek writes, then edited: a note and a tag changed in a text editor.
  await page.getByRole('button', { name: 'Export…' }).click();
  const exporter = page.getByRole('dialog', { name: 'Export the reading list' });
  await exporter.getByRole('radio', { name: /backup/i }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exporter.getByRole('button', { name: 'Download' }).click(),
  ]);
  const file = path.join(work, download.suggestedFilename());
  await download.saveAs(file);
  await exporter.getByRole('button', { name: 'Close' }).click();
  const backup = JSON.parse(readFileSync(file, 'utf8'));
  expect(backup.sha256).toMatch(/^[0-9a-f]{64}$/);
  const target = backup.entries.find((e: Entry) => e.note !== '');
  target.note = 'Replaced by someone else.';
  target.tags = ['planted'];

  const d = await pickImport(page, {
    name: 'edited-backup.json',
    buffer: Buffer.from(JSON.stringify(backup, null, 1)),
  });
  const alert = d.getByRole('alert');
  await expect(alert).toContainText(
    'The backup was changed after PaperPeek wrote it: its checksum does not match its content.',
  );
  await expect(alert).toContainText('The reading list was not changed.');
  await expect(d.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);
  await closeUnchanged(page, d, before);
});
