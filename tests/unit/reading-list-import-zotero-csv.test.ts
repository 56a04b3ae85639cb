import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { openUserDb } from '@/lib/reading-list/db';
import { toBibtex } from '@/lib/reading-list/export/bibtex';
import { applyImport } from '@/lib/reading-list/import/apply';
import type { CatalogMatcher } from '@/lib/reading-list/import/catalog-match';
import { parseCsvFile } from '@/lib/reading-list/import/csv-file';
import { previewImport, readImportFile } from '@/lib/reading-list/import/preview';
import { noteText } from '@/lib/reading-list/import/zotero-csv';

/**
 * Zotero's CSV export (its CSV.js translator: BOM, 87 quoted columns, "; " lists, "Family,
 * Given" authors, HTML notes), read fully and never refused.
 */

const FILE = path.resolve('tests/fixtures/reading-list/zotero.csv');
const NOW = new Date('2026-11-27T12:00:00.000Z');
const noCatalog: CatalogMatcher = async (snapshots) => snapshots.map(() => null);
let n = 0;

async function load() {
  const bytes = readFileSync(FILE);
  return readImportFile(
    Object.assign(new Blob([new Uint8Array(bytes)]), { name: 'Exported Items.csv' }),
  );
}

describe("Zotero's CSV export", () => {
  it('the fixture has the 87 columns Zotero writes, quoted, with a BOM', () => {
    const raw = readFileSync(FILE, 'utf8');
    expect(raw.startsWith('\uFEFF"Key","Item Type","Publication Year","Author","Title"')).toBe(
      true,
    );
    const header = Papa.parse<string[]>(raw.slice(1)).data[0]!;
    expect(header).toHaveLength(87);
    expect(header.slice(35, 41)).toEqual([
      'Extra',
      'Notes',
      'File Attachments',
      'Link Attachments',
      'Manual Tags',
      'Automatic Tags',
    ]);
  });

  it('reads every row: authors, year, venue, abstract, DOI, URL, arXiv id, tags and notes', async () => {
    const parsed = parseCsvFile((await load()).text);
    expect(parsed.format).toBe('zotero-csv');
    expect(parsed.invalid).toEqual([]);
    expect(parsed.records).toHaveLength(4);
    const [lora, ddpm, deep, gpt4] = parsed.records;
    expect(lora!.snapshot).toMatchObject({
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      year: 2021,
      arxivId: '2106.09685',
      url: 'https://openreview.net/forum?id=nZeVKeeFYf9',
    });
    expect(lora!.snapshot.authors.slice(0, 2)).toEqual(['Edward J. Hu', 'Yelong Shen']);
    expect(lora!.snapshot.authors).toHaveLength(8);
    expect(lora!.snapshot.abstract).toMatch(
      /^An important paradigm .* Transformer architecture\.$/,
    );
    expect(lora!.tags).toEqual([
      'Computer Science - Computation and Language',
      'Computer Science - Machine Learning',
      'ICASSP',
      'LoRA',
      'PEFT',
    ]);
    expect(lora!.note).toBe('Rank 4 is enough for GPT-3; see Table 5, "Which weight matrices"');
    expect(lora!.addedAt).toBe('2024-03-14T10:22:01.000Z');
    // The arXiv id from the URL, without its version; the venue is the proceedings.
    expect(ddpm!.snapshot).toMatchObject({
      arxivId: '2006.11239',
      venue: 'Advances in Neural Information Processing Systems',
      year: 2020,
      authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
    });
    expect(ddpm!.snapshot.abstract).toContain('thermodynamics. Our best results');
    expect(ddpm!.note).toBe(
      'Start with §3.2, the "simple" loss.\nCompare with DDIM, and with score matching.',
    );
    expect(deep!.snapshot).toMatchObject({
      title: 'Deep learning',
      venue: 'Nature',
      doi: '10.1038/nature14539',
      url: 'https://www.nature.com/articles/nature14539',
      year: 2015,
      authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
    });
    // No title: the short title; a zotero:// link is left out, not the row; Extra over two lines.
    expect(gpt4!.snapshot).toMatchObject({
      title: 'GPT-4 Technical Report',
      authors: ['OpenAI'],
      arxivId: '2303.08774',
      url: 'https://arxiv.org/abs/2303.08774',
    });
    expect(gpt4!.tags).toEqual(['llm']);
  });

  it('names the columns with data that are not imported', async () => {
    const parsed = parseCsvFile((await load()).text);
    expect(parsed.ignoredColumns).toEqual([
      'ISSN',
      'Date Modified',
      'Access Date',
      'Pages',
      'Issue',
      'Volume',
      'Journal Abbreviation',
      'Publisher',
      'Language',
      'Rights',
      'Library Catalog',
      'File Attachments',
    ]);
  });

  it('imports through the preview, keeping the notes and the added dates', async () => {
    const db = openUserDb(`zotero-csv-${Date.now()}-${n++}`);
    const preview = await previewImport(db, await load(), noCatalog, NOW);
    expect(preview.format).toBe('zotero-csv');
    expect(preview.counts).toMatchObject({ new: 4, invalid: 0 });
    expect(preview.ignoredColumns).toContain('Pages');
    await applyImport(db, preview, NOW.getTime());
    const lora = (await db.entries.get('2106.09685'))!;
    expect(lora.addedAt).toBe('2024-03-14T10:22:01.000Z');
    expect(lora.note).toMatch(/^Rank 4 is enough/);
    // The abstract travels on into the citation exports.
    expect(toBibtex([lora])).toMatch(/abstract = \{An important paradigm/);
  });

  it('turns HTML notes into text', () => {
    expect(noteText('<p>A &amp; B</p><p>x &lt; y<br/>z</p>')).toBe('A & B\nx < y\nz');
  });
});
