import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PageDescription } from '../reading-list/page-description';

/**
 * Messages the background sends to a tab's content script (tabs.sendMessage), the reverse of
 * protocol.ts. Types only, so no zod ships in the content script: the background validates every
 * answer (lib/reading-list/page-description.ts), since it comes from a page.
 */
type TabProtocolMap = {
  /** Which paper this page shows: its own identifiers and citation metadata. */
  describePage: () => PageDescription;
};

export const tabMessenger = defineExtensionMessaging<TabProtocolMap>();
