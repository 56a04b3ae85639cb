import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readArxivRss } from '@/lib/catalog/importers/arxiv-rss';
import type { Issue } from '@/lib/catalog/importers/source';
import { MAX_FEED_CHARS, parseArxivRss } from '@/lib/feeds/arxiv-rss';

const SAMPLE = readFileSync('tests/fixtures/feeds/arxiv-rss.xml', 'utf8');

/** A feed of the given items, in the real envelope. */
const feed = (items: string) => `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
  <channel><title>cs.LG updates on arXiv.org</title>${items}</channel>
</rss>`;

const item = (fields: Record<string, string>) =>
  `<item>${Object.entries(fields)
    .map(([tag, value]) => `<${tag}>${value}</${tag}>`)
    .join('')}</item>`;

const GOOD = {
  title: 'Textbooks Are All You Need',
  description: 'arXiv:2306.11644v1 Announce Type: new \nAbstract: We introduce phi-1.',
  guid: 'oai:arXiv.org:2306.11644v1',
  'dc:creator': 'Suriya Gunasekar, Yi Zhang',
  'arxiv:announce_type': 'new',
};

describe('the arXiv RSS feed', () => {
  it('reads every item of the recorded feed with its id, authors, abstract and categories', () => {
    const { records, issues } = parseArxivRss(SAMPLE);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.arxivId, r.announceType, r.published])).toEqual([
      // The element says cross (a cs.CL paper in the cs.LG feed), whatever the description says.
      ['2306.11644', 'cross', '2023-06'],
      ['2305.18290', 'replace', '2023-05'],
    ]);
    const [phi, dpo] = records;
    expect(phi!.title).toBe('Textbooks Are All You Need');
    expect(phi!.abstract).toMatch(/^We introduce phi-1, a new large language model for code/);
    expect(phi!.categories).toEqual(['cs.CL', 'cs.AI', 'cs.LG']);
    expect(phi!.authors.at(-1)).toBe('Caio César Teodoro Mendes');
    expect(dpo!.authors).toEqual([
      'Rafael Rafailov',
      'Archit Sharma',
      'Eric Mitchell',
      'Stefano Ermon',
      'Christopher D. Manning',
      'Chelsea Finn',
    ]);
    expect(dpo!.venue).toBe('NeurIPS 2023');
  });

  it('keeps ids as text (2401.10010 is not the number 2401.1001)', () => {
    const { records } = parseArxivRss(
      feed(item({ ...GOOD, guid: 'oai:arXiv.org:2401.10010v2', title: '2401.10010' })),
    );
    expect(records.map((r) => [r.arxivId, r.title])).toEqual([['2401.10010', '2401.10010']]);
  });

  it('decodes entities and drops markup and control characters from titles and abstracts', () => {
    const { records } = parseArxivRss(
      feed(
        item({
          ...GOOD,
          title: 'Attention &amp; Memory: &lt;b&gt;Bold&lt;/b&gt; Claims\u0007',
          description: 'arXiv:2306.11644v1 Announce Type: new \nAbstract: A &lt; B\u0000 and C.',
        }),
      ),
    );
    expect(records[0]).toMatchObject({
      title: 'Attention & Memory: Bold Claims',
      abstract: 'A < B and C.',
    });
  });

  it('leaves out, and names, items that are not arXiv papers, have no title or no known type', () => {
    const { records, issues } = parseArxivRss(
      feed(
        [
          item({ ...GOOD, guid: 'oai:example.org:12345' }),
          item({ ...GOOD, title: '   ' }),
          item({ ...GOOD, 'arxiv:announce_type': 'retracted', description: 'Abstract: x' }),
          item({ ...GOOD }),
          item({ ...GOOD }),
        ].join(''),
      ),
    );
    expect(records.map((r) => r.arxivId)).toEqual(['2306.11644']);
    expect(issues).toEqual([
      'item 1: "oai:example.org:12345" is not an arXiv id',
      'item 2: 2306.11644 has no title',
      'item 3: 2306.11644 has no known announce type ("retracted")',
      'item 5: 2306.11644 is listed twice',
    ]);
  });

  it('reads a weekend feed (no items) as empty', () => {
    expect(parseArxivRss(feed(''))).toEqual({ records: [], issues: [] });
  });

  it('refuses a truncated or foreign document, and a body over the cap, with the reason', () => {
    expect(() => parseArxivRss(SAMPLE.slice(0, SAMPLE.length / 2))).toThrow(/not well-formed XML/);
    expect(() => parseArxivRss('<feed><entry/></feed>')).toThrow('not an RSS 2.0 feed');
    expect(() => parseArxivRss(' '.repeat(MAX_FEED_CHARS + 1))).toThrow(/larger than/);
  });

  it('takes the type from the description when the arxiv:announce_type element is missing', () => {
    const { 'arxiv:announce_type': _, ...rest } = GOOD;
    const description = 'arXiv:2306.11644v1 Announce Type: replace-cross \nAbstract: x.';
    const { records } = parseArxivRss(feed(item({ ...rest, description })));
    expect(records[0]!.announceType).toBe('replace-cross');
  });
});

describe('the catalog builder reading saved feeds (--arxiv-rss)', () => {
  it('reads a plain or gzip feed into records, reporting left-out items with the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rss-'));
    const plainFile = path.join(dir, 'cs.LG.xml');
    writeFileSync(plainFile, feed(item({ ...GOOD }) + item({ ...GOOD, guid: 'x' })));
    const gzFile = path.join(dir, 'cs.CL.xml.gz');
    writeFileSync(gzFile, gzipSync(SAMPLE));
    for (const [file, ids] of [
      [plainFile, ['2306.11644']],
      [gzFile, ['2306.11644', '2305.18290']],
    ] as const) {
      const issues: Issue[] = [];
      const seen: string[] = [];
      for await (const record of readArxivRss(file, (issue) => issues.push(issue))) {
        seen.push(record.arxivId!);
        expect(record).not.toHaveProperty('announceType');
      }
      expect(seen).toEqual(ids);
      expect(issues).toEqual(
        file === plainFile ? [{ file, reason: 'item 2: "x" is not an arXiv id' }] : [],
      );
    }
  });
});
