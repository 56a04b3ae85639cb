import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Entry } from '../../lib/reading-list/entry';
import { badgeText } from './badge';
import { CardPage } from './card-page';
import { expect, test } from './fixtures';
import { launchWithFixtures } from './fixture-server';
import { send } from './messages';
import { inShadow, markerDrawsSaved, saveToggle } from './shadow';

/**
 * Papers outside the catalog (issue 16): on an arXiv listing of 24 well-known papers, the 4 the
 * bundled catalog has get catalog markers and the 20 others quiet markers, whose card offers
 * Save and Open; "Save this page's paper" works on an arXiv page of a paper the catalog lacks.
 * Pages in arXiv's real shape, served at arXiv URLs.
 */

let context: BrowserContext;
let worker: Worker;
let extensionId: string;

const IN_CATALOG: [string, string, string[]][] = [
  [
    '2312.00752',
    'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    ['Albert Gu', 'Tri Dao'],
  ],
  [
    '2305.18403',
    'LoRAPrune: Pruning Meets Low-Rank Parameter-Efficient Fine-Tuning',
    ['Mingyang Zhang', 'Hao Chen'],
  ],
  [
    '2111.00396',
    'Efficiently Modeling Long Sequences with Structured State Spaces',
    ['Albert Gu', 'Karan Goel', 'Christopher Ré'],
  ],
  [
    '2406.04320',
    'Chimera: Effectively Modeling Multivariate Time Series with 2-Dimensional State Space Models',
    ['Ali Behrouz', 'Michele Santacatterina'],
  ],
];
const OUTSIDE: [string, string, string[]][] = [
  ['1706.03762', 'Attention Is All You Need', ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']],
  [
    '1810.04805',
    'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    ['Jacob Devlin', 'Ming-Wei Chang'],
  ],
  [
    '2106.09685',
    'LoRA: Low-Rank Adaptation of Large Language Models',
    ['Edward J. Hu', 'Yelong Shen'],
  ],
  ['2005.14165', 'Language Models are Few-Shot Learners', ['Tom B. Brown', 'Benjamin Mann']],
  ['1512.03385', 'Deep Residual Learning for Image Recognition', ['Kaiming He', 'Xiangyu Zhang']],
  [
    '2010.11929',
    'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale',
    ['Alexey Dosovitskiy'],
  ],
  [
    '2006.11239',
    'Denoising Diffusion Probabilistic Models',
    ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
  ],
  [
    '1409.0473',
    'Neural Machine Translation by Jointly Learning to Align and Translate',
    ['Dzmitry Bahdanau'],
  ],
  ['1412.6980', 'Adam: A Method for Stochastic Optimization', ['Diederik P. Kingma', 'Jimmy Ba']],
  [
    '2203.02155',
    'Training language models to follow instructions with human feedback',
    ['Long Ouyang'],
  ],
  ['2302.13971', 'LLaMA: Open and Efficient Foundation Language Models', ['Hugo Touvron']],
  ['2307.09288', 'Llama 2: Open Foundation and Fine-Tuned Chat Models', ['Hugo Touvron']],
  ['2112.10752', 'High-Resolution Image Synthesis with Latent Diffusion Models', ['Robin Rombach']],
  [
    '2103.00020',
    'Learning Transferable Visual Models From Natural Language Supervision',
    ['Alec Radford'],
  ],
  [
    '1502.03167',
    'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
    ['Sergey Ioffe', 'Christian Szegedy'],
  ],
  [
    '1207.0580',
    'Improving neural networks by preventing co-adaptation of feature detectors',
    ['Geoffrey E. Hinton'],
  ],
  [
    '2201.11903',
    'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models',
    ['Jason Wei'],
  ],
  [
    '2205.14135',
    'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    ['Tri Dao'],
  ],
  ['2001.08361', 'Scaling Laws for Neural Language Models', ['Jared Kaplan']],
  [
    '1910.10683',
    'Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer',
    ['Colin Raffel'],
  ],
];

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An arXiv listing page (`/list/.../pastweek`), rows as arXiv writes them. */
function listing(rows: [string, string, string[]][]): string {
  const items = rows.map(
    ([id, title, authors], i) => `
      <dt><a name='item${i + 1}'>[${i + 1}]</a>
        <a href ="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a>
        [<a href="/pdf/${id}" title="Download PDF" id="pdf-${id}">pdf</a>, <a href="/format/${id}" title="Other formats" id="oth-${id}">other</a>]
      </dt>
      <dd><div class='meta'>
        <div class='list-title mathjax'><span class='descriptor'>Title:</span>
          ${esc(title)}
        </div>
        <div class='list-authors'>${authors.map((a) => `<a href="https://arxiv.org/a/${a.split(' ').at(-1)!.toLowerCase()}_1">${esc(a)}</a>`).join(', ')}</div>
        <div class='list-subjects'><span class='descriptor'>Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span></div>
      </div></dd>`,
  );
  return `<!DOCTYPE html><html lang="en"><head><title>Machine Learning authors/titles "past week"</title></head>
<body class="with-cu-identity"><main><div id="content"><div id='content-inner'><div id='dlpage'>
<h1>Machine Learning</h1><h3>Authors and titles for the past week (showing ${rows.length} entries)</h3>
<dl id='articles'>${items.join('')}</dl></div></div></div></main></body></html>`;
}

const LISTING_URL = 'https://arxiv.org/list/cs.LG/pastweek?show=25';
/** Attention Is All You Need's abstract page, as arXiv serves it (citation metadata included). */
const ABS_URL = 'https://arxiv.org/abs/1706.03762';
const ABS_HTML = `<!DOCTYPE html><html lang="en"><head>
<title>[1706.03762] Attention Is All You Need</title>
<meta name="citation_title" content="Attention Is All You Need" />
<meta name="citation_author" content="Vaswani, Ashish" /><meta name="citation_author" content="Shazeer, Noam" />
<meta name="citation_date" content="2017/06/12" />
<meta name="citation_pdf_url" content="http://arxiv.org/pdf/1706.03762" />
<meta name="citation_arxiv_id" content="1706.03762" />
</head><body class="with-cu-identity"><main><div id="content"><div id="abs-outer"><div class="leftcolumn">
<div class="subheader"><h1>Computer Science &gt; Computation and Language</h1></div>
<div id="content-inner"><div id="abs">
<div class="dateline">[Submitted on 12 Jun 2017 (<a href="https://arxiv.org/abs/1706.03762v1">v1</a>), last revised 2 Aug 2023 (this version, v7)]</div>
<h1 class="title mathjax"><span class="descriptor">Title:</span>Attention Is All You Need</h1>
<div class="authors"><span class="descriptor">Authors:</span><a href="https://arxiv.org/search/cs?searchtype=author&amp;query=Vaswani,+A">Ashish Vaswani</a>, <a href="https://arxiv.org/search/cs?searchtype=author&amp;query=Shazeer,+N">Noam Shazeer</a></div>
<blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.</blockquote>
</div></div></div></div></div></main></body></html>`;
/** LoRA in arXiv's HTML (LaTeXML) view, which declares no citation metadata. */
const HTML_URL = 'https://arxiv.org/html/2106.09685v2';
const HTML_VIEW = `<!DOCTYPE html><html lang="en"><head><title>LoRA: Low-Rank Adaptation of Large Language Models</title></head>
<body><div class="ltx_page_main"><div class="ltx_page_content"><article class="ltx_document ltx_authors_1line">
<h1 class="ltx_title ltx_title_document">LoRA: Low-Rank Adaptation of Large Language Models</h1>
<div class="ltx_authors"><span class="ltx_creator ltx_role_author"><span class="ltx_personname">Edward Hu, Yelong Shen</span></span></div>
<div class="ltx_abstract"><p class="ltx_p">An important paradigm of natural language processing consists of large-scale pre-training.</p></div>
</article></div></div></body></html>`;

test.beforeAll(async () => {
  ({ context, worker } = await launchWithFixtures());
  extensionId = new URL(worker.url()).host;
  const pages: [string, string][] = [
    [
      LISTING_URL,
      listing([
        ...IN_CATALOG.slice(0, 2),
        ...OUTSIDE.slice(0, 10),
        ...IN_CATALOG.slice(2),
        ...OUTSIDE.slice(10),
      ]),
    ],
    [ABS_URL, ABS_HTML],
    [HTML_URL, HTML_VIEW],
  ];
  for (const [url, body] of pages) {
    await context.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
    );
  }
});

