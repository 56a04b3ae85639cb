import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describeIssue, openCatalog } from './catalog-reader';
import { writeCatalog, writeOut } from './catalog-writer';
import { openDelta, type DeltaOp } from './delta';
import { fileSha256, writeDelta } from './delta-writer';
import {
  FEED_MANIFEST_FORMAT,
  FEED_MANIFEST_VERSION,
  manifestSchema,
  type FeedBaseEntry,
  type FeedManifest,
} from './feed-manifest';
import { paperSchema, type Paper } from './schema';

/**
 * Publishing a catalog feed (`npm run catalog:publish`): the full set of papers is compared by id
 * with what the previous publish serves (its base with its deltas applied), and what was added,
 * changed or withdrawn becomes the next delta. Files are named by content (base version, seq), so
 * a published file never changes and caches may keep it; manifest.json, written last, is the only
 * file that does, so a publish stopped halfway leaves the previous feed intact.
 */

export const MANIFEST_FILE = 'manifest.json';

/** When the deltas together would exceed this share of the base, a new base is written instead. */
export const REBASE_SHARE = 0.2;
/** ...or when there would be more delta files than this. */
export const REBASE_FILES = 50;

export type PublishOptions = {
  /** Directory to write; created if missing. May be `previous` itself. */
  out: string;
  /** An earlier publish's directory; without it a first feed (base only) is written. */
  previous?: string;
  /** For people: where the papers came from (the base header's `source`). */
  source: string;
  rebase?: { share: number; files: number };
};

export type PublishResult = {
  manifest: FeedManifest;
  /** A first base, a new delta, a new base replacing base and deltas, or nothing new. */
  kind: 'first' | 'delta' | 'rebase' | 'unchanged';
  added: number;
  changed: number;
  withdrawn: number;
  /** Files written into `out` by this publish, manifest.json last. */
  written: string[];
};

/** Only names the publisher itself writes: a previous manifest cannot point outside its folder. */
const FILE_NAME = /^[\w.-]+$/;

const stableForm = (paper: Paper) => JSON.stringify(paperSchema.parse(paper));
/** What a record is compared by: a digest of its canonical JSON (key order as the schema's). */
const fingerprint = (canonical: string) => createHash('sha256').update(canonical).digest('base64');

const fileStream = (path: string) =>
  Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;

/** The papers a published feed serves, as id → fingerprint, each file checked against its entry. */
export async function readPublished(
  dir: string,
): Promise<{ manifest: FeedManifest; papers: Map<string, string> }> {
  const where = join(dir, MANIFEST_FILE);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(where, 'utf8'));
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`${where}: not a catalog feed manifest (${describeIssue(parsed.error)})`);
  }
  const manifest = parsed.data;
  const fileOf = async (entry: { url: string; sha256: string }) => {
    if (!FILE_NAME.test(entry.url)) {
      throw new Error(`${where} names ${entry.url}, not a file beside it (not written by publish)`);
    }
    const path = join(dir, entry.url);
    if ((await fileSha256(path)) !== entry.sha256) {
      throw new Error(`${path}: its SHA-256 differs from the manifest's; the folder was altered`);
    }
    return path;
  };

  const papers = new Map<string, string>();
  const base = await openCatalog(fileStream(await fileOf(manifest.base)));
  if (base.header.version !== manifest.base.version || base.header.count !== manifest.base.count) {
    await base.cancel();
    throw new Error(`${manifest.base.url}: version or count differs from the manifest's`);
  }
  for await (const batch of base.batches) {
    for (let i = 0; i < batch.papers.length; i++) {
      papers.set(batch.papers[i]!.id, fingerprint(JSON.stringify(batch.papers[i])));
    }
  }
  for (const entry of manifest.deltas) {
    const delta = await openDelta(fileStream(await fileOf(entry)));
    const { header } = delta;
    if (header.base !== manifest.base.version || header.seq !== entry.seq) {
      await delta.cancel();
      throw new Error(`${entry.url}: delta ${header.seq} of base ${header.base}, not as listed`);
    }
    for await (const batch of delta.batches) {
      for (const paper of batch.put) papers.set(paper.id, fingerprint(JSON.stringify(paper)));
      for (const id of batch.withdraw) papers.delete(id);
    }
  }
  return { manifest, papers };
}

