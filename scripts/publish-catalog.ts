/**
 * `npm run catalog:publish`: builds the catalog from the same inputs as `npm run catalog` and
 * publishes it as a catalog feed (lib/catalog/feed-publish.ts) in --out: manifest.json, the base
 * catalog file, and a delta with what changed since the feed in --previous. Host the folder as
 * static files; the extension subscribes to its manifest.json (README, "Host a catalog feed").
 */
import { parseArgs } from 'node:util';
import { publishFeed } from '../lib/catalog/feed-publish';
import { buildPapers, display, INPUT_OPTIONS, INPUT_USAGE, runMain } from './catalog-inputs';

const TOOL = 'catalog:publish';
const USAGE = `usage: npm run catalog:publish -- ${INPUT_USAGE} [--previous DIR] --out DIR`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { ...INPUT_OPTIONS, previous: { type: 'string' }, out: { type: 'string' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(`${TOOL}: --out DIR is required\n${USAGE}`);
    return 2;
  }
  const built = await buildPapers(values, TOOL, USAGE);
  if (typeof built === 'number') return built;

  const result = await publishFeed(built.papers, {
    out: values.out,
    previous: values.previous,
    source: built.source,
  });
  const { base, deltas } = result.manifest;
  const what = {
    first: 'first publish',
    delta: `delta ${deltas.length}`,
    rebase: 'new base (the deltas grew past 20% of the base or 50 files)',
    unchanged: 'no change since the previous publish',
  }[result.kind];
  console.log(
    `${TOOL}: ${what}: ${result.added} added, ${result.changed} changed, ${result.withdrawn} withdrawn` +
      `${built.skipped ? ` (${built.skipped} entries skipped)` : ''}\n` +
      `${TOOL}: ${display(values.out)}: base ${base.version} (${base.count} papers) + ` +
      `${deltas.length} deltas; wrote ${result.written.join(', ')}`,
  );
  return 0;
}

runMain(TOOL, main);
