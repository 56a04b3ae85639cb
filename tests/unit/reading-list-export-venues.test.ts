import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Paper } from '@/lib/catalog/schema';
import type { Entry } from '@/lib/reading-list/entry';
import { toBibtex } from '@/lib/reading-list/export/bibtex';
import { plugins } from '@/lib/reading-list/export/citation-js';
import { toCslJson } from '@/lib/reading-list/export/csl-json';
import { toRis } from '@/lib/reading-list/export/ris';
import { parseBibtexFile } from '@/lib/reading-list/import/bibtex-file';
import { snapshotFromPaper } from '@/lib/reading-list/snapshot';

/**
 * Entry types follow the venue and the reader's note travels, in every citation format, as read
 * back by pandoc, biber and citation-js; math in imported titles comes out as text.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'paperpeek-venues-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(id: string, snapshot: Entry['snapshot'], note = ''): Entry {
  return {
    id,
    inCatalog: true,
    snapshot,
    status: 'to-read',
    tags: [],
    note,
    addedAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    readAt: null,
    clock: {},
  };
}

const entries: Entry[] = [
  entry(
    '2404.05961',
    {
      title: 'LLM2Vec: Large Language Models Are Secretly Powerful Text Encoders',
      authors: ['Parishad BehnamGhader', 'Vaibhav Adlakha'],
      year: 2024,
      venue: 'COLM 2024',
      arxivId: '2404.05961',
      primaryClass: 'cs.CL',
    },
    'Read for the contrastive step; compare with E5.',
  ),
  entry('2106.09685', {
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    authors: ['Edward J. Hu', 'Yelong Shen'],
    year: 2021,
    venue: 'ICLR 2022',
    arxivId: '2106.09685',
  }),
  entry('2006.11239', {
    title: 'Denoising Diffusion Probabilistic Models',
    authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
    year: 2020,
    venue: 'Advances in Neural Information Processing Systems',
    arxivId: '2006.11239',
  }),
  entry('2203.00001', {
    title: 'A Journal Paper',
    authors: ['Ada Lovelace'],
    year: 2022,
    venue: 'Machine Learning (journal), ECML PKDD 2022 Journal Track',
  }),
  entry(
    '2312.00752',
    {
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      authors: ['Albert Gu', 'Tri Dao'],
      year: 2023,
      arxivId: '2312.00752',
      primaryClass: 'cs.LG',
    },
    'Selective scan; 50% of the paper is the hardware part.',
  ),
];

interface CslOut {
  id: string;
  type: string;
  title: string;
  note?: string;
  annote?: string;
  'container-title'?: string;
}

function pandoc(from: string, text: string): Map<string, CslOut> {
  const file = path.join(dir, `in-${from}.${from === 'bibtex' ? 'bib' : 'json'}`);
  writeFileSync(file, text);
  const items = JSON.parse(
    execFileSync('pandoc', ['-f', from, '-t', 'csljson', file], { encoding: 'utf8' }),
  ) as CslOut[];
  return new Map(items.map((item) => [item.id, item]));
}

describe('entry types follow the venue', () => {
  const bib = toBibtex(entries);

  it('BibTeX: conferences are @inproceedings with booktitle, journals @article, preprints @misc with eprint', () => {
    expect(bib).toMatch(
      /@inproceedings\{behnamghader2024llm2vec,[^@]*booktitle = \{\{COLM 2024\}\}/,
    );
    expect(bib).toMatch(/@inproceedings\{hu2021lora,[^@]*booktitle = \{\{ICLR 2022\}\}/);
    expect(bib).toMatch(/@inproceedings\{ho2020denoising,[^@]*booktitle = \{\{Advances in Neural/);
    expect(bib).toMatch(/@article\{lovelace2022journal,[^@]*journal = \{\{Machine Learning/);
    expect(bib).toMatch(
      /@misc\{gu2023mamba,[^@]*eprint = \{2312\.00752\},\n {2}archivePrefix = \{arXiv\},\n {2}primaryClass = \{cs\.LG\}/,
    );
    expect(bib).not.toContain('journal = {{COLM');
    const items = pandoc('bibtex', bib);
    expect(items.get('behnamghader2024llm2vec')).toMatchObject({
      type: 'paper-conference',
      'container-title': 'COLM 2024',
    });
    expect(items.get('lovelace2022journal')?.type).toBe('article-journal');
  });

  it('BibTeX passes biber --tool --validate-datamodel, annote included', () => {
    const work = mkdtempSync(path.join(dir, 'biber-'));
    writeFileSync(path.join(work, 'list.bib'), bib);
    const run = spawnSync('biber', ['--tool', '--validate-datamodel', 'list.bib'], {
      cwd: work,
      encoding: 'utf8',
    });
    const log = `${run.stdout}${run.stderr}`;
    expect(run.status, log).toBe(0);
    expect(log.split('\n').filter((l) => /^(WARN|ERROR)/.test(l))).toEqual([]);
    const out = readFileSync(path.join(work, 'list_bibertool.bib'), 'utf8');
    expect(out).toContain('ANNOTATION = {Read for the contrastive step; compare with E5.}');
  }, 60_000);

  it('CSL-JSON: paper-conference, article-journal, and article for a preprint (as Zotero writes)', () => {
    const items = new Map(
      (JSON.parse(toCslJson(entries)) as CslOut[]).map((item) => [item.id, item]),
    );
    expect(items.get('behnamghader2024llm2vec')).toMatchObject({
      type: 'paper-conference',
      'container-title': 'COLM 2024',
    });
    expect(items.get('lovelace2022journal')?.type).toBe('article-journal');
    expect(items.get('gu2023mamba')).toMatchObject({ type: 'article', publisher: 'arXiv' });
  });

  it('RIS: CPAPER for conference papers, JOUR for journals, INPR for preprints', () => {
    const ris = toRis(entries);
    const types = ris.match(/^TY {2}- .*$/gm);
    expect(types).toEqual([
      'TY  - CPAPER',
      'TY  - CPAPER',
      'TY  - CPAPER',
      'TY  - JOUR',
      'TY  - INPR',
    ]);
    const back = plugins.input.chain(ris, { generateGraph: false }) as CslOut[];
    expect(back[0]).toMatchObject({ type: 'paper-conference', title: entries[0]!.snapshot.title });
  });

  it('a catalog paper brings its primary arXiv category for primaryClass', () => {
    const paper: Paper = {
      id: '2404.05961',
      arxivId: '2404.05961',
      title: 'LLM2Vec',
      authors: ['Parishad BehnamGhader'],
      published: '2024-04-09',
      venue: 'COLM 2024',
      categories: ['cs.CL', 'cs.AI'],
      abstract: '',
      summary: '',
      links: { abs: 'https://arxiv.org/abs/2404.05961' },
      code: [],
      keywords: [],
      related: [],
    };
    expect(snapshotFromPaper(paper).primaryClass).toBe('cs.CL');
  });
});

describe('notes travel', () => {
  const note = entries[4]!.note;

  it('BibTeX annote, read by pandoc and back by the BibTeX import', async () => {
    const bib = toBibtex(entries);
    expect(pandoc('bibtex', bib).get('gu2023mamba')?.annote).toBe(note);
    const parsed = await parseBibtexFile(bib);
    expect(parsed.records.map((r) => r.note)).toEqual(entries.map((e) => e.note));
  });

  it('CSL-JSON note, read by pandoc', () => {
    expect(pandoc('csljson', toCslJson(entries)).get('gu2023mamba')?.note).toBe(note);
  });

  it('RIS N1, read back by citation-js', () => {
    const ris = toRis(entries);
    expect(ris).toContain(`N1  - ${note}\n`);
    const back = plugins.input.chain(ris, { generateGraph: false }) as CslOut[];
    expect(back[4]?.note).toBe(note);
  });
});

describe('math in imported titles', () => {
  const file = [
    '@misc{sun_transformer2_2025,',
    '  title = {{$\\text{Transformer}^2$}: Self-adaptive {LLMs}},',
    '  author = {Sun, Qi and Cetin, Edoardo},',
    '  year = {2025},',
    '}',
    '@inproceedings{lin_2024,',
    '  title = {Sparse {Attention} in $\\mathcal{O}(n \\log n)$ with $\\vphantom{x}$\\emph{Tiny} $k^2$ Heads},',
    '  booktitle = {ICML 2024},',
    '  author = {Lin, A.},',
    '  year = {2024},',
    '}',
  ].join('\n');

  it('become text on import', async () => {
    const parsed = await parseBibtexFile(file);
    expect(parsed.records.map((r) => r.snapshot.title)).toEqual([
      'Transformer²: Self-adaptive LLMs',
      'Sparse Attention in O(n log n) with Tiny k² Heads',
    ]);
  });

  it('and export as valid BibTeX that reads back to the same text', async () => {
    const parsed = await parseBibtexFile(file);
    const imported = parsed.records.map((r, i) => entry(`t-${i}`, r.snapshot));
    const bib = toBibtex(imported);
    expect(bib).not.toMatch(/textbackslash|\\text\b|vphantom|\$/);
    const titles = [...pandoc('bibtex', bib).values()].map((i) => i.title);
    expect(titles.sort()).toEqual(imported.map((e) => e.snapshot.title).sort());
  });
});
