import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'PaperPeek',
    description:
      'Recognise research papers on any page and look them up in an offline catalog. Nothing you browse leaves your machine.',
    // unlimitedStorage: a user catalog of a million papers is far above the default origin quota.
    permissions: ['storage', 'unlimitedStorage'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'paperpeek@paperpeek.dev', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
