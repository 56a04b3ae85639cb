import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/reading-list/entry';
import { toBibtex } from '@/lib/reading-list/export/bibtex';
import { assignCitationKeys, baseCitationKey } from '@/lib/reading-list/export/citation-key';
import { plugins } from '@/lib/reading-list/export/citation-js';
import { toCslJson } from '@/lib/reading-list/export/csl-json';
import { CSV_COLUMNS, toCsv } from '@/lib/reading-list/export/csv';
import { exportFilename, exportFormat } from '@/lib/reading-list/export/formats';
import { toMarkdown } from '@/lib/reading-list/export/markdown';
import { toRis } from '@/lib/reading-list/export/ris';
import { sampleEntries } from '../fixtures/reading-list/entries';

/**
 * The exports are checked with the tools readers use: pandoc reads the BibTeX and CSL-JSON back,
 * biber validates the BibTeX against biblatex's data model, citation-js reads the RIS back.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'paperpeek-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CslOut {
  id: string;
  title: string;
  author?: { family?: string; given?: string; literal?: string }[];
  issued?: { 'date-parts': number[][] };
  'container-title'?: string;
  DOI?: string;
}

function pandoc(from: string, text: string): CslOut[] {
  const file = path.join(dir, `in.${from}`);
  writeFileSync(file, text);
  return JSON.parse(
    execFileSync('pandoc', ['-f', from, '-t', 'csljson', file], { encoding: 'utf8' }),
  );
}

/** "Given Family" back from CSL names; pandoc splits Western names the same way we wrote them. */
function names(item: CslOut): string[] {
  return (item.author ?? []).map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(' '));
}

const keys = assignCitationKeys(sampleEntries);
const byKey = new Map(sampleEntries.map((e) => [keys.get(e.id)!, e]));

/** Pandoc's CSL reader typesets straight quotes as curly ones, as citation processors do. */
const straightQuotes = (text: string) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");

function expectIntact(items: CslOut[], typeset = false) {
  expect(items.map((i) => i.id).sort()).toEqual([...byKey.keys()].sort());
  for (const item of items) {
    const entry = byKey.get(item.id)!;
    expect(typeset ? straightQuotes(item.title) : item.title, item.id).toBe(entry.snapshot.title);
    expect(names(item), item.id).toEqual(entry.snapshot.authors);
    expect(item.issued?.['date-parts'][0]?.[0], item.id).toBe(entry.snapshot.year);
  }
}

describe('citation keys', () => {
  it('are author-year-word, ASCII, and the same across exports of different selections', () => {
    expect(baseCitationKey(sampleEntries[0]!)).toBe('vaswani2017attention');
    expect(baseCitationKey(sampleEntries[2]!)).toBe('muller2019uber');
    expect(baseCitationKey(sampleEntries[3]!)).toBe('paper2020');
    const alone = assignCitationKeys([sampleEntries[1]!, sampleEntries[0]!]);
    expect(alone.get('1706.03762')).toBe(keys.get('1706.03762'));
  });

  it('get deterministic suffixes when they collide, in the order the papers were added', () => {
    expect(keys.get('2005.14165')).toBe('brown2020languagea');
    expect(keys.get('t-brown2')).toBe('brown2020languageb');
    const reversed = assignCitationKeys([...sampleEntries].reverse());
    expect([...reversed.entries()].sort()).toEqual([...keys.entries()].sort());
    expect(new Set(keys.values()).size).toBe(sampleEntries.length);
  });
});

describe('BibTeX', () => {
  const bib = toBibtex(sampleEntries);

  it('is read back by pandoc with every title, author and year intact', () => {
    expectIntact(pandoc('bibtex', bib));
  });

  it('keeps venues and DOIs through pandoc', () => {
    const items = new Map(pandoc('bibtex', bib).map((i) => [i.id, i]));
    expect(items.get('muller2019uber')?.['container-title']).toBe(
      'Journal für die reine und angewandte Mathematik',
    );
    expect(items.get('muller2019uber')?.DOI).toBe('10.1515/crll.2019.042');
    expect(items.get('paper2020')?.['container-title']).toBe('计算机学报');
  });

  it('escapes LaTeX specials and carries arXiv eprint fields', () => {
    expect(bib).toContain(
      '{{Über die Schrödinger-Gleichung \\& 100\\% \\{exakte\\} Lösungen: \\$O(n\\textasciicircum{}2)\\$ für \\#Graphen\\_mit \\textasciitilde{}Kanten \\textbackslash{} Ansatz}}',
    );
    const mamba = bib.slice(bib.indexOf('@misc{gu2023mamba'));
    expect(mamba).toMatch(
      /eprint = \{2312\.00752\},\n {2}archivePrefix = \{arXiv\},\n {2}primaryClass = \{cs\.LG\}/,
    );
    expect(bib).toContain('{Research and Development Team}}');
  });

  it('passes biber --tool --validate-datamodel with no warnings or errors', () => {
    const work = mkdtempSync(path.join(dir, 'biber-'));
    writeFileSync(path.join(work, 'list.bib'), bib);
    const run = spawnSync('biber', ['--tool', '--validate-datamodel', 'list.bib'], {
      cwd: work,
      encoding: 'utf8',
    });
    const log = `${run.stdout}${run.stderr}`;
    expect(run.status, log).toBe(0);
    expect(log.split('\n').filter((l) => /^(WARN|ERROR)/.test(l))).toEqual([]);
    // biber wrote every entry back out: none was dropped as unreadable.
    const out = readFileSync(path.join(work, 'list_bibertool.bib'), 'utf8');
    for (const key of keys.values()) expect(out).toContain(`{${key},`);
  }, 60_000);
});

