// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ContentScriptContext, type PageContext } from '@/lib/content/context';
import { followHoverDelay, whileMarkersAllowed } from '@/lib/content/marker-switch';
import { hoverDelayMs, markersEnabled, setHoverDelay, setSiteEnabled } from '@/lib/settings';

/** Lets storage reads and onChanged events settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function follow(hostname: string) {
  const ctx = new ContentScriptContext('test');
  const sessions: PageContext[] = [];
  let stops = 0;
  whileMarkersAllowed(
    ctx,
    hostname,
    (session) => sessions.push(session),
    () => stops++,
  );
  const running = () => sessions.filter((s) => s.isValid).length;
  return { ctx, sessions, running, stops: () => stops };
}

describe('markers follow the settings live', () => {
  it('starts nothing on a site turned off before the page loaded', async () => {
    await setSiteEnabled('arxiv.org', false);
    const page = follow('www.arxiv.org');
    await settle();
    expect(page.sessions).toHaveLength(0);
  });

  it('stops the session when the site is turned off and starts a fresh one when back on', async () => {
    const page = follow('arxiv.org');
    await settle();
    expect(page.running()).toBe(1);

    await setSiteEnabled('arxiv.org', false);
    await settle();
    expect(page.running()).toBe(0);
    expect(page.stops()).toBe(1);

    await setSiteEnabled('arxiv.org', true);
    await settle();
    expect(page.sessions).toHaveLength(2);
    expect(page.running()).toBe(1);
  });

  it('leaves other sites alone, and obeys the global switch', async () => {
    const page = follow('scholar.google.com');
    await settle();
    await setSiteEnabled('arxiv.org', false);
    await settle();
    expect(page.running()).toBe(1);

    await markersEnabled.setValue(false);
    await settle();
    expect(page.running()).toBe(0);
    await markersEnabled.setValue(true);
    await settle();
    expect(page.running()).toBe(1);
  });

  it('ends the session with the content script and then ignores the settings', async () => {
    const page = follow('arxiv.org');
    await settle();
    page.ctx.notifyInvalidated();
    expect(page.running()).toBe(0);
    await markersEnabled.setValue(false);
    await markersEnabled.setValue(true);
    await settle();
    expect(page.sessions).toHaveLength(1);
  });
});

describe('hover delay follows the setting', () => {
  it('reads the stored delay and picks up a change without a reload', async () => {
    await setHoverDelay(800);
    const ctx = new ContentScriptContext('test');
    const delay = followHoverDelay(ctx);
    await settle();
    expect(delay()).toBe(800);
    await setHoverDelay(0);
    await settle();
    expect(delay()).toBe(0);
    // Junk written by something else is made usable rather than trusted.
    await hoverDelayMs.setValue(-40);
    await settle();
    expect(delay()).toBe(0);
  });
});
