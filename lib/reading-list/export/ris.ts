import type { Entry } from '../entry';
import { assignCitationKeys } from './citation-key';
import { plugins } from './citation-js';
import { toCslItem } from './csl';
import { venueKind, type VenueKind } from './venue';

/**
 * RIS through citation-js's CSL → RIS mapping (types, names, dates). The tag lines are joined
 * here: citation-js's own text output wraps values at 70 characters, which RIS readers (its own
 * included) join back with a space, splitting words. One tag per line, no wrapping, and line
 * breaks inside a value become spaces so a value can never start a tag of its own (`ER  -`).
 * The type is the one Zotero's RIS translator writes: `CPAPER` for a conference paper, `JOUR` for
 * a journal article, `INPR` for a preprint (citation-js would write `CONF` and `JOUR`).
 */

const RIS_TYPES: Record<VenueKind, string> = {
  conference: 'CPAPER',
  journal: 'JOUR',
  preprint: 'INPR',
};

type RisRecord = Record<string, string | number | (string | number)[]>;

function line(tag: string, value: string | number): string {
  return `${tag}  - ${String(value)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .trim()}`;
}

export function toRis(entries: readonly Entry[]): string {
  const keys = assignCitationKeys(entries);
  const items = entries.map((entry) => toCslItem(entry, keys.get(entry.id)!));
  const records = plugins.output.format('ris', items, { format: 'object' }) as RisRecord[];
  return records
    .map((record, i) => {
      const lines = [line('TY', RIS_TYPES[venueKind(entries[i]!.snapshot.venue)])];
      for (const [tag, value] of Object.entries(record)) {
        if (tag === 'TY' || tag === 'ID') continue;
        for (const one of Array.isArray(value) ? value : [value]) lines.push(line(tag, one));
      }
      // citation-js cuts ID to 20 characters; the full citation key is more use to a reader.
      lines.splice(1, 0, line('ID', items[i]!.id));
      const arxivId = entries[i]!.snapshot.arxivId;
      if (arxivId && !record.UR) lines.push(line('UR', `https://arxiv.org/abs/${arxivId}`));
      lines.push('ER  - ');
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}
