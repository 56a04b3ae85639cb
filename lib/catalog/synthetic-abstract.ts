import * as W from './synthetic-words';
import { int, pick, type Rng } from './synthetic-rng';

/**
 * Abstracts shaped like real ones (background, gap, method, results, code link), 120-250 words,
 * so the bench moves as many bytes per paper as a real catalog does.
 */

const phrase = (rng: Rng) => `${pick(rng, W.ADJECTIVES)} ${pick(rng, W.NOUNS)}`;

const BACKGROUND = [
  (rng: Rng) =>
    `${capital(phrase(rng))} has become a central problem in ${pick(rng, W.FIELDS)}, with applications ranging from ${pick(rng, W.NOUNS)} to ${pick(rng, W.NOUNS)}.`,
  (rng: Rng) =>
    `Recent progress in ${phrase(rng)} has enabled ${phrase(rng)} at unprecedented scale, yet ${pick(rng, W.NOUNS)} remains poorly understood.`,
  (rng: Rng) =>
    `However, existing approaches to ${phrase(rng)} rely on ${phrase(rng)} and struggle when ${pick(rng, W.NOUNS)} is scarce or noisy.`,
  (rng: Rng) =>
    `Prior work on ${pick(rng, W.NOUNS)} typically assumes ${phrase(rng)}, an assumption that rarely holds for ${phrase(rng)} in practice.`,
];

const METHOD = [
  (rng: Rng, name: string) =>
    `We propose ${name}, a ${phrase(rng)} framework that combines ${phrase(rng)} with ${phrase(rng)} to improve ${pick(rng, W.NOUNS)}.`,
  (rng: Rng, name: string) =>
    `In this paper, we introduce ${name}, which learns ${phrase(rng)} directly from ${phrase(rng)} without any ${pick(rng, W.NOUNS)} supervision.`,
  (rng: Rng, name: string) =>
    `Our key insight is that ${phrase(rng)} can be decomposed into ${phrase(rng)} and ${phrase(rng)}, which ${name} exploits through a ${phrase(rng)} objective.`,
];

const RESULT = [
  (rng: Rng, name: string) =>
    `Experiments on ${int(rng, 3, 12)} benchmarks, including ${pick(rng, W.DATASETS)} and ${pick(rng, W.DATASETS)}, show that ${name} improves ${pick(rng, W.METRICS)} by ${int(rng, 1, 15)}.${int(rng, 0, 9)} points over strong baselines.`,
  (rng: Rng, name: string) =>
    `${name} achieves state-of-the-art ${pick(rng, W.METRICS)} on ${pick(rng, W.DATASETS)} while using ${int(rng, 2, 9)}x less memory and ${int(rng, 2, 6)}x fewer ${pick(rng, W.NOUNS)}.`,
  (rng: Rng) =>
    `We further analyse ${phrase(rng)} and find that ${phrase(rng)} is the main driver of the gains, while ${phrase(rng)} contributes little.`,
  (rng: Rng) =>
    `Ablations confirm that each component matters, and the approach transfers to ${phrase(rng)} with minimal ${pick(rng, W.NOUNS)}.`,
];

function capital(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

function words(sentence: string): number {
  let n = 1;
  for (let i = 0; i < sentence.length; i++) if (sentence.charCodeAt(i) === 32) n++;
  return n;
}

/** At most 240 characters, cut at a word boundary with an ellipsis when it had to be cut. */
function clip(text: string, max = 240): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

export function abstractFor(
  rng: Rng,
  name: string,
  repo: string | undefined,
): { abstract: string; summary: string; keywords: string[] } {
  const target = int(rng, 120, 250);
  const background = [pick(rng, BACKGROUND)(rng), pick(rng, BACKGROUND)(rng)];
  const method = pick(rng, METHOD)(rng, name);
  const results = [pick(rng, RESULT)(rng, name)];
  const tail = repo ? [`Code and models are available at ${repo}.`] : [];
  let total = [...background, method, ...results, ...tail].reduce((n, s) => n + words(s), 0);
  while (total < target) {
    // Keep the order a reader expects: background before the method, results after it.
    const isBackground = background.length < 4 && rng() < 0.3;
    const extra = isBackground ? pick(rng, BACKGROUND)(rng) : pick(rng, RESULT)(rng, name);
    (isBackground ? background : results).push(extra);
    total += words(extra);
  }
  const abstract = [...background, method, ...results, ...tail].join(' ');
  const summary = clip(`${method} ${results[0]}`);
  const keywords = Array.from({ length: int(rng, 2, 5) }, () => phrase(rng));
  return { abstract, summary, keywords: [...new Set(keywords)] };
}
