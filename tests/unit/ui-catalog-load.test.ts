import { describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogStatus, type LoadDeps } from '@/lib/ui/catalog-load';

const old = { version: 'v1', source: 'bundled', count: 89, loadedAt: '2026-01-01T00:00:00Z' };
const fresh = { version: 'v2', source: 'mine.ndjson', count: 3, loadedAt: '2026-02-01T00:00:00Z' };

function status(partial: Partial<CatalogStatus>): CatalogStatus {
  return { active: old, job: null, lastError: null, bytesUsed: 1000, ...partial };
}

/** A scripted background: `load` answers with `answer`; each poll returns the next status. */
function background(answer: () => Promise<CatalogStatus>, polls: CatalogStatus[]) {
  const seen: CatalogStatus[] = [];
  let poll = 0;
  const deps: LoadDeps = {
    stage: async () => 'file-1',
    load: answer,
    getStatus: async () => polls[Math.min(poll++, polls.length - 1)]!,
    onStatus: (s) => seen.push(s),
    sleep: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
  return { deps, seen };
}

describe('loadCatalog', () => {
  it('succeeds once the job the load started has finished', async () => {
    const done = status({ active: fresh });
    const { deps, seen } = background(
      async () => status({ job: { source: 'mine', done: 0, total: 3 } }),
      [status({ job: { source: 'mine', done: 2, total: 3 } }), done],
    );
    const outcome = await loadCatalog(new Blob(['x']), old, deps);
    expect(outcome).toEqual({ ok: true, status: done });
    expect(seen.map((s) => s.job?.done ?? 'end')).toEqual([0, 2, 'end']);
  });

  it('reports progress from polls while a slow load request is pending', async () => {
    let finish!: (s: CatalogStatus) => void;
    const { deps, seen } = background(
      () => new Promise((resolve) => (finish = resolve)),
      [status({ job: { source: 'mine', done: 1, total: 3 } })],
    );
    const pending = loadCatalog(new Blob(['x']), old, deps);
    await new Promise((resolve) => setTimeout(resolve, 20));
    finish(status({ active: fresh }));
    const outcome = await pending;
    expect(seen.some((s) => s.job?.done === 1)).toBe(true);
    expect(outcome.ok && outcome.status.active).toEqual(fresh);
  });

  it('fails with the background error and says the old catalog is still in use', async () => {
    const { deps } = background(
      async () => status({ job: { source: 'bad', done: 0, total: 5 } }),
      [status({ lastError: 'Line 3: Unexpected token' })],
    );
    const outcome = await loadCatalog(new Blob(['x']), old, deps);
    expect(outcome).toMatchObject({
      ok: false,
      error: 'Line 3: Unexpected token',
      unchanged: true,
    });
  });

  it('fails with a refused request and does not claim an unchanged catalog it cannot see', async () => {
    const { deps } = background(async () => {
      throw new Error('The file is truncated: no footer');
    }, [status({ active: fresh })]);
    const outcome = await loadCatalog(new Blob(['x']), old, deps);
    expect(outcome).toMatchObject({ ok: false, error: 'The file is truncated: no footer' });
    expect(outcome.ok || outcome.unchanged).toBe(false);
  });

  it('fails without loading when the file cannot be staged', async () => {
    const { deps } = background(async () => {
      throw new Error('must not be called');
    }, [status({})]);
    deps.stage = async () => {
      throw new Error('The catalog file is empty.');
    };
    const outcome = await loadCatalog(new Blob([]), old, deps);
    expect(outcome).toMatchObject({
      ok: false,
      error: 'The file could not be read: The catalog file is empty.',
      unchanged: true,
    });
  });
});
