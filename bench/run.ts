/**
 * Every benchmark, by suite. Each suite runs in real Chromium against the bench build and
 * reports ratios against a baseline measured in the same run (machines here are shared and noisy).
 *
 *   npm run bench                         # every suite with its defaults
 *   npm run bench -- catalog [--flags]    # one suite; see each suite's header for its flags
 */
import { execSync } from 'node:child_process';
import { runCatalogBench } from './catalog';
import { runSearchBench } from './search';
import { runDetectBench } from './detect';
import { runManagerBench } from './manager';
import { runSyncBench } from './sync';
import { runFeedsBench } from './feeds';

type Suite = (args: string[]) => Promise<void>;

/** One line per suite; each suite file owns its flags. */
const suites: Record<string, Suite> = {
  catalog: runCatalogBench,
  search: runSearchBench,
  detect: runDetectBench,
  sync: runSyncBench,
  manager: runManagerBench,
  feeds: runFeedsBench,
};

const [first, ...rest] = process.argv.slice(2);
if (first && !first.startsWith('-')) {
  const suite = suites[first];
  if (!suite)
    throw new Error(`Unknown suite "${first}"; suites: ${Object.keys(suites).join(', ')}`);
  await suite(rest);
} else if (first === undefined) {
  // One bench build for all suites; each suite then runs with its default sizes.
  execSync('npm run build:bench', { stdio: 'inherit' });
  for (const [name, suite] of Object.entries(suites)) {
    console.log(`\n=== bench: ${name} ===`);
    await suite(['--skip-build']);
  }
} else {
  throw new Error(`Name a suite before its flags: npm run bench -- <suite> ${first} ...`);
}
