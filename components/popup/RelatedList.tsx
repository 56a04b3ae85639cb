import { rowFromPaper } from '@/lib/popup/rows';
import { useRelated } from '@/lib/popup/use-papers';
import { PaperRowView } from './PaperRowView';

export const MAX_RELATED = 8;

/** The catalog's most related papers, each a button that opens its own details. */
export function RelatedList({
  id,
  saved,
  onOpen,
}: {
  /** The paper whose related papers these are. */
  id: string;
  saved: ReadonlySet<string>;
  onOpen: (id: string) => void;
}) {
  const related = useRelated(id, MAX_RELATED);
  if (related.phase === 'loading') return null;
  if (related.phase === 'error') {
    return <p className="muted">Related papers could not be loaded: {related.message}</p>;
  }
  if (related.papers.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h3 id="related-heading">Related</h3>
      <ul data-list="related" className="plain-list">
        {related.papers.map((paper) => (
          <li key={paper.id} data-paper-id={paper.id}>
            <button type="button" className="row row-button" onClick={() => onOpen(paper.id)}>
              <PaperRowView row={rowFromPaper(paper)} saved={saved.has(paper.id)} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
