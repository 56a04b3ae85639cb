import { ContentScriptContext, type PageContext } from './context';
import {
  disabledSites,
  hoverDelayMs,
  markersAllowed,
  markersEnabled,
  quietMarkers,
  usableHoverDelay,
} from '../settings';

// The session's name, as WXT names a content script's context (its logs and tools show it).
const SESSION_NAME = 'paperpeek-marker-session';

/**
 * Runs `start` while the settings allow markers on `hostname`, and follows them live: turning the
 * site (or all markers) off aborts the running session, whose `onInvalidated` handlers take every
 * marker, listener and timer away; turning it on again starts a fresh session, which scans anew.
 * Nothing starts before the settings are read, so a disabled site never sees a marker. A change of
 * `quietMarkers` starts a fresh session with the new choice.
 */
export function whileMarkersAllowed(
  ctx: PageContext,
  hostname: string,
  start: (session: PageContext, options: { quiet: boolean }) => void,
  stopped: () => void,
): void {
  const state = {
    markersEnabled: markersEnabled.fallback,
    disabledSites: disabledSites.fallback,
    quiet: quietMarkers.fallback,
  };
  let loaded = false;
  let session: PageContext | undefined;
  let sessionQuiet = state.quiet;

  const apply = () => {
    if (!loaded || !ctx.isValid) return;
    const allowed = markersAllowed(state, hostname);
    if (allowed && session && sessionQuiet !== state.quiet) {
      session.abort('PaperPeek quiet markers turned on or off');
      session = undefined;
    }
    if (allowed && !session) {
      session = new ContentScriptContext(SESSION_NAME);
      sessionQuiet = state.quiet;
      start(session, { quiet: state.quiet });
    } else if (!allowed && session) {
      session.abort('PaperPeek markers turned off for this site');
      session = undefined;
      stopped();
    }
  };

  const unwatch = [
    markersEnabled.watch((value) => {
      state.markersEnabled = value;
      apply();
    }),
    disabledSites.watch((value) => {
      state.disabledSites = value;
      apply();
    }),
    quietMarkers.watch((value) => {
      state.quiet = value;
      apply();
    }),
  ];
  ctx.onInvalidated(() => {
    for (const stop of unwatch) stop();
    session?.abort('PaperPeek content script invalidated');
    session = undefined;
  });
  void Promise.all([
    markersEnabled.getValue(),
    disabledSites.getValue(),
    quietMarkers.getValue(),
  ]).then(
    ([enabled, sites, quiet]) => {
      state.markersEnabled = enabled;
      state.disabledSites = sites;
      state.quiet = quiet;
      loaded = true;
      apply();
    },
    (error: unknown) => {
      // Unreadable settings: behave as a fresh install would rather than never marking anything.
      if (ctx.isValid) console.warn('PaperPeek: settings', error);
      loaded = true;
      apply();
    },
  );
}

/** The hover delay as set now: read once, then kept current by a storage watch. */
export function followHoverDelay(ctx: PageContext): () => number {
  let delay = hoverDelayMs.fallback;
  ctx.onInvalidated(hoverDelayMs.watch((value) => (delay = usableHoverDelay(value))));
  void hoverDelayMs.getValue().then(
    (value) => (delay = usableHoverDelay(value)),
    () => undefined,
  );
  return () => delay;
}
