import { z } from 'zod';
import {
  CatalogFormatError,
  describeIssue,
  headerValue,
  invalidRecord,
  openRecords,
  type OpenOptions,
  type RecordFormat,
  type RecordStream,
} from './catalog-reader';
import { catalogHeaderSchema, paperSchema, type Paper } from './schema';

/**
 * A subscription delta (lib/catalog/feed-manifest.ts): what changed in a published catalog since
 * the previous delta. NDJSON, optionally gzip, framed as a catalog file is (catalog-reader.ts):
 *
 *   {"format":"paperpeek-delta","base":"<base catalog version>","seq":3,"count":2}
 *   {"op":"put","paper":{...}}        a paper added or changed, whole
 *   {"op":"withdraw","id":"2401.00001"}
 *   {"end":true,"count":2}
 *
 * `base` and `seq` tie the file to one place in one feed, so a delta cannot be applied to another
 * base or out of order. An id appears at most once in a delta, so its changes commute.
 */

export const DELTA_FORMAT = 'paperpeek-delta';

export const deltaHeaderSchema = z.object({
  format: z.literal(DELTA_FORMAT),
  /** The version of the base catalog (its header's `version`) this delta applies to. */
  base: catalogHeaderSchema.shape.version,
  /** 1 for the first delta after the base, then one more each. */
  seq: z.number().int().min(1),
  /** Records between header and footer. */
  count: z.number().int().nonnegative(),
});
export type DeltaHeader = z.infer<typeof deltaHeaderSchema>;

export const deltaOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), paper: paperSchema }),
  z.object({ op: z.literal('withdraw'), id: paperSchema.shape.id }),
]);
export type DeltaOp = z.infer<typeof deltaOpSchema>;

export const deltaOpId = (op: DeltaOp): string => (op.op === 'put' ? op.paper.id : op.id);

/** One batch of a delta, split as the catalog applies it. */
export type DeltaBatch = {
  put: Paper[];
  withdraw: string[];
  /** Records of the file read so far, this batch's and skipped ones included: the resume point. */
  line: number;
};

export type DeltaStream = RecordStream<DeltaHeader, DeltaBatch>;

function parseDeltaHeader(line: string | undefined): DeltaHeader {
  const value = headerValue(line, DELTA_FORMAT, 'delta');
  const header = deltaHeaderSchema.safeParse(value);
  if (!header.success) throw new CatalogFormatError(`Line 1: ${describeIssue(header.error)}`);
  return header.data;
}

const deltaFormat: RecordFormat<DeltaHeader, DeltaOp, DeltaBatch> = {
  unit: 'changes',
  header: parseDeltaHeader,
  record(value, lineNo) {
    const op = deltaOpSchema.safeParse(value);
    if (op.success) return op.data;
    const paper = value?.paper as Record<string, unknown> | null | undefined;
    throw invalidRecord(lineNo, value?.op === 'put' ? paper?.id : value?.id, op.error);
  },
  id: deltaOpId,
  batch(ops, _lines, read) {
    const batch: DeltaBatch = { put: [], withdraw: [], line: read };
    for (const op of ops) {
      if (op.op === 'put') batch.put.push(op.paper);
      else batch.withdraw.push(op.id);
    }
    return batch;
  },
};

/**
 * Streams a delta: the header at once, then validated batches; a bad line, a duplicate id, a
 * count that disagrees or a missing closing line (a truncated file) is a CatalogFormatError
 * naming the line. `skip` passes over records an interrupted run already applied.
 */
export function openDelta(
  source: ReadableStream<Uint8Array>,
  options: OpenOptions = {},
): Promise<DeltaStream> {
  return openRecords(source, deltaFormat, options);
}
