import type { Page } from '@playwright/test';
import type {
  MessageInput,
  MessageName,
  MessageOutput,
  Result,
} from '../../lib/messaging/protocol';

/**
 * Talks to the background from an extension page exactly as the extension's own pages do: the
 * @webext-core/messaging envelope over chrome.runtime.sendMessage, answered with `{res}` (our
 * Result) or `{err}`.
 */
export async function sendRaw<K extends MessageName>(
  page: Page,
  type: K,
  data?: MessageInput<K>,
): Promise<Result<MessageOutput<K>>> {
  const answer = await page.evaluate(
    ({ type, data }) =>
      new Promise<{ res?: unknown; err?: unknown }>((resolve, reject) => {
        type Runtime = {
          sendMessage: (message: unknown, callback: (response: never) => void) => void;
          lastError?: { message: string };
        };
        const { runtime } = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome;
        const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
        runtime.sendMessage(message, (response) => {
          if (runtime.lastError) reject(new Error(runtime.lastError.message));
          else resolve(response);
        });
      }),
    { type, data },
  );
  if (!answer || answer.err) throw new Error(`${type} got no answer: ${JSON.stringify(answer)}`);
  return answer.res as Result<MessageOutput<K>>;
}

/** Send and unwrap; an error answer fails the test with its message. */
export async function send<K extends MessageName>(
  page: Page,
  type: K,
  data?: MessageInput<K>,
): Promise<MessageOutput<K>> {
  const result = await sendRaw(page, type, data);
  if (!result.ok) throw new Error(`${type} refused: ${result.error}`);
  return result.value;
}
