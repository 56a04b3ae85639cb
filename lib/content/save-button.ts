import type { SeenPaper } from '../reading-list/outside-id';
import { say } from './status-line';

/**
 * The card's Save toggle: "Save" or "Saved ✓", asked afresh each time a card shows a paper (the
 * list may have changed in another tab). It lives inside the card's closed shadow root.
 */

export interface SaveActions {
  isSaved: (id: string) => Promise<boolean>;
  /** Saves or unsaves; the new state. `page`: a paper the catalog lacks, as the page shows it. */
  toggle: (id: string, page?: SeenPaper) => Promise<boolean>;
  /** Puts a paper just removed back from Recently deleted, note and tags included (Undo). */
  restore?: (id: string) => Promise<void>;
}

export const SAVE_CSS = `
/* One width for "Save" and "Saved ✓": the card's box must not tell a page which one it shows. */
.actions button.save {
  color: var(--fg); border: 1px solid var(--border); border-radius: 4px; padding: 3px 8px;
  box-sizing: border-box; flex: none; width: 6.5em; text-align: center; white-space: nowrap;
}
.actions button.save.saved { color: #fff; background: #188038; border-color: #188038; }
.actions button.save[aria-disabled='true'] { opacity: 0.6; cursor: default; }
.actions button.save:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .actions button.save.saved { color: #202124; background: #81c995; border-color: #81c995; }
}
`;

function show(button: HTMLButtonElement, saved: boolean): void {
  button.textContent = saved ? 'Saved ✓' : 'Save';
  button.classList.toggle('saved', saved);
  button.title = saved ? 'Remove from your reading list (S)' : 'Save to your reading list (S)';
}

/** The toggle for `id`; `status` (a live region) says what happened, or why it failed. */
export function saveButton(
  doc: Document,
  id: string,
  actions: SaveActions,
  status: HTMLElement,
): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'save';
  button.setAttribute('aria-keyshortcuts', 'S');
  // aria-disabled rather than disabled: a disabled button drops focus, which would close the card.
  const busy = (on: boolean) => button.setAttribute('aria-disabled', String(on));
  show(button, false);
  busy(true);
  actions.isSaved(id).then(
    (saved) => {
      show(button, saved);
      busy(false);
    },
    // Still usable: the toggle asks again and reports its own error.
    () => busy(false),
  );
  const press = () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    busy(true);
    actions
      .toggle(id)
      .then(
        (saved) => {
          show(button, saved);
          if (saved) say(status, 'Saved to your list', { detail: 'Saved to your reading list' });
          else if (!actions.restore) say(status, 'Removed from your list');
          else {
            const detail = 'Removed from your reading list';
            say(status, 'Removed', { detail, action: { label: 'Undo', run: undo } });
          }
        },
        (error: unknown) => say(status, `Could not change your reading list: ${messageOf(error)}`),
      )
      .finally(() => busy(false));
  };
  // Undo of a removal, as in the manager: the entry comes back as it was, note and tags included.
  const undo = () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    // The Undo button goes with the message it belongs to; focus moves to the toggle first, or it
    // would fall out of the card and close it.
    button.focus({ preventScroll: true });
    busy(true);
    actions.restore!(id)
      .then(
        () => {
          show(button, true);
          say(status, 'Restored', { detail: 'Back on your reading list, with its note and tags' });
        },
        (error: unknown) => say(status, `Could not undo: ${messageOf(error)}`),
      )
      .finally(() => busy(false));
  };
  presses.set(button, press);
  // Only the user's own click: a script's click() or dispatched event is untrusted.
  button.addEventListener('click', (event) => {
    if (event.isTrusted) press();
  });
  return button;
}

const presses = new WeakMap<HTMLButtonElement, () => void>();

/**
 * Presses the toggle for the user's trusted S key on its marker (card.ts), without a synthetic
 * click, which the button's own listener refuses.
 */
export function pressSaveButton(button: HTMLButtonElement): void {
  presses.get(button)?.();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
