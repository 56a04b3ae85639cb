import { describe, expect, it } from 'vitest';
import {
  disabledSites,
  hoverDelayMs,
  isSiteEnabled,
  markersAllowed,
  markersEnabled,
  normalizeSite,
  setHoverDelay,
  setSiteEnabled,
  SettingsError,
  usableHoverDelay,
} from '@/lib/settings';

describe('normalizeSite', () => {
  it.each([
    ['arxiv.org', 'arxiv.org'],
    ['  ArXiv.ORG ', 'arxiv.org'],
    ['www.arxiv.org', 'arxiv.org'],
    ['https://www.arxiv.org/abs/2312.00752v2?x=1#y', 'arxiv.org'],
    ['http://scholar.google.com', 'scholar.google.com'],
    ['scholar.google.com.', 'scholar.google.com'],
    ['localhost:8080', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
  ])('%j is stored as %j', (input, site) => {
    expect(normalizeSite(input)).toBe(site);
  });

  it.each([
    ['', /Enter a site/],
    ['   ', /Enter a site/],
    ['arxiv org', /contains a space/],
    ['ftp://arxiv.org', /only http and https/],
    ['chrome://extensions', /only http and https/],
    ['foo..bar', /not a site name/],
    ['-bad-.com', /not a site name/],
    ['https://', /not a site name/],
    ['a_b.com', /not a site name/],
  ])('refuses %j with a clear message', (input, message) => {
    expect(() => normalizeSite(input)).toThrow(SettingsError);
    expect(() => normalizeSite(input)).toThrow(message);
  });
});

describe('markersAllowed', () => {
  const on = { markersEnabled: true, disabledSites: ['arxiv.org'] };

  it('follows the per-site list, www or not', () => {
    expect(markersAllowed(on, 'arxiv.org')).toBe(false);
    expect(markersAllowed(on, 'www.arxiv.org')).toBe(false);
    expect(markersAllowed(on, 'scholar.google.com')).toBe(true);
    // A subdomain is a site of its own: turning off arxiv.org leaves export.arxiv.org alone.
    expect(markersAllowed(on, 'export.arxiv.org')).toBe(true);
  });

  it('is off everywhere when the global switch is off', () => {
    expect(markersAllowed({ ...on, markersEnabled: false }, 'scholar.google.com')).toBe(false);
  });

  it('applies only the global switch to pages without a hostname (file:)', () => {
    expect(markersAllowed(on, '')).toBe(true);
    expect(markersAllowed({ ...on, markersEnabled: false }, '')).toBe(false);
  });
});

describe('per-site switch', () => {
  it('starts with every site on and markers on', async () => {
    expect(await isSiteEnabled('arxiv.org')).toBe(true);
    expect(await markersEnabled.getValue()).toBe(true);
    expect(await hoverDelayMs.getValue()).toBe(300);
  });

  it('turns a site off and on again, once in the list whatever the spelling', async () => {
    await setSiteEnabled('www.arxiv.org', false);
    await setSiteEnabled('https://arxiv.org/list/cs.LG/recent', false);
    await setSiteEnabled('scholar.google.com', false);
    expect(await disabledSites.getValue()).toEqual(['arxiv.org', 'scholar.google.com']);
    expect(await isSiteEnabled('arxiv.org')).toBe(false);
    expect(await isSiteEnabled('huggingface.co')).toBe(true);

    await setSiteEnabled('ARXIV.org', true);
    expect(await disabledSites.getValue()).toEqual(['scholar.google.com']);
    expect(await isSiteEnabled('arxiv.org')).toBe(true);
  });

  it('refuses a hostname that is not a site and changes nothing', async () => {
    await setSiteEnabled('arxiv.org', false);
    await expect(setSiteEnabled('not a site', false)).rejects.toThrow(/contains a space/);
    await expect(setSiteEnabled('', true)).rejects.toThrow(SettingsError);
    expect(await disabledSites.getValue()).toEqual(['arxiv.org']);
  });
});

describe('hover delay', () => {
  it('stores a delay within 0-2000 ms', async () => {
    await setHoverDelay(0);
    expect(await hoverDelayMs.getValue()).toBe(0);
    await setHoverDelay(2000);
    expect(await hoverDelayMs.getValue()).toBe(2000);
  });

  it.each([-1, 2001, 12.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %d and keeps the stored delay',
    async (ms) => {
      await setHoverDelay(450);
      await expect(setHoverDelay(ms)).rejects.toThrow(
        /whole number of milliseconds from 0 to 2000/,
      );
      expect(await hoverDelayMs.getValue()).toBe(450);
    },
  );

  it.each([
    [450, 450],
    [-50, 0],
    [99_999, 2000],
    [120.4, 120],
    ['450', 300],
    [null, 300],
    [Number.NaN, 300],
  ])('uses %j from storage as %d ms', (stored, used) => {
    expect(usableHoverDelay(stored)).toBe(used);
  });
});
