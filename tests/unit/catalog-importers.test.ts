import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readArxivSnapshot } from '../../lib/catalog/importers/arxiv-snapshot';
import { readHfDaily } from '../../lib/catalog/importers/hf-daily';
import { readPwcLinks, readPwcPapers } from '../../lib/catalog/importers/pwc';
import type { Issue, SourceRecord } from '../../lib/catalog/importers/source';
import { CatalogMerger, pickDate } from '../../lib/catalog/merge';

const FIXTURES = 'tests/fixtures/catalog';

async function readAll(
  read: (path: string, report: (issue: Issue) => void) => AsyncGenerator<SourceRecord>,
  path: string,
) {
  const issues: Issue[] = [];
  const records: SourceRecord[] = [];
  for await (const record of read(path, (issue) => issues.push(issue))) records.push(record);
  return { records, issues };
}

describe('arXiv snapshot importer', () => {
  it('reads records, reporting malformed lines by number', async () => {
    const { records, issues } = await readAll(
      readArxivSnapshot,
      `${FIXTURES}/arxiv-snapshot.jsonl`,
    );
    expect(records.map((r) => r.arxivId)).toEqual(['2409.07614', 'hep-th/9901001', '2501.01234']);
    expect(issues.map((i) => [i.line, i.reason])).toEqual([
      [4, 'bad snapshot record: title: Invalid input: expected string, received undefined'],
      [5, 'not valid JSON'],
    ]);
    expect(records[0]).toMatchObject({
      title: 'FlowSep: Language-Queried Sound Separation with Rectified Flow Matching',
      published: '2024-09-11',
      authors: ['Yi Yuan', 'Xubo Liu', 'Haohe Liu', 'Mark D. Plumbley', 'Wenwu Wang'],
    });
    expect(records[0]!.abstract).toMatch(/^Language-queried audio .* sounds using textual/);
    expect(records[1]).toMatchObject({
      authors: ['Juan Maldacena Jr.'],
      doi: '10.1023/a:1026654312961',
      venue: 'Adv.Theor.Math.Phys. 2 (1998) 231-252',
      published: '1999-01-01',
    });
    expect(records[2]!.code).toEqual([
      { url: 'https://github.com/ada/sparse-engine', kind: 'repository', official: true },
    ]);
  });

  it('reads a gzip-compressed snapshot the same way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const gz = join(dir, 'snapshot.jsonl.gz');
    await writeFile(gz, gzipSync(await readFile(`${FIXTURES}/arxiv-snapshot.jsonl`)));
    const { records, issues } = await readAll(readArxivSnapshot, gz);
    expect(records).toHaveLength(3);
    expect(issues).toHaveLength(2);
  });
});

describe('Hugging Face daily papers importer', () => {
  it('reads entries with authors, dates and code, reporting the bad one by record number', async () => {
    const { records, issues } = await readAll(readHfDaily, `${FIXTURES}/hf-daily.json`);
    expect(records.map((r) => r.arxivId)).toEqual(['2501.01234', '2312.00752', '2501.05555']);
    expect(issues).toEqual([
      { file: `${FIXTURES}/hf-daily.json`, record: 3, reason: expect.stringMatching(/paper\.id/) },
    ]);
    expect(records[0]).toMatchObject({
      published: '2025-01-02',
      authors: ['Ada Lovelace', 'Charles Babbage', 'Luigi Menabrea'],
      code: [
        { url: 'https://github.com/Ada/Sparse-Engine', kind: 'repository', official: true },
        { url: 'https://ada.github.io/sparse-engine', kind: 'project', official: true },
      ],
    });
  });
});

