import type { Paper } from '../catalog/schema';
import type { CatalogDb } from '../db/catalog-db';
import { getPapers, lookupCandidates } from '../db/lookup';
import { fillFromCatalog } from '../reading-list/catalog-fill';
import type { UserDb } from '../reading-list/db';

const present = (paper: Paper | null): paper is Paper => paper !== null;

/**
 * After a catalog load or a feed update: saved papers the catalog lacked get the fields they miss
 * from the records it now has (lib/reading-list/catalog-fill.ts). A catalog paper's id is its bare
 * arXiv id; a DOI is looked up as the content script's DOIs are.
 */
export async function fillSavedFromCatalog(catalog: CatalogDb, user: UserDb): Promise<void> {
  await fillFromCatalog(user, async ({ arxivIds, dois }) => {
    const byId = arxivIds.length > 0 ? await getPapers(catalog, arxivIds) : [];
    const matches = dois.length > 0 ? await lookupCandidates(catalog, dois) : [];
    const ids = matches.flatMap((m) => (m ? [m.id] : []));
    const byDoi = ids.length > 0 ? await getPapers(catalog, ids) : [];
    return [...byId, ...byDoi].filter(present);
  });
}
