import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';
import { OptionsPage, type CatalogFile } from './pages/options-page';

/** The bundled catalog that a fresh install loads (public/catalog/default.ndjson.gz). */
const BUNDLED_COUNT = '89 papers';
const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';

/** A paper record in the shape of lib/catalog/schema.ts, numbered so every id is distinct. */
function paper(n: number): Record<string, unknown> {
  const arxivId = `2401.${String(10000 + n).padStart(5, '0')}`;
  return {
    id: arxivId,
    arxivId,
    title: `Test Paper Number ${n} on Sparse Attention`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    published: '2024-01',
    abstract: `An abstract for test paper ${n}.`,
    summary: `A summary for test paper ${n}.`,
    links: { abs: `https://arxiv.org/abs/${arxivId}` },
    code: [],
    keywords: ['attention'],
    related: [],
  };
}

/** Catalog lines: header, papers, footer; `mutate` may break any of them before joining. */
function catalogLines(count: number, version = 'test-v1'): string[] {
  const header = {
    format: 'paperpeek-catalog',
    formatVersion: 1,
    version,
    source: 'options.spec.ts',
    createdAt: '2026-01-01T00:00:00Z',
    count,
  };
  const papers = Array.from({ length: count }, (_, i) => JSON.stringify(paper(i + 1)));
  return [JSON.stringify(header), ...papers, JSON.stringify({ end: true, count })];
}

function ndjson(name: string, lines: string[]): CatalogFile {
  return { name, mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines.join('\n')}\n`) };
}

function gzipped(name: string, lines: string[]): CatalogFile {
  const buffer = gzipSync(Buffer.from(`${lines.join('\n')}\n`));
  return { name, mimeType: 'application/gzip', buffer };
}

/** The options page once the first-run install of the bundled catalog has finished. */
async function openWithBundledCatalog(context: Parameters<typeof OptionsPage.open>[0], id: string) {
  const options = await OptionsPage.open(context, id);
  await expect(options.fact('Papers')).toHaveText(BUNDLED_COUNT, { timeout: 30_000 });
  await expect(options.loadButton).toBeEnabled();
  return options;
}

test('shows the bundled catalog and how much space it takes', async ({ context, extensionId }) => {
  const options = await openWithBundledCatalog(context, extensionId);
  await expect(options.page.getByRole('heading', { name: 'PaperPeek', level: 1 })).toBeVisible();
  await expect(options.fact('Source')).toHaveText('Bundled catalog');
  await expect(options.fact('Version')).not.toBeEmpty();
  await expect(options.fact('Loaded')).toHaveText(/\d{4}/);
  await expect(options.fact('Size on disk')).toHaveText(/^\d+(\.\d)? (B|KB|MB|GB)$/);
  expect(await options.lookupTitle('2312.00752')).toBe(MAMBA);
});

test('the load button is reachable by keyboard and opens a file chooser', async ({
  context,
  extensionId,
}) => {
  const options = await openWithBundledCatalog(context, extensionId);
  await options.page.bringToFront();
  // Listening for the chooser before any key is pressed: Playwright turns on its chooser
  // interception without waiting for the browser to confirm, so a listener added just before the
  // key press can miss a chooser that opens at once (seen once in a clean-clone dry run).
  const chooser = options.page.waitForEvent('filechooser');
  // The header's link to the reading list comes first, then the catalog's load button.
  await options.page.keyboard.press('Tab');
  await expect(options.page.getByRole('link', { name: 'Open your reading list' })).toBeFocused();
  await options.page.keyboard.press('Tab');
  await expect(options.loadButton).toBeFocused();
  // Space, not Enter: headless Chromium drops some Enter-opened choosers (about one in two
  // here), while a person's Enter works; Space is the same button activation, reliably seen.
  await options.page.keyboard.press('Space');
  expect((await chooser).isMultiple()).toBe(false);
});

test('loading a valid catalog file replaces the catalog, with progress on the way', async ({
  context,
  extensionId,
}) => {
  const options = await openWithBundledCatalog(context, extensionId);
  await options.recordProgress();
  await options.chooseFile(ndjson('my-catalog.ndjson', catalogLines(6000)));

  await expect(options.status).toHaveText('Loaded 6,000 papers from my-catalog.ndjson.', {
    timeout: 30_000,
  });
  await expect(options.fact('Papers')).toHaveText('6,000 papers');
  await expect(options.fact('Source')).toHaveText('my-catalog.ndjson');
  await expect(options.fact('Version')).toHaveText('test-v1');
  await expect(options.progress).toHaveCount(0);
  await expect(options.loadButton).toBeEnabled();
  await expect(options.error).toHaveCount(0);

  // The bar showed up and counted towards the file's size, never past it and never backwards.
  const seen = await options.progressSeen();
  expect(seen.length).toBeGreaterThan(0);
  for (const [i, [done, total]] of seen.entries()) {
    expect(total).toBe(6000);
    expect(done).toBeLessThanOrEqual(total);
    if (i > 0) expect(done).toBeGreaterThanOrEqual(seen[i - 1]![0]);
  }
  expect(await options.lookupTitle('2401.10042')).toBe('Test Paper Number 42 on Sparse Attention');
  expect(await options.lookupTitle('2312.00752')).toBeNull();
});

test('a gzip-compressed catalog file loads too', async ({ context, extensionId }) => {
  const options = await openWithBundledCatalog(context, extensionId);
  await options.chooseFile(gzipped('small.ndjson.gz', catalogLines(3, 'gz-v1')));
  await expect(options.status).toHaveText('Loaded 3 papers from small.ndjson.gz.');
  await expect(options.fact('Papers')).toHaveText('3 papers');
  await expect(options.fact('Version')).toHaveText('gz-v1');
});

const broken: [string, () => CatalogFile, RegExp][] = [
  [
    'bad JSON on line 3',
    () => {
      const lines = catalogLines(5);
      lines[2] = '{"id": "2401.10002", "title": ';
      return ndjson('bad-json.ndjson', lines);
    },
    /Line 3: not valid JSON/,
  ],
  [
    'a record without its title',
    () => {
      const lines = catalogLines(5);
      const { title: _title, ...untitled } = paper(3);
      lines[3] = JSON.stringify(untitled);
      return ndjson('untitled.ndjson', lines);
    },
    /Line 4 \(id 2401\.10003\): title/,
  ],
  [
    'a missing closing line',
    () => ndjson('no-footer.ndjson', catalogLines(5).slice(0, -1)),
    /without its closing line: it is truncated/,
  ],
  [
    'a gzip file cut in half',
    () => {
      const whole = gzipped('cut.ndjson.gz', catalogLines(400));
      return { ...whole, buffer: whole.buffer.subarray(0, whole.buffer.length >> 1) };
    },
    /truncated/,
  ],
];

for (const [problem, file, message] of broken) {
  test(`a catalog file with ${problem} is refused and the old catalog stays`, async ({
    context,
    extensionId,
  }) => {
    const options = await openWithBundledCatalog(context, extensionId);
    const chosen = file();
    await options.chooseFile(chosen);

    await expect(options.error).toContainText(`Could not load ${chosen.name}`, { timeout: 30_000 });
    await expect(options.error).toContainText(message);
    await expect(options.error).toContainText(`The current catalog is unchanged: ${BUNDLED_COUNT}`);
    await expect(options.fact('Papers')).toHaveText(BUNDLED_COUNT);
    await expect(options.fact('Source')).toHaveText('Bundled catalog');
    await expect(options.loadButton).toBeEnabled();
    expect(await options.lookupTitle(MAMBA)).toBe(MAMBA);
  });
}
