import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Paper } from '@/lib/catalog/schema';
import { toBackup } from '@/lib/reading-list/backup';
import { openUserDb } from '@/lib/reading-list/db';
import { saveEntry, updateEntries } from '@/lib/reading-list/entries';
import type { Entry } from '@/lib/reading-list/entry';
import { toCsv } from '@/lib/reading-list/export/csv';
import { applyImport } from '@/lib/reading-list/import/apply';
import type { CatalogMatcher } from '@/lib/reading-list/import/catalog-match';
import { readImportFile, previewImport } from '@/lib/reading-list/import/preview';
import { sampleEntries } from '../fixtures/reading-list/entries';

/**
 * Imports end to end against a real (fake-indexeddb) reading-list database: preview counts, the
 * atomic apply, merges that never lose data, and idempotence. The catalog is a stub matcher: its
 * real lookups are tested in lookup.test.ts and end to end in the browser.
 */

const FIXTURES = path.resolve('tests/fixtures/reading-list');
let n = 0;
const freshDb = () => openUserDb(`import-${Date.now()}-${n++}`);
const NOW = new Date('2026-11-27T12:00:00.000Z');

function paper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  return {
    id,
    arxivId: /^\d/.test(id) ? id : undefined,
    title,
    authors: ['Catalog Author'],
    published: '2017-06-12',
    abstract: '',
    summary: '',
    links: { abs: `https://arxiv.org/abs/${id}` },
    code: [],
    keywords: [],
    related: [],
    ...extra,
  };
}

