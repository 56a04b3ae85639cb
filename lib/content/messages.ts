import { defineExtensionMessaging } from '@webext-core/messaging';
import type { MessageInput, MessageName, MessageOutput, Result } from '../messaging/protocol';

/**
 * The content script's side of the message contract (lib/messaging/protocol.ts), by type only:
 * importing the zod schemas would ship zod in a script that runs on every page, and validation
 * belongs to the receiver (the background) anyway. Same envelope, same names, same Result.
 */
type ProtocolMap = {
  [K in MessageName]: (data: MessageInput<K>) => Result<MessageOutput<K>>;
};

const messenger = defineExtensionMessaging<ProtocolMap>();

export async function send<K extends MessageName>(
  name: K,
  data: MessageInput<K>,
): Promise<MessageOutput<K>> {
  const sendMessage = messenger.sendMessage as (
    name: K,
    data: MessageInput<K>,
  ) => Promise<Result<MessageOutput<K>> | undefined>;
  const result = await sendMessage(name, data);
  if (!result) throw new Error(`No answer to ${name}`);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
