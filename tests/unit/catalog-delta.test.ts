import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CatalogFormatError } from '@/lib/catalog/catalog-reader';
import { openDelta, type DeltaBatch, type DeltaOp } from '@/lib/catalog/delta';
import { writeDelta } from '@/lib/catalog/delta-writer';
import { gzip, makePaper, streamOf } from './catalog-fixture';

const HEADER = { format: 'paperpeek-delta', base: 'v1', seq: 2 };

/** NDJSON text of a delta; a string record is written as it is (a raw, possibly broken, line). */
function deltaText(records: unknown[], { footer = true, count = records.length } = {}): string {
  const lines = [JSON.stringify({ ...HEADER, count })];
  for (const r of records) lines.push(typeof r === 'string' ? r : JSON.stringify(r));
  if (footer) lines.push(JSON.stringify({ end: true, count: records.length }));
  return `${lines.join('\n')}\n`;
}

const put = (i: number, overrides = {}): DeltaOp => ({
  op: 'put',
  paper: makePaper(i, overrides),
});
const withdraw = (id: string): DeltaOp => ({ op: 'withdraw', id });

async function readAll(source: ReadableStream<Uint8Array>, options = {}) {
  const delta = await openDelta(source, options);
  const batches: DeltaBatch[] = [];
  let next = await delta.batches.next();
  while (!next.done) {
    batches.push(next.value);
    next = await delta.batches.next();
  }
  return { header: delta.header, batches, footer: next.value };
}

async function refusal(text: string | Uint8Array): Promise<string> {
  const error = await readAll(streamOf(text)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogFormatError);
  return (error as Error).message;
}

describe('openDelta', () => {
  it('reads puts and withdrawals in batches, each with the records read so far', async () => {
    const ops = [put(1), withdraw('2401.09999'), put(2), put(3), withdraw('t-abc')];
    const { header, batches, footer } = await readAll(streamOf(deltaText(ops), 50), {
      batchSize: 2,
    });
    expect(header).toEqual({ ...HEADER, count: 5 });
    expect(batches).toEqual([
      { put: [makePaper(1)], withdraw: ['2401.09999'], line: 2 },
      { put: [makePaper(2), makePaper(3)], withdraw: [], line: 4 },
      { put: [], withdraw: ['t-abc'], line: 5 },
    ]);
    expect(footer).toEqual({ end: true, count: 5 });
  });

  it('skips the records an interrupted run applied, counting them in the resume point', async () => {
    const ops = [put(1), put(2), withdraw('x'), put(4)];
    const { batches } = await readAll(streamOf(gzip(deltaText(ops)), 64), { skip: 2 });
    expect(batches).toEqual([{ put: [makePaper(4)], withdraw: ['x'], line: 4 }]);
  });

  it('reads an empty delta', async () => {
    const { header, batches, footer } = await readAll(streamOf(deltaText([])));
    expect([header.count, batches.length, footer.count]).toEqual([0, 0, 0]);
  });

  it.each([
    ['an empty file', '', 'The file is empty.'],
    ['a catalog file', '{"format":"paperpeek-catalog"}\n', 'Line 1: not a PaperPeek delta'],
    [
      'a header without seq',
      `${JSON.stringify({ format: 'paperpeek-delta', base: 'v1', count: 0 })}\n`,
      'Line 1: seq:',
    ],
    [
      'a seq of 0',
      `${JSON.stringify({ ...HEADER, seq: 0, count: 0 })}\n`,
      'Line 1: seq: Too small',
    ],
  ])('refuses %s at the header', async (_, text, message) => {
    await expect(openDelta(streamOf(text))).rejects.toThrow(message);
  });

  it('names the line and id of a put whose paper fails the schema', async () => {
    const { title: _t, ...untitled } = makePaper(7);
    const text = deltaText([put(1), withdraw('x'), { op: 'put', paper: untitled }]);
    expect(await refusal(text)).toMatch(/^Line 4 \(id 2401\.10007\): paper\.title: /);
  });

  it.each([
    ['an unknown op', { op: 'delete', id: 'x' }, /^Line 3 \(id x\): op: /],
    ['a withdrawal without id', { op: 'withdraw' }, /^Line 3: id: /],
    ['a put without paper', { op: 'put' }, /^Line 3: paper: /],
    ['bad JSON', '{"op":"put",', /^Line 3: not valid JSON\.$/],
    ['a javascript: link', put(9, { links: { abs: 'javascript:alert(1)' } }), /links\.abs/],
  ])('names the line of %s', async (_, record, message) => {
    expect(await refusal(deltaText([put(1), record]))).toMatch(message);
  });

  it('refuses an id that appears twice, whatever the ops', async () => {
    expect(await refusal(deltaText([put(1), withdraw('2401.10001')]))).toBe(
      'Line 3: duplicate id 2401.10001.',
    );
  });

  it('refuses a truncated delta: no closing line, or gzip cut short', async () => {
    expect(await refusal(deltaText([put(1), put(2)], { footer: false }))).toMatch(
      /ends after 2 of 2 changes without its closing line: it is truncated/,
    );
    const bytes = gzip(deltaText(Array.from({ length: 200 }, (_, i) => put(i))));
    expect(await refusal(bytes.slice(0, Math.floor(bytes.length / 2)))).toMatch(
      /gzip data is corrupt or cut short/,
    );
  });

  it('refuses counts that disagree: more records than announced, or another footer', async () => {
    expect(await refusal(deltaText([put(1), put(2)], { count: 1 }))).toBe(
      'Line 3: the header says 1 changes, but the file holds more.',
    );
    const text = deltaText([put(1)]).replace('"end":true,"count":1', '"end":true,"count":3');
    expect(await refusal(text)).toMatch(/holds 1 changes but its header says 1 and .* line 3/);
  });
});

describe('writeDelta', () => {
  it('writes what openDelta reads back, gzip by suffix, with the file sha256', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'delta-'));
    const ops = [put(1), withdraw('2401.00002'), put(3, { upvotes: 12 })];
    const path = join(dir, 'delta-v1-2.ndjson.gz');
    const result = await writeDelta(ops, { path, base: 'v1', seq: 2 });
    const bytes = await readFile(path);
    expect(result).toEqual({
      path,
      count: 3,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const rows = gunzipSync(bytes).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(rows[0]!)).toEqual({ ...HEADER, count: 3 });
    expect(JSON.parse(rows.at(-1)!)).toEqual({ end: true, count: 3 });
    const { batches } = await readAll(streamOf(new Uint8Array(bytes)));
    expect(batches).toEqual([
      { put: [makePaper(1), makePaper(3, { upvotes: 12 })], withdraw: ['2401.00002'], line: 3 },
    ]);
  });

  it.each([
    ['a duplicate id', [put(1), put(1)], /record 2: id 2401\.10001 appears twice/],
    ['an invalid paper', [put(1, { title: '' })], /record 1 \(id 2401\.10001\) is invalid: title/],
    ['an empty withdrawn id', [withdraw('')], /record 1 withdraws an invalid id ""/],
  ])('refuses %s and leaves no file', async (_, ops, message) => {
    const path = join(await mkdtemp(join(tmpdir(), 'delta-')), 'd.ndjson');
    await expect(writeDelta(ops, { path, base: 'v1', seq: 1 })).rejects.toThrow(message);
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });
});
