import { describe, expect, it } from 'vitest';
import { openUserDb } from '@/lib/reading-list/db';
import { saveEntry, updateEntries } from '@/lib/reading-list/entries';
import type { Entry } from '@/lib/reading-list/entry';
import { mergeEntry as mergeImported } from '@/lib/reading-list/import/merge';
import { parseCsvFile } from '@/lib/reading-list/import/csv-file';
import { EMPTY_FILTER, facetCounts, filterEntries } from '@/lib/reading-list/query';
import { normalizeTags } from '@/lib/reading-list/tags';
import { mergeStates } from '@/lib/sync/merge';
import { stateFrom } from '@/lib/sync/state';
import { at, edited, savedEntry } from './sync-fixtures';

/** Tags keep the case the user typed (`ICASSP`) and match whatever the case. */

let n = 0;
const freshDb = () => openUserDb(`tag-case-${Date.now()}-${n++}`);

function withTags(id: string, tags: string[]): Entry {
  return { ...savedEntry(id, at(100)), tags };
}

describe('tags keep their case', () => {
  it('normalizing keeps the spelling, drops later case variants, and sorts by letters', () => {
    expect(normalizeTags([' ICASSP ', 'LLMs', 'icassp', 'speech  synthesis', 'Icassp'])).toEqual([
      'ICASSP',
      'LLMs',
      'speech synthesis',
    ]);
  });

  it('a tag added in the manager or popup is stored as typed; another case adds nothing, and removes it', async () => {
    const db = freshDb();
    await saveEntry(db, { id: 'p1', inCatalog: false, snapshot: { title: 'P', authors: [] } });
    await updateEntries(db, ['p1'], { addTags: ['ICASSP'] });
    expect((await db.entries.get('p1'))!.tags).toEqual(['ICASSP']);
    expect(await updateEntries(db, ['p1'], { addTags: ['icassp'] })).toEqual([]);
    expect((await db.entries.get('p1'))!.tags).toEqual(['ICASSP']);
    await updateEntries(db, ['p1'], { removeTags: ['icassp'] });
    expect((await db.entries.get('p1'))!.tags).toEqual([]);
  });

  it('the filter and the facets treat ICASSP and icassp as one tag, labelled as first typed', () => {
    const entries = [
      withTags('a', ['ICASSP']),
      withTags('b', ['icassp', 'tts']),
      withTags('c', []),
    ];
    expect(filterEntries(entries, { ...EMPTY_FILTER, tag: 'icassp' }).map((e) => e.id)).toEqual([
      'a',
      'b',
    ]);
    expect(facetCounts(entries, EMPTY_FILTER).tags).toEqual([
      { tag: 'ICASSP', count: 2 },
      { tag: 'tts', count: 1 },
    ]);
  });

  it('an import merges case variants into the tag the list already has', () => {
    const saved = withTags('a', ['ICASSP']);
    const merged = mergeImported(saved, withTags('a', ['icassp', 'NLP']));
    expect(merged.entry.tags).toEqual(['ICASSP', 'NLP']);
    expect(mergeImported(merged.entry, withTags('a', ['Icassp'])).changed).toEqual([]);
    const csv = parseCsvFile('title,tags\nA paper,ICASSP; icassp; Speech\n');
    expect(csv.records[0]!.tags).toEqual(['ICASSP', 'Speech']);
  });

  it('sync keeps the later edit of the tags whole, with its case', () => {
    const base = savedEntry('a', at(100));
    const laptop = edited(base, 'tags', ['ICASSP'], at(200, 'deva'));
    const desktop = edited(base, 'tags', ['icassp', 'tts'], at(150, 'devb'));
    const merged = mergeStates(stateFrom([laptop], []), stateFrom([desktop], []));
    expect(merged.entries.get('a')!.tags).toEqual(['ICASSP']);
    const back = mergeStates(stateFrom([desktop], []), stateFrom([laptop], []));
    expect(back.entries.get('a')!.tags).toEqual(['ICASSP']);
  });
});
