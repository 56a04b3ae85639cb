import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HF_ORIGIN } from '@/lib/feeds/permissions';
import { DEFAULT_FEED_SETTINGS } from '@/lib/feeds/sources';
import type { SourcesView } from '@/lib/messaging/protocol';
import { sourceAccess, withInput, type Change, type SourceNote } from '@/lib/ui/source-access';

describe('withInput', () => {
  it('changes only what the message names, on a copy', () => {
    const before = structuredClone(DEFAULT_FEED_SETTINGS);
    const after = withInput(before, { source: 'arxiv', categories: ['cs.LG'] });
    expect(after.arxiv).toEqual({ enabled: false, categories: ['cs.LG'] });
    expect(after.hf).toEqual(before.hf);
    expect(before.arxiv.categories).toEqual([]);
  });

  it('takes each source’s own fields', () => {
    const s = DEFAULT_FEED_SETTINGS;
    expect(withInput(s, { source: 'hf', enabled: true, backfillDays: 'all' }).hf).toEqual({
      enabled: true,
      backfillDays: 'all',
    });
    expect(withInput(s, { source: 'sub', url: 'https://lab.example.org/m.json' }).sub).toEqual({
      enabled: false,
      url: 'https://lab.example.org/m.json',
    });
    expect(withInput(s, { source: 'sub', enabled: true, url: null }).sub).toEqual({
      enabled: true,
      url: null,
    });
  });
});

describe('sourceAccess', () => {
  type Input = Parameters<Change>[0];
  const setup = (settings = structuredClone(DEFAULT_FEED_SETTINGS)) => {
    const changes: Input[] = [];
    const notes: [string, SourceNote | null][] = [];
    let shown = settings;
    const change: Change = async (input) => {
      changes.push(input);
      shown = withInput(shown, input);
      return { settings: shown } as SourcesView;
    };
    const access = sourceAccess(
      () => shown,
      change,
      (key, value) => notes.push([key, value]),
    );
    return { access, changes, notes };
  };

  it('asks for the host in the same call, and turns the source on without waiting for the answer', async () => {
    const request = vi.fn(() => new Promise<boolean>(() => {})); // headless: never answered
    fakeBrowser.permissions.request = request;
    const { access, changes } = setup();
    const turnedOn = access.setEnabled('hf', true);
    expect(request).toHaveBeenCalledWith({ origins: [HF_ORIGIN] });
    expect((await turnedOn)?.settings.hf.enabled).toBe(true);
    expect(changes).toEqual([{ source: 'hf', enabled: true }]);
  });

  it('turns the source off again and says why when the browser’s prompt is answered No', async () => {
    fakeBrowser.permissions.request = vi.fn(async () => false);
    const { access, changes, notes } = setup();
    await access.setEnabled('arxiv', true);
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    expect(changes[1]).toEqual({ source: 'arxiv', enabled: false });
    expect(notes.at(-1)).toEqual([
      'arxiv',
      {
        ok: false,
        text: 'PaperPeek was not allowed to reach rss.arxiv.org, so this source stays off.',
      },
    ]);
  });

  it('keeps the source on when access is granted', async () => {
    fakeBrowser.permissions.request = vi.fn(async () => true);
    const { access, changes } = setup();
    await access.setEnabled('hf', true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(changes).toEqual([{ source: 'hf', enabled: true }]);
  });

  it('gives the host back when a source is turned off', async () => {
    const remove = vi.fn(async () => true);
    fakeBrowser.permissions.remove = remove;
    const on = structuredClone(DEFAULT_FEED_SETTINGS);
    on.hf.enabled = true;
    const { access } = setup(on);
    await access.setEnabled('hf', false);
    expect(remove).toHaveBeenCalledWith({ origins: [HF_ORIGIN] });
  });

  it('asks for a new subscription host first, and gives the old one back', async () => {
    const request = vi.fn(async () => true);
    const remove = vi.fn(async () => true);
    fakeBrowser.permissions.request = request;
    fakeBrowser.permissions.remove = remove;
    const on = structuredClone(DEFAULT_FEED_SETTINGS);
    on.sub = { enabled: true, url: 'https://old.example.org/m.json' };
    const { access, changes } = setup(on);
    const saved = access.setSubscriptionUrl('https://new.example.org/feed/m.json');
    expect(request).toHaveBeenCalledWith({ origins: ['https://new.example.org/*'] });
    await saved;
    expect(changes).toEqual([{ source: 'sub', url: 'https://new.example.org/feed/m.json' }]);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://old.example.org/*'] });
  });

  it('keeps the old address when the new host is refused', async () => {
    fakeBrowser.permissions.request = vi.fn(async () => false);
    const on = structuredClone(DEFAULT_FEED_SETTINGS);
    on.sub = { enabled: true, url: 'https://old.example.org/m.json' };
    const { access, changes, notes } = setup(on);
    expect(await access.setSubscriptionUrl('https://new.example.org/m.json')).toBeNull();
    expect(changes).toEqual([]);
    expect(notes.at(-1)?.[1]?.text).toBe(
      'PaperPeek was not allowed to reach new.example.org, so this source stays off.',
    );
  });
});
