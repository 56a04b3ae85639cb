import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openWelcome } from '@/lib/background/install';

describe('openWelcome', () => {
  it('opens the welcome page when the extension is first installed', async () => {
    await openWelcome('install');
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain(fakeBrowser.runtime.getURL('/welcome.html'));
  });

  it.each(['update', 'chrome_update', 'shared_module_update'])(
    'opens nothing on %s',
    async (reason) => {
      const before = (await fakeBrowser.tabs.query({})).length;
      await openWelcome(reason);
      expect(await fakeBrowser.tabs.query({})).toHaveLength(before);
    },
  );
});