describe('CSL-JSON', () => {
  const json = toCslJson(sampleEntries);

  it('is read by pandoc with titles, authors and years intact', () => {
    expectIntact(pandoc('csljson', json), true);
  });

  it('marks arXiv preprints the way Zotero does', () => {
    const items = JSON.parse(json) as Record<string, unknown>[];
    expect(items.find((i) => i.id === 'gu2023mamba')).toMatchObject({
      type: 'article',
      publisher: 'arXiv',
      number: 'arXiv:2312.00752',
    });
  });
});

describe('RIS', () => {
  const ris = toRis(sampleEntries);

  it('is read back by citation-js with titles, authors and years intact', () => {
    const items = plugins.input.chain(ris, { generateGraph: false }) as CslOut[];
    expect(items).toHaveLength(sampleEntries.length);
    items.forEach((item, i) => {
      const entry = sampleEntries[i]!;
      expect(item.title).toBe(entry.snapshot.title);
      expect(item.issued?.['date-parts'][0]?.[0]).toBe(entry.snapshot.year);
      expect(names(item).length).toBe(entry.snapshot.authors.length);
    });
  });

  it('never wraps a value over two lines', () => {
    const long = sampleEntries[2]!;
    expect(ris).toContain(`TI  - ${long.snapshot.title}\n`);
    expect(ris.split('\n').every((line) => line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line))).toBe(
      true,
    );
  });
});

describe('Markdown and CSV', () => {
  it('Markdown groups by status and keeps markup in titles and notes inert', () => {
    const md = toMarkdown(sampleEntries, new Date('2026-11-27T00:00:00Z'));
    expect(md).toContain('## Read (1)');
    expect(md).toContain('## Reading (1)');
    // Every < from the entries is backslash-escaped, so no renderer sees a tag.
    expect(md).not.toMatch(/(?<!\\)<(script|img)/);
    expect(md).toContain('\\<script\\>alert');
    expect(md).toContain('[arXiv:1706.03762](https://arxiv.org/abs/1706.03762)');
  });

  it('CSV parses back to the same fields, notes with commas, quotes and line breaks included', () => {
    const rows = Papa.parse<Record<string, string>>(toCsv(sampleEntries), {
      header: true,
      skipEmptyLines: true,
    });
    expect(rows.errors).toEqual([]);
    expect(rows.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(rows.data[0]).toMatchObject({
      id: '1706.03762',
      status: 'read',
      note: 'The transformer paper.\nRead twice.',
      tags: 'nlp; transformers',
    });
    expect(rows.data.map((r) => r.title)).toEqual(sampleEntries.map((e) => e.snapshot.title));
  });

  it('CSV defuses cells a spreadsheet would run as formulas', () => {
    const formula: Entry = {
      ...sampleEntries[1]!,
      snapshot: { ...sampleEntries[1]!.snapshot, title: '=HYPERLINK("http://x")' },
    };
    expect(toCsv([formula])).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('file names', () => {
  it('name the list, the selection or the backup, with the date', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(exportFilename(exportFormat('bibtex'), 9, false, now)).toBe(
      'paperpeek-reading-list-2026-11-27.bib',
    );
    expect(exportFilename(exportFormat('ris'), 3, true, now)).toBe(
      'paperpeek-selection-3-2026-11-27.ris',
    );
    expect(exportFilename(exportFormat('csl-json'), 3, false, now)).toBe(
      'paperpeek-reading-list-2026-11-27.csl.json',
    );
    expect(exportFilename(exportFormat('backup'), 3, true, now)).toBe(
      'paperpeek-backup-2026-11-27.json',
    );
  });
});
