import { describe, expect, it } from 'vitest';
import {
  ARXIV_CATEGORIES,
  ARXIV_GROUPS,
  DEFAULT_SUGGESTIONS,
  arxivCategory,
  isArxivCategory,
} from '@/lib/feeds/arxiv-taxonomy';
import { searchCategories, suggestCategories } from '@/lib/feeds/category-search';
import { arxivCategorySchema } from '@/lib/feeds/sources';

describe('arXiv taxonomy', () => {
  it('has about 150 categories, each id once', () => {
    const ids = ARXIV_CATEGORIES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(140);
    expect(ids.length).toBeLessThanOrEqual(170);
  });

  it('writes every id as the settings accept it, with a name and a known group', () => {
    for (const category of ARXIV_CATEGORIES) {
      expect(arxivCategorySchema.safeParse(category.id).success, category.id).toBe(true);
      expect(category.name.trim(), category.id).not.toBe('');
      expect(ARXIV_GROUPS).toContain(category.group);
    }
  });

  it('holds the categories machine-learning readers follow, and the suggested defaults', () => {
    for (const id of ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'stat.ML', ...DEFAULT_SUGGESTIONS]) {
      expect(isArxivCategory(id), id).toBe(true);
    }
    expect(arxivCategory('cs.LG')?.name).toBe('Machine Learning');
    expect(arxivCategory('cond-mat.mes-hall')?.group).toBe('Physics');
    expect(isArxivCategory('cs.lg')).toBe(false);
    expect(isArxivCategory('cs')).toBe(false);
  });

  it('gives every group at least one category', () => {
    for (const group of ARXIV_GROUPS) {
      expect(
        ARXIV_CATEGORIES.some((c) => c.group === group),
        group,
      ).toBe(true);
    }
  });
});

describe('searchCategories', () => {
  const ids = (query: string) => searchCategories(query).map((c) => c.id);

  it('puts an exact id first, whatever its case', () => {
    expect(ids('cs.lg')[0]).toBe('cs.LG');
    expect(ids('HEP-TH')[0]).toBe('hep-th');
  });

  it('finds a subject class typed alone, and ids by their start', () => {
    expect(ids('lg')).toContain('cs.LG');
    expect(ids('q-bio')).toEqual(expect.arrayContaining(['q-bio.NC', 'q-bio.GN']));
    expect(ids('q-bio').every((id) => id.startsWith('q-bio.'))).toBe(true);
  });

  it('finds categories by words of their names, names starting with the query first', () => {
    const found = ids('machine learning');
    expect(found.slice(0, 2)).toEqual(['cs.LG', 'stat.ML']);
    expect(ids('vision')).toContain('cs.CV');
    expect(ids('robot')[0]).toBe('cs.RO');
  });

  it('finds a whole group by its name, after categories whose own names match', () => {
    const found = ids('finance');
    expect(found[0]).toBe('cs.CE'); // "Computational Engineering, Finance, and Science"
    expect(found).toContain('q-fin.TR');
  });

  it('answers every category for an empty query, and none for nonsense', () => {
    expect(ids('  ')).toHaveLength(ARXIV_CATEGORIES.length);
    expect(ids('zzzz')).toEqual([]);
  });
});

describe('suggestCategories', () => {
  it('suggests the reading list’s categories, the most frequent first, primary counting double', () => {
    const papers = [['cs.CL', 'cs.LG'], ['cs.RO'], ['cs.RO', 'cs.CL'], undefined, ['cs.LG']];
    // cs.RO 2+2, cs.CL 2+1, cs.LG 1+2: a tie goes by id.
    expect(suggestCategories(papers, [])).toEqual(['cs.RO', 'cs.CL', 'cs.LG']);
  });

  it('leaves out chosen categories and ids arXiv does not have', () => {
    expect(suggestCategories([['cs.CL', 'not.AThing', 'cs.LG']], ['cs.CL'])).toEqual(['cs.LG']);
  });

  it('falls back to the busiest machine-learning categories when the list names none', () => {
    expect(suggestCategories([undefined, []], [])).toEqual([...DEFAULT_SUGGESTIONS]);
    expect(suggestCategories([], ['cs.LG'])).toEqual(['cs.CL', 'cs.CV', 'cs.AI']);
  });

  it('suggests at most `max`', () => {
    const many = ARXIV_CATEGORIES.slice(0, 20).map((c) => [c.id]);
    expect(suggestCategories(many, [], 6)).toHaveLength(6);
  });
});
