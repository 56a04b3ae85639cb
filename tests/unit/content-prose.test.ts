import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import {
  findInBlocks,
  MAX_PROSE_CHARS,
  SLICE_CHARS,
  SLICES_PER_MESSAGE,
  textSlices,
  type TextMatch,
} from '@/lib/content/lookup-client';
import { MarkerLayer } from '@/lib/content/markers';
import { locateInBlock } from '@/lib/detect/locate';
import { textBlocks } from '@/lib/detect/text';
import { stubPaper as paper } from './catalog-fixture';

/** Titles found in text: slicing the text for the background, and the marker after the words. */

function page(html: string): Document {
  const window = new Window({ url: 'https://blog.example.org/post' });
  window.document.write(html);
  return window.document as unknown as Document;
}

/** Marks `title` in the page's blocks as the background would report it, and returns the HTML. */
function markTitle(doc: Document, title: string, id = '1'): string {
  const layer = new MarkerLayer(doc);
  for (const block of textBlocks(doc)) {
    const start = block.text.indexOf(title);
    if (start < 0) continue;
    const at = locateInBlock(block.element, start + title.length);
    if (at) layer.addInText(block.element, at, paper(id));
  }
  return doc.body.innerHTML.replace(/<span data-paperpeek="marker"[^>]*><\/span>/g, '[M]');
}

describe('a marker right after a title in text', () => {
  it('splits the text node after the last word, inside the sentence', () => {
    const doc = page('<p>As shown in Mamba: Linear Sequence Spaces, the model wins.</p>');
    expect(markTitle(doc, 'Mamba: Linear Sequence Spaces')).toBe(
      '<p>As shown in Mamba: Linear Sequence Spaces[M], the model wins.</p>',
    );
    expect(doc.body.textContent).toBe('As shown in Mamba: Linear Sequence Spaces, the model wins.');
  });

  it('follows the block text across markup, line breaks and collapsed spaces', () => {
    const doc = page(
      '<p>We read  <b>Scaling</b> Sparse<br>Fine-Tuning&nbsp;to   Models today.</p>',
    );
    expect(markTitle(doc, 'Scaling Sparse Fine-Tuning to Models')).toBe(
      '<p>We read  <b>Scaling</b> Sparse<br>Fine-Tuning&nbsp;to   Models[M] today.</p>',
    );
  });

  it('goes after emphasis that ends with the title, and after a link, never inside', () => {
    const em = page('<p>Read <em>Model Sparsity Can Simplify Unlearning</em>, NeurIPS.</p>');
    expect(markTitle(em, 'Model Sparsity Can Simplify Unlearning')).toBe(
      '<p>Read <em>Model Sparsity Can Simplify Unlearning</em>[M], NeurIPS.</p>',
    );
    const link = page('<p>Read <a href="#">the Model Sparsity Can Simplify paper</a> now.</p>');
    expect(markTitle(link, 'Model Sparsity Can Simplify')).toBe(
      '<p>Read <a href="#">the Model Sparsity Can Simplify paper</a>[M] now.</p>',
    );
  });

  it('ignores text of nested blocks when counting, and marks a paper once per page', () => {
    const doc = page(
      '<div>Intro text <ul><li>Other Block Text Here</li></ul> then Some Long Title Words end.</div><p>Again Some Long Title Words.</p>',
    );
    expect(markTitle(doc, 'Some Long Title Words')).toBe(
      '<div>Intro text <ul><li>Other Block Text Here</li></ul> then Some Long Title Words[M] end.</div><p>Again Some Long Title Words.</p>',
    );
  });

  it('goes away with its paragraph, and the paper can then be marked again', () => {
    const doc = page(
      '<p id="a">We read Some Long Title Words here.</p><p id="b">And Some Long Title Words.</p>',
    );
    const layer = new MarkerLayer(doc);
    const [a, b] = [doc.querySelector('#a')!, doc.querySelector('#b')!];
    const end = (el: Element) => el.textContent!.indexOf('Words') + 'Words'.length;
    expect(layer.addInText(a, locateInBlock(a, end(a))!, paper('1'))).toBe(true);
    expect(layer.addInText(b, locateInBlock(b, end(b))!, paper('1'))).toBe(false);
    expect(layer.paperCount()).toBe(1);
    a.remove();
    expect(layer.prune()).toBe(1);
    expect(layer.paperCount()).toBe(0);
    expect(layer.addInText(b, locateInBlock(b, end(b))!, paper('1'))).toBe(true);
    expect(b.querySelector('[data-paperpeek="marker"]')?.previousSibling?.textContent).toBe(
      'And Some Long Title Words',
    );
  });

  it('is not placed when the text no longer holds the span', () => {
    const doc = page('<p>Short.</p>');
    expect(locateInBlock(doc.querySelector('p')!, 50)).toBeUndefined();
  });
});

describe('text for the background, in bounded slices', () => {
  it('cuts long text at spaces into overlapping slices and skips tiny blocks', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const slices = textSlices(['tiny', long]);
    expect(slices.every((s) => s.block === 1 && s.text.length <= SLICE_CHARS)).toBe(true);
    expect(slices.length).toBeGreaterThan(4);
    for (const s of slices) {
      expect(long.slice(s.offset, s.offset + s.text.length)).toBe(s.text);
      expect(s.offset === 0 || long[s.offset - 1] === ' ').toBe(true);
    }
    // Every character is in a slice, and neighbours overlap by more than a title's length.
    for (let i = 1; i < slices.length; i++) {
      const previousEnd = slices[i - 1]!.offset + slices[i - 1]!.text.length;
      expect(previousEnd - slices[i]!.offset).toBeGreaterThan(300);
    }
    expect(slices.at(-1)!.offset + slices.at(-1)!.text.length).toBe(long.length);
  });

  it('sends at most MAX_PROSE_CHARS of a page, however long one paragraph is', () => {
    const huge = 'state spaces everywhere '.repeat(250_000);
    const slices = textSlices([huge, 'a second block with enough text in it']);
    const sent = slices.reduce((n, s) => n + s.text.length, 0);
    expect(sent).toBeLessThanOrEqual(MAX_PROSE_CHARS);
    expect(sent).toBeGreaterThan(MAX_PROSE_CHARS - SLICE_CHARS);
    expect(slices.every((s) => s.block === 0)).toBe(true);
  });

  it('finds a title across a slice border exactly once, in messages of bounded size', async () => {
    const title = 'Progressive Gradient Flow for Robust Sparsity Training';
    const filler = 'lorem ipsum dolor sit amet '.repeat(400);
    const texts = Array.from({ length: 150 }, (_, i) =>
      i === 7 ? `${filler.slice(0, 2950)} ${title} ${filler}` : filler,
    );
    const sizes: number[] = [];
    const find = async (batch: string[]) => {
      sizes.push(batch.length);
      const titles = batch.map((text): TextMatch[] => {
        const at = text.indexOf(title);
        return at < 0 ? [] : [{ id: 'p', start: at, end: at + title.length }];
      });
      return { titles };
    };
    const { matches: found } = await findInBlocks(texts, find);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(SLICES_PER_MESSAGE);
    expect(found).toHaveLength(1);
    expect(texts[7]!.slice(found[0]!.start, found[0]!.end)).toBe(title);
    expect(found[0]!.block).toBe(7);
  });
});
