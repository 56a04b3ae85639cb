import { defineExtensionMessaging } from '@webext-core/messaging';
import type { MessageInput, MessageName, MessageOutput, Result } from './protocol';

/**
 * The sending side of the message contract, by type only: importing the zod schemas here would
 * ship zod in the content script, which runs on every page, and validation belongs to the receiver
 * (lib/messaging/register.ts) anyway.
 */

type ProtocolMap = {
  [K in MessageName]: (data: MessageInput<K>) => Result<MessageOutput<K>>;
};

export const messenger = defineExtensionMessaging<ProtocolMap>();

export class MessageError extends Error {}

/** Send a message to the background and unwrap its answer; a refused message throws. */
export async function send<K extends MessageName>(
  name: K,
  ...data: MessageInput<K> extends undefined ? [] : [MessageInput<K>]
): Promise<MessageOutput<K>> {
  const sendMessage = messenger.sendMessage as (
    name: K,
    data: MessageInput<K> | undefined,
  ) => Promise<Result<MessageOutput<K>> | undefined>;
  const result = await sendMessage(name, data[0]);
  if (!result) throw new MessageError(`No answer to ${name}`);
  if (!result.ok) throw new MessageError(result.error);
  return result.value;
}
