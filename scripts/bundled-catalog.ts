import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BUNDLED_CATALOG = 'public/catalog/default.ndjson.gz';

/**
 * The bundled catalog's file. public/catalog/ is a build output (git-ignored), so on a fresh
 * checkout (CI runs the unit tests before any build) the project's own builder writes the same
 * catalog to a temporary file, once per process.
 */
let built: string | null = null;
export function bundledCatalogFile(): string {
  if (existsSync(BUNDLED_CATALOG)) return BUNDLED_CATALOG;
  if (built) return built;
  const out = path.join(
    mkdtempSync(path.join(tmpdir(), 'paperpeek-catalog-')),
    'default.ndjson.gz',
  );
  execFileSync('npx', ['tsx', 'scripts/build-catalog.ts', '--out', out], { stdio: 'pipe' });
  built = out;
  return out;
}
