import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Paper } from '../../lib/catalog/schema';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { send } from './messages';

/** The catalog the build bundled, read from the built extension itself. */
function bundledPapers(): Paper[] {
  const file = path.join(EXTENSION_DIR, 'catalog/default.ndjson.gz');
  const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
  return lines.slice(1, -1).map((line) => JSON.parse(line) as Paper);
}

test('after install the worker answers lookups for every bundled paper', async ({
  context,
  extensionId,
}) => {
  const papers = bundledPapers();
  expect(papers).toHaveLength(89);
  const withArxiv = papers.filter((p) => p.arxivId);
  expect(withArxiv).toHaveLength(88);

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect.poll(async () => (await send(page, 'getCatalogStatus')).active?.count).toBe(89);
  const status = await send(page, 'getCatalogStatus');
  expect(status).toMatchObject({
    active: { source: 'Bundled catalog' },
    job: null,
    lastError: null,
  });

  const byId = await send(page, 'lookupCandidates', {
    candidates: withArxiv.map((p) => p.arxivId!),
  });
  expect(byId.map((m) => m?.id)).toEqual(withArxiv.map((p) => p.id));
  const byTitle = await send(page, 'lookupCandidates', { candidates: papers.map((p) => p.title) });
  expect(byTitle.map((m) => m?.id)).toEqual(papers.map((p) => p.id));
  expect(byTitle.every((m) => m?.matchedBy === 'title')).toBe(true);
  // The batch answer names papers; their records come by id, complete and in order.
  const records = await send(page, 'getPapers', {
    ids: [...papers.map((p) => p.id), '2401.99999'],
  });
  expect(records.map((r) => r?.title ?? null)).toEqual([...papers.map((p) => p.title), null]);
  expect(records[0]).toEqual(papers[0]);

  const id = withArxiv[0]!.arxivId!;
  const urlForms = [
    `https://arxiv.org/abs/${id}`,
    `https://arxiv.org/pdf/${id}`,
    `https://arxiv.org/pdf/${id}v2.pdf`,
    `https://arxiv.org/html/${id}v1`,
    `${id}v3`,
    `https://www.alphaxiv.org/abs/${id}`,
    `https://www.alphaxiv.org/overview/${id}`,
    `https://huggingface.co/papers/${id}`,
    `https://ar5iv.labs.arxiv.org/html/${id}`,
    `https://export.arxiv.org/abs/${id}`,
    `https://doi.org/10.48550/arXiv.${id}`,
    `10.48550/arXiv.${id}`,
  ];
  const byUrl = await send(page, 'lookupCandidates', { candidates: urlForms });
  expect(byUrl.map((m) => m?.id)).toEqual(urlForms.map(() => id));

  const paper = withArxiv.find((p) => /[:-]/.test(p.title)) ?? withArxiv[0]!;
  const title = paper.title;
  const variants = [
    title.toLowerCase(),
    title.toUpperCase(),
    title.replace(/-/g, '–').replace(/:/g, ' —'),
    `“${title}”`,
    `  ${title.replace(/ /g, '   ')}  `,
    title.replace(/ and /gi, ' & '),
  ];
  const byVariant = await send(page, 'lookupCandidates', { candidates: variants });
  expect(byVariant.map((m) => m?.id)).toEqual(variants.map(() => paper.id));

  const words = title.split(/\s+/);
  const misses = [
    words[0]!.replace(/:$/, ''),
    words.slice(0, Math.ceil(words.length / 2)).join(' '),
  ];
  expect(await send(page, 'lookupCandidates', { candidates: misses })).toEqual([null, null]);
  expect(await send(page, 'lookupPaper', { query: 'Mamba' })).toBeNull();
});
