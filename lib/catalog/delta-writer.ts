import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkedLine, checkPaper, footerLine, writeOut } from './catalog-writer';
import {
  DELTA_FORMAT,
  deltaHeaderSchema,
  deltaOpId,
  type DeltaHeader,
  type DeltaOp,
} from './delta';
import { paperSchema } from './schema';

/**
 * Node writer of subscription deltas (delta.ts), for `npm run catalog:publish`. Kept apart from
 * the reader so the extension's bundle never pulls in node modules, as catalog-writer.ts is.
 */

export interface WriteDeltaOptions {
  /** Output path; a `.gz` suffix selects gzip. Written to a temporary file, then renamed. */
  path: string;
  /** The version of the base catalog the delta applies to. */
  base: string;
  seq: number;
}

export interface WriteDeltaResult {
  path: string;
  count: number;
  bytes: number;
  /** SHA-256 of the file as written (compressed, when gzip), lowercase hex: the manifest's. */
  sha256: string;
}

/** Lowercase hex SHA-256 of a file's bytes, read as a stream. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every record is checked as the reader will check it; a bad one aborts the write. */
function checkOps(ops: readonly DeltaOp[]): void {
  const seen = new Set<string>();
  ops.forEach((op, i) => {
    if (op.op === 'put') checkPaper(op.paper, i + 1);
    else if (!paperSchema.shape.id.safeParse(op.id).success) {
      throw new Error(`delta record ${i + 1} withdraws an invalid id ${JSON.stringify(op.id)}`);
    }
    const id = deltaOpId(op);
    if (seen.has(id)) throw new Error(`delta record ${i + 1}: id ${id} appears twice`);
    seen.add(id);
  });
}

export async function writeDelta(
  ops: readonly DeltaOp[],
  { path, base, seq }: WriteDeltaOptions,
): Promise<WriteDeltaResult> {
  const header: DeltaHeader = deltaHeaderSchema.parse({
    format: DELTA_FORMAT,
    base,
    seq,
    count: ops.length,
  });
  checkOps(ops);
  await mkdir(dirname(path), { recursive: true });
  async function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (let i = 0; i < ops.length; i++) {
      yield `${checkedLine(JSON.stringify(ops[i]), i + 1, true)}\n`;
    }
    yield footerLine(ops.length);
  }
  const bytes = await writeOut(path, lines());
  return { path, count: ops.length, bytes, sha256: await fileSha256(path) };
}
