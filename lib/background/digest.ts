import { storage } from '#imports';
import type { Paper } from '../catalog/schema';
import type { CatalogDb } from '../db/catalog-db';
import { getPapers } from '../db/lookup';
import { pickDigest, type DigestDoc, type DigestPick } from '../feeds/digest';
import { feedSettings, readFeedSettings } from '../feeds/sources';
import { listEntries } from '../reading-list/entries';
import type { UserDb } from '../reading-list/db';
import { openIndex, SearchUnavailableError } from '../search/index-reader';
import { DEFAULT_ARRIVAL_OPTIONS } from '../search/related';
import { TextSimilarity } from '../search/related-text';

/**
 * The optional daily notification (Options → Sources, off by default): at most once a local day,
 * after a source's run, the (up to three) papers sources brought since the last one that are
 * closest to the reading list's topics (lib/feeds/digest.ts). Clicking it opens them; "Stop these"
 * turns it off. Everything is decided here, from the catalog and the reading list: nothing is sent.
 */

export const DIGEST_NOTIFICATION = 'paperpeek-digest';
/** Papers remembered between two notifications (the newest). */
export const MAX_PENDING = 5000;

/** Ids sources added since the digest last looked. */
const pending = storage.defineItem<string[]>('local:digestPending', { fallback: [] });
/** The local day (YYYY-MM-DD) of the last notification. */
const lastDay = storage.defineItem<string | null>('local:digestDay', { fallback: null });
/** The papers the last notification named, for its click. */
const shown = storage.defineItem<string[]>('local:digestShown', { fallback: [] });

export type Notifier = {
  create(id: string, options: Browser.notifications.NotificationCreateOptions): Promise<unknown>;
  clear(id: string): Promise<unknown>;
};

export type DigestDeps = {
  db: CatalogDb;
  user: () => UserDb;
  notifications: Notifier;
  openTab: (url: string) => Promise<unknown>;
  iconUrl: string;
  /** Firefox's notifications have no buttons. */
  buttons: boolean;
  now?: () => Date;
};

const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

const absUrl = (paper: Paper) =>
  paper.links.abs ?? (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : null);

export type Digest = ReturnType<typeof createDigest>;

export function createDigest(deps: DigestDeps) {
  const now = deps.now ?? (() => new Date());

  /** Papers a source's batch added: remembered while the notification is on. */
  async function added(ids: readonly string[]): Promise<void> {
    if (ids.length === 0 || !(await readFeedSettings()).notify) return;
    const all = [...new Set([...(await pending.getValue()), ...ids])];
    await pending.setValue(all.slice(-MAX_PENDING));
  }

  /** The reading list as the similarity reads it: catalog records, or the saved title. */
  async function savedDocs(): Promise<DigestDoc[]> {
    const entries = await listEntries(deps.user());
    const papers = await getPapers(deps.db, entries.map((e) => e.id).slice(0, 500));
    return entries.map((entry, i) => ({
      id: entry.id,
      title: papers[i]?.title ?? entry.snapshot.title,
      abstract: papers[i]?.abstract ?? '',
    }));
  }

  /**
   * After a source's run: the notification, if it is on, none was shown today, and some paper
   * added since the last look is on the reading list's topics. Returns what it named.
   */
  async function runEnded(): Promise<DigestPick[]> {
    if (!(await readFeedSettings()).notify) return [];
    const today = localDay(now());
    if ((await lastDay.getValue()) === today) return [];
    const ids = await pending.getValue();
    if (ids.length === 0) return [];
    const saved = await savedDocs();
    let index;
    try {
      index = await openIndex(deps.db);
    } catch (error) {
      // The search index is being rebuilt: look again after the next run.
      if (error instanceof SearchUnavailableError) return [];
      throw error;
    }
    if (!index) return [];
    const fresh = (await getPapers(deps.db, ids.slice(-500))).filter((p): p is Paper => p !== null);
    const { averageLength, maxDfShare } = DEFAULT_ARRIVAL_OPTIONS;
    const similarity = new TextSimilarity(index, averageLength, maxDfShare);
    const picks = pickDigest((doc) => similarity.vector(doc), saved, fresh);
    await pending.setValue([]);
    if (picks.length === 0) return [];
    const n = picks.length;
    await deps.notifications.create(DIGEST_NOTIFICATION, {
      type: 'basic',
      iconUrl: deps.iconUrl,
      title: `${n} new paper${n === 1 ? '' : 's'} on your reading list's topics`,
      message: picks.map((p) => `• ${p.paper.title}`).join('\n'),
      contextMessage: 'PaperPeek · click to open',
      ...(deps.buttons && {
        buttons: [{ title: n === 1 ? 'Open it' : `Open all ${n}` }, { title: 'Stop these' }],
      }),
    });
    await Promise.all([lastDay.setValue(today), shown.setValue(picks.map((p) => p.paper.id))]);
    return picks;
  }

  async function openShown(): Promise<void> {
    const ids = await shown.getValue();
    const papers = await getPapers(deps.db, ids);
    for (const paper of papers) {
      const url = paper && absUrl(paper);
      if (url) await deps.openTab(url);
    }
    await deps.notifications.clear(DIGEST_NOTIFICATION);
  }

  /** "Stop these": the setting goes off, as the switch in Options → Sources would turn it. */
  async function stop(): Promise<void> {
    const settings = await readFeedSettings();
    await feedSettings.setValue({ ...settings, notify: false });
    await Promise.all([pending.setValue([]), deps.notifications.clear(DIGEST_NOTIFICATION)]);
  }

  return {
    added,
    runEnded,
    clicked: (id: string) => (id === DIGEST_NOTIFICATION ? openShown() : Promise.resolve()),
    buttonClicked: (id: string, button: number) =>
      id !== DIGEST_NOTIFICATION ? Promise.resolve() : button === 0 ? openShown() : stop(),
  };
}
