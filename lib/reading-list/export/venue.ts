/**
 * Whether a venue names a conference or workshop (a BibTeX `booktitle`) rather than a journal.
 * The snapshot keeps the venue as one string, so this is a judgement on its words; both answers
 * produce a valid entry that reference managers read back with the venue intact.
 */
const CONFERENCE =
  /\b(?:conference|proceedings|workshop|symposium|neurips|nips|icml|iclr|cvpr|iccv|eccv|acl|emnlp|naacl|coling|aaai|ijcai|kdd|sigir|sigmod|www|chi|uist|interspeech|icassp|colt|aistats|uai|corl|rss|icra|iros|miccai|wacv|bmvc)\b/i;

export function isConferenceVenue(venue: string): boolean {
  return CONFERENCE.test(venue);
}

/** "arXiv", "arXiv preprint", "CoRR": not a venue of its own, only where the preprint lives. */
export function isPreprintVenue(venue: string): boolean {
  return /^(?:arxiv(?:\s+preprint)?|corr|preprint)$/i.test(venue.trim());
}
