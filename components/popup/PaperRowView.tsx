import { shortAuthors, venueAndYear, type PaperRow } from '@/lib/popup/rows';
import { Highlight } from './Highlight';

interface Props {
  row: PaperRow;
  saved: boolean;
  /** Query words to mark in the title. */
  words?: readonly string[];
}

/** One paper as every popup list shows it: title, short authors, venue and year, badges. */
export function PaperRowView({ row, saved, words = [] }: Props) {
  const meta = venueAndYear(row);
  return (
    <>
      <span className="row-title">
        <Highlight text={row.title} words={row.titleMatched ? words : []} />
      </span>
      <span className="row-meta">
        {row.authors.length > 0 && <span className="row-authors">{shortAuthors(row.authors)}</span>}
        {meta && (
          <span className="row-venue" title={meta}>
            {meta}
          </span>
        )}
        {(row.hasCode || saved) && (
          <span className="row-badges">
            {row.hasCode && (
              <span className="badge badge-code" title="Code available">
                Code
              </span>
            )}
            {saved && (
              <span className="badge badge-saved" title="In your reading list">
                Saved
              </span>
            )}
          </span>
        )}
      </span>
    </>
  );
}
