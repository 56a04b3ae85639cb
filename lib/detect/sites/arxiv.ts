import { cleanTitle, pushAll, titleCandidate } from '../clean';
import { collapse, textOf } from '../dom';
import { hrefCandidate, idCandidate } from '../identifiers';
import { finish } from '../steps';
import type { Candidate, Shown, SiteDetector } from '../types';

/** Listing and search rows per pause point: a 5,000-row listing must not be one long task. */
const ROWS_PER_STEP = 50;
/** Footnotes inside a LaTeXML title, left out of it. */
const NOTES = '.ltx_note, .ltx_role_footnote';

/**
 * A listing row's title: `<span class="descriptor">Title:</span> text` (cleanTitle drops the label)
 * is read natively; a title with more markup (rendered math) takes the full text reader.
 */
function listTitle(title: Element): string | undefined {
  const only = title.firstElementChild;
  if (title.childElementCount === 1 && only!.classList.contains('descriptor')) {
    return collapse(title.textContent ?? '');
  }
  return textOf(title);
}

function* arxivSteps(doc: ParentNode, url: URL): Generator<void, Candidate[]> {
  const out: Candidate[] = [];
  // Abs page: `<h1 class="title mathjax"><span class="descriptor">Title:</span>...`.
  // HTML view: `<h1 class="ltx_title ltx_title_document">`, with footnotes to leave out.
  for (const h1 of doc.querySelectorAll('h1.title.mathjax, #abs h1.title, h1.ltx_title_document')) {
    pushAll(
      out,
      idCandidate(url.href, 'url', h1),
      titleCandidate(textOf(h1, { skip: NOTES }), 'site', h1),
    );
  }
  // Listings: `dt` holds the `/abs/ID` link, the next `dd` the `.list-title`.
  let rows = 0;
  for (const dt of doc.querySelectorAll('#dlpage dl > dt')) {
    if (++rows % ROWS_PER_STEP === 0) yield;
    const dd = dt.nextElementSibling;
    const title = dd?.querySelector('.list-title');
    const anchor = title ?? dt;
    pushAll(
      out,
      hrefCandidate(
        dt.querySelector('a[href*="/abs/"]')?.getAttribute('href'),
        url,
        'site',
        anchor,
      ),
      title ? titleCandidate(listTitle(title), 'site', title) : undefined,
    );
  }
  // Search: `li.arxiv-result` with `p.list-title a` (abs URL) and `p.title`.
  for (const result of doc.querySelectorAll('li.arxiv-result')) {
    if (++rows % ROWS_PER_STEP === 0) yield;
    const title = result.querySelector('p.title');
    const anchor = title ?? result;
    const link = result.querySelector('p.list-title a[href*="/abs/"]')?.getAttribute('href');
    pushAll(
      out,
      hrefCandidate(link, url, 'site', anchor),
      title ? titleCandidate(textOf(title), 'site', title) : undefined,
    );
  }
  return out;
}

/** A row's (or an abs page's) title and author links, as arXiv shows them. */
function shown(anchor: Element): Shown | undefined {
  // Only the anchors this detector gives (a link elsewhere on the page is another paper's).
  if (!anchor.matches('.list-title, h1.title, h1.ltx_title_document, p.title, dt'))
    return undefined;
  const row =
    anchor.closest('dd, li.arxiv-result, #abs') ??
    (anchor.localName === 'dt' ? anchor.nextElementSibling : null);
  let raw: string | undefined;
  if (anchor.matches('.list-title')) raw = listTitle(anchor);
  else if (anchor.matches('h1, p.title')) raw = textOf(anchor, { skip: NOTES });
  const authors = [...(row?.querySelectorAll('.list-authors a, p.authors a, .authors a') ?? [])]
    .map((a) => collapse(a.textContent ?? ''))
    .filter((name) => name.length > 0 && name.length <= 300)
    .slice(0, 500);
  const title = raw ? cleanTitle(raw)?.title : undefined;
  return title || authors.length ? { title, authors } : undefined;
}

/** Abs pages, listings, search results and the HTML (LaTeXML) view of arxiv.org. */
export const arxiv: SiteDetector = {
  name: 'arxiv',
  matches: ['*://arxiv.org/*', '*://www.arxiv.org/*', '*://export.arxiv.org/*'],
  detect: (doc, url) => finish(arxivSteps(doc, url)),
  steps: arxivSteps,
  shown,
  // A listing without abstracts is rows of id, title, authors and subjects, all read above; one
  // with abstracts (`/new`) keeps its text in the scan, for titles named in an abstract.
  claims: (doc) =>
    [...doc.querySelectorAll('#dlpage dl')].filter(
      (dl) => dl.querySelector('dt') && !dl.querySelector('dd p'),
    ),
};
