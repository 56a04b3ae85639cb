/**
 * What this content script knows of the reading list: which of the papers it shows are saved.
 * Asked of the background in batches and kept here, in the isolated world; nothing of it is
 * written onto the page, where page scripts could read what the user saves.
 */

import type { SeenPaper } from '../reading-list/outside-id';

export interface SavedStateClient {
  /** The saved ids among `ids` (getSavedState). */
  ask: (ids: string[]) => Promise<string[]>;
  /** Saves a catalog paper, or with `page` one the catalog lacks (savePaper). */
  save: (id: string, page?: SeenPaper) => Promise<unknown>;
  remove: (id: string) => Promise<unknown>;
  /** Puts `id` back from Recently deleted; how many came back (0 or 1). */
  restore: (id: string) => Promise<number>;
}

/** Papers whose saved state changed, with their new state; unknown counts as not saved. */
export type SavedListener = (changes: ReadonlyMap<string, boolean>) => void;

/** getSavedState takes at most this many ids per message. */
const BATCH = 2000;

export class SavedState {
  private readonly saved = new Set<string>();
  private readonly known = new Set<string>();
  private readonly listeners = new Set<SavedListener>();

  constructor(private readonly client: SavedStateClient) {}

  /** The saved state of `id` if already asked, else undefined. */
  peek(id: string): boolean | undefined {
    return this.known.has(id) ? this.saved.has(id) : undefined;
  }

  onChange(listener: SavedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks about the ids not yet known. */
  async check(ids: Iterable<string>): Promise<void> {
    await this.refresh([...new Set(ids)].filter((id) => !this.known.has(id)));
  }

  /** Asks again about every known id (another tab or the manager may have changed the list). */
  async refreshKnown(): Promise<void> {
    await this.refresh([...this.known]);
  }

  /** The current answer for one paper, always asked afresh (a card opening). */
  async isSaved(id: string): Promise<boolean> {
    await this.refresh([id]);
    return this.saved.has(id);
  }

  /** Saves or unsaves `id`; the new state. Throws (state unchanged) when the background refuses. */
  async toggle(id: string, page?: SeenPaper): Promise<boolean> {
    const next = !(await this.isSaved(id));
    await (next ? this.client.save(id, page) : this.client.remove(id));
    this.apply(new Map([[id, next]]));
    return next;
  }

  /** Undo of a removal: the paper comes back with its note and tags. Throws when it cannot. */
  async restore(id: string): Promise<void> {
    if ((await this.client.restore(id)) === 0) {
      throw new Error('it is no longer in Recently deleted');
    }
    this.apply(new Map([[id, true]]));
  }

  private async refresh(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const saved = new Set(await this.client.ask(batch));
      this.apply(new Map(batch.map((id) => [id, saved.has(id)])));
    }
  }

  /** Records answers, then tells listeners once about those that changed. */
  private apply(answers: ReadonlyMap<string, boolean>): void {
    const changes = new Map<string, boolean>();
    for (const [id, saved] of answers) {
      if ((this.peek(id) ?? false) !== saved) changes.set(id, saved);
      this.known.add(id);
      if (saved) this.saved.add(id);
      else this.saved.delete(id);
    }
    if (changes.size > 0) for (const listener of this.listeners) listener(changes);
  }
}
