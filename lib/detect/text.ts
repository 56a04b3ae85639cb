import { collapse, DESCEND, isInline, isSkipped, SKIP, walk, type Visitor } from './dom';
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
  const collector = blockCollector(root);
  walk(root, collector.visitor);
  return collector.blocks();
}

/** textBlocks as a visitor, so that detect-page.ts can share one (pausable) walk with others. */
export function blockCollector(
  root: Node,
  checked = false,
): {
  visitor: Visitor;
  blocks: () => TextBlock[];
  blockSteps: (every: number) => Generator<void, TextBlock[]>;
} {
  const blocks: { element: Element | undefined; text: string }[] = [];
  const open: { element: Element | undefined; text: string }[] = [];
  // Text directly under the root belongs to the root itself when it is an element.
  const rootBlock = { element: root.nodeType === 1 ? (root as Element) : undefined, text: '' };
  const visitor: Visitor = {
    enter: (el) => {
      if (!checked && isSkipped(el)) return SKIP;
      if (el.localName === 'br' || el.localName === 'a') (open.at(-1) ?? rootBlock).text += ' ';
      else if (!isInline(el)) {
        const block = { element: el, text: '' };
        blocks.push(block);
        open.push(block);
      }
      return DESCEND;
    },
    leave: (el) => {
      if (open.at(-1)?.element === el) open.pop();
      else if (el.localName === 'a') (open.at(-1) ?? rootBlock).text += ' ';
    },
    text: (data) => {
      (open.at(-1) ?? rootBlock).text += data;
    },
  };
  // Collapsing whitespace is the costly part on a long page: pausable, and never for empty blocks.
  function* blockSteps(every: number): Generator<void, TextBlock[]> {
    const out: TextBlock[] = [];
    const all = [rootBlock, ...blocks];
    for (let i = 0; i < all.length; i++) {
      if (i % every === every - 1) yield;
      const block = all[i]!;
      if (!block.text || !block.element) continue;
      const text = collapse(block.text);
      if (text) out.push({ element: block.element, text });
    }
    return out;
  }
  const finish = () => {
    const steps = blockSteps(Infinity);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  };
  return { visitor, blocks: finish, blockSteps };
}

const MAY_HOLD_ID = /arxiv|alphaxiv|huggingface|\d\.\d/i;

/**
 * Identifiers mentioned in prose. Titles in prose are found by the background against the whole
 * catalog (findTitlesInText, lib/detect/prose-match.ts), with the marker right after the words.
 */
export function proseCandidates(blocks: TextBlock[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { element, text } of blocks) {
    // Every form ID_IN_TEXT knows names arXiv or Hugging Face, or has digits around a dot.
    if (!MAY_HOLD_ID.test(text)) continue;
    for (const id of identifiersInText(text)) out.push({ ...id, source: 'text', anchor: element });
  }
  return out;
}
