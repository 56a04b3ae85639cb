import { pushAll, titleCandidate } from './clean';
import { collapse, DESCEND, isInline, isSkipped, SKIP, walk } from './dom';
import { identifiersInText } from './identifiers';
import type { Candidate } from './types';

export interface TextBlock {
  /** The nearest block-level element around the text (p, li, div, td, h1...). */
  element: Element;
  /** Its own visible text, markup splits joined and whitespace collapsed; nested blocks excluded. */
  text: string;
}

/**
 * The page's visible text, one entry per block element in document order, for matchers that look
 * for titles inside prose. One linear walk; hidden subtrees and the extension's markers are skipped.
 */
export function textBlocks(root: Node): TextBlock[] {
  const blocks: { element: Element | undefined; text: string }[] = [];
  const open: { element: Element | undefined; text: string }[] = [];
  // Text directly under the root belongs to the root itself when it is an element.
  const rootBlock = { element: root.nodeType === 1 ? (root as Element) : undefined, text: '' };
  walk(root, {
    enter: (el) => {
      if (isSkipped(el)) return SKIP;
      if (el.localName === 'br') (open.at(-1) ?? rootBlock).text += ' ';
      else if (!isInline(el)) {
        const block = { element: el, text: '' };
        blocks.push(block);
        open.push(block);
      }
      return DESCEND;
    },
    leave: (el) => {
      if (open.at(-1)?.element === el) open.pop();
    },
    text: (data) => {
      (open.at(-1) ?? rootBlock).text += data;
    },
  });
  const out: TextBlock[] = [];
  for (const block of [rootBlock, ...blocks]) {
    const text = collapse(block.text);
    if (text && block.element) out.push({ element: block.element, text });
  }
  return out;
}

const QUOTED = /"([^"]{8,300})"|“([^”]{8,300})”|«([^»]{8,300})»/g;
const SENTENCE_END = /(?<=[.!?])\s+(?=["“(]?[A-Z0-9])/;
/** `Name: Subtitle` starting at a capitalized name of at most four words, up to a clause break. */
const TITLE_COLON =
  /(?:^|[\s(])((?:[A-Z0-9][\w^'+-]*\s){0,3}[A-Z0-9][\w^'+-]*: [^.;!?()"“”]{8,250})/g;
const MAX_SENTENCE = 2_000;

/** Quoted strings, `Title: Subtitle` spans and identifiers mentioned in prose. */
export function proseCandidates(blocks: TextBlock[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { element, text } of blocks) {
    for (const id of identifiersInText(text)) out.push({ ...id, source: 'text', anchor: element });
    for (const match of text.matchAll(QUOTED))
      pushAll(out, titleCandidate(match[1] ?? match[2] ?? match[3], 'text', element));
    for (const sentence of text.split(SENTENCE_END)) {
      if (sentence.length > MAX_SENTENCE || !sentence.includes(': ')) continue;
      for (const match of sentence.matchAll(TITLE_COLON))
        pushAll(out, titleCandidate(match[1]!.replace(/[\s,]+$/, ''), 'text', element));
    }
  }
  return out;
}
