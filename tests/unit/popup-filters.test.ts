import { describe, expect, it } from 'vitest';
import { NO_FILTERS, applyFilters, engineFilters, isFiltering } from '@/lib/popup/filters';

const saved = new Set(['2312.00752']);

describe('search filters', () => {
  it('turns the filter row into the engine filters', () => {
    const check = engineFilters(
      { hasCode: true, yearFrom: ' 2020 ', yearTo: '2024', saved: 'saved' },
      saved,
    );
    expect(check).toEqual({
      ok: true,
      filters: { hasCode: true, yearFrom: 2020, yearTo: 2024, ids: saved },
    });
    const unsaved = engineFilters({ ...NO_FILTERS, saved: 'unsaved' }, saved);
    expect(unsaved.ok && unsaved.filters.excludeIds).toEqual(saved);
    expect(engineFilters(NO_FILTERS, saved)).toEqual({ ok: true, filters: {} });
  });

  it.each([
    [{ yearFrom: '20' }, /"from" year must be four digits/],
    [{ yearTo: 'abcd' }, /"to" year must be four digits/],
    [{ yearFrom: '1200' }, /between 1900 and 2100/],
    [{ yearFrom: '2024', yearTo: '2020' }, /2024–2020 is empty/],
  ])('explains a bad year %j instead of searching', (patch, message) => {
    const check = engineFilters({ ...NO_FILTERS, ...patch }, saved);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error).toMatch(message);
  });

  it('says when any filter narrows the results', () => {
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect(isFiltering({ ...NO_FILTERS, yearTo: '2023' })).toBe(true);
    expect(isFiltering({ ...NO_FILTERS, saved: 'saved' })).toBe(true);
  });

  it('filters trending papers the way the engine filters search results', () => {
    const hits = [
      { id: '2312.00752', hasCode: true, year: 2023 },
      { id: '2111.00396', hasCode: false, year: 2021 },
      { id: 't-abc', hasCode: true },
    ];
    expect(applyFilters(hits, { hasCode: true }).map((h) => h.id)).toEqual(['2312.00752', 't-abc']);
    expect(applyFilters(hits, { yearFrom: 2022 }).map((h) => h.id)).toEqual(['2312.00752']);
    expect(applyFilters(hits, { excludeIds: saved }).map((h) => h.id)).toEqual([
      '2111.00396',
      't-abc',
    ]);
    expect(applyFilters(hits, { ids: saved }).map((h) => h.id)).toEqual(['2312.00752']);
  });
});
