import type { Paper } from '../catalog/schema';
import { safeHref } from '../catalog/web-link';
import { toBibtex } from './bibtex';
import { absUrl, codeLabel, originLine, shortAuthors, venueYear } from './format';
import { saveButton, type SaveActions } from './save-button';
import { say } from './status-line';

export const MAX_RELATED = 5;

export interface CardViewActions {
  /** Up to `k` related papers of `paper`, best first. */
  related: (paper: Paper, k: number) => Promise<Paper[]>;
  open: (paper: Paper) => void;
  back?: () => void;
  copy: (text: string) => Promise<void>;
  /** The reading list's Save toggle; no toggle without it. */
  saved?: SaveActions;
}

type Child = Node | string | undefined | false;

function h(doc: Document, tag: string, attrs: Record<string, string> = {}, ...children: Child[]) {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Plain text for a link that is not http(s): a catalog loaded before links were checked. */
function link(doc: Document, href: string, text: string): HTMLElement | string {
  const safe = safeHref(href);
  return safe
    ? h(doc, 'a', { href: safe, target: '_blank', rel: 'noopener noreferrer' }, text)
    : text;
}

/**
 * Renders one paper into the card. Text goes in through text nodes only: a catalog loaded from a
 * file is data, and nothing in it becomes markup.
 */
export function renderPaper(root: HTMLElement, paper: Paper, actions: CardViewActions): void {
  const doc = root.ownerDocument;
  const abs = absUrl(paper);
  const back = actions.back && h(doc, 'button', { type: 'button', class: 'back' }, '← Back');
  if (back) back.addEventListener('click', actions.back!);
  const title = h(
    doc,
    'h2',
    { id: 'paperpeek-title' },
    abs ? link(doc, abs, paper.title) : paper.title,
  );
  const code = paper.code.length > 0 && [
    h(doc, 'h3', {}, 'Code'),
    h(
      doc,
      'ul',
      { 'data-list': 'code' },
      ...paper.code.map((c) =>
        h(doc, 'li', {}, link(doc, c.url, codeLabel(c)), c.official ? ' (official)' : ''),
      ),
    ),
  ];
  const links = h(
    doc,
    'div',
    { class: 'links' },
    abs && link(doc, abs, 'arXiv'),
    paper.links.pdf && link(doc, paper.links.pdf, 'PDF'),
    paper.links.hf && link(doc, paper.links.hf, 'Hugging Face'),
  );
  const status = h(doc, 'span', { class: 'status', role: 'status' });
  const copy = h(doc, 'button', { type: 'button', class: 'copy' }, 'Copy BibTeX');
  copy.addEventListener('click', () => {
    actions.copy(toBibtex(paper)).then(
      () => say(status, 'Copied'),
      () => say(status, 'Copy failed: the page did not allow clipboard access'),
    );
  });
  const related = h(doc, 'section', { class: 'related' });
  const origin = originLine(paper);
  // Hugging Face's own summary stands in for the one taken from the abstract, labelled as theirs.
  const summary = paper.aiSummary
    ? h(
        doc,
        'section',
        { class: 'ai-summary' },
        h(doc, 'h3', {}, 'Summary by Hugging Face'),
        h(doc, 'p', { class: 'summary' }, paper.aiSummary),
      )
    : paper.summary && h(doc, 'p', { class: 'summary' }, paper.summary);
  root.replaceChildren(
    ...[
      back,
      title,
      paper.authors.length > 0 && h(doc, 'p', { class: 'authors' }, shortAuthors(paper.authors)),
      venueYear(paper) && h(doc, 'p', { class: 'meta' }, venueYear(paper)),
      origin && h(doc, 'p', { class: 'origin', 'data-origin': '' }, origin),
      summary,
      ...(code || []),
      links,
      // Above the related list, which can run past the card's height: the action stays in view.
      h(
        doc,
        'div',
        { class: 'actions' },
        actions.saved && saveButton(doc, paper.id, actions.saved, status),
        copy,
        status,
      ),
      related,
    ].filter((child): child is HTMLElement => Boolean(child)),
  );
  void renderRelated(related, paper, actions);
}

/** The card's links and buttons, in the order Tab visits them. */
export function tabStops(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('a[href], button')];
}

async function renderRelated(section: HTMLElement, paper: Paper, actions: CardViewActions) {
  const doc = section.ownerDocument;
  let papers: Paper[];
  try {
    papers = await actions.related(paper, MAX_RELATED);
  } catch {
    return;
  }
  if (papers.length === 0 || !section.isConnected) return;
  const items = papers.map((related) => {
    const attrs = { type: 'button', 'data-paper-id': related.id, title: related.title };
    const button = h(doc, 'button', attrs, related.title);
    button.addEventListener('click', () => actions.open(related));
    return h(doc, 'li', {}, button);
  });
  section.replaceChildren(
    h(doc, 'h3', {}, 'Related'),
    h(doc, 'ul', { 'data-list': 'related' }, ...items),
  );
}
