import type { Page, Worker } from '@playwright/test';

/** The toolbar badge of the tab showing `page` (brought to the front: the active tab). */
export async function badgeText(worker: Worker, page: Page): Promise<string> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    type Chrome = {
      tabs: { query: (q: object) => Promise<{ id: number }[]> };
      action: { getBadgeText: (d: { tabId: number }) => Promise<string> };
    };
    const { tabs, action } = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
    return action.getBadgeText({ tabId: tab!.id });
  });
}
