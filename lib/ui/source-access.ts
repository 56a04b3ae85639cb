import { askFor, originsFor, refusedText, release } from '../feeds/permissions';
import type { FeedSettings, SourceId } from '../feeds/sources';
import { SOURCE_NAMES } from '../feeds/status-text';
import type { MessageInput, SourcesView } from '../messaging/protocol';

/**
 * Turning sources on and off, and changing the subscription's address, together with the host
 * permissions they need: asked for first in the user's action, given back when no longer used.
 * Headless Chromium never settles a permission request (lib/feeds/permissions.ts), so turning
 * on does not wait for the answer; a No turns the source off again and says so.
 */

/** A message about one source (or the whole section), shown where the action was taken. */
export type SourceNote = { ok: boolean; text: string };
export type NoteKey = SourceId | 'all';

/** Sends one setSource; answers the new view, or null after noting why not. */
export type Change = (
  input: MessageInput<'setSource'>,
  fail: string,
) => Promise<SourcesView | null>;
export type Note = (key: NoteKey, value: SourceNote | null) => void;

export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/** A source's name inside a sentence. */
export const nameOf = (source: SourceId) =>
  source === 'sub' ? 'the catalog feed' : SOURCE_NAMES[source];

/** The settings as they will be once the background has taken `input`. */
export function withInput(settings: FeedSettings, input: MessageInput<'setSource'>): FeedSettings {
  const next = structuredClone(settings);
  if (input.source === 'hf') {
    if (input.enabled !== undefined) next.hf.enabled = input.enabled;
    if (input.backfillDays !== undefined) next.hf.backfillDays = input.backfillDays;
  } else if (input.source === 'arxiv') {
    if (input.enabled !== undefined) next.arxiv.enabled = input.enabled;
    if (input.categories !== undefined) next.arxiv.categories = input.categories;
  } else {
    if (input.enabled !== undefined) next.sub.enabled = input.enabled;
    if (input.url !== undefined) next.sub.url = input.url;
  }
  return next;
}

export function sourceAccess(current: () => FeedSettings | undefined, change: Change, note: Note) {
  /**
   * Turns a source on or off. Call it straight from the click or change handler: turning on
   * asks for the source's host before anything else is awaited.
   */
  function setEnabled(source: SourceId, enabled: boolean): Promise<SourcesView | null> {
    const before = current();
    if (!before) return Promise.resolve(null);
    note(source, null);
    if (!enabled) {
      return change({ source, enabled: false }, `Could not turn ${nameOf(source)} off`).then(
        async (next) => {
          if (next) await release(source, next.settings, before);
          return next;
        },
      );
    }
    const answer = askFor(source, before);
    const turnedOn = change({ source, enabled: true }, `Could not turn ${nameOf(source)} on`);
    answer.then(
      async (granted) => {
        if (granted) return;
        await turnedOn;
        await change({ source, enabled: false }, `Could not turn ${nameOf(source)} off`);
        note(source, { ok: false, text: refusedText(source, before) });
      },
      (error: unknown) =>
        note(source, {
          ok: false,
          text: `The browser could not ask for access to ${nameOf(source)}: ${messageOf(error)}`,
        }),
    );
    return turnedOn;
  }

  /** The subscription's address; a new host is asked for first while the subscription is on. */
  function setSubscriptionUrl(url: string | null): Promise<SourcesView | null> {
    const before = current();
    if (!before) return Promise.resolve(null);
    note('sub', null);
    const after = { ...before, sub: { ...before.sub, url } };
    const answer = before.sub.enabled && url ? askFor('sub', after) : Promise.resolve(true);
    return answer.then(
      async (granted) => {
        if (!granted) {
          note('sub', { ok: false, text: refusedText('sub', after) });
          return null;
        }
        const next = await change({ source: 'sub', url }, 'The address was not saved');
        const [was] = originsFor('sub', before);
        if (next && was && was !== originsFor('sub', next.settings)[0]) {
          await release('sub', next.settings, before);
        }
        return next;
      },
      (error: unknown) => {
        note('sub', {
          ok: false,
          text: `The browser could not ask for access: ${messageOf(error)}`,
        });
        return null;
      },
    );
  }

  return { setEnabled, setSubscriptionUrl };
}
