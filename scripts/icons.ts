/**
 * The toolbar and store icons (public/icon/<size>.png, which WXT puts in the manifest) from
 * assets/icon.svg, rendered by Chromium at each size. Run after changing the SVG:
 *   npx tsx scripts/icons.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../tests/e2e/browser';

const SIZES = [16, 32, 48, 128];

const svg = readFileSync('assets/icon.svg', 'utf8');
mkdirSync('public/icon', { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath() });
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
  }
} finally {
  await browser.close();
}
console.log(`icons: ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
