import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openUserDb } from '../../lib/reading-list/db';
import { saveEntry } from '../../lib/reading-list/entries';
import { parseBackup } from '../../lib/reading-list/import/backup-file';
import { clockProblem, decodeHlc, encodeHlc, hlcSchema, MAX_WALL } from '../../lib/sync/hlc';
import { userDbStore } from '../../lib/sync/local-store';
import { runSync } from '../../lib/sync/run-sync';
import { stateFrom } from '../../lib/sync/state';
import { storageSyncRemote } from '../../lib/sync/storage-sync-remote';
import { decodeRemoteState, encodeState } from '../../lib/sync/wire';
import { at, savedEntry } from './sync-fixtures';
import { quotaArea } from './sync-quota-area';

const DAY = 24 * 60 * 60 * 1000;
const EVIL = 'zzzzzzzzzzz-zzzz-evil';
const YEAR_9999 = encodeHlc({ wall: Date.UTC(9999, 0, 1), counter: 0, node: 'evil' });
let n = 0;
const freshDb = () => openUserDb(`hostile-clocks-${Date.now()}-${n++}`);

describe('hlcSchema: the one definition of a clock that comes in', () => {
  it('accepts every clock encodeHlc writes up to the year 5000', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_WALL }),
        fc.integer({ min: 0, max: 36 ** 4 - 1 }),
        fc.stringMatching(/^[a-z0-9]{1,32}$/),
        (wall, counter, node) => {
          expect(hlcSchema.safeParse(encodeHlc({ wall, counter, node })).success).toBe(true);
        },
      ),
    );
  });

  it.each([
    EVIL,
    YEAR_9999,
    '100000000000-0000-abc', // what the device's clock became after one tick past `zzzzzzzzzzz`
    '0000LXYZ12A-0000-abc',
    ' 000lxyz12a-0000-abc',
    '0000lxyz12a-0000-ab_c',
    '',
  ])('refuses %j, and decodeHlc does too', (text) => {
    const result = hlcSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('not a PaperPeek sync clock');
    expect(() => decodeHlc(text)).toThrow(/Not a clock/);
  });

  it('calls a clock more than a day ahead of now "ahead", and a day or less fine', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(clockProblem(at(now + DAY), now)).toBeNull();
    expect(clockProblem(at(now + DAY + 1), now)).toBe('ahead');
    expect(clockProblem(EVIL, now)).toBe('ahead');
    expect(clockProblem('evil', now)).toBe('malformed');
  });
});

describe('sync documents with bad clocks', () => {
  const now = Date.now();
  function hostileDoc() {
    const doc = encodeState(
      stateFrom(
        [savedEntry('good', at(now - 1000, 'devb')), savedEntry('evil', at(now, 'devb'))],
        [
          { id: 'gone', deletedAt: at(now - 500, 'devb') },
          { id: 'future-gone', deletedAt: YEAR_9999 },
        ],
        { markersEnabled: { value: false, clock: 'not-a-clock' } },
      ),
    );
    doc.e[1]![9] = { a: EVIL };
    doc.e.push([...doc.e[0]!.slice(0, 9), { a: YEAR_9999 }] as unknown as (typeof doc.e)[number]);
    doc.e[2]![0] = 'future';
    return doc;
  }

  it('decode keeps the sound items and counts the refused ones', () => {
    const { state, refused } = decodeRemoteState(hostileDoc(), now);
    expect([...state.entries.keys()]).toEqual(['good']);
    expect([...state.tombstones.keys()]).toEqual(['gone']);
    expect(state.settings).toEqual({});
    expect(refused).toEqual({ ahead: 3, malformed: 1 });
  });

  it('browser sync: merges the rest, says what it ignored, keeps this device clock sane and writes no bad clock back', async () => {
    const area = quotaArea();
    const first = storageSyncRemote(area);
    // Put the hostile document in place the way another device would.
    const db = freshDb();
    await saveEntry(db, {
      id: 'mine',
      inCatalog: true,
      snapshot: { title: 'Mine', authors: ['A'] },
    });
    await writeRaw(area, hostileDoc());
    const outcome = await runSync({ local: userDbStore(db), remote: first });
    expect(outcome).toMatchObject({
      kind: 'synced',
      warnings: [
        "Ignored 3 entries in browser sync dated more than a day ahead of this device's clock.",
        'Ignored 1 entries in browser sync with a malformed clock.',
      ],
    });
    expect((await db.entries.toArray()).map((e) => e.id).sort()).toEqual(['good', 'mine']);
    const saved = await saveEntry(db, {
      id: 'after',
      inCatalog: true,
      snapshot: { title: 'After', authors: ['A'] },
    });
    expect(Math.abs(decodeHlc(saved.clock.added!).wall - Date.now())).toBeLessThan(DAY);
    const again = await storageSyncRemote(area).read();
    expect(again.warnings).toEqual([]);
  });
});

describe('backups with bad clocks', () => {
  const backup = (clock: string, deletedAt: string) =>
    JSON.stringify({
      format: 'paperpeek-reading-list',
      version: 1,
      exportedAt: new Date().toISOString(),
      entries: [savedEntry('ok', at(Date.now() - 1000)), savedEntry('bad', clock)],
      tombstones: [{ id: 'gone', deletedAt }],
    });

  it('refuses an entry and a deletion with a malformed clock, naming why, and keeps the rest', async () => {
    const parsed = await parseBackup(backup(EVIL, 'evil'));
    expect(parsed.entries.map((e) => e.id)).toEqual(['ok']);
    expect(parsed.tombstones).toEqual([]);
    expect(parsed.invalid).toEqual([
      { where: 'entry 2', reason: expect.stringMatching(/not a PaperPeek sync clock/) },
      { where: 'tombstone 1', reason: expect.stringMatching(/not a PaperPeek sync clock/) },
    ]);
  });

  it('refuses an entry whose clock is in the year 4000', async () => {
    const future = encodeHlc({ wall: Date.UTC(4000, 0, 1), counter: 0, node: 'evil' });
    const parsed = await parseBackup(backup(future, at(Date.now())));
    expect(parsed.entries.map((e) => e.id)).toEqual(['ok']);
    expect(parsed.invalid).toEqual([
      { where: 'entry 2', reason: expect.stringMatching(/more than a day in the future/) },
    ]);
  });
});

/** Stores `doc` in the browser-sync layout, as another device's PaperPeek would. */
async function writeRaw(area: ReturnType<typeof quotaArea>, doc: unknown) {
  const { gzipBase64 } = await import('../../lib/sync/compress');
  const text = await gzipBase64(JSON.stringify(doc));
  await area.set({ 'pp:m': { v: 1, g: 'h', n: 1, synced: 3, total: 3 }, 'pp:c0': `h|${text}` });
}
