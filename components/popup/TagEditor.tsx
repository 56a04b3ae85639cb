import { useState } from 'react';
import { checkTag } from '@/lib/reading-list/query';
import { sameTag } from '@/lib/reading-list/tags';

interface Props {
  tags: readonly string[];
  onAdd: (tag: string) => Promise<void>;
  onRemove: (tag: string) => Promise<void>;
}

/** A saved paper's tags: chips with a remove button each, and a box that adds one on Enter. */
export function TagEditor({ tags, onAdd, onRemove }: Props) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async () => {
    const checked = checkTag(draft);
    if ('error' in checked) {
      setError(checked.error);
      return;
    }
    const same = tags.find((tag) => sameTag(tag, checked.tag));
    if (same) {
      setError(`Already tagged “${same}”.`);
      return;
    }
    try {
      await onAdd(checked.tag);
      setDraft('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="tags">
      <ul className="tag-list" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag} className="tag">
            {tag}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => void onRemove(tag).catch((e: unknown) => setError(String(e)))}
            >
              ×
            </button>
          </li>
        ))}
        <li className="tag-input-item">
          <input
            className="tag-input"
            aria-label="Add a tag"
            placeholder={tags.length ? 'Add tag' : 'Add a tag, then Enter'}
            value={draft}
            aria-invalid={!!error}
            aria-describedby={error ? 'tag-error' : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
          />
        </li>
      </ul>
      {error && (
        <p id="tag-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
