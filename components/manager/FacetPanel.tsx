import type { ReadingStatus } from '@/lib/reading-list/entry';
import { STATUS_LABELS, STATUSES, type Facets, type Filter } from '@/lib/reading-list/query';
import { sameTag } from '@/lib/reading-list/tags';

interface Props {
  facets: Facets;
  filter: Filter;
  onStatus: (status: ReadingStatus | null) => void;
  onTag: (tag: string | null) => void;
}

/** Counts per status and per tag; each is a toggle that filters the list. */
export function FacetPanel({ facets, filter, onStatus, onTag }: Props) {
  const isFilter = (tag: string) => filter.tag !== null && sameTag(tag, filter.tag);
  return (
    <nav className="facets" aria-label="Filter by status and tag">
      <h2>Status</h2>
      <ul data-facet="status">
        <li>
          <FacetButton
            label="All"
            count={facets.all}
            pressed={filter.status === null}
            onClick={() => onStatus(null)}
          />
        </li>
        {STATUSES.map((status) => (
          <li key={status}>
            <FacetButton
              label={STATUS_LABELS[status]}
              count={facets.status[status]}
              pressed={filter.status === status}
              dot={status}
              onClick={() => onStatus(filter.status === status ? null : status)}
            />
          </li>
        ))}
      </ul>
      <h2>Tags</h2>
      {facets.tags.length === 0 ? (
        <p className="facet-empty">
          {filter.tag
            ? 'No entries with this tag match.'
            : 'No tags yet. Select papers to tag them.'}
        </p>
      ) : (
        <ul data-facet="tag">
          {facets.tags.map(({ tag, count }) => (
            <li key={tag}>
              <FacetButton
                label={tag}
                count={count}
                pressed={isFilter(tag)}
                onClick={() => onTag(isFilter(tag) ? null : tag)}
              />
            </li>
          ))}
        </ul>
      )}
      {filter.tag && !facets.tags.some(({ tag }) => isFilter(tag)) && (
        <button type="button" className="button ghost small" onClick={() => onTag(null)}>
          Clear tag “{filter.tag}”
        </button>
      )}
    </nav>
  );
}

function FacetButton(props: {
  label: string;
  count: number;
  pressed: boolean;
  dot?: ReadingStatus;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="facet"
      aria-pressed={props.pressed}
      data-facet-value={props.label}
      onClick={props.onClick}
    >
      {props.dot && <span className={`status-dot status-${props.dot}`} aria-hidden="true" />}
      <span className="facet-label">{props.label}</span>
      <span className="facet-count">{props.count.toLocaleString('en')}</span>
    </button>
  );
}
