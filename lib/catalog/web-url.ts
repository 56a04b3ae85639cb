import { z } from 'zod';
import { isWebUrl, MAX_URL_LENGTH } from './web-link';

/**
 * The one schema for every stored link (catalog papers, reading-list snapshots, imports, sync):
 * zod's `z.url()` accepts any scheme, `javascript:` included. See web-link.ts for the rule.
 */
export const webUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH, { error: `longer than ${MAX_URL_LENGTH} characters` })
  .refine(isWebUrl, { error: 'only http(s) links are allowed' });

export { isWebUrl, safeHref, MAX_URL_LENGTH } from './web-link';
