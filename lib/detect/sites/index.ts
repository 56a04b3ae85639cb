import type { SiteDetector } from '../types';
import { alphaxiv } from './alphaxiv';
import { ar5iv } from './ar5iv';
import { arxiv } from './arxiv';
import { googleScholar } from './google-scholar';
import { huggingface } from './huggingface';
import { openreview } from './openreview';
import { papersWithCode } from './papers-with-code';
import { reddit } from './reddit';
import { semanticScholar } from './semantic-scholar';
import { x } from './x';

/** Every site detector; each must have a fixture page in tests/fixtures/pages/expected.json. */
export const siteDetectors: readonly SiteDetector[] = [
  arxiv,
  ar5iv,
  alphaxiv,
  huggingface,
  openreview,
  semanticScholar,
  googleScholar,
  x,
  reddit,
  papersWithCode,
];

const patternCache = new Map<string, RegExp>();

/** A manifest match pattern (`*://*.example.com/path*`) as a regular expression over a URL. */
function patternRegExp(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${source.replace(/^\.\*:/, 'https?:')}$`);
    patternCache.set(pattern, re);
  }
  return re;
}

export function matchesUrl(detector: SiteDetector, url: URL): boolean {
  const target = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  return detector.matches.some((pattern) => patternRegExp(pattern).test(target));
}

export function detectorsFor(url: URL): SiteDetector[] {
  return siteDetectors.filter((detector) => matchesUrl(detector, url));
}
