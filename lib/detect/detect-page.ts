import { DESCEND, isSkipped, SKIP, walkSteps, type Visitor } from './dom';
import { gateSteps, type GatePass } from './gate';
import { genericVisitor } from './generic';
import { idCandidate } from './identifiers';
import { metadataCandidates, pageAnchor } from './metadata';
import { detectorsFor } from './sites';
import { finish } from './steps';
import { blockCollector, proseCandidates, type TextBlock } from './text';
import type { Candidate } from './types';

/**
 * The most candidates one pass keeps, against a hostile page's millions; the scanner asks the
 * background about them in batches (lookup-client.ts). A 5,000-row arXiv listing gives two per row
 * (its id and its title), all of which must be asked about.
 */
export const MAX_CANDIDATES = 20_000;

/** What one pass over a page (or an added subtree) found. */
export interface PagePass {
  candidates: Candidate[];
  /** Its visible text by block, for the background's search for titles in prose (none with `gate`). */
  blocks: TextBlock[];
  /** With `gate`: the identifier links read by the first look (gate.ts). */
  gate?: GatePass;
}

export interface PageStepsOptions {
  limit?: number;
  /** The whole page (its URL and <meta> tags are candidates), not an added subtree. */
  whole?: boolean;
  /** Run the site detectors (off for the blocks a gate chose: the page's pass ran them). */
  sites?: boolean;
  /** Read identifier links only, not every title-like element or text block (gate.ts). */
  gate?: boolean;
  /** Read the root element itself too (a heading or link a gate chose), not only below it. */
  self?: boolean;
  /** With `gate`: containers a site detector read completely (SiteDetector.claims). */
  claimed?: readonly Element[];
}

/**
 * What makes two candidates the same question. Titles are already whitespace-collapsed; case is
 * the only rendering difference worth folding here.
 */
export function candidateKey(candidate: Candidate): string {
  return `${candidate.kind}:${candidate.truncated ? '…' : ''}${candidate.query.toLowerCase()}`;
}

/** A detector that throws on a hostile page costs its own candidates, never the others'. */
function safely(run: () => Candidate[]): Candidate[] {
  try {
    return run();
  } catch {
    return [];
  }
}

/** Two visitors in one walk: both skip exactly the subtrees isSkipped names. */
function both(a: Visitor, b: Visitor): Visitor {
  return {
    enter: (el) => {
      if (isSkipped(el)) return SKIP;
      a.enter(el);
      b.enter(el);
      return DESCEND;
    },
    leave: (el) => {
      a.leave?.(el);
      b.leave?.(el);
    },
    text: (data, node) => void b.text?.(data, node),
  };
}

/** Blocks per pause point of the prose pass (its regexes are the costly part). */
const BLOCKS_PER_STEP = 64;
const CANDIDATES_PER_STEP = 256;

/**
 * Every paper candidate on a page, most specific first: the site's own layout, then the page URL,
 * scholarly metadata, links and title-like elements, then identifiers in prose. Each query is
 * kept once, with the anchor of its first (most trusted) finding, so that a paper linked five
 * times in one listing row gets one marker; the same paper elsewhere on the page is not marked
 * again. A generator: it yields at pause points (every few hundred nodes), so the content script
 * can run it in ~10 ms slices; `detectPage` runs it in one go.
 */
export function* pageSteps(
  root: ParentNode,
  url: URL,
  {
    limit = MAX_CANDIDATES,
    whole = true,
    sites = true,
    gate = false,
    self = false,
    claimed = [],
  }: PageStepsOptions = {},
): Generator<void, PagePass> {
  const found: Candidate[] = [];
  const seen = new Set<string>();
  const add = (candidates: Candidate[]) => {
    for (const candidate of candidates) {
      const id = candidateKey(candidate);
      if (seen.has(id) || found.length >= limit) continue;
      seen.add(id);
      found.push(candidate);
    }
  };
  for (const site of sites ? detectorsFor(url) : []) {
    if (site.steps) {
      try {
        add(yield* site.steps(root, url));
      } catch {
        // As with `safely`: a hostile page costs this detector's candidates only.
      }
    } else add(safely(() => site.detect(root, url)));
    yield;
  }
  // A subtree's own scan must not claim the page's URL or <meta> tags for itself.
  if (whole) {
    add(
      safely(() => {
        const anchor = pageAnchor(root);
        const id = anchor && idCandidate(url.href, 'url', anchor);
        return id ? [id] : [];
      }),
    );
    add(safely(() => metadataCandidates(root)));
    yield;
  }
  if (gate) {
    let pass: GatePass | undefined;
    try {
      pass = yield* gateSteps(root as Node, url, seen, claimed);
    } catch {
      // As below: a hostile node costs the rest of this pass, never what was found before it.
    }
    if (pass) add(pass.links);
    return { candidates: found, blocks: [], gate: pass };
  }
  const generic: Candidate[] = [];
  const collector = blockCollector(root as Node, true);
  try {
    yield* walkSteps(
      root as Node,
      both(genericVisitor(url, generic, true), collector.visitor),
      undefined,
      { self },
    );
  } catch {
    // A hostile node that throws costs the rest of this walk, not the candidates found so far.
  }
  // Deduping thousands of title candidates is itself a long task on a big article: in steps.
  for (let i = 0; i < generic.length; i += CANDIDATES_PER_STEP) {
    add(generic.slice(i, i + CANDIDATES_PER_STEP));
    yield;
  }
  const blocks = yield* collector.blockSteps(BLOCKS_PER_STEP * 8);
  for (let i = 0; i < blocks.length; i += BLOCKS_PER_STEP) {
    add(safely(() => proseCandidates(blocks.slice(i, i + BLOCKS_PER_STEP))));
    yield;
  }
  return { candidates: found, blocks };
}

export { finish } from './steps';

export function detectPage(root: ParentNode, url: URL, limit = MAX_CANDIDATES): Candidate[] {
  return finish(pageSteps(root, url, { limit })).candidates;
}
