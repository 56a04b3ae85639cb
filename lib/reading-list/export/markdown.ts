import type { Entry, ReadingStatus } from '../entry';
import { entryYear } from '../entry-year';
import { authorsShort } from '../query';

/**
 * A reading list to paste into notes or a README: grouped by status, one bullet per paper with
 * its links, tags and note. Text from the entries is escaped, so a title can never become markup
 * (a link, an HTML tag) in whatever renders the file.
 */

const HEADINGS: Record<ReadingStatus, string> = {
  'to-read': 'To read',
  reading: 'Reading',
  read: 'Read',
};

export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** "NeurIPS 2017"; a venue that names its own year ("NeurIPS 2020") is left as it is. */
function venueYear(venue: string | undefined, year: number | undefined): string {
  if (venue && /\b(?:1[5-9]|20)\d\d\b/.test(venue)) return venue;
  return [venue, year].filter(Boolean).join(' ');
}

function link(label: string, url: string | undefined): string | undefined {
  // Parentheses and spaces in a URL would end the link early.
  return url ? `[${label}](${url.replace(/[()\s]/g, encodeURIComponent)})` : undefined;
}

function bullet(entry: Entry): string {
  const s = entry.snapshot;
  const facts = [
    s.authors.length ? escapeMarkdown(authorsShort(s.authors)) : undefined,
    s.venue || entryYear(entry) ? escapeMarkdown(venueYear(s.venue, entryYear(entry))) : undefined,
    s.arxivId ? link(`arXiv:${s.arxivId}`, `https://arxiv.org/abs/${s.arxivId}`) : undefined,
    s.doi ? link(`doi:${s.doi}`, `https://doi.org/${s.doi}`) : undefined,
    s.url && !s.arxivId ? link('page', s.url) : undefined,
    link('PDF', s.pdf),
    link('code', s.code),
  ].filter(Boolean);
  const lines = [
    `- **${escapeMarkdown(s.title)}**${facts.length ? ` — ${facts.join(' · ')}` : ''}`,
  ];
  if (entry.tags.length)
    lines.push(`  Tags: ${entry.tags.map((t) => escapeMarkdown(t)).join(', ')}`);
  for (const noteLine of entry.note.trim() ? entry.note.trim().split(/\r?\n/) : [])
    lines.push(`  > ${escapeMarkdown(noteLine)}`);
  return lines.join('\n');
}

export function toMarkdown(entries: readonly Entry[], exportedAt = new Date()): string {
  const parts = [
    '# Reading list',
    '',
    `Exported from PaperPeek on ${exportedAt.toISOString().slice(0, 10)}: ${entries.length} ${
      entries.length === 1 ? 'paper' : 'papers'
    }.`,
  ];
  for (const status of Object.keys(HEADINGS) as ReadingStatus[]) {
    const group = entries.filter((e) => e.status === status);
    if (!group.length) continue;
    parts.push('', `## ${HEADINGS[status]} (${group.length})`, '', ...group.map(bullet));
  }
  return `${parts.join('\n')}\n`;
}
