import { useEffect, useId, useRef, useState } from 'react';
import { SOURCE_NAMES } from '@/lib/feeds/status-text';
import type { SourceId } from '@/lib/feeds/sources';
import { formatPapers } from '@/lib/ui/format';

type Props = {
  source: SourceId;
  /** Papers this source brought that the catalog did not have. */
  added: number;
  enabled: boolean;
  busy: boolean;
  onRemove: () => Promise<unknown>;
};

/**
 * "Remove this source's papers", asked twice: the first press shows what goes and what stays,
 * with Remove and Cancel (focus on Cancel, Escape cancels); focus returns to the first button.
 */
export function RemovePapers({ source, added, enabled, busy, onRemove }: Props) {
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const question = useId();
  const name = SOURCE_NAMES[source];

  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (returnFocus.current) trigger.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  const close = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  // Nothing to remove: no button that could only answer "nothing was removed".
  if (!asking && added === 0) return null;
  if (!asking) {
    return (
      <div className="card-actions">
        <button
          ref={trigger}
          type="button"
          className="button button-secondary"
          data-action="remove-source-papers"
          disabled={busy}
          onClick={() => setAsking(true)}
        >
          {busy ? 'Removing…' : 'Remove this source’s papers…'}
        </button>
      </div>
    );
  }
  return (
    <div
      className="confirm"
      role="group"
      aria-labelledby={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        }
      }}
    >
      <p id={question}>
        Remove the {formatPapers(added)} that only {source === 'sub' ? 'the catalog feed' : name}{' '}
        brought? Papers on your reading list stay on it, and papers the catalog file has stay in the
        catalog.
        {enabled &&
          ` ${name} stays on, so its next update brings them back unless you turn it off.`}
      </p>
      <div className="card-actions">
        <button
          type="button"
          className="button button-danger"
          data-action="confirm-remove"
          onClick={() => {
            close();
            void onRemove();
          }}
        >
          Remove papers
        </button>
        <button ref={cancel} type="button" className="button button-secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </div>
  );
}
