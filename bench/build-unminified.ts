/**
 * The bench build without minification, in .output/bench-unminified-chrome-mv3, so that a CPU
 * profile (`npm run bench -- feeds --cpu-profile DIR --extension .output/bench-unminified-chrome-mv3`)
 * names functions as the source does, and attributes time to source modules through the maps. Timings come from the normal bench build, not this one.
 *
 *   npx tsx bench/build-unminified.ts
 */
import { build } from 'wxt';

process.env.PAPERPEEK_BENCH = '1';
await build({
  outDirTemplate: 'bench-unminified-{{browser}}-mv{{manifestVersion}}',
  vite: () => ({ build: { minify: false, sourcemap: true } }),
});