/** The delta taking `before` to `papers`: puts in the papers' order, then withdrawals by id. */
export function diffPapers(before: Map<string, string>, papers: readonly Paper[]) {
  const ops: DeltaOp[] = [];
  let added = 0;
  let changed = 0;
  const ids = new Set<string>();
  for (const paper of papers) {
    ids.add(paper.id);
    const was = before.get(paper.id);
    if (was === fingerprint(stableForm(paper))) continue;
    if (was === undefined) added++;
    else changed++;
    ops.push({ op: 'put', paper });
  }
  const gone = [...before.keys()].filter((id) => !ids.has(id)).sort();
  for (const id of gone) ops.push({ op: 'withdraw', id });
  return { ops, added, changed, withdrawn: gone.length };
}

async function writeBase(papers: readonly Paper[], out: string, source: string) {
  const staged = join(out, 'base.next.ndjson.gz');
  const result = await writeCatalog(papers, { path: staged, source });
  const name = `base-${result.version}.ndjson.gz`;
  await rename(staged, join(out, name));
  const base: FeedBaseEntry = {
    url: name,
    sha256: await fileSha256(join(out, name)),
    count: result.count,
    version: result.version,
  };
  return base;
}

async function writeManifest(out: string, manifest: FeedManifest): Promise<void> {
  const text = `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`;
  await writeOut(
    join(out, MANIFEST_FILE),
    (async function* () {
      yield text;
    })(),
  );
}

export async function publishFeed(
  papers: readonly Paper[],
  { out, previous, source, rebase = { share: REBASE_SHARE, files: REBASE_FILES } }: PublishOptions,
): Promise<PublishResult> {
  const seen = new Set<string>();
  for (const paper of papers) {
    if (seen.has(paper.id)) throw new Error(`two papers share the id ${paper.id}`);
    seen.add(paper.id);
  }
  const before = previous === undefined ? undefined : await readPublished(previous);
  await mkdir(out, { recursive: true });
  const feed = (base: FeedBaseEntry, deltas: FeedManifest['deltas']): FeedManifest => ({
    format: FEED_MANIFEST_FORMAT,
    version: FEED_MANIFEST_VERSION,
    base,
    deltas,
  });
  const finish = async (
    kind: PublishResult['kind'],
    manifest: FeedManifest,
    counts: { added: number; changed: number; withdrawn: number },
    written: string[],
  ): Promise<PublishResult> => {
    await writeManifest(out, manifest);
    return { manifest, kind, ...counts, written: [...written, MANIFEST_FILE] };
  };

  if (!before) {
    const base = await writeBase(papers, out, source);
    const counts = { added: papers.length, changed: 0, withdrawn: 0 };
    return finish('first', feed(base, []), counts, [base.url]);
  }
  const { ops, ...counts } = diffPapers(before.papers, papers);
  const { manifest: last } = before;
  const seq = last.deltas.length + 1;
  const pending = last.deltas.reduce((sum, delta) => sum + delta.count, 0) + ops.length;
  if (ops.length > 0 && (seq > rebase.files || pending > rebase.share * last.base.count)) {
    const base = await writeBase(papers, out, source);
    return finish('rebase', feed(base, []), counts, [base.url]);
  }

  // The files the new manifest keeps listing must sit beside it.
  if (resolve(previous!) !== resolve(out)) {
    for (const entry of [last.base, ...last.deltas]) {
      await copyFile(join(previous!, entry.url), join(out, entry.url));
    }
  }
  if (ops.length === 0) return finish('unchanged', last, counts, []);
  const name = `delta-${last.base.version}-${seq}.ndjson.gz`;
  const delta = await writeDelta(ops, { path: join(out, name), base: last.base.version, seq });
  const entry = { seq, url: name, sha256: delta.sha256, count: delta.count };
  return finish('delta', feed(last.base, [...last.deltas, entry]), counts, [name]);
}
