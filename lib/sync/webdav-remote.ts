import { z } from 'zod';
import { gunzip, gzip } from './compress';
import { mergeStates } from './merge';
import { TOMBSTONE_HORIZON_MS } from './prune';
import { SyncError, type Remote, type RemoteRead, type RemoteWrite } from './remote';
import { emptyState, type SyncState } from './state';
import { DavClient, type DavConfig } from './webdav-client';
import { decodeState, encodeState, WireError } from './wire';

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
      for (const name of names ?? []) {
        const device = FILE_RE.exec(name)?.[1];
        if (!device) continue;
        const file = await client.get(`${DEVICES}${name}`);
        if (!file) continue; // removed between the listing and the read
        const text = await gunzip(file.bytes).catch(() => null);
        const parsed = parseDeviceFile(text, device);
        if (device === deviceId) own = { etag: file.etag, text };
        else if (parsed.at < now() - TOMBSTONE_HORIZON_MS) continue;
        state = mergeStates(state, parsed.state);
      }
      return { state, token: own };
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

function parseDeviceFile(text: string | null, device: string): { at: number; state: SyncState } {
  const damaged = (why: string) =>
    new SyncError(
      `The sync file of device ${device} on the WebDAV server is damaged (${why}). Nothing was changed on this device.`,
      false,
      'malformed',
    );
  if (text === null) throw damaged('not gzip');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged('not JSON');
  }
  const file = deviceFileSchema.safeParse(json);
  if (!file.success) throw damaged('not a PaperPeek sync file');
  try {
    return { at: file.data.at, state: decodeState(file.data.doc) };
  } catch (error) {
    throw damaged(error instanceof WireError ? error.message : 'unreadable');
  }
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