/** A catalog that knows two papers, by arXiv id or exact title. */
const catalog = [
  paper('1706.03762', 'Attention Is All You Need', { venue: 'NeurIPS' }),
  paper('2312.00752', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces'),
];
const match: CatalogMatcher = async (snapshots) =>
  snapshots.map(
    (s) =>
      catalog.find((p) => (s.arxivId && p.arxivId === s.arxivId) || p.title === s.title) ?? null,
  );
const noCatalog: CatalogMatcher = async (snapshots) => snapshots.map(() => null);

function fileOf(name: string, bytes: Buffer | string) {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return Object.assign(new Blob([new Uint8Array(data)]), { name });
}

async function load(name: string) {
  return readImportFile(fileOf(name, readFileSync(path.join(FIXTURES, name))));
}

async function importFile(
  db: ReturnType<typeof freshDb>,
  file: { name: string; text: string },
  matcher = match,
) {
  const preview = await previewImport(db, file, matcher, NOW);
  return { preview, result: await applyImport(db, preview, NOW.getTime()) };
}

const sorted = (entries: Entry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

describe('JSON backup', () => {
  it('restores the list exactly: tags, notes, status, dates and clocks', async () => {
    const db = freshDb();
    const { preview, result } = await importFile(db, await load('backup.json'));
    expect(preview.counts).toMatchObject({ new: sampleEntries.length, updated: 0, invalid: 0 });
    expect(result.new).toBe(sampleEntries.length);
    expect(sorted(await db.entries.toArray())).toEqual(sorted(sampleEntries));
    expect(await db.tombstones.toArray()).toEqual([
      { id: '2401.00001', deletedAt: '0000lxyz12a-0000-deviceb' },
    ]);
  });

  it('round-trips a list exported from a database', async () => {
    const source = freshDb();
    await importFile(source, await load('backup.json'));
    const text = await toBackup(
      await source.entries.toArray(),
      await source.tombstones.toArray(),
      NOW,
    );
    const target = freshDb();
    await importFile(target, { name: 'paperpeek-backup.json', text });
    expect(sorted(await target.entries.toArray())).toEqual(sorted(await source.entries.toArray()));
  });

  it('changes nothing when the same file is imported twice', async () => {
    const db = freshDb();
    const file = await load('backup.json');
    await importFile(db, file);
    const before = await db.entries.toArray();
    const metaBefore = await db.meta.toArray();
    const { preview, result } = await importFile(db, file);
    expect(preview.counts).toMatchObject({ new: 0, updated: 0, unchanged: sampleEntries.length });
    expect(result).toMatchObject({ new: 0, updated: 0 });
    expect(await db.entries.toArray()).toEqual(before);
    expect(await db.meta.toArray()).toEqual(metaBefore);
  });

  it.each([
    ['backup-truncated.json', /not valid JSON; it may be cut short/],
    ['backup-wrong-version.json', /format version 7; this PaperPeek reads version 1/],
    ['backup-proto.json', /"__proto__" key/],
  ])('%s is refused with a clear message and changes nothing', async (name, message) => {
    const db = freshDb();
    await saveEntry(db, { id: 'x1', inCatalog: false, snapshot: { title: 'Kept', authors: [] } });
    const before = await db.entries.toArray();
    await expect(previewImport(db, await load(name), match, NOW)).rejects.toThrow(message);
    expect(await db.entries.toArray()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists entries that fail validation by index and restores the rest', async () => {
    const data = JSON.parse(readFileSync(path.join(FIXTURES, 'backup.json'), 'utf8'));
    data.entries[1].status = 'finished';
    data.entries[2].snapshot.title = 'x'.repeat(1001);
    data.entries[3].snapshot.url = 'javascript:alert(1)';
    const db = freshDb();
    const { preview } = await importFile(db, { name: 'b.json', text: JSON.stringify(data) });
    expect(preview.invalid.map((i) => i.where)).toEqual(['entry 2', 'entry 3', 'entry 4']);
    expect(preview.invalid[0]!.reason).toMatch(/^status:/);
    expect(preview.invalid[1]!.reason).toMatch(/^snapshot\.title:/);
    expect(preview.invalid[2]!.reason).toMatch(/http\(s\)/);
    expect(await db.entries.count()).toBe(sampleEntries.length - 3);
  });
});

describe('merging into an existing list', () => {
  it('keeps notes, tags and status already in the list and adds what the file brings', async () => {
    const db = freshDb();
    await saveEntry(db, {
      id: '1706.03762',
      inCatalog: true,
      snapshot: { title: 'Attention Is All You Need', authors: ['A. Vaswani'] },
    });
    await updateEntries(db, ['1706.03762'], {
      note: 'My own note',
      addTags: ['mine'],
      status: 'reading',
    });
    const { preview } = await importFile(db, await load('backup.json'));
    expect(preview.counts.updated).toBe(1);
    const merged = (await db.entries.get('1706.03762'))!;
    expect(merged.note).toBe('My own note\n\nThe transformer paper.\nRead twice.');
    expect(merged.tags).toEqual(['mine', 'nlp', 'transformers']);
    expect(merged.status).toBe('read');
    // The saved snapshot stays; fields it lacked are filled from the file.
    expect(merged.snapshot.authors).toEqual(['A. Vaswani']);
    expect(merged.snapshot.arxivId).toBe('1706.03762');
    // A second import appends nothing more.
    const again = await importFile(db, await load('backup.json'));
    expect(again.preview.counts.updated).toBe(0);
    expect((await db.entries.get('1706.03762'))!.note).toBe(merged.note);
  });

  it('re-plans inside the transaction, so an edit made during the preview is kept', async () => {
    const db = freshDb();
    const preview = await previewImport(db, await load('backup.json'), match, NOW);
    await saveEntry(db, {
      id: '2312.00752',
      inCatalog: true,
      snapshot: { title: 'Mamba', authors: [] },
    });
    await updateEntries(db, ['2312.00752'], { note: 'Written while the preview was open' });
    await applyImport(db, preview, NOW.getTime());
    expect((await db.entries.get('2312.00752'))!.note).toBe('Written while the preview was open');
  });
});

describe('BibTeX from Zotero', () => {
  it('matches papers to the catalog by eprint, arXiv journal field or title', async () => {
    const db = freshDb();
    const { preview } = await importFile(db, await load('zotero.bib'));
    expect(preview.counts).toMatchObject({ new: 5, unmatched: 3, invalid: 1 });
    expect(preview.invalid).toEqual([
      { where: 'line 55', reason: '@book{no_title_2020} has no title' },
    ]);
    const attention = (await db.entries.get('1706.03762'))!;
    expect(attention.inCatalog).toBe(true);
    // The catalog's record is the snapshot; the Zotero tags come along.
    expect(attention.snapshot.authors).toEqual(['Catalog Author']);
    expect(attention.tags).toContain('transformers');
    expect((await db.entries.get('2312.00752'))!.inCatalog).toBe(true);
  });

  it('saves papers outside the catalog with their own snapshot, LaTeX decoded', async () => {
    const db = freshDb();
    await importFile(db, await load('zotero.bib'), noCatalog);
    const entries = await db.entries.toArray();
    const muller = entries.find((e) => e.snapshot.title.startsWith('Über'))!;
    expect(muller).toMatchObject({ inCatalog: false, status: 'to-read' });
    expect(muller.snapshot).toMatchObject({
      title: 'Über die Schrödinger-Gleichung & exakte Lösungen',
      authors: ['José Müller', 'Zoë Ångström-Nuñez'],
      year: 2019,
      venue: 'Proceedings of the Conference on Mathematical Physics',
      doi: '10.1515/crll.2019.042',
    });
    const brown = (await db.entries.get('2005.14165'))!;
    expect(brown.snapshot).toMatchObject({ arxivId: '2005.14165', primaryClass: 'cs.CL' });
    const nature = entries.find((e) => e.snapshot.doi === '10.1038/nature14539')!;
    expect(nature.snapshot.venue).toBe('Nature');
    // Zotero's "arXiv:2312.00752 [cs]" journal names the preprint, not a venue.
    expect((await db.entries.get('2312.00752'))!.snapshot.venue).toBeUndefined();
  });

  it('is idempotent', async () => {
    const db = freshDb();
    await importFile(db, await load('zotero.bib'));
    const before = await db.entries.toArray();
    const { result } = await importFile(db, await load('zotero.bib'));
    expect(result).toMatchObject({ new: 0, updated: 0, unchanged: 5 });
    expect(await db.entries.toArray()).toEqual(before);
  });

  it('keeps markup in titles as text and refuses script links', async () => {
    const db = freshDb();
    const { preview } = await importFile(db, await load('script-titles.bib'), noCatalog);
    expect(preview.counts.new).toBe(3);
    const titles = (await db.entries.toArray()).map((e) => e.snapshot.title).sort();
    expect(titles).toContain("<script>document.title='pwned'</script> Robust Parsing");
    const img = (await db.entries.toArray()).find((e) => e.snapshot.title.includes('<img'))!;
    expect(img.snapshot.url).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a cut-short file and a huge field by line, and imports the rest', async () => {
    const db = freshDb();
    const truncated = await importFile(db, await load('truncated.bib'), noCatalog);
    expect(truncated.preview.counts).toMatchObject({ new: 1, invalid: 1 });
    expect(truncated.preview.invalid[0]).toEqual({
      where: 'line 7',
      reason: '@article entry never closes: the file is cut short or a brace is missing',
    });
    const huge = await previewImport(db, await load('huge-field.bib'), noCatalog, NOW);
    expect(huge.invalid).toEqual([
      { where: 'line 7', reason: expect.stringMatching(/^@misc\{huge_2020\}: title: Too big/) },
    ]);
  });
});

describe('CSV', () => {
  it('reads our columns back, with row numbers for bad rows', async () => {
    const db = freshDb();
    const { preview } = await importFile(db, await load('reading-list.csv'));
    expect(preview.counts).toMatchObject({ new: 3, unmatched: 2, invalid: 3 });
    expect(preview.invalid.map((i) => i.where)).toEqual(['row 5', 'row 6', 'row 7']);
    expect(preview.invalid[1]!.reason).toMatch(/^status:/);
    expect(preview.invalid[2]!.reason).toBe('url: only http(s) links are allowed');
    const attention = (await db.entries.get('1706.03762'))!;
    expect(attention).toMatchObject({
      status: 'read',
      tags: ['nlp', 'transformers'],
      note: 'A note with a comma, and "quotes"\nand a second line',
      addedAt: '2026-10-01T09:00:00.000Z',
      readAt: '2026-10-02T09:00:00.000Z',
    });
    expect((await db.entries.get('t-spreadsheet'))!.snapshot.title).toBe(
      '=HYPERLINK("http://evil.example")',
    );
  });

  it('round-trips our own export', async () => {
    const db = freshDb();
    const text = toCsv(sampleEntries);
    await importFile(db, { name: 'list.csv', text }, noCatalog);
    const restored = new Map((await db.entries.toArray()).map((e) => [e.id, e]));
    for (const entry of sampleEntries) {
      const back = restored.get(entry.id)!;
      expect(back.snapshot, entry.id).toEqual(entry.snapshot);
      expect([back.status, back.tags, back.note, back.addedAt, back.readAt]).toEqual([
        entry.status,
        entry.tags,
        entry.note,
        entry.addedAt,
        entry.readAt,
      ]);
    }
  });
});

describe('files that are not imported at all', () => {
  it.each([
    ['utf16.bib', /UTF-16/],
    ['latin1.csv', /not UTF-8 text/],
  ])('%s gets a clear message', async (name, message) => {
    await expect(load(name)).rejects.toThrow(message);
  });

  it('refuses a file over 20 MB before reading it', async () => {
    const big = Object.assign(new Blob([new Uint8Array(20 * 1024 * 1024 + 1)]), {
      name: 'big.bib',
    });
    await expect(readImportFile(big)).rejects.toThrow(
      'The file is 20.0 MB; PaperPeek imports files up to 20.0 MB',
    );
  });

  it('refuses NUL bytes, empty files and unknown kinds', async () => {
    await expect(readImportFile(fileOf('x.bib', Buffer.from('@misc{a,\0}')))).rejects.toThrow(
      /NUL byte/,
    );
    await expect(readImportFile(fileOf('x.bib', ''))).rejects.toThrow('The file is empty.');
    const db = freshDb();
    await expect(previewImport(db, { name: 'notes.txt', text: 'hello' }, match)).rejects.toThrow(
      /cannot tell what kind of file/,
    );
    await expect(
      previewImport(db, { name: 'x.csv', text: 'name,year\nA,2020\n' }, match),
    ).rejects.toThrow(/no "title" column/);
  });
});
