import { describe, expect, it } from 'vitest';
import { openCatalog } from '@/lib/catalog/catalog-reader';
import { parseDailyPaper } from '@/lib/catalog/importers/hf-daily';
import { parsePwcLink } from '@/lib/catalog/importers/pwc';
import { paperSchema } from '@/lib/catalog/schema';
import { safeHref, webUrlSchema } from '@/lib/catalog/web-url';
import { openUserDb } from '@/lib/reading-list/db';
import { listEntries } from '@/lib/reading-list/entries';
import { snapshotSchema } from '@/lib/reading-list/entry';
import { entryLink } from '@/lib/reading-list/query';
import { snapshotFromMetadata, snapshotFromPaper } from '@/lib/reading-list/snapshot';
import { decodeEntry, encodeEntry, WireError } from '@/lib/sync/wire';
import { catalogText, makePaper, papers } from './catalog-fixture';
import { at, savedEntry } from './sync-fixtures';

/**
 * One rule for every stored link: http(s) only. zod's z.url() accepted `javascript:`, so a
 * catalog file, an import or another device's sync file could store a link that runs script
 * when a reader clicks it.
 */

const refused = [
  ['javascript:', 'javascript:alert(1)'],
  ['mixed-case JavaScript:', 'JavaScript:alert(document.domain)'],
  ['leading space', ' javascript:alert(1)'],
  ['leading space before https', ' https://example.com/'],
  ['tab inside the scheme', 'java\tscript:alert(1)'],
  ['newline inside the scheme', 'java\nscript:alert(1)'],
  ['NUL before the scheme', '\u0000javascript:alert(1)'],
  ['zero-width space', 'https://exa\u200bmple.com/'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['vbscript:', 'vbscript:msgbox(1)'],
  ['file:', 'file:///etc/passwd'],
  ['protocol-relative', '//evil.example/x'],
  ['no slashes after the scheme', 'https:evil.example'],
  ['backslashes', 'https:\\\\evil.example'],
  ['no host', 'http://'],
  ['javascript: with https inside', 'javascript://https://x.com/%0aalert(1)'],
  ['over 4096 characters', `https://example.com/${'a'.repeat(4100)}`],
  ['not a string', 42],
] as const;

const accepted = [
  'https://arxiv.org/abs/1706.03762',
  'http://example.com/paper.pdf?download=1#page=2',
  'HTTPS://GitHub.com/state-spaces/mamba',
  'https://例え.jp/論文',
];

describe('webUrlSchema', () => {
  it.each(refused)('refuses %s', (_, value) => {
    const result = webUrlSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(safeHref(value as string)).toBeUndefined();
  });

  it.each(accepted)('accepts %s', (value) => {
    expect(webUrlSchema.parse(value)).toBe(value);
    expect(safeHref(value)).toBe(value);
  });

  it('says what is wrong', () => {
    const result = webUrlSchema.safeParse('javascript:alert(1)');
    expect(result.error?.issues[0]?.message).toBe('only http(s) links are allowed');
  });
});

describe('catalog links', () => {
  it.each([
    ['links.abs', { links: { abs: 'javascript:alert(1)' } }],
    ['links.pdf', { links: { pdf: 'data:application/pdf;base64,AAAA' } }],
    ['links.hf', { links: { hf: 'JavaScript:alert(1)' } }],
    ['code.0.url', { code: [{ url: 'vbscript:x', kind: 'repository', official: true }] }],
  ] as const)('the paper schema refuses a bad %s', (field, over) => {
    const result = paperSchema.safeParse(makePaper(1, over as never));
    expect(result.error?.issues[0]?.path.join('.')).toBe(field);
  });

  it('a catalog file with a javascript: link is refused naming the line and paper', async () => {
    const list: unknown[] = papers(5);
    list[2] = makePaper(2, { links: { abs: 'javascript:alert(1)' } });
    const catalog = await openCatalog(new Blob([catalogText(list)]).stream());
    await expect(catalog.batches.next()).rejects.toThrow(
      'Line 4 (id 2401.10002): links.abs: only http(s) links are allowed',
    );
  });

  it('the builder drops a daily-papers repository or project link that is not http(s)', () => {
    const record = parseDailyPaper({
      paper: {
        id: '2401.00001',
        title: 'A Paper',
        githubRepo: 'javascript:alert(1)',
        projectPage: 'javascript://github.com/%0aalert(1)',
      },
    });
    expect(record).toMatchObject({ arxivId: '2401.00001', code: [] });
  });

  it('the builder refuses a Papers with Code repo_url that is not http(s), naming it', () => {
    expect(
      parsePwcLink({ paper_title: 'A Paper', repo_url: 'javascript:alert(1)', is_official: true }),
    ).toBe('repo_url is not a code link: "javascript:alert(1)"');
  });
});

describe('reading-list links', () => {
  it('the snapshot schema refuses url, pdf and code that are not http(s)', () => {
    for (const field of ['url', 'pdf', 'code']) {
      const result = snapshotSchema.safeParse({
        title: 'T',
        authors: [],
        [field]: ' javascript:alert(1)',
      });
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
  });

  it('a page declaring a javascript: citation URL is saved without it', () => {
    const snapshot = snapshotFromMetadata({
      title: 'A Paper',
      authors: [],
      url: 'javascript:alert(1)',
      pdf: 'https://example.com/a.pdf',
    });
    expect(snapshot).toEqual({ title: 'A Paper', authors: [], pdf: 'https://example.com/a.pdf' });
  });

  it('a paper from a catalog loaded before the check is saved with safe links only', () => {
    const legacy = makePaper(3, {
      links: { abs: 'javascript:alert(1)', pdf: 'data:,x' },
      code: [{ url: 'javascript:x', kind: 'repository', official: true }],
    });
    const snapshot = snapshotFromPaper(legacy);
    expect(snapshot.url).toBe('https://arxiv.org/abs/2401.10003');
    expect(snapshot).not.toHaveProperty('pdf');
    expect(snapshot).not.toHaveProperty('code');
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  });

  it('a list stored before the check still lists, and its bad link is never a link', async () => {
    const db = openUserDb(`web-url-${Date.now()}`);
    const bad = savedEntry('2401.00009', at(1_700_000_000_000), {
      snapshot: { title: 'Old', authors: [], url: 'javascript:alert(1)' },
    });
    const good = savedEntry('2401.00008', at(1_700_000_000_000));
    await db.entries.bulkPut([bad, good]);
    expect((await listEntries(db)).map((e) => e.id).sort()).toEqual(['2401.00008', '2401.00009']);
    expect(entryLink(bad)).toBeNull();
    expect(entryLink({ ...bad, snapshot: { ...bad.snapshot, arxivId: '2401.00009' } })).toBe(
      'https://arxiv.org/abs/2401.00009',
    );
  });
});

describe('sync entries', () => {
  it('an entry with a javascript: link from another device is refused, naming it and why', () => {
    const wire = encodeEntry(savedEntry('2401.00001', at(1_700_000_000_000)));
    wire[8] = { ...wire[8], u: 'javascript:alert(1)' };
    expect(() => decodeEntry(wire)).toThrow(WireError);
    expect(() => decodeEntry(wire)).toThrow(
      'entry "2401.00001" is invalid (snapshot.url: only http(s) links are allowed)',
    );
  });

  it('a link stored before the check does not travel, so other devices keep syncing', () => {
    const legacy = savedEntry('2401.00002', at(1_700_000_000_000), {
      snapshot: {
        title: 'Old',
        authors: [],
        url: 'javascript:alert(1)',
        pdf: 'https://example.com/a.pdf',
      },
    });
    const decoded = decodeEntry(encodeEntry(legacy));
    expect(decoded.snapshot).toEqual({
      title: 'Old',
      authors: [],
      pdf: 'https://example.com/a.pdf',
    });
  });
});
