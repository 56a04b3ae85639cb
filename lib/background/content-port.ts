import { CONTENT_PORT } from '../content/context';

/**
 * Accepts the port each content script opens (lib/content/context.ts): the port carries nothing,
 * its closing tells an orphaned content script that the extension it came from is gone. A port
 * from anywhere else, or under another name, is closed at once.
 */
export function acceptContentPorts(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== CONTENT_PORT || port.sender?.id !== browser.runtime.id || !port.sender.tab) {
      port.disconnect();
    }
  });
}
