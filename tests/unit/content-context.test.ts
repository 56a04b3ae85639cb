// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from '@/lib/content/context';

/**
 * The content script's context (lib/content/context.ts) against a hostile page: it must not post
 * the extension id to the page, nor stop when the page forges WXT's "a newer script started"
 * signal; it stops when the extension itself goes away.
 */

type Listener = () => void;

/** A runtime port whose closing the test controls. */
function fakePort() {
  const listeners: Listener[] = [];
  return {
    name: 'paperpeek-content',
    onDisconnect: { addListener: (cb: Listener) => listeners.push(cb) },
    close: () => listeners.forEach((cb) => cb()),
  };
}

let port: ReturnType<typeof fakePort>;

const newContext = (name = 'content') => new ContentScriptContext(name);

beforeEach(() => {
  port = fakePort();
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(() => port as never);
});

afterEach(() => {
  // The module keeps one port per script; closing it (extension still there) lets the next test's
  // context open its own.
  fakeBrowser.runtime.id = 'test-extension-id';
  port.close();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('content script context on a hostile page', () => {
  it("posts nothing to the page's window or document, so the extension id stays private", async () => {
    const posted: unknown[] = [];
    const dispatched: string[] = [];
    vi.spyOn(window, 'postMessage').mockImplementation((message: unknown) => posted.push(message));
    for (const target of [window, document]) {
      const dispatch = target.dispatchEvent.bind(target);
      vi.spyOn(target, 'dispatchEvent').mockImplementation((event: Event) => {
        dispatched.push(event.type);
        return dispatch(event);
      });
    }
    const ctx = newContext();
    const seen: string[] = [];
    ctx.addEventListener(window, 'wxt:locationchange', () => seen.push(location.href));
    expect(posted).toEqual([]);
    expect(dispatched).toEqual([]);
    expect(ctx.isValid).toBe(true);
  });

  it("keeps running when the page forges WXT's content-script-started signal", async () => {
    const ctx = newContext('content');
    const stopped = vi.fn();
    ctx.onInvalidated(stopped);
    // The names WXT's context listens to, with the real extension id (a page can learn it from
    // WXT's own post), for a built script and for this test run.
    for (const entry of ['content', String(import.meta.env.ENTRYPOINT)]) {
      const type = `${fakeBrowser.runtime.id}:${entry}:wxt:content-script-started`;
      const detail = { contentScriptName: 'content', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      window.postMessage({ type, ...detail }, '*');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).not.toHaveBeenCalled();
    expect(ctx.isValid).toBe(true);
  });

  it('stops at once when the extension goes away and its port closes', async () => {
    const ctx = newContext();
    const session = newContext('session');
    const stopped = vi.fn();
    ctx.onInvalidated(stopped);
    session.onInvalidated(stopped);
    fakeBrowser.runtime.id = undefined as unknown as string;
    port.close();
    expect(stopped).toHaveBeenCalledTimes(2);
  });

  it("keeps running when only the background's worker stopped (the extension is still there)", async () => {
    const ctx = newContext();
    port.close();
    expect(ctx.isValid).toBe(true);
  });

  it('still notices an orphaned script without a port, when it is next used', async () => {
    vi.mocked(fakeBrowser.runtime.connect).mockImplementation(() => {
      throw new Error('no port');
    });
    const ctx = newContext();
    expect(ctx.isValid).toBe(true);
    fakeBrowser.runtime.id = undefined as unknown as string;
    expect(ctx.isValid).toBe(false);
  });

  it('reports a single-page navigation without dispatching anything on the page', async () => {
    vi.useFakeTimers();
    const ctx = newContext();
    const dispatched = vi.spyOn(window, 'dispatchEvent');
    const urls: string[] = [];
    ctx.addEventListener(window, 'wxt:locationchange', (event) => urls.push(event.newUrl.href));
    history.pushState({}, '', '/next-page');
    await vi.advanceTimersByTimeAsync(1_100);
    expect(urls).toEqual([location.href]);
    expect(location.pathname).toBe('/next-page');
    expect(dispatched).not.toHaveBeenCalled();
    ctx.abort();
    history.pushState({}, '', '/after-stop');
    await vi.advanceTimersByTimeAsync(1_100);
    expect(urls).toHaveLength(1);
  });
});
