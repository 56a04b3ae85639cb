import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { PageContext } from './context';
import type { Paper } from '../catalog/schema';
import { CARD_CSS } from './card-style';
import { renderPaper, tabStops } from './card-view';
import { OUTSIDE_CSS, renderOutside } from './card-outside';
import { pressSaveButton, SAVE_CSS, type SaveActions } from './save-button';
import type { MarkerLayer } from './markers';

/** Hover this long before the card opens (unless `hoverDelay` says otherwise), and leave this long
 * before it closes. */
export const OPEN_DELAY_MS = 300;
export const CLOSE_GRACE_MS = 250;
/** The card's tallest, when the window has room for it (card-style.ts). */
const MAX_HEIGHT = 480;
/** A focusin this soon after the reader's Tab is the reader's own move onto a marker. */
const TAB_FOCUS_MS = 500;

export interface CardOptions {
  ctx: PageContext;
  doc: Document;
  markers: MarkerLayer;
  related: (paper: Paper, k: number) => Promise<Paper[]>;
  /** The user's hover delay in ms, asked at each hover so a changed setting applies at once. */
  hoverDelay?: () => number;
  /** The reading list's Save toggle in the card (and the S key on a marker whose card is open). */
  saved?: SaveActions;
}

/** The host's inline style: important, so no page rule for spans can hide, move or resize it. */
const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: fixed',
  'top: 0',
  'left: 0',
  'z-index: 2147483647',
]
  .map((declaration) => `${declaration} !important`)
  .join(';');

/**
 * The hover/focus card: one host element on <html>, drawn in a closed shadow root and positioned
 * next to its marker by Floating UI while open. Events are delegated from the document, so
 * markers added later need no listeners of their own. The host is a built-in `span`, for the
 * reason given at createMarker. Only trusted events (the user's own) open it or press Save: a page
 * can dispatch any event on a marker, which lives in its DOM.
 */
