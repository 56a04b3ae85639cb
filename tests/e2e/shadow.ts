import type { CDPSession, Page } from '@playwright/test';

/**
 * Markers and the card draw in closed shadow roots, out of reach of page scripts and of
 * Playwright's locators. The DevTools protocol still sees them (as the reader's eyes do): these
 * read inside them through CDP.
 */

/** Runs `fn` with `this` bound to the closed shadow root of the first of our hosts that matches. */
export async function inShadow<T>(
  page: Page,
  kind: 'card' | 'marker',
  id: string | null,
  fn: string,
) {
  const session: CDPSession = await page.context().newCDPSession(page);
  type Node = {
    attributes?: string[];
    children?: Node[];
    shadowRoots?: Node[];
    backendNodeId: number;
  };
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    const stack: Node[] = [root as Node];
    while (stack.length) {
      const node = stack.pop()!;
      const attrs = node.attributes ?? [];
      const value = (name: string) =>
        attrs.includes(name) ? attrs[attrs.indexOf(name) + 1] : undefined;
      if (
        value('data-paperpeek') === kind &&
        (id === null || value('data-paper-id') === id) &&
        node.shadowRoots?.[0]
      ) {
        const { object } = await session.send('DOM.resolveNode', {
          backendNodeId: node.shadowRoots[0].backendNodeId,
        });
        const { result } = await session.send('Runtime.callFunctionOn', {
          objectId: object.objectId!,
          functionDeclaration: fn,
          returnByValue: true,
        });
        return result.value as T;
      }
      stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
    }
    return undefined;
  } finally {
    await session.detach();
  }
}

/** Whether the marker of `id` draws its paper as saved. */
export const markerDrawsSaved = (page: Page, id: string) =>
  inShadow<boolean>(
    page,
    'marker',
    id,
    `function () { return this.querySelector('svg').classList.contains('saved'); }`,
  );

/** The open card's Save toggle (text, busy) and status line; undefined while no card is open. */
export const saveToggle = (page: Page) =>
  inShadow<{ text: string; busy: string | null; status: string } | null>(
    page,
    'card',
    null,
    `function () {
      const b = this.querySelector('button.save');
      return b ? { text: b.textContent, busy: b.getAttribute('aria-disabled'), status: [...(this.querySelector('.status')?.children ?? [])].map((c) => c.tagName === 'BUTTON' ? '[' + c.textContent + ']' : c.textContent).join(' ') } : null;
    }`,
  );

/**
 * Lets an in-page tool (axe) see inside our closed shadow roots, for a test: each host of `kind`
 * gets its own `shadowRoot` property returning its closed root, as an open root would have. The
 * root is the real one, in the real page, with its real styles; nothing is copied or rebuilt, and
 * only this page's elements are touched (a build for users never sees this). Returns how many
 * hosts were exposed.
 */
export async function exposeClosedRoots(page: Page, kind: 'card' | 'marker'): Promise<number> {
  const session: CDPSession = await page.context().newCDPSession(page);
  type Node = {
    attributes?: string[];
    children?: Node[];
    shadowRoots?: Node[];
    backendNodeId: number;
  };
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    const stack: Node[] = [root as Node];
    let exposed = 0;
    while (stack.length) {
      const node = stack.pop()!;
      const attrs = node.attributes ?? [];
      const shadow = node.shadowRoots?.[0];
      if (attrs[attrs.indexOf('data-paperpeek') + 1] === kind && shadow) {
        const resolve = (backendNodeId: number) =>
          session.send('DOM.resolveNode', { backendNodeId }).then((r) => r.object.objectId!);
        await session.send('Runtime.callFunctionOn', {
          objectId: await resolve(node.backendNodeId),
          functionDeclaration: `function (root) {
            Object.defineProperty(this, 'shadowRoot', { get: () => root, configurable: true });
          }`,
          arguments: [{ objectId: await resolve(shadow.backendNodeId) }],
        });
        exposed++;
      }
      stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
    }
    return exposed;
  } finally {
    await session.detach();
  }
}
