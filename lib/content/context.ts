import { browser } from 'wxt/browser';
import type {
  ContentScriptContext as WxtContext,
  WxtWindowEventMap,
} from 'wxt/utils/content-script-context';

/**
 * The content script's lifetime, in place of WXT's own context (wxt.config.ts aliases
 * `wxt/utils/content-script-context` here, so WXT's entrypoint wrapper builds this one). WXT's
 * announces each start on the page's channels (`window.postMessage` and a document event whose
 * name carries the extension id) and stops itself when the document event arrives: any page could
 * read the id and, by forging the event, switch PaperPeek off on itself. This one says nothing to
 * the page and hears nothing from it. An orphaned script (extension reloaded, updated or removed)
 * is found through the extension: its port to the background disconnects and `runtime.id` is gone.
 */

/** What the content script's modules use of a context; WXT's type and this class both fit it. */
export type PageContext = Pick<
  WxtContext,
  | 'signal'
  | 'isValid'
  | 'isInvalid'
  | 'onInvalidated'
  | 'block'
  | 'setInterval'
  | 'setTimeout'
  | 'requestAnimationFrame'
  | 'requestIdleCallback'
  | 'addEventListener'
  | 'abort'
  | 'notifyInvalidated'
>;

/** The port's name; the background only needs to accept it (lib/background/content-port.ts). */
export const CONTENT_PORT = 'paperpeek-content';

const live = new Set<ContentScriptContext>();
let port: ReturnType<typeof browser.runtime.connect> | undefined;

const orphaned = () => browser.runtime?.id == null;

/**
 * One port for every context of this script. It closes when the extension goes away, and also
 * when the background's worker merely stops; only the first means this script is an orphan, and
 * then `runtime.id` is gone. No reconnect after a worker stop (a context made later connects): that
 * would wake the worker for nothing, and `isValid` still checks `runtime.id` on each use.
 */
function watchExtension(): void {
  if (port || orphaned()) return;
  try {
    port = browser.runtime.connect({ name: CONTENT_PORT });
  } catch {
    return;
  }
  port.onDisconnect.addListener(() => {
    // Reading lastError marks it handled (no "Unchecked runtime.lastError" in the page's console).
    void browser.runtime?.lastError;
    port = undefined;
    if (!orphaned()) return;
    for (const ctx of [...live]) ctx.notifyInvalidated();
  });
}

export class ContentScriptContext implements PageContext {
  readonly #controller = new AbortController();

  /** `name` and `options` are WXT's constructor arguments, kept for its entrypoint wrapper. */
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    live.add(this);
    this.onInvalidated(() => live.delete(this));
    watchExtension();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  get isInvalid(): boolean {
    if (orphaned()) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  /** A promise that never settles, for async work that must not go on once invalid. */
  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((time) => {
      if (this.isValid) callback(time);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((deadline) => {
      if (!this.signal.aborted) callback(deadline);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  addEventListener<TType extends keyof WxtWindowEventMap>(
    target: Window,
    type: TType,
    handler: (event: WxtWindowEventMap[TType]) => void,
    options?: AddEventListenerOptions,
  ): void;
  addEventListener<TType extends keyof DocumentEventMap>(
    target: Document,
    type: TType,
    handler: (event: DocumentEventMap[TType]) => void,
    options?: AddEventListenerOptions,
  ): void;
  addEventListener<TTarget extends EventTarget>(
    target: TTarget,
    ...params: Parameters<TTarget['addEventListener']>
  ): void;
  addEventListener(
    target: EventTarget,
    type: string,
    handler: (event: never) => void,
    options?: AddEventListenerOptions,
  ): void {
    if (type === 'wxt:locationchange') {
      this.#watchLocation(handler as (event: Event) => void);
      return;
    }
    target.addEventListener(type, handler as EventListener, { ...options, signal: this.signal });
  }

  /**
   * WXT dispatches its location event on the page's window, under a name that carries the
   * extension id; here the handler is called directly. The Navigation API's currententrychange
   * fires once the URL has changed (a page can dispatch a fake one, which only makes the scanner
   * compare location.href again); without it, the URL is polled each second.
   */
  #watchLocation(handler: (event: Event) => void): void {
    let last = location.href;
    const check = () => {
      if (location.href === last || !this.isValid) return;
      const oldUrl = new URL(last);
      last = location.href;
      handler(Object.assign(new Event('wxt:locationchange'), { newUrl: new URL(last), oldUrl }));
    };
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    if (typeof navigation?.addEventListener === 'function') {
      navigation.addEventListener('currententrychange', check, { signal: this.signal });
    } else {
      this.setInterval(check, 1000);
    }
  }

  /** Aborts the context and runs every `onInvalidated` listener. */
  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}
