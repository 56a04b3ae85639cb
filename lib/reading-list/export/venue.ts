/**
 * What kind of venue a snapshot's one venue string names, which decides the entry type of every
 * export: a conference or workshop (BibTeX `@inproceedings` + `booktitle`, CSL
 * `paper-conference`, RIS `CPAPER`), a journal (`@article` + `journal`, `article-journal`,
 * `JOUR`), or none (an arXiv preprint: `@misc` with eprint fields, CSL `article`, RIS `INPR`).
 * It is a judgement on the words; a journal's words win, so "ECML PKDD 2022 Journal Track"
 * (published in the journal Machine Learning) stays an article.
 */

const JOURNAL =
  /\b(?:journal|transactions|letters|magazine|jmlr|tmlr|tacl|tpami|taslp|tnnls|tip|ijcv)\b/i;

const CONFERENCE =
  /\b(?:conference|proceedings|workshops?|symposium|findings|neurips|nips|icml|iclr|colm|cvpr|iccv|eccv|acl|eacl|aacl|emnlp|naacl|coling|lrec|conll|aaai|ijcai|kdd|sigir|sigmod|sigkdd|sigcomm|www|wsdm|cikm|recsys|icdm|sdm|ecml|pkdd|chi|uist|interspeech|icassp|colt|aistats|uai|corl|rss|icra|iros|miccai|wacv|bmvc|acm\s+mm|mm|icde|vldb|osdi|sosp|nsdi|usenix)\b/i;

export type VenueKind = 'conference' | 'journal' | 'preprint';

/** "arXiv", "arXiv preprint", "CoRR": not a venue of its own, only where the preprint lives. */
export function isPreprintVenue(venue: string): boolean {
  return /^(?:arxiv(?:\s+preprint)?|corr|preprint)$/i.test(venue.trim());
}

/** NeurIPS's proceedings, as Zotero and Google Scholar name them. */
const PROCEEDINGS_NAMES = /\badvances\s+in\s+neural\s+information\s+processing\s+systems\b/i;

export function isConferenceVenue(venue: string): boolean {
  return !JOURNAL.test(venue) && (CONFERENCE.test(venue) || PROCEEDINGS_NAMES.test(venue));
}

/** The kind of the venue, `preprint` when there is none (or only arXiv). */
export function venueKind(venue: string | undefined): VenueKind {
  if (!venue?.trim() || isPreprintVenue(venue)) return 'preprint';
  return isConferenceVenue(venue) ? 'conference' : 'journal';
}

/** The venue as a citation names it, or undefined when it is only where the preprint lives. */
export function citedVenue(venue: string | undefined): string | undefined {
  return venueKind(venue) === 'preprint' ? undefined : venue!.trim();
}
