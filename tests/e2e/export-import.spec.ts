import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { toBackup } from '../../lib/reading-list/backup';
import type { Entry } from '../../lib/reading-list/entry';
import { plugins } from '../../lib/reading-list/export/citation-js';
import { sampleEntries } from '../fixtures/reading-list/entries';
import { expect, test } from './fixtures';
import { send } from './messages';

/**
 * Export and import through the manager page, as a user does it: the Import… dialog with a real
 * file, its preview and confirm; the Export… dialog and a real download, checked with pandoc,
 * biber and citation-js; bad files refused with the reason and the list left as it was.
 */

const FIXTURES = path.resolve('tests/fixtures/reading-list');
const work = mkdtempSync(path.join(tmpdir(), 'paperpeek-e2e-export-'));

async function openManager(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manager.html`);
  await expect(page.locator('#result-count')).not.toHaveText('Loading…');
  return page;
}

const rows = (page: Page) => page.locator('[data-list="reading-list"] [data-paper-id]');
const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
const count = (d: Locator, label: string) => d.locator(`[data-count="${label}"] strong`);

/** Import… → pick the file → the preview appears (or the error does). */
async function pickImport(page: Page, file: string | { name: string; buffer: Buffer }) {
  await page.getByRole('button', { name: 'Import…' }).click();
  const d = dialog(page, 'Import papers');
  await d
    .getByLabel('File to import')
    .setInputFiles(
      typeof file === 'string'
        ? path.join(FIXTURES, file)
        : { name: file.name, mimeType: 'application/octet-stream', buffer: file.buffer },
    );
  return d;
}

async function importFile(page: Page, file: string, expected: number) {
  const d = await pickImport(page, file);
  await d.getByRole('button', { name: /^Import \d+ papers?$/ }).click();
  await expect(d.getByRole('status')).toContainText(`Imported ${expected} new paper`);
  await d.getByRole('button', { name: 'Close' }).click();
}

/** Export… → format → scope → Download; the downloaded file's name and text. */
async function exportAs(page: Page, format: string, scope?: RegExp) {
  await page.getByRole('button', { name: 'Export…' }).click();
  const d = dialog(page, 'Export the reading list');
  await d.getByRole('radio', { name: format }).check();
  if (scope) await d.getByRole('radio', { name: scope }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    d.getByRole('button', { name: 'Download' }).click(),
  ]);
  const file = path.join(work, download.suggestedFilename());
  await download.saveAs(file);
  await expect(d.getByRole('status')).toContainText(`Saved ${download.suggestedFilename()}`);
  await d.getByRole('button', { name: 'Close' }).click();
  return { name: download.suggestedFilename(), file, text: readFileSync(file, 'utf8') };
}

const titles = sampleEntries.map((e) => e.snapshot.title).sort();
const byId = (entries: Entry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

test('a backup restores the list exactly, and every export format reads back in real tools', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  const d = await pickImport(page, 'backup.json');
  await expect(d.getByText('backup.json (PaperPeek backup)')).toBeVisible();
  // The file input still names the chosen file once the preview is there.
  await expect(d.getByLabel('File to import')).toHaveValue(/backup\.json$/);
  await expect(count(d, 'new')).toHaveText(String(sampleEntries.length));
  await expect(count(d, 'invalid')).toHaveText('0');
  await d.getByRole('button', { name: `Import ${sampleEntries.length} papers` }).click();
  await expect(d.getByRole('status')).toHaveText(
    `backup.json: Imported ${sampleEntries.length} new papers and updated 0 entries.`,
  );
  await d.getByRole('button', { name: 'Close' }).click();
  await expect(rows(page)).toHaveCount(sampleEntries.length);
  // Markup in a title is shown as text.
  await expect(page.getByText('<script>alert("x")</script> Robust Parsing')).toBeVisible();

  const backup = await exportAs(page, 'Full backup (JSON)');
  expect(backup.name).toMatch(/^paperpeek-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(byId(JSON.parse(backup.text).entries)).toEqual(byId(sampleEntries));

  const bib = await exportAs(page, 'BibTeX');
  expect(bib.name).toMatch(/^paperpeek-reading-list-\d{4}-\d{2}-\d{2}\.bib$/);
  const fromBib = JSON.parse(
    execFileSync('pandoc', ['-f', 'bibtex', '-t', 'csljson', bib.file], { encoding: 'utf8' }),
  );
  expect(fromBib.map((i: { title: string }) => i.title).sort()).toEqual(titles);
  const biber = spawnSync('biber', ['--tool', '--validate-datamodel', bib.name], {
    cwd: work,
    encoding: 'utf8',
  });
  expect(biber.status).toBe(0);
  expect(
    `${biber.stdout}${biber.stderr}`.split('\n').filter((l) => /^(WARN|ERROR)/.test(l)),
  ).toEqual([]);

  const csl = await exportAs(page, 'CSL-JSON');
  const fromCsl = JSON.parse(
    execFileSync('pandoc', ['-f', 'csljson', '-t', 'csljson', csl.file], { encoding: 'utf8' }),
  );
  expect(fromCsl).toHaveLength(sampleEntries.length);

  const ris = await exportAs(page, 'RIS');
  const fromRis = plugins.input.chain(ris.text, { generateGraph: false }) as { title: string }[];
  expect(fromRis.map((i) => i.title).sort()).toEqual(titles);

  const md = await exportAs(page, 'Markdown');
  expect(md.text.match(/^- \*\*/gm)).toHaveLength(sampleEntries.length);

  const csv = await exportAs(page, 'CSV (spreadsheet)');
  const parsed = Papa.parse<{ title: string }>(csv.text, { header: true, skipEmptyLines: true });
  expect(parsed.data.map((r) => r.title).sort()).toEqual(titles);

  // A selection exports only the selected papers.
  await page.getByRole('checkbox', { name: 'Select Attention Is All You Need' }).check();
  await page.getByRole('checkbox', { name: /^Select Mamba/ }).check();
  const selection = await exportAs(page, 'BibTeX', /^Selected \(2\)/);
  expect(selection.name).toMatch(/^paperpeek-selection-2-/);
  expect(selection.text.match(/^@/gm)).toHaveLength(2);
});

test('Zotero BibTeX and CSV import match the catalog, list invalid records, and import once', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  await expect
    .poll(async () => (await send(page, 'getCatalogStatus')).active?.count, { timeout: 30_000 })
    .toBeGreaterThan(0);

  const d = await pickImport(page, 'zotero.bib');
  await expect(count(d, 'new')).toHaveText('5');
  // Mamba is in the bundled catalog (found by Zotero's "arXiv:2312.00752 [cs]" journal field).
  await expect(count(d, 'not-in-the-catalog')).toHaveText('4');
  await expect(count(d, 'invalid')).toHaveText('1');
  await expect(d.getByRole('list', { name: 'Invalid records' })).toHaveText(
    'line 55: @book{no_title_2020} has no title',
  );
  await d.getByRole('button', { name: 'Import 5 papers' }).click();
  await expect(d.getByRole('status')).toContainText('Imported 5 new papers');
  await d.getByRole('button', { name: 'Close' }).click();
  await expect(rows(page)).toHaveCount(5);
  await expect(
    page.locator('[data-list="reading-list"] [data-paper-id="2312.00752"]'),
  ).toBeVisible();

  // The same file again: nothing to do.
  const again = await pickImport(page, 'zotero.bib');
  await expect(count(again, 'unchanged')).toHaveText('5');
  await expect(again.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
  await again.getByRole('button', { name: 'Cancel' }).click();

  // Attention Is All You Need came with the Zotero file: the CSV row updates it (status, tags).
  const csv = await pickImport(page, 'reading-list.csv');
  await expect(count(csv, 'new')).toHaveText('2');
  await expect(count(csv, 'updated')).toHaveText('1');
  await expect(count(csv, 'invalid')).toHaveText('3');
  await expect(csv.getByRole('list', { name: 'Invalid records' })).toContainText(
    'row 7: url: only http(s) links are allowed',
  );
  await csv.getByRole('button', { name: 'Import 3 papers' }).click();
  await expect(csv.getByRole('status')).toContainText('Imported 2 new papers and updated 1 entry');
  await csv.getByRole('button', { name: 'Close' }).click();
  await expect(rows(page)).toHaveCount(7);
});

test('bad files are refused with the reason and leave the list as it was', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  await importFile(page, 'truncated.bib', 1);
  await expect(rows(page)).toHaveCount(1);
  const huge = { name: 'huge.bib', buffer: Buffer.alloc(21 * 1024 * 1024, 0x20) };
  const cases: [string | typeof huge, RegExp][] = [
    ['backup-truncated.json', /not valid JSON; it may be cut short/],
    ['backup-wrong-version.json', /format version 7/],
    ['backup-proto.json', /"__proto__" key/],
    ['utf16.bib', /UTF-16/],
    ['latin1.csv', /not UTF-8 text/],
    [huge, /PaperPeek imports files up to 20\.0 MB/],
  ];
  for (const [file, message] of cases) {
    const d = await pickImport(page, file);
    const alert = d.getByRole('alert');
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('The reading list was not changed.');
    await expect(d.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);
    await d.getByRole('button', { name: 'Close' }).click();
    await expect(rows(page)).toHaveCount(1);
  }

  // Script in titles stays text: nothing runs, and the title shows as written.
  await importFile(page, 'script-titles.bib', 3);
  await expect(
    page.getByText("<script>document.title='pwned'</script> Robust Parsing"),
  ).toBeVisible();
  expect(await page.title()).not.toBe('pwned');
  await expect(rows(page)).toHaveCount(4);
});

test('the dialogs work from the keyboard in light and dark themes', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  await importFile(page, 'backup.json', sampleEntries.length);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('button', { name: 'Export…' }).focus();
    await page.keyboard.press('Enter');
    const d = dialog(page, 'Export the reading list');
    await expect(d).toBeVisible();
    // Opening the dialog focuses the chosen format; arrows move between formats.
    await page.keyboard.press('ArrowDown');
    await expect(d.getByRole('radio', { name: 'RIS' })).toBeChecked();
    await page.screenshot({ path: path.join('test-results', `export-dialog-${scheme}.png`) });
    await page.keyboard.press('Escape');
    await expect(d).toBeHidden();
    const i = await pickImport(page, 'zotero.bib');
    await expect(count(i, 'invalid')).toHaveText('1');
    await page.screenshot({ path: path.join('test-results', `import-preview-${scheme}.png`) });
    await page.keyboard.press('Escape');
    await expect(i).toBeHidden();
  }
});

test("Zotero's CSV: the preview keeps the file's name and lists ignored columns; rows show the year and given names first; tags keep their case", async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  const d = await pickImport(page, 'zotero.csv');
  await expect(d.getByText('zotero.csv (Zotero CSV)')).toBeVisible();
  await expect(count(d, 'new')).toHaveText('4');
  await expect(count(d, 'invalid')).toHaveText('0');
  const ignored = d.locator('.pp-ignored');
  await expect(ignored.locator('q')).toContainText(['ISSN', 'Pages', 'File Attachments']);
  await expect(ignored.locator('q', { hasText: /^(Title|Author|Extra|Notes)$/ })).toHaveCount(0);
  // The chosen file stays named in the file input after the preview, and after the import.
  const input = d.getByLabel('File to import');
  await expect(input).toHaveValue(/zotero\.csv$/);
  await page.screenshot({ path: path.join('test-results', 'import-zotero-csv-preview.png') });
  await d.getByRole('button', { name: 'Import 4 papers' }).click();
  await expect(d.getByRole('status')).toContainText('Imported 4 new papers');
  await expect(input).toHaveValue(/zotero\.csv$/);
  await d.getByRole('button', { name: 'Close' }).click();

  // A paper saved from a page keeps its authors as the page declared them ("Family, Given").
  const qlora: Entry = {
    ...sampleEntries[1]!,
    id: '2305.14314',
    inCatalog: false,
    snapshot: {
      title: 'QLoRA: Efficient Finetuning of Quantized LLMs',
      authors: ['Dettmers, Tim', 'Pagnoni, Artidoro', 'Holtzman, Ari', 'Zettlemoyer, Luke'],
      arxivId: '2305.14314',
    },
  };
  const backup = await toBackup([qlora], [], new Date());
  const b = await pickImport(page, { name: 'saved.json', buffer: Buffer.from(backup) });
  await b.getByRole('button', { name: 'Import 1 paper' }).click();
  await expect(b.getByRole('status')).toContainText('Imported 1 new paper');
  await b.getByRole('button', { name: 'Close' }).click();

  const row = (id: string) => page.locator(`[data-list="reading-list"] [data-paper-id="${id}"]`);
  await expect(row('2106.09685').locator('.row-year')).toHaveText('2021');
  await expect(row('2106.09685').locator('.row-meta-text')).toHaveText(
    'Edward J. Hu, Yelong Shen, Phillip Wallis et al.',
  );
  // No year in the entry: the Year column shows its arXiv id's first-version year.
  await expect(row('2305.14314').locator('.row-year')).toHaveText('2023');
  await expect(row('2305.14314').locator('.row-meta-text')).toHaveText(
    'Tim Dettmers, Artidoro Pagnoni, Ari Holtzman et al.',
  );
  // The byline no longer repeats the year.
  await expect(row('2006.11239').locator('.row-meta-text')).not.toContainText('2020');
  // The Year column sits under its header.
  const header = await page.locator('.sort.col-year').boundingBox();
  const cell = await row('2106.09685').locator('.row-year').boundingBox();
  expect(Math.abs(header!.x - cell!.x)).toBeLessThan(4);

  // Tags as typed in Zotero: ICASSP stays upper-case, llm/LLM is one tag.
  await expect(row('2106.09685').getByRole('button', { name: 'ICASSP' })).toBeVisible();
  await expect(page.locator('[data-facet="tag"] [data-facet-value="ICASSP"]')).toBeVisible();
  await expect(page.locator('[data-facet="tag"] [data-facet-value="llm"]')).toHaveCount(1);
  await expect(page.locator('[data-facet="tag"] [data-facet-value="LLM"]')).toHaveCount(0);

  const md = await exportAs(page, 'Markdown');
  expect(md.text).toContain('Tim Dettmers, Artidoro Pagnoni, Ari Holtzman et al\\.');
  expect(md.text).not.toContain('Dettmers, Tim');
  const bib = await exportAs(page, 'BibTeX');
  expect(bib.text).toMatch(
    /@inproceedings\{ho2020denoising,[^@]*booktitle = \{\{Advances in Neural/,
  );
  expect(bib.text).toMatch(/@misc\{hu2021lora,[^@]*annote = \{Rank 4 is enough/);
  const biber = spawnSync('biber', ['--tool', '--validate-datamodel', bib.name], {
    cwd: work,
    encoding: 'utf8',
  });
  expect(biber.status).toBe(0);
  expect(
    `${biber.stdout}${biber.stderr}`.split('\n').filter((l) => /^(WARN|ERROR)/.test(l)),
  ).toEqual([]);
});
