import type { CatalogDb } from '../db/catalog-db';
import { getPapers, lookupCandidates } from '../db/lookup';
import { tabMessenger } from '../messaging/tab-messenger';
import type { UserDb } from '../reading-list/db';
import { getEntry, saveEntry } from '../reading-list/entries';
import type { Entry } from '../reading-list/entry';
import { pageDescriptionSchema, type PageDescription } from '../reading-list/page-description';
import { idTitle } from '../reading-list/outside-id';
import {
  idForSnapshot,
  snapshotFromMetadata,
  snapshotFromPaper,
  snapshotFromSeen,
} from '../reading-list/snapshot';
import { pdfPaperId } from './badge';

/**
 * "Save this page's paper" (the popup and the keyboard shortcut): the paper a tab shows, by a
 * catalog match when the page names one, otherwise by the page's own citation metadata.
 */

export interface SavedPage {
  entry: Entry;
  /** The paper was on the list before: nothing about it changed. */
  alreadySaved: boolean;
}

export const NO_PAPER =
  'No paper found on this page: it names no arXiv id, DOI or citation title that PaperPeek can save.';
export const UNREADABLE =
  'PaperPeek cannot read this page. Browser pages cannot be read; for a tab opened before PaperPeek was installed or updated, reload the page and try again.';

/**
 * A content script starts once the page is idle, a moment after it shows: a shortcut pressed in
 * that moment finds nobody listening yet, so the question is asked again for about two seconds.
 */
const ASK_TRIES = 8;
const ASK_PAUSE_MS = 250;

/** Asks the tab's content script; undefined when there is none (a browser page, an old tab). */
async function askTab(tabId: number): Promise<PageDescription | undefined> {
  let answer: unknown;
  for (let attempt = 1; ; attempt++) {
    try {
      answer = await tabMessenger.sendMessage('describePage', undefined, { tabId, frameId: 0 });
      break;
    } catch {
      if (attempt >= ASK_TRIES) return undefined;
      await new Promise((resolve) => setTimeout(resolve, ASK_PAUSE_MS));
    }
  }
  const parsed = pageDescriptionSchema.safeParse(answer);
  if (!parsed.success) {
    console.warn('PaperPeek: malformed page description', parsed.error.issues.length, 'issues');
    throw new Error('This page described its paper in a way PaperPeek could not read.');
  }
  return parsed.data;
}

async function saveCatalogPaper(catalog: CatalogDb, user: UserDb, id: string) {
  const [paper] = await getPapers(catalog, [id]);
  if (!paper) return undefined;
  return saveOnce(user, { id: paper.id, inCatalog: true, snapshot: snapshotFromPaper(paper) });
}

async function saveOnce(user: UserDb, input: Parameters<typeof saveEntry>[1]): Promise<SavedPage> {
  const before = await getEntry(user, input.id);
  if (before) return { entry: before, alreadySaved: true };
  return { entry: await saveEntry(user, input), alreadySaved: false };
}

export async function savePageOfTab(
  catalog: CatalogDb,
  user: UserDb,
  tab: { id?: number; url?: string },
): Promise<SavedPage> {
  if (tab.id === undefined || tab.id < 0) throw new Error(UNREADABLE);
  // Chrome's PDF viewer runs no content script: an arXiv PDF is known by its URL alone.
  const pdfId = tab.url ? pdfPaperId(tab.url) : undefined;
  if (pdfId) {
    const saved = await saveCatalogPaper(catalog, user, pdfId);
    if (saved) return saved;
    // Saved by its id; a catalog that brings the paper fills in the rest (catalog-fill.ts).
    const seen = { title: idTitle({ arxivId: pdfId }), authors: [], arxivId: pdfId };
    return saveOnce(user, { id: pdfId, inCatalog: false, snapshot: snapshotFromSeen(seen, pdfId) });
  }
  const page = await askTab(tab.id);
  if (!page) throw new Error(UNREADABLE);
  if (page.ids.length > 0) {
    const matches = await lookupCandidates(
      catalog,
      page.ids.map((id) => id.query),
    );
    const match = matches.find((m) => m !== null);
    const saved = match && (await saveCatalogPaper(catalog, user, match.id));
    if (saved) return saved;
  }
  if (!page.metadata) throw new Error(NO_PAPER);
  const snapshot = snapshotFromMetadata(page.metadata);
  return saveOnce(user, { id: idForSnapshot(snapshot), inCatalog: false, snapshot });
}