describe('Papers with Code importers', () => {
  it('reads papers with and without arXiv ids and reports bad ones', async () => {
    const { records, issues } = await readAll(readPwcPapers, `${FIXTURES}/pwc-papers.json`);
    expect(records.map((r) => r.arxivId ?? r.title)).toEqual([
      '2312.00752',
      'A Workshop Paper Without arXiv',
    ]);
    expect(records[1]).toMatchObject({ venue: 'ICML 2019 Workshop', published: '2019-06-15' });
    expect(issues.map((i) => [i.record, i.reason])).toEqual([
      [3, 'bad arXiv id "not-an-id"'],
      [4, expect.stringMatching(/^bad Papers with Code paper: title/)],
    ]);
  });

  it('reads links as code-only records', async () => {
    const { records, issues } = await readAll(readPwcLinks, `${FIXTURES}/pwc-links.json`);
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.augmentOnly)).toBe(true);
    expect(issues.map((i) => i.record)).toEqual([5]);
  });

  it('fails loudly on an array that is not valid JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '[{"title": "x"}, {"title": ');
    await expect(readAll(readPwcPapers, bad)).rejects.toThrow(/parse/i);
  });
});

describe('CatalogMerger', () => {
  it('merges all sources by arXiv id or title, the richer value winning', async () => {
    const merger = new CatalogMerger();
    const base: SourceRecord = {
      arxivId: '2312.00752',
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      authors: ['Albert Gu', 'Tri Dao'],
      published: '2023-12',
      venue: 'COLM 2024',
      abstract:
        'Foundation models, now powering most of the exciting applications in deep learning, are almost universally based on the Transformer architecture. We propose Mamba.',
      code: [{ url: 'https://github.com/state-spaces/mamba', kind: 'repository', official: true }],
    };
    merger.add(base);
    for (const [read, file] of [
      [readArxivSnapshot, 'arxiv-snapshot.jsonl'],
      [readHfDaily, 'hf-daily.json'],
      [readPwcPapers, 'pwc-papers.json'],
      [readPwcLinks, 'pwc-links.json'],
    ] as const) {
      for (const record of (await readAll(read, `${FIXTURES}/${file}`)).records) merger.add(record);
    }
    const merged = merger.merged();
    expect(merged.map((r) => r.arxivId ?? r.title)).toEqual([
      '2312.00752',
      '2409.07614',
      'hep-th/9901001',
      '2501.01234',
      '2501.05555',
      'A Workshop Paper Without arXiv',
    ]);
    const mamba = merged[0]!;
    expect(mamba.abstract).toBe(base.abstract);
    expect(mamba.venue).toBe('COLM 2024');
    expect(mamba.published).toBe('2023-12-01');
    expect(mamba.code).toEqual([
      { url: 'https://github.com/state-spaces/mamba', kind: 'repository', official: true },
      { url: 'https://github.com/alxndrTL/mamba.py', kind: 'repository', official: false },
    ]);
    const engine = merged[3]!;
    expect(engine.authors).toHaveLength(3);
    expect(engine.abstract).toMatch(/^Analytical engines/);
    expect(engine.code.map((c) => c.url)).toEqual([
      'https://github.com/ada/sparse-engine',
      'https://ada.github.io/sparse-engine',
    ]);
    expect(merged[5]!.code).toEqual([
      { url: 'https://gitlab.com/turing/workshop', kind: 'repository', official: true },
    ]);
  });

  it('never joins two different arXiv ids that share a title', () => {
    const merger = new CatalogMerger();
    const record = { title: 'Same Title', authors: [], abstract: '', code: [] };
    merger.add({ ...record, arxivId: '2401.00001' });
    merger.add({ ...record, arxivId: '2401.00002' });
    merger.add({ ...record, abstract: 'no id: joins the first' });
    expect(merger.merged().map((r) => [r.arxivId, r.abstract])).toEqual([
      ['2401.00001', 'no id: joins the first'],
      ['2401.00002', ''],
    ]);
  });

  it('keeps the more precise agreeing date, else the earlier', () => {
    expect(pickDate('2024-09', '2024-09-12')).toBe('2024-09-12');
    expect(pickDate('2024-10-01', '2024-09')).toBe('2024-09');
    expect(pickDate(undefined, '2024')).toBe('2024');
  });
});
