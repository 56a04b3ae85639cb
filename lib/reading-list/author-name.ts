/**
 * Author names as people read them. Pages declare authors in the reference-manager order
 * (`<meta name="citation_author" content="Hu, Edward J.">`), and a snapshot saved from a page
 * keeps them as declared: BibTeX, CSL and RIS read that order correctly, so stored data stays as
 * it came. Where names are shown (the manager, the Markdown export) they read "Edward J. Hu".
 */

/** A part after the comma that is a suffix, not a given name: "Martin Luther King, Jr.". */
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv|v|inc\.?|ltd\.?|llc|co\.?|corp\.?)$/i;

export function displayName(author: string): string {
  const parts = author.split(',').map((part) => part.trim());
  if (parts.length < 2 || parts.some((part) => !part)) return author.trim();
  if (parts.length === 2) {
    const [family, given] = parts as [string, string];
    return SUFFIX.test(given) ? author.trim() : `${given} ${family}`;
  }
  if (parts.length === 3) {
    // BibTeX's "von Last, Jr, First".
    const [family, suffix, given] = parts as [string, string, string];
    if (SUFFIX.test(suffix)) return `${given} ${family} ${suffix}`;
  }
  return author.trim();
}
