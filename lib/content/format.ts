import type { CodeLink, Paper } from '../catalog/schema';
import { formatDay } from '../ui/format';

/** "A, B, C et al." for more than three authors; all of them when there are three or fewer. */
export function shortAuthors(authors: string[], shown = 3): string {
  if (authors.length <= shown) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')} et al.`;
}

/** "NeurIPS 2023", "2023", or "" when the catalog knows neither. A venue that names its own
 * year ("ICASSP 2025" for a 2024 preprint) is shown as it is. */
export function venueYear(paper: Pick<Paper, 'venue' | 'published'>): string {
  const year = paper.published?.slice(0, 4);
  if (paper.venue && year && !/\b(?:19|20)\d\d\b/.test(paper.venue))
    return `${paper.venue} ${year}`;
  return paper.venue ?? year ?? '';
}

const REPO_HOSTS =
  /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|huggingface\.co)$/i;

/** A repository as `owner/name` (what people recognise); any other page as its host. */
export function codeLabel(link: Pick<CodeLink, 'url'>): string {
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return link.url;
  }
  const host = url.hostname.replace(/^www\./, '');
  const [owner, name] = url.pathname.split('/').filter(Boolean);
  if (REPO_HOSTS.test(url.hostname) && owner && name)
    return `${owner}/${name.replace(/\.git$/, '')}`;
  return host;
}

/** The paper's abstract page: the catalog's link, else arXiv's page for its id. */
export function absUrl(paper: Pick<Paper, 'links' | 'arxivId'>): string | undefined {
  if (paper.links.abs) return paper.links.abs;
  return paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : undefined;
}

const ORIGIN_NAMES: Record<NonNullable<Paper['origin']>[number]['source'], string> = {
  hf: 'Hugging Face',
  arxiv: 'arXiv',
  sub: 'a catalog feed',
};

/**
 * Where a paper came from and when it last changed: "From Hugging Face · updated 3 May",
 * "From Hugging Face and arXiv · updated 3 May"; "" for a paper only the catalog file has.
 */
export function originLine(
  paper: Pick<Paper, 'origin' | 'updatedAt'>,
  now = new Date(),
  locale?: string,
): string {
  const origin = paper.origin ?? [];
  const names = [...new Set(origin.map((o) => ORIGIN_NAMES[o.source]))];
  if (names.length === 0) return '';
  const from =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  const times = [paper.updatedAt, ...origin.map((o) => o.at)]
    .map((at) => (at ? Date.parse(at) : NaN))
    .filter((t) => !Number.isNaN(t));
  if (times.length === 0) return `From ${from}`;
  return `From ${from} · updated ${formatDay(new Date(Math.max(...times)), now, { locale })}`;
}
