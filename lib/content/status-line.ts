/**
 * Says `text` in the card's status line. The line never wraps (card-style.ts): a message of any
 * length leaves the card's box as it was, so its size cannot tell a page what happened. The whole
 * text is the line's tooltip.
 */
export function say(status: HTMLElement, text: string): void {
  status.textContent = text;
  status.title = text;
}
