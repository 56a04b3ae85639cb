import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ARXIV_ORIGIN,
  HF_ORIGIN,
  askFor,
  originPattern,
  originsFor,
  refusedText,
  release,
} from '@/lib/feeds/permissions';
import { DEFAULT_FEED_SETTINGS, type FeedSettings } from '@/lib/feeds/sources';
import { webdavConfig } from '@/lib/sync/sync-items';

const settings = (patch: (s: FeedSettings) => void = () => {}): FeedSettings => {
  const s = structuredClone(DEFAULT_FEED_SETTINGS);
  patch(s);
  return s;
};

describe('originsFor', () => {
  it('names only the host each source fetches from', () => {
    const s = settings((s) => (s.sub.url = 'https://lab.example.org:8443/feed/manifest.json'));
    expect(originsFor('hf', s)).toEqual([HF_ORIGIN]);
    expect(originsFor('arxiv', s)).toEqual([ARXIV_ORIGIN]);
    // No port: Firefox's match patterns refuse one, and Chrome's match any port without one.
    expect(originsFor('sub', s)).toEqual(['https://lab.example.org/*']);
  });

  it('asks for nothing for a subscription without an address', () => {
    expect(originsFor('sub', settings())).toEqual([]);
  });

  it('refuses what is not a web address', () => {
    expect(originPattern('ftp://files.example.org/x')).toBeNull();
    expect(originPattern('not a url')).toBeNull();
    expect(originPattern('http://10.0.0.2/m.json')).toBe('http://10.0.0.2/*');
  });
});

describe('askFor', () => {
  it('requests the source’s origin in the same call, before anything is awaited', () => {
    const request = vi.fn(() => new Promise<boolean>(() => {}));
    fakeBrowser.permissions.request = request;
    void askFor('hf', settings());
    // Called synchronously: a browser refuses a request made after the user's action has passed.
    expect(request).toHaveBeenCalledWith({ origins: [HF_ORIGIN] });
  });

  it('answers yes at once when there is nothing to ask for', async () => {
    const request = vi.fn();
    fakeBrowser.permissions.request = request;
    await expect(askFor('sub', settings())).resolves.toBe(true);
    expect(request).not.toHaveBeenCalled();
  });
});

describe('release', () => {
  it('gives back a turned-off source’s host', async () => {
    const remove = vi.fn(async () => true);
    fakeBrowser.permissions.remove = remove;
    await release('hf', settings());
    expect(remove).toHaveBeenCalledWith({ origins: [HF_ORIGIN] });
  });

  it('keeps a host another enabled source or the WebDAV server still uses', async () => {
    const remove = vi.fn(async () => true);
    fakeBrowser.permissions.remove = remove;
    const shared = settings((s) => {
      s.hf.enabled = true;
      s.sub = { enabled: false, url: 'https://huggingface.co/datasets/lab/feed/manifest.json' };
    });
    await release('sub', shared);
    expect(remove).not.toHaveBeenCalled();

    await webdavConfig.setValue({
      url: 'https://cloud.example.org/dav/',
      username: 'u',
      password: 'p',
    });
    const before = settings((s) => (s.sub.url = 'https://cloud.example.org/feed.json'));
    await release('sub', settings(), before);
    expect(remove).not.toHaveBeenCalled();
  });

  it('gives back the old subscription host named by the settings before the change', async () => {
    const remove = vi.fn(async () => true);
    fakeBrowser.permissions.remove = remove;
    const before = settings(
      (s) => (s.sub = { enabled: true, url: 'https://old.example.org/m.json' }),
    );
    await release('sub', settings(), before);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://old.example.org/*'] });
  });

  it('never fails the change when the browser refuses to remove', async () => {
    fakeBrowser.permissions.remove = vi.fn(async () => {
      throw new Error('Cannot remove a required permission');
    });
    await expect(release('arxiv', settings())).resolves.toBeUndefined();
  });
});

describe('refusedText', () => {
  it('names the host that was refused', () => {
    expect(refusedText('arxiv', settings())).toBe(
      'PaperPeek was not allowed to reach rss.arxiv.org, so this source stays off.',
    );
  });
});
