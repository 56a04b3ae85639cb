import { int, mulberry32, pick, type Rng } from '../../lib/catalog/synthetic-rng';
import {
  ADJECTIVES,
  CONNECTORS,
  DATASETS,
  FIRST_NAMES,
  LAST_NAMES,
  LEADS,
  METRICS,
  NOUNS,
} from '../../lib/catalog/synthetic-words';

/**
 * The two pages of the detection bench, generated from a seed (same seed, same page):
 * (a) a long article with no paper on it, (b) an arXiv listing where some rows are catalog papers.
 * Markup has no whitespace between tags, so its node count is exactly what the generator counts.
 */

/** A catalog paper to plant in the listing: its arXiv id and its title as the catalog has it. */
export interface PlantedPaper {
  arxivId: string;
  title: string;
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** A made-up title in a paper's style; the catalog's titles are real ones, so it matches none. */
function fakeTitle(rng: Rng): string {
  return [
    pick(rng, LEADS),
    cap(pick(rng, ADJECTIVES)),
    cap(pick(rng, NOUNS)),
    pick(rng, CONNECTORS),
    cap(pick(rng, ADJECTIVES)),
    cap(pick(rng, NOUNS)),
  ].join(' ');
}

function sentence(rng: Rng): string {
  const words = Array.from({ length: int(rng, 8, 18) }, () =>
    pick(rng, rng() < 0.5 ? NOUNS : ADJECTIVES),
  );
  return `${cap(words.join(' '))} on ${pick(rng, DATASETS)}, measured by ${pick(rng, METRICS)}.`;
}

const person = (rng: Rng) => `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${body}</body></html>`;
}

/**
 * (a) A blog-style article of at least `minNodes` nodes (elements and text nodes): sections of
 * headings, paragraphs with links, emphasis and code, lists and quotes. No arXiv id, DOI or
 * catalog title anywhere, so a correct content script marks nothing.
 */
export function articlePage(minNodes: number, seed = 1): { html: string; nodes: number } {
  const rng = mulberry32(seed);
  const parts: string[] = [];
  // html, head, meta, title + its text, body, article, h1 + its text
  let nodes = 9;
  let section = 0;
  while (nodes < minNodes) {
    section++;
    const blocks: string[] = [`<h2>${section}. ${esc(fakeTitle(rng))}</h2>`];
    nodes += 3; // section, h2, its text
    for (let p = 0; p < 6; p++) {
      const spans: string[] = [];
      for (let s = 0; s < 4; s++) {
        const roll = rng();
        if (roll < 0.25) {
          spans.push(
            `<a href="https://notes.example.com/${section}/${p}/${s}">${esc(sentence(rng))}</a>`,
          );
          nodes += 2;
        } else if (roll < 0.4) {
          spans.push(`<em>${esc(pick(rng, NOUNS))}</em>`);
          nodes += 2;
        } else if (roll < 0.5) {
          spans.push(`<code>${esc(pick(rng, NOUNS).replace(/\W/g, '_'))}()</code>`);
          nodes += 2;
        } else {
          spans.push(esc(sentence(rng)));
          nodes += 1;
        }
        spans.push(' ');
        nodes += 1;
      }
      blocks.push(`<p>${spans.join('')}</p>`);
      nodes += 1;
    }
    const items = Array.from({ length: 5 }, () => `<li>${esc(sentence(rng))}</li>`);
    blocks.push(`<ul>${items.join('')}</ul>`);
    nodes += 1 + items.length * 2;
    blocks.push(
      `<blockquote><p>${esc(sentence(rng))}</p><cite>${esc(person(rng))}</cite></blockquote>`,
    );
    nodes += 5;
    parts.push(`<section>${blocks.join('')}</section>`);
  }
  const title = 'Notes from a long week of reading';
  return {
    html: page(title, `<article><h1>${title}</h1>${parts.join('')}</article>`),
    nodes,
  };
}

/** A new-style id that no catalog paper has: the 2601 month is after every bundled paper. */
const fillerId = (row: number) => `2601.${String(10000 + row).padStart(5, '0')}`;

/**
 * (b) An arXiv listing page (`#dlpage dl`, `dt` with the abs link, `dd .list-title`, as
 * arxiv.org/list/... shows "all" entries) of `rows` entries, `planted.length` of them catalog
 * papers spread evenly through it. Returns the rows that must get a marker, by arXiv id.
 */
export function listingPage(rows: number, planted: PlantedPaper[], seed = 1) {
  const rng = mulberry32(seed);
  const every = Math.floor(rows / Math.max(1, planted.length));
  const expected: { row: number; arxivId: string }[] = [];
  const entries: string[] = [];
  for (let row = 1; row <= rows; row++) {
    const slot = (row - 1) / every;
    const paper = Number.isInteger(slot) && slot < planted.length ? planted[slot] : undefined;
    const id = paper?.arxivId ?? fillerId(row);
    const title = paper?.title ?? fakeTitle(rng);
    if (paper) expected.push({ row, arxivId: paper.arxivId });
    const authors = Array.from({ length: int(rng, 1, 5) }, () => {
      const name = person(rng);
      return `<a href="https://arxiv.org/a/${esc(name.toLowerCase().replace(/\W+/g, '_'))}_1">${esc(name)}</a>`;
    }).join(', ');
    entries.push(
      `<dt id="row-${row}"><a name="item${row}">[${row}]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a> [<a href="/pdf/${id}" title="Download PDF">pdf</a>, <a href="/format/${id}" title="Other formats">other</a>]</dt>` +
        `<dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> ${esc(title)}</div><div class="list-authors">${authors}</div><div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span></div></div></dd>`,
    );
  }
  const body = `<div id="content"><div id="dlpage"><h1>Machine Learning</h1><h3>Authors and titles for recent submissions (showing ${rows} of ${rows} entries)</h3><dl id="articles">${entries.join('')}</dl></div></div>`;
  return { html: page('Machine Learning', body), expected };
}
