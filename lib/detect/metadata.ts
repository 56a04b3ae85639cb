import { pushAll, titleCandidate } from './clean';
import { idCandidate } from './identifiers';
import type { Candidate } from './types';

/**
 * Scholarly metadata a page declares about itself: Highwire/Dublin Core/Open Graph meta tags,
 * JSON-LD ScholarlyArticle and COinS. Meta tags have no place on screen, so their candidates
 * anchor on the page's main heading.
 */

const ID_METAS = new Set([
  'citation_arxiv_id',
  'citation_pdf_url',
  'citation_doi',
  'citation_abstract_html_url',
  'dc.identifier',
  'prism.doi',
]);
const TITLE_METAS = new Set(['citation_title', 'dc.title', 'og:title', 'twitter:title']);
const SCHOLARLY_TYPE = /ScholarlyArticle|Report|Thesis|Preprint/i;
const MAX_JSON_CHARS = 500_000;
const MAX_JSON_NODES = 2_000;

/** Where a marker goes for page-level metadata: the first heading, or the start of the body. */
export function pageAnchor(root: ParentNode): Element | undefined {
  return (
    root.querySelector('h1') ??
    root.querySelector('body') ??
    ((root as Node).nodeType === 1 ? (root as Element) : (root.firstElementChild ?? undefined))
  );
}

function metaCandidates(root: ParentNode, anchor: Element, out: Candidate[]): void {
  for (const meta of root.querySelectorAll('meta[name], meta[property]')) {
    const name = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').toLowerCase();
    const content = meta.getAttribute('content');
    if (ID_METAS.has(name)) pushAll(out, idCandidate(content, 'meta', anchor));
    else if (TITLE_METAS.has(name)) pushAll(out, titleCandidate(content, 'meta', anchor));
  }
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object' && 'value' in value) return strings(value.value);
  return [];
}

function jsonLdCandidates(root: ParentNode, anchor: Element, out: Candidate[]): void {
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    // Breadth-first over @graph and nested objects, with a node budget against hostile JSON.
    const queue: unknown[] = [data];
    for (let i = 0; i < queue.length && i < MAX_JSON_NODES; i++) {
      const node = queue[i];
      if (Array.isArray(node)) queue.push(...node.slice(0, MAX_JSON_NODES));
      if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
      const record = node as Record<string, unknown>;
      if (strings(record['@type']).some((type) => SCHOLARLY_TYPE.test(type))) {
        for (const title of strings(record.name ?? record.headline).slice(0, 2))
          pushAll(out, titleCandidate(title, 'meta', anchor));
        for (const id of [
          ...strings(record.identifier),
          ...strings(record.sameAs),
          ...strings(record.url),
        ].slice(0, 20))
          pushAll(out, idCandidate(id, 'meta', anchor));
      }
      for (const value of Object.values(record))
        if (value && typeof value === 'object') queue.push(value);
    }
  }
}

/** COinS: an empty `span.Z3988` whose title attribute is an OpenURL query string. */
function coinsCandidates(root: ParentNode, out: Candidate[]): void {
  for (const span of root.querySelectorAll('span.Z3988[title]')) {
    const params = new URLSearchParams(span.getAttribute('title') ?? '');
    const anchor = span.previousElementSibling ?? span.parentElement ?? span;
    for (const id of params.getAll('rft_id').slice(0, 10)) {
      const value = id.replace(/^info:(?:arxiv|doi)\//i, '');
      pushAll(out, idCandidate(value, 'meta', anchor));
    }
    pushAll(
      out,
      titleCandidate(params.get('rft.atitle') ?? params.get('rft.title'), 'meta', anchor),
    );
  }
}

export function metadataCandidates(root: ParentNode): Candidate[] {
  const out: Candidate[] = [];
  const anchor = pageAnchor(root);
  if (anchor) {
    metaCandidates(root, anchor, out);
    jsonLdCandidates(root, anchor, out);
  }
  coinsCandidates(root, out);
  return out;
}
