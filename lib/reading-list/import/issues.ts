import type { z } from 'zod';
import type { Snapshot } from '../entry';

/** The first problem zod found, as "field: message", short enough for a list row. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Links in an imported snapshot must be web pages: the manager renders them as links, and a
 * `javascript:` or `data:` URL from a file must never become one.
 */
export function webLinkProblem(snapshot: Snapshot): string | undefined {
  for (const field of ['url', 'pdf', 'code'] as const) {
    const value = snapshot[field];
    if (value && !/^https?:\/\//i.test(value)) return `${field}: only http(s) links are imported`;
  }
  return undefined;
}
