import { describe, expect, it, vi } from 'vitest';
import { createCatalogService } from '@/lib/background/catalog-service';
import { createHandlers } from '@/lib/background/handlers';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { handleMessage, type Handlers } from '@/lib/messaging/register';
import { catalogText, freshDb, papers } from './catalog-fixture';

const OWN_ID = 'paperpeek-test-id';
const own = { id: OWN_ID };

function spyHandlers() {
  const lookupPaper = vi.fn(async () => null);
  const handlers = { lookupPaper } as unknown as Handlers;
  return { handlers, lookupPaper };
}

describe('handleMessage', () => {
  it('refuses a foreign sender without calling the handler', async () => {
    const { handlers, lookupPaper } = spyHandlers();
    const answer = await handleMessage(
      'lookupPaper',
      { query: 'x' },
      { id: 'evil' },
      handlers,
      OWN_ID,
    );
    expect(answer).toEqual({ ok: false, error: 'Refused: message not from PaperPeek' });
    expect(lookupPaper).not.toHaveBeenCalled();
  });

  it.each([undefined, { query: '' }, { query: 42 }, { query: 'x'.repeat(3000) }, 'x'])(
    'answers an error value for the malformed payload %j',
    async (payload) => {
      const { handlers, lookupPaper } = spyHandlers();
      const answer = await handleMessage('lookupPaper', payload, own, handlers, OWN_ID);
      expect(answer).toEqual({ ok: false, error: 'Malformed lookupPaper request' });
      expect(lookupPaper).not.toHaveBeenCalled();
    },
  );

  it('passes the parsed payload on and wraps a failure as an error value', async () => {
    const { handlers, lookupPaper } = spyHandlers();
    expect(
      await handleMessage('lookupPaper', { query: ' 2312.00752 ' }, own, handlers, OWN_ID),
    ).toEqual({ ok: true, value: null });
    expect(lookupPaper).toHaveBeenCalledWith({ query: '2312.00752' }, own);
    lookupPaper.mockRejectedValueOnce(new Error('database closed'));
    expect(await handleMessage('lookupPaper', { query: 'x' }, own, handlers, OWN_ID)).toEqual({
      ok: false,
      error: 'database closed',
    });
  });
});

describe('background handlers', () => {
  it('loads a staged file, reports progress, and refuses a second load meanwhile', async () => {
    const db = freshDb();
    const service = createCatalogService(db, { keepAlive: async () => undefined });
    const handlers = createHandlers(db, service, () => {
      throw new Error('no feeds in this test');
    });
    const send = <K extends keyof Handlers>(name: K, data: unknown) =>
      handleMessage(name, data, own, handlers, OWN_ID);

    const fileId = await stageCatalogFile(new Blob([catalogText(papers(6000))]), db);
    const first = await send('loadCatalogFile', { fileId });
    expect(first).toMatchObject({ ok: true, value: { job: { total: 6000 }, lastError: null } });

    const otherId = await stageCatalogFile(new Blob([catalogText(papers(3))]), db);
    expect(await send('loadCatalogFile', { fileId: otherId })).toEqual({
      ok: false,
      error: 'A catalog load is already running; wait for it to finish.',
    });

    await service.running();
    expect(await send('getCatalogStatus', undefined)).toMatchObject({
      ok: true,
      value: { active: { count: 6000, source: 'catalog file' }, job: null, lastError: null },
    });
    expect(await send('lookupCandidates', { candidates: ['2401.10005', 'nope'] })).toMatchObject({
      ok: true,
      value: [{ id: '2401.10005', matchedBy: 'arxiv' }, null],
    });
  });

  it('answers a bad file with its reason in lastError', async () => {
    const db = freshDb();
    const handlers = createHandlers(
      db,
      createCatalogService(db, { keepAlive: async () => undefined }),
      () => {
        throw new Error('no feeds in this test');
      },
    );
    const fileId = await stageCatalogFile(new Blob(['not a catalog\n']), db);
    const answer = await handleMessage('loadCatalogFile', { fileId }, own, handlers, OWN_ID);
    expect(answer).toMatchObject({
      ok: true,
      value: { active: null, job: null, lastError: 'Line 1: not valid JSON.' },
    });
  });
});
