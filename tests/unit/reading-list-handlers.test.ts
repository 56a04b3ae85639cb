import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { savePageOfTab, UNREADABLE } from '@/lib/background/page-paper';
import { createReadingListHandlers } from '@/lib/background/reading-list-handlers';
import type { CatalogDb } from '@/lib/db/catalog-db';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { startLoad } from '@/lib/db/catalog-loader';
import { tabMessenger } from '@/lib/messaging/tab-messenger';
import { openUserDb, type UserDb } from '@/lib/reading-list/db';
import { listEntries } from '@/lib/reading-list/entries';
import { catalogText, freshDb, makePaper } from './catalog-fixture';

const mamba = makePaper(0, {
  id: '2312.00752',
  arxivId: '2312.00752',
  title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
  authors: ['Albert Gu', 'Tri Dao'],
  published: '2023-12-01',
});
const other = makePaper(1);

let catalog: CatalogDb;
let user: UserDb;
const contentScript = { id: fakeBrowser.runtime.id, tab: { id: 3 }, url: 'https://arxiv.org/' };
const extensionPage = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
});

beforeAll(async () => {
  catalog = freshDb();
  const fileId = await stageCatalogFile(new Blob([catalogText([mamba, other])]), catalog);
  expect((await startLoad(catalog, { kind: 'file', fileId })).status).toBe('loaded');
});
beforeEach(() => {
  user = openUserDb(`handlers-test-${Math.random()}`);
});
afterEach(async () => {
  await user.delete();
});

describe('reading-list handlers', () => {
  const handlers = () => createReadingListHandlers(catalog, () => user);

  it('savePaper saves a catalog paper with its snapshot; getSavedState then names it', async () => {
    const entry = await handlers().savePaper({ id: '2312.00752' }, contentScript);
    expect(entry).toMatchObject({
      id: '2312.00752',
      inCatalog: true,
      snapshot: { title: mamba.title, authors: ['Albert Gu', 'Tri Dao'], year: 2023 },
    });
    expect(
      await handlers().getSavedState({ ids: ['2312.00752', other.id] }, contentScript),
    ).toEqual(['2312.00752']);
  });

  it('savePaper saves a paper the catalog lacks from what its page shows, by arXiv id or DOI', async () => {
    const arxiv = await handlers().savePaper(
      {
        id: '1706.03762',
        page: {
          title: 'Attention Is All You Need',
          authors: ['Ashish Vaswani'],
          arxivId: '1706.03762',
        },
      },
      contentScript,
    );
    expect(arxiv).toMatchObject({
      id: '1706.03762',
      inCatalog: false,
      snapshot: {
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani'],
        arxivId: '1706.03762',
        url: 'https://arxiv.org/abs/1706.03762',
      },
    });
    const doi = await handlers().savePaper(
      {
        id: 'doi:10.1145/3394486.3403172',
        page: { title: 'doi:10.1145/3394486.3403172', authors: [], doi: '10.1145/3394486.3403172' },
      },
      contentScript,
    );
    expect(doi).toMatchObject({
      id: 'doi:10.1145/3394486.3403172',
      inCatalog: false,
      snapshot: { doi: '10.1145/3394486.3403172', url: 'https://doi.org/10.1145/3394486.3403172' },
    });
  });

  it('savePaper refuses page details whose identifier is not the id saved', async () => {
    await expect(
      handlers().savePaper(
        {
          id: '2401.00001',
          page: { title: 'Some Other Paper Entirely', authors: [], arxivId: '1706.03762' },
        },
        contentScript,
      ),
    ).rejects.toThrow('2401.00001 does not name the paper the page shows.');
    await expect(
      handlers().savePaper(
        { id: 't-abc', page: { title: 'No Identifier At All', authors: [] } },
        contentScript,
      ),
    ).rejects.toThrow('no arXiv id or DOI');
    expect(await listEntries(user)).toEqual([]);
  });

  it('savePaper refuses an id outside the catalog and saves nothing', async () => {
    await expect(handlers().savePaper({ id: '9999.99999' }, contentScript)).rejects.toThrow(
      'Paper 9999.99999 is not in the catalog.',
    );
    expect(await listEntries(user)).toEqual([]);
  });

  it('savePaper saves a paper outside the catalog by its arXiv id: its id and its page', async () => {
    const entry = await handlers().savePaper({ id: '1706.03762' }, extensionPage());
    expect(entry).toMatchObject({
      id: '1706.03762',
      inCatalog: false,
      snapshot: {
        title: 'arXiv:1706.03762',
        authors: [],
        arxivId: '1706.03762',
        url: 'https://arxiv.org/abs/1706.03762',
      },
    });
    expect((await listEntries(user)).map((e) => e.id)).toEqual(['1706.03762']);
  });

  it('savePaper saves a paper outside the catalog by its DOI, linked at doi.org', async () => {
    const entry = await handlers().savePaper({ doi: '10.1145/3394486.3403172' }, extensionPage());
    expect(entry).toMatchObject({
      id: 'doi:10.1145/3394486.3403172',
      inCatalog: false,
      snapshot: {
        title: 'doi:10.1145/3394486.3403172',
        doi: '10.1145/3394486.3403172',
        url: 'https://doi.org/10.1145/3394486.3403172',
      },
    });
    // An arXiv DOI is the arXiv paper: the catalog's when it has it.
    const viaDoi = await handlers().savePaper(
      { doi: '10.48550/arXiv.2312.00752' },
      extensionPage(),
    );
    expect(viaDoi).toMatchObject({ id: '2312.00752', inCatalog: true });
    await expect(handlers().savePaper({ doi: 'not a doi' }, extensionPage())).rejects.toThrow(
      'not a DOI',
    );
  });

  it('removePaper answers the removed entry, then null', async () => {
    const saved = await handlers().savePaper({ id: other.id }, contentScript);
    expect(await handlers().removePaper({ id: other.id }, contentScript)).toEqual(saved);
    expect(await handlers().removePaper({ id: other.id }, contentScript)).toBeNull();
    expect(await listEntries(user)).toEqual([]);
  });

  it('savePagePaper is refused to a content script', async () => {
    await expect(handlers().savePagePaper({ tabId: 3 }, contentScript)).rejects.toThrow(
      'savePagePaper is for PaperPeek pages only',
    );
  });

  it('savePagePaper from an extension page reports a closed tab', async () => {
    await expect(handlers().savePagePaper({ tabId: 12345 }, extensionPage())).rejects.toThrow(
      'That tab is gone.',
    );
  });
});

