import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBackup } from '@/lib/reading-list/backup';
import { openUserDb } from '@/lib/reading-list/db';
import { saveEntry, updateEntries } from '@/lib/reading-list/entries';
import { applyImport } from '@/lib/reading-list/import/apply';
import type { CatalogMatcher } from '@/lib/reading-list/import/catalog-match';
import { previewImport } from '@/lib/reading-list/import/preview';
import { sampleEntries } from '../fixtures/reading-list/entries';

/**
 * Backups carry a SHA-256 of their content: a damaged or hand-edited backup is refused whole and
 * changes nothing; backups written before checksums still restore. Links that are not http(s)
 * are refused in every import format, with the entry, row or line named.
 */

const FIXTURES = path.resolve('tests/fixtures/reading-list');
const NOW = new Date('2026-11-27T12:00:00.000Z');
const noCatalog: CatalogMatcher = async (snapshots) => snapshots.map(() => null);
let n = 0;

type EditableBackup = {
  exportedAt: string;
  entries: { note: string; snapshot: { url?: string } }[];
};

async function listWithNotes() {
  const db = openUserDb(`backup-checksum-${Date.now()}-${n++}`);
  await saveEntry(db, {
    id: '2401.00001',
    inCatalog: false,
    snapshot: { title: 'Kept As It Was', authors: ['A. Author'] },
  });
  await updateEntries(db, ['2401.00001'], { note: 'my own note', addTags: ['mine'] });
  return db;
}

async function backupText() {
  const source = openUserDb(`backup-source-${Date.now()}-${n++}`);
  await source.entries.bulkPut(sampleEntries);
  return toBackup(await source.entries.toArray(), [], NOW);
}

async function preview(db: ReturnType<typeof openUserDb>, name: string, text: string) {
  return previewImport(db, { name, text }, noCatalog, NOW);
}

describe('backup checksum', () => {
  it('is written on export, over the content, and the backup restores', async () => {
    const text = await backupText();
    expect(JSON.parse(text).sha256).toMatch(/^[0-9a-f]{64}$/);
    const db = await listWithNotes();
    const result = await preview(db, 'paperpeek-backup.json', text);
    expect(result.counts).toMatchObject({ new: sampleEntries.length, invalid: 0 });
  });

  it('still holds when the file is only re-indented', async () => {
    const text = JSON.stringify(JSON.parse(await backupText()), null, 4);
    const result = await preview(await listWithNotes(), 'b.json', text);
    expect(result.counts.new).toBe(sampleEntries.length);
  });

  it.each([
    ['a changed note', (b: EditableBackup) => (b.entries[0]!.note = 'edited by hand')],
    ['a changed link', (b: EditableBackup) => (b.entries[0]!.snapshot.url = 'https://x.org')],
    ['a dropped entry', (b: EditableBackup) => b.entries.pop()],
    ['a changed date', (b: EditableBackup) => (b.exportedAt = '2020-01-01T00:00:00.000Z')],
  ])('refuses a backup with %s and changes nothing', async (_, edit) => {
    const backup = JSON.parse(await backupText());
    edit(backup);
    const db = await listWithNotes();
    const before = await db.entries.toArray();
    await expect(preview(db, 'b.json', JSON.stringify(backup))).rejects.toThrow(
      'The backup was changed after PaperPeek wrote it: its checksum does not match its content.',
    );
    expect(await db.entries.toArray()).toEqual(before);
  });

  it('refuses a checksum field that is not a checksum', async () => {
    const backup = { ...JSON.parse(await backupText()), sha256: 'abc' };
    await expect(preview(await listWithNotes(), 'b.json', JSON.stringify(backup))).rejects.toThrow(
      /not a PaperPeek backup \(sha256: sha256 is not a checksum\)/,
    );
  });

  it('restores a backup written before checksums existed', async () => {
    const old = readFileSync(path.join(FIXTURES, 'backup.json'), 'utf8');
    expect(JSON.parse(old)).not.toHaveProperty('sha256');
    const result = await preview(await listWithNotes(), 'backup.json', old);
    expect(result.counts).toMatchObject({ new: sampleEntries.length, invalid: 0 });
  });
});

describe('links in imports', () => {
  it('a backup entry with a javascript: link is listed as invalid and never written', async () => {
    const backup = JSON.parse(readFileSync(path.join(FIXTURES, 'backup.json'), 'utf8'));
    backup.entries[0].snapshot.url = 'javascript:alert(1)';
    const db = await listWithNotes();
    const before = await db.entries.toArray();
    const result = await preview(db, 'b.json', JSON.stringify(backup));
    expect(result.invalid[0]).toEqual({
      where: 'entry 1',
      reason: 'snapshot.url: only http(s) links are allowed',
    });
    await applyImport(db, result, NOW.getTime());
    const stored = await db.entries.toArray();
    expect(stored.find((e) => e.id === backup.entries[0].id)).toBeUndefined();
    expect(stored.find((e) => e.id === '2401.00001')).toEqual(
      before.find((e) => e.id === '2401.00001'),
    );
  });

  it('a CSV row with a data: or javascript: link is refused with its row', async () => {
    const csv = [
      'title,url,pdf,code',
      'Good Paper,https://example.com/a,,',
      'Bad Pdf,,"data:text/html,<script>alert(1)</script>",',
      'Bad Code,,,JavaScript:alert(1)',
    ].join('\n');
    const result = await preview(await listWithNotes(), 'list.csv', csv);
    expect(result.invalid).toEqual([
      { where: 'row 3', reason: 'pdf: only http(s) links are allowed' },
      { where: 'row 4', reason: 'code: only http(s) links are allowed' },
    ]);
    expect(result.counts.new).toBe(1);
  });

  it('a BibTeX url that is not http(s) is left out and the entry kept', async () => {
    const bib = '@misc{evil_2020,\n  title = {Evil Link},\n  url = {javascript:alert(1)},\n}\n';
    const result = await preview(await listWithNotes(), 'x.bib', bib);
    expect(result.invalid).toEqual([]);
    expect(result.incoming.map((incoming) => incoming.entry.snapshot)).toEqual([
      { title: 'Evil Link', authors: [] },
    ]);
  });
});