export function startCard({
  ctx,
  doc,
  markers,
  related,
  hoverDelay = () => OPEN_DELAY_MS,
  saved,
}: CardOptions): void {
  const host = doc.createElement('span');
  host.setAttribute('data-paperpeek', 'card');
  host.setAttribute('style', HOST_STYLE);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CARD_CSS + SAVE_CSS + OUTSIDE_CSS;
  const card = doc.createElement('div');
  card.className = 'card';
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-labelledby', 'paperpeek-title');
  shadow.append(style, card);

  let marker: HTMLElement | undefined;
  let stopFollowing: (() => void) | undefined;
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  const history: Paper[] = [];
  // Esc hands focus back to the marker; that focus must not reopen the card just closed.
  let refocused: HTMLElement | undefined;
  // Whether the reader opened this card themselves (pointer, click, Enter, or Tab onto the marker).
  // A page can move focus onto a marker with focus(), which fires a trusted focusin: the card
  // opens, but the reader's next "s", typed for the page, must not toggle Save.
  let byReader = false;
  let lastTabAt = -Infinity;
  let lastTab: KeyboardEvent | undefined;

  /**
   * Tab from the marker goes into its open card (which sits at the end of the page's tree, so the
   * browser's own order would skip it), Shift+Tab from the card's first stop comes back to the
   * marker, and Tab past its last stop goes on to what follows the marker. Only on a card the reader
   * opened: a page that moved focus onto a marker does not get the reader's Tab into the card, and
   * from there a few Tabs onto Save.
   */
  const tabThroughCard = (event: KeyboardEvent): boolean => {
    if (!marker || !byReader || !host.isConnected) return false;
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const stops = tabStops(card);
    if (event.target === marker && !event.shiftKey && stops[0]) {
      event.preventDefault();
      stops[0].focus();
      return true;
    }
    if (event.target !== host) return false;
    const at = stops.indexOf(shadow.activeElement as HTMLElement);
    if (event.shiftKey ? at > 0 : at < stops.length - 1) return false;
    if (event.shiftKey) event.preventDefault();
    // Forward past the last stop: focus the marker and let the browser's Tab go on from there.
    marker.focus();
    return true;
  };

  const cancel = () => {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    openTimer = closeTimer = undefined;
  };

  const show = (paper: Paper) => {
    renderPaper(card, paper, {
      related,
      open: (next) => {
        history.push(paper);
        show(next);
      },
      back: history.length ? () => show(history.pop()!) : undefined,
      copy: (text) => navigator.clipboard.writeText(text),
      saved,
    });
  };

  const open = (target: HTMLElement, reader: boolean) => {
    const paper = markers.paperOf(target);
    // A quiet marker: a paper the page names that the catalog lacks.
    const outside = paper ? undefined : markers.outsideOf(target);
    if (!paper && !outside) return;
    cancel();
    if (marker === target && host.isConnected) {
      byReader ||= reader;
      return;
    }
    close();
    marker = target;
    byReader = reader;
    history.length = 0;
    if (paper) show(paper);
    else renderOutside(card, outside!, saved);
    doc.documentElement.append(host);
    target.setAttribute('aria-expanded', 'true');
    const place = () =>
      void computePosition(target, host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          // Below the marker, or above it when that has more room; then the card takes no more
          // height than that side has (it scrolls inside), so it never runs off the window.
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply: ({ availableHeight }) => {
              card.style.maxHeight = `${Math.max(0, Math.min(MAX_HEIGHT, availableHeight))}px`;
            },
          }),
        ],
      }).then(({ x, y }) => {
        // The whole attribute, not style.setProperty: CSSOM would write back every longhand of
        // `all`, some 12 KB of style attribute per move.
        host.setAttribute('style', `${HOST_STYLE};left:${x}px !important;top:${y}px !important`);
      });
    stopFollowing = autoUpdate(target, host, place);
  };

  function close(): void {
    cancel();
    stopFollowing?.();
    stopFollowing = undefined;
    marker?.setAttribute('aria-expanded', 'false');
    marker = undefined;
    host.remove();
  }

  const isOurs = (node: EventTarget | null) => node === host || markers.isMarker(node);
  const scheduleClose = () => {
    clearTimeout(openTimer);
    openTimer = undefined;
    if (closeTimer === undefined && marker) closeTimer = ctx.setTimeout(close, CLOSE_GRACE_MS);
  };

  ctx.addEventListener(doc, 'pointerover', (event) => {
    if (!event.isTrusted) return;
    if (event.target === host || (markers.isMarker(event.target) && event.target === marker)) {
      clearTimeout(closeTimer);
      closeTimer = undefined;
    } else if (markers.isMarker(event.target)) {
      const target = event.target;
      clearTimeout(openTimer);
      openTimer = ctx.setTimeout(() => open(target, true), hoverDelay());
    }
  });
  ctx.addEventListener(doc, 'pointerout', (event) => {
    if (isOurs(event.target) && !isOurs(event.relatedTarget)) scheduleClose();
  });
  ctx.addEventListener(doc, 'focusin', (event) => {
    if (!event.isTrusted) return;
    if (event.target === refocused) refocused = undefined;
    // A Tab the page cancelled moved no focus of the reader's: the page did it.
    else if (markers.isMarker(event.target))
      open(
        event.target,
        performance.now() - lastTabAt < TAB_FOCUS_MS && !lastTab?.defaultPrevented,
      );
    else if (event.target === host) cancel();
  });
  ctx.addEventListener(doc, 'focusout', (event) => {
    if (isOurs(event.target) && !isOurs(event.relatedTarget)) scheduleClose();
  });
  ctx.addEventListener(
    doc,
    'keydown',
    (event) => {
      if (!event.isTrusted) return;
      if (event.key === 'Tab') {
        lastTabAt = performance.now();
        lastTab = event;
        if (tabThroughCard(event)) return;
      }
      // role="button": Enter and Space open the card again after Esc closed it.
      if ((event.key === 'Enter' || event.key === ' ') && markers.isMarker(event.target)) {
        event.preventDefault();
        open(event.target, true);
        return;
      }
      // S on the marker whose card is open: the card's own Save toggle, without leaving the text.
      const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
      const s = event.key === 's' || event.key === 'S';
      if (plain && s && event.target === marker && byReader) {
        const toggle = shadow.querySelector<HTMLButtonElement>('button.save');
        // isValid also notices an orphaned script (extension reloaded) and takes it off the page.
        if (toggle && ctx.isValid) {
          event.preventDefault();
          event.stopPropagation();
          pressSaveButton(toggle);
          return;
        }
      }
      if (event.key !== 'Escape' || !marker) return;
      const back = marker;
      close();
      // Focus still on the marker fires no focusin, so only a real move is remembered.
      if (doc.activeElement !== back) {
        refocused = back;
        back.focus();
      }
      event.stopPropagation();
    },
    { capture: true },
  );
  // A click on a marker opens its card at once (and never reaches the page's link).
  ctx.addEventListener(
    doc,
    'click',
    (event) => {
      if (!event.isTrusted || !markers.isMarker(event.target)) return;
      event.preventDefault();
      event.stopPropagation();
      open(event.target, true);
    },
    { capture: true },
  );
  ctx.onInvalidated(close);
}
