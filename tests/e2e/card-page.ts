import type { CDPSession, Page } from '@playwright/test';

/**
 * The hover card lives in a closed shadow root, out of reach of page scripts and of Playwright's
 * locators. The DevTools protocol can still see it (as a user's eyes can): this page object reads
 * and clicks inside it through CDP, and the mouse clicks are real ones at on-screen positions.
 */
export class CardPage {
  private session?: CDPSession;

  constructor(private readonly page: Page) {}

  private async shadowObject(): Promise<string | undefined> {
    this.session ??= await this.page.context().newCDPSession(this.page);
    const { root } = await this.session.send('DOM.getDocument', { depth: -1, pierce: true });
    type Node = {
      nodeName: string;
      attributes?: string[];
      children?: Node[];
      shadowRoots?: Node[];
      backendNodeId: number;
    };
    const stack: Node[] = [root as Node];
    while (stack.length) {
      const node = stack.pop()!;
      const attrs = node.attributes ?? [];
      if (
        attrs[attrs.indexOf('data-paperpeek') + 1] === 'card' &&
        attrs.includes('data-paperpeek')
      ) {
        const shadow = node.shadowRoots?.[0];
        if (!shadow) return undefined;
        const { object } = await this.session.send('DOM.resolveNode', {
          backendNodeId: shadow.backendNodeId,
        });
        return object.objectId;
      }
      stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
    }
    return undefined;
  }

  /** Runs `fn` with `this` bound to the card's shadow root; undefined when no card is open. */
  private async inCard<T>(fn: string): Promise<T | undefined> {
    const objectId = await this.shadowObject();
    if (!objectId) return undefined;
    const { result } = await this.session!.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: fn,
      returnByValue: true,
    });
    return result.value as T;
  }

  /** What the open card shows, or null when none is open. */
  async read() {
    const content = await this.inCard<{
      title: string;
      titleHref: string | null;
      authors: string;
      meta: string;
      code: string[];
      links: string[];
      related: { id: string; title: string }[];
      status: string;
    }>(`function () {
      const text = (s) => this.querySelector(s)?.textContent ?? '';
      const all = (s) => [...this.querySelectorAll(s)];
      return {
        title: text('h2'),
        titleHref: this.querySelector('h2 a')?.getAttribute('href') ?? null,
        authors: text('.authors'),
        meta: text('.meta'),
        code: all('[data-list=code] a').map((a) => a.textContent),
        links: all('.links a').map((a) => a.textContent),
        related: all('[data-list=related] [data-paper-id]').map((b) => ({ id: b.dataset.paperId, title: b.textContent })),
        status: [...(this.querySelector('.status')?.children ?? [])].map((c) => c.tagName === 'BUTTON' ? '[' + c.textContent + ']' : c.textContent).join(' '),
      };
    }`);
    return content ?? null;
  }

  /** The element focused inside the card (its text, or its class when empty); null when focus is
   * not in the card. */
  async focused(): Promise<string | null> {
    const text = await this.inCard<string | null>(`function () {
      const el = this.activeElement;
      if (!el) return null;
      return (el.textContent || '').trim() || el.className;
    }`);
    return text ?? null;
  }

  /** The card's box on screen; null when no card is open. */
  async box() {
    const box = await this.inCard<{ top: number; bottom: number; left: number; right: number }>(
      `function () {
        const r = this.querySelector('.card').getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      }`,
    );
    return box ?? null;
  }

  /** Clicks, with the real mouse, the first element in the card matching `selector`. */
  async click(selector: string): Promise<void> {
    const box = await this.inCard<{ x: number; y: number; width: number; height: number }>(
      `function () {
        const el = this.querySelector(${JSON.stringify(selector)});
        if (!el) return undefined;
        el.scrollIntoView({ block: 'nearest' });
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }`,
    );
    if (!box) throw new Error(`Nothing in the card matches ${selector}`);
    await this.page.mouse.click(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2);
  }
}
