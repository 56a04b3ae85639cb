import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { paperSchema } from '../lib/catalog/schema';
import type { Entry, ReadingStatus } from '../lib/reading-list/entry';
import { snapshotFromPaper } from '../lib/reading-list/snapshot';
import { OUT_DIR, openScreenshotBrowser } from './screenshot-browser';

/**
 * `npx tsx scripts/screenshots-manager.ts`: the reading-list manager of the built extension with
 * a lived-in list (papers of the bundled catalog, some read, tagged and annotated, two selected),
 * as a light and a dark OS theme show it, saved to docs/screenshots/manager-{scheme}.png, and its
 * Recently deleted dialog with three papers removed (one by sync), manager-deleted-{scheme}.png.
 * Builds first unless PAPERPEEK_SKIP_BUILD is set; run it under the shared e2e lock.
 */

const CATALOG = path.resolve('public/catalog/default.ndjson.gz');
const SCHEMES = ['light', 'dark'] as const;
const COUNT = 24;

const TAGS = ['efficiency', 'diffusion', 'LLM', 'time series', 'ICASSP', 'survey'];
const NOTES: Record<number, string> = {
  1: 'Compare the inversion trick with our editing baseline; code looks clean.',
  4: 'Section 4 has the ablation we need for the reading group.',
  9: 'Good related-work list on structured pruning.',
};

/** A reading list made from the first papers of the bundled catalog, saved over a few weeks. */
function sampleEntries(): Entry[] {
  const lines = gunzipSync(readFileSync(CATALOG)).toString('utf8').split('\n');
  const papers = lines
    .slice(1)
    .filter((line) => line.startsWith('{"id"'))
    .slice(0, COUNT)
    .map((line) => paperSchema.parse(JSON.parse(line)));
  return papers.map((paper, i) => {
    const addedAt = new Date(Date.UTC(2026, 10, 27, 9) - i * 31 * 3600_000).toISOString();
    const status: ReadingStatus = i % 5 === 2 ? 'read' : i % 4 === 1 ? 'reading' : 'to-read';
    const tags = [TAGS[i % TAGS.length]!, ...(i % 3 === 0 ? [TAGS[(i + 2) % TAGS.length]!] : [])];
    return {
      id: paper.id,
      inCatalog: true,
      snapshot: snapshotFromPaper(paper),
      status,
      tags: [...new Set(tags)].sort(),
      note: NOTES[i] ?? '',
      addedAt,
      updatedAt: addedAt,
      readAt: status === 'read' ? addedAt : null,
      clock: {},
    };
  });
}

/** Entries as Recently deleted keeps them (lib/reading-list/deleted-row.ts), removed lately. */
function deletedRows(entries: Entry[]) {
  const now = Date.now();
  return entries.map((entry, i) => ({
    id: entry.id,
    entry,
    deletedAt: '',
    at: now - (i + 1) * 5 * 3600_000,
    by: i === 1 ? 'sync' : 'local',
  }));
}

async function seed(page: Page, entries: Entry[], deleted: unknown[]): Promise<void> {
  await page.evaluate(
    async ([entries, deleted]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('paperpeek-user');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['entries', 'deleted'], 'readwrite');
      for (const entry of entries) tx.objectStore('entries').put(entry);
      for (const row of deleted) tx.objectStore('deleted').put(row);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    [entries, deleted] as const,
  );
}

async function main(): Promise<void> {
  const sample = sampleEntries();
  const entries = sample.slice(0, COUNT - 3);
  const deleted = deletedRows(sample.slice(COUNT - 3));
  const { context, extensionId } = await openScreenshotBrowser({
    viewport: { width: 1200, height: 780 },
  });
  try {
    const url = `chrome-extension://${extensionId}/manager.html`;
    const page = await context.newPage();
    await page.goto(url);
    await page.getByText('0 papers').waitFor();
    await seed(page, entries, deleted);
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.goto(url);
      await page.getByText(`${entries.length} papers`).waitFor();
      const list = page.locator('[data-list="reading-list"]');
      await list.locator(`[data-paper-id="${entries[1]!.id}"] input[type=checkbox]`).check();
      await list.locator(`[data-paper-id="${entries[2]!.id}"] input[type=checkbox]`).check();
      await page.keyboard.press('Home');
      // No hover effects from the pointer left over the last checkbox.
      await page.mouse.move(0, 0);
      const file = path.join(OUT_DIR, `manager-${colorScheme}.png`);
      await page.screenshot({ path: file });
      console.log(`Saved ${path.relative(process.cwd(), file)}`);
      await page.getByRole('button', { name: 'Recently deleted' }).click();
      await page.locator('[data-list="recently-deleted"] li').nth(2).waitFor();
      await page.mouse.move(0, 0);
      const deletedFile = path.join(OUT_DIR, `manager-deleted-${colorScheme}.png`);
      await page.screenshot({ path: deletedFile });
      console.log(`Saved ${path.relative(process.cwd(), deletedFile)}`);
      await page.keyboard.press('Escape');
    }
  } finally {
    await context.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
