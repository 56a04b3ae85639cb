import { useCallback, useEffect, useRef, useState } from 'react';
import { feedSettings, feedStatus, type SourceId } from '../feeds/sources';
import { SOURCE_NAMES } from '../feeds/status-text';
import { send } from '../messaging/messenger';
import type { MessageInput, SourcesView } from '../messaging/protocol';
import {
  messageOf,
  nameOf,
  sourceAccess,
  withInput,
  type NoteKey,
  type SourceNote,
} from './source-access';

export type { SourceNote } from './source-access';

/** While a run is under way the status changes every second; otherwise storage watches suffice. */
const RUN_POLL_MS = 1_500;

/**
 * The feed sources as the background reports them (getSources), kept current by watching the
 * stored settings and status and by polling while a run is under way, and the actions the
 * options and welcome pages offer. Every failure becomes a note in words next to its source.
 */
export function useSources() {
  const [view, setView] = useState<SourcesView | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Partial<Record<NoteKey, SourceNote>>>({});
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  const refresh = useCallback(
    () =>
      send('getSources').then(
        (next) => {
          viewRef.current = next;
          setView(next);
          setReadError(null);
          return next;
        },
        (error: unknown) => {
          setReadError(messageOf(error));
          return null;
        },
      ),
    [],
  );

  useEffect(() => {
    let live = true;
    const reread = () =>
      send('getSources').then(
        (next) => {
          if (!live) return;
          viewRef.current = next;
          setView(next);
          setReadError(null);
        },
        (error: unknown) => live && setReadError(messageOf(error)),
      );
    void reread();
    const unwatch = [
      feedStatus.watch(() => void reread()),
      feedSettings.watch(() => void reread()),
    ];
    return () => {
      live = false;
      unwatch.forEach((stop) => stop());
    };
  }, []);

  const running = view ? Object.values(view.status).some((s) => s.progress !== null) : false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refresh(), RUN_POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  const note = useCallback((key: NoteKey, value: SourceNote | null) => {
    setNotes((all) => ({ ...all, [key]: value ?? undefined }));
  }, []);

  /** Runs one action with its key marked busy; answers its value, or null after noting why not. */
  const act = useCallback(
    async <T>(key: string, noteKey: NoteKey, fail: string, work: () => Promise<T>) => {
      setBusy((set) => new Set(set).add(key));
      try {
        return await work();
      } catch (error) {
        note(noteKey, { ok: false, text: `${fail}: ${messageOf(error)}` });
        return null;
      } finally {
        setBusy((set) => {
          const next = new Set(set);
          next.delete(key);
          return next;
        });
      }
    },
    [note],
  );

  /** Shows the change at once (a switch must not flick back while the background answers). */
  const change = useCallback(
    async (input: MessageInput<'setSource'>, fail: string) => {
      const previous = viewRef.current;
      const shown = previous && { ...previous, settings: withInput(previous.settings, input) };
      if (shown) {
        viewRef.current = shown;
        setView(shown);
      }
      const next = await act(input.source, input.source, fail, () => send('setSource', input));
      if (next) {
        viewRef.current = next;
        setView(next);
      } else if (viewRef.current === shown) {
        viewRef.current = previous;
        setView(previous);
      }
      return next;
    },
    [act],
  );

  const setEnabled = useCallback(
    (source: SourceId, enabled: boolean) =>
      sourceAccess(() => viewRef.current?.settings, change, note).setEnabled(source, enabled),
    [change, note],
  );
  const setSubscriptionUrl = useCallback(
    (url: string | null) =>
      sourceAccess(() => viewRef.current?.settings, change, note).setSubscriptionUrl(url),
    [change, note],
  );

  const updateNow = useCallback(async () => {
    note('all', null);
    const next = await act('update', 'all', 'The update did not start', () =>
      send('updateSources', {}),
    );
    if (next) setView(next);
    return next;
  }, [act, note]);

  const setNotify = useCallback(
    async (enabled: boolean) => {
      note('all', null);
      // Shown at once, as a source's switch is; put back if the background refuses.
      const previous = viewRef.current;
      const shown = previous && {
        ...previous,
        settings: { ...previous.settings, notify: enabled },
      };
      if (shown) {
        viewRef.current = shown;
        setView(shown);
      }
      const next = await act('notify', 'all', 'The notification setting was not saved', () =>
        send('setNotify', { enabled }),
      );
      if (next) {
        viewRef.current = next;
        setView(next);
      } else if (viewRef.current === shown) {
        viewRef.current = previous;
        setView(previous);
      }
      return next;
    },
    [act, note],
  );

  const removePapers = useCallback(
    async (source: SourceId) => {
      note(source, null);
      const answer = await act(
        `remove-${source}`,
        source,
        `${SOURCE_NAMES[source]}’s papers were not removed`,
        () => send('removeSourcePapers', { source }),
      );
      if (!answer) return null;
      const papers = answer.removed === 1 ? '1 paper' : `${answer.removed} papers`;
      note(source, {
        ok: true,
        text:
          answer.removed === 0
            ? `No papers came only from ${nameOf(source)}; nothing was removed.`
            : `Removed ${papers} that only ${nameOf(source)} had brought.`,
      });
      await refresh();
      return answer.removed;
    },
    [act, note, refresh],
  );

  return {
    view,
    readError,
    notes,
    busy,
    refresh,
    setEnabled,
    setCategories: (categories: string[]) =>
      change({ source: 'arxiv', categories }, 'The categories were not saved'),
    setBackfill: (backfillDays: number | 'all') =>
      change({ source: 'hf', backfillDays }, 'The backfill depth was not saved'),
    setSubscriptionUrl,
    setNotify,
    updateNow,
    removePapers,
  };
}

export type SourcesState = ReturnType<typeof useSources>;
