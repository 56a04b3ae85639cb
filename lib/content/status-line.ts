/**
 * Says `text` in the card's status line, with an optional action after it (Undo). The line never
 * wraps (card-style.ts): a message of any length leaves the card's box as it was, so its size
 * cannot tell a page what happened. The whole text is the line's tooltip.
 */
export function say(
  status: HTMLElement,
  text: string,
  action?: { label: string; run: () => void },
): void {
  status.title = text;
  if (!action) {
    status.textContent = text;
    return;
  }
  const button = status.ownerDocument.createElement('button');
  button.type = 'button';
  button.className = 'status-action';
  button.textContent = action.label;
  // Only the user's own click: a script's click() or a dispatched event is untrusted.
  button.addEventListener('click', (event) => {
    if (event.isTrusted) action.run();
  });
  status.replaceChildren(`${text} · `, button);
}