test.afterAll(async () => context?.close());

async function extensionPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

/** The stored reading list, read as an extension page can. */
async function entries(): Promise<Entry[]> {
  const page = await extensionPage();
  const all = await page.evaluate(
    () =>
      new Promise<Entry[]>((resolve, reject) => {
        const open = indexedDB.open('paperpeek-user');
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('entries').objectStore('entries').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as Entry[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
  await page.close();
  return all;
}

test.beforeEach(async () => {
  const page = await extensionPage();
  for (const entry of await entries()) await send(page, 'removePaper', { id: entry.id });
  await page.close();
});

const CATALOG = '[data-paperpeek="marker"][data-in-catalog="true"]';
const QUIET = '[data-paperpeek="marker"][data-in-catalog="false"]';

/** The quiet markers as the page has them: id, focusability, and the title row they follow. */
function quietMarkers(page: Page) {
  return page.locator(QUIET).evaluateAll((markers) =>
    markers.map((m) => ({
      id: m.getAttribute('data-paper-id'),
      tabindex: m.getAttribute('tabindex'),
      row: m.closest('.list-title') !== null,
    })),
  );
}

/** The open card's "Not in your catalog" line and its Open link. */
const outsideCard = (page: Page) =>
  inShadow<{ note: string; open: string | null; openText: string } | null>(
    page,
    'card',
    null,
    `function () {
      const note = this.querySelector('[data-in-catalog="false"]');
      const open = this.querySelector('a.open');
      return note ? { note: note.textContent, open: open?.getAttribute('href') ?? null, openText: open?.textContent ?? '' } : null;
    }`,
  );

test('an arXiv listing of 24 well-known papers: 4 catalog markers (the badge says 4) and 20 quiet ones to save from', async () => {
  const page = await context.newPage();
  await page.goto(LISTING_URL);
  await expect.poll(() => page.locator(CATALOG).count()).toBe(4);
  await expect.poll(() => page.locator(QUIET).count()).toBe(20);
  expect(await quietMarkers(page)).toEqual(
    OUTSIDE.map(([id]) => ({ id, tabindex: '0', row: true })),
  );
  await expect.poll(() => badgeText(worker, page)).toBe('4');

  // The keyboard reaches a quiet marker, and its card opens.
  const focused = () =>
    page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.paperId);
  for (let i = 0; i < 200 && (await focused()) !== '1706.03762'; i++)
    await page.keyboard.press('Tab');
  expect(await focused()).toBe('1706.03762');
  const card = new CardPage(page);
  await expect
    .poll(() => card.read())
    .toMatchObject({
      title: 'Attention Is All You Need',
      titleHref: 'https://arxiv.org/abs/1706.03762',
      authors: 'Ashish Vaswani, Noam Shazeer, Niki Parmar',
    });
  expect(await outsideCard(page)).toEqual({
    note: 'Not in your catalog',
    open: 'https://arxiv.org/abs/1706.03762',
    openText: 'Open on arXiv',
  });
  await expect.poll(async () => (await saveToggle(page))?.text).toBe('Save');

  // A page script's forged click and S key on a quiet marker save nothing.
  await page.evaluate(() => {
    const marker = document.querySelector<HTMLElement>('[data-paper-id="1810.04805"]')!;
    marker.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    marker.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true, composed: true }));
  });

  // The reader's own click on Save.
  await card.click('button.save');
  await expect
    .poll(() => saveToggle(page))
    .toMatchObject({ text: 'Saved ✓', status: 'Saved to your list' });
  await expect.poll(() => markerDrawsSaved(page, '1706.03762')).toBe(true);
  expect(await entries()).toEqual([
    expect.objectContaining({
      id: '1706.03762',
      inCatalog: false,
      snapshot: {
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
        arxivId: '1706.03762',
        url: 'https://arxiv.org/abs/1706.03762',
      },
    }),
  ]);
  // Still the catalog's count: a saved quiet paper is not a catalog paper.
  await expect.poll(() => badgeText(worker, page)).toBe('4');
  await page.close();
});

