import type { Paper } from '../catalog/schema';

/** Our markers, for selectors; a page's look-alike matches too, so check `isMarker` after. */
export const MARKER_SELECTOR = '[data-paperpeek="marker"][data-paper-id]';

/**
 * Sized in em of the surrounding text and a little smaller than a line, so it never makes a line
 * taller. `all: initial` first, and every declaration `!important`: an inline important declaration
 * beats any page rule, so `span { display: none !important }` can neither hide nor resize it.
 */
const HOST_STYLE = [
  'all: initial',
  'display: inline-block',
  'box-sizing: content-box',
  'font-size: inherit',
  'width: 0.85em',
  'height: 0.85em',
  'padding: 0 0 0 0.3em',
  'margin: 0',
  'vertical-align: -0.1em',
  'line-height: 0',
  'cursor: pointer',
]
  .map((declaration) => `${declaration} !important`)
  .join(';');

// Saved papers swap the magnifier for a check on a green dot: a change of shape, not only of
// colour. It is drawn inside the closed shadow root, where page scripts cannot look.
const SHADOW_CSS = `
:host { outline: none; }
svg { display: block; width: 100%; height: 100%; }
circle { fill: #b31b1b; }
path { fill: none; stroke: #fff; stroke-width: 2.4; stroke-linecap: round; stroke-linejoin: round; }
.check { display: none; }
.saved circle { fill: #188038; }
.saved .glass { display: none; }
.saved .check { display: inline; }
:host(:hover) circle { fill: #8a1515; }
:host(:hover) .saved circle { fill: #0d652d; }
:host(:focus-visible) svg { outline: 2px solid #1a73e8; outline-offset: 1px; border-radius: 50%; }
/* A paper outside the catalog: a grey ring with a grey glass, no red disc. */
.quiet circle { fill: none; stroke: #80868b; stroke-width: 1.6px; r: 7.2px; }
.quiet path { stroke: #5f6368; }
:host(:hover) .quiet circle { fill: none; stroke: #3c4043; }
@media (prefers-color-scheme: dark) {
  circle { fill: #f28b82; }
  .saved circle { fill: #81c995; }
  path { stroke: #202124; }
  .quiet circle { fill: none; stroke: #9aa0a6; }
  .quiet path { stroke: #bdc1c6; }
  :host(:hover) .quiet circle { fill: none; stroke: #dadce0; }
}
/* Saved, it draws as any saved marker: the check on a green dot. */
.quiet.saved circle, :host(:hover) .quiet.saved circle { fill: #188038; stroke: none; }
.quiet.saved path { stroke: #fff; }
@media (prefers-color-scheme: dark) {
  .quiet.saved circle, :host(:hover) .quiet.saved circle { fill: #81c995; }
  .quiet.saved path { stroke: #202124; }
}
`;

const SVG = 'http://www.w3.org/2000/svg';

/** A magnifier over a dot: "there is something to peek at here". Built node by node, not from
 * markup, so a page's Trusted Types policy has nothing to object to. */
function icon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const circle = doc.createElementNS(SVG, 'circle');
  for (const [name, value] of [
    ['cx', '8'],
    ['cy', '8'],
    ['r', '8'],
  ])
    circle.setAttribute(name!, value!);
  const glass = doc.createElementNS(SVG, 'path');
  glass.setAttribute('class', 'glass');
  glass.setAttribute('d', 'M7 4.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 1 1 0-5zM8.9 9.4l2.4 2.4');
  const check = doc.createElementNS(SVG, 'path');
  check.setAttribute('class', 'check');
  check.setAttribute('d', 'M4.6 8.3l2.3 2.3l4.5-4.6');
  svg.append(circle, glass, check);
  return svg;
}

/** Each marker's drawing, reachable from this content script only (the shadow root is closed). */
const drawings = new WeakMap<Element, SVGSVGElement>();

/**
 * Shows whether the marker's paper is on the reading list. Only the drawing inside the closed
 * shadow root changes: no attribute, class or size of the marker itself, which a page can read.
 */
export function setMarkerSaved(marker: Element, saved: boolean): void {
  drawings.get(marker)?.classList.toggle('saved', saved);
}

/** Whether the marker shows its paper as saved (for tests; pages cannot ask this). */
export function markerShowsSaved(marker: Element): boolean {
  return drawings.get(marker)?.classList.contains('saved') ?? false;
}

/**
 * The marker element. The light DOM carries only what a page already shows (the paper's catalog
 * id and title, for assistive technology, and whether the public catalog has it: `quiet` markers
 * stand for papers it lacks, `data-in-catalog="false"`); the drawing lives in a closed shadow root. A built-in
 * `span`, not a custom element: a page that defined our tag name first would have its own class
 * construct the element and, through `attachInternals()`, get the closed shadow root. A page cannot
 * define or upgrade `span`, and its patches of `attachShadow` live in its own world, not ours.
 */
export function createMarker(
  doc: Document,
  paper: Pick<Paper, 'id' | 'title'>,
  quiet = false,
): HTMLElement {
  const marker = doc.createElement('span');
  marker.setAttribute('data-paperpeek', 'marker');
  marker.setAttribute('data-paper-id', paper.id);
  marker.setAttribute('data-in-catalog', String(!quiet));
  marker.setAttribute('tabindex', '0');
  marker.setAttribute('role', 'button');
  const label = quiet ? `${paper.title} (not in your catalog)` : paper.title;
  marker.setAttribute('aria-label', `PaperPeek: ${label}`);
  marker.setAttribute('aria-haspopup', 'dialog');
  marker.setAttribute('style', HOST_STYLE);
  const shadow = marker.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = SHADOW_CSS;
  const drawing = icon(doc);
  if (quiet) drawing.classList.add('quiet');
  drawings.set(marker, drawing);
  shadow.append(style, drawing);
  return marker;
}
