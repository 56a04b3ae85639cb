import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFacts } from '../../lib/catalog/facts';
import { joinDumpAndFacts } from '../../lib/catalog/importers/trending-facts';
import { parseTrendingDump } from '../../lib/catalog/trending';

const dumpLines = readFileSync('data/trending-papers.txt', 'utf8').split('\n');
const factsLines = readFileSync('data/paper-facts.tsv', 'utf8').split('\n');
const HEADER = 'title\tarxiv_id\tfirst_version\tauthors\tvenue\tcode_url';
const LONG = 'We propose a method that does something useful for everyone. '.repeat(5).trim();

describe('parseTrendingDump on the real dump', () => {
  const { items, issues } = parseTrendingDump(dumpLines, 'dump');

  it('finds all 89 papers and skips the page header', () => {
    expect(issues).toEqual([]);
    expect(items).toHaveLength(89);
    expect(items[0]!.title).toBe(
      'FlowSep: Language-Queried Sound Separation with Rectified Flow Matching',
    );
    expect(items[0]!.line).toBe(11);
  });

  it('keeps the cut-off last abstract and cleans titles', () => {
    expect(items.at(-1)!.abstract).toMatch(/O\(\|Omega\| k\^2\) time\.$/);
    expect(items.map((e) => e.title)).toContain(
      'X^2-DFD: A framework for eXplainable and eXtendable Deepfake Detection',
    );
  });
});

describe('parseTrendingDump on malformed dumps', () => {
  it('reports a title without abstract and an abstract without title, with line numbers', () => {
    const lines = [
      'new',
      '',
      'Subscribe',
      '',
      'Mar 13',
      '',
      'First Title',
      '',
      LONG,
      '',
      'Orphan Title',
      '',
      'Second Title',
      '',
      LONG,
      '',
      LONG,
      '',
      'Last Title',
    ];
    const { items, issues } = parseTrendingDump(lines, 'dump.txt');
    expect(items.map((e) => e.title)).toEqual(['First Title', 'Second Title']);
    expect(issues).toEqual([
      { file: 'dump.txt', line: 11, reason: 'title without abstract: "Orphan Title"' },
      { file: 'dump.txt', line: 17, reason: 'abstract without a title above it' },
      { file: 'dump.txt', line: 19, reason: 'title without abstract at end of file: "Last Title"' },
    ]);
  });

  it('treats header-like lines after the first paper as titles, not junk', () => {
    const { issues } = parseTrendingDump(
      ['A Title', '', LONG, '', 'Subscribe', '', 'B', '', LONG],
      'd',
    );
    expect(issues).toEqual([{ file: 'd', line: 5, reason: 'title without abstract: "Subscribe"' }]);
  });
});

describe('parseFacts', () => {
  it('reads all 89 rows of the real TSV, one without an arXiv id', () => {
    const { items, issues } = parseFacts(factsLines, 'facts');
    expect(issues).toEqual([]);
    expect(items).toHaveLength(89);
    expect(items.filter((r) => !r.arxivId).map((r) => r.title)).toEqual([
      'Scalable Neural Network Kernels',
    ]);
    expect(items[0]).toMatchObject({
      arxivId: '2409.07614',
      published: '2024-09',
      venue: 'ICASSP 2025',
      authors: ['Yi Yuan', 'Xubo Liu', 'Haohe Liu', 'Mark D. Plumbley', 'Wenwu Wang'],
    });
  });

  it('reports each bad row with its line and reason and keeps the good ones', () => {
    const lines = [
      HEADER,
      'Good\t2401.00001\t2024-01\tA B; C D\t\thttps://github.com/a/b',
      'Too few\t2401.00002\t2024-01',
      'Bad id\t24.1\t2024-01\tA\t\t',
      'Bad date\t2401.00003\t2024-13\tA\t\t',
      'Bad date 2\t2401.00004\tJan 2024\tA\t\t',
      '\t2401.00005\t2024-01\tA\t\t',
      'Bad url\t2401.00006\t2024-01\tA\t\tnot a url at all',
    ];
    const { items, issues } = parseFacts(lines, 'f.tsv');
    expect(items.map((r) => r.title)).toEqual(['Good']);
    expect(issues.map((i) => `${i.line} ${i.reason}`)).toEqual([
      '3 expected 6 tab-separated columns, found 3',
      '4 bad arXiv id "24.1"',
      '5 bad first_version "2024-13" (expected YYYY-MM)',
      '6 bad first_version "Jan 2024" (expected YYYY-MM)',
      '7 empty title',
      '8 bad code_url "not a url at all"',
    ]);
  });

  it('rejects a file with the wrong header', () => {
    const { items, issues } = parseFacts(['title\tid', 'x\ty'], 'f.tsv');
    expect(items).toEqual([]);
    expect(issues[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/^header must be/) });
  });
});

describe('joinDumpAndFacts', () => {
  it('joins the real files into 89 records, 88 with arXiv ids', () => {
    const joined = joinDumpAndFacts(
      parseTrendingDump(dumpLines, 'dump'),
      parseFacts(factsLines, 'facts'),
      'dump',
      'facts',
    );
    expect(joined.issues).toEqual([]);
    expect(joined.items).toHaveLength(89);
    expect(joined.items.filter((r) => r.arxivId)).toHaveLength(88);
  });

  it('reports titles found on one side only, and duplicates, on their lines', () => {
    const dump = parseTrendingDump(
      ['Only In Dump', '', LONG, '', 'Shared: Title', '', LONG, '', 'Shared - title', '', LONG],
      'd.txt',
    );
    const facts = parseFacts(
      [
        HEADER,
        'shared title\t2401.00001\t2024-01\tA\t\t',
        'Only In Facts\t2401.00002\t2024-01\tA\t\t',
      ],
      'f.tsv',
    );
    const { items, issues } = joinDumpAndFacts(dump, facts, 'd.txt', 'f.tsv');
    expect(items.map((r) => r.arxivId)).toEqual(['2401.00001']);
    expect(issues.map((i) => `${i.file}:${i.line} ${i.reason}`)).toEqual([
      'd.txt:1 title not found in f.tsv: "Only In Dump"',
      'd.txt:9 duplicate title, first seen on line 5: "Shared - title"',
      'f.tsv:3 title not found in d.txt: "Only In Facts"',
    ]);
  });
});
