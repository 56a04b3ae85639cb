import type { Page } from '@playwright/test';

/**
 * In-page helpers for catalog tests: they build catalog files inside the extension page (a
 * large file never crosses the Playwright pipe) and stage them in the catalog database the way
 * stageCatalogFile does, with raw IndexedDB since a test page cannot import the extension's code.
 */

export type SyntheticSpec = { count: number; offset: number; version: string; name: string };

/** The arXiv id of synthetic paper `index`: 90,000 valid 5-digit ids per month from 1501 on. */
export function syntheticId(index: number): string {
  const month = Math.floor(index / 90_000);
  const yymm = `${15 + Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, '0')}`;
  return `${yymm}.${10_000 + (index % 90_000)}`;
}

export function syntheticTitle(index: number): string {
  return `Synthetic Paper ${index}: Resumable Loading of Sparse Catalogs`;
}

/** Builds a gzip catalog in the page and stages it; returns the staged file id. */
export function stageSyntheticCatalog(page: Page, spec: SyntheticSpec): Promise<string> {
  return page.evaluate(
    async ({ spec, idSource, titleSource }) => {
      const idOf = new Function(`return ${idSource}`)() as (i: number) => string;
      const titleOf = new Function(`return ${titleSource}`)() as (i: number) => string;
      const encoder = new TextEncoder();
      const filler = 'We study how a large catalog streams into IndexedDB. '.repeat(8);
      const header = {
        format: 'paperpeek-catalog',
        formatVersion: 1,
        version: spec.version,
        source: 'e2e synthetic',
        createdAt: new Date().toISOString(),
        count: spec.count,
      };
      let next = 0;
      const text = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(`${JSON.stringify(header)}\n`));
        },
        pull(controller) {
          if (next >= spec.count) {
            controller.enqueue(
              encoder.encode(`${JSON.stringify({ end: true, count: spec.count })}\n`),
            );
            controller.close();
            return;
          }
          const lines: string[] = [];
          for (const end = Math.min(spec.count, next + 2000); next < end; next++) {
            const id = idOf(spec.offset + next);
            const paper = {
              id,
              arxivId: id,
              title: titleOf(spec.offset + next),
              authors: ['Ada Lovelace', 'Alan Turing'],
              published: '2015-01-01',
              abstract: filler,
              summary: 'A synthetic paper.',
              links: { abs: `https://arxiv.org/abs/${id}` },
              code: [],
              keywords: ['catalog'],
              related: [],
            };
            lines.push(JSON.stringify(paper));
          }
          controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
        },
      });
      const gzip = new CompressionStream('gzip') as unknown as TransformStream<
        Uint8Array,
        Uint8Array
      >;
      const blob = await new Response(text.pipeThrough(gzip)).blob();
      const db = await openCatalogDb();
      const id = crypto.randomUUID();
      await new Promise((resolve, reject) => {
        const tx = db.transaction('files', 'readwrite');
        const stagedAt = new Date().toISOString();
        tx.objectStore('files').put({ id, blob, name: spec.name, size: blob.size, stagedAt });
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return id;

      function openCatalogDb(): Promise<IDBDatabase> {
        return new Promise((resolve, reject) => {
          const request = indexedDB.open('paperpeek-catalog');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
    },
    { spec, idSource: syntheticId.toString(), titleSource: syntheticTitle.toString() },
  );
}

/** Papers stored in both slots (lines of their chunks) and the recorded job, from IndexedDB. */
export function readCatalogDb(
  page: Page,
): Promise<{ papers0: number; papers1: number; job: { done: number; total: number } | null }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('paperpeek-catalog');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['chunks0', 'chunks1', 'meta']);
    const ask = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const linesIn = async (store: string) => {
      const chunks = (await ask(tx.objectStore(store).getAll())) as { lines: string }[];
      return chunks.reduce((n, chunk) => n + chunk.lines.split('\n').length, 0);
    };
    const [papers0, papers1, job] = await Promise.all([
      linesIn('chunks0'),
      linesIn('chunks1'),
      ask(tx.objectStore('meta').get('job')),
    ]);
    db.close();
    return {
      papers0,
      papers1,
      job: (job as { value?: { done: number; total: number } })?.value ?? null,
    };
  });
}
