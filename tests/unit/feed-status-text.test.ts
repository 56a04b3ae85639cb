import { describe, expect, it } from 'vitest';
import { EMPTY_STATUS, type FeedError, type SourceStatus } from '@/lib/feeds/sources';
import { describeSource, errorSentence } from '@/lib/feeds/status-text';

const NOW = new Date('2026-05-12T13:05:00Z');
const EN = { locale: 'en-GB', timeZone: 'UTC' } as const;
const on = { enabled: true, ...EN };

const status = (patch: Partial<SourceStatus>): SourceStatus => ({ ...EMPTY_STATUS, ...patch });
const failure = (kind: FeedError['kind'], extra: Partial<FeedError> = {}): FeedError => ({
  kind,
  message: 'Something broke.',
  at: '2026-05-12T13:00:00Z',
  ...extra,
});

describe('describeSource', () => {
  it('says a source that never ran has not updated, and nothing about a next update when off', () => {
    expect(describeSource('hf', EMPTY_STATUS, NOW, { enabled: false, ...EN })).toEqual({
      last: 'Not updated yet',
      added: 'No papers added yet',
      next: null,
      error: null,
      percent: null,
    });
  });

  it('gives the last update, the papers added and the next update', () => {
    const text = describeSource(
      'hf',
      status({
        lastRunAt: '2026-05-12T11:00:00Z',
        lastSuccessAt: '2026-05-12T11:02:00Z',
        added: 1234,
        lastAdded: 12,
        nextAt: '2026-05-13T00:10:00Z',
      }),
      NOW,
      on,
    );
    expect(text.last).toBe('Updated 2 h ago');
    expect(text.added).toBe('1,234 papers added, 12 in the last update');
    expect(text.next).toBe('Next update tomorrow at 00:10');
    expect(text.error).toBeNull();
  });

  it('says the papers once when the last update brought them all', () => {
    const text = describeSource(
      'arxiv',
      status({ lastSuccessAt: '2026-05-12T05:00:00Z', added: 37, lastAdded: 37 }),
      NOW,
      on,
    );
    expect(text.added).toBe('37 papers added');
  });

  it('puts an HTTP failure in words with the time of the next try', () => {
    const text = describeSource(
      'hf',
      status({
        lastError: failure('http', { status: 503 }),
        failures: 2,
        nextAt: '2026-05-12T14:20:00Z',
      }),
      NOW,
      on,
    );
    expect(text.error).toBe('Hugging Face answered 503; next try at 14:20.');
    // The error line already says when; no second "next update" line.
    expect(text.next).toBeNull();
  });

  it('leaves out the next try when the source was turned off since', () => {
    const text = describeSource(
      'arxiv',
      status({ lastError: failure('http', { status: 500 }), nextAt: '2026-05-12T14:20:00Z' }),
      NOW,
      { enabled: false, ...EN },
    );
    expect(text.error).toBe('arXiv answered 500.');
  });

  it.each([
    ['rate-limited', { status: 429 }, 'hf', 'Hugging Face asked PaperPeek to slow down (429)'],
    ['offline', {}, 'arxiv', 'No connection to arXiv: this computer seemed to be offline'],
    [
      'too-large',
      {},
      'sub',
      'The catalog feed sent more than PaperPeek reads at once, so the update stopped there',
    ],
    [
      'bad-body',
      { message: 'The JSON ends in the middle.' },
      'hf',
      'Hugging Face sent an answer PaperPeek could not read (The JSON ends in the middle)',
    ],
    [
      'quota',
      {},
      'hf',
      'The browser’s storage for PaperPeek is full, so nothing more could be stored',
    ],
    [
      'checksum',
      {},
      'sub',
      'A file from the catalog feed did not match its checksum, so none of it was used',
    ],
    [
      'permission',
      {},
      'sub',
      'PaperPeek is not allowed to reach the catalog feed; turn the source off and on again to allow it',
    ],
    ['other', { message: 'Something odd happened.' }, 'hf', 'Something odd happened'],
  ] as const)('words a %s error', (kind, extra, source, words) => {
    expect(errorSentence(source, failure(kind, extra))).toBe(words);
  });

  it('dates a retry on another day', () => {
    const text = describeSource(
      'hf',
      status({ lastError: failure('offline'), nextAt: '2026-05-14T06:00:00Z' }),
      NOW,
      on,
    );
    expect(text.error).toBe(
      'No connection to Hugging Face: this computer seemed to be offline; next try on 14 May at 06:00.',
    );
  });

  it('shows a run under way with its share done, and no old error meanwhile', () => {
    const text = describeSource(
      'hf',
      status({
        progress: { done: 27, total: 90 },
        lastError: failure('http', { status: 503 }),
        lastSuccessAt: '2026-05-11T00:12:00Z',
        added: 40,
        lastAdded: 40,
      }),
      NOW,
      on,
    );
    expect(text.last).toBe('Updating now');
    expect(text.percent).toBe(30);
    expect(text.error).toBeNull();
    expect(text.next).toBeNull();
  });

  it('has no share for a run that does not know its size yet', () => {
    const text = describeSource('hf', status({ progress: { done: 0, total: 0 } }), NOW, on);
    expect(text.percent).toBeNull();
    expect(text.last).toBe('Updating now');
  });

  it('says "soon" for a next update already due', () => {
    const text = describeSource(
      'hf',
      status({ lastSuccessAt: '2026-05-12T00:10:00Z', nextAt: '2026-05-12T13:00:00Z' }),
      NOW,
      on,
    );
    expect(text.next).toBe('Next update soon');
    expect(text.last).toBe('Updated 12 h ago');
  });
});
