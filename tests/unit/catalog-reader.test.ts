import { describe, expect, it } from 'vitest';
import { CatalogFormatError, openCatalog } from '@/lib/catalog/catalog-reader';
import type { Paper } from '@/lib/catalog/schema';
import { catalogText, gzip, makePaper, papers, streamOf } from './catalog-fixture';

async function readAll(source: ReadableStream<Uint8Array>, options = {}) {
  const catalog = await openCatalog(source, options);
  const read: Paper[] = [];
  let next = await catalog.batches.next();
  while (!next.done) {
    read.push(...next.value.papers);
    next = await catalog.batches.next();
  }
  return { header: catalog.header, papers: read, footer: next.value };
}

async function errorOf(source: ReadableStream<Uint8Array>, options = {}): Promise<string> {
  try {
    await readAll(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogFormatError);
    return (error as Error).message;
  }
  throw new Error('expected the catalog to be refused');
}

describe('openCatalog', () => {
  it('reads header, every paper in batches, and the footer', async () => {
    const catalog = await openCatalog(streamOf(catalogText(papers(25))), { batchSize: 10 });
    const sizes: number[] = [];
    let next = await catalog.batches.next();
    while (!next.done) {
      sizes.push(next.value.papers.length);
      expect(next.value.lines.map((line) => JSON.parse(line))).toEqual(next.value.papers);
      next = await catalog.batches.next();
    }
    expect(catalog.header.count).toBe(25);
    expect(sizes).toEqual([10, 10, 5]);
    expect(next.value).toEqual({ end: true, count: 25 });
  });

  it('reads gzip files, detected by their magic bytes, in tiny chunks', async () => {
    const result = await readAll(streamOf(gzip(catalogText(papers(300))), 64));
    expect(result.papers.map((p) => p.id)).toEqual(papers(300).map((p) => p.id));
  });

  it('accepts CRLF line ends', async () => {
    const result = await readAll(streamOf(catalogText(papers(3)).replace(/\n/g, '\r\n')));
    expect(result.papers).toHaveLength(3);
  });

  it('skips already loaded papers without validating them', async () => {
    const list: unknown[] = papers(6);
    list[1] = '{"this line": "is never parsed"';
    const result = await readAll(streamOf(catalogText(list)), { skip: 3 });
    expect(result.papers.map((p) => p.id)).toEqual(papers(3, 3).map((p) => p.id));
  });

  it.each([
    ['an empty file', '', 'The file is empty.'],
    ['bad JSON in the header', '{oops\n', 'Line 1: not valid JSON.'],
    ['a file of another format', '{"format":"csv"}\n', 'Line 1: not a PaperPeek catalog'],
    [
      'a newer format version',
      `${JSON.stringify({ ...JSON.parse(catalogText([]).split('\n')[0]!), formatVersion: 2 })}\n`,
      'catalog format version 2 is not supported',
    ],
  ])('refuses %s before reading any paper', async (_, text, message) => {
    await expect(openCatalog(streamOf(text))).rejects.toThrow(message);
  });

  it('names the line and field of a paper failing the schema', async () => {
    const list: unknown[] = papers(40);
    const { title: _title, ...noTitle } = makePaper(35);
    list[35] = noTitle;
    const message = await errorOf(streamOf(catalogText(list)));
    expect(message).toMatch(/^Line 37 \(id 2401\.10035\): title: /);
  });

  it('names the line of bad JSON and of a duplicate id', async () => {
    const broken: unknown[] = papers(5);
    broken[2] = '{"id": "x",';
    expect(await errorOf(streamOf(catalogText(broken)))).toBe('Line 4: not valid JSON.');
    const duplicate = [...papers(5), makePaper(1)];
    expect(await errorOf(streamOf(catalogText(duplicate)))).toBe(
      'Line 7: duplicate id 2401.10001.',
    );
  });

  it('refuses a file without its footer as truncated', async () => {
    const message = await errorOf(streamOf(catalogText(papers(10), { footer: false })));
    expect(message).toMatch(/ends after 10 of 10 papers without its closing line: it is truncated/);
  });

  it('refuses a footer whose count disagrees', async () => {
    const text = catalogText(papers(4)).replace('{"end":true,"count":4}', '{"end":true,"count":5}');
    expect(await errorOf(streamOf(text))).toMatch(/holds 4 papers but .* closing line 5/);
  });

  it('refuses a truncated gzip stream', async () => {
    const bytes = gzip(catalogText(papers(200)));
    const message = await errorOf(streamOf(bytes.slice(0, Math.floor(bytes.length * 0.6))));
    expect(message).toMatch(/gzip data is corrupt or cut short/);
  });

  it('passes an interrupted source through unchanged', async () => {
    const text = new TextEncoder().encode(catalogText(papers(50)));
    const interrupted = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(text.slice(0, 2000));
      },
      pull(controller) {
        controller.error(new Error('worker stopped'));
      },
    });
    await expect(readAll(interrupted)).rejects.toThrow('worker stopped');
  });
});