/** The tab showing `page`, once its content script has reported it (as reading-list-save.spec). */
async function tabOf(page: Page): Promise<number> {
  await page.bringToFront();
  const url = page.url();
  const find = () =>
    worker.evaluate(async (url) => {
      type Session = { get: (keys: null) => Promise<Record<string, { url?: string }>> };
      const { session } = (globalThis as unknown as { chrome: { storage: { session: Session } } })
        .chrome.storage;
      const all = await session.get(null);
      const ids = Object.entries(all).flatMap(([key, value]) =>
        key.startsWith('tabPapers.') && value?.url === url ? [Number(key.slice(10))] : [],
      );
      return ids.length === 1 ? ids[0]! : null;
    }, url);
  await expect.poll(find).not.toBeNull();
  return (await find())!;
}

test("Save this page's paper on arXiv pages of papers the catalog lacks: the abstract page and the HTML view", async () => {
  const abs = await context.newPage();
  await abs.goto(ABS_URL);
  // The page's own paper has a quiet marker at its title.
  await expect(abs.locator(`h1.title ${QUIET}[data-paper-id="1706.03762"]`)).toBeAttached();
  const popup = await extensionPage();
  const saved = await send(popup, 'savePagePaper', { tabId: await tabOf(abs) });
  expect(saved).toMatchObject({
    alreadySaved: false,
    entry: {
      id: '1706.03762',
      inCatalog: false,
      // As arXiv shows the authors, not as its citation_author tags write them.
      snapshot: {
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani', 'Noam Shazeer'],
        year: 2017,
        arxivId: '1706.03762',
      },
    },
  });

  const html = await context.newPage();
  await html.goto(HTML_URL);
  await expect(html.locator(`${QUIET}[data-paper-id="2106.09685"]`)).toBeAttached();
  const fromHtml = await send(popup, 'savePagePaper', { tabId: await tabOf(html) });
  expect(fromHtml).toMatchObject({
    alreadySaved: false,
    entry: {
      id: '2106.09685',
      inCatalog: false,
      snapshot: {
        title: 'LoRA: Low-Rank Adaptation of Large Language Models',
        arxivId: '2106.09685',
        url: 'https://arxiv.org/abs/2106.09685',
      },
    },
  });
  await popup.close();
  await abs.close();
  await html.close();
});
