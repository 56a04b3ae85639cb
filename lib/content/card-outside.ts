import type { OutsidePaper } from './outside';
import { saveButton, type SaveActions } from './save-button';
import { shortAuthors } from './format';

/**
 * The card's content for a quiet marker: a paper the page names that the catalog lacks. What the
 * page shows of it (title, authors), "Not in your catalog", Save (which keeps what the page
 * shows; a later catalog that brings the paper fills in the rest) and Open (its own page).
 */

export const OUTSIDE_CSS = `
.not-in-catalog { color: var(--muted); font-size: 12px; }
.actions a.open {
  color: var(--fg); border: 1px solid var(--border); border-radius: 4px; padding: 3px 8px;
  flex: none; white-space: nowrap;
}
.actions a.open:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
`;

function el(
  doc: Document,
  tag: string,
  attrs: Record<string, string>,
  ...children: (Node | string)[]
) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Text goes in through text nodes only: the page wrote it. */
export function renderOutside(root: HTMLElement, paper: OutsidePaper, saved?: SaveActions): void {
  const doc = root.ownerDocument;
  const open = { href: paper.url, target: '_blank', rel: 'noopener noreferrer' };
  const status = el(doc, 'span', { class: 'status', role: 'status' });
  const { id, arxivId, doi, title, authors } = paper;
  // Save sends the page's account of the paper: the catalog has none to save from.
  const actions: SaveActions | undefined = saved && {
    ...saved,
    isSaved: (paperId) => saved.isSaved(paperId),
    toggle: (paperId) => saved.toggle(paperId, { arxivId, doi, title, authors }),
    restore: saved.restore && ((paperId) => saved.restore!(paperId)),
  };
  root.replaceChildren(
    ...[
      el(doc, 'h2', { id: 'paperpeek-title' }, el(doc, 'a', open, title)),
      authors.length > 0 && el(doc, 'p', { class: 'authors' }, shortAuthors(authors)),
      el(doc, 'p', { class: 'not-in-catalog', 'data-in-catalog': 'false' }, 'Not in your catalog'),
      el(
        doc,
        'div',
        { class: 'actions' },
        ...[
          actions && saveButton(doc, id, actions, status),
          el(doc, 'a', { ...open, class: 'open' }, arxivId ? 'Open on arXiv' : 'Open'),
          status,
        ].filter((child): child is HTMLElement => Boolean(child)),
      ),
    ].filter((child): child is HTMLElement => Boolean(child)),
  );
}
