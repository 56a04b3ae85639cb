import { webdavConfig } from '../sync/sync-items';
import { SOURCE_IDS, type FeedSettings, type SourceId } from './sources';

/**
 * Host permissions for the feed sources: asked for when a source is turned on, for that source's
 * host only, and given back when it is turned off. The manifest lists `https://*\/*` as optional,
 * so nothing is granted at install.
 *
 * Headless Chromium shows the permission prompt but nothing can answer it: the request's promise
 * never settles (checked with --headless=new). So a page starts the request first in the click,
 * as browsers require, and does not make turning the source on wait for the answer: the feed
 * fetch runs either way (a feed server that allows any origin answers it, as the e2e fixtures
 * do, the way the WebDAV fixtures do), and a refusal turns the source off again (see onAnswer).
 */

export const HF_ORIGIN = 'https://huggingface.co/*';
export const ARXIV_ORIGIN = 'https://rss.arxiv.org/*';

/**
 * The match pattern for a URL's host: scheme and host name, without a port, which Firefox's
 * match patterns do not allow and Chrome's treat as "any port" when left out.
 */
export function originPattern(url: string): string | null {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' && protocol !== 'http:') return null;
    return `${protocol}//${hostname}/*`;
  } catch {
    return null;
  }
}

/** The origins a source fetches from, with these settings. */
export function originsFor(source: SourceId, settings: Pick<FeedSettings, 'sub'>): string[] {
  if (source === 'hf') return [HF_ORIGIN];
  if (source === 'arxiv') return [ARXIV_ORIGIN];
  const pattern = settings.sub.url ? originPattern(settings.sub.url) : null;
  return pattern ? [pattern] : [];
}

/** The host a source reaches, for sentences ("huggingface.co"). */
export function hostOf(origin: string): string {
  return origin.replace(/^[a-z]+:\/\//, '').replace(/\/\*$/, '');
}

/**
 * Asks for the source's host permission. Call it before any await in the click handler that
 * turns the source on: browsers refuse a request that does not come straight from a user's
 * action. Answers whether it was granted; true at once when there is nothing to ask for.
 */
export function askFor(source: SourceId, settings: Pick<FeedSettings, 'sub'>): Promise<boolean> {
  const origins = originsFor(source, settings);
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.request({ origins });
}

/** Whether the source may reach its host already (no prompt would show). */
export async function hasAccess(
  source: SourceId,
  settings: Pick<FeedSettings, 'sub'>,
): Promise<boolean> {
  const origins = originsFor(source, settings);
  return origins.length === 0 || browser.permissions.contains({ origins });
}

/**
 * Gives back the host permission of a source that was turned off, keeping any origin another
 * enabled source or the WebDAV server still needs. `settings` are those after the change.
 */
export async function release(
  source: SourceId,
  settings: FeedSettings,
  before: Pick<FeedSettings, 'sub'> = settings,
): Promise<void> {
  const inUse = new Set<string>();
  for (const other of SOURCE_IDS) {
    if (other !== source && settings[other].enabled) {
      for (const origin of originsFor(other, settings)) inUse.add(origin);
    }
  }
  const dav = await webdavConfig.getValue().catch(() => null);
  const davOrigin = dav ? originPattern(dav.url) : null;
  if (davOrigin) inUse.add(davOrigin);
  const origins = originsFor(source, before).filter((origin) => !inUse.has(origin));
  if (origins.length === 0) return;
  await browser.permissions.remove({ origins }).catch(() => false);
}

/** What the page says when the browser's prompt was answered No. */
export function refusedText(source: SourceId, settings: Pick<FeedSettings, 'sub'>): string {
  const [origin] = originsFor(source, settings);
  const host = origin ? hostOf(origin) : 'its server';
  return `PaperPeek was not allowed to reach ${host}, so this source stays off.`;
}
