import type { ActiveCatalog } from '../db/catalog-db';
import type { CatalogHeader } from '../catalog/schema';
import type { CatalogService } from './catalog-service';

/** Where the build puts the catalog that ships with the extension (`npm run catalog`). */
export const BUNDLED_CATALOG_PATH = '/catalog/default.ndjson.gz';

/**
 * Whether the bundled catalog should replace the active one. A catalog the user loaded from a
 * file is theirs: an extension update never replaces it with the bundle. A bundled catalog is
 * replaced when the bundle's version differs (a new release ships new papers).
 */
export function shouldInstallBundled(header: CatalogHeader, active: ActiveCatalog | null): boolean {
  if (!active) return true;
  return active.kind === 'bundled' && active.version !== header.version;
}

/**
 * Make sure the bundled catalog is in place: on install and update, and on browser start in
 * case an earlier install was cut short before its load was recorded.
 */
export async function ensureBundledCatalog(service: CatalogService, url: string): Promise<void> {
  await service.resume();
  if (service.running()) return;
  try {
    const { done } = await service.load(
      { kind: 'bundled', url },
      { shouldReplace: shouldInstallBundled },
    );
    const outcome = await done;
    if (outcome?.status === 'failed') console.error('PaperPeek: bundled catalog', outcome.error);
  } catch (error) {
    console.warn('PaperPeek: bundled catalog not loaded', error);
  }
}

/** The first-run page (entrypoints/welcome): what the catalog is and which sources to turn on. */
export const WELCOME_PATH = '/welcome.html';

/**
 * Opens the welcome page once, when the extension is first installed: never on an update or a
 * browser start. It only asks; nothing is fetched until the user chooses there.
 */
export async function openWelcome(reason: string): Promise<void> {
  if (reason !== 'install') return;
  try {
    await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH as '/') });
  } catch (error) {
    console.warn('PaperPeek: welcome page not opened', error);
  }
}
