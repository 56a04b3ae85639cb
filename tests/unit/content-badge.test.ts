import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeText, pdfPaperId, setPageBadge } from '@/lib/background/badge';

describe('toolbar badge', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [12, '12'],
    [100, '99+'],
  ])('%i papers read %j', (count, text) => {
    expect(badgeText(count)).toBe(text);
  });

  it.each([
    ['https://arxiv.org/pdf/2312.00752', '2312.00752'],
    ['https://arxiv.org/pdf/2312.00752v2', '2312.00752'],
    ['https://www.alphaxiv.org/pdf/2305.18403v1', '2305.18403'],
    ['https://arxiv.org/abs/2312.00752', undefined],
    ['https://openreview.net/pdf?id=uYLFoz1vlAC', undefined],
    ['https://evil.example/pdf/2312.00752', undefined],
  ])('PDF tab %s names %s', (url, id) => {
    expect(pdfPaperId(url)).toBe(id);
  });

  it('refuses a count that does not come from a tab', async () => {
    await expect(setPageBadge(3, { id: fakeBrowser.runtime.id })).rejects.toThrow(/from a tab/);
  });
});
