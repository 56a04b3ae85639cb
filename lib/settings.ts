import { storage } from 'wxt/utils/storage';

/**
 * Every user setting, each one `storage.defineItem`. Add new items here (reading list, sync, ...),
 * each with a one-line doc and a fallback, and a `version` with `migrations` once its shape changes.
 *
 * They live in `local:`: `sync:` allows only 8 KB per item and 120 writes a minute (field notes),
 * and a long list of sites or a dragged slider would hit those limits.
 */

export const HOVER_DELAY_MIN_MS = 0;
export const HOVER_DELAY_MAX_MS = 2_000;
export const HOVER_DELAY_DEFAULT_MS = 300;

/** Sites (normalised hostnames, see `normalizeSite`) where PaperPeek puts no markers. */
export const disabledSites = storage.defineItem<string[]>('local:disabledSites', { fallback: [] });

/** How long the pointer rests on a marker before its card opens, in ms (focus opens at once). */
export const hoverDelayMs = storage.defineItem<number>('local:hoverDelayMs', {
  fallback: HOVER_DELAY_DEFAULT_MS,
});

/** Markers on every site (true) or on none (false); the per-site list applies only when on. */
export const markersEnabled = storage.defineItem<boolean>('local:markersEnabled', {
  fallback: true,
});

/**
 * Quiet markers: a paper a page names by arXiv id or DOI (on a site PaperPeek reads) that the
 * catalog lacks gets a grey marker whose card offers Save and Open.
 */
export const quietMarkers = storage.defineItem<boolean>('local:quietMarkers', {
  fallback: true,
});

/** A setting the user asked for that cannot be stored as given; nothing was changed. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

// Hostname labels after URL parsing (which lower-cases and turns Unicode into punycode).
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The site a user typed or a page's hostname, as stored: lower case, without a leading `www.`
 * (arxiv.org and www.arxiv.org are one site to a reader). Accepts a bare hostname or an http(s)
 * URL; throws a SettingsError that says what is wrong with anything else.
 */
export function normalizeSite(input: string): string {
  const text = input.trim();
  if (!text) throw new SettingsError('Enter a site, such as arxiv.org.');
  if (/\s/.test(text)) throw new SettingsError(`"${text}" is not a site: it contains a space.`);
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (hasScheme && !/^https?:\/\//i.test(text)) {
    throw new SettingsError(`"${text}" is not a web site: only http and https pages have markers.`);
  }
  let host: string;
  try {
    host = new URL(hasScheme ? text : `https://${text}`).hostname;
  } catch {
    throw new SettingsError(`"${text}" is not a site name or web address.`);
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  const ipv6 = host.startsWith('[') && host.endsWith(']');
  if (!ipv6 && (!host || !host.split('.').every((label) => LABEL.test(label)))) {
    throw new SettingsError(`"${text}" is not a site name or web address.`);
  }
  return host;
}

/** Markers on a page of this hostname, given the settings' values (pure: content script, tests). */
export function markersAllowed(
  settings: { markersEnabled: boolean; disabledSites: readonly string[] },
  hostname: string,
): boolean {
  if (!settings.markersEnabled) return false;
  let site: string;
  try {
    site = normalizeSite(hostname);
  } catch {
    // file: pages and the like have no site to turn off; only the global switch applies.
    return true;
  }
  return !settings.disabledSites.includes(site);
}

/** Whether the user left markers on for this site (the per-site choice; see `markersEnabled`). */
export async function isSiteEnabled(hostname: string): Promise<boolean> {
  return !(await disabledSites.getValue()).includes(normalizeSite(hostname));
}

/** Turns markers on or off for one site; throws a SettingsError for a hostname that is not one. */
export async function setSiteEnabled(hostname: string, enabled: boolean): Promise<void> {
  const site = normalizeSite(hostname);
  const current = await disabledSites.getValue();
  const next = enabled
    ? current.filter((s) => s !== site)
    : [...new Set([...current, site])].sort((a, b) => a.localeCompare(b));
  if (next.length !== current.length) await disabledSites.setValue(next);
}

/** A stored delay that is usable: junk in storage falls back to the default, out of range clamps. */
export function usableHoverDelay(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return HOVER_DELAY_DEFAULT_MS;
  return Math.round(Math.min(HOVER_DELAY_MAX_MS, Math.max(HOVER_DELAY_MIN_MS, value)));
}

/** Stores the hover delay; throws a SettingsError (and stores nothing) outside 0-2000 ms. */
export async function setHoverDelay(ms: number): Promise<void> {
  if (!Number.isInteger(ms) || ms < HOVER_DELAY_MIN_MS || ms > HOVER_DELAY_MAX_MS) {
    throw new SettingsError(
      `The hover delay must be a whole number of milliseconds from ${HOVER_DELAY_MIN_MS} to ${HOVER_DELAY_MAX_MS}; got ${ms}.`,
    );
  }
  await hoverDelayMs.setValue(ms);
}
