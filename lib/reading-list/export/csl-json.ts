import type { Entry } from '../entry';
import { assignCitationKeys } from './citation-key';
import { Cite } from './citation-js';
import { toCslItem } from './csl';

/** CSL-JSON (an array of items), normalized by citation-js. */
export function toCslJson(entries: readonly Entry[]): string {
  const keys = assignCitationKeys(entries);
  const cite = new Cite(entries.map((entry) => toCslItem(entry, keys.get(entry.id)!)));
  return `${JSON.stringify(cite.format('data', { format: 'object' }), null, 2)}\n`;
}
