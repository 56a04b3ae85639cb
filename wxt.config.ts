import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

// The benchmark pages (entrypoints/bench, entrypoints/bench-*) ship only in the bench build, which goes to its own
// output dir so the tested production build in .output/chrome-mv3 is never touched.
const bench = process.env.PAPERPEEK_BENCH === '1';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // citation-js (reading-list export/import, manager page only) imports node-fetch for Node;
  // in the browser it uses the page's fetch, so the import resolves to a stub.
  // WXT's content-script context posts the extension id to the page and stops on a document event
  // any page can forge; ours (lib/content/context.ts) keeps off the page's channels.
  vite: () => ({
    resolve: {
      alias: {
        'node-fetch': resolve('lib/reading-list/export/node-fetch-browser.ts'),
        'wxt/utils/content-script-context': resolve('lib/content/context.ts'),
      },
    },
  }),
  ...(bench ? { outDirTemplate: 'bench-{{browser}}-mv{{manifestVersion}}' } : {}),
  hooks: {
    'entrypoints:resolved': (_wxt, entrypoints) => {
      if (bench) return;
      // Every bench-only page is named bench or bench-<suite>.
      for (let i = entrypoints.length - 1; i >= 0; i--) {
        if (/^bench(-|$)/.test(entrypoints[i]!.name)) entrypoints.splice(i, 1);
      }
    },
  },
  manifest: ({ browser }) => ({
    name: 'PaperPeek',
    description:
      'Recognise research papers on any page and look them up in an offline catalog. Nothing you browse leaves your machine.',
    // unlimitedStorage: a user catalog of a million papers is far above the default origin quota.
    // alarms: periodic sync and retries with back-off (lib/background/sync-watch.ts).
    // notifications: the optional daily note about new papers on the reading list's topics
    // (lib/background/digest.ts), off until the user turns it on in Options → Sources.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    // The user's WebDAV server, whatever its address: requested for that one origin, at run time,
    // when the user saves it in the options page.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Chrome's PDF viewer runs no content script: the background badges a PDF tab from its URL,
    // which tabs.onUpdated reveals only for hosts the extension may access (narrower than `tabs`).
    host_permissions: [
      '*://arxiv.org/pdf/*',
      '*://www.arxiv.org/pdf/*',
      '*://*.alphaxiv.org/pdf/*',
    ],
    // The toolbar button carries the badge: how many catalog papers the page shows.
    action: { default_title: 'PaperPeek' },
    // The background handles it (lib/background/commands.ts); users can rebind it in the browser.
    commands: {
      'save-page-paper': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: "Save this page's paper to the reading list",
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paperpeek@paperpeek.dev',
              strict_min_version: '140.0',
              // PaperPeek sends nothing anywhere: lookups are answered from the local catalog.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
