import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { arxivCategory, type ArxivCategory } from '@/lib/feeds/arxiv-taxonomy';
import { searchCategories } from '@/lib/feeds/category-search';
import { nextActive } from '@/lib/popup/listbox';

/** The settings schema's limit on categories in one feed. */
const MAX_CATEGORIES = 50;

type Props = {
  chosen: readonly string[];
  suggestions: readonly string[];
  disabled?: boolean;
  onChange: (next: string[]) => void;
};

const label = (id: string) => arxivCategory(id)?.name ?? id;

/**
 * The arXiv categories to follow: the chosen ones (each removable), suggestions one click away,
 * and a searchable combobox over the whole taxonomy. Focus stays in the box while the arrows move
 * through the matches (aria-activedescendant); Enter adds the active one, Escape closes the list.
 */
export function ArxivCategoryPicker({ chosen, suggestions, disabled, onChange }: Props) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [said, setSaid] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const ids = { input: useId(), list: useId(), hint: useId(), chosen: useId() };
  const full = chosen.length >= MAX_CATEGORIES;

  const matches: ArxivCategory[] = useMemo(() => {
    const taken = new Set(chosen);
    return searchCategories(query).filter((category) => !taken.has(category.id));
  }, [query, chosen]);
  const current = matches.length ? Math.min(active, matches.length - 1) : -1;
  const shown = open && !disabled && matches.length > 0;
  const optionId = (i: number) => `${ids.list}-${i}`;

  useEffect(() => {
    if (!shown || current < 0) return;
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
    // optionId depends on ids.list only, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, current]);

  const add = (id: string) => {
    if (chosen.includes(id) || full) return;
    onChange([...chosen, id]);
    setSaid(`Added ${id}, ${label(id)}.`);
    setQuery('');
    setActive(0);
  };
  const remove = (id: string) => {
    onChange(chosen.filter((c) => c !== id));
    setSaid(`Removed ${id}, ${label(id)}.`);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(event.key === 'ArrowDown' ? 0 : matches.length - 1);
        return;
      }
      const next = nextActive(current, event.key, matches.length);
      if (next !== undefined) setActive(next);
    } else if (shown && (event.key === 'PageDown' || event.key === 'PageUp')) {
      event.preventDefault();
      const next = nextActive(current, event.key, matches.length);
      if (next !== undefined) setActive(next);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const match = shown ? matches[current] : undefined;
      if (match) add(match.id);
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
      } else if (query) {
        event.preventDefault();
        setQuery('');
      }
    }
  };

  return (
    <div className="category-picker">
      <h4 className="picker-title" id={ids.chosen}>
        Categories
      </h4>
      {chosen.length === 0 ? (
        <p className="empty">No categories yet: arXiv is not asked for anything.</p>
      ) : (
        <ul className="chip-list" aria-labelledby={ids.chosen} data-list="categories">
          {chosen.map((id) => (
            <li key={id} className="chip" data-category={id}>
              <span className="chip-id">{id}</span>
              <span className="chip-name">{label(id)}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${id}, ${label(id)}`}
                disabled={disabled}
                onClick={() => remove(id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}

      {suggestions.length > 0 && (
        <div className="suggestions" role="group" aria-label="Suggested categories">
          <span className="suggestions-label" aria-hidden="true">
            Suggested:
          </span>
          {suggestions.map((id) => (
            <button
              key={id}
              type="button"
              className="button button-secondary suggestion"
              aria-label={`Add ${id}, ${label(id)}`}
              title={label(id)}
              disabled={disabled || full}
              onClick={() => {
                add(id);
                // The button goes once its category is chosen: the focus must not go with it.
                input.current?.focus();
              }}
            >
              + {id}
            </button>
          ))}
        </div>
      )}

      <label htmlFor={ids.input}>Add a category</label>
      <div className="combobox">
        <input
          ref={input}
          id={ids.input}
          className="text-input"
          type="text"
          role="combobox"
          aria-expanded={shown}
          aria-controls={ids.list}
          aria-autocomplete="list"
          aria-activedescendant={shown && current >= 0 ? optionId(current) : undefined}
          aria-describedby={ids.hint}
          autoComplete="off"
          spellCheck={false}
          placeholder="cs.LG, robotics, quantum…"
          value={query}
          disabled={disabled || full}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul
          id={ids.list}
          role="listbox"
          aria-label="arXiv categories"
          className="listbox"
          hidden={!shown}
        >
          {shown &&
            matches.map((category, i) => (
              <li
                key={category.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                data-category={category.id}
                className="option"
                // The box keeps focus, so the list stays open and typing goes on.
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => i !== current && setActive(i)}
                onClick={() => add(category.id)}
              >
                <span className="option-id">{category.id}</span>
                <span className="option-name">{category.name}</span>
                <span className="option-group">{category.group}</span>
              </li>
            ))}
        </ul>
      </div>
      <p className="hint" id={ids.hint}>
        {full
          ? `At most ${MAX_CATEGORIES} categories; remove one to add another.`
          : 'Type an id or a name; ↑ and ↓ move through the matches, Enter adds one.'}
      </p>
      {open && query.trim() !== '' && matches.length === 0 && (
        <p className="hint">No category matches “{query.trim()}”.</p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
