/**
 * Says `text` in the card's status line, with an optional action after it (Undo). The line never
 * wraps (card-style.ts): a message of any length leaves the card's box as it was, so its size
 * cannot tell a page what happened. Texts are short enough to fit beside the card's buttons; the
 * longer `detail` (default: the text) is the line's tooltip.
 */
export function say(
  status: HTMLElement,
  text: string,
  options: { detail?: string; action?: { label: string; run: () => void } } = {},
): void {
  const doc = status.ownerDocument;
  const line = doc.createElement('span');
  line.className = 'status-text';
  line.textContent = text;
  status.title = options.detail ?? text;
  const { action } = options;
  if (!action) {
    status.replaceChildren(line);
    return;
  }
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'status-action';
  button.textContent = action.label;
  // Only the user's own click: a script's click() or a dispatched event is untrusted.
  button.addEventListener('click', (event) => {
    if (event.isTrusted) action.run();
  });
  status.replaceChildren(line, button);
}