describe('savePageOfTab', () => {
  it('saves an arXiv PDF tab from its URL (no content script runs in the PDF viewer)', async () => {
    const saved = await savePageOfTab(catalog, user, {
      id: 7,
      url: 'https://arxiv.org/pdf/2312.00752v2',
    });
    expect(saved).toMatchObject({ alreadySaved: false, entry: { id: '2312.00752' } });
    const again = await savePageOfTab(catalog, user, {
      id: 7,
      url: 'https://arxiv.org/pdf/2312.00752',
    });
    expect(again).toEqual({ alreadySaved: true, entry: saved.entry });
  });

  it('saves a PDF paper the catalog lacks by its id, the id standing in for its title', async () => {
    const saved = await savePageOfTab(catalog, user, {
      id: 7,
      url: 'https://arxiv.org/pdf/2501.00001v2',
    });
    expect(saved).toMatchObject({
      alreadySaved: false,
      entry: {
        id: '2501.00001',
        inCatalog: false,
        snapshot: {
          title: 'arXiv:2501.00001',
          authors: [],
          arxivId: '2501.00001',
          url: 'https://arxiv.org/abs/2501.00001',
        },
      },
    });
    expect(await listEntries(user)).toEqual([saved.entry]);
  });

  it("waits a moment for a page's content script that has not started yet", async () => {
    // The fake browser routes no tab messages: the first two asks find nobody, the third answers.
    const ask = vi
      .spyOn(tabMessenger, 'sendMessage')
      .mockRejectedValueOnce(
        new Error('Could not establish connection. Receiving end does not exist.'),
      )
      .mockRejectedValueOnce(
        new Error('Could not establish connection. Receiving end does not exist.'),
      )
      .mockResolvedValueOnce({
        ids: [],
        metadata: { title: 'Sparse Probes for Sequence Models', authors: ['Jane Roe'] },
      });
    try {
      const saved = await savePageOfTab(catalog, user, { id: 7, url: 'https://example.org/p' });
      expect(saved.entry.snapshot.title).toBe('Sparse Probes for Sequence Models');
      expect(ask).toHaveBeenCalledTimes(3);
    } finally {
      ask.mockRestore();
    }
  });

  it('explains a page it cannot read (no content script answers)', async () => {
    await expect(savePageOfTab(catalog, user, { id: 7, url: undefined })).rejects.toThrow(
      UNREADABLE,
    );
    await expect(savePageOfTab(catalog, user, {})).rejects.toThrow(UNREADABLE);
  });
});
