import { describe, expect, it } from 'vitest';
import { CatalogFormatError, MAX_LINE_CHARS, openCatalog } from '@/lib/catalog/catalog-reader';
import { catalogText, gzip, header, papers, streamOf } from './catalog-fixture';

/**
 * Crafted catalog files that cost memory and time rather than being malformed: one enormous
 * line, more papers than the header announces, endless blank lines after the footer. Each is
 * refused after reading about a line's bound, naming the line.
 */

const MB = 1 << 20;

/** `prefix` (a valid header line) then `total` bytes of `fill`, counting what the reader pulls. */
function endless(total: number, fill = 'a', prefix = `${JSON.stringify(header(1))}\n`) {
  const head = new TextEncoder().encode(prefix);
  const block = new TextEncoder().encode(fill.repeat(64 * 1024));
  const meter = { pulled: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (meter.pulled === 0) {
        meter.pulled += head.length;
        return controller.enqueue(head);
      }
      if (sent >= total) return controller.close();
      sent += block.length;
      meter.pulled += block.length;
      controller.enqueue(block);
    },
  });
  return { stream, meter };
}

async function readAll(source: ReadableStream<Uint8Array>): Promise<number> {
  const catalog = await openCatalog(source);
  let count = 0;
  let next = await catalog.batches.next();
  while (!next.done) {
    count += next.value.papers.length;
    next = await catalog.batches.next();
  }
  return count;
}

async function refusal(source: ReadableStream<Uint8Array>): Promise<string> {
  const error = await readAll(source).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogFormatError);
  return (error as Error).message;
}

describe('catalog reader bounds', () => {
  it('refuses a line without end as soon as it passes the bound, reading little more', async () => {
    const { stream, meter } = endless(200 * MB);
    expect(await refusal(stream)).toMatch(
      /^Line 2: longer than 1,048,576 characters, which no paper record is/,
    );
    // The splitter looks once per megabyte gathered, so it stops within about two bounds.
    expect(meter.pulled).toBeLessThan(MAX_LINE_CHARS * 3);
  });

  it('refuses an enormous first line before parsing it as the header', async () => {
    const { stream, meter } = endless(200 * MB, 'a', 'a');
    await expect(openCatalog(stream)).rejects.toThrow(/^Line 1: longer than/);
    expect(meter.pulled).toBeLessThan(MAX_LINE_CHARS * 3);
  });

  it('refuses a gzip file inflating to one huge line, with the line named', async () => {
    const text = `${JSON.stringify(header(1))}\n${'a'.repeat(40 * MB)}\n`;
    expect(await refusal(streamOf(gzip(text), 64 * 1024))).toMatch(/^Line 2: longer than/);
  });

  it('refuses an over-long line that does end, and names it', async () => {
    const list: unknown[] = papers(3);
    list[1] = JSON.stringify({ ...papers(1, 1)[0], abstract: 'x'.repeat(MAX_LINE_CHARS) });
    expect(await refusal(new Blob([catalogText(list)]).stream())).toMatch(/^Line 3: longer than/);
  });

  it('refuses a paper past the count the header announced, at that line', async () => {
    const [head, ...rest] = catalogText(papers(6)).split('\n');
    const lying = [JSON.stringify({ ...JSON.parse(head!), count: 2 }), ...rest].join('\n');
    expect(await refusal(new Blob([lying]).stream())).toBe(
      'Line 4: the header says 2 papers, but the file holds more.',
    );
  });

  it('caps the whole text by the header count: endless blank lines after the footer', async () => {
    const { stream, meter } = endless(50 * MB, '\n', catalogText(papers(1)));
    // Without the cap this reads to the end and accepts the file.
    expect(await refusal(stream)).toMatch(/more text than its header's paper count allows/);
    expect(meter.pulled).toBeLessThan(MAX_LINE_CHARS * 5);
  });

  it('still reads a record near the bound', async () => {
    const big = { ...papers(1)[0]!, abstract: 'y'.repeat(19_000), authors: ['Z'.repeat(300)] };
    expect(await readAll(new Blob([catalogText([big, ...papers(2, 1)])]).stream())).toBe(3);
  });
});
