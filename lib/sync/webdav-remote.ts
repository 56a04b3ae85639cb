import { z } from 'zod';
import { gunzip, gzip, InflatedTooLargeError } from './compress';
import { mergeStates } from './merge';
import { TOMBSTONE_HORIZON_MS } from './prune';
import { SyncError, type Remote, type RemoteRead, type RemoteWrite } from './remote';
import { emptyState, type SyncState } from './state';
import { DavClient, MAX_FILE_BYTES, type DavConfig, type DavFile } from './webdav-client';
import { decodeRemoteState, encodeState, WireError, type RefusedClocks } from './wire';

/**
 * WebDAV layout, under the folder the user gave:
 *
 *   paperpeek/devices/<deviceId>.json.gz   gzip of {v, device, at, doc}: that device's whole
 *                                          merged state (doc: the compact form in wire.ts)
 *
 * Each device writes only its own file and reads everyone's, merging them all, so two devices
 * syncing at once can never overwrite each other's writes, and no lock file can get stuck. A
 * device that was offline reads every file when it comes back. Files of devices silent for longer
 * than the tombstone horizon are skipped (see prune.ts).
 */

const DIR = 'paperpeek/';
const DEVICES = 'paperpeek/devices/';
const FILE_RE = /^([a-z0-9]{1,32})\.json\.gz$/;
/** More devices than anyone syncs; it bounds the requests one sync makes. */
const MAX_DEVICES = 100;

const deviceFileSchema = z.object({
  v: z.literal(1),
  device: z.string(),
  /** When it was written, epoch ms. */
  at: z.number(),
  doc: z.unknown(),
});

interface Token {
  etag: string | null;
  text: string | null;
}

export function webdavRemote(
  config: DavConfig,
  deviceId: string,
  now: () => number = Date.now,
): Remote {
  const client = new DavClient(config);
  const ownPath = `${DEVICES}${deviceId}.json.gz`;
  return {
    kind: 'webdav',
    label: `WebDAV (${client.base.host})`,
    async read(): Promise<RemoteRead> {
      const names = await client.list(DEVICES);
      let state = emptyState();
      let own: Token = { etag: null, text: null };
      const warnings: string[] = [];
      const devices = [...new Set((names ?? []).flatMap((n) => FILE_RE.exec(n)?.[1] ?? []))];
      if (devices.length > MAX_DEVICES) {
        warnings.push(
          `The WebDAV folder lists ${devices.length} device files; PaperPeek read the first ${MAX_DEVICES}.`,
        );
      }
      // Our own file first, so it is always read, even in a folder over the limit.
      devices.sort((a, b) => (a === deviceId ? -1 : b === deviceId ? 1 : 0));
      for (const device of devices.slice(0, MAX_DEVICES)) {
        const read = await readDeviceFile(client, device, now());
        if (!read) continue; // removed between the listing and the read
        if (device === deviceId) own = { etag: entityTag(read.etag), text: read.text };
        if ('damaged' in read) {
          // A damaged file of ours is rewritten from this device's list by the write that follows.
          warnings.push(
            device === deviceId
              ? `This device's own sync file on the server was damaged (${read.damaged}); PaperPeek wrote it again from this device's list.`
              : `Skipped the sync file of device ${device}: it is damaged (${read.damaged}).`,
          );
          continue;
        }
        if (device !== deviceId && read.at < now() - TOMBSTONE_HORIZON_MS) continue;
        warnings.push(...refusedWarnings(read.refused, device));
        state = mergeStates(state, read.state);
      }
      return { state, token: own, warnings };
    },

    async write(next: SyncState, read: RemoteRead): Promise<RemoteWrite> {
      const token = (read.token ?? { etag: null, text: null }) as Token;
      const byId = [...next.entries.values()].sort((a, b) =>
        a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      );
      const doc = encodeState(next, byId);
      // Unchanged apart from the time stamp: skip the upload.
      if (token.text !== null) {
        try {
          const previous = JSON.parse(token.text) as { doc?: unknown };
          if (JSON.stringify(previous.doc) === JSON.stringify(doc)) return { bytesSent: 0 };
        } catch {
          // unreadable own file: rewrite it
        }
      }
      const body = await gzip(JSON.stringify({ v: 1, device: deviceId, at: now(), doc }));
      if (token.text === null) {
        await client.mkcol(DIR);
        await client.mkcol(DEVICES);
      }
      await client.put(ownPath, body, token.etag);
      return { bytesSent: body.length };
    },
  };
}

type DeviceFile =
  | { etag: string | null; text: null; damaged: string }
  | { etag: string | null; text: string; at: number; state: SyncState; refused: RefusedClocks };

/** One device's file; null when it is gone, `damaged` (with why) when it cannot be used. */
async function readDeviceFile(
  client: DavClient,
  device: string,
  now: number,
): Promise<DeviceFile | null> {
  let file: DavFile | null;
  try {
    file = await client.get(`${DEVICES}${device}.json.gz`);
  } catch (error) {
    // Too large to be ours: skipped like any damaged file. Time-outs and network errors stop
    // the sync (they may pass, and are retried).
    if (error instanceof SyncError && error.code === 'malformed')
      return { etag: null, text: null, damaged: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
    throw error;
  }
  if (!file) return null;
  const damaged = (why: string) => ({ etag: file.etag, text: null, damaged: why });
  let text: string;
  try {
    text = await gunzip(file.bytes);
  } catch (error) {
    return damaged(error instanceof InflatedTooLargeError ? error.message : 'not gzip');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return damaged('not JSON');
  }
  const parsed = deviceFileSchema.safeParse(json);
  if (!parsed.success) return damaged('not a PaperPeek sync file');
  try {
    const { state, refused } = decodeRemoteState(parsed.data.doc, now);
    return { etag: file.etag, text, at: parsed.data.at, state, refused };
  } catch (error) {
    return damaged(error instanceof WireError ? error.message : 'unreadable');
  }
}

function refusedWarnings(refused: RefusedClocks, device: string): string[] {
  const out: string[] = [];
  if (refused.ahead)
    out.push(
      `Ignored ${refused.ahead} entries from device ${device} dated more than a day ahead of this device's clock.`,
    );
  if (refused.malformed)
    out.push(`Ignored ${refused.malformed} entries from device ${device} with a malformed clock.`);
  return out;
}

/** An ETag to send back in If-Match, only when it is one (a server may send anything). */
function entityTag(etag: string | null): string | null {
  return etag && etag.length <= 200 && /^(W\/)?"[\x21\x23-\x7e]*"$/.test(etag) ? etag : null;
}

/** Test connection: list (creating if needed) the folder; answers how many devices sync there. */
export async function testWebdav(config: DavConfig): Promise<number> {
  const client = new DavClient(config);
  let names = await client.list(DEVICES);
  if (names === null) {
    await client.mkcol(DIR);
    await client.mkcol(DEVICES);
    names = (await client.list(DEVICES)) ?? [];
  }
  return names.filter((n) => FILE_RE.test(n)).length;
}
