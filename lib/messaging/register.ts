import type { ExtensionMessage } from '@webext-core/messaging';
import { messenger } from './messenger';
import {
  protocol,
  type MessageInput,
  type MessageName,
  type MessageOutput,
  type Result,
} from './protocol';

type Sender = ExtensionMessage['sender'];

export type Handlers = {
  [K in MessageName]: (input: MessageInput<K>, sender: Sender) => Promise<MessageOutput<K>>;
};

/**
 * Only the extension's own pages and content scripts may ask. Web pages cannot reach
 * runtime.onMessage without `externally_connectable`, but another extension could via
 * onMessageExternal; the id check makes the rule explicit here rather than implied.
 */
export function isOwnSender(sender: Sender, ownId: string): boolean {
  return sender.id === ownId;
}

/** Validate, dispatch and answer one message; exported so it is testable without a browser. */
export async function handleMessage<K extends MessageName>(
  name: K,
  data: unknown,
  sender: Sender,
  handlers: Handlers,
  ownId: string,
): Promise<Result<MessageOutput<K>>> {
  if (!isOwnSender(sender, ownId)) {
    console.warn(`PaperPeek: refused ${name} from a foreign sender`, sender.id);
    return { ok: false, error: 'Refused: message not from PaperPeek' };
  }
  const parsed = protocol[name].input.safeParse(data);
  if (!parsed.success) {
    console.warn(`PaperPeek: malformed ${name}`, parsed.error.issues.length, 'issues');
    return { ok: false, error: `Malformed ${name} request` };
  }
  try {
    const value = await handlers[name](parsed.data as MessageInput<K>, sender);
    return { ok: true, value };
  } catch (error) {
    console.error(`PaperPeek: ${name} failed`, error);
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Register every handler synchronously (MV3 drops events that arrive before a listener exists). */
export function registerHandlers(handlers: Handlers, ownId: string): void {
  for (const name of Object.keys(protocol) as MessageName[]) {
    const onMessage = messenger.onMessage as (
      name: MessageName,
      cb: (message: { data: unknown; sender: Sender }) => Promise<Result<unknown>>,
    ) => void;
    onMessage(name, ({ data, sender }) => handleMessage(name, data, sender, handlers, ownId));
  }
}
