import { useEffect, useRef } from 'react';

/** A handler per key, by `KeyboardEvent.key`; `Shift+X` style names for shifted letters. */
export type ShortcutMap = Partial<Record<string, (event: KeyboardEvent) => void>>;

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function keyName(event: KeyboardEvent): string {
  const { key } = event;
  if ((event.ctrlKey || event.metaKey) && key.length === 1) return `Mod+${key.toLowerCase()}`;
  if (event.shiftKey && key.length === 1 && /[a-z]/i.test(key)) return `Shift+${key.toLowerCase()}`;
  return key;
}

/**
 * Page-wide single-key shortcuts, as in a mail client. They stay out of the way while the user
 * types in a field, and leave Enter and Space to a focused link or button, which already mean
 * something there.
 */
export function useShortcuts(map: ShortcutMap) {
  const latest = useRef(map);
  useEffect(() => {
    latest.current = map;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || isTyping(event.target)) return;
      const name = keyName(event);
      if (name.startsWith('Mod+') && name !== 'Mod+z') return;
      const interactive =
        event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement;
      if (interactive && (name === 'Enter' || name === ' ')) return;
      // Inside the open help dialog only its own keys (Esc closes it) apply.
      if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
      const handler = latest.current[name];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
