import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';

/**
 * A hostile copy of the arXiv listing fixture: before any content script runs, its inline script
 * defines every tag name PaperPeek ever used with `attachInternals()` in the constructor, wraps
 * `attachShadow`, `attachInternals` and `customElements.define` to keep whatever roots they give,
 * listens to window messages and to WXT's event names (with the real extension id, as a page that
 * learnt it on an earlier visit would), watches every mutation, attributes included, and hides
 * spans and PaperPeek's hooks with important rules. What it learns is in `window.hostile`.
 */
export const HOSTILE_URL = 'https://arxiv.org/list/cs.LG/recent';

/** Every tag name PaperPeek's content script has used for its hosts. */
const TAG_NAMES = ['paperpeek-marker', 'paperpeek-card'];

/** Runs in the page's main world, as the page's own first script. */
function hostileScript(extensionId: string, tagNames: string[]): void {
  const roots: ShadowRoot[] = [];
  const internals: ElementInternals[] = [];
  const log = { constructed: [] as string[], defined: [] as string[], messages: [] as string[] };
  const events: string[] = [];
  const mutations: { id: string | null; type: string; detail: string }[] = [];
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    return root;
  };
  const attachInternals = HTMLElement.prototype.attachInternals;
  HTMLElement.prototype.attachInternals = function () {
    const got = attachInternals.call(this);
    internals.push(got);
    return got;
  };
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => {
    log.defined.push(name);
    define(name, ctor, options);
  };
  for (const name of tagNames) {
    customElements.define(
      name,
      class extends HTMLElement {
        constructor() {
          super();
          this.attachInternals();
          log.constructed.push(name);
        }
      },
    );
  }
  addEventListener('message', (event) => log.messages.push(JSON.stringify(event.data)), true);
  for (const name of ['content-script-started', 'locationchange']) {
    for (const script of ['content', 'paperpeek-marker-session']) {
      const type = `${extensionId}:${script}:wxt:${name}`;
      for (const target of [window, document])
        target.addEventListener(
          type,
          (event) =>
            events.push(`${event.type} ${JSON.stringify((event as CustomEvent).detail ?? null)}`),
          true,
        );
    }
  }
  const describe = (node: Node) =>
    node.nodeType === 1 ? (node as Element).outerHTML : (node.textContent ?? '');
  new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target as Element;
      const id = target.getAttribute?.('data-paper-id') ?? null;
      if (r.type === 'attributes') {
        mutations.push({
          id,
          type: 'attr',
          detail: `${r.attributeName}=${target.getAttribute(r.attributeName!)}`,
        });
      } else if (r.type === 'childList') {
        for (const node of r.addedNodes) {
          const added = node as Element;
          mutations.push({
            id: added.getAttribute?.('data-paper-id') ?? null,
            type: 'added',
            detail: describe(node),
          });
        }
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  /** Everything the page knows now, as plain data. */
  const report = () => {
    const reachable = [...roots, ...internals.flatMap((i) => (i.shadowRoot ? [i.shadowRoot] : []))];
    const markers = [...document.querySelectorAll<HTMLElement>('[data-paperpeek="marker"]')];
    const styleOf = (el: Element) => {
      const s = getComputedStyle(el);
      return [...s].map((p) => `${p}:${s.getPropertyValue(p)}`).join(';');
    };
    return {
      ...log,
      events,
      mutations,
      shadowRoots: reachable.map((root) => root.innerHTML),
      markers: markers.map((m) => ({
        id: m.dataset.paperId!,
        attributes: m.getAttributeNames().map((n) => `${n}=${m.getAttribute(n)}`),
        style: styleOf(m),
        box: JSON.stringify(m.getBoundingClientRect().toJSON()),
        shadowRoot: m.shadowRoot ? m.shadowRoot.innerHTML : null,
      })),
      // Its own script (which names the extension id it listens for) left out.
      html: document.documentElement.outerHTML.replace(/<script>[\s\S]*?<\/script>/, ''),
    };
  };
  (window as unknown as { hostile: { report: typeof report } }).hostile = { report };
}

/** What the hostile page has learnt, as `window.hostile.report()` gives it. */
export interface HostileReport {
  constructed: string[];
  defined: string[];
  messages: string[];
  events: string[];
  mutations: { id: string | null; type: string; detail: string }[];
  shadowRoots: string[];
  markers: {
    id: string;
    attributes: string[];
    style: string;
    box: string;
    shadowRoot: string | null;
  }[];
  html: string;
}

export function hostileReport(page: Page): Promise<HostileReport> {
  return page.evaluate(() =>
    (window as unknown as { hostile: { report: () => HostileReport } }).hostile.report(),
  );
}

/** Serves the hostile listing at HOSTILE_URL. */
export async function serveHostilePage(context: BrowserContext, extensionId: string) {
  const listing = readFileSync(path.resolve('tests/fixtures/pages/arxiv-list.html'), 'utf8');
  const script = `(${hostileScript.toString()})(${JSON.stringify(extensionId)}, ${JSON.stringify(TAG_NAMES)});`;
  // Rules a page may write against our hosts: important, which beats any non-important inline style.
  const css = `[data-paperpeek], span[data-paperpeek] { display: none !important; width: 500px !important;
    height: 300px !important; } span { width: 500px !important; outline: 4px solid red !important; }`;
  const body = listing.replace('<head>', `<head><style>${css}</style><script>${script}</script>`);
  await context.route(HOSTILE_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}

/** The card host's box as the page measures it; null while no card is open. */
export const cardBox = (page: Page) =>
  page.evaluate(() => {
    const host = document.querySelector('[data-paperpeek="card"]');
    if (!host) return null;
    const { width, height } = host.getBoundingClientRect();
    return { width, height };
  });
