import { catalogDb } from '@/lib/db/catalog-db';
import { indexBytes } from '@/lib/db/catalog-index';

/** Size of the active catalog's lookup index and what reading it from IndexedDB costs. */
export async function indexInfo(): Promise<{ bytes: number; readMs: number; count: number }> {
  const db = catalogDb();
  const active = await db.meta.get('active');
  if (active?.key !== 'active') throw new Error('No active catalog.');
  const start = performance.now();
  const index = await db.indexes.get(active.value.slot);
  const readMs = performance.now() - start;
  if (!index) throw new Error('The active catalog has no index.');
  return { bytes: indexBytes(index), readMs, count: index.count };
}
